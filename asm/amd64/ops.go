package amd64

// Op values, one per canonical mnemonic. Condition-code families (jcc,
// setcc, cmovcc) have one Op per condition; aliases such as jz or setnae
// parse to the canonical Op (je, setb).
const (
	BAD Op = iota // the zero Op: no instruction
	ADD
	OR
	ADC
	SBB
	AND
	SUB
	XOR
	CMP
	MOV
	MOVABS
	MOVZX
	MOVSX
	MOVSXD
	LEA
	INC
	DEC
	NEG
	NOT
	MUL
	IMUL
	DIV
	IDIV
	CBW
	CWDE
	CDQE
	CWD
	CDQ
	CQO
	ROL
	ROR
	RCL
	RCR
	SHL
	SHR
	SAR
	TEST
	JMP
	CALL
	RET
	PUSH
	POP
	LEAVE
	MOVSD
	MOVSS
	ADDSD
	ADDSS
	SUBSD
	SUBSS
	MULSD
	MULSS
	DIVSD
	DIVSS
	SQRTSD
	SQRTSS
	MINSD
	MINSS
	MAXSD
	MAXSS
	UCOMISD
	UCOMISS
	COMISD
	COMISS
	CVTSI2SD
	CVTSI2SS
	CVTTSD2SI
	CVTTSS2SI
	CVTSD2SI
	CVTSS2SI
	CVTSD2SS
	CVTSS2SD
	MOVQ
	MOVD
	XORPS
	XORPD
	ANDPS
	ANDPD
	ANDNPS
	ANDNPD
	ORPS
	ORPD
	MOVAPS
	MOVUPS
	MOVAPD
	MOVUPD
	PXOR
	XADD
	CMPXCHG
	XCHG
	MFENCE
	LFENCE
	SFENCE
	PAUSE
	SYSCALL
	UD2
	INT3
	INT
	NOP
	HLT
	ENDBR64
	CLD
	STD
	CLC
	STC
	CMC
	MOVSB
	MOVSW
	MOVSQ
	STOSB
	STOSW
	STOSD
	STOSQ
	LODSB
	LODSQ
	CMPSB
	SCASB
	BT
	BTS
	BTR
	BTC
	BSWAP
	TZCNT
	LZCNT
	POPCNT
	BSF
	BSR
	RDTSC
	CPUID
	MOVDQA
	MOVDQU
	ROUNDSD
	ROUNDSS
	PCMPEQB
	PCMPEQD
	PMOVMSKB
	MOVMSKPD
	MOVMSKPS
	PREFETCHT0
	PREFETCHT1
	PREFETCHT2
	PREFETCHNTA
	CMPXCHG16B
	JO
	JNO
	JB
	JAE
	JE
	JNE
	JBE
	JA
	JS
	JNS
	JP
	JNP
	JL
	JGE
	JLE
	JG
	SETO
	SETNO
	SETB
	SETAE
	SETE
	SETNE
	SETBE
	SETA
	SETS
	SETNS
	SETP
	SETNP
	SETL
	SETGE
	SETLE
	SETG
	CMOVO
	CMOVNO
	CMOVB
	CMOVAE
	CMOVE
	CMOVNE
	CMOVBE
	CMOVA
	CMOVS
	CMOVNS
	CMOVP
	CMOVNP
	CMOVL
	CMOVGE
	CMOVLE
	CMOVG
	numOps
)

var opNames = [numOps]string{
	ADD:         "add",
	OR:          "or",
	ADC:         "adc",
	SBB:         "sbb",
	AND:         "and",
	SUB:         "sub",
	XOR:         "xor",
	CMP:         "cmp",
	MOV:         "mov",
	MOVABS:      "movabs",
	MOVZX:       "movzx",
	MOVSX:       "movsx",
	MOVSXD:      "movsxd",
	LEA:         "lea",
	INC:         "inc",
	DEC:         "dec",
	NEG:         "neg",
	NOT:         "not",
	MUL:         "mul",
	IMUL:        "imul",
	DIV:         "div",
	IDIV:        "idiv",
	CBW:         "cbw",
	CWDE:        "cwde",
	CDQE:        "cdqe",
	CWD:         "cwd",
	CDQ:         "cdq",
	CQO:         "cqo",
	ROL:         "rol",
	ROR:         "ror",
	RCL:         "rcl",
	RCR:         "rcr",
	SHL:         "shl",
	SHR:         "shr",
	SAR:         "sar",
	TEST:        "test",
	JMP:         "jmp",
	CALL:        "call",
	RET:         "ret",
	PUSH:        "push",
	POP:         "pop",
	LEAVE:       "leave",
	MOVSD:       "movsd",
	MOVSS:       "movss",
	ADDSD:       "addsd",
	ADDSS:       "addss",
	SUBSD:       "subsd",
	SUBSS:       "subss",
	MULSD:       "mulsd",
	MULSS:       "mulss",
	DIVSD:       "divsd",
	DIVSS:       "divss",
	SQRTSD:      "sqrtsd",
	SQRTSS:      "sqrtss",
	MINSD:       "minsd",
	MINSS:       "minss",
	MAXSD:       "maxsd",
	MAXSS:       "maxss",
	UCOMISD:     "ucomisd",
	UCOMISS:     "ucomiss",
	COMISD:      "comisd",
	COMISS:      "comiss",
	CVTSI2SD:    "cvtsi2sd",
	CVTSI2SS:    "cvtsi2ss",
	CVTTSD2SI:   "cvttsd2si",
	CVTTSS2SI:   "cvttss2si",
	CVTSD2SI:    "cvtsd2si",
	CVTSS2SI:    "cvtss2si",
	CVTSD2SS:    "cvtsd2ss",
	CVTSS2SD:    "cvtss2sd",
	MOVQ:        "movq",
	MOVD:        "movd",
	XORPS:       "xorps",
	XORPD:       "xorpd",
	ANDPS:       "andps",
	ANDPD:       "andpd",
	ANDNPS:      "andnps",
	ANDNPD:      "andnpd",
	ORPS:        "orps",
	ORPD:        "orpd",
	MOVAPS:      "movaps",
	MOVUPS:      "movups",
	MOVAPD:      "movapd",
	MOVUPD:      "movupd",
	PXOR:        "pxor",
	XADD:        "xadd",
	CMPXCHG:     "cmpxchg",
	XCHG:        "xchg",
	MFENCE:      "mfence",
	LFENCE:      "lfence",
	SFENCE:      "sfence",
	PAUSE:       "pause",
	SYSCALL:     "syscall",
	UD2:         "ud2",
	INT3:        "int3",
	INT:         "int",
	NOP:         "nop",
	HLT:         "hlt",
	ENDBR64:     "endbr64",
	CLD:         "cld",
	STD:         "std",
	CLC:         "clc",
	STC:         "stc",
	CMC:         "cmc",
	MOVSB:       "movsb",
	MOVSW:       "movsw",
	MOVSQ:       "movsq",
	STOSB:       "stosb",
	STOSW:       "stosw",
	STOSD:       "stosd",
	STOSQ:       "stosq",
	LODSB:       "lodsb",
	LODSQ:       "lodsq",
	CMPSB:       "cmpsb",
	SCASB:       "scasb",
	BT:          "bt",
	BTS:         "bts",
	BTR:         "btr",
	BTC:         "btc",
	BSWAP:       "bswap",
	TZCNT:       "tzcnt",
	LZCNT:       "lzcnt",
	POPCNT:      "popcnt",
	BSF:         "bsf",
	BSR:         "bsr",
	RDTSC:       "rdtsc",
	CPUID:       "cpuid",
	MOVDQA:      "movdqa",
	MOVDQU:      "movdqu",
	ROUNDSD:     "roundsd",
	ROUNDSS:     "roundss",
	PCMPEQB:     "pcmpeqb",
	PCMPEQD:     "pcmpeqd",
	PMOVMSKB:    "pmovmskb",
	MOVMSKPD:    "movmskpd",
	MOVMSKPS:    "movmskps",
	PREFETCHT0:  "prefetcht0",
	PREFETCHT1:  "prefetcht1",
	PREFETCHT2:  "prefetcht2",
	PREFETCHNTA: "prefetchnta",
	CMPXCHG16B:  "cmpxchg16b",
	JO:          "jo",
	JNO:         "jno",
	JB:          "jb",
	JAE:         "jae",
	JE:          "je",
	JNE:         "jne",
	JBE:         "jbe",
	JA:          "ja",
	JS:          "js",
	JNS:         "jns",
	JP:          "jp",
	JNP:         "jnp",
	JL:          "jl",
	JGE:         "jge",
	JLE:         "jle",
	JG:          "jg",
	SETO:        "seto",
	SETNO:       "setno",
	SETB:        "setb",
	SETAE:       "setae",
	SETE:        "sete",
	SETNE:       "setne",
	SETBE:       "setbe",
	SETA:        "seta",
	SETS:        "sets",
	SETNS:       "setns",
	SETP:        "setp",
	SETNP:       "setnp",
	SETL:        "setl",
	SETGE:       "setge",
	SETLE:       "setle",
	SETG:        "setg",
	CMOVO:       "cmovo",
	CMOVNO:      "cmovno",
	CMOVB:       "cmovb",
	CMOVAE:      "cmovae",
	CMOVE:       "cmove",
	CMOVNE:      "cmovne",
	CMOVBE:      "cmovbe",
	CMOVA:       "cmova",
	CMOVS:       "cmovs",
	CMOVNS:      "cmovns",
	CMOVP:       "cmovp",
	CMOVNP:      "cmovnp",
	CMOVL:       "cmovl",
	CMOVGE:      "cmovge",
	CMOVLE:      "cmovle",
	CMOVG:       "cmovg",
}

// condNames are the canonical condition suffixes in hardware order.
var condNames = [16]string{"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"}
