package amd64

// A Reg is a machine register: a general-purpose register of some width,
// an SSE register, or RIP (only as the base of a memory operand). The zero
// value, NoReg, means "no register".
type Reg uint8

// Registers. The numbering within each class follows the hardware
// encoding (AL..R15B, AX..R15W, EAX..R15D, RAX..R15, XMM0..XMM15), so
// r.Num() is the 4-bit register number used in ModRM, SIB and REX.
const (
	NoReg Reg = iota

	// 8-bit registers. SPL, BPL, SIL and DIL need a REX prefix; AH, CH,
	// DH and BH cannot be used together with one.
	AL
	CL
	DL
	BL
	SPL
	BPL
	SIL
	DIL
	R8B
	R9B
	R10B
	R11B
	R12B
	R13B
	R14B
	R15B
	AH
	CH
	DH
	BH

	// 16-bit registers.
	AX
	CX
	DX
	BX
	SP
	BP
	SI
	DI
	R8W
	R9W
	R10W
	R11W
	R12W
	R13W
	R14W
	R15W

	// 32-bit registers.
	EAX
	ECX
	EDX
	EBX
	ESP
	EBP
	ESI
	EDI
	R8D
	R9D
	R10D
	R11D
	R12D
	R13D
	R14D
	R15D

	// 64-bit registers.
	RAX
	RCX
	RDX
	RBX
	RSP
	RBP
	RSI
	RDI
	R8
	R9
	R10
	R11
	R12
	R13
	R14
	R15

	// SSE registers.
	X0
	X1
	X2
	X3
	X4
	X5
	X6
	X7
	X8
	X9
	X10
	X11
	X12
	X13
	X14
	X15

	// RIP, the instruction pointer, as the base of a RIP-relative memory
	// operand.
	RIP

	// Segment registers, as memory operand overrides (fs:[...], gs:[...]).
	FS
	GS

	numRegs
)

// regNames holds the Intel-syntax name of every register.
var regNames = [numRegs]string{
	AL: "al", CL: "cl", DL: "dl", BL: "bl", SPL: "spl", BPL: "bpl", SIL: "sil", DIL: "dil",
	R8B: "r8b", R9B: "r9b", R10B: "r10b", R11B: "r11b", R12B: "r12b", R13B: "r13b", R14B: "r14b", R15B: "r15b",
	AH: "ah", CH: "ch", DH: "dh", BH: "bh",
	AX: "ax", CX: "cx", DX: "dx", BX: "bx", SP: "sp", BP: "bp", SI: "si", DI: "di",
	R8W: "r8w", R9W: "r9w", R10W: "r10w", R11W: "r11w", R12W: "r12w", R13W: "r13w", R14W: "r14w", R15W: "r15w",
	EAX: "eax", ECX: "ecx", EDX: "edx", EBX: "ebx", ESP: "esp", EBP: "ebp", ESI: "esi", EDI: "edi",
	R8D: "r8d", R9D: "r9d", R10D: "r10d", R11D: "r11d", R12D: "r12d", R13D: "r13d", R14D: "r14d", R15D: "r15d",
	RAX: "rax", RCX: "rcx", RDX: "rdx", RBX: "rbx", RSP: "rsp", RBP: "rbp", RSI: "rsi", RDI: "rdi",
	R8: "r8", R9: "r9", R10: "r10", R11: "r11", R12: "r12", R13: "r13", R14: "r14", R15: "r15",
	X0: "xmm0", X1: "xmm1", X2: "xmm2", X3: "xmm3", X4: "xmm4", X5: "xmm5", X6: "xmm6", X7: "xmm7",
	X8: "xmm8", X9: "xmm9", X10: "xmm10", X11: "xmm11", X12: "xmm12", X13: "xmm13", X14: "xmm14", X15: "xmm15",
	RIP: "rip", FS: "fs", GS: "gs",
}

// String returns the register's Intel-syntax name.
func (r Reg) String() string {
	if r < numRegs && regNames[r] != "" {
		return regNames[r]
	}
	return "reg?"
}

// Size returns the width of a general-purpose register in bytes (1, 2, 4
// or 8), 16 for an SSE register and 0 otherwise.
func (r Reg) Size() int {
	if r < numRegs {
		return int(regInfos[r].size)
	}
	return 0
}

// IsGPR reports whether r is a general-purpose register of any width.
func (r Reg) IsGPR() bool { return AL <= r && r <= R15 }

// IsXMM reports whether r is an SSE register.
func (r Reg) IsXMM() bool { return X0 <= r && r <= X15 }

// IsHigh8 reports whether r is one of AH, CH, DH, BH.
func (r Reg) IsHigh8() bool { return AH <= r && r <= BH }

// Num returns the 4-bit hardware number of r (0-15). AH..BH are 4-7.
func (r Reg) Num() int {
	if r < numRegs {
		return int(regInfos[r].num)
	}
	return 0
}

// regInfos holds the Size and Num of every register: the encoder asks
// for them often enough that a table beats the range tests.
var regInfos = func() (t [numRegs]struct{ size, num uint8 }) {
	for r := range Reg(numRegs) {
		var size, num Reg
		switch {
		case AL <= r && r <= R15B:
			size, num = 1, r-AL
		case AH <= r && r <= BH:
			size, num = 1, r-AH+4
		case AX <= r && r <= R15W:
			size, num = 2, r-AX
		case EAX <= r && r <= R15D:
			size, num = 4, r-EAX
		case RAX <= r && r <= R15:
			size, num = 8, r-RAX
		case X0 <= r && r <= X15:
			size, num = 16, r-X0
		}
		t[r].size, t[r].num = uint8(size), uint8(num)
	}
	return t
}()

// needsREX reports whether r can only be encoded with a REX prefix.
func (r Reg) needsREX() bool {
	return r.Num() >= 8 || SPL <= r && r <= DIL
}
