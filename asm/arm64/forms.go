package arm64

import (
	"debug/elf"
	"fmt"
	"strings"
)

// This file holds the encoding table: for every Op, the list of its
// instruction forms. A form is an operand-class pattern, the encoder
// function for instructions of that shape (an encID, see call) and the
// fixed opcode bits it ORs in. The encoder uses the first form whose
// operand kinds match the instruction (see encoder.run), checks the
// operands against the form's classes in operand order, then calls the
// form's function, which checks the rest (ranges, sizes, the operands of
// class any) and builds the instruction word.
//
// Forms are written in a compact notation, compiled once at package
// initialisation into the read-only table opForms:
//
//	t.def(ADD, "sp=, sp=, immsym", encAddSubImm, 0)
//
// The pattern lists the operand classes (see opClass): register classes
// (r, sp, rsp, x, w, f, rf) and operand kinds (imm, sym, immsym, cond,
// fimm, any). A trailing "=" marks the general registers that must all
// have the width of the first of them; that is checked once the last of
// them has been. An empty pattern is an instruction without operands.

// An opClass is what a form accepts at one operand position.
type opClass uint8

const (
	clNone   opClass = iota
	clR              // general register x/w; register 31 is the zero register
	clSP             // general register or sp/wsp; not the zero register
	clRSP            // general register, sp/wsp or the zero register
	clX              // 64-bit general register (xzr allowed)
	clW              // 32-bit general register (wzr allowed)
	clF              // SIMD&FP scalar register b, h, s, d or q
	clRF             // general (zero register allowed) or SIMD&FP register
	clImm            // integer immediate
	clSym            // symbolic operand: a label or a symbol with a modifier
	clImmSym         // integer immediate or symbolic operand
	clCond           // condition code
	clFImm           // floating-point immediate
	clAny            // anything: the form's function checks it
	numClasses
)

var classNames = map[string]opClass{
	"r": clR, "sp": clSP, "rsp": clRSP, "x": clX, "w": clW, "f": clF, "rf": clRF,
	"imm": clImm, "sym": clSym, "immsym": clImmSym, "cond": clCond, "fimm": clFImm, "any": clAny,
}

// A kindSet is a set of argKinds, bit k for kind k.
type kindSet uint16

// classKinds is the set of operand kinds each class accepts.
var classKinds = [numClasses]kindSet{
	clR: 1 << argReg, clSP: 1 << argReg, clRSP: 1 << argReg, clX: 1 << argReg, clW: 1 << argReg,
	clF: 1 << argReg, clRF: 1 << argReg,
	clImm: 1 << argImm, clSym: 1 << argSym, clImmSym: 1<<argImm | 1<<argSym, clCond: 1 << argCond,
	clFImm: 1 << argFImm, clAny: ^kindSet(0),
}

// classRegs is the register kinds (see checkReg) of the register classes.
var classRegs = [numClasses]regKind{
	clR: rGP, clSP: rSP, clRSP: rGP | rSP, clX: rGP | rOnly64, clW: rGP | rOnly32, clF: rFP, clRF: rGP | rFP,
}

// maxFormArgs is the largest number of operands of a form.
const maxFormArgs = 4

// A form is one encoding of an Op.
type form struct {
	n        uint8                // number of operands
	class    [maxFormArgs]opClass // the class of each operand
	accept   uint64               // the (operand, kind) pairs it accepts, bit 16*i+k (see signature)
	kinds    [maxFormArgs]kindSet // classKinds of each class
	regs     [maxFormArgs]regKind // classRegs of each class
	regMask  uint8                // bit i: operand i has a register class
	condMask uint8                // bit i: operand i is a condition
	same     uint8                // bit i: operand i has the width of the first marked operand
	sameLast int8                 // the last marked operand, or -1
	aux      uint16               // per encoder: the Op an alias stands for, a relocation type, an access size
	bits     uint32               // the fixed opcode bits or field value of this encoding
	enc      encID                // the encoder (see call): it encodes e.args, checked, as e.op
}

// parseForm compiles a pattern (see the file comment).
func parseForm(spec string, enc encID, bits uint32, aux uint16) form {
	f := form{enc: enc, bits: bits, aux: aux, sameLast: -1}
	if spec = strings.TrimSpace(spec); spec == "" {
		return f
	}
	for i, name := range strings.Split(spec, ",") {
		name = strings.TrimSpace(name)
		if n, ok := strings.CutSuffix(name, "="); ok {
			name = n
			f.same |= 1 << i
			f.sameLast = int8(i)
		}
		c, ok := classNames[name]
		if !ok || i >= maxFormArgs {
			panic(fmt.Sprintf("bad form %q", spec))
		}
		f.class[i], f.kinds[i], f.regs[i] = c, classKinds[c], classRegs[c]
		f.accept |= uint64(classKinds[c]) << (16 * i)
		if classRegs[c] != 0 {
			f.regMask |= 1 << i
		}
		if c == clCond {
			f.condMask |= 1 << i
		}
		f.n++
	}
	return f
}

// A formTable holds the forms of every Op, in the order they are tried.
type formTable [numOps][]form

// opForms is the encoding table indexed by Op. It is only read.
var opForms = *buildForms()

// maxArgs returns the largest number of operands of op's forms: the
// count an error message asks for.
func (t *formTable) maxArgs(op Op) int {
	n := 0
	for i := range t[op] {
		n = max(n, int(t[op][i].n))
	}
	return n
}

func (t *formTable) def(op Op, spec string, enc encID, bits uint32) {
	t.defAux(op, spec, enc, bits, 0)
}

func (t *formTable) defAux(op Op, spec string, enc encID, bits uint32, aux uint16) {
	t[op] = append(t[op], parseForm(spec, enc, bits, aux))
}

// alias defines a form of op, an alias whose encoder rewrites the
// operands and encodes them as the Op to.
func (t *formTable) alias(op Op, spec string, enc encID, to Op) {
	t.defAux(op, spec, enc, 0, uint16(to))
}

func buildForms() *formTable {
	t := new(formTable)
	defArith(t)
	defLogical(t)
	defBits(t)
	defMem(t)
	defBranch(t)
	defFP(t)
	defSystem(t)
	return t
}

func defArith(t *formTable) {
	// op (bit 30) and S (bit 29).
	for op, bits := range map[Op]uint32{ADD: 0, SUB: 1 << 30, ADDS: 1 << 29, SUBS: 1<<30 | 1<<29} {
		// Register 31 is sp in the immediate forms, or the zero
		// register when flags are set; the register forms decide later.
		if op == ADDS || op == SUBS {
			t.def(op, "r=, sp=, immsym", encAddSubImm, bits)
			t.def(op, "r, rsp, any", encAddSubReg, bits)
		} else {
			t.def(op, "sp=, sp=, immsym", encAddSubImm, bits)
			t.def(op, "rsp, rsp, any", encAddSubReg, bits)
		}
	}
	t.alias(CMP, "rsp, any", encCmpAlias, SUBS)
	t.alias(CMN, "rsp, any", encCmpAlias, ADDS)
	t.alias(NEG, "r, any", encNegAlias, SUB)
	t.alias(NEGS, "r, any", encNegAlias, SUBS)

	t.def(MOV, "rsp=, rsp=", encMovReg, 0)
	t.def(MOV, "rsp, imm", encMovImmForm, 0)
	t.def(MOV, "rsp, any", encMovBad, 0)
	t.def(MOVN, "r, imm", encMovWide, 0)
	t.def(MOVZ, "r, imm", encMovWide, 2)
	t.def(MOVK, "r, imm", encMovWide, 3)

	// Multiply: op31 (bits 23-21) and o0 (bit 15).
	for op, bits := range map[Op]uint32{MUL: 0, MNEG: 1 << 15, SMULH: 2 << 21, UMULH: 6 << 21} {
		t.def(op, "r=, r=, r=", encMul, bits)
	}
	t.def(MADD, "r=, r=, r=, r=", encMul, 0)
	t.def(MSUB, "r=, r=, r=, r=", encMul, 1<<15)
	t.def(SMULL, "x, w, w", encMul, 1<<21)
	t.def(UMULL, "x, w, w", encMul, 5<<21)
	t.def(SMADDL, "x=, w, w, r=", encMul, 1<<21)
	t.def(UMADDL, "x=, w, w, r=", encMul, 5<<21)
	t.def(SMSUBL, "x=, w, w, r=", encMul, 1<<21|1<<15)
	t.def(UMSUBL, "x=, w, w, r=", encMul, 5<<21|1<<15)

	// Data processing (2 source): the opcode field.
	dp2Ops := map[Op]uint32{UDIV: 2, SDIV: 3, LSLV: 8, LSRV: 9, ASRV: 10, RORV: 11}
	for op, opc := range dp2Ops {
		t.def(op, "r=, r=, r=", encDp2, opc)
	}
	for _, op := range []Op{LSL, LSR, ASR, ROR} {
		t.def(op, "r=, r=, r=", encDp2, dp2Ops[op-LSL+LSLV])
		t.def(op, "r=, r=, imm", encShiftImm, 0)
	}
}

func defLogical(t *formTable) {
	// opc (bits 30-29) and, for the shifted-register forms, N (bit 21).
	for op, opc := range map[Op]uint32{AND: 0, ORR: 1, EOR: 2, ANDS: 3, BIC: 0, ORN: 1, EON: 2, BICS: 3} {
		rd := "sp" // register 31 is sp in the immediate forms
		if op == ANDS || op == BICS {
			rd = "r"
		}
		var n uint32
		if op == BIC || op == ORN || op == EON || op == BICS {
			n = 1 << 21
		}
		t.def(op, rd+"=, r=, imm", encLogicalImm, opc<<29|n)
		t.def(op, "r, r, any", encLogicalReg, opc<<29|n)
	}
	t.alias(TST, "r, any", encTstAlias, ANDS)
	t.alias(MVN, "r, any", encMvnAlias, ORN)
}

func defBits(t *formTable) {
	// Bitfield moves: opc (bits 30-29).
	for op, opc := range map[Op]uint32{SBFM: 0, BFM: 1, UBFM: 2} {
		t.def(op, "r=, r=, imm, imm", encBitfield, opc)
	}
	for op, opc := range map[Op]uint32{SBFX: 0, BFXIL: 1, UBFX: 2} {
		t.def(op, "r=, r=, imm, imm", encBitfieldExtract, opc)
	}
	for op, opc := range map[Op]uint32{SBFIZ: 0, BFI: 1, UBFIZ: 2} {
		t.def(op, "r=, r=, imm, imm", encBitfieldInsert, opc)
	}
	// Extensions: opc and imms.
	t.def(SXTB, "r, w", encExtend, 0<<8|7)
	t.def(SXTH, "r, w", encExtend, 0<<8|15)
	t.def(SXTW, "x, w", encExtend, 0<<8|31)
	t.def(UXTB, "r, w", encExtend, 2<<8|7)
	t.def(UXTH, "r, w", encExtend, 2<<8|15)
	t.def(EXTR, "r=, r=, r=, imm", encExtrForm, 0)

	// Conditional select: op (bit 30) and o2 (bit 10).
	csel := map[Op]uint32{CSEL: 0, CSINC: 1 << 10, CSINV: 1 << 30, CSNEG: 1<<30 | 1<<10}
	for op, bits := range csel {
		t.def(op, "r=, r=, r=, cond", encCselForm, bits)
	}
	t.def(CSET, "r, cond", encCset, csel[CSINC])
	t.def(CSETM, "r, cond", encCset, csel[CSINV])
	t.def(CINC, "r=, r=, cond", encCinc, csel[CSINC])
	t.def(CINV, "r=, r=, cond", encCinc, csel[CSINV])
	t.def(CNEG, "r=, r=, cond", encCinc, csel[CSNEG])
	for op, bits := range map[Op]uint32{CCMN: 0, CCMP: 1 << 30} {
		t.def(op, "r, imm, imm, cond", encCcmpImm, bits)
		t.def(op, "r=, r=, imm, cond", encCcmpReg, bits)
		t.def(op, "r, any, imm, cond", encCcmpBad, bits)
	}

	// Data processing (1 source): the opcode field.
	for op, opc := range map[Op]uint32{RBIT: 0, REV16: 1, REV32: 2, REV: 2, CLZ: 4, CLS: 5} {
		t.def(op, "r=, r=", encDp1, opc)
	}
}

func defMem(t *formTable) {
	for _, op := range []Op{LDR, STR, LDRB, STRB, LDRH, STRH, LDRSB, LDRSH, LDRSW,
		LDUR, STUR, LDURB, STURB, LDURH, STURH, LDURSB, LDURSH, LDURSW} {
		t.def(op, "rf, sym", encLoadLiteral, 0)
		t.def(op, "rf, any", encLoadStore, 0)
	}
	t.def(LDP, "rf, rf, any", encPair, 1<<22)
	t.def(LDPSW, "rf, rf, any", encPair, 1<<22)
	t.def(STP, "rf, rf, any", encPair, 0)

	// Exclusive and acquire/release: o2 (bit 23), L (bit 22), o0 (bit 15);
	// aux is the access size in bytes for the b and h forms.
	const o2, l, o0 = 1 << 23, 1 << 22, 1 << 15
	excl := func(word, byteOp, halfOp Op, status bool, bits uint32) {
		spec := "r, any"
		if status {
			spec = "w, r, any"
		}
		t.defAux(word, spec, encExclusive, bits, 0)
		t.defAux(byteOp, spec, encExclusive, bits, 1)
		t.defAux(halfOp, spec, encExclusive, bits, 2)
	}
	excl(LDXR, LDXRB, LDXRH, false, l)
	excl(STXR, STXRB, STXRH, true, 0)
	excl(LDAXR, LDAXRB, LDAXRH, false, l|o0)
	excl(STLXR, STLXRB, STLXRH, true, o0)
	excl(LDAR, LDARB, LDARH, false, o2|l|o0)
	excl(STLR, STLRB, STLRH, false, o2|o0)
}

func defBranch(t *formTable) {
	t.defAux(B, "sym", encBranch26, 0x14000000, uint16(elf.R_AARCH64_JUMP26))
	t.defAux(BL, "sym", encBranch26, 0x94000000, uint16(elf.R_AARCH64_CALL26))
	t.def(BCOND, "cond, sym", encBcond, 0x54000000)
	t.def(CBZ, "r, sym", encCbz, 0x34000000)
	t.def(CBNZ, "r, sym", encCbz, 0x35000000)
	t.def(TBZ, "r, imm, sym", encTbz, 0x36000000)
	t.def(TBNZ, "r, imm, sym", encTbz, 0x37000000)
	t.def(BR, "x", encBranchReg, 0xD61F0000)
	t.def(BLR, "x", encBranchReg, 0xD63F0000)
	t.def(RET, "", encFixed, 0xD65F0000|30<<5)
	t.def(RET, "x", encBranchReg, 0xD65F0000)
	t.def(ADR, "x, sym", encAdr, 0x10000000)
	t.def(ADRP, "x, sym", encAdrp, 0x90000000)
}

func defFP(t *formTable) {
	// Data processing (2 source): the opcode field.
	for op, opc := range map[Op]uint32{FMUL: 0, FDIV: 1, FADD: 2, FSUB: 3, FMAX: 4, FMIN: 5, FMAXNM: 6, FMINNM: 7, FNMUL: 8} {
		t.def(op, "f, f, f", encFp2, opc)
	}
	// Data processing (1 source): the opcode field.
	for op, opc := range map[Op]uint32{FABS: 1, FNEG: 2, FSQRT: 3} {
		t.def(op, "f, f", encFp1, opc)
	}
	for op, opc := range map[Op]uint32{FCMP: 0, FCMPE: 2} {
		t.def(op, "f, f", encFcmpReg, opc)
		t.def(op, "f, any", encFcmpZero, opc)
	}
	t.def(FMOV, "rf, rf", encFmovReg, 0)
	t.def(FMOV, "rf, fimm", encFmovImm, 0)
	t.def(FMOV, "rf, imm", encFmovImm, 0)
	t.def(FMOV, "rf, any", encFmovBad, 0)
	// Conversions between general and FP registers: rmode and opcode.
	t.def(SCVTF, "f, r", encFcvtInt, 2<<16)
	t.def(UCVTF, "f, r", encFcvtInt, 3<<16)
	t.def(FCVTZS, "r, f", encFcvtInt, 3<<19|0<<16)
	t.def(FCVTZU, "r, f", encFcvtInt, 3<<19|1<<16)
	t.def(FCVT, "f, f", encFcvt, 0)
	t.def(FCSEL, "f, f, f, cond", encFcsel, 0)
	// Data processing (3 source): o1 (bit 21) and o0 (bit 15).
	for op, bits := range map[Op]uint32{FMADD: 0, FMSUB: 1 << 15, FNMADD: 1 << 21, FNMSUB: 1<<21 | 1<<15} {
		t.def(op, "f, f, f, f", encFp3, bits)
	}
}

func defSystem(t *formTable) {
	t.def(NOP, "", encFixed, 0xD503201F)
	t.def(YIELD, "", encFixed, 0xD503203F)
	t.def(ISB, "", encFixed, 0xD5033FDF)
	t.def(ISB, "any", encBarrier, 0xD50330DF)
	t.def(DMB, "any", encBarrier, 0xD50330BF)
	t.def(DSB, "any", encBarrier, 0xD503309F)
	t.def(SVC, "imm", encException, 0xD4000001)
	t.def(BRK, "imm", encException, 0xD4200000)
	t.def(HLT, "imm", encException, 0xD4400000)
	t.def(MRS, "x, any", encMrs, 0xD5300000)
	t.def(MSR, "any, x", encMsr, 0xD5100000)
}
