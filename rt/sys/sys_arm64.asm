// The native rt/sys for linux/arm64, in naturekit's assembler syntax
// (GNU as). Every function follows the calling convention of rt/gofront
// (see its package doc) under AAPCS64: scalar parameters in x0-x7
// (d0-d7 for floats), a scalar result in x0, and for functions with two
// results a hidden first parameter (x0) pointing at the result block,
// which the stub fills: the first result at [x0], the second at [x0+8].
// A string parameter is two registers, pointer then length. The stubs
// use only x0-x15 (caller-saved), never x18.
//
// System calls (svc #0, number in x8, arguments in x0-x5) return -errno
// in x0 on failure; the stubs turn that into the positive Errno the Go
// declarations promise.

	.text

// Mmap(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.Mmap
rt.sys.Mmap:
	mov x2, #3                      // PROT_READ|PROT_WRITE
	mov x3, #0x22                   // MAP_PRIVATE|MAP_ANONYMOUS
	b .Lmmap

// MmapPopulate(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.MmapPopulate
rt.sys.MmapPopulate:
	mov x2, #3                      // PROT_READ|PROT_WRITE
	mov x3, #0x8022                 // MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE
	b .Lmmap

// Reserve(size uintptr) (unsafe.Pointer, Errno)
	.globl rt.sys.Reserve
rt.sys.Reserve:
	mov x2, #0                      // PROT_NONE
	mov x3, #0x4022                 // MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE
.Lmmap:
	mov x9, x0                      // the result block
	mov x0, #0
	mov x4, #-1
	mov x5, #0
	mov x8, #222                    // mmap(0, size, prot, flags, -1, 0)
	svc #0
	mov x10, #0                     // the pointer on failure: nil
	b .Lresult2

// .Lresult2 stores x0, a raw system call result, in the result block at
// x9 as the pair (result, 0), or (x10, errno) on failure.
.Lresult2:
	cmn x0, #4095                   // unsigned x0 >= -4095: an error
	b.hs .Lfailed2
	str x0, [x9]
	str xzr, [x9, #8]
	ret
.Lfailed2:
	neg x0, x0
	str x10, [x9]
	str x0, [x9, #8]
	ret

// .Lerrno turns a raw system call result in x0 into an Errno.
.Lerrno:
	neg x0, x0
	cmp x0, #0
	csel x0, x0, xzr, gt
	ret

// Commit(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Commit
rt.sys.Commit:
	mov x2, #3                      // mprotect(p, size, PROT_READ|PROT_WRITE)
	mov x8, #226
	svc #0
	b .Lerrno

// Munmap(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Munmap
rt.sys.Munmap:
	mov x8, #215
	svc #0
	b .Lerrno

// MadviseDontneed(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.MadviseDontneed
rt.sys.MadviseDontneed:
	mov x2, #4                      // MADV_DONTNEED
	mov x8, #233
	svc #0
	b .Lerrno

// Write(fd int, p unsafe.Pointer, n uintptr) (int, Errno)
	.globl rt.sys.Write
rt.sys.Write:
	mov x9, x0
	mov x0, x1
	mov x1, x2
	mov x2, x3
	cbz x2, .Lwrote                 // x0 = 0 below
	mov x8, #64                     // write(fd, p, n)
	svc #0
	mov x10, #-1                    // the count on failure
	b .Lresult2
.Lwrote:
	mov x0, #0
	mov x10, #-1
	b .Lresult2

// Exit(code int)
	.globl rt.sys.Exit
rt.sys.Exit:
	mov x8, #94                     // exit_group(code)
	svc #0
	b rt.sys.Exit

// Nanotime() int64
	.globl rt.sys.Nanotime
rt.sys.Nanotime:
	sub sp, sp, #16
	mov x0, #1                      // clock_gettime(CLOCK_MONOTONIC, sp)
	mov x1, sp
	mov x8, #113
	svc #0
	ldp x0, x1, [sp]
	movz x2, #0xca00
	movk x2, #0x3b9a, lsl #16
	madd x0, x0, x2, x1
	add sp, sp, #16
	ret

// Nanosleep(ns int64)
	.globl rt.sys.Nanosleep
rt.sys.Nanosleep:
	sub sp, sp, #16
	movz x2, #0xca00
	movk x2, #0x3b9a, lsl #16
	sdiv x1, x0, x2
	msub x3, x1, x2, x0
	stp x1, x3, [sp]                // struct timespec {seconds, nanoseconds}
.Lsleep:
	mov x0, sp                      // nanosleep(&ts, &ts)
	mov x1, sp
	mov x8, #101
	svc #0
	cmn x0, #4                      // EINTR: sleep the remainder
	b.eq .Lsleep
	add sp, sp, #16
	ret

// FutexWait(addr *uint32, val uint32, ns int64) Errno
	.globl rt.sys.FutexWait
rt.sys.FutexWait:
	sub sp, sp, #16
	mov x3, #0                      // no timeout
	tbnz x2, #63, .Lwait
	movz x4, #0xca00
	movk x4, #0x3b9a, lsl #16
	sdiv x5, x2, x4
	msub x6, x5, x4, x2
	stp x5, x6, [sp]
	mov x3, sp
.Lwait:
	mov w2, w1                      // val
	mov x1, #128                    // FUTEX_WAIT|FUTEX_PRIVATE_FLAG
	mov x4, #0
	mov x5, #0
	mov x8, #98                     // futex(addr, op, val, ts, 0, 0)
	svc #0
	add sp, sp, #16
	b .Lerrno

// FutexWake(addr *uint32, n uint32) int
	.globl rt.sys.FutexWake
rt.sys.FutexWake:
	mov w2, w1
	mov x1, #129                    // FUTEX_WAKE|FUTEX_PRIVATE_FLAG
	mov x3, #0
	mov x8, #98
	svc #0
	ret

// Memmove(dst, src unsafe.Pointer, n uintptr): forward by words then
// bytes, or backward by bytes when dst overlaps the end of src.
	.globl rt.sys.Memmove
rt.sys.Memmove:
	cmp x0, x1
	b.ls .Lforward
	add x3, x1, x2
	cmp x0, x3
	b.hs .Lforward
.Lbackward:
	cbz x2, .Lmoved
	sub x2, x2, #1
	ldrb w3, [x1, x2]
	strb w3, [x0, x2]
	b .Lbackward
.Lforward:
	mov x3, #0
.Lforward8:
	sub x4, x2, x3
	cmp x4, #8
	b.lo .Lforward1
	ldr x5, [x1, x3]
	str x5, [x0, x3]
	add x3, x3, #8
	b .Lforward8
.Lforward1:
	cmp x3, x2
	b.hs .Lmoved
	ldrb w5, [x1, x3]
	strb w5, [x0, x3]
	add x3, x3, #1
	b .Lforward1
.Lmoved:
	ret

// Memclr(p unsafe.Pointer, n uintptr)
	.globl rt.sys.Memclr
rt.sys.Memclr:
	mov x3, #0
.Lclr8:
	sub x4, x1, x3
	cmp x4, #8
	b.lo .Lclr1
	str xzr, [x0, x3]
	add x3, x3, #8
	b .Lclr8
.Lclr1:
	cmp x3, x1
	b.hs .Lclred
	strb wzr, [x0, x3]
	add x3, x3, #1
	b .Lclr1
.Lclred:
	ret

// Atomics, sequentially consistent as Go's are on arm64: loads are
// load-acquire (ldar), stores store-release (stlr), read-modify-write
// operations load-acquire/store-release exclusive loops (ARMv8.0, no
// LSE needed). The bodies of the read-modify-write routines are the same
// for 32 and 64 bits but for the width of the registers: the macros take
// it as r, w or x.

// add: *x0 += r1, returning the new value.
	.macro xadd r
.Lxadd\@:
	ldaxr \r\()2, [x0]
	add \r\()2, \r\()2, \r\()1
	stlxr w3, \r\()2, [x0]
	cbnz w3, .Lxadd\@
	mov \r\()0, \r\()2
	ret
	.endm

// cas: if *x0 == r1 { *x0 = r2; return 1 }; return 0.
	.macro xcas r
.Lxcas\@:
	ldaxr \r\()3, [x0]
	cmp \r\()3, \r\()1
	b.ne .Lxcasfail\@
	stlxr w4, \r\()2, [x0]
	cbnz w4, .Lxcas\@
	mov w0, #1
	ret
.Lxcasfail\@:
	mov w0, #0
	ret
	.endm

// swap: *x0 = r1, returning the old value.
	.macro xswap r
.Lxswap\@:
	ldaxr \r\()2, [x0]
	stlxr w3, \r\()1, [x0]
	cbnz w3, .Lxswap\@
	mov \r\()0, \r\()2
	ret
	.endm

	.globl rt.sys.Load32
rt.sys.Load32:
	ldar w0, [x0]
	ret

	.globl rt.sys.Store32
rt.sys.Store32:
	stlr w1, [x0]
	ret

	.globl rt.sys.Add32
rt.sys.Add32:
	xadd w

	.globl rt.sys.Cas32
rt.sys.Cas32:
	xcas w

	.globl rt.sys.Swap32
rt.sys.Swap32:
	xswap w

	.globl rt.sys.Load64
	.globl rt.sys.Loaduintptr
rt.sys.Load64:
rt.sys.Loaduintptr:
	ldar x0, [x0]
	ret

	.globl rt.sys.Store64
	.globl rt.sys.Storeuintptr
rt.sys.Store64:
rt.sys.Storeuintptr:
	stlr x1, [x0]
	ret

	.globl rt.sys.Add64
	.globl rt.sys.Adduintptr
rt.sys.Add64:
rt.sys.Adduintptr:
	xadd x

	.globl rt.sys.Cas64
	.globl rt.sys.Casuintptr
rt.sys.Cas64:
rt.sys.Casuintptr:
	xcas x

	.globl rt.sys.Swap64
	.globl rt.sys.Swapuintptr
rt.sys.Swap64:
rt.sys.Swapuintptr:
	xswap x

// GetSP() uintptr: the caller's stack pointer (bl pushes nothing).
	.globl rt.sys.GetSP
rt.sys.GetSP:
	mov x0, sp
	ret

// SpillRegisters(r *Registers): the callee-saved registers x19-x28 and
// the frame pointer x29, which may hold the only copy of a pointer when
// the collector runs.
	.globl rt.sys.SpillRegisters
rt.sys.SpillRegisters:
	stp x19, x20, [x0]
	stp x21, x22, [x0, #16]
	stp x23, x24, [x0, #32]
	stp x25, x26, [x0, #48]
	stp x27, x28, [x0, #64]
	str x29, [x0, #80]
	ret

// DataStart() uintptr and DataEnd() uintptr: the writable data of the
// executable, .data through .bss, as the linker (package link) defines
// it.
	.globl rt.sys.DataStart
rt.sys.DataStart:
	adrp x0, __data_start
	add x0, x0, :lo12:__data_start
	ret

	.globl rt.sys.DataEnd
rt.sys.DataEnd:
	adrp x0, _end
	add x0, x0, :lo12:_end
	ret

// Sigaction(sig int, handler uintptr) Errno: rt_sigaction with a
// kernel sigaction {handler, flags, restorer, mask} on the stack; flags
// SA_SIGINFO|SA_ONSTACK|SA_RESTORER, an empty mask, and the restorer
// below (the kernel's return path from a handler that returns).
	.globl rt.sys.Sigaction
rt.sys.Sigaction:
	sub sp, sp, #32
	str x1, [sp]
	movz x2, #0x4
	movk x2, #0x0c00, lsl #16
	str x2, [sp, #8]
	adr x2, .Lsigreturn
	str x2, [sp, #16]
	str xzr, [sp, #24]
	mov x1, sp                      // rt_sigaction(sig, &act, 0, 8)
	mov x2, #0
	mov x3, #8
	mov x8, #134
	svc #0
	add sp, sp, #32
	b .Lerrno
.Lsigreturn:
	mov x8, #139                    // rt_sigreturn
	svc #0

// Sigaltstack(p unsafe.Pointer, size uintptr) Errno
	.globl rt.sys.Sigaltstack
rt.sys.Sigaltstack:
	sub sp, sp, #32
	str x0, [sp]                    // stack_t {ss_sp, ss_flags, ss_size}
	str xzr, [sp, #8]
	str x1, [sp, #16]
	mov x0, sp                      // sigaltstack(&ss, 0)
	mov x1, #0
	mov x8, #132
	svc #0
	add sp, sp, #32
	b .Lerrno

// PCTable() unsafe.Pointer: the program's position table; the reference
// is weak, so a program without one (a runtime test) gets nil.
	.weak nk.pctab
	.globl rt.sys.PCTable
rt.sys.PCTable:
	adrp x0, nk.pctab
	add x0, x0, :lo12:nk.pctab
	ret

// TypeTable() unsafe.Pointer: the program's type table (nk.rtypes), which
// the compiler defines only when the program reflects on types; weak.
	.weak nk.rtypes
	.globl rt.sys.TypeTable
rt.sys.TypeTable:
	adrp x0, nk.rtypes
	add x0, x0, :lo12:nk.rtypes
	ret

// GetFP() uintptr: the caller's frame pointer (this stub has no frame).
	.globl rt.sys.GetFP
rt.sys.GetFP:
	mov x0, x29
	ret

// StackLimit() uintptr: prlimit64(0, RLIMIT_STACK, 0, &old).rlim_cur
// (arm64 has no getrlimit), 0 when it is unlimited (RLIM_INFINITY is
// -1) or the call fails.
	.globl rt.sys.StackLimit
rt.sys.StackLimit:
	sub sp, sp, #16
	mov x0, #0
	mov x1, #3
	mov x2, #0
	mov x3, sp
	mov x8, #261
	svc #0
	cbnz x0, .Lnolimit
	ldr x0, [sp]
	cmn x0, #1
	b.eq .Lnolimit
	add sp, sp, #16
	ret
.Lnolimit:
	mov x0, #0
	add sp, sp, #16
	ret

// PollNow(fds unsafe.Pointer, n uintptr) int
	.globl rt.sys.PollNow
rt.sys.PollNow:
	sub sp, sp, #16
	stp xzr, xzr, [sp]              // timeout {0, 0}
	mov x2, sp
	mov x3, #0                      // no signal mask
	mov x4, #0
	mov x8, #73                     // ppoll(fds, n, &ts, NULL, 0)
	svc #0
	add sp, sp, #16
	ret

// EpollCreate() int
	.globl rt.sys.EpollCreate
rt.sys.EpollCreate:
	mov x0, #0x80000                // EPOLL_CLOEXEC
	mov x8, #20                     // epoll_create1
	svc #0
	ret

// EpollCtl(epfd, op, fd int, events uint32, data uintptr) Errno
	.globl rt.sys.EpollCtl
rt.sys.EpollCtl:
	sub sp, sp, #16
	str w3, [sp]                    // struct epoll_event
	str x4, [sp, #8]
	mov x3, sp
	mov x8, #21                     // epoll_ctl(epfd, op, fd, &ev)
	svc #0
	add sp, sp, #16
	b .Lerrno

// EpollWait(epfd int, events unsafe.Pointer, n int) int
	.globl rt.sys.EpollWait
rt.sys.EpollWait:
	mov x3, #0                      // timeout 0
	mov x4, #0                      // no signal mask
	mov x5, #8
	mov x8, #22                     // epoll_pwait
	svc #0
	ret
