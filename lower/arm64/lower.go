package arm64

import (
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// Lower rewrites f, a function in SSA form, into LIR that arm64 can
// execute once registers are allocated: lower.Lower with AAPCS64's
// argument registers (x0-x7, v0-v7; results in x0 or v0) and stack
// words, and float constants loaded from read-only globals. Integer
// constants stay operands: emission encodes those that fit an
// instruction's immediate and materialises the others in the scratch
// registers x16 and x17 (movz/movn/movk, or orr with a bitmask
// immediate). The dividend of a division or remainder is put in a register.
func Lower(f *lir.Func) error { return lower.Lower(f, rules()) }

// rules returns arm64's part of the lowering.
func rules() *lower.Rules {
	return &lower.Rules{
		ABI:    lower.ABI{IntArgs: intArgRegs(), FloatArgs: floatArgRegs(), IntResult: X0, FloatResult: V0},
		Legal:  legal,
		Binary: lowerBinary,
	}
}

// legal loads float constants from memory; integer constants are left
// to emission.
func legal(l *lower.Lowerer, o *lir.Operand) {
	if o.Kind == lir.FloatOperand {
		l.LoadConst(o)
	}
}

// inRegister copies an operand that is not a register (a constant, a
// symbol's address) to a new register.
func inRegister(l *lower.Lowerer, o *lir.Operand) {
	if o.Kind != lir.RegOperand {
		t := l.Temp(o.Type)
		l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: t, X: *o})
		*o = t
	}
}

// lowerBinary puts the dividend of division and remainder in a register
// and loads float constants.
func lowerBinary(l *lower.Lowerer, in *lir.Binary) {
	switch in.Opcode {
	case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
		inRegister(l, &in.X)
	}
	legal(l, &in.X)
	legal(l, &in.Y)
	l.Emit(in)
}
