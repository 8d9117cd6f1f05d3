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
	.globl nk.preserving.call
nk.preserving.call:
	stp x29, x30, [sp, #-16]!
	mov x29, sp
	sub sp, sp, #352
	stp x0, x1, [sp]
	stp x2, x3, [sp, #16]
	stp x4, x5, [sp, #32]
	stp x6, x7, [sp, #48]
	stp x8, x9, [sp, #64]
	stp x10, x11, [sp, #80]
	stp x12, x13, [sp, #96]
	stp x14, x15, [sp, #112]
	str x17, [sp, #136]
	mrs x17, nzcv
	str x17, [sp, #144]
	stp d0, d1, [sp, #160]
	stp d2, d3, [sp, #176]
	stp d4, d5, [sp, #192]
	stp d6, d7, [sp, #208]
	stp d16, d17, [sp, #224]
	stp d18, d19, [sp, #240]
	stp d20, d21, [sp, #256]
	stp d22, d23, [sp, #272]
	stp d24, d25, [sp, #288]
	stp d26, d27, [sp, #304]
	stp d28, d29, [sp, #320]
	str d30, [sp, #336]
	blr x16
	ldp d0, d1, [sp, #160]
	ldp d2, d3, [sp, #176]
	ldp d4, d5, [sp, #192]
	ldp d6, d7, [sp, #208]
	ldp d16, d17, [sp, #224]
	ldp d18, d19, [sp, #240]
	ldp d20, d21, [sp, #256]
	ldp d22, d23, [sp, #272]
	ldp d24, d25, [sp, #288]
	ldp d26, d27, [sp, #304]
	ldp d28, d29, [sp, #320]
	ldr d30, [sp, #336]
	ldr x17, [sp, #144]
	msr nzcv, x17
	ldp x0, x1, [sp]
	ldp x2, x3, [sp, #16]
	ldp x4, x5, [sp, #32]
	ldp x6, x7, [sp, #48]
	ldp x8, x9, [sp, #64]
	ldp x10, x11, [sp, #80]
	ldp x12, x13, [sp, #96]
	ldp x14, x15, [sp, #112]
	ldr x17, [sp, #136]
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
