package lir_test

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// A front end builds a function in linear form with a Builder.
func ExampleBuilder() {
	f := lir.NewFunc("sum", lir.I64, lir.I64) // func @sum(%0:i64) i64
	b := lir.NewBuilder(f)
	s, i := f.NewValue(lir.I64), f.NewValue(lir.I64) // two variables
	b.Assign(s, lir.Int(lir.I64, 0))
	b.Assign(i, lir.Int(lir.I64, 0))
	loop, body, done := b.NewLabel("loop"), b.NewLabel("body"), b.NewLabel("done")
	b.Label(loop)
	b.Branch(b.Compare(lir.OpSLt, f.Reg(i), b.Param(0)), body, done)
	b.Label(body)
	b.BinaryTo(s, lir.OpAdd, f.Reg(s), f.Reg(i))
	b.BinaryTo(i, lir.OpAdd, f.Reg(i), lir.Int(lir.I64, 1))
	b.Safepoint()
	b.Jump(loop)
	b.Label(done)
	b.Return(f.Reg(s))
	fmt.Println(lir.Verify(f))
	fmt.Print(f)
	// Output:
	// <nil>
	// func @sum(%0:i64) i64 linear {
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
}

// Parse reads the text format and reports errors with their position.
func ExampleParse() {
	_, err := lir.Parse("bad.lir", "func @f() i64 cfg {\nb0:\n\tret %1\n}\n")
	fmt.Println(err)
	// Output:
	// bad.lir:3:6: %1 is never defined
}
