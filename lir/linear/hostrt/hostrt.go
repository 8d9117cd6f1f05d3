// Package hostrt runs lowered Nature programs in the LIR interpreter: it
// implements the rt.lang entry points of docs/runtime-abi.md in Go over
// the memory of an lir/interp Machine, so a program's linear LIR (the
// front end's output, before any optimisation) can run without the
// native runtime. It serves as an oracle for the back end: lir/linear's
// conformance test and natfuzz's differential runs compare what a
// program prints here with what its native build prints.
//
// It covers what single-coroutine programs use — printing, panics,
// strings, vecs, maps and sets, any and interface boxes, errors and a
// simple sprintf; a call to any other entry point (coroutines, channels,
// C calls, most of the standard library's runtime support) fails the run
// with an *UnsupportedError. Maps live on the Go side, keyed by the
// address of a small placeholder object, and iterate in insertion order.
package hostrt

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/naturekit/naturekit/lir/interp"
	"github.com/naturekit/naturekit/rt/abi"
)

// Runtime is the state of one run: the program's output and its maps.
type Runtime struct {
	out  bytes.Buffer
	maps map[uint64]*hostMap
}

type hostMap struct {
	kind int64
	keys []uint64
	vals []uint64
}

// ExitError ends a run with a status, like the runtime's Exit.
type ExitError struct{ Code int }

func (e ExitError) Error() string { return fmt.Sprintf("exit %d", e.Code) }

// ErrMemory reports that the interpreter's memory is exhausted: it has
// no collector, so a program that allocates more than its 1 GiB in all
// (garbage included) cannot run to the end there.
var ErrMemory = errors.New("the interpreter's memory is exhausted (it has no collector)")

// alloc allocates from the interpreter's memory, panicking with
// ErrMemory when it is exhausted.
func alloc(m *interp.Machine, size, align int64) uint64 {
	p := m.Alloc(size, align)
	if p == 0 {
		panic(ErrMemory)
	}
	return p
}

// New returns the state for one run.
func New() *Runtime { return &Runtime{maps: map[uint64]*hostMap{}} }

// Output is what the program printed so far.
func (r *Runtime) Output() string { return r.out.String() }

// Externs returns the entry points, by symbol name, for interp.New.
func (r *Runtime) Externs() map[string]interp.Extern {
	ex := map[string]interp.Extern{}
	add := func(name string, f func(m *interp.Machine, a []uint64) (uint64, error)) {
		ex["rt.lang."+name] = func(m *interp.Machine, a []uint64) (x uint64, err error) {
			// The helpers below panic on a bad access: say which entry
			// point made it.
			defer func() {
				switch p := recover().(type) {
				case nil:
				case error:
					err = fmt.Errorf("host runtime: rt.lang.%s: %w", name, p)
				default:
					err = fmt.Errorf("host runtime: rt.lang.%s: %v", name, p)
				}
			}()
			return f(m, a)
		}
	}
	load := func(m *interp.Machine, addr uint64, n int) uint64 {
		v, err := m.Load(addr, n)
		if err != nil {
			panic(err)
		}
		return v
	}
	store := func(m *interp.Machine, addr uint64, n int, v uint64) {
		if err := m.Store(addr, n, v); err != nil {
			panic(err)
		}
	}
	str := func(m *interp.Machine, s uint64) []byte {
		if s == 0 {
			return nil
		}
		b, err := m.Bytes(load(m, s, 8), int(load(m, s+8, 8)))
		if err != nil {
			panic(err)
		}
		return b
	}
	newStr := func(m *interp.Machine, b []byte) uint64 {
		if len(b) == 0 {
			return 0
		}
		p := alloc(m, int64(16+len(b)), 8)
		store(m, p, 8, p+16)
		store(m, p+8, 8, uint64(len(b)))
		for i, c := range b {
			store(m, p+16+uint64(i), 1, uint64(c))
		}
		return p
	}
	panicMsg := func(m *interp.Machine, msg string, pos uint64) (uint64, error) {
		fmt.Fprintf(&r.out, "panic: '%s' at %s\n", msg, str(m, pos))
		return 0, ExitError{1}
	}
	vlen := func(m *interp.Machine, v uint64) int64 {
		if v == 0 {
			return 0
		}
		return int64(load(m, v+8, 8))
	}
	vcap := func(m *interp.Machine, v uint64) int64 {
		if v == 0 {
			return 0
		}
		return int64(load(m, v+16, 8))
	}
	size := func(elem uint64) uint64 { return elem &^ abi.VecElemPtr }
	newVec := func(m *interp.Machine, elem uint64, n, c int64) uint64 {
		if c == 0 {
			return 0
		}
		p := alloc(m, 32+c*int64(size(elem)), 8)
		store(m, p, 8, p+32)
		store(m, p+8, 8, uint64(n))
		store(m, p+16, 8, uint64(c))
		store(m, p+24, 8, elem)
		return p
	}
	header := func(m *interp.Machine, data uint64, n, c int64, elem uint64) uint64 {
		p := alloc(m, 32, 8)
		store(m, p, 8, data)
		store(m, p+8, 8, uint64(n))
		store(m, p+16, 8, uint64(c))
		store(m, p+24, 8, elem)
		return p
	}
	copyElems := func(m *interp.Machine, dst, src uint64, n int64, elem uint64) {
		sz := size(elem)
		buf := make([]uint64, n)
		for i := range buf {
			buf[i] = load(m, src+uint64(i)*sz, int(sz))
		}
		for i, x := range buf {
			store(m, dst+uint64(i)*sz, int(sz), x)
		}
	}
	checkSlice := func(m *interp.Machine, lo, hi, n int64, pos uint64) (uint64, error) {
		if lo < 0 || lo > n || hi < 0 || hi > n {
			return panicMsg(m, fmt.Sprintf("slice [%d:%d] out of vec with length %d", lo, hi, n), pos)
		}
		if lo > hi {
			return panicMsg(m, fmt.Sprintf("invalid index values, must be low %d <= high %d", lo, hi), pos)
		}
		return 0, nil
	}
	value := func(m *interp.Machine, kind int64, bits uint64) string {
		switch kind {
		case abi.KindBool:
			return strconv.FormatBool(bits != 0)
		case abi.KindInt:
			return strconv.FormatInt(int64(bits), 10)
		case abi.KindUint:
			return strconv.FormatUint(bits, 10)
		case abi.KindFloat:
			return formatFloat(math.Float64frombits(bits))
		case abi.KindString:
			return string(str(m, bits))
		case abi.KindNull:
			return "null"
		}
		if bits == 0 {
			return "0"
		}
		return fmt.Sprintf("0x%x", bits)
	}
	mapKey := func(m *interp.Machine, fm *hostMap, k uint64) int {
		for i, x := range fm.keys {
			if x == k || fm.kind == abi.KindString && bytes.Equal(str(m, x), str(m, k)) {
				return i
			}
		}
		return -1
	}
	newMap := func(m *interp.Machine, kind uint64) uint64 {
		p := alloc(m, 8, 8)
		r.maps[p] = &hostMap{kind: int64(kind)}
		return p
	}
	getMap := func(p uint64) *hostMap {
		fm := r.maps[p]
		if fm == nil {
			panic(fmt.Sprintf("no map at %#x", p))
		}
		return fm
	}
	setKey := func(m *interp.Machine, p, k, v uint64) {
		fm := getMap(p)
		if i := mapKey(m, fm, k); i >= 0 {
			fm.vals[i] = v
			return
		}
		fm.keys = append(fm.keys, k)
		fm.vals = append(fm.vals, v)
	}
	delKey := func(m *interp.Machine, p, k uint64) {
		fm := getMap(p)
		if i := mapKey(m, fm, k); i >= 0 {
			last := len(fm.keys) - 1
			fm.keys[i], fm.vals[i] = fm.keys[last], fm.vals[last]
			fm.keys, fm.vals = fm.keys[:last], fm.vals[:last]
		}
	}
	b2u := func(b bool) uint64 {
		if b {
			return 1
		}
		return 0
	}

	add("Init", func(m *interp.Machine, a []uint64) (uint64, error) { return 0, nil })
	add("Exit", func(m *interp.Machine, a []uint64) (uint64, error) { return 0, ExitError{int(a[0])} })
	add("Alloc", func(m *interp.Machine, a []uint64) (uint64, error) {
		return alloc(m, int64(load(m, a[0], 8)), 8), nil
	})
	add("AllocBytes", func(m *interp.Machine, a []uint64) (uint64, error) { return alloc(m, int64(a[0]), 8), nil })
	add("WriteBarrier", func(m *interp.Machine, a []uint64) (uint64, error) {
		if a[0] == 0 {
			return 0, errors.New("write barrier on a nil slot")
		}
		store(m, a[0], 8, a[1])
		return 0, nil
	})
	add("StringLen", func(m *interp.Machine, a []uint64) (uint64, error) { return uint64(len(str(m, a[0]))), nil })
	add("PrintString", func(m *interp.Machine, a []uint64) (uint64, error) { r.out.Write(str(m, a[0])); return 0, nil })
	add("PrintInt", func(m *interp.Machine, a []uint64) (uint64, error) {
		r.out.WriteString(strconv.FormatInt(int64(a[0]), 10))
		return 0, nil
	})
	add("PrintUint", func(m *interp.Machine, a []uint64) (uint64, error) {
		r.out.WriteString(strconv.FormatUint(a[0], 10))
		return 0, nil
	})
	add("PrintFloat", func(m *interp.Machine, a []uint64) (uint64, error) {
		r.out.WriteString(formatFloat(math.Float64frombits(a[0])))
		return 0, nil
	})
	add("PrintBool", func(m *interp.Machine, a []uint64) (uint64, error) {
		r.out.WriteString(strconv.FormatBool(a[0]&0xff != 0))
		return 0, nil
	})
	add("PrintNull", func(m *interp.Machine, a []uint64) (uint64, error) { r.out.WriteString("null"); return 0, nil })
	add("PrintPtr", func(m *interp.Machine, a []uint64) (uint64, error) {
		r.out.WriteString(value(m, abi.KindPtr, a[0]))
		return 0, nil
	})
	add("PrintHex", func(m *interp.Machine, a []uint64) (uint64, error) { fmt.Fprintf(&r.out, "0x%x", a[0]); return 0, nil })
	add("PrintByte", func(m *interp.Machine, a []uint64) (uint64, error) { r.out.WriteByte(byte(a[0])); return 0, nil })
	add("PrintAny", func(m *interp.Machine, a []uint64) (uint64, error) {
		if a[0] == 0 {
			r.out.WriteString("null")
			return 0, nil
		}
		t := load(m, a[0], 8) // the type descriptor: its value kind says how
		r.out.WriteString(value(m, int64(load(m, t+abi.TypeOffValue, 8)), load(m, a[0]+8, 8)))
		return 0, nil
	})
	add("PrintEnd", func(m *interp.Machine, a []uint64) (uint64, error) { return 0, nil })
	add("Panic", func(m *interp.Machine, a []uint64) (uint64, error) { return panicMsg(m, string(str(m, a[0])), a[1]) })
	add("PanicIndex", func(m *interp.Machine, a []uint64) (uint64, error) {
		return panicMsg(m, fmt.Sprintf("index out of range [%d] with length %d", int64(a[0]), int64(a[1])), a[2])
	})
	add("Assert", func(m *interp.Machine, a []uint64) (uint64, error) {
		if a[0]&0xff == 0 {
			return panicMsg(m, "assertion failed", a[1])
		}
		return 0, nil
	})
	add("StringConcat", func(m *interp.Machine, a []uint64) (uint64, error) {
		return newStr(m, append(append([]byte(nil), str(m, a[0])...), str(m, a[1])...)), nil
	})
	add("StringCompare", func(m *interp.Machine, a []uint64) (uint64, error) {
		return uint64(int64(bytes.Compare(str(m, a[0]), str(m, a[1])))), nil
	})
	add("StringIndex", func(m *interp.Machine, a []uint64) (uint64, error) {
		s, i := str(m, a[0]), int64(a[1])
		if i < 0 || i >= int64(len(s)) {
			return panicMsg(m, fmt.Sprintf("index out of range [%d] with length %d", i, len(s)), a[2])
		}
		return uint64(s[i]), nil
	})
	add("StringSlice", func(m *interp.Machine, a []uint64) (uint64, error) {
		s, lo, hi := str(m, a[0]), int64(a[1]), int64(a[2])
		if _, err := checkSlice(m, lo, hi, int64(len(s)), a[3]); err != nil {
			return 0, err
		}
		return newStr(m, s[lo:hi]), nil
	})
	add("StringToBytes", func(m *interp.Machine, a []uint64) (uint64, error) {
		s := str(m, a[0])
		v := newVec(m, 1, int64(len(s)), int64(len(s)))
		for i, c := range s {
			store(m, load(m, v, 8)+uint64(i), 1, uint64(c))
		}
		return v, nil
	})
	add("StringFromBytes", func(m *interp.Machine, a []uint64) (uint64, error) {
		n := vlen(m, a[0])
		if n == 0 {
			return 0, nil
		}
		b, err := m.Bytes(load(m, a[0], 8), int(n))
		if err != nil {
			return 0, err
		}
		return newStr(m, append([]byte(nil), b...)), nil
	})
	add("VecMake", func(m *interp.Machine, a []uint64) (uint64, error) {
		return newVec(m, a[0], int64(a[1]), max(int64(a[1]), int64(a[2]))), nil
	})
	add("VecNew", func(m *interp.Machine, a []uint64) (uint64, error) {
		n := int64(a[2])
		if n < 0 {
			return panicMsg(m, "len must be greater than 0", a[3])
		}
		c := n
		if c == 0 {
			c = 8
		}
		v := newVec(m, a[0], n, c)
		for i := int64(0); i < n; i++ {
			store(m, load(m, v, 8)+uint64(i)*size(a[0]), int(size(a[0])), a[1])
		}
		return v, nil
	})
	add("VecCapOf", func(m *interp.Machine, a []uint64) (uint64, error) {
		if int64(a[1]) < 0 {
			return panicMsg(m, "cap must be greater than 0", a[2])
		}
		return newVec(m, a[0], 0, int64(a[1])), nil
	})
	add("VecIndex", func(m *interp.Machine, a []uint64) (uint64, error) {
		n, i := vlen(m, a[0]), int64(a[1])
		if i < 0 || i >= n {
			return panicMsg(m, fmt.Sprintf("index out of range [%d] with length %d", i, n), a[2])
		}
		return load(m, a[0], 8) + uint64(i)*size(load(m, a[0]+24, 8)), nil
	})
	add("VecLen", func(m *interp.Machine, a []uint64) (uint64, error) { return uint64(vlen(m, a[0])), nil })
	add("VecCap", func(m *interp.Machine, a []uint64) (uint64, error) { return uint64(vcap(m, a[0])), nil })
	add("VecPush", func(m *interp.Machine, a []uint64) (uint64, error) {
		v, elem := a[0], a[1]
		n, c := vlen(m, v), vcap(m, v)
		var w uint64
		if n < c {
			w = header(m, load(m, v, 8), n+1, c, elem)
		} else {
			c *= 2
			if c == 0 {
				c = 8
			}
			w = newVec(m, elem, n+1, c)
			if n > 0 {
				copyElems(m, load(m, w, 8), load(m, v, 8), n, elem)
			}
		}
		store(m, load(m, w, 8)+uint64(n)*size(elem), int(size(elem)), a[2])
		return w, nil
	})
	add("VecAppend", func(m *interp.Machine, a []uint64) (uint64, error) {
		v, elem, w := a[0], a[1], a[2]
		n, k, c := vlen(m, v), vlen(m, w), vcap(m, v)
		if k == 0 {
			return v, nil
		}
		var u uint64
		if n+k <= c {
			u = header(m, load(m, v, 8), n+k, c, elem)
		} else {
			u = newVec(m, elem, n+k, n+k+1)
			if n > 0 {
				copyElems(m, load(m, u, 8), load(m, v, 8), n, elem)
			}
		}
		copyElems(m, load(m, u, 8)+uint64(n)*size(elem), load(m, w, 8), k, elem)
		return u, nil
	})
	add("VecConcat", func(m *interp.Machine, a []uint64) (uint64, error) {
		v, elem, w := a[0], a[1], a[2]
		n, k := vlen(m, v), vlen(m, w)
		u := newVec(m, elem, n+k, n+k)
		if n > 0 {
			copyElems(m, load(m, u, 8), load(m, v, 8), n, elem)
		}
		if k > 0 {
			copyElems(m, load(m, u, 8)+uint64(n)*size(elem), load(m, w, 8), k, elem)
		}
		return u, nil
	})
	add("VecSlice", func(m *interp.Machine, a []uint64) (uint64, error) {
		v, elem, lo, hi := a[0], a[1], int64(a[2]), int64(a[3])
		n := vlen(m, v)
		if _, err := checkSlice(m, lo, hi, n, a[4]); err != nil {
			return 0, err
		}
		if hi == lo {
			return 0, nil
		}
		return header(m, load(m, v, 8)+uint64(lo)*size(elem), hi-lo, hi-lo, elem), nil
	})
	add("VecCopy", func(m *interp.Machine, a []uint64) (uint64, error) {
		n := min(vlen(m, a[0]), vlen(m, a[1]))
		if n > 0 {
			copyElems(m, load(m, a[0], 8), load(m, a[1], 8), n, load(m, a[0]+24, 8))
		}
		return uint64(n), nil
	})
	add("MapNew", func(m *interp.Machine, a []uint64) (uint64, error) { return newMap(m, a[0]), nil })
	add("SetNew", func(m *interp.Machine, a []uint64) (uint64, error) { return newMap(m, a[0]), nil })
	add("MapSet", func(m *interp.Machine, a []uint64) (uint64, error) { setKey(m, a[0], a[1], a[2]); return 0, nil })
	add("SetAdd", func(m *interp.Machine, a []uint64) (uint64, error) { setKey(m, a[0], a[1], 0); return 0, nil })
	add("MapGet", func(m *interp.Machine, a []uint64) (uint64, error) {
		fm := getMap(a[0])
		if i := mapKey(m, fm, a[1]); i >= 0 {
			return fm.vals[i], nil
		}
		return panicMsg(m, "key '"+value(m, fm.kind, a[1])+"' not found in map", a[2])
	})
	add("MapGetOr", func(m *interp.Machine, a []uint64) (uint64, error) {
		fm := getMap(a[0])
		if i := mapKey(m, fm, a[1]); i >= 0 {
			return fm.vals[i], nil
		}
		return a[2], nil
	})
	contains := func(m *interp.Machine, a []uint64) (uint64, error) {
		return b2u(mapKey(m, getMap(a[0]), a[1]) >= 0), nil
	}
	add("MapContains", contains)
	add("SetContains", contains)
	del := func(m *interp.Machine, a []uint64) (uint64, error) { delKey(m, a[0], a[1]); return 0, nil }
	add("MapDel", del)
	add("SetDel", del)
	add("MapLen", func(m *interp.Machine, a []uint64) (uint64, error) { return uint64(len(getMap(a[0]).keys)), nil })
	add("MapKeyAt", func(m *interp.Machine, a []uint64) (uint64, error) { return getMap(a[0]).keys[a[1]], nil })
	add("MapValueAt", func(m *interp.Machine, a []uint64) (uint64, error) { return getMap(a[0]).vals[a[1]], nil })
	box := func(m *interp.Machine, a []uint64) (uint64, error) {
		p := alloc(m, 16, 8)
		store(m, p, 8, a[0])
		store(m, p+8, 8, a[1])
		return p, nil
	}
	add("AnyBox", box)
	add("IfaceBox", box)
	add("IfaceConv", func(m *interp.Machine, a []uint64) (uint64, error) {
		tab := load(m, a[0], 8)
		if load(m, tab+abi.ItabOffIface, 8) == a[1] {
			return a[0], nil
		}
		t := load(m, tab+abi.ItabOffType, 8)
		tabs, n := load(m, t+abi.TypeOffItabs, 8), load(m, t+abi.TypeOffNItabs, 8)
		for i := uint64(0); i < n; i++ {
			if it := load(m, tabs+8*i, 8); load(m, it+abi.ItabOffIface, 8) == a[1] {
				return box(m, []uint64{it, load(m, a[0]+8, 8)})
			}
		}
		return 0, errors.New("IfaceConv: no method table")
	})
	r.errorExterns(add, load, str, newStr)
	return ex
}

// errorExterns adds the entry points of errors (docs/runtime-abi.md,
// "Errors"): a simple Sprintf (%d, %s, %v of ints, strings and bools,
// %%), the run-time error messages and the uncaught report.
func (r *Runtime) errorExterns(add func(string, func(*interp.Machine, []uint64) (uint64, error)),
	load func(*interp.Machine, uint64, int) uint64, str func(*interp.Machine, uint64) []byte,
	newStr func(*interp.Machine, []byte) uint64) {
	add("Sprintf", func(m *interp.Machine, a []uint64) (uint64, error) {
		format, args := str(m, a[0]), a[1]
		var out []byte
		next := uint64(0)
		for i := 0; i < len(format); i++ {
			c := format[i]
			if c != '%' || i+1 == len(format) {
				out = append(out, c)
				continue
			}
			i++
			if format[i] == '%' {
				out = append(out, '%')
				continue
			}
			box := load(m, load(m, args, 8)+8*next, 8)
			next++
			t, bits := load(m, box, 8), load(m, box+8, 8)
			switch load(m, t+abi.TypeOffValue, 8) {
			case abi.KindString:
				out = append(out, str(m, bits)...)
			case abi.KindBool:
				out = strconv.AppendBool(out, bits != 0)
			default:
				out = strconv.AppendInt(out, int64(bits), 10)
			}
		}
		return newStr(m, out), nil
	})
	add("ErrIndexMsg", func(m *interp.Machine, a []uint64) (uint64, error) {
		return newStr(m, fmt.Appendf(nil, "index out of range [%d] with length %d", int64(a[0]), int64(a[1]))), nil
	})
	add("ErrSliceMsg", func(m *interp.Machine, a []uint64) (uint64, error) {
		lo, hi, n := int64(a[0]), int64(a[1]), int64(a[2])
		switch {
		case lo < 0 || lo > n || hi < 0 || hi > n:
			return newStr(m, fmt.Appendf(nil, "slice [%d:%d] out of vec with length %d", lo, hi, n)), nil
		case lo > hi:
			return newStr(m, fmt.Appendf(nil, "invalid index values, must be low %d <= high %d", lo, hi)), nil
		}
		return 0, nil
	})
	add("ErrKeyMsg", func(m *interp.Machine, a []uint64) (uint64, error) {
		k := strconv.FormatInt(int64(a[1]), 10)
		if a[0] == abi.KindString {
			k = string(str(m, a[1]))
		}
		return newStr(m, []byte("key '"+k+"' not found in map")), nil
	})
	add("ErrUncaught", func(m *interp.Machine, a []uint64) (uint64, error) {
		tr := a[1]
		n := uint64(0)
		if tr != 0 {
			n = load(m, tr+8, 8)
		}
		frame := func(i uint64) (name, pos []byte) {
			f := load(m, load(m, tr, 8)+8*i, 8)
			return str(m, load(m, f+abi.ErrFrameOffName, 8)), str(m, load(m, f+abi.ErrFrameOffPos, 8))
		}
		fmt.Fprintf(&r.out, "coroutine 'main' uncaught error: '%s' at ", str(m, a[0]))
		if n > 0 {
			_, pos := frame(0)
			r.out.Write(pos)
		}
		r.out.WriteByte('\n')
		if n > 1 {
			r.out.WriteString("stack backtrace:\n")
			for i := uint64(0); i < n; i++ {
				name, pos := frame(i)
				fmt.Fprintf(&r.out, "%d:\t%s\n\t\tat %s\n", i, name, pos)
			}
		}
		return 0, ExitError{1}
	})
}

// formatFloat formats f as C's printf("%f") does with musl.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		if math.Signbit(f) {
			return "-nan"
		}
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'f', 6, 64)
}
