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
# possibly live: it saves the caller-saved ones (rax, rcx, rdx, rsi, rdi,
# r8-r11, xmm0-xmm15), calls rt.lang.Safepoint on an aligned stack and
# restores them. The flags need no saving: the poll's compare has just
# clobbered them. The callee-saved registers are the
# Go code's to keep. rbp keeps the frame-pointer chain.
	.globl nk.safepoint.slow
nk.safepoint.slow:
	push rbp
	mov rbp, rsp
	push rax
	push rcx
	push rdx
	push rsi
	push rdi
	push r8
	push r9
	push r10
	push r11
	and rsp, -16
	sub rsp, 256
	movups xmmword ptr [rsp], xmm0
	movups xmmword ptr [rsp+16], xmm1
	movups xmmword ptr [rsp+32], xmm2
	movups xmmword ptr [rsp+48], xmm3
	movups xmmword ptr [rsp+64], xmm4
	movups xmmword ptr [rsp+80], xmm5
	movups xmmword ptr [rsp+96], xmm6
	movups xmmword ptr [rsp+112], xmm7
	movups xmmword ptr [rsp+128], xmm8
	movups xmmword ptr [rsp+144], xmm9
	movups xmmword ptr [rsp+160], xmm10
	movups xmmword ptr [rsp+176], xmm11
	movups xmmword ptr [rsp+192], xmm12
	movups xmmword ptr [rsp+208], xmm13
	movups xmmword ptr [rsp+224], xmm14
	movups xmmword ptr [rsp+240], xmm15
	call rt.lang.Safepoint
	movups xmm0, xmmword ptr [rsp]
	movups xmm1, xmmword ptr [rsp+16]
	movups xmm2, xmmword ptr [rsp+32]
	movups xmm3, xmmword ptr [rsp+48]
	movups xmm4, xmmword ptr [rsp+64]
	movups xmm5, xmmword ptr [rsp+80]
	movups xmm6, xmmword ptr [rsp+96]
	movups xmm7, xmmword ptr [rsp+112]
	movups xmm8, xmmword ptr [rsp+128]
	movups xmm9, xmmword ptr [rsp+144]
	movups xmm10, xmmword ptr [rsp+160]
	movups xmm11, xmmword ptr [rsp+176]
	movups xmm12, xmmword ptr [rsp+192]
	movups xmm13, xmmword ptr [rsp+208]
	movups xmm14, xmmword ptr [rsp+224]
	movups xmm15, xmmword ptr [rsp+240]
	lea rsp, [rbp-72]
	pop r11
	pop r10
	pop r9
	pop r8
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rax
	pop rbp
	ret
