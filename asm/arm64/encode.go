package arm64

import (
	"debug/elf"
	"fmt"
	"math"
)

// This file maps an Inst to its 32-bit instruction word. Each encoder
// checks its operands and returns a plain error message (no position) for
// anything GNU as would reject.

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// encode returns the instruction word of in at section offset pc, adding
// relocations to env.
func encode(in *Inst, pc uint64, env symbolEnv) (uint32, error) {
	e := encoder{in: in, args: in.argList(), pc: pc, env: env}
	w, err := e.encode()
	if err != nil {
		name := in.Op.String()
		if in.Op == BCOND && len(e.args) > 0 && e.args[0].kind != argNil {
			name = "b." + in.argString(e.args[0])
		}
		return 0, fmt.Errorf("%s: %v", name, err)
	}
	return w, nil
}

type encoder struct {
	in   *Inst
	args []arg // in's operands
	pc   uint64
	env  symbolEnv
}

func (e *encoder) nargs(n ...int) error {
	for _, k := range n {
		if len(e.args) == k {
			return nil
		}
	}
	if len(n) == 1 {
		return errorf("expected %d operands, got %d", n[0], len(e.args))
	}
	return errorf("wrong number of operands (%d)", len(e.args))
}

// Register checks. Each returns the register or an error naming the
// operand position.

type regKind uint8

const (
	rGP     regKind = 1 << iota // x/w, zero register allowed
	rSP                         // sp/wsp allowed (instead of the zero register)
	rFP                         // b/h/s/d/q
	rOnly64                     // x only
	rOnly32                     // w only
)

func (e *encoder) reg(i int, k regKind) (Reg, error) {
	if i >= len(e.args) {
		return 0, errorf("missing operand %d", i+1)
	}
	return e.asReg(e.args[i], i, k)
}

// opString quotes an operand for an error message.
func (e *encoder) opString(a arg) string {
	if a.kind == argNil {
		return "<nil>"
	}
	return fmt.Sprintf("%q", e.in.argString(a))
}

// checkReg reports whether register r may be operand i for the kinds k.
// It switches on the class once: this runs for every register operand.
func checkReg(r Reg, k regKind, i int) error {
	c := r.Class()
	switch c {
	case ClassB, ClassH, ClassS, ClassD, ClassQ:
		if k&rFP == 0 {
			return errorf("operand %d: %s is not a general register", i+1, r)
		}
		return nil
	case ClassSP, ClassWSP:
		if k&rSP == 0 {
			return errorf("operand %d: %s not allowed here", i+1, r)
		}
	case ClassX, ClassW:
		if r.Num() == 31 { // the zero register
			if k&rGP == 0 {
				return errorf("operand %d: %s not allowed here", i+1, r)
			}
		} else if k&(rGP|rSP) == 0 {
			return errorf("operand %d: %s is not a floating-point register", i+1, r)
		}
	default:
		return errorf("operand %d: invalid register", i+1)
	}
	is64 := c == ClassX || c == ClassSP
	if k&rOnly64 != 0 && !is64 {
		return errorf("operand %d: expected a 64-bit register, got %s", i+1, r)
	}
	if k&rOnly32 != 0 && is64 {
		return errorf("operand %d: expected a 32-bit register, got %s", i+1, r)
	}
	return nil
}

func sf(r Reg) uint32 {
	if r.Is64() {
		return 1 << 31
	}
	return 0
}

func sameWidth(rs ...Reg) error {
	for _, r := range rs[1:] {
		if r.Is64() != rs[0].Is64() {
			return errorf("operands must all be 32-bit or all 64-bit registers")
		}
	}
	return nil
}

func (e *encoder) imm(i int) (Imm, error) {
	if i >= len(e.args) {
		return Imm{}, errorf("missing operand %d", i+1)
	}
	a := e.args[i]
	if a.kind != argImm {
		return Imm{}, errorf("operand %d must be an immediate, not %s", i+1, e.opString(a))
	}
	return a.imm(), nil
}

// uimm returns a plain (unshifted) immediate operand in [lo, hi].
func (e *encoder) uimm(i int, lo, hi int64) (uint32, error) {
	v, err := e.imm(i)
	if err != nil {
		return 0, err
	}
	if v.LSL != 0 {
		return 0, errorf("operand %d: unexpected shift", i+1)
	}
	if v.Val < lo || v.Val > hi {
		return 0, errorf("immediate %d out of range %d..%d", v.Val, lo, hi)
	}
	return uint32(v.Val), nil
}

func (e *encoder) cond(i int) (Cond, error) {
	if i >= len(e.args) {
		return 0, errorf("missing operand %d", i+1)
	}
	a := e.args[i]
	if a.kind != argCond || Cond(a.val) > NV {
		return 0, errorf("operand %d must be a condition code, not %s", i+1, e.opString(a))
	}
	return Cond(a.val), nil
}

func (e *encoder) encode() (uint32, error) {
	in := e.in
	a := e.args
	switch in.Op {
	case ADD, SUB, ADDS, SUBS:
		if err := e.nargs(3); err != nil {
			return 0, err
		}
		return e.addSub(in.Op, a[0], a[1], a[2])
	case CMP, CMN:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rn, err := e.reg(0, rGP|rSP)
		if err != nil {
			return 0, err
		}
		op := SUBS
		if in.Op == CMN {
			op = ADDS
		}
		return e.addSub(op, regArg(zr(rn)), regArg(rn), a[1])
	case NEG, NEGS:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		if a[1].kind == argRegExtend {
			return 0, errorf("operand 2: extended register not allowed")
		}
		op := SUB
		if in.Op == NEGS {
			op = SUBS
		}
		if a[1].kind == argReg && a[1].reg.IsSP() {
			return 0, errorf("operand 2: %s not allowed here", a[1].reg)
		}
		if a[1].kind == argImm {
			return 0, errorf("operand 2 must be a register")
		}
		return e.addSub(op, regArg(rd), regArg(zr(rd)), a[1])
	case AND, ORR, EOR, ANDS, BIC, BICS, ORN, EON:
		if err := e.nargs(3); err != nil {
			return 0, err
		}
		return e.logical(in.Op, a[0], a[1], a[2])
	case TST:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rn, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		return e.logical(ANDS, regArg(zr(rn)), regArg(rn), a[1])
	case MVN:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		if a[1].kind == argImm {
			return 0, errorf("operand 2 must be a register")
		}
		return e.logical(ORN, regArg(rd), regArg(zr(rd)), a[1])
	case MOV:
		return e.mov()
	case MOVZ, MOVN, MOVK:
		return e.movWide()
	case MUL, MNEG, MADD, MSUB, SMULH, UMULH, SMULL, UMULL, SMADDL, UMADDL, SMSUBL, UMSUBL:
		return e.mul()
	case SDIV, UDIV, LSLV, LSRV, ASRV, RORV:
		return e.dp2(in.Op)
	case LSL, LSR, ASR, ROR:
		if err := e.nargs(3); err != nil {
			return 0, err
		}
		if a[2].kind == argReg {
			return e.dp2(in.Op - LSL + LSLV)
		}
		return e.shiftImm()
	case UBFM, SBFM, BFM, UBFX, SBFX, BFI, BFXIL, UBFIZ, SBFIZ:
		return e.bitfield()
	case SXTB, SXTH, SXTW, UXTB, UXTH:
		return e.extend()
	case EXTR:
		if err := e.nargs(4); err != nil {
			return 0, err
		}
		rd, rn, rm, err := e.reg3(rGP)
		if err != nil {
			return 0, err
		}
		lsb, err := e.uimm(3, 0, int64(width(rd))-1)
		if err != nil {
			return 0, err
		}
		return extr(rd, rn, rm, lsb), nil
	case CSEL, CSINC, CSINV, CSNEG:
		if err := e.nargs(4); err != nil {
			return 0, err
		}
		rd, rn, rm, err := e.reg3(rGP)
		if err != nil {
			return 0, err
		}
		c, err := e.cond(3)
		if err != nil {
			return 0, err
		}
		return csel(in.Op, rd, rn, rm, c), nil
	case CSET, CSETM:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		c, err := e.cond(1)
		if err != nil {
			return 0, err
		}
		if c >= AL {
			return 0, errorf("condition %s not allowed", c)
		}
		op := CSINC
		if in.Op == CSETM {
			op = CSINV
		}
		return csel(op, rd, zr(rd), zr(rd), c.Invert()), nil
	case CINC, CINV, CNEG:
		if err := e.nargs(3); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		rn, err := e.reg(1, rGP)
		if err != nil {
			return 0, err
		}
		if err := sameWidth(rd, rn); err != nil {
			return 0, err
		}
		c, err := e.cond(2)
		if err != nil {
			return 0, err
		}
		if c >= AL {
			return 0, errorf("condition %s not allowed", c)
		}
		op := in.Op - CINC + CSINC
		return csel(op, rd, rn, rn, c.Invert()), nil
	case CCMP, CCMN:
		return e.ccmp()
	case CLZ, CLS, RBIT, REV, REV16, REV32:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rGP)
		if err != nil {
			return 0, err
		}
		rn, err := e.reg(1, rGP)
		if err != nil {
			return 0, err
		}
		if err := sameWidth(rd, rn); err != nil {
			return 0, err
		}
		var opc uint32
		switch in.Op {
		case RBIT:
			opc = 0
		case REV16:
			opc = 1
		case REV32:
			if !rd.Is64() {
				return 0, errorf("rev32 needs 64-bit registers")
			}
			opc = 2
		case REV:
			opc = 2
			if rd.Is64() {
				opc = 3
			}
		case CLZ:
			opc = 4
		case CLS:
			opc = 5
		}
		return 0x5AC00000 | sf(rd) | opc<<10 | rn.Num()<<5 | rd.Num(), nil
	case LDR, STR, LDRB, STRB, LDRH, STRH, LDRSB, LDRSH, LDRSW,
		LDUR, STUR, LDURB, STURB, LDURH, STURH, LDURSB, LDURSH, LDURSW:
		return e.loadStore()
	case LDP, STP, LDPSW:
		return e.pair()
	case LDXR, LDXRB, LDXRH, STXR, STXRB, STXRH, LDAXR, LDAXRB, LDAXRH, STLXR, STLXRB, STLXRH,
		LDAR, LDARB, LDARH, STLR, STLRB, STLRH:
		return e.exclusive()
	case B, BL, BCOND, CBZ, CBNZ, TBZ, TBNZ:
		return e.branch()
	case BR, BLR, RET:
		if in.Op == RET && len(a) == 0 {
			return 0xD65F0000 | 30<<5, nil
		}
		if err := e.nargs(1); err != nil {
			return 0, err
		}
		rn, err := e.reg(0, rGP|rOnly64)
		if err != nil {
			return 0, err
		}
		base := opBits[in.Op]
		return base | rn.Num()<<5, nil
	case ADR, ADRP:
		return e.adr()
	case FADD, FSUB, FMUL, FDIV, FNMUL, FMAX, FMIN, FMAXNM, FMINNM:
		return e.fp2()
	case FSQRT, FNEG, FABS:
		return e.fp1()
	case FCMP, FCMPE:
		return e.fcmp()
	case FMOV:
		return e.fmov()
	case SCVTF, UCVTF, FCVTZS, FCVTZU:
		return e.fcvtInt()
	case FCVT:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		rd, err := e.reg(0, rFP)
		if err != nil {
			return 0, err
		}
		rn, err := e.reg(1, rFP)
		if err != nil {
			return 0, err
		}
		td, ok1 := fpType(rd)
		tn, ok2 := fpType(rn)
		if !ok1 || !ok2 || td == tn {
			return 0, errorf("operands must be two different of h, s, d registers")
		}
		opc := [4]uint32{4, 5, 0, 7}[td]
		return 0x1E204000 | tn<<22 | opc<<15 | rn.Num()<<5 | rd.Num(), nil
	case FCSEL:
		if err := e.nargs(4); err != nil {
			return 0, err
		}
		rd, rn, rm, err := e.reg3(rFP)
		if err != nil {
			return 0, err
		}
		t, err := fpTypes(rd, rn, rm)
		if err != nil {
			return 0, err
		}
		c, err := e.cond(3)
		if err != nil {
			return 0, err
		}
		return 0x1E200C00 | t<<22 | rm.Num()<<16 | uint32(c)<<12 | rn.Num()<<5 | rd.Num(), nil
	case FMADD, FMSUB, FNMADD, FNMSUB:
		if err := e.nargs(4); err != nil {
			return 0, err
		}
		rd, rn, rm, err := e.reg3(rFP)
		if err != nil {
			return 0, err
		}
		ra, err := e.reg(3, rFP)
		if err != nil {
			return 0, err
		}
		t, err := fpTypes(rd, rn, rm, ra)
		if err != nil {
			return 0, err
		}
		o := opBits[in.Op]
		return 0x1F000000 | t<<22 | o | rm.Num()<<16 | ra.Num()<<10 | rn.Num()<<5 | rd.Num(), nil
	case NOP, YIELD:
		if err := e.nargs(0); err != nil {
			return 0, err
		}
		if in.Op == NOP {
			return 0xD503201F, nil
		}
		return 0xD503203F, nil
	case ISB:
		if len(a) == 0 {
			return 0xD5033FDF, nil
		}
		fallthrough
	case DMB, DSB:
		if err := e.nargs(1); err != nil {
			return 0, err
		}
		var crm uint32
		switch a[0].kind {
		case argBarrier:
			v := Barrier(a[0].val)
			if !v.named() {
				return 0, errorf("invalid barrier option")
			}
			if in.Op == ISB && v != SY {
				return 0, errorf("isb accepts only sy")
			}
			crm = uint32(v)
		case argImm:
			c, err := e.uimm(0, 0, 15)
			if err != nil {
				return 0, err
			}
			crm = c
		default:
			return 0, errorf("operand 1 must be a barrier option")
		}
		base := opBits[in.Op]
		return base | crm<<8, nil
	case SVC, BRK, HLT:
		if err := e.nargs(1); err != nil {
			return 0, err
		}
		v, err := e.uimm(0, 0, 0xffff)
		if err != nil {
			return 0, err
		}
		base := opBits[in.Op]
		return base | v<<5, nil
	case MRS, MSR:
		if err := e.nargs(2); err != nil {
			return 0, err
		}
		ri, si, base := 0, 1, uint32(0xD5300000)
		if in.Op == MSR {
			ri, si, base = 1, 0, 0xD5100000
		}
		rt, err := e.reg(ri, rGP|rOnly64)
		if err != nil {
			return 0, err
		}
		if a[si].kind != argSysReg {
			return 0, errorf("operand %d must be a system register", si+1)
		}
		s := SysReg(a[si].val)
		return base | uint32(s&0x7fff)<<5 | rt.Num(), nil
	}
	return 0, errorf("unsupported instruction")
}

func zr(r Reg) Reg {
	if r.Is64() {
		return XZR
	}
	return WZR
}

func width(r Reg) int {
	if r.Is64() {
		return 64
	}
	return 32
}

func (e *encoder) reg3(k regKind) (rd, rn, rm Reg, err error) {
	if rd, err = e.reg(0, k); err != nil {
		return
	}
	if rn, err = e.reg(1, k); err != nil {
		return
	}
	if rm, err = e.reg(2, k); err != nil {
		return
	}
	if k&rFP == 0 {
		err = sameWidth(rd, rn, rm)
	}
	return
}

// asReg returns operand a, at index i, as a register of kind k.
func (e *encoder) asReg(a arg, i int, k regKind) (Reg, error) {
	if a.kind != argReg {
		return 0, errorf("operand %d must be a register, not %s", i+1, e.opString(a))
	}
	return a.reg, checkReg(a.reg, k, i)
}

// addSub encodes add/sub/adds/subs rd, rn, op3 in all three forms.
func (e *encoder) addSub(op Op, ad, an, a3 arg) (uint32, error) {
	s := op == ADDS || op == SUBS
	var opbit uint32
	if op == SUB || op == SUBS {
		opbit = 1 << 30
	}
	var sbit uint32
	if s {
		sbit = 1 << 29
	}
	dk := rGP | rSP
	if s {
		dk = rGP
	}
	rd, err := e.asReg(ad, 0, dk)
	if err != nil {
		return 0, err
	}
	switch a3.kind {
	case argImm, argSym:
		if !s && rd.IsZR() {
			return 0, errorf("operand 1: %s not allowed here", rd)
		}
		rn, err := e.asReg(an, 1, rSP)
		if err != nil {
			return 0, err
		}
		if err := sameWidth(rd, rn); err != nil {
			return 0, err
		}
		base := sf(rd) | opbit | sbit | 0x11000000 | rn.Num()<<5 | rd.Num()
		if a3.kind == argSym {
			sym := e.in.sym(a3)
			if op != ADD {
				return 0, errorf("relocation modifier allowed only with add")
			}
			var typ elf.R_AARCH64
			switch sym.Mod {
			case ModLo12:
				typ = elf.R_AARCH64_ADD_ABS_LO12_NC
			case ModTprelHi12:
				typ = elf.R_AARCH64_TLSLE_ADD_TPREL_HI12
			case ModTprelLo12:
				typ = elf.R_AARCH64_TLSLE_ADD_TPREL_LO12
			case ModTprelLo12NC:
				typ = elf.R_AARCH64_TLSLE_ADD_TPREL_LO12_NC
			default:
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
	rn, err := e.asReg(an, 1, rGP|rSP)
	if err != nil {
		return 0, err
	}
	var rm Reg
	var shift Shift
	var amount uint8
	isExt := a3.kind == argRegExtend
	switch a3.kind {
	case argReg:
		rm = a3.reg
	case argRegShift:
		rm, shift, amount = a3.reg, Shift(a3.ext), a3.amount
		if shift > ShiftROR {
			return 0, errorf("invalid shift")
		}
	case argRegExtend:
		rm = a3.reg
	default:
		return 0, errorf("operand 3 must be a register or an immediate, not %s", e.opString(a3))
	}
	useExt := isExt || rd.IsSP() || rn.IsSP()
	if !useExt {
		if err := checkReg(rm, rGP, 2); err != nil {
			return 0, err
		}
		if err := sameWidth(rd, rn, rm); err != nil {
			return 0, err
		}
		if shift == ShiftROR {
			return 0, errorf("shift ror not allowed")
		}
		if int(amount) >= width(rd) {
			return 0, errorf("shift amount %d out of range 0..%d", amount, width(rd)-1)
		}
		return sf(rd) | opbit | sbit | 0x0B000000 | uint32(shift)<<22 | rm.Num()<<16 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
	}
	// Extended register form: register 31 is sp for rn, and for rd
	// unless flags are set.
	if err := checkReg(rm, rGP, 2); err != nil {
		return 0, err
	}
	if rn.IsZR() {
		return 0, errorf("operand 2: %s not allowed here", rn)
	}
	if rd.IsZR() && !s {
		return 0, errorf("operand 1: %s not allowed here", rd)
	}
	if err := sameWidth(rd, rn); err != nil {
		return 0, err
	}
	var option uint32
	if isExt {
		amount = a3.amount
		switch ext := Extend(a3.ext); ext {
		case ExtLSL:
			if !rd.IsSP() && !rn.IsSP() {
				return 0, errorf("lsl in an extended register operand needs sp")
			}
			option = 2
			if rd.Is64() {
				option = 3
			}
		case ExtUXTB, ExtUXTH, ExtUXTW, ExtUXTX, ExtSXTB, ExtSXTH, ExtSXTW, ExtSXTX:
			option = uint32(ext)
		default:
			return 0, errorf("missing or invalid extension")
		}
	} else {
		if shift != ShiftLSL {
			return 0, errorf("shift %s not allowed with sp", shift)
		}
		option = 2
		if rd.Is64() {
			option = 3
		}
	}
	if amount > 4 {
		return 0, errorf("extend shift amount %d out of range 0..4", amount)
	}
	// Rm is x for uxtx/sxtx in 64-bit ops, w otherwise.
	// GNU as also accepts an x register where a w register is meant.
	if wantX := rd.Is64() && option&3 == 3; wantX && !rm.Is64() {
		return 0, errorf("operand 3: expected a 64-bit register")
	}
	return sf(rd) | opbit | sbit | 0x0B200000 | rm.Num()<<16 | option<<13 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
}

// logical encodes and/orr/eor/ands/bic/bics/orn/eon.
func (e *encoder) logical(op Op, ad, an, a3 arg) (uint32, error) {
	opc := opBits[op]
	neg := op == BIC || op == ORN || op == EON || op == BICS
	if a3.kind == argImm {
		im := a3.imm()
		dk := rGP | rSP
		if op == ANDS || op == BICS {
			dk = rGP
		}
		rd, err := e.asReg(ad, 0, dk)
		if err != nil {
			return 0, err
		}
		if rd.IsZR() && dk&rSP != 0 {
			return 0, errorf("operand 1: %s not allowed here", rd)
		}
		rn, err := e.asReg(an, 1, rGP)
		if err != nil {
			return 0, err
		}
		if err := sameWidth(rd, rn); err != nil {
			return 0, err
		}
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
		if neg {
			v = ^v
		}
		n, immr, imms, ok := encodeBitmask(v, width(rd))
		if !ok {
			return 0, errorf("immediate %#x is not a valid logical (bitmask) immediate", uint64(im.Val))
		}
		return sf(rd) | opc<<29 | 0x12000000 | n<<22 | immr<<16 | imms<<10 | rn.Num()<<5 | rd.Num(), nil
	}
	rd, err := e.asReg(ad, 0, rGP)
	if err != nil {
		return 0, err
	}
	rn, err := e.asReg(an, 1, rGP)
	if err != nil {
		return 0, err
	}
	var rm Reg
	var shift Shift
	var amount uint8
	switch a3.kind {
	case argReg:
		rm = a3.reg
	case argRegShift:
		rm, shift, amount = a3.reg, Shift(a3.ext), a3.amount
		if shift > ShiftROR {
			return 0, errorf("invalid shift")
		}
	default:
		return 0, errorf("operand 3 must be a register or an immediate, not %s", e.opString(a3))
	}
	if err := checkReg(rm, rGP, 2); err != nil {
		return 0, err
	}
	if err := sameWidth(rd, rn, rm); err != nil {
		return 0, err
	}
	if int(amount) >= width(rd) {
		return 0, errorf("shift amount %d out of range 0..%d", amount, width(rd)-1)
	}
	var nbit uint32
	if neg {
		nbit = 1 << 21
	}
	return sf(rd) | opc<<29 | 0x0A000000 | uint32(shift)<<22 | nbit | rm.Num()<<16 | uint32(amount)<<10 | rn.Num()<<5 | rd.Num(), nil
}

func (e *encoder) mov() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	a := e.args
	rd, err := e.reg(0, rGP|rSP)
	if err != nil {
		return 0, err
	}
	switch a[1].kind {
	case argReg:
		v := a[1].reg
		if err := checkReg(v, rGP|rSP, 1); err != nil {
			return 0, err
		}
		if err := sameWidth(rd, v); err != nil {
			return 0, err
		}
		if rd.IsSP() || v.IsSP() {
			if rd.IsZR() || v.IsZR() {
				return 0, errorf("cannot move between sp and the zero register")
			}
			return sf(rd) | 0x11000000 | v.Num()<<5 | rd.Num(), nil
		}
		return sf(rd) | 1<<29 | 0x0A000000 | v.Num()<<16 | 31<<5 | rd.Num(), nil
	case argImm:
		if a[1].lsl != 0 {
			return 0, errorf("unexpected shift")
		}
		return movImm(rd, a[1].val)
	}
	return 0, errorf("operand 2 must be a register or an immediate, not %s", e.opString(a[1]))
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
		for _, try := range []struct {
			opc uint32
			x   uint64
		}{{2, v}, {0, ^v & mask}} {
			for hw := 0; hw < w/16; hw++ {
				if try.x&^(uint64(0xffff)<<(16*hw)) == 0 {
					if try.opc == 0 && w == 32 && hw == 0 && false {
						continue
					}
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

func (e *encoder) movWide() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	rd, err := e.reg(0, rGP)
	if err != nil {
		return 0, err
	}
	im, err := e.imm(1)
	if err != nil {
		return 0, err
	}
	opc := opBits[e.in.Op]
	w := width(rd)
	shift := int(im.LSL)
	val := im.Val
	if shift%16 != 0 || shift >= w {
		if w == 32 {
			return 0, errorf("shift must be lsl #0 or #16")
		}
		return 0, errorf("shift must be lsl #0, #16, #32 or #48")
	}
	if val < 0 || val > 0xffff {
		return 0, errorf("immediate %d out of range 0..65535", im.Val)
	}
	return sf(rd) | opc<<29 | 0x12800000 | uint32(shift/16)<<21 | uint32(val)<<5 | rd.Num(), nil
}

func (e *encoder) mul() (uint32, error) {
	op := e.in.Op
	long := op == SMULL || op == UMULL || op == SMADDL || op == UMADDL || op == SMSUBL || op == UMSUBL
	four := op == MADD || op == MSUB || op == SMADDL || op == UMADDL || op == SMSUBL || op == UMSUBL
	n := 3
	if four {
		n = 4
	}
	if err := e.nargs(n); err != nil {
		return 0, err
	}
	var rd, rn, rm, ra Reg
	var err error
	if long {
		if rd, err = e.reg(0, rGP|rOnly64); err != nil {
			return 0, err
		}
		if rn, err = e.reg(1, rGP|rOnly32); err != nil {
			return 0, err
		}
		if rm, err = e.reg(2, rGP|rOnly32); err != nil {
			return 0, err
		}
	} else if rd, rn, rm, err = e.reg3(rGP); err != nil {
		return 0, err
	}
	ra = zr(rd)
	if four {
		if ra, err = e.reg(3, rGP); err != nil {
			return 0, err
		}
		if err := sameWidth(rd, ra); err != nil {
			return 0, err
		}
	}
	var op31, o0 uint32
	switch op {
	case MUL, MADD:
	case MNEG, MSUB:
		o0 = 1
	case SMULL, SMADDL:
		op31 = 1
	case SMSUBL:
		op31, o0 = 1, 1
	case UMULL, UMADDL:
		op31 = 5
	case UMSUBL:
		op31, o0 = 5, 1
	case SMULH, UMULH:
		if !rd.Is64() {
			return 0, errorf("expected 64-bit registers")
		}
		op31 = 2
		if op == UMULH {
			op31 = 6
		}
	}
	return sf(rd) | 0x1B000000 | op31<<21 | rm.Num()<<16 | o0<<15 | ra.Num()<<10 | rn.Num()<<5 | rd.Num(), nil
}

func (e *encoder) dp2(op Op) (uint32, error) {
	if err := e.nargs(3); err != nil {
		return 0, err
	}
	rd, rn, rm, err := e.reg3(rGP)
	if err != nil {
		return 0, err
	}
	opc := opBits[op]
	return sf(rd) | 0x1AC00000 | rm.Num()<<16 | opc<<10 | rn.Num()<<5 | rd.Num(), nil
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

func (e *encoder) rdRn() (Reg, Reg, error) {
	rd, err := e.reg(0, rGP)
	if err != nil {
		return 0, 0, err
	}
	rn, err := e.reg(1, rGP)
	if err != nil {
		return 0, 0, err
	}
	return rd, rn, sameWidth(rd, rn)
}

func (e *encoder) shiftImm() (uint32, error) {
	rd, rn, err := e.rdRn()
	if err != nil {
		return 0, err
	}
	w := uint32(width(rd))
	sh, err := e.uimm(2, 0, int64(w)-1)
	if err != nil {
		return 0, err
	}
	switch e.in.Op {
	case LSL:
		return bfm(2, rd, rn, (w-sh)%w, w-1-sh), nil
	case LSR:
		return bfm(2, rd, rn, sh, w-1), nil
	case ASR:
		return bfm(0, rd, rn, sh, w-1), nil
	}
	return extr(rd, rn, rn, sh), nil
}

func (e *encoder) bitfield() (uint32, error) {
	if err := e.nargs(4); err != nil {
		return 0, err
	}
	rd, rn, err := e.rdRn()
	if err != nil {
		return 0, err
	}
	w := int64(width(rd))
	op := e.in.Op
	opc := opBits[op]
	if op == UBFM || op == SBFM || op == BFM {
		immr, err := e.uimm(2, 0, w-1)
		if err != nil {
			return 0, err
		}
		imms, err := e.uimm(3, 0, w-1)
		if err != nil {
			return 0, err
		}
		return bfm(opc, rd, rn, immr, imms), nil
	}
	lsb, err := e.uimm(2, 0, w-1)
	if err != nil {
		return 0, err
	}
	wd, err := e.uimm(3, 1, w-int64(lsb))
	if err != nil {
		return 0, err
	}
	switch op {
	case SBFX, BFXIL, UBFX:
		return bfm(opc, rd, rn, lsb, lsb+wd-1), nil
	}
	return bfm(opc, rd, rn, uint32((w-int64(lsb))%w), wd-1), nil
}

func (e *encoder) extend() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	op := e.in.Op
	dk := rGP
	if op == SXTW {
		dk |= rOnly64
	}
	rd, err := e.reg(0, dk)
	if err != nil {
		return 0, err
	}
	if op == UXTB || op == UXTH {
		rd = W(int(rd.Num())) // GNU as accepts uxtb x0, w1 as uxtb w0, w1
	}
	rn, err := e.reg(1, rGP|rOnly32)
	if err != nil {
		return 0, err
	}
	imms := opBits[op]
	opc := uint32(0)
	if op == UXTB || op == UXTH {
		opc = 2
	}
	return bfm(opc, rd, rn, 0, imms), nil
}

func csel(op Op, rd, rn, rm Reg, c Cond) uint32 {
	o := opBits[op]
	return sf(rd) | 0x1A800000 | o | rm.Num()<<16 | uint32(c)<<12 | rn.Num()<<5 | rd.Num()
}

func (e *encoder) ccmp() (uint32, error) {
	if err := e.nargs(4); err != nil {
		return 0, err
	}
	rn, err := e.reg(0, rGP)
	if err != nil {
		return 0, err
	}
	nzcv, err := e.uimm(2, 0, 15)
	if err != nil {
		return 0, err
	}
	c, err := e.cond(3)
	if err != nil {
		return 0, err
	}
	base := sf(rn) | 0x3A400000 | uint32(c)<<12 | rn.Num()<<5 | nzcv
	if e.in.Op == CCMP {
		base |= 1 << 30
	}
	switch e.args[1].kind {
	case argImm:
		i, err := e.uimm(1, 0, 31)
		if err != nil {
			return 0, err
		}
		return base | 1<<11 | i<<16, nil
	case argReg:
		v := e.args[1].reg
		if err := checkReg(v, rGP, 1); err != nil {
			return 0, err
		}
		if err := sameWidth(rn, v); err != nil {
			return 0, err
		}
		return base | v.Num()<<16, nil
	}
	return 0, errorf("operand 2 must be a register or an immediate")
}

// fpType returns the ftype field for an FP scalar register.
func fpType(r Reg) (uint32, bool) {
	switch r.Class() {
	case ClassS:
		return 0, true
	case ClassD:
		return 1, true
	case ClassH:
		return 3, true
	}
	return 0, false
}

func fpTypes(rs ...Reg) (uint32, error) {
	t, ok := fpType(rs[0])
	if !ok || rs[0].Class() == ClassH {
		return 0, errorf("operands must be s or d registers")
	}
	for _, r := range rs[1:] {
		if r.Class() != rs[0].Class() {
			return 0, errorf("operands must all be the same size")
		}
	}
	return t, nil
}

func (e *encoder) fp2() (uint32, error) {
	if err := e.nargs(3); err != nil {
		return 0, err
	}
	rd, rn, rm, err := e.reg3(rFP)
	if err != nil {
		return 0, err
	}
	t, err := fpTypes(rd, rn, rm)
	if err != nil {
		return 0, err
	}
	opc := opBits[e.in.Op]
	return 0x1E200800 | t<<22 | rm.Num()<<16 | opc<<12 | rn.Num()<<5 | rd.Num(), nil
}

func (e *encoder) fp1() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	rd, err := e.reg(0, rFP)
	if err != nil {
		return 0, err
	}
	rn, err := e.reg(1, rFP)
	if err != nil {
		return 0, err
	}
	t, err := fpTypes(rd, rn)
	if err != nil {
		return 0, err
	}
	opc := opBits[e.in.Op]
	return 0x1E204000 | t<<22 | opc<<15 | rn.Num()<<5 | rd.Num(), nil
}

func isZeroImm(a arg) bool {
	switch a.kind {
	case argFImm:
		// +0.0 only: the bit pattern of -0.0 is not zero.
		return a.val == 0
	case argImm:
		return a.val == 0 && a.lsl == 0
	}
	return false
}

func (e *encoder) fcmp() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	rn, err := e.reg(0, rFP)
	if err != nil {
		return 0, err
	}
	var opc uint32
	if e.in.Op == FCMPE {
		opc = 2
	}
	a := e.args[1]
	if isZeroImm(a) {
		t, err := fpTypes(rn)
		if err != nil {
			return 0, err
		}
		return 0x1E202000 | t<<22 | rn.Num()<<5 | (opc|1)<<3, nil
	}
	if a.kind != argReg {
		return 0, errorf("operand 2 must be a register or #0.0")
	}
	rm, err := e.reg(1, rFP)
	if err != nil {
		return 0, err
	}
	t, err := fpTypes(rn, rm)
	if err != nil {
		return 0, err
	}
	return 0x1E202000 | t<<22 | rm.Num()<<16 | rn.Num()<<5 | opc<<3, nil
}

// fpImm8 returns the 8-bit encoding of an fmov immediate: f must be
// ±(16+frac)/16 × 2^exp with frac in 0..15 and exp in -3..4.
func fpImm8(f float64) (uint32, bool) {
	var sign uint32
	if f < 0 {
		sign, f = 0x80, -f
	}
	if f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	m, e := math.Frexp(f) // f = m × 2^e, m in [0.5, 1)
	exp := e - 1
	frac := (2*m - 1) * 16
	if frac != math.Trunc(frac) || exp < -3 || exp > 4 {
		return 0, false
	}
	var bcd uint32
	if exp >= 1 {
		bcd = uint32(exp - 1) // b=0, cd=exp-1
	} else {
		bcd = 4 | uint32(exp+3) // b=1, cd=exp+3
	}
	return sign | bcd<<4 | uint32(frac), true
}

// fpImm8Value is the value of an 8-bit floating-point immediate:
// ±(16+frac)/16 × 2^exp with exp in -3..4.
func fpImm8Value(imm8 uint32) float64 {
	b := imm8 >> 6 & 1
	cd := int(imm8 >> 4 & 3)
	exp := cd + 1
	if b == 1 {
		exp = cd - 3
	}
	v := math.Ldexp(1+float64(imm8&15)/16, exp)
	if imm8&0x80 != 0 {
		v = -v
	}
	return v
}

func (e *encoder) fmov() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	rd, err := e.reg(0, rGP|rFP)
	if err != nil {
		return 0, err
	}
	a := e.args[1]
	var f float64
	switch a.kind {
	case argReg:
		v := a.reg
		if err := checkReg(v, rGP|rFP, 1); err != nil {
			return 0, err
		}
		switch {
		case rd.IsFP() && v.IsFP():
			return e.fp1()
		case rd.IsFP() || v.IsFP():
			fr, gr := rd, v
			opc := uint32(7)
			if v.IsFP() {
				fr, gr, opc = v, rd, 6
			}
			var t uint32
			switch {
			case fr.Class() == ClassS && !gr.Is64():
				t = 0
			case fr.Class() == ClassD && gr.Is64():
				t = 1
			default:
				return 0, errorf("register sizes do not match (w<->s or x<->d)")
			}
			d, n := gr, fr
			if opc == 7 {
				d, n = fr, gr
			}
			return sf(gr) | 0x1E200000 | t<<22 | opc<<16 | n.Num()<<5 | d.Num(), nil
		}
		return 0, errorf("use mov for general registers")
	case argFImm:
		f = math.Float64frombits(uint64(a.val))
	case argImm:
		if a.lsl != 0 {
			return 0, errorf("unexpected shift")
		}
		f = float64(a.val)
	default:
		return 0, errorf("operand 2 must be a register or a floating-point immediate")
	}
	t, err := fpTypes(rd)
	if err != nil {
		return 0, err
	}
	imm8, ok := fpImm8(f)
	if !ok {
		return 0, errorf("floating-point immediate %v cannot be encoded", f)
	}
	return 0x1E201000 | t<<22 | imm8<<13 | rd.Num(), nil
}

func (e *encoder) fcvtInt() (uint32, error) {
	if err := e.nargs(2); err != nil {
		return 0, err
	}
	op := e.in.Op
	toFP := op == SCVTF || op == UCVTF
	fi, gi := 1, 0
	if toFP {
		fi, gi = 0, 1
	}
	fr, err := e.reg(fi, rFP)
	if err != nil {
		return 0, err
	}
	gr, err := e.reg(gi, rGP)
	if err != nil {
		return 0, err
	}
	t, err := fpTypes(fr)
	if err != nil {
		return 0, err
	}
	rm := opBits[op]
	d, n := gr, fr
	if toFP {
		d, n = fr, gr
	}
	return sf(gr) | 0x1E200000 | t<<22 | rm | n.Num()<<5 | d.Num(), nil
}

// opBits holds, for the Ops that need one, the opcode field value their
// encoder ORs or shifts in. It is only read.
var opBits = [numOps]uint32{
	BR:     0xD61F0000,
	BLR:    0xD63F0000,
	RET:    0xD65F0000,
	FMADD:  0,
	FMSUB:  1 << 15,
	FNMADD: 1 << 21,
	FNMSUB: 1<<21 | 1<<15,
	DMB:    0xD50330BF,
	DSB:    0xD503309F,
	ISB:    0xD50330DF,
	SVC:    0xD4000001,
	BRK:    0xD4200000,
	HLT:    0xD4400000,
	AND:    0,
	ORR:    1,
	EOR:    2,
	ANDS:   3,
	BIC:    0,
	ORN:    1,
	EON:    2,
	BICS:   3,
	MOVN:   0,
	MOVZ:   2,
	MOVK:   3,
	UDIV:   2,
	SDIV:   3,
	LSLV:   8,
	LSRV:   9,
	ASRV:   10,
	RORV:   11,
	SBFM:   0,
	BFM:    1,
	UBFM:   2,
	SBFX:   0,
	BFXIL:  1,
	UBFX:   2,
	SBFIZ:  0,
	BFI:    1,
	UBFIZ:  2,
	SXTB:   7,
	SXTH:   15,
	SXTW:   31,
	UXTB:   7,
	UXTH:   15,
	CSEL:   0,
	CSINC:  1 << 10,
	CSINV:  1 << 30,
	CSNEG:  1<<30 | 1<<10,
	FMUL:   0,
	FDIV:   1,
	FADD:   2,
	FSUB:   3,
	FMAX:   4,
	FMIN:   5,
	FMAXNM: 6,
	FMINNM: 7,
	FNMUL:  8,
	FMOV:   0,
	FABS:   1,
	FNEG:   2,
	FSQRT:  3,
	FCVTZS: 3<<19 | 0<<16,
	FCVTZU: 3<<19 | 1<<16,
	SCVTF:  2 << 16,
	UCVTF:  3 << 16,
}
