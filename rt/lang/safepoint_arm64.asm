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
// other register possibly live: it calls rt.lang.Safepoint through
// nk.preserving.call (barrier_arm64.asm), which saves and restores the
// caller-saved registers but x16 and x30 (the flags included), and
// saves x16 itself. The callee-saved registers are the Go code's to
// keep; x29 keeps the frame-pointer chain.
	.globl nk.safepoint.slow
nk.safepoint.slow:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	str x16, [sp, #16]
	adrp x16, rt.lang.Safepoint
	add x16, x16, :lo12:rt.lang.Safepoint
	bl nk.preserving.call
	ldr x16, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
