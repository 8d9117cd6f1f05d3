package sys

// What is particular to linux/arm64 in the runtime's Go code: the
// interrupted registers a signal handler finds in its ucontext argument
// (byte offsets in uc_mcontext, a struct sigcontext 16-aligned at 176:
// fault_address, regs[31], sp, pc) and the callee-saved registers
// SpillRegisters stores (sys_arm64.asm).
const (
	UcontextFP = 184 + 29*8 // x29
	UcontextSP = 184 + 31*8 // sp
	UcontextPC = 184 + 32*8 // pc

	// ReturnInLR says whether a call leaves its return address in a
	// register, UcontextLR its offset: bl writes x30.
	ReturnInLR = true
	UcontextLR = 184 + 30*8 // x30

	// DivideTrap is the signal a division by zero raises: SIGTRAP, from
	// the brk #0x3e8 lower/arm64 emits after a zero test (sdiv does not
	// trap).
	DivideTrap = SIGTRAP
)

// Registers receives the callee-saved registers of AAPCS64 (x19-x28)
// and the frame pointer x29 from SpillRegisters.
type Registers [11]uintptr

// RegistersFP is the index of the frame pointer (x29) in Registers.
const RegistersFP = 10
