package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// A cond is what a compare leaves in the flags: the conditional jump
// (amd64.JO to amd64.JG, in the encoding order of the condition codes)
// taken when its result is 1, or for float equality two conditions
// (ucomisd reports unordered operands in the parity flag): feq is "je
// and jnp", fne is "jne or jp".
type cond struct {
	jcc    amd64.Op
	parity int8 // 0, parityAnd (jcc and jnp) or parityOr (jcc or jp)
}

const (
	parityAnd = 1
	parityOr  = 2
)

var intConds = map[lir.Op]amd64.Op{
	lir.OpEq: amd64.JE, lir.OpNe: amd64.JNE, lir.OpSLt: amd64.JL, lir.OpSLe: amd64.JLE, lir.OpSGt: amd64.JG, lir.OpSGe: amd64.JGE,
	lir.OpULt: amd64.JB, lir.OpULe: amd64.JBE, lir.OpUGt: amd64.JA, lir.OpUGe: amd64.JAE,
}

// swapped gives the condition with the operands exchanged.
var swapped = map[amd64.Op]amd64.Op{
	amd64.JE: amd64.JE, amd64.JNE: amd64.JNE, amd64.JL: amd64.JG, amd64.JG: amd64.JL, amd64.JLE: amd64.JGE,
	amd64.JGE: amd64.JLE, amd64.JB: amd64.JA, amd64.JA: amd64.JB, amd64.JBE: amd64.JAE, amd64.JAE: amd64.JBE,
}

// negated returns the conditional jump taken when jcc is not: the
// condition codes come in pairs, a code and its negation.
func negated(jcc amd64.Op) amd64.Op { return amd64.JO + ((jcc - amd64.JO) ^ 1) }

// compare sets the flags for a compare and returns the condition that
// holds when its result is 1.
func (e *emitter) compare(in *lir.Compare) cond {
	if in.Opcode.IsFloatOp() {
		return e.floatCompare(in)
	}
	t := in.X.Type
	c := intConds[in.Opcode]
	x, y := in.X, in.Y
	if x.Kind != lir.PhysOperand && y.Kind == lir.PhysOperand {
		x, y, c = y, x, swapped[c]
	}
	// Operands that are neither registers nor immediates go through the
	// scratch register and, for the second one, the destination, which
	// the compare writes only after reading its operands.
	second := ScratchGP
	if x.Kind != lir.PhysOperand {
		e.Move(ScratchGP, x, t)
		x = lir.Phys(ScratchGP, t)
		second = int(in.Dst.Index)
	}
	e.inst(amd64.CMP, e.reg(x, t), e.source(y, t, second))
	return cond{jcc: c}
}

// floatCompare uses ucomiss/ucomisd, ordering the operands so that
// "less" becomes "above" and an unordered compare (a NaN) is false.
func (e *emitter) floatCompare(in *lir.Compare) cond {
	t := in.X.Type
	x, y := in.X, in.Y
	var c cond
	switch in.Opcode {
	case lir.OpFLt:
		x, y, c = y, x, cond{jcc: amd64.JA}
	case lir.OpFLe:
		x, y, c = y, x, cond{jcc: amd64.JAE}
	case lir.OpFGt:
		c = cond{jcc: amd64.JA}
	case lir.OpFGe:
		c = cond{jcc: amd64.JAE}
	case lir.OpFEq:
		c = cond{jcc: amd64.JE, parity: parityAnd}
	case lir.OpFNe:
		c = cond{jcc: amd64.JNE, parity: parityOr}
	}
	if x.Kind != lir.PhysOperand {
		e.Move(ScratchFP, x, t)
		x = lir.Phys(ScratchFP, t)
	} else if y.Kind != lir.PhysOperand {
		e.Move(ScratchFP, y, t)
		y = lir.Phys(ScratchFP, t)
	}
	op := amd64.UCOMISD
	if t == lir.F32 {
		op = amd64.UCOMISS
	}
	e.inst(op, e.reg(x, t), e.reg(y, t))
	return c
}

// setcc materialises condition c as 1 or 0 in dst.
func (e *emitter) setcc(dst lir.Operand, c cond) {
	d8 := e.reg(dst, lir.I8)
	e.inst(amd64.SETO+(c.jcc-amd64.JO), d8)
	switch c.parity {
	case parityAnd:
		e.inst(amd64.SETNP, r11(lir.I8))
		e.inst(amd64.AND, d8, r11(lir.I8))
	case parityOr:
		e.inst(amd64.SETP, r11(lir.I8))
		e.inst(amd64.OR, d8, r11(lir.I8))
	}
	if dst.Type.Size() > 1 {
		e.inst(amd64.MOVZX, e.reg(dst, lir.I32), d8)
	}
}

// branchOn jumps to br.Then if c holds and to br.Else otherwise, falling
// through to the next block where it can.
func (e *emitter) branchOn(c cond, br *lir.Branch) {
	then, els := e.BlockLabel(br.Then), e.BlockLabel(br.Else)
	switch c.parity {
	case parityAnd: // then if e and np
		e.inst(amd64.JNE, amd64.Label(els))
		e.inst(amd64.JP, amd64.Label(els))
		e.JumpTo(br.Then, e)
	case parityOr: // then if ne or p
		e.inst(amd64.JNE, amd64.Label(then))
		e.inst(amd64.JP, amd64.Label(then))
		e.JumpTo(br.Else, e)
	default:
		e.CondBranch(br, e, func(neg bool, label string) {
			jcc := c.jcc
			if neg {
				jcc = negated(jcc)
			}
			e.inst(jcc, amd64.Label(label))
		})
	}
}

// Branch tests a condition held in a register (lower.BlockEmitter).
func (e *emitter) Branch(br *lir.Branch) {
	r := e.reg(br.Cond, br.Cond.Type)
	e.inst(amd64.TEST, r, r)
	e.branchOn(cond{jcc: amd64.JNE}, br)
}

// CallSym and CallReg emit a call (lower.BlockEmitter). Lowering has
// placed the arguments; stack arguments are already stored at the
// bottom of the frame.
func (e *emitter) CallSym(name string) { e.inst(amd64.CALL, amd64.Label(name)) }

func (e *emitter) CallReg(callee lir.Operand) { e.inst(amd64.CALL, e.reg(callee, lir.I64)) }
