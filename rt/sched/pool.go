package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Records (G, Sudog) come from chunks of mmap'd memory and are never
// returned to the system: a G is reused through Sched.gfree, a Sudog
// through its pool's free list.

const poolChunkBytes = 64 << 10

// gPool carves G records; the caller holds Sched.lock.
type gPool struct {
	mem  unsafe.Pointer
	off  uintptr
	size uintptr
}

func (p *gPool) get() *G {
	sz := (unsafe.Sizeof(G{}) + 15) &^ 15
	if p.mem == nil || p.off+sz > p.size {
		mem, errno := sys.Mmap(poolChunkBytes)
		if errno != 0 {
			sys.Abort("sched: out of memory for coroutines")
		}
		p.mem, p.off, p.size = mem, 0, poolChunkBytes
	}
	g := (*G)(unsafe.Add(p.mem, p.off))
	p.off += sz
	return g
}

// A Sudog is one coroutine waiting on one channel: a blocked send or
// receive, or one case of a blocked select.
type Sudog struct {
	g     *G
	next  *Sudog // in the channel's queue
	prev  *Sudog
	link  *Sudog // the G's other wait records (a select's cases)
	link2 *Sudog // Close's list of records to wake
	c     *Chan
	elem  *uint64 // the value sent, or where the value received goes
	idx   int64   // the select case
	ok    bool    // the operation completed (false: woken by close)
	send  bool
	sel   bool // part of a select: the first completion claims G.selDone
}

// sudogPool hands out Sudogs.
type sudogPool struct {
	lock mutex
	free *Sudog
	mem  unsafe.Pointer
	off  uintptr
}

func (p *sudogPool) get(g *G) *Sudog {
	p.lock.lock()
	sg := p.free
	if sg != nil {
		p.free = sg.link
	} else {
		sz := (unsafe.Sizeof(Sudog{}) + 7) &^ 7
		if p.mem == nil || p.off+sz > poolChunkBytes {
			mem, errno := sys.Mmap(poolChunkBytes)
			if errno != 0 {
				sys.Abort("sched: out of memory for wait records")
			}
			p.mem, p.off = mem, 0
		}
		sg = (*Sudog)(unsafe.Add(p.mem, p.off))
		p.off += sz
	}
	p.lock.unlock()
	*sg = Sudog{}
	sg.g = g
	return sg
}

func (p *sudogPool) put(sg *Sudog) {
	*sg = Sudog{}
	p.lock.lock()
	sg.link = p.free
	p.free = sg
	p.lock.unlock()
}
