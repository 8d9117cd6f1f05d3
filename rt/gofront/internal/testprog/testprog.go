// Package testprog is restricted Go for the differential tests of
// rt/gofront: RunAll calls every function below on a table of inputs
// and prints the results to a global buffer. The tests run it as host
// Go, in the LIR interpreter and natively, and compare the bytes.
package testprog

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/internal/textout"
	"github.com/naturekit/naturekit/rt/sys"
)

var inputs = [...]int64{0, 1, -1, 2, 7, -13, 63, 64, 65, 255, 256, -256, 1 << 31, -1 << 31,
	1<<63 - 1, -1 << 63, 1000000007, 0x5555aaaa5555aaaa}

// RunAll prints to out, in outMem.
var (
	outMem [1 << 20]byte
	out    textout.Buffer
)

// Output returns what RunAll printed.
func Output() []byte { return out.Bytes() }

func line(name string, a, b, r int64) {
	out.Str(name)
	out.Byte(' ')
	out.Int(a)
	out.Byte(' ')
	out.Int(b)
	out.Str(" = ")
	out.Int(r)
	out.Byte('\n')
}

// RunAll runs every test function on every pair of inputs.
func RunAll() {
	out = textout.Buffer{P: unsafe.Pointer(&outMem[0]), Cap: uintptr(len(outMem))}
	for i := 0; i < len(inputs); i++ {
		for j := 0; j < len(inputs); j++ {
			a, b := inputs[i], inputs[j]
			line("ints8", a, b, Ints8(a, b))
			line("ints16", a, b, Ints16(a, b))
			line("ints32", a, b, Ints32(a, b))
			line("ints64", a, b, Ints64(a, b))
			line("shifts", a, b, Shifts(a, b))
			line("floats", a, b, Floats(a, b))
			line("convs", a, b, Convs(a, b))
			line("bools", a, b, Bools(a, b))
			line("structs", a, b, Structs(a, b))
			line("multi", a, b, Multi(a, b))
			line("strings", a, b, Strings(a, b))
			line("slices", a, b, Slices(a, b))
			line("arrays", a, b, Arrays(a, b))
			line("pointers", a, b, Pointers(a, b))
			line("switches", a, b, Switches(a, b))
			line("loops", a, b, Loops(a, b))
			line("manyargs", a, b, ManyArgs(a, b))
			line("big", a, b, BigStructs(a, b))
			line("globals", a, b, Globals(a, b))
			line("methods", a, b, Methods(a, b))
			line("optimised", a, b, Optimised(a, b))
		}
	}
	line("fib", 30, 0, Fib(30))
}

// nativeMain prints RunAll's output and exits.
//
//naturekit:symbol main.main
func nativeMain() {
	RunAll()
	out.Flush()
}

//naturekit:symbol rt.lang.Init
func langInit() {}

//naturekit:symbol rt.lang.Exit
func langExit(code int64) { sys.Exit(int(code)) }
