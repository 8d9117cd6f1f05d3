// Package arm64 is naturekit's AArch64 back end: it takes LIR functions
// in SSA form to machine code for linux/arm64 under AAPCS64, through
// the pipeline of package lower (Machine describes arm64 to it):
//
//	Lower     SSA -> machine-legal SSA: the calling convention as
//	          physical-register operands (lower.Lower with AAPCS64's
//	          registers), float constants loaded from memory
//	(regalloc.Allocate with Target())
//	Emit      allocated LIR -> asm/arm64 instructions (a lower.Listing)
//	Peephole  local clean-up of the emitted instructions
//
// Registers are numbered $0..$30 for x0..x30, $31 for sp and $32..$63
// for v0..v31. The frame has the AAPCS64 frame record (x29, x30) at its
// top, callee-saved registers below it, then slots and the outgoing
// argument area; it is shrink-wrapped as on amd64. Integer constants
// are encoded as immediates where the instruction takes them and
// materialised with movz/movn/movk (or orr) in x16 and x17 otherwise;
// division by zero reaches brk #0x3e8, since AArch64 does not trap on
// it. docs/backend-arm64.md records the decisions and measurements.
//
// A Listing prints as GNU as syntax that both asm.Assemble and GNU
// aarch64-linux-gnu-as read to the same bytes.
package arm64
