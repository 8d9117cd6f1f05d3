// Package lower is what naturekit's back ends share: the per-function
// pipeline (cfg → ssa → SSA passes → the target's lowering → critical
// edge splitting → register allocation → the target's emission →
// peephole), with its Options, Stages and observer; the Listing of
// emitted code (instructions of any asm.Arch, labels, data) and the
// module's data and float constants; the position table; the frame's
// shrink-wrapping; the lowering of calls, parameters and returns to a
// calling convention described as data (ABI); and the peephole pass
// with its target-neutral rules. The targets are its subpackages:
// lower/amd64 (System V AMD64) and lower/arm64 (AAPCS64). A target is a
// Machine: its register description for package regalloc, its Lower,
// Emit and Peephole.
package lower
