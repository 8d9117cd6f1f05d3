package sys

// What is particular to linux/amd64 in the runtime's Go code: the
// interrupted registers a signal handler finds in its ucontext argument
// (byte offsets of rip, rsp and rbp in uc_mcontext) and the
// callee-saved registers SpillRegisters stores (sys_amd64.asm).
const (
	UcontextFP = 40 + 10*8 // rbp
	UcontextSP = 40 + 15*8 // rsp
	UcontextPC = 40 + 16*8 // rip

	// ReturnInLR says whether a call leaves its return address in a
	// register (UcontextLR its offset) rather than on the stack: not
	// on amd64, where call pushes it.
	ReturnInLR = false
	UcontextLR = 0

	// DivideTrap is the signal a division by zero raises: SIGFPE (the
	// idiv traps).
	DivideTrap = SIGFPE
)

// Registers receives the callee-saved registers of the System V AMD64
// ABI (rbx, rbp, r12, r13, r14, r15) from SpillRegisters.
type Registers [6]uintptr

// RegistersFP is the index of the frame pointer (rbp) in Registers.
const RegistersFP = 1
