//go:build !naturekit

package sys

import (
	"os"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

func errnoOf(err error) Errno {
	if err == nil {
		return 0
	}
	if e, ok := err.(unix.Errno); ok {
		return Errno(e)
	}
	return ENOMEM
}

// Mmap maps size bytes of zeroed, read-write, private anonymous memory.
func Mmap(size uintptr) (unsafe.Pointer, Errno) {
	p, err := unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return nil, errnoOf(err)
	}
	return p, 0
}

// MmapPopulate is Mmap with the pages made present at once
// (MAP_POPULATE): one system call instead of a page fault per page, for
// memory the caller is about to fill.
func MmapPopulate(size uintptr) (unsafe.Pointer, Errno) {
	p, err := unix.MmapPtr(-1, 0, nil, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_POPULATE)
	if err != nil {
		return nil, errnoOf(err)
	}
	return p, 0
}

// Reserve maps size bytes of address space that cannot be accessed until
// Commit makes it read-write. Reserved space costs no memory.
func Reserve(size uintptr) (unsafe.Pointer, Errno) {
	p, err := unix.MmapPtr(-1, 0, nil, size, unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_NORESERVE)
	if err != nil {
		return nil, errnoOf(err)
	}
	return p, 0
}

// Commit makes size bytes at p, inside a reservation, readable and
// writable. Pages are zero until first written.
func Commit(p unsafe.Pointer, size uintptr) Errno {
	return errnoOf(unix.Mprotect(unsafe.Slice((*byte)(p), size), unix.PROT_READ|unix.PROT_WRITE))
}

// Munmap unmaps size bytes at p.
func Munmap(p unsafe.Pointer, size uintptr) Errno {
	return errnoOf(unix.MunmapPtr(p, size))
}

// MadviseDontneed tells the kernel it may take back the pages in
// [p, p+size). The range stays mapped and reads as zero afterwards.
func MadviseDontneed(p unsafe.Pointer, size uintptr) Errno {
	return errnoOf(unix.Madvise(unsafe.Slice((*byte)(p), size), unix.MADV_DONTNEED))
}

// Write writes n bytes at p to file descriptor fd.
func Write(fd int, p unsafe.Pointer, n uintptr) (int, Errno) {
	if n == 0 {
		return 0, 0
	}
	w, err := unix.Write(fd, unsafe.Slice((*byte)(p), n))
	return w, errnoOf(err)
}

// Exit ends the process with the given status.
func Exit(code int) {
	os.Exit(code)
}

// Nanotime returns the monotonic clock in nanoseconds.
func Nanotime() int64 {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		Abort("clock_gettime failed")
	}
	return ts.Nano()
}

// Nanosleep sleeps for at least ns nanoseconds.
func Nanosleep(ns int64) {
	ts := unix.NsecToTimespec(ns)
	for unix.Nanosleep(&ts, &ts) == unix.EINTR {
	}
}

const (
	futexWaitPrivate = 0 | 128 // FUTEX_WAIT | FUTEX_PRIVATE_FLAG
	futexWakePrivate = 1 | 128 // FUTEX_WAKE | FUTEX_PRIVATE_FLAG
)

// FutexWait sleeps while *addr == val, for at most ns nanoseconds when
// ns >= 0. It may return spuriously; callers re-check their condition.
func FutexWait(addr *uint32, val uint32, ns int64) Errno {
	var tsp unsafe.Pointer
	var ts unix.Timespec
	if ns >= 0 {
		ts = unix.NsecToTimespec(ns)
		tsp = unsafe.Pointer(&ts)
	}
	_, _, e := unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), futexWaitPrivate, uintptr(val), uintptr(tsp), 0, 0)
	return Errno(e)
}

// FutexWake wakes up to n threads sleeping on addr and reports how many
// it woke.
func FutexWake(addr *uint32, n uint32) int {
	r, _, _ := unix.Syscall6(unix.SYS_FUTEX, uintptr(unsafe.Pointer(addr)), futexWakePrivate, uintptr(n), 0, 0, 0)
	return int(r)
}

// Memmove copies n bytes from src to dst; the ranges may overlap.
func Memmove(dst, src unsafe.Pointer, n uintptr) {
	if n == 0 {
		return
	}
	copy(unsafe.Slice((*byte)(dst), n), unsafe.Slice((*byte)(src), n))
}

// Memclr sets n bytes at p to zero.
func Memclr(p unsafe.Pointer, n uintptr) {
	if n == 0 {
		return
	}
	clear(unsafe.Slice((*byte)(p), n))
}

// Atomics. Each is sequentially consistent.

func Load32(p *uint32) uint32                  { return atomic.LoadUint32(p) }
func Store32(p *uint32, v uint32)              { atomic.StoreUint32(p, v) }
func Add32(p *uint32, d uint32) uint32         { return atomic.AddUint32(p, d) }
func Cas32(p *uint32, old, new uint32) bool    { return atomic.CompareAndSwapUint32(p, old, new) }
func Swap32(p *uint32, v uint32) uint32        { return atomic.SwapUint32(p, v) }
func Load64(p *uint64) uint64                  { return atomic.LoadUint64(p) }
func Store64(p *uint64, v uint64)              { atomic.StoreUint64(p, v) }
func Add64(p *uint64, d uint64) uint64         { return atomic.AddUint64(p, d) }
func Cas64(p *uint64, old, new uint64) bool    { return atomic.CompareAndSwapUint64(p, old, new) }
func Swap64(p *uint64, v uint64) uint64        { return atomic.SwapUint64(p, v) }
func Loaduintptr(p *uintptr) uintptr           { return atomic.LoadUintptr(p) }
func Storeuintptr(p *uintptr, v uintptr)       { atomic.StoreUintptr(p, v) }
func Adduintptr(p *uintptr, d uintptr) uintptr { return atomic.AddUintptr(p, d) }
func Casuintptr(p *uintptr, old, new uintptr) bool {
	return atomic.CompareAndSwapUintptr(p, old, new)
}
func Swapuintptr(p *uintptr, v uintptr) uintptr { return atomic.SwapUintptr(p, v) }

// Process arguments and the collector's view of the machine.

// cStrings is a nil-terminated array of pointers to NUL-terminated
// copies of strs, as the kernel lays out argv and envp.
func cStrings(strs []string) []*byte {
	out := make([]*byte, len(strs)+1)
	for i, s := range strs {
		b := make([]byte, len(s)+1)
		copy(b, s)
		out[i] = &b[0]
	}
	return out
}

// hostArgs holds argv and envp in C form for the life of the process.
var hostArgs = sync.OnceValues(func() ([]*byte, []*byte) {
	return cStrings(os.Args), cStrings(os.Environ())
})

// Argc returns the number of command-line arguments, the program name
// included.
func Argc() int { return len(os.Args) }

// Argv returns the argument vector: Argc() pointers to NUL-terminated
// strings, then a nil pointer.
func Argv() unsafe.Pointer {
	argv, _ := hostArgs()
	return unsafe.Pointer(&argv[0])
}

// Envp returns the environment: pointers to NUL-terminated "key=value"
// strings, ending with a nil pointer.
func Envp() unsafe.Pointer {
	_, envp := hostArgs()
	return unsafe.Pointer(&envp[0])
}

// StackTop returns the stack pointer the process started with: every
// frame of the main thread lies below it. Native only; the host returns
// 0 (goroutine stacks move).
func StackTop() uintptr { return 0 }

// GetSP returns the caller's stack pointer. On the host it is the
// address of a local variable, which is as close as Go gets.
//
//go:noinline
func GetSP() uintptr {
	var x uintptr
	return uintptr(unsafe.Pointer(&x))
}

// SpillRegisters stores the callee-saved registers in r, so that a
// conservative scan of the stack below the caller's frame sees every
// pointer the caller's callers keep in registers. The host has nothing
// to spill (Go's own collector scans goroutines) and zeroes r.
func SpillRegisters(r *Registers) { *r = Registers{} }

// DataStart and DataEnd bound the executable's writable data, .data
// through .bss, where package-level variables live. Native only; the
// host returns 0 for both.
func DataStart() uintptr { return 0 }
func DataEnd() uintptr   { return 0 }

// Signal numbers and the fault-handling calls. The host leaves signals
// to Go's runtime: Sigaction and Sigaltstack do nothing and report
// ENOSYS, PCTable is nil and GetFP 0, so the fault handling of rt/lang
// is tested natively (and its table and walker on memory of the test's
// own).

// Sigaction installs handler, the address of a function
// handler(sig int, info, ctx unsafe.Pointer) (System V ABI), for signal
// sig, to run on the alternate signal stack with siginfo.
func Sigaction(sig int, handler uintptr) Errno { return ENOSYS }

// Sigaltstack makes [p, p+size) the thread's alternate signal stack.
func Sigaltstack(p unsafe.Pointer, size uintptr) Errno { return ENOSYS }

// PCTable returns the address of the program's position table (the
// symbol nk.pctab, docs/runtime-abi.md), or nil when the executable has
// none.
func PCTable() unsafe.Pointer { return nil }

// TypeTable returns the address of the program's type table (the symbol
// nk.rtypes, docs/runtime-abi.md), or nil when the program has none.
func TypeTable() unsafe.Pointer { return nil }

// GetFP returns the caller's frame pointer (rbp): the head of the chain
// of saved frame pointers, each followed by its return address.
func GetFP() uintptr { return 0 }

// StackLimit returns the soft RLIMIT_STACK, the most the main thread's
// stack can grow to below StackTop; 0 when it is unlimited or unknown.
func StackLimit() uintptr {
	var r unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_STACK, &r) != nil || r.Cur == unix.RLIM_INFINITY {
		return 0
	}
	return uintptr(r.Cur)
}

// The poller's system calls (poll.go has the API). Results are raw: a
// count or descriptor, or -errno.

func rawResult(r uintptr, e unix.Errno) int {
	if e != 0 {
		return -int(e)
	}
	return int(r)
}

// PollNow is ppoll(fds, n, {0, 0}, nil): it fills the revents of the n
// struct pollfd at fds without waiting and returns how many have some,
// or -errno.
func PollNow(fds unsafe.Pointer, n uintptr) int {
	var ts unix.Timespec
	r, _, e := unix.Syscall6(unix.SYS_PPOLL, uintptr(fds), n, uintptr(unsafe.Pointer(&ts)), 0, 0, 0)
	return rawResult(r, e)
}

// EpollCreate returns a new close-on-exec epoll descriptor, or -errno.
func EpollCreate() int {
	r, _, e := unix.RawSyscall(unix.SYS_EPOLL_CREATE1, unix.EPOLL_CLOEXEC, 0, 0)
	return rawResult(r, e)
}

// EpollCtl adds, modifies or deletes (op) fd's registration in epfd,
// with the event mask events and the word data, which EpollWait returns
// with fd's events.
func EpollCtl(epfd, op, fd int, events uint32, data uintptr) Errno {
	var ev [16]byte
	*(*uint32)(unsafe.Pointer(&ev[0])) = events
	*(*uintptr)(unsafe.Pointer(&ev[EpollEventData])) = data
	_, _, e := unix.RawSyscall6(unix.SYS_EPOLL_CTL, uintptr(epfd), uintptr(op), uintptr(fd), uintptr(unsafe.Pointer(&ev[0])), 0, 0)
	return Errno(e)
}

// EpollWait stores up to n ready events (EpollEventSize bytes each) at
// events without waiting and returns how many, or -errno.
func EpollWait(epfd int, events unsafe.Pointer, n int) int {
	r, _, e := unix.Syscall6(unix.SYS_EPOLL_PWAIT, uintptr(epfd), uintptr(events), uintptr(n), 0, 0, 8)
	return rawResult(r, e)
}
