package ssa_test

import (
	"fmt"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
	"github.com/naturekit/naturekit/ssa"
)

// sumLIR is what a front end emits for
//
//	s := 0; for i := 0; i < n; i++ { s += i }; return s
//
// (lir's ExampleBuilder builds the same function with a lir.Builder).
const sumLIR = `func @sum(%0:i64) i64 linear pos "sum.n:1:1" {
	%1:i64 = copy 0
	%2:i64 = copy 0
loop:
	%3:i8 = slt.i64 %2, %0
	br %3, body, done
body:
	%1:i64 = add %1, %2
	%2:i64 = add %2, 1
	safepoint
	jmp loop
done:
	ret %1
}
`

// buildSum is the front end of the examples: it parses sumLIR.
func buildSum() *lir.Func {
	f, err := lir.ParseFunc("sum.lir", sumLIR)
	if err != nil {
		panic(err)
	}
	return f
}

// The whole middle end on one function: build it, cut it into blocks,
// convert it to SSA form, optimise, and run it.
func Example() {
	f := buildSum()
	fmt.Print(f)
	if err := cfg.Build(f); err != nil {
		panic(err)
	}
	if err := ssa.Build(f); err != nil {
		panic(err)
	}
	fmt.Print(f)
	if err := ssa.Optimize(f, ssa.Passes(), true); err != nil {
		panic(err)
	}
	m, err := interp.New(&lir.Module{Funcs: []*lir.Func{f}}, nil)
	if err != nil {
		panic(err)
	}
	r, err := m.Call("sum", 10)
	fmt.Println(r, err)
	// Output:
	// func @sum(%0:i64) i64 linear pos "sum.n:1:1" {
	// 	%1:i64 = copy 0
	// 	%2:i64 = copy 0
	// loop:
	// 	%3:i8 = slt.i64 %2, %0
	// 	br %3, body, done
	// body:
	// 	%1:i64 = add %1, %2
	// 	%2:i64 = add %2, 1
	// 	safepoint
	// 	jmp loop
	// done:
	// 	ret %1
	// }
	// func @sum(%0:i64) i64 ssa pos "sum.n:1:1" {
	// entry:
	// 	%1:i64 = copy 0
	// 	%2:i64 = copy 0
	// 	jmp loop
	// loop:
	// 	%4:i64 = phi [entry: %1], [body: %6]
	// 	%5:i64 = phi [entry: %2], [body: %7]
	// 	%3:i8 = slt.i64 %5, %0
	// 	br %3, body, done
	// body:
	// 	%6:i64 = add %4, %5
	// 	%7:i64 = add %5, 1
	// 	safepoint
	// 	jmp loop
	// done:
	// 	ret %4
	// }
	// 45 <nil>
}

// Dominators, frontiers and liveness of a function in cfg form.
func ExampleFrontiers() {
	f := buildSum()
	if err := cfg.Build(f); err != nil {
		panic(err)
	}
	dom := lir.Dominators(f)
	fmt.Print(dom.Format(f))
	fmt.Print(ssa.FormatFrontiers(f, ssa.Frontiers(f, dom)))
	fmt.Print(ssa.FormatLiveness(f, ssa.ComputeLiveness(f)))
	// Output:
	// entry: idom - children [loop]
	// loop: idom entry children [body done]
	// body: idom loop children []
	// done: idom loop children []
	// entry: []
	// loop: [loop]
	// body: [loop]
	// done: []
	// entry: in [%0] out [%0 %1 %2]
	// loop: in [%0 %1 %2] out [%0 %1 %2]
	// body: in [%0 %1 %2] out [%0 %1 %2]
	// done: in [%1] out []
}
