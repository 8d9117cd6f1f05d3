# The runtime's side of compiled code's safepoints (lower/amd64,
# Options.Safepoints): the routine a set flag calls, and the address of
# the flag every safepoint polls (safepoint.asm). See rt/sched's
# stw.go. Calling convention of the Go functions: rt/gofront's (System
# V).

	.intel_syntax noprefix

	.text

# safepointFlag() *uint32: the flag's address.
	.globl rt.lang.safepointFlag
rt.lang.safepointFlag:
	lea rax, [rip+nk.safepoint.flag]
	ret

# markingFlag() *uint32: the address of the collector's marking flag
# (marking.asm).
	.globl rt.lang.markingFlag
rt.lang.markingFlag:
	lea rax, [rip+nk.gc.marking]
	ret

# nk.safepoint.slow: called by a safepoint whose flag is set, with the
# stack aligned or not (function entries too) and every register
# possibly live: it calls rt.lang.Safepoint through nk.preserving.call
# (barrier_amd64.asm), which saves and restores the caller-saved
# registers but rax, and saves rax itself. The flags need no saving: the
# poll's compare has just clobbered them. The callee-saved registers are
# the Go code's to keep. rbp keeps the frame-pointer chain.
	.globl nk.safepoint.slow
nk.safepoint.slow:
	push rbp
	mov rbp, rsp
	push rax
	lea rax, [rip+rt.lang.Safepoint]
	call nk.preserving.call
	pop rax
	pop rbp
	ret
