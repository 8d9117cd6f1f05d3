package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// Register numbers, the N of lir's physical-register operands $N. The
// general-purpose registers keep their hardware numbers (rax is 0, rsp 4,
// r15 15) and xmm0..xmm15 follow as 16..31, so that turning a number into
// an assembler register is an addition.
const (
	RAX = iota
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15
	XMM0
)

// NumRegs is the number of registers the Target describes.
const NumRegs = 32

// Scratch registers: outside the allocator's reach, used by the
// allocator to break move cycles and by emission inside one instruction.
const (
	ScratchGP = R11
	ScratchFP = XMM0 + 15
)

// Registers of the System V AMD64 calling convention.
var (
	intArgRegs   = [...]int{RDI, RSI, RDX, RCX, R8, R9}
	floatArgRegs = [...]int{XMM0, XMM0 + 1, XMM0 + 2, XMM0 + 3, XMM0 + 4, XMM0 + 5, XMM0 + 6, XMM0 + 7}
	calleeSaved  = [...]int{RBX, R12, R13, R14, R15}
)

// Target describes the amd64 registers to the register allocator.
//
// Allocation order puts the caller-saved registers first, so that values
// that do not cross a call take registers that cost nothing to use, and
// the callee-saved rbx and r12–r15 last: the allocator reaches for them
// only for values live across calls (where caller-saved registers are
// unavailable), and each one used costs a push and a pop. Argument
// registers come late among the caller-saved ones because lowering pins
// them around calls. rsp and rbp (the frame pointer) are never
// allocatable, nor are r11 and xmm15, the scratch registers.
func Target() *regalloc.Target {
	t := &regalloc.Target{
		Name:     "amd64",
		Regs:     make([]regalloc.Reg, NumRegs),
		Scratch:  [regalloc.NumClasses]int{regalloc.GP: ScratchGP, regalloc.FP: ScratchFP},
		Clobbers: clobbers,
		Allocatable: [regalloc.NumClasses][]int{
			regalloc.GP: {RAX, R10, R9, R8, RCX, RDX, RSI, RDI, RBX, R12, R13, R14, R15},
			regalloc.FP: {
				XMM0 + 8, XMM0 + 9, XMM0 + 10, XMM0 + 11, XMM0 + 12, XMM0 + 13, XMM0 + 14,
				XMM0 + 7, XMM0 + 6, XMM0 + 5, XMM0 + 4, XMM0 + 3, XMM0 + 2, XMM0 + 1, XMM0,
			},
		},
	}
	for n := range NumRegs {
		r := asmReg(n, lir.I64)
		class := regalloc.GP
		if n >= XMM0 {
			r, class = asmReg(n, lir.F64), regalloc.FP
		}
		t.Regs[n] = regalloc.Reg{Name: r.String(), Class: class}
	}
	for _, n := range calleeSaved {
		t.Regs[n].CalleeSaved = true
	}
	t.Regs[RBP].CalleeSaved = true // saved by every prologue that sets up a frame
	for n := range NumRegs {
		if !t.Regs[n].CalleeSaved && n != RSP {
			t.CallerSaved = append(t.CallerSaved, n)
		}
	}
	return t
}

// clobbers reports the registers an instruction destroys without naming
// them. Lowering puts a division's dividend in rax and the quotient or
// remainder in rax or rdx; the other of the two is destroyed.
func clobbers(in lir.Instr, dst []int) []int {
	b, ok := in.(*lir.Binary)
	if !ok {
		return dst
	}
	switch b.Opcode {
	case lir.OpSDiv, lir.OpUDiv:
		return append(dst, RDX)
	case lir.OpSRem, lir.OpURem:
		return append(dst, RAX)
	}
	return dst
}

// asmReg returns the assembler register for register number n holding a
// value of type t: the general-purpose register of t's width, or the xmm
// register.
func asmReg(n int, t lir.Type) amd64.Reg {
	if n >= XMM0 {
		return amd64.X0 + amd64.Reg(n-XMM0)
	}
	switch t.Size() {
	case 1:
		return amd64.AL + amd64.Reg(n)
	case 2:
		return amd64.AX + amd64.Reg(n)
	case 4:
		return amd64.EAX + amd64.Reg(n)
	}
	return amd64.RAX + amd64.Reg(n)
}

// isFP reports whether register number n is an xmm register.
func isFP(n int) bool { return n >= XMM0 }
