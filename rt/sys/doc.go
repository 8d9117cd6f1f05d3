// Package sys is the runtime's only contact with the machine: memory
// mappings, raw writes, the clock, sleeping, futexes, atomics, memory
// copies and aborting.
//
// Everything else in the rt module is written in the restricted Go subset
// that naturekit's Go-subset compiler accepts (see docs/runtime.md), and
// reaches the machine only through the functions listed here. The list is
// deliberately short; it is the whole contract a native build must satisfy.
//
// # Build tags
//
// The functions have two implementations selected by the naturekit build
// tag:
//
//   - sys_host.go (//go:build !naturekit) implements them for `go test` and
//     ordinary Go programs, with golang.org/x/sys/unix and sync/atomic. It
//     is the only file in the runtime allowed to use the full Go language.
//   - sys_native.go (//go:build naturekit) declares the same functions,
//     most without bodies: those are assembly stubs in sys_amd64.asm
//     and sys_arm64.asm, one per target
//     (naturekit's assembler syntax; the file is embedded by package rt
//     and assembled by rt/gofront/build), the others are restricted Go that
//     rt/gofront compiles with the rest of the runtime.
//
// Both files must declare exactly the same API; the subset checker in
// rt/gofront/internal/subsetcheck type-checks the runtime with the naturekit tag,
// which fails if sys_native.go falls behind.
//
// # API
//
// Memory:
//
//	Mmap(size) (unsafe.Pointer, Errno)       read-write anonymous private mapping
//	MmapPopulate(size) (unsafe.Pointer, Errno) the same, its pages present at once
//	Reserve(size) (unsafe.Pointer, Errno)    address space only (PROT_NONE, MAP_NORESERVE)
//	Commit(p, size) Errno                    make reserved pages read-write
//	Munmap(p, size) Errno
//	MadviseDontneed(p, size) Errno           give pages back; they read as zero afterwards
//	Memmove(dst, src, n), Memclr(p, n)
//
// Output, time, process:
//
//	Write(fd, p, n) (int, Errno)
//	Exit(code)                               never returns
//	Abort(msg)                               writes "fatal error: msg" to stderr, exits 2
//	Nanotime() int64                         CLOCK_MONOTONIC in nanoseconds
//	Nanosleep(ns)
//	FutexWait(addr, val, ns) Errno, FutexWake(addr, n) int
//
// The poller (poll.go; results raw, a count or descriptor or -errno):
//
//	PollNow(fds, n) int                      ppoll of n struct pollfd, zero timeout
//	EpollCreate() int, EpollCtl(epfd, op, fd, events, data) Errno
//	EpollWait(epfd, events, n) int           zero timeout
//
// Atomics (sequentially consistent), for uint32, uint64 and uintptr:
//
//	Load32/Store32/Add32/Cas32/Swap32, Load64/..., Loaduintptr/...
//
// Program start and the collector's roots:
//
//	Argc() int, Argv(), Envp() unsafe.Pointer   the process's arguments and environment, C layout
//	StackTop() uintptr                          stack pointer at process entry (native; 0 on the host)
//	GetSP() uintptr                             the caller's stack pointer
//	SpillRegisters(r *Registers)                callee-saved registers into r, before a stack scan
//	DataStart(), DataEnd() uintptr              .data through .bss (native; 0 on the host)
//
// Faults (native; the host reports ENOSYS, nil and 0):
//
//	Sigaction(sig, handler) Errno               handler(sig, info, ctx) on the alternate stack, with siginfo
//	Sigaltstack(p, size) Errno                  the thread's alternate signal stack
//	PCTable() unsafe.Pointer                    the program's position table (nk.pctab), nil if none
//	TypeTable() unsafe.Pointer                  the program's type table (nk.rtypes), nil if none
//	GetFP() uintptr                             the caller's frame pointer
//	StackLimit() uintptr                        soft RLIMIT_STACK, 0 if unlimited
//
// A conservative scan of the current thread's stack is SpillRegisters
// into a Registers variable of the scanning function, then the range
// [GetSP(), StackTop()): caller-saved registers need no spilling,
// because compiled code keeps nothing in them across the call into the
// collector.
//
// Abort never returns; host tests check it in a child process (see
// rt/internal/aborttest).
//
// Built on these, the same on the host and natively: Abort (abort.go),
// and Mutex (mutex.go), the futex lock of the allocator's heap and of
// the scheduler.
package sys

// Errno is a raw Linux error number; 0 means success.
type Errno uintptr

// Error numbers the runtime looks at.
const (
	EAGAIN    Errno = 11
	ENOMEM    Errno = 12
	EINTR     Errno = 4
	ETIMEDOUT Errno = 110
	ENOSYS    Errno = 38
)

// Signals the runtime handles (Sigaction).
const (
	SIGILL  = 4
	SIGTRAP = 5 // arm64: the brk of a division by zero (lower/arm64)
	SIGBUS  = 7
	SIGFPE  = 8
	SIGSEGV = 11
)

// What a signal handler finds in its siginfo argument (the same on
// amd64 and arm64): byte offsets of si_code and si_addr. The ucontext's
// offsets depend on the architecture (ucontext_amd64.go,
// ucontext_arm64.go).
const (
	SiginfoCode = 8
	SiginfoAddr = 16

	FPE_INTDIV = 1 // si_code of SIGFPE: integer division by zero
	FPE_INTOVF = 2 // integer overflow
)

// PageSize is the smallest unit the runtime maps, commits and releases.
// Linux on amd64 and arm64 (4 KiB kernels) uses 4096; the runtime only
// relies on it dividing 8 KiB.
const PageSize = 4096
