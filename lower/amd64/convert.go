package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// The conversions (lower.BlockEmitter; lower.Emitter's convert picks
// them). Integer registers may hold garbage above the width of their
// type, so every conversion that reads an i8, i16 or i32 as a wider
// number extends it explicitly.

// FloatResize converts between f32 and f64.
func (e *emitter) FloatResize(dst, x lir.Operand) {
	op := amd64.CVTSS2SD
	if dst.Type == lir.F32 {
		op = amd64.CVTSD2SS
	}
	e.inst(op, e.reg(dst, dst.Type), e.reg(x, x.Type))
}

// FloatToInt truncates a float to a signed 64-bit integer.
func (e *emitter) FloatToInt(d int, x lir.Operand) {
	e.inst(truncOp(x.Type), asmReg(d, lir.I64), e.reg(x, x.Type))
}

func truncOp(from lir.Type) amd64.Op {
	if from == lir.F32 {
		return amd64.CVTTSS2SI
	}
	return amd64.CVTTSD2SI
}

// Extend widens integer x of type from, narrower than to and than 64
// bits, into register d.
func (e *emitter) Extend(signed bool, d int, x lir.Operand, from, to lir.Type) {
	src := e.reg(x, from)
	switch {
	case from.Size() == 4 && signed:
		e.inst(amd64.MOVSXD, asmReg(d, lir.I64), src)
	case from.Size() == 4:
		e.inst(amd64.MOV, asmReg(d, lir.I32), src) // writing a 32-bit register clears the upper half
	case signed:
		e.inst(amd64.MOVSX, asmReg(d, lower.Wide(to)), src)
	default:
		e.inst(amd64.MOVZX, asmReg(d, lir.I32), src)
	}
}

// Bitcast moves bits between integer and float registers unchanged.
func (e *emitter) Bitcast(d int, x lir.Operand, from, to lir.Type) {
	op := amd64.MOVQ
	if to.Size() == 4 {
		op = amd64.MOVD
	}
	e.inst(op, asmReg(d, to), asmReg(int(x.Index), from))
}

// IntToFloat converts integer x to float register dst. Narrow integers
// are extended into the scratch register first; an unsigned i64 with
// the top bit set is halved (keeping the lost bit as a sticky bit, so
// rounding stays exact) and doubled after the conversion.
func (e *emitter) IntToFloat(signed bool, dst, x lir.Operand) {
	from, to := x.Type, dst.Type
	op := amd64.CVTSI2SD
	if to == lir.F32 {
		op = amd64.CVTSI2SS
	}
	d := e.reg(dst, to)
	src := e.reg(x, from)
	switch {
	case from.Size() < 4 || from.Size() == 4 && !signed:
		e.Extend(signed, ScratchGP, x, from, lir.I64)
		src = r11(lir.I64)
	case from.Size() == 8 && !signed:
		e.uint64ToFloat(op, d, src, to)
		return
	}
	e.clearFloat(d)
	e.inst(op, d, src)
}

// clearFloat zeroes float register d before a conversion writes its low
// lane: cvtsi2sd and cvtsi2ss keep the rest of the register, so without
// it each conversion waits for the last instruction that wrote d (in a
// loop, often a divsd of the previous iteration). xorps of a register
// with itself depends on nothing.
func (e *emitter) clearFloat(d amd64.Reg) {
	e.inst(amd64.XORPS, d, d)
}

func (e *emitter) uint64ToFloat(op amd64.Op, d, src amd64.Reg, to lir.Type) {
	big, done, even := e.NewLabel(), e.NewLabel(), e.NewLabel()
	e.clearFloat(d)
	e.inst(amd64.TEST, src, src)
	e.inst(amd64.JS, amd64.Label(big))
	e.inst(op, d, src)
	e.inst(amd64.JMP, amd64.Label(done))
	e.Out.Label(big)
	e.inst(amd64.MOV, r11(lir.I64), src)
	e.inst(amd64.SHR, r11(lir.I64), amd64.Int(1))
	e.inst(amd64.JAE, amd64.Label(even)) // carry: the bit shifted out
	e.inst(amd64.OR, r11(lir.I64), amd64.Int(1))
	e.Out.Label(even)
	e.inst(op, d, r11(lir.I64))
	add := amd64.ADDSD
	if to == lir.F32 {
		add = amd64.ADDSS
	}
	e.inst(add, d, d)
	e.Out.Label(done)
}

// FloatToUint converts float x to an unsigned 64-bit integer in register
// d as Go does on amd64: values below 2^63 convert directly; others
// convert x-2^63 and set the top bit.
func (e *emitter) FloatToUint(d int, x lir.Operand) {
	from := x.Type
	limit := lir.Float(from, 1<<63)
	big, done := e.NewLabel(), e.NewLabel()
	src := e.reg(x, from)
	dst := asmReg(d, lir.I64)
	e.moveFloat(x15, limit, from)
	cmp := amd64.UCOMISD
	sub := amd64.SUBSD
	if from == lir.F32 {
		cmp, sub = amd64.UCOMISS, amd64.SUBSS
	}
	e.inst(cmp, src, x15)
	e.inst(amd64.JAE, amd64.Label(big))
	e.inst(truncOp(from), dst, src)
	e.inst(amd64.JMP, amd64.Label(done))
	e.Out.Label(big)
	e.inst(sub, x15, src) // 2^63 - x
	e.inst(truncOp(from), dst, x15)
	e.inst(amd64.NEG, dst)
	e.inst(amd64.BTS, dst, amd64.Int(63))
	e.Out.Label(done)
}

// loadMem emits a load, zero-extending i8 and i16 to 32 bits.
func (e *emitter) loadMem(in *lir.Load) {
	t := in.Dst.Type
	m := e.mem(t.Size(), in.Addr, in.Off)
	dst := e.reg(in.Dst, lower.Wide(t))
	switch t {
	case lir.I8, lir.I16:
		e.inst(amd64.MOVZX, dst, m)
	case lir.F32:
		e.inst(amd64.MOVSS, dst, m)
	case lir.F64:
		e.inst(amd64.MOVSD, dst, m)
	default:
		e.inst(amd64.MOV, dst, m)
	}
}

// store emits a store of a register or an immediate; float constants
// are stored as their integer bits.
func (e *emitter) store(in *lir.Store) {
	t := in.Val.Type
	val := in.Val
	if val.Kind == lir.FloatOperand {
		t = lir.I32
		if val.Type == lir.F64 {
			t = lir.I64
		}
		val = lir.Int(t, int64(lower.FloatBits(val)))
	}
	var src amd64.Operand
	switch {
	case val.Kind == lir.PhysOperand && t.IsFloat():
		op := amd64.MOVSD
		if t == lir.F32 {
			op = amd64.MOVSS
		}
		e.inst(op, e.mem(t.Size(), in.Addr, in.Off), e.reg(val, t))
		return
	default:
		if in.Addr.Kind == lir.IntOperand && val.Kind != lir.PhysOperand {
			e.Fail("%s: constant stored at a constant address", e.F.FormatInstr(in))
		}
		src = e.source(val, t, ScratchGP)
	}
	e.inst(amd64.MOV, e.mem(t.Size(), in.Addr, in.Off), src)
}

// addr computes base + index*scale + off, with one lea when the scale is
// 1, 2, 4 or 8.
func (e *emitter) addr(in *lir.Addr) {
	d := int(in.Dst.Index)
	dst := asmReg(d, lir.I64)
	off := in.Off
	index := amd64.NoReg
	scale := in.Scale
	switch in.Index.Kind {
	case lir.IntOperand:
		v, _ := immediate(in.Index, in.Index.Type)
		off += v * scale
	case lir.PhysOperand:
		index = e.reg(in.Index, lir.I64)
		if in.Index.Type.Size() < 8 {
			e.Extend(true, ScratchGP, in.Index, in.Index.Type, lir.I64)
			index = r11(lir.I64)
		}
		if scale != 1 && scale != 2 && scale != 4 && scale != 8 {
			if index != r11(lir.I64) {
				e.inst(amd64.MOV, r11(lir.I64), index)
			}
			e.inst(amd64.IMUL, r11(lir.I64), r11(lir.I64), amd64.Int(scale))
			index, scale = r11(lir.I64), 1
		}
	}
	if !fitsInt32(off) {
		e.Fail("%s: offset out of range", e.F.FormatInstr(in))
	}
	var base amd64.Reg
	switch in.Base.Kind {
	case lir.PhysOperand:
		base = e.reg(in.Base, lir.I64)
	case lir.SlotOperand:
		base = amd64.RBP
		off += e.slotOff[in.Base.Index]
	default:
		if index == amd64.NoReg {
			e.Move(d, in.Base, lir.Ptr)
			if off != 0 {
				e.inst(amd64.LEA, dst, amd64.Ptr(0, dst, off))
			}
			return
		}
		if index == dst { // dst holds the index: go through the scratch register
			e.inst(amd64.MOV, r11(lir.I64), index)
			index = r11(lir.I64)
		}
		if index == r11(lir.I64) {
			e.Move(d, in.Base, lir.Ptr)
			base = dst
		} else {
			e.Move(ScratchGP, in.Base, lir.Ptr)
			base = r11(lir.I64)
		}
	}
	m := amd64.Mem{Base: base, Index: index, Disp: amd64.Int(off).Expr}
	if index != amd64.NoReg {
		m.Scale = uint8(scale)
	}
	if index == amd64.NoReg && off == 0 {
		if base != dst {
			e.inst(amd64.MOV, dst, base)
		}
		return
	}
	e.inst(amd64.LEA, dst, m)
}
