// The collector's marking flag (rt/abi GCMarkingSymbol; rt/gc's
// Config.MarkFlag), for every target: non-zero from a cycle's first
// pause to its second, while compiled code must call rt.lang.WriteBarrier
// for a pointer store (docs/runtime-abi.md, "The write barrier"). The
// accessor, markingFlag, is in safepoint_<arch>.asm.

	.data
	.p2align 3
	.globl nk.gc.marking
nk.gc.marking:
	.quad 0
