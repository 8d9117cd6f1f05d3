# The native rt/sys for linux/amd64, in naturekit's assembler syntax
# (GNU as, Intel syntax). Every function follows the calling convention
# of rt/gofront (see its package doc): scalar parameters in System V
# registers, a scalar result in rax, and for functions with two results
# a hidden first parameter (rdi) pointing at the result block, which the
# stub fills: the first result at [rdi], the second at [rdi+8]. A string
# parameter is two registers, pointer then length.
#
# System calls return -errno in rax on failure; the stubs turn that into
# the positive Errno the Go declarations promise.

	.intel_syntax noprefix
	.text

# Mmap(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.Mmap
rt.sys.Mmap:
	mov edx, 3                      # PROT_READ|PROT_WRITE
	mov r10d, 0x22                  # MAP_PRIVATE|MAP_ANONYMOUS
	jmp .Lmmap

# MmapPopulate(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.MmapPopulate
rt.sys.MmapPopulate:
	mov edx, 3                      # PROT_READ|PROT_WRITE
	mov r10d, 0x8022                # MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE
	jmp .Lmmap

# Reserve(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.Reserve
rt.sys.Reserve:
	xor edx, edx                    # PROT_NONE
	mov r10d, 0x4022                # MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE
.Lmmap:
	mov r11, rdi                    # the result block (syscall clobbers r11: keep it on the stack)
	push r11
	xor edi, edi
	mov r8, -1
	xor r9d, r9d
	mov eax, 9                      # mmap(0, size, prot, flags, -1, 0)
	syscall
	pop rdi
	xor ecx, ecx                    # the pointer on failure: nil
	jmp .Lresult2

# .Lresult2 stores rax, a raw system call result, in the result block at
# rdi as the pair (result, 0), or (rcx, errno) on failure.
.Lresult2:
	cmp rax, -4095
	jae .Lfailed2
	mov qword ptr [rdi], rax
	mov qword ptr [rdi+8], 0
	ret
.Lfailed2:
	neg rax
	mov qword ptr [rdi], rcx
	mov qword ptr [rdi+8], rax
	ret

# errno turns a raw system call result in rax into an Errno.
.Lerrno:
	neg rax
	mov ecx, 0
	cmovs rax, rcx
	ret

# Commit(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Commit
rt.sys.Commit:
	mov edx, 3                      # mprotect(p, size, PROT_READ|PROT_WRITE)
	mov eax, 10
	syscall
	jmp .Lerrno

# Munmap(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Munmap
rt.sys.Munmap:
	mov eax, 11
	syscall
	jmp .Lerrno

# MadviseDontneed(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.MadviseDontneed
rt.sys.MadviseDontneed:
	mov edx, 4                      # MADV_DONTNEED
	mov eax, 28
	syscall
	jmp .Lerrno

# Write(fd int, p unsafe.Pointer, n uintptr) (int, Errno)
	.globl rt.sys.Write
rt.sys.Write:
	push rdi
	mov rdi, rsi
	mov rsi, rdx
	mov rdx, rcx
	xor eax, eax
	test rdx, rdx
	jz .Lwrote
	mov eax, 1
	syscall
.Lwrote:
	pop rdi
	mov rcx, -1                     # the count on failure
	jmp .Lresult2

# Exit(code int)
	.globl rt.sys.Exit
rt.sys.Exit:
	mov eax, 231                    # exit_group(code)
	syscall
	hlt

# Nanotime() int64
	.globl rt.sys.Nanotime
rt.sys.Nanotime:
	sub rsp, 24
	mov edi, 1                      # clock_gettime(CLOCK_MONOTONIC, rsp)
	mov rsi, rsp
	mov eax, 228
	syscall
	mov rax, qword ptr [rsp]
	imul rax, rax, 1000000000
	add rax, qword ptr [rsp+8]
	add rsp, 24
	ret

# .Ltimespec stores rax nanoseconds at rsi as a struct timespec (seconds,
# then nanoseconds); it clobbers rax, rcx and rdx.
.Ltimespec:
	cqo
	mov rcx, 1000000000
	idiv rcx
	mov qword ptr [rsi], rax
	mov qword ptr [rsi+8], rdx
	ret

# Nanosleep(ns int64)
	.globl rt.sys.Nanosleep
rt.sys.Nanosleep:
	sub rsp, 24
	mov rax, rdi
	mov rsi, rsp
	call .Ltimespec
.Lsleep:
	mov rdi, rsp                    # nanosleep(&ts, &ts)
	mov rsi, rsp
	mov eax, 35
	syscall
	cmp rax, -4                     # EINTR: sleep the remainder
	je .Lsleep
	add rsp, 24
	ret

# FutexWait(addr *uint32, val uint32, ns int64) Errno
	.globl rt.sys.FutexWait
rt.sys.FutexWait:
	sub rsp, 24
	mov r8, rdx                     # ns
	mov edx, esi                    # val
	xor r10d, r10d                  # no timeout
	test r8, r8
	js .Lwait
	mov r9, rdx
	mov rax, r8
	mov rsi, rsp
	call .Ltimespec
	mov rdx, r9
	mov r10, rsp
.Lwait:
	mov esi, 128                    # FUTEX_WAIT|FUTEX_PRIVATE_FLAG
	xor r8d, r8d
	xor r9d, r9d
	mov eax, 202                    # futex(addr, op, val, ts, 0, 0)
	syscall
	add rsp, 24
	jmp .Lerrno

# FutexWake(addr *uint32, n uint32) int
	.globl rt.sys.FutexWake
rt.sys.FutexWake:
	mov edx, esi
	mov esi, 129                    # FUTEX_WAKE|FUTEX_PRIVATE_FLAG
	xor r10d, r10d
	mov eax, 202
	syscall
	ret

# Memmove(dst, src unsafe.Pointer, n uintptr)
	.globl rt.sys.Memmove
rt.sys.Memmove:
	mov rcx, rdx
	cmp rdi, rsi
	jbe .Lforward
	lea rax, [rsi+rdx]
	cmp rdi, rax
	jae .Lforward
	lea rsi, [rsi+rdx-1]            # dst overlaps the end of src: copy down
	lea rdi, [rdi+rdx-1]
	std
	rep movsb
	cld
	ret
.Lforward:
	rep movsb
	ret

# Memclr(p unsafe.Pointer, n uintptr)
	.globl rt.sys.Memclr
rt.sys.Memclr:
	mov rcx, rsi
	xor eax, eax
	rep stosb
	ret

# Atomics. xchg with memory and lock-prefixed instructions are full
# barriers on amd64, and plain loads are sequentially consistent with
# them, so Load is a mov and Store an xchg.

	.globl rt.sys.Load32
rt.sys.Load32:
	mov eax, dword ptr [rdi]
	ret

	.globl rt.sys.Store32
rt.sys.Store32:
	xchg dword ptr [rdi], esi
	ret

	.globl rt.sys.Add32
rt.sys.Add32:
	mov eax, esi
	lock xadd dword ptr [rdi], eax
	add eax, esi
	ret

	.globl rt.sys.Cas32
rt.sys.Cas32:
	mov eax, esi
	lock cmpxchg dword ptr [rdi], edx
	sete al
	movzx eax, al
	ret

	.globl rt.sys.Swap32
rt.sys.Swap32:
	mov eax, esi
	xchg dword ptr [rdi], eax
	ret

	.globl rt.sys.Load64
	.globl rt.sys.Loaduintptr
rt.sys.Load64:
rt.sys.Loaduintptr:
	mov rax, qword ptr [rdi]
	ret

	.globl rt.sys.Store64
	.globl rt.sys.Storeuintptr
rt.sys.Store64:
rt.sys.Storeuintptr:
	xchg qword ptr [rdi], rsi
	ret

	.globl rt.sys.Add64
	.globl rt.sys.Adduintptr
rt.sys.Add64:
rt.sys.Adduintptr:
	mov rax, rsi
	lock xadd qword ptr [rdi], rax
	add rax, rsi
	ret

	.globl rt.sys.Cas64
	.globl rt.sys.Casuintptr
rt.sys.Cas64:
rt.sys.Casuintptr:
	mov rax, rsi
	lock cmpxchg qword ptr [rdi], rdx
	sete al
	movzx eax, al
	ret

	.globl rt.sys.Swap64
	.globl rt.sys.Swapuintptr
rt.sys.Swap64:
rt.sys.Swapuintptr:
	mov rax, rsi
	xchg qword ptr [rdi], rax
	ret

# GetSP() uintptr: the caller's stack pointer after the call returns.
	.globl rt.sys.GetSP
rt.sys.GetSP:
	lea rax, [rsp+8]
	ret

# SpillRegisters(r *Registers): the callee-saved registers, which may
# hold the only copy of a pointer when the collector runs.
	.globl rt.sys.SpillRegisters
rt.sys.SpillRegisters:
	mov qword ptr [rdi], rbx
	mov qword ptr [rdi+8], rbp
	mov qword ptr [rdi+16], r12
	mov qword ptr [rdi+24], r13
	mov qword ptr [rdi+32], r14
	mov qword ptr [rdi+40], r15
	ret

# DataStart() uintptr and DataEnd() uintptr: the writable data of the
# executable, .data through .bss, as the linker (package link) defines
# it.
	.globl rt.sys.DataStart
rt.sys.DataStart:
	lea rax, [rip+__data_start]
	ret

	.globl rt.sys.DataEnd
rt.sys.DataEnd:
	lea rax, [rip+_end]
	ret

# Sigaction(sig int, handler uintptr) Errno: rt_sigaction with a
# kernel sigaction {handler, flags, restorer, mask} on the stack; flags
# SA_SIGINFO|SA_ONSTACK|SA_RESTORER, an empty mask, and the restorer
# below (the kernel's return path from a handler that returns).
	.globl rt.sys.Sigaction
rt.sys.Sigaction:
	sub rsp, 40
	mov qword ptr [rsp], rsi
	mov eax, 0x0C000004
	mov qword ptr [rsp+8], rax
	lea rax, [rip+.Lsigreturn]
	mov qword ptr [rsp+16], rax
	mov qword ptr [rsp+24], 0
	mov rsi, rsp                    # rt_sigaction(sig, &act, 0, 8)
	xor edx, edx
	mov r10d, 8
	mov eax, 13
	syscall
	add rsp, 40
	jmp .Lerrno
.Lsigreturn:
	mov eax, 15                     # rt_sigreturn
	syscall
	hlt

# Sigaltstack(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Sigaltstack
rt.sys.Sigaltstack:
	sub rsp, 24
	mov qword ptr [rsp], rdi        # stack_t {ss_sp, ss_flags, ss_size}
	mov qword ptr [rsp+8], 0
	mov qword ptr [rsp+16], rsi
	mov rdi, rsp                    # sigaltstack(&ss, 0)
	xor esi, esi
	mov eax, 131
	syscall
	add rsp, 24
	jmp .Lerrno

# PCTable() unsafe.Pointer: the program's position table; the reference
# is weak, so a program without one (a runtime test) gets nil.
	.weak nk.pctab
	.globl rt.sys.PCTable
rt.sys.PCTable:
	lea rax, [rip+nk.pctab]
	ret

# TypeTable() unsafe.Pointer: the program's type table (nk.rtypes), which
# the compiler defines only when the program reflects on types; weak.
	.weak nk.rtypes
	.globl rt.sys.TypeTable
rt.sys.TypeTable:
	lea rax, [rip+nk.rtypes]
	ret

# GetFP() uintptr: the caller's frame pointer (this stub has no frame).
	.globl rt.sys.GetFP
rt.sys.GetFP:
	mov rax, rbp
	ret

# StackLimit() uintptr: getrlimit(RLIMIT_STACK).rlim_cur, 0 when it is
# unlimited (RLIM_INFINITY is -1) or the call fails.
	.globl rt.sys.StackLimit
rt.sys.StackLimit:
	sub rsp, 24
	mov edi, 3
	mov rsi, rsp
	mov eax, 97
	syscall
	test rax, rax
	jnz .Lnolimit
	mov rax, qword ptr [rsp]
	cmp rax, -1
	je .Lnolimit
	add rsp, 24
	ret
.Lnolimit:
	xor eax, eax
	add rsp, 24
	ret

# PollNow(fds unsafe.Pointer, n uintptr) int
	.globl rt.sys.PollNow
rt.sys.PollNow:
	sub rsp, 24
	mov qword ptr [rsp], 0
	mov qword ptr [rsp+8], 0
	mov rdx, rsp                    # timeout {0, 0}
	xor r10d, r10d                  # no signal mask
	xor r8d, r8d
	mov eax, 271                    # ppoll(fds, n, &ts, NULL, 0)
	syscall
	add rsp, 24
	ret

# EpollCreate() int
	.globl rt.sys.EpollCreate
rt.sys.EpollCreate:
	mov edi, 0x80000                # EPOLL_CLOEXEC
	mov eax, 291                    # epoll_create1
	syscall
	ret

# EpollCtl(epfd, op, fd int, events uint32, data uintptr) Errno
	.globl rt.sys.EpollCtl
rt.sys.EpollCtl:
	sub rsp, 24
	mov dword ptr [rsp], ecx        # struct epoll_event, packed
	mov qword ptr [rsp+4], r8
	mov r10, rsp
	mov eax, 233                    # epoll_ctl(epfd, op, fd, &ev)
	syscall
	add rsp, 24
	jmp .Lerrno

# EpollWait(epfd int, events unsafe.Pointer, n int) int
	.globl rt.sys.EpollWait
rt.sys.EpollWait:
	xor r10d, r10d                  # timeout 0
	mov eax, 232                    # epoll_wait
	syscall
	ret
