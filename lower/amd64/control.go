package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// A cc is an x86 condition code in its encoding order (o, no, b, ae, e,
// ne, be, a, s, ns, p, np, l, ge, le, g): cc^1 is its negation, and
// JO+cc, SETO+cc are its jump and set instructions.
type cc uint8

const (
	ccB  cc = 2
	ccAE cc = 3
	ccE  cc = 4
	ccNE cc = 5
	ccBE cc = 6
	ccA  cc = 7
	ccP  cc = 10
	ccNP cc = 11
	ccL  cc = 12
	ccGE cc = 13
	ccLE cc = 14
	ccG  cc = 15
)

// A cond is what a compare leaves in the flags: one condition code, or
// for float equality two (ucomisd reports unordered operands in the
// parity flag): feq is "e and np", fne is "ne or p".
type cond struct {
	cc     cc
	parity int8 // 0, parityAnd (cc and np) or parityOr (cc or p)
}

const (
	parityAnd = 1
	parityOr  = 2
)

var intConds = map[lir.Op]cc{
	lir.OpEq: ccE, lir.OpNe: ccNE, lir.OpSLt: ccL, lir.OpSLe: ccLE, lir.OpSGt: ccG, lir.OpSGe: ccGE,
	lir.OpULt: ccB, lir.OpULe: ccBE, lir.OpUGt: ccA, lir.OpUGe: ccAE,
}

// swapped gives the condition with the operands exchanged.
var swapped = map[cc]cc{ccE: ccE, ccNE: ccNE, ccL: ccG, ccG: ccL, ccLE: ccGE, ccGE: ccLE, ccB: ccA, ccA: ccB, ccBE: ccAE, ccAE: ccBE}

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
		e.move(ScratchGP, x, t)
		x = lir.Phys(ScratchGP, t)
		second = int(in.Dst.Index)
	}
	e.inst(amd64.CMP, e.reg(x, t), e.source(y, t, second))
	return cond{cc: c}
}

// floatCompare uses ucomiss/ucomisd, ordering the operands so that
// "less" becomes "above" and an unordered compare (a NaN) is false.
func (e *emitter) floatCompare(in *lir.Compare) cond {
	t := in.X.Type
	x, y := in.X, in.Y
	var c cond
	switch in.Opcode {
	case lir.OpFLt:
		x, y, c = y, x, cond{cc: ccA}
	case lir.OpFLe:
		x, y, c = y, x, cond{cc: ccAE}
	case lir.OpFGt:
		c = cond{cc: ccA}
	case lir.OpFGe:
		c = cond{cc: ccAE}
	case lir.OpFEq:
		c = cond{cc: ccE, parity: parityAnd}
	case lir.OpFNe:
		c = cond{cc: ccNE, parity: parityOr}
	}
	if x.Kind != lir.PhysOperand {
		e.move(ScratchFP, x, t)
		x = lir.Phys(ScratchFP, t)
	} else if y.Kind != lir.PhysOperand {
		e.move(ScratchFP, y, t)
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
	e.inst(amd64.SETO+amd64.Op(c.cc), d8)
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
	next := e.Block + 1
	jcc := func(c cc, l string) { e.inst(amd64.JO+amd64.Op(c), amd64.Label(l)) }
	switch c.parity {
	case parityAnd: // then if e and np
		jcc(ccNE, els)
		jcc(ccP, els)
		if br.Then != next {
			e.inst(amd64.JMP, amd64.Label(then))
		}
	case parityOr: // then if ne or p
		jcc(ccNE, then)
		jcc(ccP, then)
		if br.Else != next {
			e.inst(amd64.JMP, amd64.Label(els))
		}
	default:
		if br.Then == next {
			jcc(c.cc^1, els)
			return
		}
		jcc(c.cc, then)
		if br.Else != next {
			e.inst(amd64.JMP, amd64.Label(els))
		}
	}
}

// branch tests a condition held in a register.
func (e *emitter) branch(br *lir.Branch) {
	switch br.Cond.Kind {
	case lir.IntOperand:
		target := br.Else
		if br.Cond.Imm != 0 {
			target = br.Then
		}
		if target != e.Block+1 {
			e.inst(amd64.JMP, amd64.Label(e.BlockLabel(target)))
		}
		return
	}
	r := e.reg(br.Cond, br.Cond.Type)
	e.inst(amd64.TEST, r, r)
	e.branchOn(cond{cc: ccNE}, br)
}

// call emits a call. Lowering has placed the arguments; stack arguments
// are already stored at the bottom of the frame.
func (e *emitter) call(in *lir.Call) {
	if in.Dst.Kind != lir.NoOperand && !isPhys(in.Dst, resultReg(in.Dst.Type)) {
		e.Fail("%s: result not in rax or xmm0", e.F.FormatInstr(in))
	}
	switch in.Callee.Kind {
	case lir.SymOperand:
		e.inst(amd64.CALL, amd64.Label(e.F.Syms[in.Callee.Index]))
	case lir.PhysOperand:
		e.inst(amd64.CALL, e.reg(in.Callee, lir.I64))
	default:
		e.Fail("%s: bad callee", e.F.FormatInstr(in))
	}
}
