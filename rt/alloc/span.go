package alloc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// maxSpanObjects bounds the objects in one span (class 1: 8 KiB / 8 B),
// so allocation and mark bits fit inline.
const maxSpanObjects = PageBytes / 8

const bitWords = maxSpanObjects / 64

// Span states.
const (
	spanFree  uint8 = iota // pages in the page heap
	spanSmall              // objects of one size class
	spanLarge              // one large object
)

// A Span is a run of pages. Span records live in runtime-owned memory
// (see spanPool), never in the Go heap.
type Span struct {
	next, prev *Span
	list       *spanList // list the span is on, nil if none (in a cache)

	base   uintptr // address of the first page
	npages uintptr

	state     uint8
	spanClass uint8 // class<<1 | noscan
	needZero  bool  // some slot was freed by a sweep and may hold old data
	// dirty, on a free span, says that some of its pages were freed
	// without being given back to the kernel and may hold old data
	// (Heap.freePages); its new owner zeroes them.
	dirty bool
	// freeGen, on a dirty free span, is the scavenger generation in
	// which its pages were last freed (Heap.Scavenge).
	freeGen uintptr

	elemSize uintptr // object size; npages*PageBytes for a large span
	nelems   uintptr
	nalloc   uintptr // set bits in allocBits
	// divMul turns an offset into the span into an object index without
	// a division: off/elemSize == off*divMul>>32 for every offset within
	// the span (Go's divMagic; TestDivMul checks every class). 0 for a
	// large span, whose one object has index 0.
	divMul uint64
	// typ, in a scan span, is the type every slot's pointer bits hold
	// (typeSpan wrote them when the span was made; only values of typ
	// have been allocated from it): allocating a typ needs no bitmap
	// write. nil: the slots' bits are written at each allocation.
	typ *Type

	// allocCache holds the free slots of allocBits word cacheWord that
	// have not been handed out yet (bit i: slot cacheWord*64+i); no
	// free slot lies in a word below cacheWord outside it. Allocation
	// takes its lowest bit (Cache.AllocFast); when it is empty,
	// nextFree loads the next word with a free slot. resetFree starts
	// over from word 0.
	allocCache uint64
	cacheWord  uintptr

	allocBits [bitWords]uint64 // 1 = slot holds an object
	markBits  [bitWords]uint64 // 1 = object reached in the current cycle
}

// Base returns the address of the span's first object.
func (s *Span) Base() uintptr { return s.base }

// ElemSize returns the size of the span's objects.
func (s *Span) ElemSize() uintptr { return s.elemSize }

// Noscan reports whether the span's objects hold no pointers.
func (s *Span) Noscan() bool { return s.spanClass&1 != 0 }

// Marked reports whether object idx carries a mark.
func (s *Span) Marked(idx uintptr) bool { return s.markBits[idx/64]>>(idx%64)&1 != 0 }

// SetMarked marks object idx.
//
//naturekit:inline
func (s *Span) SetMarked(idx uintptr) { s.markBits[idx/64] |= 1 << (idx % 64) }

// TryMark marks object idx unless it is marked already and reports
// whether it did: a compare-and-swap on the mark-bit word, so that the
// collector, write barriers and black allocation on several processors
// can race for one object (or for neighbours sharing the word) and
// exactly one wins, no mark lost.
func (s *Span) TryMark(idx uintptr) bool {
	w := &s.markBits[idx/64]
	bit := uint64(1) << (idx % 64)
	for {
		old := sys.Load64(w)
		if old&bit != 0 {
			return false
		}
		if sys.Cas64(w, old, old|bit) {
			return true
		}
	}
}

// ClearMarked removes the mark of object idx (used by tests and by a
// barrier that re-greys an object).
func (s *Span) ClearMarked(idx uintptr) { s.markBits[idx/64] &^= 1 << (idx % 64) }

func (s *Span) allocated(idx uintptr) bool { return s.allocBits[idx/64]>>(idx%64)&1 != 0 }

// resetFree makes the next allocation look for a free slot from the
// start of the span, after its allocation bits changed (a sweep, a
// span taken from the central lists).
func (s *Span) resetFree() {
	s.allocCache = 0
	s.cacheWord = ^uintptr(0)
}

// nextFree claims the lowest free slot at or after the allocation cache
// and returns its index, or s.nelems if the span is full.
func (s *Span) nextFree() uintptr {
	if s.allocCache == 0 && !s.loadCache() {
		return s.nelems
	}
	return s.takeCached()
}

// loadCache loads the next allocation bits word with a free slot into
// the allocation cache, and reports false when there is none.
func (s *Span) loadCache() bool {
	for w := s.cacheWord + 1; w*64 < s.nelems; w++ {
		free := ^s.allocBits[w%bitWords]
		if rest := s.nelems - w*64; rest < 64 {
			free &= 1<<rest - 1
		}
		if free != 0 {
			s.cacheWord = w
			s.allocCache = free
			return true
		}
	}
	s.cacheWord = s.nelems / 64
	return false
}

// takeCached claims the lowest slot of the non-empty allocation cache.
//
//naturekit:inline
func (s *Span) takeCached() uintptr {
	m := s.allocCache
	bit := ctz64(m)
	s.allocCache = m & (m - 1)
	s.allocBits[s.cacheWord%bitWords] |= 1 << (bit % 64)
	s.nalloc++
	return s.cacheWord*64 + bit
}

// spanList is a doubly linked list of spans.
type spanList struct {
	first *Span
	n     uintptr
}

func (l *spanList) push(s *Span) {
	s.prev = nil
	s.next = l.first
	if l.first != nil {
		l.first.prev = s
	}
	l.first = s
	s.list = l
	l.n++
}

func (l *spanList) remove(s *Span) {
	if s.prev != nil {
		s.prev.next = s.next
	} else {
		l.first = s.next
	}
	if s.next != nil {
		s.next.prev = s.prev
	}
	s.next, s.prev, s.list = nil, nil, nil
	l.n--
}

// spanPool hands out Span records from chunks of mmap'd memory and
// recycles freed ones. Chunks are kept until the heap is destroyed.
type spanPool struct {
	free   *Span
	chunks *poolChunk
	nused  uintptr
}

type poolChunk struct {
	next *poolChunk
	size uintptr
}

const poolChunkBytes = 64 << 10

func (p *spanPool) get() *Span {
	if p.free == nil {
		p.grow()
	}
	s := p.free
	p.free = s.next
	sys.Memclr(unsafe.Pointer(s), unsafe.Sizeof(Span{}))
	p.nused++
	return s
}

func (p *spanPool) put(s *Span) {
	s.next = p.free
	p.free = s
	p.nused--
}

func (p *spanPool) grow() {
	mem, errno := sys.Mmap(poolChunkBytes)
	if errno != 0 {
		sys.Abort("alloc: out of memory for span records")
	}
	c := (*poolChunk)(mem)
	c.next, c.size = p.chunks, poolChunkBytes
	p.chunks = c
	sz := unsafe.Sizeof(Span{})
	for off := (unsafe.Sizeof(poolChunk{}) + 7) &^ 7; off+sz <= poolChunkBytes; off += sz {
		s := (*Span)(unsafe.Add(mem, off))
		s.next = p.free
		p.free = s
	}
}

func (p *spanPool) release() {
	for c := p.chunks; c != nil; {
		next := c.next
		sys.Munmap(unsafe.Pointer(c), c.size)
		c = next
	}
	p.chunks, p.free = nil, nil
}
