package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// r11 returns the general-purpose scratch register sized for type t.
func r11(t lir.Type) amd64.Reg { return asmReg(ScratchGP, t) }

// x15 is the float scratch register.
const x15 = amd64.X15

// isPhys reports whether o is physical register n.
func isPhys(o lir.Operand, n int) bool { return o.Kind == lir.PhysOperand && int(o.Index) == n }

// reg returns the register of physical operand o, sized for type t.
func (e *emitter) reg(o lir.Operand, t lir.Type) amd64.Reg {
	if o.Kind != lir.PhysOperand || o.Index < 0 || int(o.Index) >= NumRegs {
		e.Fail("operand %s is not a register", e.F.FormatOperand(o))
		return r11(t)
	}
	n := int(o.Index)
	if isFP(n) != t.IsFloat() {
		e.Fail("register %s cannot hold %s", e.F.FormatOperand(o), t)
	}
	return asmReg(n, t)
}

// immediate returns integer constant o truncated to the width of t and
// sign-extended, and whether that fits an instruction's imm32.
func immediate(o lir.Operand, t lir.Type) (int64, bool) {
	v := o.Imm
	switch t.Size() {
	case 1:
		v = int64(int8(v))
	case 2:
		v = int64(int16(v))
	case 4:
		v = int64(int32(v))
	}
	return v, fitsInt32(v)
}

// Move sets register n to operand o of type t (lower.BlockEmitter).
func (e *emitter) Move(n int, o lir.Operand, t lir.Type) {
	if isFP(n) {
		e.moveFloat(asmReg(n, t), o, t)
		return
	}
	w := lower.Wide(t)
	dst := asmReg(n, w)
	switch o.Kind {
	case lir.PhysOperand:
		if int(o.Index) != n {
			if isFP(int(o.Index)) {
				e.Fail("copy from %s to an integer register", e.F.FormatOperand(o))
				return
			}
			e.inst(amd64.MOV, dst, asmReg(int(o.Index), w))
		}
	case lir.IntOperand:
		e.moveInt(n, o, t)
	case lir.FloatOperand:
		e.moveInt(n, lir.Int(lir.I64, int64(lower.FloatBits(o))), lir.I64)
	case lir.SymOperand:
		e.inst(amd64.LEA, asmReg(n, lir.I64), amd64.RIPRel(0, e.F.Syms[o.Index], 0))
	case lir.SlotOperand:
		e.inst(amd64.LEA, asmReg(n, lir.I64), e.slotMem(0, o.Index, 0))
	default:
		e.Fail("cannot move %s", e.F.FormatOperand(o))
	}
}

// moveInt sets general-purpose register n to an integer constant with
// the shortest mov: zero-extending 32-bit, sign-extending 32-bit, or a
// 64-bit immediate.
func (e *emitter) moveInt(n int, o lir.Operand, t lir.Type) {
	v, _ := immediate(o, t)
	switch {
	case t.Size() < 8 || v>>32 == 0:
		e.inst(amd64.MOV, asmReg(n, lir.I32), amd64.Int(int64(int32(v))))
	case fitsInt32(v):
		e.inst(amd64.MOV, asmReg(n, lir.I64), amd64.Int(v))
	default:
		e.inst(amd64.MOVABS, asmReg(n, lir.I64), amd64.Int(v))
	}
}

// moveFloat sets xmm register dst to o.
func (e *emitter) moveFloat(dst amd64.Reg, o lir.Operand, t lir.Type) {
	switch o.Kind {
	case lir.PhysOperand:
		if !isFP(int(o.Index)) {
			e.Fail("copy from %s to a float register", e.F.FormatOperand(o))
			return
		}
		if src := asmReg(int(o.Index), t); src != dst {
			e.inst(amd64.MOVAPS, dst, src)
		}
	case lir.FloatOperand:
		bits := lower.FloatBits(o)
		if bits == 0 {
			e.inst(amd64.XORPS, dst, dst)
			return
		}
		e.moveInt(ScratchGP, lir.Int(lir.I64, int64(bits)), lir.I64)
		if t == lir.F32 {
			e.inst(amd64.MOVD, dst, r11(lir.I32))
		} else {
			e.inst(amd64.MOVQ, dst, r11(lir.I64))
		}
	default:
		e.Fail("cannot move %s to a float register", e.F.FormatOperand(o))
	}
}

// source returns o as the source operand of an instruction of type t: a
// register, an imm32, or else o loaded into register scratch.
func (e *emitter) source(o lir.Operand, t lir.Type, scratch int) amd64.Operand {
	switch o.Kind {
	case lir.PhysOperand:
		return e.reg(o, t)
	case lir.IntOperand:
		if v, ok := immediate(o, t); ok && !t.IsFloat() {
			return amd64.Int(v)
		}
	}
	e.Move(scratch, o, t)
	return asmReg(scratch, t)
}

// slotMem returns the memory operand for slot s plus off.
func (e *emitter) slotMem(size int, s int32, off int64) amd64.Mem {
	if int(s) >= len(e.slotOff) {
		e.Fail("no stack slot ss%d", s)
		return amd64.Ptr(size, amd64.RBP, 0)
	}
	return amd64.Ptr(size, amd64.RBP, e.slotOff[s]+off)
}

// mem returns the memory operand of size bytes at addr+off.
func (e *emitter) mem(size int, addr lir.Operand, off int64) amd64.Mem {
	if m, ok := e.fusedMem(size, addr, off); ok {
		return m
	}
	if !fitsInt32(off) {
		e.Fail("offset %d out of range", off)
	}
	switch addr.Kind {
	case lir.PhysOperand:
		return amd64.Ptr(size, e.reg(addr, lir.I64), off)
	case lir.SymOperand:
		if base, argOff, ok := argArea(e.F.Syms[addr.Index]); ok {
			return amd64.Ptr(size, base, argOff+off)
		}
		return amd64.RIPRel(size, e.F.Syms[addr.Index], off)
	case lir.SlotOperand:
		return e.slotMem(size, addr.Index, off)
	case lir.IntOperand:
		e.moveInt(ScratchGP, addr, lir.I64)
		return amd64.Ptr(size, r11(lir.I64), off)
	}
	e.Fail("bad address %s", e.F.FormatOperand(addr))
	return amd64.Ptr(size, r11(lir.I64), 0)
}
