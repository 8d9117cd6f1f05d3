// Package testprog is restricted Go for the differential tests of
// rt/gofront: RunAll calls every function below on a table of inputs
// and prints the results to a global buffer. The tests run it as host
// Go, in the LIR interpreter and natively, and compare the bytes.
package testprog

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

var inputs = [...]int64{0, 1, -1, 2, 7, -13, 63, 64, 65, 255, 256, -256, 1 << 31, -1 << 31,
	1<<63 - 1, -1 << 63, 1000000007, 0x5555aaaa5555aaaa}

// Output is where RunAll prints.
var (
	outBuf [1 << 20]byte
	outN   int
)

// Output returns what RunAll printed.
func Output() []byte { return outBuf[:outN] }

func put(c byte) {
	outBuf[outN] = c
	outN++
}

func putStr(s string) {
	for i := 0; i < len(s); i++ {
		put(s[i])
	}
}

func putInt(v int64) {
	u := uint64(v)
	if v < 0 {
		put('-')
		u = uint64(-v)
	}
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	for ; i < len(d); i++ {
		put(d[i])
	}
}

func line(name string, a, b, r int64) {
	putStr(name)
	put(' ')
	putInt(a)
	put(' ')
	putInt(b)
	putStr(" = ")
	putInt(r)
	put('\n')
}

// RunAll runs every test function on every pair of inputs.
func RunAll() {
	outN = 0
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
		}
	}
	line("fib", 30, 0, Fib(30))
}

// nativeMain prints RunAll's output and exits.
//
//naturekit:symbol main.main
func nativeMain() {
	RunAll()
	sys.Write(1, unsafe.Pointer(&outBuf[0]), uintptr(outN))
}

//naturekit:symbol rt.lang.Init
func langInit() {}

//naturekit:symbol rt.lang.Exit
func langExit(code int64) { sys.Exit(int(code)) }
