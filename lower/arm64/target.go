package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// Register numbers, the N of lir's physical-register operands $N: the
// general-purpose registers keep their hardware numbers ($0 x0 ..
// $30 x30, the link register), $31 is sp, and the SIMD&FP registers
// follow ($32 v0 .. $63 v31, used as d or s registers).
const (
	X0  = 0
	X16 = 16 // scratch (IP0): the allocator's and emission's
	X17 = 17 // scratch (IP1): emission's second
	X18 = 18 // the platform register: never touched
	FP  = 29 // frame pointer x29
	LR  = 30 // link register x30
	SP  = 31
	V0  = 32
	V31 = 63 // float scratch
)

// NumRegs is the number of registers the Target describes.
const NumRegs = 64

// Registers of AAPCS64 (the procedure call standard for arm64).
func intArgRegs() []int   { return []int{0, 1, 2, 3, 4, 5, 6, 7} }
func floatArgRegs() []int { return []int{V0, V0 + 1, V0 + 2, V0 + 3, V0 + 4, V0 + 5, V0 + 6, V0 + 7} }

// isCalleeSaved reports whether AAPCS64 makes a function that uses
// register n save it: x19-x28 and the low halves of v8-v15 (d8-d15); the
// frame record saves x29 and x30.
func isCalleeSaved(n int) bool {
	return n >= 19 && n <= 28 || n >= V0+8 && n <= V0+15
}

// Target describes the arm64 registers to the register allocator.
//
// Allocation order puts the caller-saved temporaries first (x9-x15,
// then x8, then the argument registers x7..x0, which calls pin; v16-v30,
// then v7..v0), the callee-saved x19-x28 and d8-d15 last, each one used
// costing a store and a load. Never allocated: sp, x29 (the frame
// pointer), x30 (the link register: a frameless function keeps its
// return address there), x18 (the platform register, which AAPCS64
// reserves), x16 and x17 (the intra-procedure-call scratch registers:
// x16 is the allocator's scratch, both are emission's) and v31 (the
// float scratch).
func Target() *regalloc.Target {
	t := &regalloc.Target{
		Name:    "arm64",
		Regs:    make([]regalloc.Reg, NumRegs),
		Scratch: [regalloc.NumClasses]int{regalloc.GP: X16, regalloc.FP: V31},
	}
	gp := []int{9, 10, 11, 12, 13, 14, 15, 8, 7, 6, 5, 4, 3, 2, 1, 0}
	for n := 19; n <= 28; n++ {
		gp = append(gp, n)
	}
	var fp []int
	for n := 16; n <= 30; n++ {
		fp = append(fp, V0+n)
	}
	for n := 7; n >= 0; n-- {
		fp = append(fp, V0+n)
	}
	for n := 8; n <= 15; n++ {
		fp = append(fp, V0+n)
	}
	t.Allocatable = [regalloc.NumClasses][]int{regalloc.GP: gp, regalloc.FP: fp}
	for n := range NumRegs {
		class := regalloc.GP
		if n >= V0 {
			class = regalloc.FP
		}
		t.Regs[n] = regalloc.Reg{Name: asmReg(n, lir.I64).String(), Class: class, CalleeSaved: isCalleeSaved(n) || n == FP}
		if n >= V0 {
			t.Regs[n].Name = asmReg(n, lir.F64).String()
		}
		if !t.Regs[n].CalleeSaved && n != SP {
			t.CallerSaved = append(t.CallerSaved, n)
		}
	}
	return t
}

// asmReg returns the assembler register for register number n holding a
// value of type t: w or x for general-purpose registers (sp for 31),
// s or d for the SIMD&FP ones.
func asmReg(n int, t lir.Type) arm64.Reg {
	switch {
	case n >= V0 && t == lir.F32:
		return arm64.S(n - V0)
	case n >= V0:
		return arm64.D(n - V0)
	case n == SP:
		return arm64.SP
	case t.Size() == 8:
		return arm64.X(n)
	}
	return arm64.W(n)
}

// isFP reports whether register number n is a SIMD&FP register.
func isFP(n int) bool { return n >= V0 }
