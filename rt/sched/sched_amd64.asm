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
.Lresume:	# newThread's child starts here too
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

# newThread(sp uintptr) int: clone(CLONE_VM|CLONE_FS|CLONE_FILES|
# CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, sp). The parent gets the new
# thread's id (or -errno); the child starts with rsp = sp, a context as
# newContext makes it, which it resumes as swtch does (.Lresume): pop the
# callee-saved registers and return into gostart.
	.globl rt.sched.newThread
rt.sched.newThread:
	mov rsi, rdi
	mov edi, 0x50f00
	xor edx, edx
	xor r10d, r10d
	xor r8d, r8d
	mov eax, 56
	syscall
	test rax, rax
	jz .Lresume
	ret

# getaffinity(buf *[16]uint64) int: sched_getaffinity(0, 128, buf).
	.globl rt.sched.getaffinity
rt.sched.getaffinity:
	mov rdx, rdi
	xor edi, edi
	mov esi, 128
	mov eax, 204
	syscall
	ret
