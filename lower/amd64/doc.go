// Package amd64 is naturekit's x86-64 back end: it takes LIR functions in
// SSA form to machine code for linux/amd64 under the System V AMD64
// calling convention. It has three stages around the register allocator
// (package regalloc), and Compile runs them all:
//
//	Lower     SSA -> machine-legal SSA: every constraint of the machine
//	          and the ABI written as physical-register operands
//	(regalloc.Allocate with Target())
//	Emit      allocated LIR -> amd64 instructions (a Listing)
//	Peephole  local clean-up of the emitted instructions
//
// # Stages
//
// The sequence is package lower's, shared with lower/arm64 (Machine
// describes amd64 to it; Options, Stage and Listing are lower's).
// Compile and Generate take every function, on a clone, through one
// sequence (Backend runs it up to allocation), each step a Stage:
//
//	cfg       cfg.Build (a function in linear form)
//	ssa       ssa.Build (a function in CFG form)
//	pass      each SSA pass of Options.Passes, in order
//	lower     Lower
//	split     cfg.SplitCriticalEdges
//	regalloc  the register allocator
//	emit      Emit
//	peephole  Peephole (Options.Peephole)
//
// Options.Observe is called after each of them with the function (and
// its code, from emit on), which is how naturec dump prints a stage
// without a pipeline of its own; Options.Verify runs lir.Verify after
// every stage up to regalloc and returns the first failure as an error
// naming the function and the stage.
//
// # Registers
//
// Target numbers the general-purpose registers by their hardware number
// ($0 rax, $1 rcx, $2 rdx, $3 rbx, $4 rsp, $5 rbp, $6 rsi, $7 rdi,
// $8..$15 r8..r15) and the SSE registers after them ($16..$31 are
// xmm0..xmm15). rsp and rbp (the frame pointer) are never allocated;
// r11 and xmm15 are the scratch registers the allocator uses to break
// move cycles and emission uses inside one instruction.
//
// # Lowering
//
// Lower expresses the ABI and the instructions' fixed registers in plain
// LIR, so the allocator sees the real live ranges: parameters are copies
// from $7 (rdi), $6, $2, $1, $8, $9 and $16..$23, or loads from the
// pseudo-symbol @nk.inarg.N for stack parameters; call arguments are
// copies into the same registers just before the call, or stores to
// @nk.outarg.N; results come back in $0 or $16; division takes its
// dividend in $0 and leaves the quotient in $0 and the remainder in $2;
// variable shift counts go through $1. Float constants are loaded from
// read-only globals named after their bits (ConstGlobals), 64-bit
// constants beyond imm32 are copied to a register, and a compare feeding
// a branch is placed right before it with no other reader, so that
// emission produces cmp and jcc. See Lower for the details.
//
// # Emission
//
// Emit lays out the frame (rbp-based; callee-saved pushes, stack slots,
// the outgoing argument area, rsp 16-byte aligned at calls; no frame at
// all for a leaf that needs none), shrink-wraps it (the prologue goes
// where the frame is first needed, so that an early return without
// calls, slots or callee-saved registers needs no frame), and
// translates each instruction:
// two-address forms with a move first (through the scratch register when
// the destination is the second operand of a non-commutative op), lea
// for three-address adds, imul with an immediate, setcc and movzx for
// materialised compares, ucomisd with parity checks for float equality,
// cvt* for conversions (with the unsigned cases done by hand), and a
// guard around idiv so that the most negative number divided by -1
// wraps as LIR defines instead of faulting. Integer registers may hold
// garbage above the width of their type: every operation that reads an
// i8, i16 or i32 as a wider number extends it.
//
// A Listing prints as GNU as Intel syntax (what lirc -S shows), and
// asm.Assemble reads that text back to the same bytes that
// Listing.Build gives through an asm.Builder.
//
// Compile is deterministic, keeps no state between calls and changes
// none of its input: functions are cloned before they are compiled.
package amd64
