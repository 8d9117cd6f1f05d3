package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// timerHeap holds the sleeping coroutines in a binary min-heap ordered by
// G.when, in runtime-owned memory that doubles as it fills. next is the
// earliest wake time (0 when empty), readable without the lock, so that
// processors skip the heap when nothing is due.
type timerHeap struct {
	lock mutex
	buf  unsafe.Pointer // [cap]*G
	n    uintptr
	cap  uintptr
	next int64
}

func (t *timerHeap) init() {}

func (t *timerHeap) at(i uintptr) *G {
	return *(**G)(unsafe.Add(t.buf, i*unsafe.Sizeof(uintptr(0))))
}

func (t *timerHeap) set(i uintptr, g *G) {
	*(**G)(unsafe.Add(t.buf, i*unsafe.Sizeof(uintptr(0)))) = g
}

// push adds g (its when set) and reports whether it became the earliest.
// The caller holds t.lock.
func (t *timerHeap) push(g *G) bool {
	if t.n == t.cap {
		t.grow()
	}
	i := t.n
	t.n++
	for i > 0 {
		parent := (i - 1) / 2
		pg := t.at(parent)
		if pg.when <= g.when {
			break
		}
		t.set(i, pg)
		i = parent
	}
	t.set(i, g)
	return i == 0
}

// pop removes the earliest coroutine; the caller holds t.lock.
func (t *timerHeap) pop() *G {
	if t.n == 0 {
		return nil
	}
	top := t.at(0)
	t.n--
	if t.n > 0 {
		last := t.at(t.n)
		i := uintptr(0)
		for {
			c := 2*i + 1
			if c >= t.n {
				break
			}
			if c+1 < t.n && t.at(c+1).when < t.at(c).when {
				c++
			}
			if last.when <= t.at(c).when {
				break
			}
			t.set(i, t.at(c))
			i = c
		}
		t.set(i, last)
	}
	return top
}

func (t *timerHeap) grow() {
	ncap := t.cap * 2
	if ncap == 0 {
		ncap = 512
	}
	size := ncap * unsafe.Sizeof(uintptr(0))
	mem, errno := sys.Mmap(size)
	if errno != 0 {
		sys.Abort("sched: out of memory for timers")
	}
	if t.buf != nil {
		sys.Memmove(mem, t.buf, t.n*unsafe.Sizeof(uintptr(0)))
		sys.Munmap(t.buf, t.cap*unsafe.Sizeof(uintptr(0)))
	}
	t.buf = mem
	t.cap = ncap
}

// nextWhen returns the earliest wake time, 0 if no coroutine sleeps.
func (t *timerHeap) nextWhen() int64 {
	return int64(sys.Load64((*uint64)(unsafe.Pointer(&t.next))))
}

// setNext publishes the earliest wake time; the caller holds t.lock.
func (t *timerHeap) setNext() {
	var next int64
	if t.n > 0 {
		next = t.at(0).when
	}
	sys.Store64((*uint64)(unsafe.Pointer(&t.next)), uint64(next))
}

// timerBatch is how far apart the wake times of the sleepers one look
// at the timers makes runnable may be (runTimers).
const timerBatch = 1000 * 1000

// runTimers makes the coroutines due earliest runnable on p, if their
// time has come — those due within timerBatch of the first — and
// reports whether there was one. Sleepers due later wait for the next
// look, and so queue behind whatever the ones woken now make runnable:
// when a process falls behind (a loaded machine), what a woken sleeper
// readies still runs before sleepers due well after it, as if on time.
// t3_031 depends on that: a coroutine fails 40 ms after another, which
// completes a future main awaits; main must reach its next await (and
// so catch the failure) before the later sleeper runs.
func (s *Sched) runTimers(p *P) bool {
	t := &s.timers
	next := t.nextWhen()
	if next == 0 {
		sys.Store32(&s.timersDue, 0)
		return false
	}
	now := s.now()
	if next > now {
		sys.Store32(&s.timersDue, 0)
		return false
	}
	any := false
	t.lock.lock()
	for t.n > 0 && t.at(0).when <= now && (!any || t.at(0).when <= next+timerBatch) {
		if !any {
			next = t.at(0).when
		}
		g := t.pop()
		g.status = gRunnable
		s.enqueue(p, g)
		any = true
	}
	t.setNext()
	sys.Store32(&s.timersDue, 0)
	t.lock.unlock()
	if any && s.nprocs > 1 {
		s.wakeIdle()
	}
	return any
}
