package lang

import (
	"math"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// TestPrintTable is spec/builtins.md §2.1 and §2.2: each kind's text.
func TestPrintTable(t *testing.T) {
	r := newRT(t, manual)
	nan := math.Float64frombits(0xfff8000000000000) // x86's 0.0/0.0
	for _, c := range []struct {
		print func()
		want  string
	}{
		{func() { r.PrintString(r.str("a\tb")) }, "a\tb"},
		{func() { r.PrintString(nil) }, ""},
		{func() { r.PrintInt(math.MinInt64) }, "-9223372036854775808"},
		{func() { r.PrintInt(math.MaxInt64) }, "9223372036854775807"},
		{func() { r.PrintInt(-8) }, "-8"},
		{func() { r.PrintInt(0) }, "0"},
		{func() { r.PrintInt(int64(int8(-128))) }, "-128"},
		{func() { r.PrintUint(math.MaxUint64) }, "18446744073709551615"},
		{func() { r.PrintUint(uint64(uint8(255))) }, "255"},
		{func() { r.PrintUint(104) }, "104"},
		{func() { r.PrintUint(uint64(uint32(math.MaxUint32))) }, "4294967295"},
		{func() { r.PrintFloat(3.0) }, "3.000000"},
		{func() { r.PrintFloat(0.1 + 0.2) }, "0.300000"},
		{func() { r.PrintFloat(1e20) }, "100000000000000000000.000000"},
		{func() { r.PrintFloat(2.5e-7) }, "0.000000"},
		{func() { r.PrintFloat(math.Copysign(0, -1)) }, "-0.000000"},
		{func() { r.PrintFloat(float64(float32(2.2))) }, "2.200000"},
		{func() { r.PrintFloat(math.Inf(1)) }, "inf"},
		{func() { r.PrintFloat(math.Inf(-1)) }, "-inf"},
		{func() { r.PrintFloat(nan) }, "-nan"},
		{func() { r.PrintFloat(math.NaN()) }, "nan"},
		{func() { r.PrintBool(true) }, "true"},
		{func() { r.PrintBool(false) }, "false"},
		{func() { r.PrintNull() }, "null"},
		{func() { r.PrintHex(5) }, "0x5"},
		{func() { r.PrintHex(0) }, "0x0"},
		{func() { r.PrintPtr(nil) }, "0"},
		{func() { r.PrintPtr(ptrOf(4096)) }, "0x1000"},
		{func() { r.PrintPtr(ptrOf(0xc00000c000)) }, "0xc00000c000"},
		{func() { r.PrintByte('\n') }, "\n"},
		{func() { r.PrintAny(nil) }, "null"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindInt), uint64(1<<64-12))) }, "-12"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindUint), 1<<63)) }, "9223372036854775808"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindFloat), math.Float64bits(-0.25))) }, "-0.250000"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindBool), 1)) }, "true"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindString), bitsOf(unsafe.Pointer(r.str("hi"))))) }, "hi"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindNull), 0)) }, "null"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindHex), 5)) }, "0x5"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindPtr), 0x1000)) }, "0x1000"},
		{func() { r.PrintAny(r.AnyBox(kt(abi.KindPtr), 0)) }, "0"},
	} {
		c.print()
		if got := r.output(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

// println emits what the compiler emits for println('hello', 1, 2.5,
// true, null): the example of spec/builtins.md §2.2.
func TestPrintlnExample(t *testing.T) {
	r := newRT(t, manual)
	r.PrintString(r.str("hello"))
	r.PrintByte(' ')
	r.PrintInt(1)
	r.PrintByte(' ')
	r.PrintFloat(2.5)
	r.PrintByte(' ')
	r.PrintBool(true)
	r.PrintByte(' ')
	r.PrintNull()
	r.PrintByte('\n')
	r.PrintEnd()
	if got := r.output(); got != "hello 1 2.500000 true null\n" {
		t.Fatalf("got %q", got)
	}
}

// TestPrintLong checks output longer than the buffer, in pieces and as
// one string, keeps its order.
func TestPrintLong(t *testing.T) {
	r := newRT(t, manual)
	var want []byte
	for i := 0; i < 5000; i++ {
		r.PrintInt(int64(i))
		r.PrintByte(',')
		want = append(want, []byte(itoa(i)+",")...)
	}
	long := make([]byte, 3*outSize+5)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	r.PrintString(r.str(string(long)))
	want = append(want, long...)
	r.PrintInt(-1)
	want = append(want, "-1"...)
	if got := r.output(); got != string(want) {
		t.Fatalf("got %d bytes, want %d; differ", len(got), len(want))
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
