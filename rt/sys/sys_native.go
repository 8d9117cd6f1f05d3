//go:build naturekit

package sys

import "unsafe"

// The native build. The functions without a body are assembly stubs in
// sys_amd64.asm (our assembler's syntax), linked into every native
// program; the few with a body are compiled by rt/gofront like the rest
// of the runtime. They must match sys_host.go signature for signature;
// the documentation lives there and in doc.go.

func Mmap(size uintptr) (unsafe.Pointer, Errno)
func MmapPopulate(size uintptr) (unsafe.Pointer, Errno)
func Reserve(size uintptr) (unsafe.Pointer, Errno)
func Commit(p unsafe.Pointer, size uintptr) Errno
func Munmap(p unsafe.Pointer, size uintptr) Errno
func MadviseDontneed(p unsafe.Pointer, size uintptr) Errno
func Write(fd int, p unsafe.Pointer, n uintptr) (int, Errno)
func Exit(code int)
func Nanotime() int64
func Nanosleep(ns int64)
func FutexWait(addr *uint32, val uint32, ns int64) Errno
func FutexWake(addr *uint32, n uint32) int
func Memmove(dst, src unsafe.Pointer, n uintptr)
func Memclr(p unsafe.Pointer, n uintptr)

func Load32(p *uint32) uint32
func Store32(p *uint32, v uint32)
func Add32(p *uint32, d uint32) uint32
func Cas32(p *uint32, old, new uint32) bool
func Swap32(p *uint32, v uint32) uint32
func Load64(p *uint64) uint64
func Store64(p *uint64, v uint64)
func Add64(p *uint64, d uint64) uint64
func Cas64(p *uint64, old, new uint64) bool
func Swap64(p *uint64, v uint64) uint64
func Loaduintptr(p *uintptr) uintptr
func Storeuintptr(p *uintptr, v uintptr)
func Adduintptr(p *uintptr, d uintptr) uintptr
func Casuintptr(p *uintptr, old, new uintptr) bool
func Swapuintptr(p *uintptr, v uintptr) uintptr

// startSP is the stack pointer at process entry, where the kernel put
// argc, then argv[0..argc], nil, then the environment and nil. _start
// (rt/start) stores it before any Go code runs.
var startSP uintptr

func Argc() int            { return *(*int)(unsafe.Pointer(startSP)) }
func Argv() unsafe.Pointer { return unsafe.Pointer(startSP + 8) }
func Envp() unsafe.Pointer { return unsafe.Pointer(startSP + 16 + uintptr(Argc())*8) }
func StackTop() uintptr    { return startSP }
func GetSP() uintptr
func SpillRegisters(r *Registers)
func DataStart() uintptr
func DataEnd() uintptr

func Sigaction(sig int, handler uintptr) Errno
func Sigaltstack(p unsafe.Pointer, size uintptr) Errno
func PCTable() unsafe.Pointer
func TypeTable() unsafe.Pointer
func GetFP() uintptr
func StackLimit() uintptr

func PollNow(fds unsafe.Pointer, n uintptr) int
func EpollCreate() int
func EpollCtl(epfd, op, fd int, events uint32, data uintptr) Errno
func EpollWait(epfd int, events unsafe.Pointer, n int) int
