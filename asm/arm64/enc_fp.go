package arm64

import "math"

// The encoders of the floating-point forms (see forms.go).

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

// fpTypes returns the ftype field of registers that must all be s or
// all be d registers.
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

// fp2 encodes the data processing (2 source) instructions.
func fp2(e *encoder, f *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	t, err := fpTypes(rd, rn, rm)
	if err != nil {
		return 0, err
	}
	return 0x1E200800 | t<<22 | rm.Num()<<16 | f.bits<<12 | rn.Num()<<5 | rd.Num(), nil
}

// fp1 encodes the data processing (1 source) instructions and fmov
// between FP registers.
func fp1(e *encoder, f *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	t, err := fpTypes(rd, rn)
	if err != nil {
		return 0, err
	}
	return 0x1E204000 | t<<22 | f.bits<<15 | rn.Num()<<5 | rd.Num(), nil
}

// fp3 encodes the data processing (3 source) instructions.
func fp3(e *encoder, f *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	ra := e.args[3].reg
	t, err := fpTypes(rd, rn, rm, ra)
	if err != nil {
		return 0, err
	}
	return 0x1F000000 | t<<22 | f.bits | rm.Num()<<16 | ra.Num()<<10 | rn.Num()<<5 | rd.Num(), nil
}

func fcsel(e *encoder, _ *form) (uint32, error) {
	rd, rn, rm := e.regs3()
	t, err := fpTypes(rd, rn, rm)
	if err != nil {
		return 0, err
	}
	return 0x1E200C00 | t<<22 | rm.Num()<<16 | uint32(e.args[3].val)<<12 | rn.Num()<<5 | rd.Num(), nil
}

func fcmpReg(e *encoder, f *form) (uint32, error) {
	rn, rm := e.args[0].reg, e.args[1].reg
	t, err := fpTypes(rn, rm)
	if err != nil {
		return 0, err
	}
	return 0x1E202000 | t<<22 | rm.Num()<<16 | rn.Num()<<5 | f.bits<<3, nil
}

// fcmpZero encodes fcmp and fcmpe with #0.0.
func fcmpZero(e *encoder, f *form) (uint32, error) {
	rn := e.args[0].reg
	if !isZeroImm(e.args[1]) {
		return 0, errorf("operand 2 must be a register or #0.0")
	}
	t, err := fpTypes(rn)
	if err != nil {
		return 0, err
	}
	return 0x1E202000 | t<<22 | rn.Num()<<5 | (f.bits|1)<<3, nil
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

// fcvt converts between the h, s and d precisions.
func fcvt(e *encoder, _ *form) (uint32, error) {
	rd, rn := e.args[0].reg, e.args[1].reg
	td, ok1 := fpType(rd)
	tn, ok2 := fpType(rn)
	if !ok1 || !ok2 || td == tn {
		return 0, errorf("operands must be two different of h, s, d registers")
	}
	opc := [4]uint32{4, 5, 0, 7}[td]
	return 0x1E204000 | tn<<22 | opc<<15 | rn.Num()<<5 | rd.Num(), nil
}

// fcvtInt encodes the conversions between general and FP registers:
// scvtf and ucvtf (general to FP), fcvtzs and fcvtzu (FP to general).
func fcvtInt(e *encoder, f *form) (uint32, error) {
	d, n := e.args[0].reg, e.args[1].reg
	fr, gr := n, d
	if d.IsFP() {
		fr, gr = d, n
	}
	t, err := fpTypes(fr)
	if err != nil {
		return 0, err
	}
	return sf(gr) | 0x1E200000 | t<<22 | f.bits | n.Num()<<5 | d.Num(), nil
}

// fmovReg encodes fmov between registers: FP to FP, or a transfer
// between a general and an FP register of the same size.
func fmovReg(e *encoder, f *form) (uint32, error) {
	rd, v := e.args[0].reg, e.args[1].reg
	switch {
	case rd.IsFP() && v.IsFP():
		return fp1(e, f)
	case !rd.IsFP() && !v.IsFP():
		return 0, errorf("use mov for general registers")
	}
	fr, gr, opc := rd, v, uint32(7)
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
	return sf(gr) | 0x1E200000 | t<<22 | opc<<16 | v.Num()<<5 | rd.Num(), nil
}

// fmovBad rejects operand 2 of fmov, which no other form of fmov
// accepts.
func fmovBad(*encoder, *form) (uint32, error) {
	return 0, errorf("operand 2 must be a register or a floating-point immediate")
}

// fmovImm encodes fmov of an 8-bit floating-point immediate.
func fmovImm(e *encoder, _ *form) (uint32, error) {
	rd, a := e.args[0].reg, e.args[1]
	f := math.Float64frombits(uint64(a.val))
	if a.kind == argImm {
		if a.lsl != 0 {
			return 0, errorf("unexpected shift")
		}
		f = float64(a.val)
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
