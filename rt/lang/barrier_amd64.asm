# The runtime's side of compiled code's barriered stores (lower/amd64,
# Options.Barriers; docs/runtime-abi.md, "The write barrier"), and the
# routine that calls Go code from a point where every register may be
# live, which it shares with the safepoint's slow path
# (safepoint_amd64.asm). Calling convention of the Go functions:
# rt/gofront's (System V).

	.intel_syntax noprefix

	.text

# nk.gc.barrier.slow: called by a barriered store while the collector's
# marking flag is set, with the slot's address and the value pushed in
# that order ([rsp+16] and [rsp+8] at the call), the stack aligned or
# not, every register possibly live (the flags excepted: the store's
# test has just clobbered them). It calls rt.lang.WriteBarrier(slot,
# val), which stores, with every register preserved, and pops its two
# arguments.
	.globl nk.gc.barrier.slow
nk.gc.barrier.slow:
	push rbp
	mov rbp, rsp
	push rax
	push rdi
	push rsi
	mov rdi, [rbp+24]
	mov rsi, [rbp+16]
	lea rax, [rip+rt.lang.WriteBarrier]
	call nk.preserving.call
	pop rsi
	pop rdi
	pop rax
	pop rbp
	ret 16

# nk.preserving.call: calls the function at rax, its arguments in rdi
# and rsi, on a 16-byte aligned stack, and restores every caller-saved
# register but rax and the flags (rcx, rdx, rsi, rdi, r8-r11,
# xmm0-xmm15) when it returns; the callee-saved ones are the Go code's
# to keep. rbp keeps the frame-pointer chain.
	.globl nk.preserving.call
nk.preserving.call:
	push rbp
	mov rbp, rsp
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
	call rax
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
	lea rsp, [rbp-64]
	pop r11
	pop r10
	pop r9
	pop r8
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbp
	ret
