package arm64

import (
	"debug/elf"
)

// The encoders of the integer data-processing forms (see forms.go). Each
// runs after the form's operand classes have been checked.

// addSubImm encodes add/sub/adds/subs rd, rn, #imm or a symbol with a
// relocation modifier (add only).
func addSubImm(e *encoder, f *form) (uint32, error) {
	rd, rn, a3 := e.args[0].reg, e.args[1].reg, e.args[2]
	base := sf(rd) | f.bits | 0x11000000 | rn.Num()<<5 | rd.Num()
	if a3.kind == argSym {
		return e.addSubSym(base, e.in.sym(a3))
	}
	im := a3.imm()
	val := im.Val
	switch im.LSL {
	case 0:
	case 12:
		if val < 0 && val >= -4095 {
			val = -val
			base ^= 1 << 30
		}
		if val < 0 || val > 4095 {
			return 0, errorf("immediate %d out of range 0..4095", val)
		}
		return base | 1<<22 | uint32(val)<<10, nil
	default:
		return 0, errorf("shift must be lsl #0 or lsl #12")
	}
	if val < 0 && val >= -0xfff000 {
		// GNU as turns add #-n into sub #n.
		val = -val
		base ^= 1 << 30
	}
	switch {
	case val >= 0 && val <= 4095:
		return base | uint32(val)<<10, nil
	case val > 0 && val&0xfff == 0 && val>>12 <= 4095:
		return base | 1<<22 | uint32(val>>12)<<10, nil
	}
	return 0, errorf("immediate %d out of range (0..4095, optionally shifted by 12)", im.Val)
}

// addRelocs are the relocations of add's symbolic immediate by modifier.
var addRelocs = [...]elf.R_AARCH64{
	ModLo12:        elf.R_AARCH64_ADD_ABS_LO12_NC,
	ModTprelHi12:   elf.R_AARCH64_TLSLE_ADD_TPREL_HI12,
	ModTprelLo12:   elf.R_AARCH64_TLSLE_ADD_TPREL_LO12,
	ModTprelLo12NC: elf.R_AARCH64_TLSLE_ADD_TPREL_LO12_NC,
}

// addSubSym encodes the relocated immediate of add rd, rn, :lo12:sym.
func (e *encoder) addSubSym(base uint32, sym Sym) (uint32, error) {
	if e.op != ADD {
		return 0, errorf("relocation modifier allowed only with add")
	}
	var typ elf.R_AARCH64
	if int(sym.Mod) < len(addRelocs) {
		typ = addRelocs[sym.Mod]
	}
	if typ == elf.R_AARCH64_NONE {
		return 0, errorf("operand 3: expected an immediate or :lo12:, :tprel_hi12:, :tprel_lo12: or :tprel_lo12_nc: symbol")
	}
	switch sym.LSL {
	case 0:
	case 12:
		base |= 1 << 22
	default:
		return 0, errorf("shift must be lsl #0 or lsl #12")
	}
	if err := e.reloc(typ, sym); err != nil {
		return 0, err
	}
	return base, nil
}

// shiftedReg returns the register, shift and amount of operand 3, a
// register or a shifted register.
func (e *encoder) shiftedReg(a arg) (rm Reg, shift Shift, amount uint8, err error) {
	switch a.kind {
	case argReg:
		return a.reg, 0, 0, nil
	case argRegShift:
		if Shift(a.ext) > ShiftROR {
			return 0, 0, 0, errorf("invalid shift")
		}
		return a.reg, Shift(a.ext), a.amount, nil
	}
	return 0, 0, 0, errorf("operand 3 must be a register or an immediate, not %s", e.opString(a))
}

// addSubReg encodes add/sub/adds/subs rd, rn, rm in the shifted and
// extended register forms.
func addSubReg(e *encoder, f *form) (uint32, error) {
	rd, rn, a3 := e.args[0].reg, e.args[1].reg, e.args[2]
	rm, shift, amount := a3.reg, Shift(0), uint8(0)
	if a3.kind != argRegExtend {
		var err error
		if rm, shift, amount, err = e.shiftedReg(a3); err != nil {
			return 0, err
		}
	}
	if a3.kind == argRegExtend || rd.IsSP() || rn.IsSP() {
		return addSubExt(rd, rn, rm, a3, shift, amount, f.bits)
	}
	if err := checkReg(rm, rGP, 2); err != nil {
		return 0, err
	}
	if err := sameWidthRegs(rd, rn, rm); err != nil {
		return 0, err
	}
	if shift == ShiftROR {
		return 0, errorf("shift ror not allowed")
	}
	if int(amount) >= width(rd) {
		return 0, errorf("shift amount %d out of range 0..%d", amount, width(rd)-1)
	}
	return sf(rd) | f.bits | 0x0B000000 | uint32(shift)<<22 | rm.Num()<<16 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
}

// addSubExt encodes the extended register form, with operand 3 a3 (rm,
// shifted if it is not an extended register): register 31 is sp for
// rn, and for rd unless flags are set.
func addSubExt(rd, rn, rm Reg, a3 arg, shift Shift, amount uint8, bits uint32) (uint32, error) {
	if err := checkReg(rm, rGP, 2); err != nil {
		return 0, err
	}
	if rn.IsZR() {
		return 0, errorf("operand 2: %s not allowed here", rn)
	}
	if rd.IsZR() && bits&(1<<29) == 0 {
		return 0, errorf("operand 1: %s not allowed here", rd)
	}
	if err := sameWidthRegs(rd, rn); err != nil {
		return 0, err
	}
	option := uint32(2)
	if rd.Is64() {
		option = 3
	}
	if a3.kind == argRegExtend {
		amount = a3.amount
		switch ext := Extend(a3.ext); ext {
		case ExtLSL:
			if !rd.IsSP() && !rn.IsSP() {
				return 0, errorf("lsl in an extended register operand needs sp")
			}
		case ExtUXTB, ExtUXTH, ExtUXTW, ExtUXTX, ExtSXTB, ExtSXTH, ExtSXTW, ExtSXTX:
			option = uint32(ext)
		default:
			return 0, errorf("missing or invalid extension")
		}
	} else if shift != ShiftLSL {
		return 0, errorf("shift %s not allowed with sp", shift)
	}
	if amount > 4 {
		return 0, errorf("extend shift amount %d out of range 0..4", amount)
	}
	// Rm is x for uxtx/sxtx in 64-bit ops, w otherwise.
	// GNU as also accepts an x register where a w register is meant.
	if wantX := rd.Is64() && option&3 == 3; wantX && !rm.Is64() {
		return 0, errorf("operand 3: expected a 64-bit register")
	}
	return sf(rd) | bits | 0x0B200000 | rm.Num()<<16 | option<<13 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
}

// cmpAlias encodes cmp and cmn rn, op2 as subs and adds zr, rn, op2.
func cmpAlias(e *encoder, f *form) (uint32, error) {
	rn := e.args[0].reg
	return e.as(Op(f.aux), regArg(zr(rn)), regArg(rn), e.args[1])
}

// negAlias encodes neg and negs rd, op2 as sub and subs rd, zr, op2.
func negAlias(e *encoder, f *form) (uint32, error) {
	rd, a := e.args[0].reg, e.args[1]
	switch {
	case a.kind == argRegExtend:
		return 0, errorf("operand 2: extended register not allowed")
	case a.kind == argReg && a.reg.IsSP():
		return 0, errorf("operand 2: %s not allowed here", a.reg)
	case a.kind == argImm:
		return 0, errorf("operand 2 must be a register")
	}
	return e.as(Op(f.aux), regArg(rd), regArg(zr(rd)), a)
}

// logicalImm encodes and/orr/eor/ands and the inverted bic/orn/eon/bics
// with a bitmask immediate.
func logicalImm(e *encoder, f *form) (uint32, error) {
	rd, rn, im := e.args[0].reg, e.args[1].reg, e.args[2].imm()
	if im.LSL != 0 {
		return 0, errorf("unexpected shift")
	}
	v := uint64(im.Val)
	if !rd.Is64() {
		if im.Val < -1<<31 || im.Val > 0xffffffff {
			return 0, errorf("immediate %#x out of range for a 32-bit register", im.Val)
		}
		v &= 0xffffffff
	}
	if f.bits&(1<<21) != 0 {
		v = ^v
	}
	n, immr, imms, ok := encodeBitmask(v, width(rd))
	if !ok {
		return 0, errorf("immediate %#x is not a valid logical (bitmask) immediate", uint64(im.Val))
	}
	return sf(rd) | f.bits&^(1<<21) | 0x12000000 | n<<22 | immr<<16 | imms<<10 | rn.Num()<<5 | rd.Num(), nil
}

// logicalReg encodes the logical instructions with a shifted register.
func logicalReg(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	rm, shift, amount, err := e.shiftedReg(e.args[2])
	if err != nil {
		return 0, err
	}
	if err := checkReg(rm, rGP, 2); err != nil {
		return 0, err
	}
	if err := sameWidthRegs(rd, rn, rm); err != nil {
		return 0, err
	}
	if int(amount) >= width(rd) {
		return 0, errorf("shift amount %d out of range 0..%d", amount, width(rd)-1)
	}
	return sf(rd) | f.bits | 0x0A000000 | uint32(shift)<<22 | rm.Num()<<16 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
}

// tstAlias encodes tst rn, op2 as ands zr, rn, op2.
func tstAlias(e *encoder, f *form) (uint32, error) {
	rn := e.args[0].reg
	return e.as(Op(f.aux), regArg(zr(rn)), regArg(rn), e.args[1])
}

// mvnAlias encodes mvn rd, op2 as orn rd, zr, op2.
func mvnAlias(e *encoder, f *form) (uint32, error) {
	rd := e.args[0].reg
	if e.args[1].kind == argImm {
		return 0, errorf("operand 2 must be a register")
	}
	return e.as(Op(f.aux), regArg(rd), regArg(zr(rd)), e.args[1])
}

// movReg encodes mov between registers: add #0 when sp is involved, orr
// with the zero register otherwise.
func movReg(e *encoder, _ *form) (uint32, error) {
	rd, v := e.args[0].reg, e.args[1].reg
	if rd.IsSP() || v.IsSP() {
		if rd.IsZR() || v.IsZR() {
			return 0, errorf("cannot move between sp and the zero register")
		}
		return sf(rd) | 0x11000000 | v.Num()<<5 | rd.Num(), nil
	}
	return sf(rd) | 1<<29 | 0x0A000000 | v.Num()<<16 | 31<<5 | rd.Num(), nil
}

func movImmForm(e *encoder, _ *form) (uint32, error) {
	if e.args[1].lsl != 0 {
		return 0, errorf("unexpected shift")
	}
	return movImm(e.args[0].reg, e.args[1].val)
}

// movImm encodes "mov rd, #v" as GNU as does: movz if v is one 16-bit
// chunk, else movn if ^v is, else orr with a bitmask immediate.
func movImm(rd Reg, val int64) (uint32, error) {
	w := width(rd)
	v := uint64(val)
	if w == 32 {
		if val < -1<<31 || val > 0xffffffff {
			return 0, errorf("immediate %#x out of range for a 32-bit register", val)
		}
		v &= 0xffffffff
	}
	mask := uint64(1)<<w - 1
	if w == 64 {
		mask = ^uint64(0)
	}
	if !rd.IsSP() {
		for _, try := range [...]struct {
			opc uint32
			x   uint64
		}{{2, v}, {0, ^v & mask}} {
			for hw := 0; hw < w/16; hw++ {
				if try.x&^(uint64(0xffff)<<(16*hw)) == 0 {
					return sf(rd) | try.opc<<29 | 0x12800000 | uint32(hw)<<21 | uint32(try.x>>(16*hw)&0xffff)<<5 | rd.Num(), nil
				}
			}
		}
	}
	if rd.IsZR() {
		return 0, errorf("immediate %#x cannot be moved to %s", val, rd)
	}
	n, immr, imms, ok := encodeBitmask(v, w)
	if !ok {
		return 0, errorf("immediate %#x cannot be materialised by a single mov (not a 16-bit chunk or bitmask immediate)", uint64(val))
	}
	return sf(rd) | 1<<29 | 0x12000000 | n<<22 | immr<<16 | imms<<10 | 31<<5 | rd.Num(), nil
}

// movWide encodes movz, movn and movk.
func movWide(e *encoder, f *form) (uint32, error) {
	rd, im := e.args[0].reg, e.args[1].imm()
	w := width(rd)
	shift := int(im.LSL)
	if shift%16 != 0 || shift >= w {
		if w == 32 {
			return 0, errorf("shift must be lsl #0 or #16")
		}
		return 0, errorf("shift must be lsl #0, #16, #32 or #48")
	}
	if im.Val < 0 || im.Val > 0xffff {
		return 0, errorf("immediate %d out of range 0..65535", im.Val)
	}
	return sf(rd) | f.bits<<29 | 0x12800000 | uint32(shift/16)<<21 | uint32(im.Val)<<5 | rd.Num(), nil
}

// mul encodes the multiplies (data processing, 3 source); those with
// three operands add the zero register.
func mul(e *encoder, f *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	ra := zr(rd)
	if f.n == 4 {
		ra = e.args[3].reg
	}
	if (e.op == SMULH || e.op == UMULH) && !rd.Is64() {
		return 0, errorf("expected 64-bit registers")
	}
	return sf(rd) | 0x1B000000 | f.bits | rm.Num()<<16 | ra.Num()<<10 | rn.Num()<<5 | rd.Num(), nil
}

// dp2 encodes the data processing (2 source) instructions: divisions and
// variable shifts.
func dp2(e *encoder, f *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	return sf(rd) | 0x1AC00000 | rm.Num()<<16 | f.bits<<10 | rn.Num()<<5 | rd.Num(), nil
}

// dp1 encodes the data processing (1 source) instructions.
func dp1(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	opc := f.bits
	switch {
	case e.op == REV32 && !rd.Is64():
		return 0, errorf("rev32 needs 64-bit registers")
	case e.op == REV && rd.Is64():
		opc = 3
	}
	return 0x5AC00000 | sf(rd) | opc<<10 | rn.Num()<<5 | rd.Num(), nil
}

func bfm(opc uint32, rd, rn Reg, immr, imms uint32) uint32 {
	var n uint32
	if rd.Is64() {
		n = 1 << 22
	}
	return sf(rd) | opc<<29 | 0x13000000 | n | immr<<16 | imms<<10 | rn.Num()<<5 | rd.Num()
}

func extr(rd, rn, rm Reg, lsb uint32) uint32 {
	var n uint32
	if rd.Is64() {
		n = 1 << 22
	}
	return sf(rd) | 0x13800000 | n | rm.Num()<<16 | lsb<<10 | rn.Num()<<5 | rd.Num()
}

// shiftImm encodes lsl, lsr, asr and ror by an immediate, aliases of
// ubfm, sbfm and extr.
func shiftImm(e *encoder, _ *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	w := uint32(width(rd))
	sh, err := e.uimm(2, 0, int64(w)-1)
	if err != nil {
		return 0, err
	}
	switch e.op {
	case LSL:
		return bfm(2, rd, rn, (w-sh)%w, w-1-sh), nil
	case LSR:
		return bfm(2, rd, rn, sh, w-1), nil
	case ASR:
		return bfm(0, rd, rn, sh, w-1), nil
	}
	return extr(rd, rn, rn, sh), nil
}

// bitfield encodes ubfm, sbfm and bfm.
func bitfield(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	w := int64(width(rd))
	immr, err := e.uimm(2, 0, w-1)
	if err != nil {
		return 0, err
	}
	imms, err := e.uimm(3, 0, w-1)
	if err != nil {
		return 0, err
	}
	return bfm(f.bits, rd, rn, immr, imms), nil
}

// lsbWidth returns the lsb and width operands of the bitfield aliases.
func (e *encoder) lsbWidth() (lsb, wd uint32, err error) {
	w := int64(width(e.args[0].reg))
	if lsb, err = e.uimm(2, 0, w-1); err != nil {
		return 0, 0, err
	}
	wd, err = e.uimm(3, 1, w-int64(lsb))
	return lsb, wd, err
}

// bitfieldExtract encodes sbfx, bfxil and ubfx.
func bitfieldExtract(e *encoder, f *form) (uint32, error) {
	lsb, wd, err := e.lsbWidth()
	if err != nil {
		return 0, err
	}
	return bfm(f.bits, e.args[0].reg, e.args[1].reg, lsb, lsb+wd-1), nil
}

// bitfieldInsert encodes sbfiz, bfi and ubfiz.
func bitfieldInsert(e *encoder, f *form) (uint32, error) {
	lsb, wd, err := e.lsbWidth()
	if err != nil {
		return 0, err
	}
	w := uint32(width(e.args[0].reg))
	return bfm(f.bits, e.args[0].reg, e.args[1].reg, (w-lsb)%w, wd-1), nil
}

// extend encodes sxtb, sxth, sxtw, uxtb and uxth; bits holds opc<<8 |
// imms.
func extend(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	opc := f.bits >> 8
	if opc == 2 {
		rd = W(int(rd.Num())) // GNU as accepts uxtb x0, w1 as uxtb w0, w1
	}
	return bfm(opc, rd, rn, 0, f.bits&0xff), nil
}

func extrForm(e *encoder, _ *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	lsb, err := e.uimm(3, 0, int64(width(rd))-1)
	if err != nil {
		return 0, err
	}
	return extr(rd, rn, rm, lsb), nil
}

func csel(bits uint32, rd, rn, rm Reg, c Cond) uint32 {
	return sf(rd) | 0x1A800000 | bits | rm.Num()<<16 | uint32(c)<<12 | rn.Num()<<5 | rd.Num()
}

func cselForm(e *encoder, f *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	return csel(f.bits, rd, rn, rm, Cond(e.args[3].val)), nil
}

// invertible returns the condition operand i of cset, cinc and their
// kin, which invert it: al and nv have no inverse.
func (e *encoder) invertible(i int) (Cond, error) {
	c := Cond(e.args[i].val)
	if c >= AL {
		return 0, errorf("condition %s not allowed", c)
	}
	return c.Invert(), nil
}

// cset encodes cset and csetm rd, cond as csinc and csinv rd, zr, zr,
// invert(cond).
func cset(e *encoder, f *form) (uint32, error) {
	rd := e.args[0].reg
	c, err := e.invertible(1)
	if err != nil {
		return 0, err
	}
	return csel(f.bits, rd, zr(rd), zr(rd), c), nil
}

// cinc encodes cinc, cinv and cneg rd, rn, cond as csinc, csinv and
// csneg rd, rn, rn, invert(cond).
func cinc(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	c, err := e.invertible(2)
	if err != nil {
		return 0, err
	}
	return csel(f.bits, rd, rn, rn, c), nil
}

// ccmpBase returns the fields of ccmp and ccmn other than operand 2.
func (e *encoder) ccmpBase(f *form) (uint32, error) {
	rn := e.args[0].reg
	nzcv, err := e.uimm(2, 0, 15)
	if err != nil {
		return 0, err
	}
	return sf(rn) | f.bits | 0x3A400000 | uint32(e.args[3].val)<<12 | rn.Num()<<5 | nzcv, nil
}

func ccmpImm(e *encoder, f *form) (uint32, error) {
	base, err := e.ccmpBase(f)
	if err != nil {
		return 0, err
	}
	i, err := e.uimm(1, 0, 31)
	if err != nil {
		return 0, err
	}
	return base | 1<<11 | i<<16, nil
}

// ccmpBad rejects operand 2 of ccmp and ccmn, once the others are
// checked.
func ccmpBad(e *encoder, f *form) (uint32, error) {
	if _, err := e.ccmpBase(f); err != nil {
		return 0, err
	}
	return 0, errorf("operand 2 must be a register or an immediate")
}

func ccmpReg(e *encoder, f *form) (uint32, error) {
	base, err := e.ccmpBase(f)
	if err != nil {
		return 0, err
	}
	return base | e.args[1].reg.Num()<<16, nil
}
