package lang

import (
	"math"
	"strconv"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
)

// fmtArg is an argument of a Sprintf test: its type descriptor and bits
// (nil type: null).
type fmtArg struct {
	t    *Type
	bits uint64
}

// fmtTypes are stand-in descriptors of every number width, with their
// sizes, as the compiler's would be.
var fmtTypes = [...]Type{
	abi.NKindI8:  {NKind: abi.NKindI8, Value: abi.KindInt, Mem: allocType(1)},
	abi.NKindU8:  {NKind: abi.NKindU8, Value: abi.KindUint, Mem: allocType(1)},
	abi.NKindI16: {NKind: abi.NKindI16, Value: abi.KindInt, Mem: allocType(2)},
	abi.NKindU16: {NKind: abi.NKindU16, Value: abi.KindUint, Mem: allocType(2)},
	abi.NKindI32: {NKind: abi.NKindI32, Value: abi.KindInt, Mem: allocType(4)},
	abi.NKindU32: {NKind: abi.NKindU32, Value: abi.KindUint, Mem: allocType(4)},
	abi.NKindI64: {NKind: abi.NKindI64, Value: abi.KindInt, Mem: allocType(8)},
	abi.NKindU64: {NKind: abi.NKindU64, Value: abi.KindUint, Mem: allocType(8)},
	abi.NKindF32: {NKind: abi.NKindF32, Value: abi.KindFloat, Mem: allocType(4)},
	abi.NKindF64: {NKind: abi.NKindF64, Value: abi.KindFloat, Mem: allocType(8)},
}

func ft(nk int64) *Type { return &fmtTypes[nk] }

func allocType(size uintptr) alloc.Type { return alloc.Type{Size: size, Align: size} }

func i64(v int64) fmtArg   { return fmtArg{ft(abi.NKindI64), uint64(v)} }
func f64(v float64) fmtArg { return fmtArg{ft(abi.NKindF64), math.Float64bits(v)} }

// sprintf runs Sprintf with a vec of boxes of args.
func (tr *testRT) sprintf(format string, args ...fmtArg) string {
	f := tr.str(format)
	tr.root(0, unsafe.Pointer(f))
	v := tr.VecMake(8|abi.VecElemPtr, int64(len(args)), 0)
	tr.root(1, unsafe.Pointer(v))
	for i, a := range args {
		var box *Any
		if a.t != nil {
			box = tr.AnyBox(a.t, a.bits)
		}
		tr.WriteBarrier((*unsafe.Pointer)(elemAddr(v, int64(i))), unsafe.Pointer(box))
	}
	s := goString(tr.Sprintf(f, v))
	tr.root(0, nil)
	tr.root(1, nil)
	return s
}

func TestSprintf(t *testing.T) {
	tr := newRT(t, gcConfigManual())
	str := func(s string) fmtArg {
		p := tr.str(s)
		tr.root(2, unsafe.Pointer(p))
		return fmtArg{kt(abi.KindString), uint64(uintptr(unsafe.Pointer(p)))}
	}
	tests := []struct {
		format string
		args   []fmtArg
		want   string
	}{
		{"", nil, ""},
		{"plain", nil, "plain"},
		{"%d %d %d", []fmtArg{i64(1), i64(-5), i64(math.MinInt64)}, "1 -5 -9223372036854775808"},
		{"%5d|%05d|%3d|%05d|%2d", []fmtArg{i64(42), i64(42), i64(-7), i64(-42), i64(12345)}, "   42|00042| -7|-0042|12345"},
		{"%d %d", []fmtArg{{ft(abi.NKindI8), uint64(math.MaxUint64 - 41)}, {ft(abi.NKindU8), 200}}, "-42 200"},
		{"%x %X %x %04x", []fmtArg{i64(255), i64(255), {ft(abi.NKindI8), math.MaxUint64}, i64(10)}, "ff FF ff 000a"},
		{"%x", []fmtArg{i64(-1)}, "ffffffffffffffff"},
		{"%v %v %v", []fmtArg{{kt(abi.KindBool), 1}, {kt(abi.KindBool), 0}, {}}, "true false null"},
		{"%c%c", []fmtArg{{ft(abi.NKindU8), 'h'}, {ft(abi.NKindU8), 'i'}}, "hi"},
		{"%c", []fmtArg{i64(104)}, "%!c"},
		{"%d|%f|%x", []fmtArg{f64(1), i64(1), f64(2)}, "%!d|%!f|%!x"},
		{"%d %d", []fmtArg{i64(5)}, "5 %!d"},
		{"%q %d", []fmtArg{i64(5)}, "%?q 5"},
		{"100%%", nil, "100%"},
		{"%", nil, ""},
		{"abc %5", []fmtArg{i64(1)}, "abc "},
		{"%f|%.2f|%.0f|%8.3f|%08.3f", []fmtArg{f64(3.14159), f64(2.005), f64(2.5), f64(3.14159), f64(-3.14159)},
			"3.141590|2.00|2|   3.142|-003.142"},
		{"%v %v %v %v", []fmtArg{f64(1.5), f64(2), f64(0.1), f64(1e20)}, "1.500000 2 0.100000 100000000000000000000"},
		{"%.1f %.1f %.2f", []fmtArg{f64(0.25), f64(0.35), f64(0.999)}, "0.2 0.3 1.00"},
		{"%v %v %v", []fmtArg{f64(math.Inf(1)), f64(math.Inf(-1)), f64(math.NaN())}, "inf -inf nan"},
		{"%v", []fmtArg{f64(math.Copysign(0, -1))}, "0"},
		{"%.20f", []fmtArg{f64(0.1)}, "0.10000000000000000555"},
		{"%.3f", []fmtArg{f64(5e-324)}, "0.000"},
		{"%v", []fmtArg{{ft(abi.NKindF32), math.Float64bits(float64(float32(1.25)))}}, "1.250000"},
	}
	for _, tc := range tests {
		if got := tr.sprintf(tc.format, tc.args...); got != tc.want {
			t.Errorf("Sprintf(%q) = %q, want %q", tc.format, got, tc.want)
		}
	}
	if got := tr.sprintf("%s|%5s|%v", str("ab"), str("cd"), str("")); got != "ab|cd|" {
		t.Errorf("strings: %q", got)
	}
}

// TestSprintfFloats compares %.Nf of doubles whose fractions need every
// bit with Go's correctly rounded formatting (the integral ones print
// without decimals, as errorf's formatter does).
func TestSprintfFloats(t *testing.T) {
	tr := newRT(t, gcConfigManual())
	values := []float64{1.0 / 3, 2.0 / 3, 1e-7, 123456.789, 0.5, 1.5, 2.5, 0.125, 1e-300, 4503599627370495.5, 1.0000001}
	for _, v := range values {
		for _, prec := range []int{1, 6, 17, 30} {
			format := "%." + strconv.Itoa(prec) + "f"
			want := strconv.FormatFloat(v, 'f', prec, 64)
			if got := tr.sprintf(format, f64(v)); got != want {
				t.Errorf("Sprintf(%q, %v) = %q, want %q", format, v, got, want)
			}
		}
	}
}

func TestErrMessages(t *testing.T) {
	tr := newRT(t, gcConfigManual())
	check := func(got *String, want string) {
		t.Helper()
		if s := goString(got); s != want {
			t.Errorf("got %q, want %q", s, want)
		}
	}
	check(tr.ErrIndexMsg(-1, 3), "index out of range [-1] with length 3")
	check(tr.ErrSliceMsg(1, 9, 3), "slice [1:9] out of vec with length 3")
	check(tr.ErrSliceMsg(3, 1, 5), "invalid index values, must be low 3 <= high 1")
	if tr.ErrSliceMsg(0, 3, 3) != nil || tr.ErrSliceMsg(2, 2, 3) != nil {
		t.Error("ErrSliceMsg of good bounds is not nil")
	}
	k := tr.str("zz")
	check(tr.ErrKeyMsg(abi.KindString, uint64(uintptr(unsafe.Pointer(k)))), "key 'zz' not found in map")
	check(tr.ErrKeyMsg(abi.KindInt, uint64(math.MaxUint64)), "key '-1' not found in map")
	check(tr.ErrKeyMsg(abi.KindBool, 1), "key 'true' not found in map")
}

// TestErrUncaught checks the uncaught-error report with and without a
// backtrace (spec/builtins.md §4.3).
func TestErrUncaught(t *testing.T) {
	frame := func(r *Runtime, name, pos string) uint64 {
		f := &ErrFrame{Name: mkstr(r, name), Pos: mkstr(r, pos)}
		return uint64(uintptr(unsafe.Pointer(f)))
	}
	expectExit(t, "one", "coroutine 'main' uncaught error: 'boom' at case/main.n:2:27\n", 1, func(r *Runtime) {
		tr := r.VecPush(nil, abi.ErrTraceElem, frame(r, "main.main", "case/main.n:2:27"))
		r.ErrUncaught(mkstr(r, "boom"), tr)
	})
	want := "coroutine 'main' uncaught error: 'empty' at case/main.n:3:31\nstack backtrace:\n" +
		"0:\tmain.load\n\t\tat case/main.n:3:31\n1:\tmain.main\n\t\tat case/main.n:9:21\n"
	expectExit(t, "two", want, 1, func(r *Runtime) {
		tr := r.VecPush(nil, abi.ErrTraceElem, frame(r, "main.load", "case/main.n:3:31"))
		tr = r.VecPush(tr, abi.ErrTraceElem, frame(r, "main.main", "case/main.n:9:21"))
		r.ErrUncaught(mkstr(r, "empty"), tr)
	})
}
