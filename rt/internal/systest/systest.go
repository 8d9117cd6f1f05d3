// Package systest exercises rt/sys from restricted Go, so that the same
// checks run against the host implementation (sys_host.go, called from
// the test) and the native one (the assembly stubs and sys_native.go,
// compiled by rt/gofront and run as an executable). Run prints one line
// per check; both runs must print the same lines, except those about
// the machine only a native build knows (stack and data bounds).
package systest

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/internal/textout"
	"github.com/naturekit/naturekit/rt/sys"
)

var (
	outMem [1 << 16]byte
	out    textout.Buffer
)

// Output returns what Run printed.
func Output() []byte { return out.Bytes() }

func check(name string, ok bool) {
	out.Str(name)
	if ok {
		out.Str(": ok\n")
	} else {
		out.Str(": FAILED\n")
	}
}

// cstr prints the NUL-terminated string at p.
func cstr(p unsafe.Pointer) {
	for ; *(*byte)(p) != 0; p = unsafe.Add(p, 1) {
		out.Byte(*(*byte)(p))
	}
}

// hasPrefix reports whether the C string at p starts with s.
func hasPrefix(p unsafe.Pointer, s string) bool {
	for i := 0; i < len(s); i++ {
		if *(*byte)(unsafe.Add(p, i)) != s[i] {
			return false
		}
	}
	return true
}

var global uint64

// Run runs the checks.
func Run() {
	out = textout.Buffer{P: unsafe.Pointer(&outMem[0]), Cap: uintptr(len(outMem))}
	memory()
	atomics()
	timeAndFutex()
	args()
	poller()
	machine()
}

func memory() {
	p, errno := sys.Mmap(3 * sys.PageSize)
	check("mmap", errno == 0 && p != nil)
	b := (*[3 * sys.PageSize]byte)(p)
	zero := true
	for i := 0; i < len(b); i++ {
		zero = zero && b[i] == 0
		b[i] = byte(i)
	}
	check("mmap zero", zero)
	sys.Memmove(unsafe.Add(p, 10), p, 100) // overlapping, forwards
	check("memmove up", b[10] == 0 && b[109] == 99)
	sys.Memmove(p, unsafe.Add(p, 1), 50) // overlapping, backwards
	check("memmove down", b[0] == 1 && b[8] == 9 && b[9] == 0 && b[10] == 1)
	sys.Memclr(unsafe.Add(p, 5), 7)
	check("memclr", b[4] != 0 && b[5] == 0 && b[11] == 0 && b[12] != 0)
	check("madvise", sys.MadviseDontneed(p, 3*sys.PageSize) == 0 && b[100] == 0)
	check("munmap", sys.Munmap(p, 3*sys.PageSize) == 0)
	r, errno := sys.Reserve(1 << 30)
	check("reserve", errno == 0)
	q := unsafe.Add(r, 1<<29)
	check("commit", sys.Commit(q, sys.PageSize) == 0)
	*(*uint64)(q) = 42
	check("committed", *(*uint64)(q) == 42)
	sys.Munmap(r, 1<<30)
	pp, errno := sys.MmapPopulate(2 * sys.PageSize)
	check("mmap populate", errno == 0 && pp != nil && *(*uint64)(unsafe.Add(pp, sys.PageSize)) == 0)
	*(*uint64)(unsafe.Add(pp, sys.PageSize)) = 7
	check("mmap populate write", *(*uint64)(unsafe.Add(pp, sys.PageSize)) == 7 && sys.Munmap(pp, 2*sys.PageSize) == 0)
	_, errno = sys.Mmap(1 << 62)
	check("mmap ENOMEM", errno == sys.ENOMEM)
	n, errno := sys.Write(1, p, 0)
	check("write 0", n == 0 && errno == 0)
}

func atomics() {
	var u32 uint32
	var u64 uint64
	var up uintptr
	check("atomic32", sys.Add32(&u32, 3) == 3 && sys.Cas32(&u32, 3, 5) && !sys.Cas32(&u32, 3, 6) &&
		sys.Swap32(&u32, 7) == 5 && sys.Load32(&u32) == 7)
	sys.Store64(&u64, 1<<40)
	check("atomic64", sys.Add64(&u64, 1) == 1<<40+1 && sys.Cas64(&u64, 1<<40+1, 2) && sys.Swap64(&u64, 9) == 2 &&
		sys.Load64(&u64) == 9)
	sys.Storeuintptr(&up, 4)
	check("atomicuintptr", sys.Adduintptr(&up, ^uintptr(0)) == 3 && sys.Casuintptr(&up, 3, 8) &&
		sys.Swapuintptr(&up, 1) == 8 && sys.Loaduintptr(&up) == 1)
}

func timeAndFutex() {
	t0 := sys.Nanotime()
	sys.Nanosleep(2e6)
	check("sleep", sys.Nanotime()-t0 >= 2e6)
	var key uint32 = 1
	check("futex EAGAIN", sys.FutexWait(&key, 0, 1000) == sys.EAGAIN)
	check("futex timeout", sys.FutexWait(&key, 1, 1e6) == sys.ETIMEDOUT)
	check("futex wake", sys.FutexWake(&key, 1) == 0)
}

// args prints the arguments after the program name and the value of
// NATUREKIT_SYSTEST from the environment.
func args() {
	argv := sys.Argv()
	out.Str("args:")
	for i := 1; i < sys.Argc(); i++ {
		out.Byte(' ')
		cstr(*(*unsafe.Pointer)(unsafe.Add(argv, i*8)))
	}
	out.Byte('\n')
	check("argv nil", *(*unsafe.Pointer)(unsafe.Add(argv, sys.Argc()*8)) == nil)
	out.Str("env:")
	for e := sys.Envp(); *(*unsafe.Pointer)(e) != nil; e = unsafe.Add(e, 8) {
		if s := *(*unsafe.Pointer)(e); hasPrefix(s, "NATUREKIT_SYSTEST=") {
			out.Byte(' ')
			cstr(unsafe.Add(s, 18))
		}
	}
	out.Byte('\n')
}

// machine checks the stack and data bounds a native build knows.
func machine() {
	var regs sys.Registers
	sys.SpillRegisters(&regs)
	sp := sys.GetSP()
	local := uintptr(unsafe.Pointer(&regs))
	if top := sys.StackTop(); top != 0 {
		check("native stack", sp <= local && local < top && top-sp < 1<<20)
		check("native frame pointer spilled", regs[sys.RegistersFP] >= sp && regs[sys.RegistersFP] < top)
	}
	if start, end := sys.DataStart(), sys.DataEnd(); start != 0 {
		g := uintptr(unsafe.Pointer(&global))
		o := uintptr(unsafe.Pointer(&outMem[0]))
		check("native data", start <= g && g < end && start <= o && o < end && start%8 == 0)
	}
}

// nativeMain is the executable's entry.
//
//naturekit:symbol main.main
func nativeMain() {
	Run()
	out.Flush()
}

//naturekit:symbol rt.lang.Init
func langInit() {}

//naturekit:symbol rt.lang.Exit
func langExit(code int64) { sys.Exit(int(code)) }
