package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

var conds = map[lir.Op]arm64.Cond{
	lir.OpEq: arm64.EQ, lir.OpNe: arm64.NE, lir.OpSLt: arm64.LT, lir.OpSLe: arm64.LE, lir.OpSGt: arm64.GT, lir.OpSGe: arm64.GE,
	lir.OpULt: arm64.LO, lir.OpULe: arm64.LS, lir.OpUGt: arm64.HI, lir.OpUGe: arm64.HS,
	// After fcmp, an unordered pair (a NaN) sets C and V: mi, ls, gt,
	// ge and eq are false for it and ne is true, as LIR wants.
	lir.OpFEq: arm64.EQ, lir.OpFNe: arm64.NE, lir.OpFLt: arm64.MI, lir.OpFLe: arm64.LS, lir.OpFGt: arm64.GT, lir.OpFGe: arm64.GE,
}

// swapped gives the condition with the operands exchanged.
var swapped = map[arm64.Cond]arm64.Cond{arm64.EQ: arm64.EQ, arm64.NE: arm64.NE, arm64.LT: arm64.GT, arm64.GT: arm64.LT,
	arm64.LE: arm64.GE, arm64.GE: arm64.LE, arm64.LO: arm64.HI, arm64.HI: arm64.LO, arm64.LS: arm64.HS, arm64.HS: arm64.LS}

// compare sets the flags for a compare and returns the condition that
// holds when its result is 1. i8 and i16 operands are extended (the
// first into w16, the second by the extended-register form of cmp or in
// its immediate) as the compare is signed or not.
func (e *emitter) compare(in *lir.Compare) arm64.Cond {
	t := in.X.Type
	c := conds[in.Opcode]
	if in.Opcode.IsFloatOp() {
		e.inst(arm64.FCMP, e.inRegister(in.X, t, V31), e.inRegister(in.Y, t, V31))
		return c
	}
	x, y := in.X, in.Y
	if x.Kind != lir.PhysOperand && y.Kind == lir.PhysOperand {
		x, y, c = y, x, swapped[c]
	}
	w := lower.Wide(t)
	xr := e.inRegister(x, t, X16)
	signed := c == arm64.LT || c == arm64.LE || c == arm64.GT || c == arm64.GE
	narrow := t.Size() < 4
	if narrow {
		e.extend(signed, arm64.W(X16), xr, t)
		xr = arm64.W(X16)
	}
	if y.Kind == lir.IntOperand {
		v := immediate(y, t)
		if narrow && !signed {
			v &= 1<<(8*t.Size()) - 1
		}
		switch {
		case addrImm(v):
			e.inst(arm64.CMP, xr, addSubImm(v))
			return c
		case v < 0 && v != -1<<63 && addrImm(-v):
			e.inst(arm64.CMN, xr, addSubImm(-v))
			return c
		}
		e.moveInt(X17, v, w)
		e.inst(arm64.CMP, xr, asmReg(X17, w))
		return c
	}
	yr := e.inRegister(y, t, X17)
	if narrow {
		ext := map[bool]map[int]arm64.Extend{true: {1: arm64.ExtSXTB, 2: arm64.ExtSXTH}, false: {1: arm64.ExtUXTB, 2: arm64.ExtUXTH}}[signed][t.Size()]
		e.inst(arm64.CMP, xr, arm64.RegExtend{Reg: yr, Ext: ext})
		return c
	}
	e.inst(arm64.CMP, xr, yr)
	return c
}

// branchOn branches to br.Then if c holds and to br.Else otherwise,
// falling through to the next block where it can.
func (e *emitter) branchOn(c arm64.Cond, br *lir.Branch) {
	e.CondBranch(br, e, func(neg bool, label string) {
		if neg {
			e.inst(arm64.BCOND, c.Invert(), arm64.Label(label))
			return
		}
		e.inst(arm64.BCOND, c, arm64.Label(label))
	})
}

// Branch tests a condition held in a register (lower.BlockEmitter):
// cbnz for 32 and 64 bits, tst of the low bits for i8 and i16 (the
// bits above are undefined).
func (e *emitter) Branch(br *lir.Branch) {
	t := br.Cond.Type
	r := e.reg(br.Cond, lower.Wide(t))
	if t.Size() < 4 {
		e.inst(arm64.TST, r, arm64.Imm{Val: 1<<(8*t.Size()) - 1})
		e.branchOn(arm64.NE, br)
		return
	}
	e.CondBranch(br, e, func(neg bool, label string) {
		op := arm64.CBNZ
		if neg {
			op = arm64.CBZ
		}
		e.inst(op, r, arm64.Label(label))
	})
}

// CallSym and CallReg emit bl or blr (lower.BlockEmitter). Lowering
// has placed the arguments; stack arguments are already stored at the
// bottom of the frame.
func (e *emitter) CallSym(name string) { e.inst(arm64.BL, arm64.Label(name)) }

func (e *emitter) CallReg(callee lir.Operand) { e.inst(arm64.BLR, e.reg(callee, lir.I64)) }
