package arm64

// An Op is an instruction mnemonic. Aliases that GNU as accepts (mov, cmp,
// lsl #imm, cset, ...) are distinct Ops: an Inst keeps the spelling it was
// written with, and the encoder maps it to the underlying instruction.
type Op uint16

// Mnemonics. BCOND is b.cond; its condition is the first operand.
const (
	OpInvalid Op = iota

	// Arithmetic.
	ADD
	ADDS
	SUB
	SUBS
	CMP
	CMN
	NEG
	NEGS
	NGC
	ADC
	SBC

	// Logical.
	AND
	ANDS
	ORR
	EOR
	BIC
	BICS
	ORN
	EON
	TST
	MOV
	MVN

	// Move wide.
	MOVZ
	MOVN
	MOVK

	// Multiply and divide.
	MUL
	MADD
	MSUB
	MNEG
	SMULH
	UMULH
	SMULL
	UMULL
	SMADDL
	UMADDL
	SMSUBL
	UMSUBL
	SDIV
	UDIV

	// Shifts.
	LSL
	LSR
	ASR
	ROR
	LSLV
	LSRV
	ASRV
	RORV

	// Bitfield and extract.
	UBFM
	SBFM
	BFM
	UBFX
	SBFX
	BFI
	BFXIL
	UBFIZ
	SBFIZ
	EXTR
	SXTB
	SXTH
	SXTW
	UXTB
	UXTH

	// Conditional.
	CSEL
	CSINC
	CSINV
	CSNEG
	CSET
	CSETM
	CINC
	CINV
	CNEG
	CCMP
	CCMN

	// Bit manipulation.
	CLZ
	CLS
	RBIT
	REV
	REV16
	REV32

	// Loads and stores.
	LDR
	STR
	LDRB
	STRB
	LDRH
	STRH
	LDRSB
	LDRSH
	LDRSW
	LDUR
	STUR
	LDURB
	STURB
	LDURH
	STURH
	LDURSB
	LDURSH
	LDURSW
	LDP
	STP
	LDPSW

	// Exclusive and acquire/release.
	LDXR
	LDXRB
	LDXRH
	STXR
	STXRB
	STXRH
	LDAXR
	LDAXRB
	LDAXRH
	STLXR
	STLXRB
	STLXRH
	LDAR
	LDARB
	LDARH
	STLR
	STLRB
	STLRH

	// Branches.
	B
	BL
	BCOND
	CBZ
	CBNZ
	TBZ
	TBNZ
	BR
	BLR
	RET
	ADR
	ADRP

	// Floating point.
	FADD
	FSUB
	FMUL
	FDIV
	FNMUL
	FMAX
	FMIN
	FMAXNM
	FMINNM
	FSQRT
	FNEG
	FABS
	FCMP
	FCMPE
	FMOV
	SCVTF
	UCVTF
	FCVTZS
	FCVTZU
	FCVT
	FCSEL
	FMADD
	FMSUB
	FNMADD
	FNMSUB

	// System.
	DMB
	DSB
	ISB
	SVC
	BRK
	HLT
	NOP
	YIELD
	MRS
	MSR

	numOps
)

var opNames = [numOps]string{
	ADD:    "add",
	ADDS:   "adds",
	SUB:    "sub",
	SUBS:   "subs",
	CMP:    "cmp",
	CMN:    "cmn",
	NEG:    "neg",
	NEGS:   "negs",
	NGC:    "ngc",
	ADC:    "adc",
	SBC:    "sbc",
	AND:    "and",
	ANDS:   "ands",
	ORR:    "orr",
	EOR:    "eor",
	BIC:    "bic",
	BICS:   "bics",
	ORN:    "orn",
	EON:    "eon",
	TST:    "tst",
	MOV:    "mov",
	MVN:    "mvn",
	MOVZ:   "movz",
	MOVN:   "movn",
	MOVK:   "movk",
	MUL:    "mul",
	MADD:   "madd",
	MSUB:   "msub",
	MNEG:   "mneg",
	SMULH:  "smulh",
	UMULH:  "umulh",
	SMULL:  "smull",
	UMULL:  "umull",
	SMADDL: "smaddl",
	UMADDL: "umaddl",
	SMSUBL: "smsubl",
	UMSUBL: "umsubl",
	SDIV:   "sdiv",
	UDIV:   "udiv",
	LSL:    "lsl",
	LSR:    "lsr",
	ASR:    "asr",
	ROR:    "ror",
	LSLV:   "lslv",
	LSRV:   "lsrv",
	ASRV:   "asrv",
	RORV:   "rorv",
	UBFM:   "ubfm",
	SBFM:   "sbfm",
	BFM:    "bfm",
	UBFX:   "ubfx",
	SBFX:   "sbfx",
	BFI:    "bfi",
	BFXIL:  "bfxil",
	UBFIZ:  "ubfiz",
	SBFIZ:  "sbfiz",
	EXTR:   "extr",
	SXTB:   "sxtb",
	SXTH:   "sxth",
	SXTW:   "sxtw",
	UXTB:   "uxtb",
	UXTH:   "uxth",
	CSEL:   "csel",
	CSINC:  "csinc",
	CSINV:  "csinv",
	CSNEG:  "csneg",
	CSET:   "cset",
	CSETM:  "csetm",
	CINC:   "cinc",
	CINV:   "cinv",
	CNEG:   "cneg",
	CCMP:   "ccmp",
	CCMN:   "ccmn",
	CLZ:    "clz",
	CLS:    "cls",
	RBIT:   "rbit",
	REV:    "rev",
	REV16:  "rev16",
	REV32:  "rev32",
	LDR:    "ldr",
	STR:    "str",
	LDRB:   "ldrb",
	STRB:   "strb",
	LDRH:   "ldrh",
	STRH:   "strh",
	LDRSB:  "ldrsb",
	LDRSH:  "ldrsh",
	LDRSW:  "ldrsw",
	LDUR:   "ldur",
	STUR:   "stur",
	LDURB:  "ldurb",
	STURB:  "sturb",
	LDURH:  "ldurh",
	STURH:  "sturh",
	LDURSB: "ldursb",
	LDURSH: "ldursh",
	LDURSW: "ldursw",
	LDP:    "ldp",
	STP:    "stp",
	LDPSW:  "ldpsw",
	LDXR:   "ldxr",
	LDXRB:  "ldxrb",
	LDXRH:  "ldxrh",
	STXR:   "stxr",
	STXRB:  "stxrb",
	STXRH:  "stxrh",
	LDAXR:  "ldaxr",
	LDAXRB: "ldaxrb",
	LDAXRH: "ldaxrh",
	STLXR:  "stlxr",
	STLXRB: "stlxrb",
	STLXRH: "stlxrh",
	LDAR:   "ldar",
	LDARB:  "ldarb",
	LDARH:  "ldarh",
	STLR:   "stlr",
	STLRB:  "stlrb",
	STLRH:  "stlrh",
	B:      "b",
	BL:     "bl",
	BCOND:  "b.cond",
	CBZ:    "cbz",
	CBNZ:   "cbnz",
	TBZ:    "tbz",
	TBNZ:   "tbnz",
	BR:     "br",
	BLR:    "blr",
	RET:    "ret",
	ADR:    "adr",
	ADRP:   "adrp",
	FADD:   "fadd",
	FSUB:   "fsub",
	FMUL:   "fmul",
	FDIV:   "fdiv",
	FNMUL:  "fnmul",
	FMAX:   "fmax",
	FMIN:   "fmin",
	FMAXNM: "fmaxnm",
	FMINNM: "fminnm",
	FSQRT:  "fsqrt",
	FNEG:   "fneg",
	FABS:   "fabs",
	FCMP:   "fcmp",
	FCMPE:  "fcmpe",
	FMOV:   "fmov",
	SCVTF:  "scvtf",
	UCVTF:  "ucvtf",
	FCVTZS: "fcvtzs",
	FCVTZU: "fcvtzu",
	FCVT:   "fcvt",
	FCSEL:  "fcsel",
	FMADD:  "fmadd",
	FMSUB:  "fmsub",
	FNMADD: "fnmadd",
	FNMSUB: "fnmsub",
	DMB:    "dmb",
	DSB:    "dsb",
	ISB:    "isb",
	SVC:    "svc",
	BRK:    "brk",
	HLT:    "hlt",
	NOP:    "nop",
	YIELD:  "yield",
	MRS:    "mrs",
	MSR:    "msr",
}
