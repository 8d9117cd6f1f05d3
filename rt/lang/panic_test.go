package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// TestPanics checks every panic text of spec/builtins.md §3 and §5 in a
// child process: the message on standard output after the output before
// it, and exit status 1.
func TestPanics(t *testing.T) {
	pos := func(r *Runtime) *String { return mkstr(r, "case/main.n:5:19") }
	const at = "' at case/main.n:5:19\n"
	cases := []struct {
		name, out string
		f         func(r *Runtime)
	}{
		{"panic", "before\npanic: 'value too large" + at, func(r *Runtime) {
			r.PrintString(mkstr(r, "before\n"))
			r.Panic(mkstr(r, "value too large"), pos(r))
		}},
		{"panic-unflushed", "no end yet panic: 'boom" + at, func(r *Runtime) {
			r.PrintString(mkstr(r, "no end yet ")) // no PrintEnd: still buffered
			r.Panic(mkstr(r, "boom"), pos(r))
		}},
		{"panic-empty", "panic: '" + at, func(r *Runtime) { r.Panic(nil, pos(r)) }},
		{"assert", "ok\npanic: 'assertion failed" + at, func(r *Runtime) {
			r.Assert(true, pos(r))
			r.PrintString(mkstr(r, "ok\n"))
			r.PrintEnd()
			r.Assert(false, pos(r))
		}},
		{"vec-index", "panic: 'index out of range [3] with length 3" + at, func(r *Runtime) {
			v := r.VecMake(8, 3, 3)
			r.VecIndex(v, 2, pos(r))
			r.VecIndex(v, 3, pos(r))
		}},
		{"vec-index-negative", "panic: 'index out of range [-1] with length 3" + at, func(r *Runtime) {
			r.VecIndex(r.VecMake(8, 3, 3), -1, pos(r))
		}},
		{"vec-index-nil", "panic: 'index out of range [0] with length 0" + at, func(r *Runtime) {
			r.VecIndex(nil, 0, pos(r))
		}},
		{"array-index", "panic: 'index out of range [-7] with length 4" + at, func(r *Runtime) {
			r.PanicIndex(-7, 4, pos(r))
		}},
		{"string-index", "panic: 'index out of range [3] with length 3" + at, func(r *Runtime) {
			r.StringIndex(mkstr(r, "abc"), 3, pos(r))
		}},
		{"map-key-string", "panic: 'key 'plum' not found in map" + at, func(r *Runtime) {
			m := r.MapNew(abi.KindString, false)
			r.MapSet(m, bitsOf(unsafe.Pointer(mkstr(r, "apple"))), 3)
			r.MapGet(m, bitsOf(unsafe.Pointer(mkstr(r, "apple"))), pos(r))
			r.MapGet(m, bitsOf(unsafe.Pointer(mkstr(r, "plum"))), pos(r))
		}},
		{"map-key-int", "panic: 'key '-42' not found in map" + at, func(r *Runtime) {
			r.MapGet(r.MapNew(abi.KindInt, false), uint64(1<<64-42), pos(r))
		}},
		{"map-key-uint", "panic: 'key '18446744073709551574' not found in map" + at, func(r *Runtime) {
			r.MapGet(r.MapNew(abi.KindUint, false), uint64(1<<64-42), pos(r))
		}},
		{"slice-out", "panic: 'slice [2:9] out of vec with length 4" + at, func(r *Runtime) {
			r.VecSlice(r.VecMake(8, 4, 4), 8, 2, 9, pos(r))
		}},
		{"slice-out-negative", "panic: 'slice [-1:2] out of vec with length 4" + at, func(r *Runtime) {
			r.VecSlice(r.VecMake(8, 4, 4), 8, -1, 2, pos(r))
		}},
		{"slice-out-hi-negative", "panic: 'slice [0:-1] out of vec with length 4" + at, func(r *Runtime) {
			r.VecSlice(r.VecMake(8, 4, 4), 8, 0, -1, pos(r))
		}},
		{"slice-order", "panic: 'invalid index values, must be low 3 <= high 1" + at, func(r *Runtime) {
			r.VecSlice(r.VecMake(8, 4, 4), 8, 3, 1, pos(r))
		}},
		{"string-slice-out", "panic: 'slice [1:9] out of vec with length 3" + at, func(r *Runtime) {
			r.StringSlice(mkstr(r, "abc"), 1, 9, pos(r))
		}},
		{"string-slice-order", "panic: 'invalid index values, must be low 2 <= high 1" + at, func(r *Runtime) {
			r.StringSlice(mkstr(r, "abc"), 2, 1, pos(r))
		}},
		{"vec-new-len", "panic: 'len must be greater than 0' at std/builtin/vec.n:10:5\n", func(r *Runtime) {
			r.VecNew(8, 0, -1, mkstr(r, "std/builtin/vec.n:10:5"))
		}},
		{"vec-cap-of", "panic: 'cap must be greater than 0" + at, func(r *Runtime) {
			r.VecCapOf(8, -3, pos(r))
		}},
		{"exit", "flushed", func(r *Runtime) {
			r.PrintString(mkstr(r, "flushed"))
			r.Exit(3)
		}},
	}
	for _, c := range cases {
		code := 1
		if c.name == "exit" {
			code = 3
		}
		expectExit(t, c.name, c.out, code, c.f)
	}
}
