// The runtime's side of compiled code's safepoints (lower/arm64,
// Options.Safepoints): the routine a set flag calls, and the address of
// the flag every safepoint polls (safepoint.asm). See rt/sched's
// stw.go. Calling convention of the Go functions: rt/gofront's
// (AAPCS64).

	.text

// safepointFlag() *uint32: the flag's address.
	.globl rt.lang.safepointFlag
rt.lang.safepointFlag:
	adrp x0, nk.safepoint.flag
	add x0, x0, :lo12:nk.safepoint.flag
	ret

// markingFlag() *uint32: the address of the collector's marking flag
// (marking.asm).
	.globl rt.lang.markingFlag
rt.lang.markingFlag:
	adrp x0, nk.gc.marking
	add x0, x0, :lo12:nk.gc.marking
	ret

// nk.safepoint.slow: called with bl by a safepoint whose flag is set
// (the poll is in a block with a frame, so x30 is free), with every
// other register possibly live: it saves the caller-saved ones (x0-x17,
// the low 64 bits of v0-v7 and v16-v30, which is all compiled code
// uses of them, and the flags), calls rt.lang.Safepoint and restores
// them. The callee-saved registers are the Go code's to keep; x29 keeps
// the frame-pointer chain.
	.globl nk.safepoint.slow
nk.safepoint.slow:
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
	stp x16, x17, [sp, #128]
	mrs x0, nzcv
	str x0, [sp, #144]
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
	bl rt.lang.Safepoint
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
	ldr x0, [sp, #144]
	msr nzcv, x0
	ldp x0, x1, [sp]
	ldp x2, x3, [sp, #16]
	ldp x4, x5, [sp, #32]
	ldp x6, x7, [sp, #48]
	ldp x8, x9, [sp, #64]
	ldp x10, x11, [sp, #80]
	ldp x12, x13, [sp, #96]
	ldp x14, x15, [sp, #112]
	ldp x16, x17, [sp, #128]
	mov sp, x29
	ldp x29, x30, [sp], #16
	ret
