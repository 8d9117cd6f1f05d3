package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Records (G, Sudog) come from chunks of mmap'd memory and are never
// returned to the system: a G is reused through the free lists
// (Sched.gfree, P.gfree), a Sudog through its pool's free list.

const poolChunkBytes = 64 << 10

// A RootChunk is a chunk of G records: a header, the records' root
// words (gRoots), dense, then the records, 64-byte aligned — a record
// spawned on one processor and run on another moves between their
// caches in as few lines as it spans. The collector scans the root
// words of every chunk as one range each (Sched.FirstRootChunk), where
// scanning them record by record cost a cache miss per coroutine in the
// first pause of every cycle (100 000 records for bench/co/spawn.n).
type RootChunk struct {
	next *RootChunk // the chunk made before this one
	n    uintptr    // records handed out
}

const (
	gChunkHeader  = 64
	gRecordBytes  = (unsafe.Sizeof(G{}) + 63) &^ 63
	gChunkRecords = (poolChunkBytes - gChunkHeader - 64) / (gRecordBytes + unsafe.Sizeof(gRoots{}))
	gChunkRecOff  = (gChunkHeader + gChunkRecords*unsafe.Sizeof(gRoots{}) + 63) &^ 63
)

// gPool carves G records; the caller holds Sched.lock.
type gPool struct {
	chunk *RootChunk // the newest chunk, the others linked from it
}

func (p *gPool) get() *G {
	c := p.chunk
	if c == nil || c.n == gChunkRecords {
		// Present at once: a spawning loop fills the chunk's records
		// right away, and one system call costs less than a page
		// fault per 4 KiB.
		mem, errno := sys.MmapPopulate(poolChunkBytes)
		if errno != 0 {
			sys.Abort("sched: out of memory for coroutines")
		}
		nc := (*RootChunk)(mem)
		nc.next = c
		p.chunk = nc
		c = nc
	}
	i := c.n
	c.n++
	g := (*G)(unsafe.Add(unsafe.Pointer(c), gChunkRecOff+i*gRecordBytes))
	g.roots = (*gRoots)(unsafe.Add(unsafe.Pointer(c), gChunkHeader+i*unsafe.Sizeof(gRoots{})))
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
