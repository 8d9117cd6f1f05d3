package arm64

import (
	"math/bits"

	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
)

// Addr computes base + index*scale + off: the index (extended from i8,
// i16 or i32, multiplied by a scale that is not a power of two) in x16,
// the base in a register (x17 for a symbol or a slot), then one add with
// the index shifted by log2(scale), then the offset.
func (e *emitter) Addr(in *lir.Addr) {
	dst := e.reg(in.Dst, lir.I64)
	off := in.Off
	index := arm64.NoReg
	shift := 0
	switch in.Index.Kind {
	case lir.IntOperand:
		off += immediate(in.Index, in.Index.Type) * in.Scale
	case lir.PhysOperand:
		index = e.reg(in.Index, lir.I64)
		if sz := in.Index.Type.Size(); sz < 8 {
			op := map[int]arm64.Op{1: arm64.SXTB, 2: arm64.SXTH, 4: arm64.SXTW}[sz]
			e.inst(op, arm64.X(X16), arm64.W(regNum(index)))
			index = arm64.X(X16)
		}
		switch s := in.Scale; {
		case s > 0 && s&(s-1) == 0:
			shift = bits.TrailingZeros64(uint64(s))
		default:
			e.moveInt(X17, s, lir.I64)
			e.inst(arm64.MUL, arm64.X(X16), index, arm64.X(X17))
			index = arm64.X(X16)
		}
	}
	var base arm64.Reg
	switch in.Base.Kind {
	case lir.PhysOperand:
		base = e.reg(in.Base, lir.I64)
	case lir.SlotOperand:
		if index == arm64.NoReg {
			e.addImm(dst, arm64.SP, e.slotOffset(in.Base.Index)+off)
			return
		}
		base = arm64.X(X17)
		e.addImm(base, arm64.SP, e.slotOffset(in.Base.Index))
	case lir.SymOperand:
		if index == arm64.NoReg {
			e.symAddr(dst, e.F.Syms[in.Base.Index], off)
			return
		}
		base = arm64.X(X17)
		e.symAddr(base, e.F.Syms[in.Base.Index], 0)
	default:
		base = arm64.X(X17)
		e.Move(X17, in.Base, lir.Ptr)
	}
	if index == arm64.NoReg {
		e.addImm(dst, base, off)
		return
	}
	e.inst(arm64.ADD, dst, base, arm64.RegShift{Reg: index, Shift: arm64.ShiftLSL, Amount: uint8(shift)})
	e.addImm(dst, dst, off)
}
