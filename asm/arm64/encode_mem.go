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

// regAccess is the access of ldr, str, ldur and stur by the class of the
// transfer register, for a store.
var regAccess = [...]memAccess{
	ClassW: {2, 0, 0, 2}, ClassX: {3, 0, 0, 3},
	ClassB: {0, 1, 0, 0}, ClassH: {1, 1, 0, 1}, ClassS: {2, 1, 0, 2}, ClassD: {3, 1, 0, 3}, ClassQ: {0, 1, 2, 4},
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
		if c := rt.Class(); int(c) < len(regAccess) && regAccess[c] != (memAccess{}) {
			acc := regAccess[c]
			acc.opc |= load
			return acc, nil
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

// unscaled reports whether op is one of the ldur and stur instructions,
// which take only a 9-bit signed offset.
func unscaled(op Op) bool {
	switch op {
	case LDUR, STUR, LDURB, STURB, LDURH, STURH, LDURSB, LDURSH, LDURSW:
		return true
	}
	return false
}

// loadLiteral encodes ldr and ldrsw of a PC-relative label.
func loadLiteral(e *encoder, _ *form) (uint32, error) {
	op, rt := e.op, e.args[0].reg
	acc, err := access(op, rt)
	if err != nil {
		return 0, err
	}
	sym := e.in.sym(e.args[1])
	if unscaled(op) || acc.opc&1 == 0 && op != LDRSW || sym.Mod != ModNone || sym.LSL != 0 {
		return 0, errorf("operand 2 must be a memory operand")
	}
	var opc uint32
	switch c := rt.Class(); {
	case op == LDRSW:
		opc = 2
	case c == ClassW || c == ClassS:
		opc = 0
	case c == ClassX || c == ClassD:
		opc = 1
	case c == ClassQ:
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

// loadStore encodes the loads and stores of one register with a memory
// operand.
func loadStore(e *encoder, _ *form) (uint32, error) {
	op, rt := e.op, e.args[0].reg
	acc, err := access(op, rt)
	if err != nil {
		return 0, err
	}
	if e.args[1].kind != argMem {
		return 0, errorf("operand 2 must be a memory operand, not %s", e.opString(e.args[1]))
	}
	m := e.in.mem(e.args[1])
	if err := checkReg(m.Base, rSP|rOnly64, 1); err != nil {
		return 0, errorf("base register must be a 64-bit general register or sp")
	}
	common := acc.size<<30 | acc.v<<26 | acc.opc<<22 | m.Base.Num()<<5 | rt.Num()
	unscaled := unscaled(op)
	switch m.Mode {
	case ModeOffset:
		if m.Sym.Mod != ModNone {
			return e.loadStoreSym(common, acc, m, unscaled)
		}
		off := m.Off
		if !unscaled && off >= 0 && off&(1<<acc.scale-1) == 0 && off>>acc.scale <= 4095 {
			return common | 0x39000000 | uint32(off>>acc.scale)<<10, nil
		}
		if off >= -256 && off <= 255 {
			return common | 0x38000000 | uint32(off&0x1ff)<<12, nil
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
		return common | 0x38000000 | uint32(m.Off&0x1ff)<<12 | mode, nil
	case ModeIndex:
		if unscaled {
			return 0, errorf("register offset not allowed")
		}
		return loadStoreIndex(common, acc, m)
	}
	return 0, errorf("bad addressing mode")
}

// loadStoreSym encodes the relocated offset of [xn, :lo12:sym].
func (e *encoder) loadStoreSym(common uint32, acc memAccess, m Mem, unscaled bool) (uint32, error) {
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
	return common | 0x39000000, nil
}

// loadStoreIndex encodes the register offset addressing mode.
func loadStoreIndex(common uint32, acc memAccess, m Mem) (uint32, error) {
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
	return common | 0x38200800 | m.Index.Num()<<16 | option<<13 | s<<12, nil
}

// pair encodes ldp, stp and ldpsw.
func pair(e *encoder, f *form) (uint32, error) {
	rt, rt2 := e.args[0].reg, e.args[1].reg
	if rt.Class() != rt2.Class() {
		return 0, errorf("registers must be the same size")
	}
	ldpsw := e.op == LDPSW
	var opc, v, scale uint32
	switch rt.Class() {
	case ClassW:
		opc, scale = 0, 2
		if ldpsw {
			return 0, errorf("ldpsw needs 64-bit registers")
		}
	case ClassX:
		opc, scale = 2, 3
		if ldpsw {
			opc, scale = 1, 2
		}
	case ClassS, ClassD, ClassQ:
		if ldpsw {
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
	return opc<<30 | 0x28000000 | v<<26 | mode<<23 | f.bits | uint32(imm&0x7f)<<15 | rt2.Num()<<10 | m.Base.Num()<<5 | rt.Num(), nil
}

// exclusive encodes the exclusive and acquire/release loads and stores;
// the store exclusives have a status register first. f.aux is the
// access size in bytes of the b and h forms.
func exclusive(e *encoder, f *form) (uint32, error) {
	rs, i := WZR, 0
	if f.n == 3 {
		rs, i = e.args[0].reg, 1
	}
	rt := e.args[i].reg
	size := uint32(f.aux) / 2 // 1 byte: 0, 2 bytes: 1
	if f.aux == 0 {
		size = 2
		if rt.Is64() {
			size = 3
		}
	} else if rt.Is64() {
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

// reloc records a relocation against sym at the instruction.
func (e *encoder) reloc(typ elf.R_AARCH64, s Sym) error {
	if s.Expr.Minus != "" || s.Expr.Sym == "" {
		return errorf("expected a symbol (optionally plus a constant), not %q", s.Expr.String())
	}
	if s.Expr.Sym == "." {
		return errorf("\".\" not allowed here")
	}
	e.at.env.AddReloc(0, uint32(typ), s.Expr.Sym, s.Expr.Add)
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
		target = e.at.pc
	} else if v, ok := e.at.env.Resolvable(s.Expr.Sym); ok {
		target = v
	} else {
		e.at.env.AddReloc(0, uint32(typ), s.Expr.Sym, s.Expr.Add)
		return 0, nil
	}
	off := int64(target) + s.Expr.Add - int64(e.at.pc)
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

// Branches and PC-relative addressing.

// branch26 encodes b and bl; f.aux is the relocation type.
func branch26(e *encoder, f *form) (uint32, error) {
	imm, err := e.pcrel(e.in.sym(e.args[0]), elf.R_AARCH64(f.aux), 26, 2)
	return f.bits | imm, err
}

func bcond(e *encoder, f *form) (uint32, error) {
	imm, err := e.pcrel(e.in.sym(e.args[1]), elf.R_AARCH64_CONDBR19, 19, 2)
	return f.bits | imm<<5 | uint32(e.args[0].val), err
}

func cbz(e *encoder, f *form) (uint32, error) {
	rt := e.args[0].reg
	imm, err := e.pcrel(e.in.sym(e.args[1]), elf.R_AARCH64_CONDBR19, 19, 2)
	return sf(rt) | f.bits | imm<<5 | rt.Num(), err
}

func tbz(e *encoder, f *form) (uint32, error) {
	rt := e.args[0].reg
	bit, err := e.uimm(1, 0, int64(width(rt))-1)
	if err != nil {
		return 0, err
	}
	imm, err := e.pcrel(e.in.sym(e.args[2]), elf.R_AARCH64_TSTBR14, 14, 2)
	return (bit>>5)<<31 | f.bits | (bit&31)<<19 | imm<<5 | rt.Num(), err
}

// branchReg encodes br, blr and ret.
func branchReg(e *encoder, f *form) (uint32, error) { return f.bits | e.args[0].reg.Num()<<5, nil }

func adr(e *encoder, f *form) (uint32, error) {
	imm, err := e.pcrel(e.in.sym(e.args[1]), elf.R_AARCH64_ADR_PREL_LO21, 21, 0)
	return f.bits | (imm&3)<<29 | (imm>>2)<<5 | e.args[0].reg.Num(), err
}

func adrp(e *encoder, f *form) (uint32, error) {
	s := e.in.sym(e.args[1])
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
	return f.bits | e.args[0].reg.Num(), nil
}
