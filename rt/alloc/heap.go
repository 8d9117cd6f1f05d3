package alloc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Geometry of the heap.
const (
	PtrSize       = 8
	PageShift     = 13
	PageBytes     = 1 << PageShift // 8 KiB
	ArenaShift    = 26
	ArenaBytes    = 1 << ArenaShift // 64 MiB
	PagesPerArena = ArenaBytes / PageBytes

	// MaxArenas caps one heap's reservation (MaxArenas*ArenaBytes = 4 GiB).
	MaxArenas = 64
	// DefaultArenas is the reservation when Config.Arenas is 0 (1 GiB).
	DefaultArenas = 16
	// MaxCaches is the number of per-processor caches a heap can have.
	MaxCaches = 64

	pageMapBytesPerArena = PagesPerArena * PtrSize
	bitmapBytesPerArena  = ArenaBytes / PtrSize / 8
)

// Config configures a Heap.
type Config struct {
	// Arenas is how many 64 MiB arenas of address space to reserve: the
	// heap can never grow beyond Arenas*ArenaBytes. 0 means DefaultArenas.
	Arenas uintptr
	// NoFastPath makes every cache's AllocFast fail, so that each
	// allocation takes its caller's slow path (the collector's torture
	// mode collects there).
	NoFastPath bool
}

// A Heap is one independent allocator: its reservation, page heap,
// central span lists, caches and statistics. The zero value is not
// usable; call Init. A Heap must not be copied after Init.
type Heap struct {
	lock sys.Mutex

	base     uintptr // first byte of the (page-aligned) reservation
	limit    uintptr // end of the reservation
	brk      uintptr // pages below brk have been handed to the page heap
	commit   uintptr // bytes below base+commit are committed (whole arenas)
	resBase  unsafe.Pointer
	resBytes uintptr

	pageMap unsafe.Pointer // [npages]*Span: the span owning each page below brk
	bitmap  unsafe.Pointer // one bit per heap word: 1 = pointer
	mapRes  uintptr        // bytes reserved for pageMap
	bitsRes uintptr        // bytes reserved for bitmap

	free    spanList // free page runs, coalesced
	central [NumSpanClasses]central
	large   spanList // in-use large spans
	pool    spanPool

	caches  [MaxCaches]*Cache
	ncaches uintptr

	// AllocBlack makes new objects start marked. The collector sets it
	// while a mark phase is in progress, so objects allocated during
	// marking survive the cycle.
	AllocBlack bool

	noFast bool // Config.NoFastPath, copied into each cache

	stats Stats

	// retained estimates the bytes of free pages kept committed
	// (dirty spans): freePages gives pages back to the kernel only
	// beyond retainLimit, so that a program that frees and allocates
	// spans in turn does not madvise them away and fault them back in
	// each time.
	retained uintptr

	zerobase uintptr // address returned for zero-size allocations
}

// central holds the spans of one span class that are not in a cache.
type central struct {
	partial spanList // at least one free slot
	full    spanList
}

// Init reserves the heap's address space and side tables. It returns a
// non-zero Errno if the reservation fails.
func (h *Heap) Init(cfg Config) sys.Errno {
	n := cfg.Arenas
	if n == 0 {
		n = DefaultArenas
	}
	if n > MaxArenas {
		n = MaxArenas
	}
	// Reserve one extra page so the heap base can be aligned to PageBytes.
	h.resBytes = n*ArenaBytes + PageBytes
	p, errno := sys.Reserve(h.resBytes)
	if errno != 0 {
		return errno
	}
	h.resBase = p
	h.noFast = cfg.NoFastPath
	h.base = (uintptr(p) + PageBytes - 1) &^ (PageBytes - 1)
	h.limit = h.base + n*ArenaBytes
	h.brk = h.base
	h.mapRes = n * pageMapBytesPerArena
	if h.pageMap, errno = sys.Reserve(h.mapRes); errno != 0 {
		sys.Munmap(h.resBase, h.resBytes)
		return errno
	}
	h.bitsRes = n * bitmapBytesPerArena
	if h.bitmap, errno = sys.Reserve(h.bitsRes); errno != 0 {
		sys.Munmap(h.resBase, h.resBytes)
		sys.Munmap(h.pageMap, h.mapRes)
		return errno
	}
	h.stats.Reserved = n * ArenaBytes
	return 0
}

// Destroy unmaps all of the heap's memory. Every pointer into it becomes
// invalid.
func (h *Heap) Destroy() {
	sys.Munmap(h.resBase, h.resBytes)
	sys.Munmap(h.pageMap, h.mapRes)
	sys.Munmap(h.bitmap, h.bitsRes)
	h.pool.release()
	h.base, h.limit, h.brk = 0, 0, 0
}

// Base returns the address of the first heap page, and Limit the address
// past the highest page ever handed out; every heap object lies in
// [Base(), Limit()).
func (h *Heap) Base() uintptr  { return h.base }
func (h *Heap) Limit() uintptr { return h.brk }

// Capacity returns the bytes of the heap's reservation: no object can be
// larger.
func (h *Heap) Capacity() uintptr { return h.limit - h.base }

// pageSpan returns the page map slot for the page containing addr, which
// must lie in [h.base, h.brk).
func (h *Heap) pageSpan(addr uintptr) **Span {
	return (**Span)(unsafe.Add(h.pageMap, (addr-h.base)>>PageShift*PtrSize))
}

// setSpan points the page map entries of s's pages (or of npages pages
// from base) at s.
func (h *Heap) setSpan(base, npages uintptr, s *Span) {
	for i := uintptr(0); i < npages; i++ {
		*h.pageSpan(base + i*PageBytes) = s
	}
}

// grow extends the page heap by at least npages pages, committing arenas
// as needed, and returns the new pages as a span not on any list. It
// returns nil when the reservation is exhausted.
func (h *Heap) grow(npages uintptr) *Span {
	bytes := npages * PageBytes
	if bytes > h.limit-h.brk {
		return nil
	}
	for h.brk+bytes > h.base+h.commit {
		arena := h.commit / ArenaBytes
		if sys.Commit(unsafe.Pointer(h.commitAddr()), ArenaBytes) != 0 ||
			sys.Commit(unsafe.Add(h.pageMap, arena*pageMapBytesPerArena), pageMapBytesPerArena) != 0 ||
			sys.Commit(unsafe.Add(h.bitmap, arena*bitmapBytesPerArena), bitmapBytesPerArena) != 0 {
			return nil
		}
		h.commit += ArenaBytes
		h.stats.Committed = h.commit
		h.stats.Arenas++
	}
	s := h.pool.get()
	s.base, s.npages = h.brk, npages
	h.brk += bytes
	h.setSpan(s.base, npages, s)
	return s
}

// commitAddr returns the first uncommitted heap address, as a pointer
// derived from the reservation (so no integer becomes a pointer).
func (h *Heap) commitAddr() unsafe.Pointer {
	return unsafe.Add(h.resBase, h.base-uintptr(h.resBase)+h.commit)
}

// allocPages takes npages pages from the page heap, first fit, growing
// it if no free run is large enough. The pages read as zero unless the
// span is dirty. Called with h.lock held.
func (h *Heap) allocPages(npages uintptr) *Span {
	for s := h.free.first; s != nil; s = s.next {
		if s.npages < npages {
			continue
		}
		h.free.remove(s)
		if s.dirty {
			h.retained -= min(h.retained, npages*PageBytes)
		}
		if s.npages > npages {
			// Carve the front off: the remainder keeps the old record,
			// which its pages' map entries already point at.
			t := h.pool.get()
			t.base, t.npages, t.dirty = s.base, npages, s.dirty
			s.base += npages * PageBytes
			s.npages -= npages
			h.free.push(s)
			h.setSpan(t.base, npages, t)
			s = t
		}
		h.stats.PagesFree -= npages
		return s
	}
	return h.grow(npages)
}

// coalesce merges the free span s, on no list, with its free neighbours
// in the same state (dirty or given back: a merged span is one or the
// other, and zeroing pages the kernel already gave back as zero would
// waste the time and the memory) and returns the merged span.
func (h *Heap) coalesce(s *Span) *Span {
	if s.base > h.base {
		if p := *h.pageSpan(s.base - 1); p.state == spanFree && p.dirty == s.dirty {
			h.free.remove(p)
			p.npages += s.npages
			h.setSpan(s.base, s.npages, p)
			h.pool.put(s)
			s = p
		}
	}
	if end := s.base + s.npages*PageBytes; end < h.brk {
		if n := *h.pageSpan(end); n.state == spanFree && n.dirty == s.dirty {
			h.free.remove(n)
			s.npages += n.npages
			h.setSpan(n.base, n.npages, s)
			h.pool.put(n)
		}
	}
	return s
}

// retainMin is the least retainLimit.
const retainMin = 8 << 20

// retainLimit is how many bytes of free pages the heap keeps committed:
// half the bytes in use, and at least retainMin.
func (h *Heap) retainLimit() uintptr {
	return max(retainMin, h.stats.InUse/2)
}

// freePages returns s's pages to the page heap, coalesced with free
// neighbours. They stay committed (the span is dirty: its next owner
// zeroes them) while the retained free pages stay under retainLimit;
// beyond it the coalesced span is given back to the kernel and reads
// as zero when reused. Called with h.lock held.
func (h *Heap) freePages(s *Span) {
	bytes := s.npages * PageBytes
	h.retained += bytes
	h.stats.PagesFree += s.npages
	s.state = spanFree
	s.dirty = true
	s.spanClass, s.nelems, s.elemSize, s.nalloc, s.allocCache, s.divMul, s.needZero = 0, 0, 0, 0, 0, 0, false
	s.typ = nil
	s.allocBits = [bitWords]uint64{}
	s.markBits = [bitWords]uint64{}
	s = h.coalesce(s)
	if h.retained > h.retainLimit() {
		n := s.npages * PageBytes
		sys.MadviseDontneed(h.spanAddr(s), n)
		h.stats.Released += n
		h.retained -= min(h.retained, n)
		s.dirty = false
		s = h.coalesce(s)
	}
	h.free.push(s)
}

// spanAddr returns s's base as a pointer derived from the reservation.
func (h *Heap) spanAddr(s *Span) unsafe.Pointer {
	return h.Pointer(s.base)
}

// Pointer converts a heap address to a pointer without an integer to
// pointer conversion (which go vet and checkptr dislike): it offsets the
// reservation's base pointer.
func (h *Heap) Pointer(addr uintptr) unsafe.Pointer {
	return unsafe.Add(h.resBase, addr-uintptr(h.resBase))
}
