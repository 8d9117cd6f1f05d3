package arm64

import (
	"math/bits"

	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

var intOps = map[lir.Op]arm64.Op{
	lir.OpAdd: arm64.ADD, lir.OpSub: arm64.SUB, lir.OpMul: arm64.MUL,
	lir.OpAnd: arm64.AND, lir.OpOr: arm64.ORR, lir.OpXor: arm64.EOR,
	lir.OpFAdd: arm64.FADD, lir.OpFSub: arm64.FSUB, lir.OpFMul: arm64.FMUL, lir.OpFDiv: arm64.FDIV,
}

// Binary emits a binary operation (lower.BlockEmitter).
func (e *emitter) Binary(in *lir.Binary) {
	t := in.Dst.Type
	switch in.Opcode {
	case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
		e.divide(in)
		return
	case lir.OpShl, lir.OpLShr, lir.OpAShr:
		e.shift(in)
		return
	case lir.OpRotr:
		e.shift(in)
		return
	case lir.OpFAdd, lir.OpFSub, lir.OpFMul, lir.OpFDiv:
		e.inst(intOps[in.Opcode], e.reg(in.Dst, t), e.inRegister(in.X, t, V31), e.reg(in.Y, t))
		return
	}
	w := lower.Wide(t)
	x, y := in.X, in.Y
	if x.Kind != lir.PhysOperand && y.Kind == lir.PhysOperand && in.Opcode.IsCommutative() {
		x, y = y, x
	}
	dst := e.reg(in.Dst, w)
	xr := e.inRegister(x, w, X16)
	op := intOps[in.Opcode]
	if y.Kind == lir.IntOperand {
		v := immediate(y, t)
		switch in.Opcode {
		case lir.OpAdd, lir.OpSub:
			if addrImm(v) {
				e.inst(op, dst, xr, addSubImm(v))
				return
			}
			if v != -1<<63 && addrImm(-v) {
				e.inst(map[arm64.Op]arm64.Op{arm64.ADD: arm64.SUB, arm64.SUB: arm64.ADD}[op], dst, xr, addSubImm(-v))
				return
			}
		case lir.OpAnd, lir.OpOr, lir.OpXor:
			u, width := uint64(v), 64
			if w == lir.I32 {
				u, width = uint64(uint32(v)), 32
			}
			if arm64.IsLogicalImm(u, width) {
				e.inst(op, dst, xr, arm64.Imm{Val: int64(u)})
				return
			}
		}
	}
	if in.Opcode == lir.OpMul && y.Kind == lir.IntOperand {
		// x * (2^k + 1) = x + x<<k
		if v := immediate(y, t); v > 2 && (v-1)&(v-2) == 0 {
			e.inst(arm64.ADD, dst, xr, arm64.RegShift{Reg: xr, Shift: arm64.ShiftLSL, Amount: uint8(bits.TrailingZeros64(uint64(v - 1)))})
			return
		}
	}
	e.inst(op, dst, xr, e.inRegister(y, w, X17))
}

// shift emits a shift or a rotation right by a constant (lsl, lsr, asr,
// ror, or ubfx and sbfx for i8 and i16 right shifts, which read only the
// value's bits) or by a register (lslv, lsrv, asrv, rorv; i8 and i16
// counts are masked to their width first and right shifts extend the
// value first). An i8 or i16 has no rotate instruction: by a constant,
// the bits that move down (ubfx) are ored with the value shifted up; by
// a register, the value is doubled (x | x<<8) and the double shifted
// right.
func (e *emitter) shift(in *lir.Binary) {
	t := in.Dst.Type
	w := lower.Wide(t)
	bits := int64(t.Size() * 8)
	dst := e.reg(in.Dst, w)
	x := e.inRegister(in.X, t, X16)
	if in.Y.Kind == lir.IntOperand {
		c := int64(uint64(in.Y.Imm) % uint64(bits))
		switch {
		case c == 0:
			e.Move(int(in.Dst.Index), lir.Phys(regNum(x), t), t)
		case in.Opcode == lir.OpShl:
			e.inst(arm64.LSL, dst, x, arm64.Imm{Val: c})
		case in.Opcode == lir.OpRotr && t.Size() >= 4:
			e.inst(arm64.ROR, dst, x, arm64.Imm{Val: c})
		case in.Opcode == lir.OpRotr:
			e.inst(arm64.UBFX, arm64.W(X17), x, arm64.Imm{Val: c}, arm64.Imm{Val: bits - c})
			e.inst(arm64.ORR, dst, arm64.W(X17), arm64.RegShift{Reg: arm64.W(regNum(x)), Shift: arm64.ShiftLSL, Amount: uint8(bits - c)})
		case t.Size() < 4 && in.Opcode == lir.OpLShr:
			e.inst(arm64.UBFX, dst, x, arm64.Imm{Val: c}, arm64.Imm{Val: bits - c})
		case t.Size() < 4:
			e.inst(arm64.SBFX, dst, x, arm64.Imm{Val: c}, arm64.Imm{Val: bits - c})
		case in.Opcode == lir.OpLShr:
			e.inst(arm64.LSR, dst, x, arm64.Imm{Val: c})
		default:
			e.inst(arm64.ASR, dst, x, arm64.Imm{Val: c})
		}
		return
	}
	count := e.inRegister(in.Y, t, X17)
	if t.Size() < 4 {
		e.inst(arm64.AND, arm64.W(X17), count, arm64.Imm{Val: bits - 1})
		count = arm64.W(X17)
		if in.Opcode != lir.OpShl {
			e.extend(in.Opcode == lir.OpAShr, arm64.W(X16), x, t)
			x = arm64.W(X16)
		}
		if in.Opcode == lir.OpRotr {
			e.inst(arm64.ORR, x, x, arm64.RegShift{Reg: x, Shift: arm64.ShiftLSL, Amount: uint8(bits)})
		}
	}
	op := map[lir.Op]arm64.Op{lir.OpShl: arm64.LSLV, lir.OpLShr: arm64.LSRV, lir.OpAShr: arm64.ASRV, lir.OpRotr: arm64.RORV}[in.Opcode]
	if in.Opcode == lir.OpRotr && t.Size() < 4 {
		op = arm64.LSRV
	}
	e.inst(op, dst, x, count)
}

// regNum returns the register number of general-purpose register r.
func regNum(r arm64.Reg) int {
	if r == arm64.SP {
		return SP
	}
	return int(r & 31)
}

// extend sign- or zero-extends the i8 or i16 in src into the 32-bit
// dst.
func (e *emitter) extend(signed bool, dst, src arm64.Reg, from lir.Type) {
	op := arm64.UXTB
	switch {
	case signed && from.Size() == 1:
		op = arm64.SXTB
	case signed:
		op = arm64.SXTH
	case from.Size() == 2:
		op = arm64.UXTH
	}
	e.inst(op, dst, arm64.W(regNum(src)))
}

// divide emits division and remainder: sdiv or udiv (in 32 bits after
// extending i8 and i16), and msub for the remainder. A divisor that is
// zero reaches brk #0x3e8 (the runtime reports a division by zero); the
// most negative number divided by -1 wraps as LIR defines, which is
// what sdiv does.
func (e *emitter) divide(in *lir.Binary) {
	t := in.Dst.Type
	w := lower.Wide(t)
	signed := in.Opcode == lir.OpSDiv || in.Opcode == lir.OpSRem
	rem := in.Opcode == lir.OpSRem || in.Opcode == lir.OpURem
	x := e.reg(in.X, w)
	y := e.inRegister(in.Y, t, X17)
	if in.Y.Kind == lir.IntOperand {
		if immediate(in.Y, t) == 0 {
			e.inst(arm64.BRK, arm64.Imm{Val: brkDivide})
			return
		}
	} else {
		ok := e.NewLabel()
		e.inst(arm64.CBNZ, y, arm64.Label(ok))
		e.inst(arm64.BRK, arm64.Imm{Val: brkDivide})
		e.Out.Label(ok)
	}
	xd, yd := x, y
	if t.Size() < 4 {
		e.extend(signed, arm64.W(X16), x, t)
		e.extend(signed, arm64.W(X17), y, t)
		xd, yd = arm64.W(X16), arm64.W(X17)
	}
	op := arm64.UDIV
	if signed {
		op = arm64.SDIV
	}
	if !rem {
		e.inst(op, e.reg(in.Dst, w), xd, yd)
		return
	}
	q := asmReg(X16, w)
	e.inst(op, q, xd, yd)
	e.inst(arm64.MSUB, e.reg(in.Dst, w), q, yd, x)
}

// Unary emits a negation or a complement (lower.BlockEmitter).
func (e *emitter) Unary(in *lir.Unary) {
	t := in.Dst.Type
	switch in.Opcode {
	case lir.OpNeg:
		e.inst(arm64.NEG, e.reg(in.Dst, lower.Wide(t)), e.inRegister(in.X, t, X16))
	case lir.OpNot:
		e.inst(arm64.MVN, e.reg(in.Dst, lower.Wide(t)), e.inRegister(in.X, t, X16))
	case lir.OpFNeg:
		e.inst(arm64.FNEG, e.reg(in.Dst, t), e.inRegister(in.X, t, V31))
	}
}
