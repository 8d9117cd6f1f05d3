package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// Output is buffered in the Runtime and written with sys.Write when a
// print statement ends (PrintEnd), before a panic message is complete,
// and at Exit. The reference writes every argument at once; buffering per
// statement gives the same bytes in the same order with fewer system
// calls, and nothing is lost when a later statement crashes by signal.

// PrintString prints s's bytes as they are; nil prints nothing.
func (r *Runtime) PrintString(s *String) {
	if s != nil {
		r.writeBytes(s.Data, s.Len)
	}
}

// PrintInt prints v in signed decimal.
func (r *Runtime) PrintInt(v int64) {
	if v < 0 {
		r.writeByte('-')
		r.writeUint(uint64(-v)) // also right for the most negative value
		return
	}
	r.writeUint(uint64(v))
}

// PrintUint prints v in unsigned decimal.
func (r *Runtime) PrintUint(v uint64) { r.writeUint(v) }

// PrintFloat prints v as C's printf("%f") does (see float.go).
func (r *Runtime) PrintFloat(v float64) { r.writeFloat(float64bits(v)) }

// PrintBool prints true or false.
func (r *Runtime) PrintBool(b bool) {
	if b {
		r.writeConst("true")
	} else {
		r.writeConst("false")
	}
}

// PrintNull prints null.
func (r *Runtime) PrintNull() { r.writeConst("null") }

// PrintPtr prints p as C's %p does in musl: 0 for nil, else 0x and
// lowercase hex.
func (r *Runtime) PrintPtr(p unsafe.Pointer) {
	if p == nil {
		r.writeByte('0')
		return
	}
	r.writeHex(bitsOf(p))
}

// PrintHex prints v as 0x and lowercase hex, 0 included (simple enums).
func (r *Runtime) PrintHex(v uint64) { r.writeHex(v) }

// PrintByte prints one raw byte (println's separators and newline).
func (r *Runtime) PrintByte(c uint8) { r.writeByte(c) }

// PrintAny prints the boxed value as its type prints (its descriptor's
// value kind); nil prints null.
func (r *Runtime) PrintAny(a *Any) {
	if a == nil {
		r.PrintNull()
		return
	}
	r.printValue(a.Type.Value, a.Value)
}

// PrintEnd ends one print or println statement: it flushes the buffer.
func (r *Runtime) PrintEnd() { r.flush() }

// printValue prints the bits of a value of the given kind.
func (r *Runtime) printValue(kind int64, bits uint64) {
	switch kind {
	case abi.KindBool:
		r.PrintBool(bits != 0)
	case abi.KindInt:
		r.PrintInt(int64(bits))
	case abi.KindUint:
		r.writeUint(bits)
	case abi.KindFloat:
		r.writeFloat(bits)
	case abi.KindString:
		r.PrintString((*String)(ptrOf(bits)))
	case abi.KindNull:
		r.PrintNull()
	case abi.KindHex:
		r.writeHex(bits)
	default:
		r.PrintPtr(ptrOf(bits))
	}
}

// writeByte appends c to the buffer.
func (r *Runtime) writeByte(c uint8) {
	if r.nout == outSize {
		r.flush()
	}
	r.out[r.nout] = c
	r.nout++
}

// writeConst appends a string constant of the runtime's own.
func (r *Runtime) writeConst(s string) {
	for i := 0; i < len(s); i++ {
		r.writeByte(s[i])
	}
}

// writeBytes appends n bytes at p. Long runs are written directly.
func (r *Runtime) writeBytes(p unsafe.Pointer, n int64) {
	if n <= 0 {
		return
	}
	if n > outSize/2 {
		r.flush()
		r.writeAll(p, n)
		return
	}
	r.reserve(int(n))
	sys.Memmove(unsafe.Pointer(&r.out[r.nout]), p, uintptr(n))
	r.nout += int(n)
}

// reserve makes room for n more bytes (n <= outSize).
func (r *Runtime) reserve(n int) {
	if r.nout+n > outSize {
		r.flush()
	}
}

// flush writes the buffer out.
func (r *Runtime) flush() {
	if r.nout > 0 {
		r.writeAll(unsafe.Pointer(&r.out[0]), int64(r.nout))
		r.nout = 0
	}
}

// writeAll writes n bytes at p to the output descriptor, retrying short
// writes and interrupted calls. Other errors drop the output: there is
// nowhere to report them.
func (r *Runtime) writeAll(p unsafe.Pointer, n int64) {
	for n > 0 {
		w, errno := sys.Write(r.fd, p, uintptr(n))
		if errno == sys.EINTR {
			continue
		}
		if errno != 0 || w <= 0 {
			return
		}
		p = unsafe.Add(p, w)
		n -= int64(w)
	}
}

// writeUint appends v in decimal. The digits are written straight into
// the buffer, last digit first.
func (r *Runtime) writeUint(v uint64) {
	r.writeUintWidth(v, 1)
}

// writeUintWidth appends v in decimal, zero-padded to at least width
// digits (width <= 20).
func (r *Runtime) writeUintWidth(v uint64, width int) {
	n := decimalDigits(v)
	if n < width {
		n = width
	}
	r.reserve(n)
	for i := r.nout + n - 1; i >= r.nout; i-- {
		r.out[i] = '0' + uint8(v%10)
		v /= 10
	}
	r.nout += n
}

// decimalDigits returns how many decimal digits v has (1 for 0).
func decimalDigits(v uint64) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// writeHex appends 0x and v in lowercase hex.
func (r *Runtime) writeHex(v uint64) {
	n := 1
	for t := v >> 4; t != 0; t >>= 4 {
		n++
	}
	r.reserve(n + 2)
	r.out[r.nout] = '0'
	r.out[r.nout+1] = 'x'
	r.nout += 2
	for i := r.nout + n - 1; i >= r.nout; i-- {
		d := uint8(v & 15)
		if d < 10 {
			r.out[i] = '0' + d
		} else {
			r.out[i] = 'a' - 10 + d
		}
		v >>= 4
	}
	r.nout += n
}
