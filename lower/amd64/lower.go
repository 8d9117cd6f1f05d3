package amd64

import (
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// ConstPrefix starts the names of the read-only globals that hold float
// constants (lower.ConstPrefix).
const ConstPrefix = lower.ConstPrefix

// ConstGlobals returns the read-only globals holding the float constants
// that functions lowered by Lower refer to and that m does not define
// yet, in order of name (lower.ConstGlobals).
func ConstGlobals(m *lir.Module, funcs []*lir.Func) []*lir.Global {
	return lower.ConstGlobals(m, funcs)
}

// Lower rewrites f, a function in SSA form, into LIR that amd64 can
// execute once registers are allocated. Every machine constraint becomes
// a physical-register operand, so that the allocator sees the real live
// ranges. lower.Lower does what every target shares (parameters from
// rdi, rsi, rdx, rcx, r8, r9 and xmm0-xmm7 or the caller's frame, call
// arguments and results, returns in rax or xmm0, float constants from
// read-only globals, compares placed before the branches on them); on
// top of that:
//
//   - division and remainder take the dividend in rax and leave the
//     quotient in rax, the remainder in rdx (Target's Clobbers reports
//     the other one destroyed);
//   - a shift by a variable count reads the count from rcx, masked to
//     the width first for i8 and i16 (x86 masks counts to 5 bits);
//   - 64-bit integer constants that do not fit a sign-extended 32-bit
//     immediate are copied to a register first.
func Lower(f *lir.Func) error { return lower.Lower(f, rules()) }

// rules returns amd64's part of the lowering.
func rules() *lower.Rules {
	return &lower.Rules{
		ABI:    lower.ABI{IntArgs: intArgRegs, FloatArgs: floatArgRegs, IntResult: RAX, FloatResult: XMM0},
		Legal:  legal,
		Binary: lowerBinary,
	}
}

// legal replaces a constant operand that no amd64 instruction can take
// as an immediate by a register holding it.
func legal(l *lower.Lowerer, o *lir.Operand) {
	switch {
	case o.Kind == lir.FloatOperand:
		l.LoadConst(o)
	case o.Kind == lir.IntOperand && o.Type.Size() == 8 && !fitsInt32(o.Imm):
		t := l.Temp(o.Type)
		l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: t, X: *o})
		*o = t
	}
}

func fitsInt32(v int64) bool { return v == int64(int32(v)) }

// lowerBinary lowers division, remainder and variable shifts to their fixed
// registers and legalises the operands of everything else.
func lowerBinary(l *lower.Lowerer, in *lir.Binary) {
	t := in.Dst.Type
	switch in.Opcode {
	case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
		rax := lir.Phys(RAX, t)
		l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: rax, X: in.X})
		res := rax
		if in.Opcode == lir.OpSRem || in.Opcode == lir.OpURem {
			res = lir.Phys(RDX, t)
		}
		l.Emit(&lir.Binary{Opcode: in.Opcode, Dst: res, X: rax, Y: in.Y})
		l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: in.Dst, X: res})
		return
	case lir.OpShl, lir.OpLShr, lir.OpAShr, lir.OpRotr:
		if in.Y.Kind == lir.IntOperand {
			break
		}
		count := in.Y
		if t.Size() < 4 {
			masked := l.Temp(t)
			l.Emit(&lir.Binary{Opcode: lir.OpAnd, Dst: masked, X: count, Y: lir.Int(t, int64(t.Size()*8-1))})
			count = masked
		}
		rcx := lir.Phys(RCX, t)
		l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: rcx, X: count})
		in.Y = rcx
	default:
		legal(l, &in.Y)
	}
	if in.X.Kind == lir.FloatOperand {
		legal(l, &in.X)
	}
	l.Emit(in)
}
