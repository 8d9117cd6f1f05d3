package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// Register numbers, the N of lir's physical-register operands $N, are
// asm/amd64's hardware numbers (amd64.Reg.Num): a general-purpose
// register keeps its own (rax is 0, rsp 4, r15 15) and xmm0..xmm15 follow
// as 16..31, so that turning a number into an assembler register is an
// addition (asmReg) and back (regNum). The constants name the registers
// lowering and emission treat specially.
const (
	RAX  = int(amd64.RAX - amd64.RAX)
	RCX  = int(amd64.RCX - amd64.RAX)
	RDX  = int(amd64.RDX - amd64.RAX)
	RSP  = int(amd64.RSP - amd64.RAX)
	RBP  = int(amd64.RBP - amd64.RAX)
	XMM0 = int(amd64.R15-amd64.RAX) + 1
)

// NumRegs is the number of registers the Target describes.
const NumRegs = XMM0 + int(amd64.X15-amd64.X0) + 1

// Scratch registers: outside the allocator's reach, used by the
// allocator to break move cycles and by emission inside one instruction.
const (
	ScratchGP = int(amd64.R11 - amd64.RAX)
	ScratchFP = XMM0 + int(amd64.X15-amd64.X0)
)

// regNum returns the register number of the assembler register r, a
// 64-bit general-purpose register or an xmm register.
func regNum(r amd64.Reg) int {
	if r.IsXMM() {
		return XMM0 + r.Num()
	}
	return r.Num()
}

// regNums returns the register numbers of rs.
func regNums(rs ...amd64.Reg) []int {
	ns := make([]int, len(rs))
	for i, r := range rs {
		ns[i] = regNum(r)
	}
	return ns
}

// Registers of the System V AMD64 calling convention.
var (
	intArgRegs   = regNums(amd64.RDI, amd64.RSI, amd64.RDX, amd64.RCX, amd64.R8, amd64.R9)
	floatArgRegs = regNums(amd64.X0, amd64.X1, amd64.X2, amd64.X3, amd64.X4, amd64.X5, amd64.X6, amd64.X7)
	calleeSaved  = regNums(amd64.RBX, amd64.R12, amd64.R13, amd64.R14, amd64.R15)
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
			regalloc.GP: regNums(amd64.RAX, amd64.R10, amd64.R9, amd64.R8, amd64.RCX, amd64.RDX, amd64.RSI, amd64.RDI,
				amd64.RBX, amd64.R12, amd64.R13, amd64.R14, amd64.R15),
			regalloc.FP: regNums(amd64.X8, amd64.X9, amd64.X10, amd64.X11, amd64.X12, amd64.X13, amd64.X14,
				amd64.X7, amd64.X6, amd64.X5, amd64.X4, amd64.X3, amd64.X2, amd64.X1, amd64.X0),
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
