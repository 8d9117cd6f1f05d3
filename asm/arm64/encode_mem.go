package arm64

import (
	"debug/elf"
)

// Loads, stores, branches and PC-relative addressing.

// memAccess describes the data access of a load/store instruction.
type memAccess struct {
	size  uint32 // size field (bits 31-30)
	v     uint32 // 1 for SIMD&FP registers
	opc   uint32 // opc field (bits 23-22)
	scale uint32 // log2 of the access size in bytes
}

// access returns the access of op with transfer register rt.
func access(op Op, rt Reg) (memAccess, error) {
	load := uint32(0)
	switch op {
	case LDR, LDUR, LDRB, LDURB, LDRH, LDURH:
		load = 1
	}
	switch op {
	case LDR, STR, LDUR, STUR:
		switch rt.Class() {
		case ClassW:
			return memAccess{2, 0, load, 2}, nil
		case ClassX:
			return memAccess{3, 0, load, 3}, nil
		case ClassB:
			return memAccess{0, 1, load, 0}, nil
		case ClassH:
			return memAccess{1, 1, load, 1}, nil
		case ClassS:
			return memAccess{2, 1, load, 2}, nil
		case ClassD:
			return memAccess{3, 1, load, 3}, nil
		case ClassQ:
			return memAccess{0, 1, 2 | load, 4}, nil
		}
		return memAccess{}, errorf("operand 1: %s not allowed here", rt)
	case LDRB, STRB, LDURB, STURB, LDRH, STRH, LDURH, STURH:
		if rt.Class() != ClassW {
			return memAccess{}, errorf("operand 1: expected a 32-bit register, got %s", rt)
		}
		if op == LDRH || op == STRH || op == LDURH || op == STURH {
			return memAccess{1, 0, load, 1}, nil
		}
		return memAccess{0, 0, load, 0}, nil
	case LDRSB, LDURSB, LDRSH, LDURSH:
		opc := uint32(2)
		switch rt.Class() {
		case ClassW:
			opc = 3
		case ClassX:
		default:
			return memAccess{}, errorf("operand 1: %s not allowed here", rt)
		}
		if op == LDRSH || op == LDURSH {
			return memAccess{1, 0, opc, 1}, nil
		}
		return memAccess{0, 0, opc, 0}, nil
	case LDRSW, LDURSW:
		if rt.Class() != ClassX {
			return memAccess{}, errorf("operand 1: expected a 64-bit register, got %s", rt)
		}
		return memAccess{2, 0, 2, 2}, nil
	}
	return memAccess{}, errorf("not a load or store")
}

func (e *encoder) loadStore() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	op := e.in.Op
	rt, err := e.reg(0, rGP|rFP)
	if err != nil {
		return 0, err
	}
	acc, err := access(op, rt)
	if err != nil {
		return 0, err
	}
	unscaled := op == LDUR || op == STUR || op == LDURB || op == STURB || op == LDURH || op == STURH ||
		op == LDURSB || op == LDURSH || op == LDURSW
	common := acc.size<<30 | acc.v<<26 | acc.opc<<22 | rt.Num()
	if a := e.args[1]; a.kind == argSym {
		sym := e.in.sym(a)
		// Load literal.
		if unscaled || acc.opc&1 == 0 && !(op == LDRSW) || sym.Mod != ModNone || sym.LSL != 0 {
			return 0, errorf("operand 2 must be a memory operand")
		}
		var opc uint32
		switch {
		case op == LDRSW:
			opc = 2
		case rt.Class() == ClassW || rt.Class() == ClassS:
			opc = 0
		case rt.Class() == ClassX || rt.Class() == ClassD:
			opc = 1
		case rt.Class() == ClassQ:
			opc = 2
		default:
			return 0, errorf("operand 1: %s not allowed in a literal load", rt)
		}
		imm, err := e.pcrel(sym, elf.R_AARCH64_LD_PREL_LO19, 19, 2)
		if err != nil {
			return 0, err
		}
		return opc<<30 | 0x18000000 | acc.v<<26 | imm<<5 | rt.Num(), nil
	}
	if e.args[1].kind != argMem {
		return 0, errorf("operand 2 must be a memory operand, not %s", e.opString(e.args[1]))
	}
	m := e.in.mem(e.args[1])
	if err := checkReg(m.Base, rSP|rOnly64, 1); err != nil {
		return 0, errorf("base register must be a 64-bit general register or sp")
	}
	base := m.Base.Num() << 5
	switch m.Mode {
	case ModeOffset:
		if m.Sym.Mod != ModNone {
			if unscaled {
				return 0, errorf("relocation modifier not allowed in an unscaled access")
			}
			var typ elf.R_AARCH64
			switch m.Sym.Mod {
			case ModLo12:
				typ = [...]elf.R_AARCH64{elf.R_AARCH64_LDST8_ABS_LO12_NC, elf.R_AARCH64_LDST16_ABS_LO12_NC,
					elf.R_AARCH64_LDST32_ABS_LO12_NC, elf.R_AARCH64_LDST64_ABS_LO12_NC, elf.R_AARCH64_LDST128_ABS_LO12_NC}[acc.scale]
			case ModGotLo12:
				// GNU as emits this for any load or store.
				typ = elf.R_AARCH64_LD64_GOT_LO12_NC
			case ModTprelLo12NC:
				// debug/elf lacks names for the 8..64-bit forms (553, 555, 557, 559).
				typ = [...]elf.R_AARCH64{553, 555, 557, 559, elf.R_AARCH64_TLSLE_LDST128_TPREL_LO12_NC}[acc.scale]
			default:
				return 0, errorf("relocation modifier %s not allowed in a memory operand", m.Sym.Mod)
			}
			if m.Sym.LSL != 0 {
				return 0, errorf("unexpected shift")
			}
			if err := e.reloc(typ, m.Sym); err != nil {
				return 0, err
			}
			return common | 0x39000000 | base, nil
		}
		off := m.Off
		if !unscaled && off >= 0 && off&(1<<acc.scale-1) == 0 && off>>acc.scale <= 4095 {
			return common | 0x39000000 | uint32(off>>acc.scale)<<10 | base, nil
		}
		if off >= -256 && off <= 255 {
			return common | 0x38000000 | uint32(off&0x1ff)<<12 | base, nil
		}
		if unscaled {
			return 0, errorf("offset %d out of range -256..255", off)
		}
		return 0, errorf("offset %d out of range (-256..255, or a multiple of %d in 0..%d)", off, 1<<acc.scale, 4095<<acc.scale)
	case ModePre, ModePost:
		if unscaled {
			return 0, errorf("writeback not allowed")
		}
		if m.Off < -256 || m.Off > 255 {
			return 0, errorf("offset %d out of range -256..255", m.Off)
		}
		mode := uint32(1) << 10
		if m.Mode == ModePre {
			mode = 3 << 10
		}
		return common | 0x38000000 | uint32(m.Off&0x1ff)<<12 | mode | base, nil
	case ModeIndex:
		if unscaled {
			return 0, errorf("register offset not allowed")
		}
		var option uint32
		switch m.Ext {
		case ExtNone, ExtLSL:
			option = 3
			if !m.Index.Is64() {
				return 0, errorf("index register must be 64-bit with lsl")
			}
			if m.Ext == ExtLSL && !m.HasAmount {
				return 0, errorf("missing shift amount")
			}
		case ExtUXTW, ExtSXTW:
			option = uint32(m.Ext)
			if m.Index.Is64() {
				return 0, errorf("index register must be 32-bit with %s", m.Ext)
			}
		case ExtSXTX:
			option = 7
			if !m.Index.Is64() {
				return 0, errorf("index register must be 64-bit with sxtx")
			}
		default:
			return 0, errorf("extension %s not allowed in an address", m.Ext)
		}
		if err := checkReg(m.Index, rGP, 1); err != nil {
			return 0, errorf("index register must be a general register")
		}
		var s uint32
		if m.HasAmount && m.Ext != ExtNone {
			switch uint32(m.Amount) {
			case acc.scale:
				s = 1
			case 0:
			default:
				return 0, errorf("shift amount must be 0 or %d", acc.scale)
			}
		}
		if acc.scale == 0 && m.HasAmount && m.Ext != ExtNone {
			s = 1
		}
		return common | 0x38200800 | m.Index.Num()<<16 | option<<13 | s<<12 | base, nil
	}
	return 0, errorf("bad addressing mode")
}

func (e *encoder) pair() (uint32, error) {
	if err := e.nargs(3); err != nil {
		return 0, err
	}
	op := e.in.Op
	rt, err := e.reg(0, rGP|rFP)
	if err != nil {
		return 0, err
	}
	rt2, err := e.reg(1, rGP|rFP)
	if err != nil {
		return 0, err
	}
	if rt.Class() != rt2.Class() {
		return 0, errorf("registers must be the same size")
	}
	var opc, v, scale uint32
	switch rt.Class() {
	case ClassW:
		opc, scale = 0, 2
		if op == LDPSW {
			return 0, errorf("ldpsw needs 64-bit registers")
		}
	case ClassX:
		opc, scale = 2, 3
		if op == LDPSW {
			opc, scale = 1, 2
		}
	case ClassS, ClassD, ClassQ:
		if op == LDPSW {
			return 0, errorf("ldpsw needs 64-bit registers")
		}
		v = 1
		opc = uint32(rt.Class() - ClassS)
		scale = opc + 2
	default:
		return 0, errorf("operand 1: %s not allowed here", rt)
	}
	if e.args[2].kind != argMem {
		return 0, errorf("operand 3 must be a memory operand, not %s", e.opString(e.args[2]))
	}
	m := e.in.mem(e.args[2])
	if err := checkReg(m.Base, rSP|rOnly64, 2); err != nil {
		return 0, errorf("base register must be a 64-bit general register or sp")
	}
	var mode uint32
	switch m.Mode {
	case ModeOffset:
		if m.Sym.Mod != ModNone {
			return 0, errorf("relocation modifier not allowed here")
		}
		mode = 2
	case ModePre:
		mode = 3
	case ModePost:
		mode = 1
	default:
		return 0, errorf("register offset not allowed")
	}
	if m.Off&(1<<scale-1) != 0 {
		return 0, errorf("offset %d is not a multiple of %d", m.Off, 1<<scale)
	}
	imm := m.Off >> scale
	if imm < -64 || imm > 63 {
		return 0, errorf("offset %d out of range %d..%d", m.Off, -64<<scale, 63<<scale)
	}
	var l uint32
	if op != STP {
		l = 1
	}
	return opc<<30 | 0x28000000 | v<<26 | mode<<23 | l<<22 | uint32(imm&0x7f)<<15 | rt2.Num()<<10 | m.Base.Num()<<5 | rt.Num(), nil
}

func (e *encoder) exclusive() (uint32, error) {
	op := e.in.Op
	f := exclForms[op]
	n := 2
	if f.status {
		n = 3
	}
	if err := e.nargs(n); err != nil {
		return 0, err
	}
	rs := Reg(WZR)
	i := 0
	var err error
	if f.status {
		if rs, err = e.reg(0, rGP|rOnly32); err != nil {
			return 0, err
		}
		i = 1
	}
	rt, err := e.reg(i, rGP)
	if err != nil {
		return 0, err
	}
	var size uint32
	switch f.byteSized {
	case 1:
		size = 0
	case 2:
		size = 1
	default:
		size = 2
		if rt.Is64() {
			size = 3
		}
	}
	if f.byteSized != 0 && rt.Is64() {
		return 0, errorf("operand %d: expected a 32-bit register, got %s", i+1, rt)
	}
	ok := e.args[i+1].kind == argMem
	m := e.in.mem(e.args[i+1])
	if !ok || m.Mode != ModeOffset || m.Off != 0 || m.Sym.Mod != ModNone {
		return 0, errorf("operand %d must be [xn] or [xn, #0]", i+2)
	}
	if err := checkReg(m.Base, rSP|rOnly64, i+1); err != nil {
		return 0, errorf("base register must be a 64-bit general register or sp")
	}
	return size<<30 | 0x08000000 | f.bits | rs.Num()<<16 | 31<<10 | m.Base.Num()<<5 | rt.Num(), nil
}

func (e *encoder) sym(i int) (Sym, error) {
	if i >= len(e.args) {
		return Sym{}, errorf("missing operand %d", i+1)
	}
	a := e.args[i]
	if a.kind != argSym {
		return Sym{}, errorf("operand %d must be a label, not %s", i+1, e.opString(a))
	}
	return e.in.sym(a), nil
}

// reloc records a relocation against sym at the instruction.
func (e *encoder) reloc(typ elf.R_AARCH64, s Sym) error {
	if s.Expr.Minus != "" || s.Expr.Sym == "" {
		return errorf("expected a symbol (optionally plus a constant), not %q", s.Expr.String())
	}
	if s.Expr.Sym == "." {
		return errorf("\".\" not allowed here")
	}
	e.env.AddReloc(0, uint32(typ), s.Expr.Sym, s.Expr.Add)
	return nil
}

// pcrel returns the scaled n-bit offset field for a PC-relative reference
// to s: resolved now if the symbol is a local label in this section,
// otherwise 0 with a relocation of type typ.
func (e *encoder) pcrel(s Sym, typ elf.R_AARCH64, n uint, scale uint) (uint32, error) {
	if s.Mod != ModNone || s.LSL != 0 {
		return 0, errorf("relocation modifier not allowed here")
	}
	if s.Expr.Minus != "" || s.Expr.Sym == "" {
		return 0, errorf("expected a label, not %q", s.Expr.String())
	}
	var target uint64
	if s.Expr.Sym == "." {
		target = e.pc
	} else if v, ok := e.env.Resolvable(s.Expr.Sym); ok {
		target = v
	} else {
		e.env.AddReloc(0, uint32(typ), s.Expr.Sym, s.Expr.Add)
		return 0, nil
	}
	off := int64(target) + s.Expr.Add - int64(e.pc)
	if off&(1<<scale-1) != 0 {
		return 0, errorf("misaligned target %s", s)
	}
	off >>= scale
	if off < -1<<(n-1) || off >= 1<<(n-1) {
		if typ == elf.R_AARCH64_ADR_PREL_LO21 || typ == elf.R_AARCH64_LD_PREL_LO19 {
			return 0, errorf("reference to %s out of range", s)
		}
		return 0, errorf("branch to %s out of range", s)
	}
	return uint32(off) & (1<<n - 1), nil
}

func (e *encoder) branch() (uint32, error) {
	switch op := e.in.Op; op {
	case B, BL:
		if err := e.nargs(1); err != nil {
			return 0, err
		}
		s, err := e.sym(0)
		if err != nil {
			return 0, err
		}
		typ, base := elf.R_AARCH64_JUMP26, uint32(0x14000000)
		if op == BL {
			typ, base = elf.R_AARCH64_CALL26, 0x94000000
		}
		imm, err := e.pcrel(s, typ, 26, 2)
		return base | imm, err
	case BCOND:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		c, err := e.cond(0)
		if err != nil {
			return 0, err
		}
		s, err := e.sym(1)
		if err != nil {
			return 0, err
		}
		imm, err := e.pcrel(s, elf.R_AARCH64_CONDBR19, 19, 2)
		return 0x54000000 | imm<<5 | uint32(c), err
	case CBZ, CBNZ:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rt, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		s, err := e.sym(1)
		if err != nil {
			return 0, err
		}
		imm, err := e.pcrel(s, elf.R_AARCH64_CONDBR19, 19, 2)
		base := uint32(0x34000000)
		if op == CBNZ {
			base = 0x35000000
		}
		return sf(rt) | base | imm<<5 | rt.Num(), err
	case TBZ, TBNZ:
		if err := e.nargs(3); err != nil {
			return 0, err
		}
		rt, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		bit, err := e.uimm(1, 0, int64(width(rt))-1)
		if err != nil {
			return 0, err
		}
		s, err := e.sym(2)
		if err != nil {
			return 0, err
		}
		imm, err := e.pcrel(s, elf.R_AARCH64_TSTBR14, 14, 2)
		base := uint32(0x36000000)
		if op == TBNZ {
			base = 0x37000000
		}
		return (bit>>5)<<31 | base | (bit&31)<<19 | imm<<5 | rt.Num(), err
	}
	return 0, errorf("not a branch")
}

func (e *encoder) adr() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	rd, err := e.reg(0, rGP|rOnly64)
	if err != nil {
		return 0, err
	}
	s, err := e.sym(1)
	if err != nil {
		return 0, err
	}
	if e.in.Op == ADR {
		imm, err := e.pcrel(s, elf.R_AARCH64_ADR_PREL_LO21, 21, 0)
		return 0x10000000 | (imm&3)<<29 | (imm>>2)<<5 | rd.Num(), err
	}
	typ := elf.R_AARCH64_ADR_PREL_PG_HI21
	switch s.Mod {
	case ModNone, ModPGHi21:
	case ModGot:
		typ = elf.R_AARCH64_ADR_GOT_PAGE
	default:
		return 0, errorf("relocation modifier %s not allowed with adrp", s.Mod)
	}
	if s.LSL != 0 {
		return 0, errorf("unexpected shift")
	}
	if err := e.reloc(typ, s); err != nil {
		return 0, err
	}
	return 0x90000000 | rd.Num(), nil
}

// exclForm describes an exclusive or acquire/release instruction.
type exclForm struct {
	status    bool   // has a status register (stxr)
	bits      uint32 // o2, L, o0
	byteSized uint32 // 0 none, 1 byte, 2 half
}

const exO2, exL, exO0 = 1 << 23, 1 << 22, 1 << 15

// exclForms is only read.
var exclForms = [numOps]exclForm{
	LDXR: {false, exL, 0}, LDXRB: {false, exL, 1}, LDXRH: {false, exL, 2},
	STXR: {true, 0, 0}, STXRB: {true, 0, 1}, STXRH: {true, 0, 2},
	LDAXR: {false, exL | exO0, 0}, LDAXRB: {false, exL | exO0, 1}, LDAXRH: {false, exL | exO0, 2},
	STLXR: {true, exO0, 0}, STLXRB: {true, exO0, 1}, STLXRH: {true, exO0, 2},
	LDAR: {false, exO2 | exL | exO0, 0}, LDARB: {false, exO2 | exL | exO0, 1}, LDARH: {false, exO2 | exL | exO0, 2},
	STLR: {false, exO2 | exO0, 0}, STLRB: {false, exO2 | exO0, 1}, STLRH: {false, exO2 | exO0, 2},
}
