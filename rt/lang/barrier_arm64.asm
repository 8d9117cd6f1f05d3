// The runtime's side of compiled code's barriered stores (lower/arm64,
// Options.Barriers; docs/runtime-abi.md, "The write barrier"), and the
// routine that calls Go code from a point where every register may be
// live, which it shares with the safepoint's slow path
// (safepoint_arm64.asm). Calling convention of the Go functions:
// rt/gofront's (AAPCS64).

	.text

// nk.gc.barrier.slow: called with bl by a barriered store while the
// collector's marking flag is set, with its caller's x30, the slot's
// address and the value stored at [sp], [sp, #8] and [sp, #16] (the
// caller restores x30 and pops the 32 bytes), every other register
// possibly live. It calls rt.lang.WriteBarrier(slot, val), which
// stores, with every register preserved but x16 and x17, the
// scratch registers the caller has just used.
	.globl nk.gc.barrier.slow
nk.gc.barrier.slow:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x0, x1, [sp, #16]
	ldp x0, x1, [x29, #40]
	adrp x16, rt.lang.WriteBarrier
	add x16, x16, :lo12:rt.lang.WriteBarrier
	bl nk.preserving.call
	ldp x0, x1, [sp, #16]
	ldp x29, x30, [sp], #32
	ret

// nk.preserving.call: calls the function at x16, its arguments in x0
// and x1, and restores every caller-saved register but x16 and x30
// (x0-x15, x17, the flags, the low 64 bits of v0-v7 and v16-v30, which
// is all compiled code uses of them) when it returns; the callee-saved
// ones are the Go code's to keep. x29 keeps the frame-pointer chain.
// callerSaved stores (stp, str) or loads (ldp, ldr) those registers at
// their places in the 352-byte frame, one macro for both so that the
// loads mirror the stores; the flags go through x17, at [sp, #144].
	.macro callerSaved pair, one
	\pair x0, x1, [sp]
	\pair x2, x3, [sp, #16]
	\pair x4, x5, [sp, #32]
	\pair x6, x7, [sp, #48]
	\pair x8, x9, [sp, #64]
	\pair x10, x11, [sp, #80]
	\pair x12, x13, [sp, #96]
	\pair x14, x15, [sp, #112]
	\one x17, [sp, #136]
	\pair d0, d1, [sp, #160]
	\pair d2, d3, [sp, #176]
	\pair d4, d5, [sp, #192]
	\pair d6, d7, [sp, #208]
	\pair d16, d17, [sp, #224]
	\pair d18, d19, [sp, #240]
	\pair d20, d21, [sp, #256]
	\pair d22, d23, [sp, #272]
	\pair d24, d25, [sp, #288]
	\pair d26, d27, [sp, #304]
	\pair d28, d29, [sp, #320]
	\one d30, [sp, #336]
	.endm
	.globl nk.preserving.call
nk.preserving.call:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	sub sp, sp, #352
	callerSaved stp, str
	mrs x17, nzcv
	str x17, [sp, #144]
	blr x16
	ldr x17, [sp, #144]
	msr nzcv, x17
	callerSaved ldp, ldr
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
