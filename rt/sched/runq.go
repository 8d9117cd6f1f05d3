package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// A P's local run queue is Go's: a ring of runqSize slots that only its
// owner appends to (runqTail), and that the owner and thieves take from
// by advancing runqHead with a compare-and-swap. Slots are read and
// written atomically, so a thief that loses the race discards what it
// read. When the ring is full, half of it goes to the global queue.

func gptr(u uintptr) *G { return *(**G)(unsafe.Pointer(&u)) }

func gaddr(g *G) uintptr { return uintptr(unsafe.Pointer(g)) }

// runqPut appends g to p's queue; only p's own thread calls it.
func (p *P) runqPut(g *G) {
	for !p.runqPutLocal(g) {
		if p.runqPutSlow(g) {
			return
		}
	}
}

// runqPutLocal appends g if the ring has room.
func (p *P) runqPutLocal(g *G) bool {
	h := sys.Load32(&p.runqHead)
	t := p.runqTail
	if t-h >= runqSize {
		return false
	}
	sys.Storeuintptr(&p.runq[t%runqSize], gaddr(g))
	sys.Store32(&p.runqTail, t+1)
	return true
}

// runqPutSlow moves half of the full ring, and g, to the global queue. It
// fails if thieves emptied part of the ring meanwhile (the caller retries
// the ring).
func (p *P) runqPutSlow(g *G) bool {
	h := sys.Load32(&p.runqHead)
	t := p.runqTail
	n := (t - h) / 2
	if n != runqSize/2 {
		return false
	}
	var batch [runqSize/2 + 1]uintptr
	for i := uint32(0); i < n; i++ {
		batch[i] = sys.Loaduintptr(&p.runq[(h+i)%runqSize])
	}
	if !sys.Cas32(&p.runqHead, h, h+n) {
		return false
	}
	batch[n] = gaddr(g)
	for i := uint32(0); i < n; i++ {
		gptr(batch[i]).next = gptr(batch[i+1])
	}
	gptr(batch[n]).next = nil
	p.s.globalPut(gptr(batch[0]), int(n+1))
	return true
}

// runqGet takes the coroutine at the head of p's queue.
func (p *P) runqGet() *G {
	for {
		h := sys.Load32(&p.runqHead)
		t := sys.Load32(&p.runqTail)
		if t == h {
			return nil
		}
		u := sys.Loaduintptr(&p.runq[h%runqSize])
		if sys.Cas32(&p.runqHead, h, h+1) {
			return gptr(u)
		}
	}
}

// runqLen returns the number of coroutines in p's local queue.
func (p *P) runqLen() uint32 {
	return sys.Load32(&p.runqTail) - sys.Load32(&p.runqHead)
}

// runqEmpty reports whether p's local queue is empty.
func (p *P) runqEmpty() bool {
	return sys.Load32(&p.runqHead) == sys.Load32(&p.runqTail)
}

// steal takes half of another processor's queue into p's, returning one
// of the coroutines to run now.
func (s *Sched) steal(p *P) *G {
	if s.nprocs == 1 {
		return nil
	}
	start := int(sys.Load32(&p.schedtick)) % s.nprocs
	for i := 0; i < s.nprocs; i++ {
		v := &s.procs[(start+i)%s.nprocs]
		if v == p {
			continue
		}
		if g := p.stealFrom(v); g != nil {
			return g
		}
	}
	return nil
}

// stealFrom grabs half of v's queue; the first coroutine grabbed is
// returned and the others are appended to p's queue, in order.
func (p *P) stealFrom(v *P) *G {
	for {
		h := sys.Load32(&v.runqHead)
		t := sys.Load32(&v.runqTail)
		n := t - h
		n -= n / 2
		if n == 0 {
			return nil
		}
		if n > runqSize/2 {
			continue // inconsistent read: the owner moved on
		}
		var batch [runqSize / 2]uintptr
		for i := uint32(0); i < n; i++ {
			batch[i] = sys.Loaduintptr(&v.runq[(h+i)%runqSize])
		}
		if !sys.Cas32(&v.runqHead, h, h+n) {
			continue
		}
		for i := uint32(1); i < n; i++ {
			p.runqPut(gptr(batch[i]))
		}
		return gptr(batch[0])
	}
}
