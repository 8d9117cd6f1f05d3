//go:build naturekit

package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// The native context switch (sched_amd64.asm, sched_arm64.asm). A
// suspended context is its stack pointer; the callee-saved registers
// are on the stack there, with the return address into swtch's caller
// (ctx_amd64.go, ctx_arm64.go have the layouts). A new context is such
// a frame at the top of its stack whose return address is gostart, with
// the G in a callee-saved register: gostart calls coEntry(g).

type ctxState struct{}

// swtch saves the running context's callee-saved registers on its stack
// and its stack pointer in *save, then resumes the context whose stack
// pointer is to.
func swtch(save *uintptr, to uintptr)

// callEntry calls the code at fn with the arguments arg and fut and
// returns its result.
func callEntry(fn, arg, fut uintptr) uint64

// gostartPC returns the address of gostart, where new contexts begin.
func gostartPC() uintptr

func (s *Sched) initCtx() {}

func (s *Sched) initMain(g *G) {}

func (s *Sched) switchTo(save *uintptr, to uintptr) { swtch(save, to) }

// exitTo leaves the dead coroutine g for good.
func (s *Sched) exitTo(g *G, to uintptr) {
	var dead uintptr
	swtch(&dead, to)
	sys.Abort("sched: a dead coroutine was resumed")
}

// newContext gives g, whose stack is allocated here if it has none, the
// context that starts it in coEntry.
func (s *Sched) newContext(g *G) {
	if g.stack == 0 {
		s.allocStack(nil, g)
	}
	// the stack pointer once gostart runs: 16-aligned
	g.ctx = contextFrame(g.stackHi-16, gaddr(g))
}

// parkedSP returns the stack pointer of g, suspended: the used part of
// its stack is from there to its top.
func (s *Sched) parkedSP(g *G) uintptr { return g.ctx }

func (s *Sched) runEntry(g *G) uint64 {
	return callEntry(g.fn, g.roots.arg, uintptr(unsafe.Pointer(g.roots.fut)))
}

// Current returns the running coroutine: the owner of the stack the
// caller runs on, or main on the process's own stack.
func (s *Sched) Current() *G {
	if g := s.stackOwner(sys.GetSP()); g != nil {
		return g
	}
	return s.main
}

// newThread starts a thread (clone: same memory, files, signal
// handlers, thread group) that resumes the context whose stack pointer
// is sp; it returns the thread's id, or -errno.
func newThread(sp uintptr) int

// getaffinity stores the calling thread's CPU mask in buf and returns
// its size in bytes, or -errno (sched_getaffinity).
func getaffinity(buf *[16]uint64) int

// startThread starts the thread of processor p: it runs p's loop on
// p's g0 stack.
func (s *Sched) startThread(p *P) {
	s.newContext(p.g0)
	if newThread(p.g0.ctx) < 0 {
		sys.Abort("sched: cannot start a thread")
	}
}

// StartMonitor starts the monitor thread (stw.go's sysmon), which
// preempts long-running coroutines and wakes processors for due timers.
func (s *Sched) StartMonitor() {
	g := s.newG()
	g.flags = gfSysmon
	g.id = -1
	s.newContext(g)
	if newThread(g.ctx) < 0 {
		sys.Abort("sched: cannot start the monitor thread")
	}
}

// threadInit prepares a new thread: an alternate signal stack of its
// own, so that a fault on it (a coroutine's stack overflow) can be
// reported.
func (s *Sched) threadInit() {
	const altSize = 64 << 10
	p, errno := sys.Mmap(altSize)
	if errno == 0 {
		sys.Sigaltstack(p, altSize)
	}
}

// NumCPU returns the number of CPUs the process may run on.
func NumCPU() int {
	var buf [16]uint64
	n := getaffinity(&buf)
	cpus := 0
	for i := 0; i < n/8 && i < len(buf); i++ {
		for w := buf[i]; w != 0; w &= w - 1 {
			cpus++
		}
	}
	if cpus == 0 {
		return 1
	}
	return cpus
}

// keepAlive is a no-op natively: the collector scans coroutine stacks.
func keepAlive(p unsafe.Pointer) {}
