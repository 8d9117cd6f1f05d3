//go:build !naturekit

package sched

import (
	"runtime"
	"sync"
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// The host's contexts: every coroutine and every processor loop is a
// goroutine, and a context is a handle to a token channel. Switching
// hands the token to the target and waits for one's own, so exactly one
// goroutine per processor runs at a time, as natively one thread does.
// This is the only file of the scheduler outside the restricted subset
// (like rt/sys's sys_host.go): the race detector sees the hand-offs as
// the synchronisation they are.

type hctx struct{ c chan struct{} }

type ctxState struct {
	mu   sync.Mutex
	ctxs map[uintptr]*hctx
	fns  map[uintptr]func(*G) uint64
	next uintptr
}

func (s *Sched) initCtx() {
	s.ctx.ctxs = map[uintptr]*hctx{}
	s.ctx.fns = map[uintptr]func(*G) uint64{}
}

func (s *Sched) hnew() uintptr {
	s.ctx.mu.Lock()
	defer s.ctx.mu.Unlock()
	s.ctx.next++
	s.ctx.ctxs[s.ctx.next] = &hctx{c: make(chan struct{}, 1)}
	return s.ctx.next
}

func (s *Sched) hget(h uintptr) *hctx {
	s.ctx.mu.Lock()
	defer s.ctx.mu.Unlock()
	c := s.ctx.ctxs[h]
	if c == nil {
		sys.Abort("sched: unknown host context")
	}
	return c
}

func (s *Sched) hdel(h uintptr) {
	s.ctx.mu.Lock()
	defer s.ctx.mu.Unlock()
	delete(s.ctx.ctxs, h)
}

// HostFunc registers f as a coroutine entry for Spawn on the host and
// returns its handle: f receives its G and returns the value its future
// completes with.
func (s *Sched) HostFunc(f func(g *G) uint64) uintptr {
	s.ctx.mu.Lock()
	defer s.ctx.mu.Unlock()
	s.ctx.next++
	s.ctx.fns[s.ctx.next] = f
	return s.ctx.next
}

func (s *Sched) initMain(g *G) { g.ctx = s.hnew() }

func (s *Sched) newContext(g *G) {
	h := s.hnew()
	g.ctx = h
	c := s.hget(h)
	go func() {
		<-c.c
		coEntry(g)
	}()
}

func (s *Sched) switchTo(save *uintptr, to uintptr) {
	me, other := s.hget(*save), s.hget(to)
	other.c <- struct{}{}
	<-me.c
}

func (s *Sched) exitTo(g *G, to uintptr) {
	other := s.hget(to)
	s.hdel(g.ctx)
	g.ctx = 0
	other.c <- struct{}{}
}

// HostStackUse is the used part of a suspended coroutine's stack on the
// host, whose coroutines run on goroutines' stacks: the top HostStackUse
// bytes of its stack region, which host tests use for the values a
// coroutine keeps on its native stack (the values in flight of its
// channel operations), so that saving parked stacks (stack.go) is
// tested on the host too.
const HostStackUse = 512

// parkedSP returns the stack pointer of g, suspended: on the host, the
// top HostStackUse bytes of its region are its used stack.
func (s *Sched) parkedSP(g *G) uintptr { return g.stackHi - HostStackUse }

func (s *Sched) runEntry(g *G) uint64 {
	s.ctx.mu.Lock()
	f := s.ctx.fns[g.fn]
	s.ctx.mu.Unlock()
	if f == nil {
		sys.Abort("sched: unknown host function")
	}
	return f(g)
}

// Current returns the coroutine running on processor 0, which is the
// caller when only one processor runs (rt/lang's tests); host tests with
// several processors pass their G explicitly instead.
func (s *Sched) Current() *G { return s.procs[0].cur }

func (s *Sched) startThread(p *P) {
	p.g0.ctx = s.hnew()
	go coEntry(p.g0)
}

// StartMonitor does nothing on the host: host coroutines are Go
// functions, which reach Safepoint only where a test calls it.
func (s *Sched) StartMonitor() {}

func (s *Sched) threadInit() {}

// NumCPU returns the number of CPUs the process may run on.
func NumCPU() int { return runtime.NumCPU() }

// Stop ends the scheduler: the processors' loops return once they are
// idle, and cur, the calling coroutine, goes on as a plain goroutine.
// Host tests call it when their coroutines are done.
func (s *Sched) Stop(cur *G) {
	sys.Store32(&s.stopping, 1)
	for i := 0; i < s.nprocs; i++ {
		p := &s.procs[i]
		sys.Store32(&p.wake, 1)
		sys.FutexWake(&p.wake, 1)
	}
	p := cur.p
	p.after = afterStop
	s.hget(p.g0.ctx).c <- struct{}{}
}

// keepAlive keeps p's Go object alive up to the call: a blocked
// operation's value is referred to from a wait record in runtime-owned
// memory, which Go's collector does not scan.
func keepAlive(p unsafe.Pointer) { runtime.KeepAlive(p) }
