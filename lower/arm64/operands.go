package arm64

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// isPhys reports whether o is physical register n.
func isPhys(o lir.Operand, n int) bool { return o.Kind == lir.PhysOperand && int(o.Index) == n }

// reg returns the register of physical operand o, sized for type t.
func (e *emitter) reg(o lir.Operand, t lir.Type) arm64.Reg {
	if o.Kind != lir.PhysOperand || o.Index < 0 || int(o.Index) >= NumRegs {
		e.Fail("operand %s is not a register", e.F.FormatOperand(o))
		return asmReg(X16, t)
	}
	n := int(o.Index)
	if isFP(n) != t.IsFloat() {
		e.Fail("register %s cannot hold %s", e.F.FormatOperand(o), t)
	}
	return asmReg(n, t)
}

// lo12 is the :lo12:sym+off operand of an add or a memory access.
func lo12(sym string, off int64) arm64.Sym {
	return arm64.Sym{Mod: arm64.ModLo12, Expr: asm.SymOff(sym, off)}
}

// immediate returns integer constant o truncated to the width of t and
// sign-extended.
func immediate(o lir.Operand, t lir.Type) int64 { return lir.SignExtend(t, uint64(o.Imm)) }

// inRegister returns a register holding operand o of type t: its own,
// or scratch register n set to it.
func (e *emitter) inRegister(o lir.Operand, t lir.Type, n int) arm64.Reg {
	if o.Kind == lir.PhysOperand {
		return e.reg(o, lower.Wide(t))
	}
	e.Move(n, o, t)
	return asmReg(n, lower.Wide(t))
}

// Move sets register n to operand o of type t (lower.BlockEmitter).
func (e *emitter) Move(n int, o lir.Operand, t lir.Type) {
	if isFP(n) {
		e.moveFloat(n, o, t)
		return
	}
	dst := asmReg(n, lir.I64)
	switch o.Kind {
	case lir.PhysOperand:
		if int(o.Index) == n {
			return
		}
		if isFP(int(o.Index)) {
			e.Fail("copy from %s to an integer register", e.F.FormatOperand(o))
			return
		}
		e.inst(arm64.MOV, dst, asmReg(int(o.Index), lir.I64))
	case lir.IntOperand:
		e.moveInt(n, immediate(o, t), lower.Wide(t))
	case lir.FloatOperand:
		e.moveInt(n, int64(lower.FloatBits(o)), lir.I64)
	case lir.SymOperand:
		e.symAddr(dst, e.F.Syms[o.Index], 0)
	case lir.SlotOperand:
		e.addImm(dst, arm64.SP, e.slotOffset(o.Index))
	default:
		e.Fail("cannot move %s", e.F.FormatOperand(o))
	}
}

// symAddr sets dst to the address sym+off: adrp and add, or the frame
// address of an argument pseudo-symbol.
func (e *emitter) symAddr(dst arm64.Reg, sym string, off int64) {
	if base, argOff, ok := e.argArea(sym); ok {
		e.addImm(dst, base, argOff+off)
		return
	}
	e.inst(arm64.ADRP, dst, arm64.Sym{Expr: asm.SymOff(sym, off)})
	e.inst(arm64.ADD, dst, dst, lo12(sym, off))
}

// argArea reports whether symbol name is an argument pseudo-symbol
// (lower.ArgSymbol): "@nk.inarg.N" is at [x29, #16+N], above the frame
// record, "@nk.outarg.N" at [sp, #N].
func (e *emitter) argArea(name string) (base arm64.Reg, off int64, ok bool) {
	in, off, ok := lower.ArgSymbol(name)
	switch {
	case !ok:
		return arm64.NoReg, 0, false
	case in:
		return arm64.X(FP), off + 16, true
	}
	return arm64.SP, off, true
}

// slotOffset returns the offset of slot s from sp.
func (e *emitter) slotOffset(s int32) int64 {
	if int(s) >= len(e.slotOff) {
		e.Fail("no stack slot ss%d", s)
		return 0
	}
	return e.slotOff[s]
}

// moveInt sets general-purpose register n to v, a value of width w
// (i32 or i64): one mov when movz, movn or orr with a bitmask immediate
// can make it, else movz or movn for one 16-bit chunk and movk for each
// other chunk that differs.
func (e *emitter) moveInt(n int, v int64, w lir.Type) {
	chunks, width := 4, 64
	u := uint64(v)
	if w.Size() < 8 {
		chunks, width, u = 2, 32, uint64(uint32(v))
	}
	dst := asmReg(n, w)
	zeros, ones := 0, 0
	for i := range chunks {
		switch (u >> (16 * i)) & 0xffff {
		case 0:
			zeros++
		case 0xffff:
			ones++
		}
	}
	if zeros >= chunks-1 || ones >= chunks-1 || arm64.IsLogicalImm(u, width) {
		if width == 32 {
			v = int64(int32(uint32(u)))
		}
		e.inst(arm64.MOV, dst, arm64.Imm{Val: v})
		return
	}
	fill, first := uint64(0), arm64.MOVZ
	if ones > zeros {
		fill, first = 0xffff, arm64.MOVN
	}
	for i := range chunks {
		c := (u >> (16 * i)) & 0xffff
		if c == fill {
			continue
		}
		if first != arm64.MOVK {
			if first == arm64.MOVN {
				c ^= 0xffff
			}
			e.inst(first, dst, arm64.Imm{Val: int64(c), LSL: uint8(16 * i)})
			first = arm64.MOVK
			continue
		}
		e.inst(arm64.MOVK, dst, arm64.Imm{Val: int64(c), LSL: uint8(16 * i)})
	}
}

// addImm sets dst to src + v with add or sub immediates (12 bits,
// optionally shifted by 12), through x17 for larger values. dst and src
// are 64-bit registers or sp; x16 is used when src is x17.
func (e *emitter) addImm(dst, src arm64.Reg, v int64) {
	op := arm64.ADD
	if v < 0 {
		op, v = arm64.SUB, -v
	}
	switch {
	case v == 0:
		if dst != src {
			e.inst(arm64.MOV, dst, src)
		}
	case v < 1<<12:
		e.inst(op, dst, src, arm64.Imm{Val: v})
	case v < 1<<24:
		e.inst(op, dst, src, arm64.Imm{Val: v >> 12, LSL: 12})
		if v&0xfff != 0 {
			e.inst(op, dst, dst, arm64.Imm{Val: v & 0xfff})
		}
	default:
		scratch := X17
		if src == arm64.X(X17) {
			scratch = X16
		}
		e.moveInt(scratch, v, lir.I64)
		e.inst(op, dst, src, arm64.RegExtend{Reg: arm64.X(scratch), Ext: arm64.ExtUXTX})
	}
}

// addrImm reports whether v is an add/sub immediate: 12 bits, maybe
// shifted by 12.
func addrImm(v int64) bool { return v >= 0 && (v < 1<<12 || v < 1<<24 && v&0xfff == 0) }

// addSubImm returns the immediate operand for an add/sub of v, which
// addrImm accepts.
func addSubImm(v int64) arm64.Imm {
	if v >= 1<<12 {
		return arm64.Imm{Val: v >> 12, LSL: 12}
	}
	return arm64.Imm{Val: v}
}

// moveFloat sets SIMD&FP register n to o.
func (e *emitter) moveFloat(n int, o lir.Operand, t lir.Type) {
	dst := asmReg(n, lir.F64)
	switch o.Kind {
	case lir.PhysOperand:
		if !isFP(int(o.Index)) {
			e.Fail("copy from %s to a float register", e.F.FormatOperand(o))
			return
		}
		if int(o.Index) != n {
			e.inst(arm64.FMOV, dst, asmReg(int(o.Index), lir.F64))
		}
	case lir.FloatOperand:
		bits := lower.FloatBits(o)
		if bits == 0 {
			e.inst(arm64.FMOV, dst, arm64.XZR)
			return
		}
		e.moveInt(X16, int64(bits), lir.I64)
		e.inst(arm64.FMOV, dst, arm64.X(X16))
	default:
		e.Fail("cannot move %s to a float register", e.F.FormatOperand(o))
	}
}

// mem returns the memory operand for size bytes at addr+off, with the
// instructions that compute its base (in x17 when it is not a register
// of its own).
func (e *emitter) mem(size int, addr lir.Operand, off int64) arm64.Mem {
	var base arm64.Reg
	switch addr.Kind {
	case lir.PhysOperand:
		base = e.reg(addr, lir.I64)
	case lir.SymOperand:
		sym := e.F.Syms[addr.Index]
		if b, argOff, ok := e.argArea(sym); ok {
			base, off = b, argOff+off
			break
		}
		if len(sym) > len(lower.ConstPrefix) && sym[:len(lower.ConstPrefix)] == lower.ConstPrefix && off == 0 {
			// Float constants are aligned to their size, as the
			// scaled :lo12: of a load needs.
			e.inst(arm64.ADRP, arm64.X(X17), arm64.Label(sym))
			return arm64.Mem{Base: arm64.X(X17), Sym: lo12(sym, 0)}
		}
		e.symAddr(arm64.X(X17), sym, off)
		return arm64.Mem{Base: arm64.X(X17)}
	case lir.SlotOperand:
		base, off = arm64.SP, e.slotOffset(addr.Index)+off
	case lir.IntOperand:
		e.moveInt(X17, addr.Imm+off, lir.I64)
		return arm64.Mem{Base: arm64.X(X17)}
	default:
		e.Fail("bad address %s", e.F.FormatOperand(addr))
		return arm64.Mem{Base: arm64.X(X17)}
	}
	if off >= 0 && off%int64(size) == 0 && off/int64(size) < 1<<12 || off >= -256 && off < 256 {
		return arm64.Mem{Base: base, Off: off}
	}
	e.addImm(arm64.X(X17), base, off)
	return arm64.Mem{Base: arm64.X(X17)}
}
