# The native context switch of rt/sched for linux/amd64, in naturekit's
# assembler syntax (GNU as, Intel syntax). Calling convention: rt/gofront's
# (scalar parameters in System V registers, a scalar result in rax).

	.intel_syntax noprefix
	.text

# swtch(save *uintptr, to uintptr): push the callee-saved registers, store
# rsp in *save, load rsp from to and pop the registers saved there. The
# ret returns into whoever suspended that context (or into gostart).
	.globl rt.sched.swtch
rt.sched.swtch:
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov qword ptr [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret

# gostart: where a new context begins (ctx_native.go newContext), with
# its G in rbx and rsp 16-aligned. coEntry does not return.
	.globl rt.sched.gostart
rt.sched.gostart:
	mov rdi, rbx
	xor ebp, ebp
	call rt.sched.coEntry
	hlt

# gostartPC() uintptr
	.globl rt.sched.gostartPC
rt.sched.gostartPC:
	lea rax, [rip+rt.sched.gostart]
	ret

# callEntry(fn, arg, fut uintptr) uint64: fn(arg, fut), a tail call.
	.globl rt.sched.callEntry
rt.sched.callEntry:
	mov rax, rdi
	mov rdi, rsi
	mov rsi, rdx
	jmp rax
