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
	// MemLimit caps the heap's committed bytes: the pages of spans in
	// use and the free pages kept committed (retained). An allocation
	// that would take them past it fails (Cache.Alloc returns nil)
	// unless retained pages can serve it; the caller may collect,
	// Scavenge(0) and try again. 0 means no cap but the reservation.
	MemLimit uintptr
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
	sweep   sweepState
	pool    spanPool

	caches  [MaxCaches]*Cache
	ncaches uintptr

	// AllocBlack makes new objects start marked. The collector sets it
	// while a mark phase is in progress, so objects allocated during
	// marking survive the cycle.
	AllocBlack bool

	noFast   bool    // Config.NoFastPath, copied into each cache
	memLimit uintptr // Config.MemLimit (0: none)

	stats Stats

	// retained estimates the bytes of free pages kept committed
	// (dirty spans): freePages gives pages back to the kernel only
	// beyond retainLimit, so that a program that frees and allocates
	// spans in turn does not madvise them away and fault them back in
	// each time.
	retained uintptr
	// goal is the heap size the collector lets the program reach before
	// its next cycle (SetGoal; 0: none): free pages up to it, and a
	// tenth more, stay committed, as Go's scavenger keeps them.
	goal uintptr
	// scavGen counts the calls of Scavenge: the scavenger's clock.
	scavGen uintptr

	zerobase uintptr // address returned for zero-size allocations
}

// central holds the spans of one span class that are not in a cache.
type central struct {
	partial spanList // at least one free slot
	full    spanList
	// unswept holds the spans a lazy sweep has not reached yet: what
	// were the partial and the full lists when it started (sweep.go).
	unswept [2]spanList
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
	h.memLimit = cfg.MemLimit
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
	// Atomic: the collector's FindObjectShared reads brk without the
	// lock while caches grow the heap.
	sys.Storeuintptr(&h.brk, h.brk+bytes)
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
// span is dirty. Under a memory limit, pages that would newly be
// committed (given back, or beyond brk) are taken only if the limit
// allows (overLimit); retained dirty pages always can be, as they are
// committed already. It returns nil when no pages can be had. Called
// with h.lock held.
func (h *Heap) allocPages(npages uintptr) *Span {
	for s := h.free.first; s != nil; s = s.next {
		if s.npages < npages || !s.dirty && h.overLimit(npages) {
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
	if h.overLimit(npages) {
		return nil
	}
	return h.grow(npages)
}

// overLimit reports whether committing npages more pages would take the
// heap past its memory limit: the pages in use plus the free pages kept
// committed count. Called with h.lock held.
func (h *Heap) overLimit(npages uintptr) bool {
	return h.memLimit != 0 && h.stats.InUse+h.retained+npages*PageBytes > h.memLimit
}

// coalesce merges the free span s, on no list, with its free neighbours
// in the same state (dirty or given back: a merged span is one or the
// other, and zeroing pages the kernel already gave back as zero would
// waste the time and the memory) and returns the merged span. The
// neighbours may be on any list (Scavenge's included).
func (h *Heap) coalesce(s *Span) *Span {
	if s.base > h.base {
		if p := *h.pageSpan(s.base - 1); p.state == spanFree && p.dirty == s.dirty {
			p.list.remove(p)
			p.freeGen = mergedGen(p, s)
			p.npages += s.npages
			h.setSpan(s.base, s.npages, p)
			h.pool.put(s)
			s = p
		}
	}
	if end := s.base + s.npages*PageBytes; end < h.brk {
		if n := *h.pageSpan(end); n.state == spanFree && n.dirty == s.dirty {
			n.list.remove(n)
			s.freeGen = mergedGen(s, n)
			s.npages += n.npages
			h.setSpan(n.base, n.npages, s)
			h.pool.put(n)
		}
	}
	return s
}

// mergedGen is the scavenger generation of two adjacent dirty free
// spans merged: that of the one with more pages (the later one if they
// are as large). With the later one always, pages freed over and over
// next to a large idle run (a span of garbage each cycle) would keep
// the whole run from ever being scavenged; with the earlier one,
// pages just freed would go back to the kernel at the next step.
func mergedGen(a, b *Span) uintptr {
	if a.npages > b.npages || a.npages == b.npages && a.freeGen > b.freeGen {
		return a.freeGen
	}
	return b.freeGen
}

// retainMin is the least retainLimit.
const retainMin = 8 << 20

// retainLimit is how many bytes of free pages the heap keeps committed:
// half the bytes in use, and at least retainMin; and, with a goal
// (SetGoal), what brings the pages in use and kept to the goal and a
// tenth: a program whose live heap rises and falls each cycle reuses
// its free pages before the next cycle instead of faulting them in
// again (Go keeps that much too, scavenging only beyond it).
func (h *Heap) retainLimit() uintptr {
	limit := max(retainMin, h.stats.InUse/2)
	if keep := h.goal + h.goal/10; keep > h.stats.InUse+limit {
		limit = keep - h.stats.InUse
	}
	return limit
}

// SetGoal sets the heap size the collector lets the program reach
// before its next cycle, 0 for none (automatic collection off): the
// free pages that, with those in use, stay under it and a tenth more
// are kept committed (retainLimit). The memory limit (Config.MemLimit)
// still bounds them. Called with the world stopped or by the one
// processor that collects.
func (h *Heap) SetGoal(bytes uintptr) { h.goal = bytes }

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
	s.freeGen = h.scavGen
	s.spanClass, s.nelems, s.elemSize, s.nalloc, s.allocCache, s.divMul, s.needZero = 0, 0, 0, 0, 0, 0, false
	s.typ = nil
	s.allocBits = [bitWords]uint64{}
	s.markBits = [bitWords]uint64{}
	s = h.coalesce(s)
	if h.retained > h.retainLimit() {
		h.release(s)
		s = h.coalesce(s)
	}
	h.free.push(s)
}

// release gives the pages of the dirty free span s, on no list, back
// to the kernel: they read as zero when reused. It returns their bytes.
func (h *Heap) release(s *Span) uintptr {
	n := s.npages * PageBytes
	sys.MadviseDontneed(h.spanAddr(s), n)
	h.stats.Released += n
	h.retained -= min(h.retained, n)
	s.dirty = false
	return n
}

// ScavengeAge is the age, in Scavenge calls, at which the runtime's
// scavenger gives free pages back (rt/lang calls Scavenge after a
// collection when 500 ms have passed since the last call, and after
// every runtime.gc()).
const ScavengeAge = 2

// Scavenge is one step of the scavenger: it advances its clock by one
// generation, then gives back to the kernel the pages of every dirty
// free span that has not been reused for age generations (freed before
// the age-th last call, and not merged since with pages freed later),
// and returns the bytes it gave back, which Stats counts in Released
// and Scavenged. Free pages kept committed under retainLimit are thus
// returned once the program stops reusing them, as Go's background
// scavenger does. It takes the heap's lock: other caches may allocate
// meanwhile.
func (h *Heap) Scavenge(age uintptr) uintptr {
	h.lock.Lock()
	h.scavGen++
	released := uintptr(0)
	if h.retained != 0 {
		// Go through the free spans from a list of their own, so that
		// coalescing can take any of them off either list.
		var todo spanList
		for s := h.free.first; s != nil; s = h.free.first {
			h.free.remove(s)
			todo.push(s)
		}
		for s := todo.first; s != nil; s = todo.first {
			todo.remove(s)
			if s.dirty && h.scavGen-s.freeGen >= age {
				released += h.release(s)
				s = h.coalesce(s)
			}
			h.free.push(s)
		}
		h.stats.Scavenged += released
	}
	h.lock.Unlock()
	return released
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
