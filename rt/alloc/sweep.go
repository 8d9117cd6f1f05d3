package alloc

import "github.com/naturekit/naturekit/rt/sys"

// FlushCaches returns every cache's current spans to the central lists and
// folds the caches' counters into the heap's. The world must be stopped.
func (h *Heap) FlushCaches() {
	h.lock.Lock()
	for i := uintptr(0); i < h.ncaches; i++ {
		c := h.caches[i]
		c.flushStatsLocked()
		for sc := range c.spans {
			if s := c.spans[sc]; s != nil {
				h.central[sc].put(s)
				c.spans[sc] = nil
			}
		}
	}
	h.lock.Unlock()
}

// SpanOf returns the span in use holding addr, which must be the
// address of an allocated object (the collector's grey objects): a page
// map lookup, without FindObject's checks.
//
//naturekit:inline
func (h *Heap) SpanOf(addr uintptr) *Span { return *h.pageSpan(addr) }

// FindObject returns the span, index and base address of the allocated
// object containing addr, which may point anywhere inside it. For any
// other address — outside the heap, in a free page, in a span's tail
// waste or in a free slot — s is nil. It takes O(1) time. Inlined: the
// collector's shade calls it for every pointer it follows.
//
//naturekit:inline
func (h *Heap) FindObject(addr uintptr) (s *Span, idx, base uintptr) {
	return h.findObject(addr, h.brk)
}

// FindObjectShared is FindObject while other processors may allocate,
// growing the heap: it loads the high-water mark atomically. The
// collector's concurrent mark and write barriers use it.
//
//naturekit:inline
func (h *Heap) FindObjectShared(addr uintptr) (s *Span, idx, base uintptr) {
	return h.findObject(addr, sys.Loaduintptr(&h.brk))
}

// LimitShared is Limit while other processors may grow the heap.
func (h *Heap) LimitShared() uintptr { return sys.Loaduintptr(&h.brk) }

// findObject is FindObject with brk, the heap's high-water mark, given.
//
//naturekit:inline
func (h *Heap) findObject(addr, brk uintptr) (s *Span, idx, base uintptr) {
	if addr < h.base || addr >= brk {
		return nil, 0, 0
	}
	s = *h.pageSpan(addr)
	if s == nil || s.state == spanFree {
		return nil, 0, 0
	}
	idx = (addr - s.base) * uintptr(s.divMul) >> 32
	if idx >= s.nelems || !s.allocated(idx) {
		return nil, 0, 0
	}
	return s, idx, s.base + idx*s.elemSize
}

// Sweep frees every allocated object that is not marked, clears all marks,
// returns spans without live objects to the page heap (and so to the
// kernel), and reports how many objects and slot bytes it freed. Caches
// are flushed first. The world must be stopped. It is StartSweep and
// SweepSome(0): the whole lazy sweep at once.
func (h *Heap) Sweep() (objects, bytes uintptr) {
	h.StartSweep()
	h.SweepSome(0)
	return h.Swept()
}

// Lazy sweeping. StartSweep, with the world stopped at the end of a
// mark, flushes the caches and moves every in-use span to the unswept
// lists (each class's partial and full lists, and the large list, as
// they are: no span is touched). Then, while the program runs, a cache
// refill sweeps the spans of its class it takes (sweepForCache) and
// SweepSome the rest, a few at a time, each under the heap's lock; a
// span is in a cache only once swept, and the mark bits of unswept
// spans are what the mark left. The next mark must not start before
// the sweep ends (Sweeping): the collector calls SweepSome(0) first.

// sweepState is the lazy sweep's progress.
type sweepState struct {
	large   spanList // large spans not swept yet
	pending uintptr  // spans not swept yet (atomic: Sweeping reads it)
	cursor  uintptr  // the class SweepSome looks at first
	objects uintptr  // freed since StartSweep
	bytes   uintptr
}

// sweepForCacheMax bounds the full spans a refill sweeps looking for a
// free slot before it takes a new span instead.
const sweepForCacheMax = 64

// StartSweep begins a lazy sweep of the marks just made (above). The
// world must be stopped, and no sweep in progress.
func (h *Heap) StartSweep() {
	h.FlushCaches()
	h.lock.Lock()
	if h.sweep.pending != 0 {
		h.lock.Unlock()
		sys.Abort("alloc: a sweep started before the last one ended")
	}
	n := uintptr(0)
	for sc := range h.central {
		cl := &h.central[sc]
		// Whole lists move: a span's list field stays stale, which only
		// free spans' coalescing reads.
		cl.unswept[0], cl.partial = cl.partial, spanList{}
		cl.unswept[1], cl.full = cl.full, spanList{}
		n += cl.unswept[0].n + cl.unswept[1].n
	}
	h.sweep.large, h.large = h.large, spanList{}
	n += h.sweep.large.n
	h.sweep.cursor, h.sweep.objects, h.sweep.bytes = 0, 0, 0
	h.stats.Sweeps++
	sys.Storeuintptr(&h.sweep.pending, n)
	h.lock.Unlock()
}

// Sweeping reports whether a lazy sweep has spans left to sweep.
func (h *Heap) Sweeping() bool { return sys.Loaduintptr(&h.sweep.pending) != 0 }

// Swept returns the objects and slot bytes the last sweep has freed so
// far.
func (h *Heap) Swept() (objects, bytes uintptr) {
	h.lock.Lock()
	objects, bytes = h.sweep.objects, h.sweep.bytes
	h.lock.Unlock()
	return objects, bytes
}

// SweepSome sweeps up to budget unswept spans (all of them if budget is
// 0), taking the heap's lock for each batch of 16 so that caches can
// refill in between, and reports whether the sweep is over.
func (h *Heap) SweepSome(budget uintptr) bool {
	for n := uintptr(0); budget == 0 || n < budget; {
		h.lock.Lock()
		for k := 0; k < 16 && (budget == 0 || n < budget); k, n = k+1, n+1 {
			if !h.sweepNextLocked() {
				h.lock.Unlock()
				return true
			}
		}
		h.lock.Unlock()
	}
	return !h.Sweeping()
}

// sweepNextLocked sweeps one unswept span and reports false when there
// is none left. Called with h.lock held.
func (h *Heap) sweepNextLocked() bool {
	for ; h.sweep.cursor < NumSpanClasses; h.sweep.cursor++ {
		cl := &h.central[h.sweep.cursor]
		for k := range cl.unswept {
			if s := cl.unswept[k].first; s != nil {
				cl.unswept[k].remove(s)
				h.sweepSmallLocked(s)
				if s.nalloc == 0 {
					h.releaseSpan(s)
				} else {
					cl.put(s)
				}
				return true
			}
		}
	}
	s := h.sweep.large.first
	if s == nil {
		return false
	}
	h.sweep.large.remove(s)
	h.sweptOne()
	if !s.Marked(0) {
		h.freed(1, s.elemSize)
		s.nalloc = 0
		h.releaseSpan(s)
	} else {
		s.markBits[0] = 0
		h.large.push(s)
	}
	return true
}

// sweepForCache returns a swept span of class cl with a free slot
// from cl's unswept lists, for a cache to take, or nil: the partial
// ones first; full ones that stay full go to cl.full, at most
// sweepForCacheMax of them. Called with h.lock held.
func (h *Heap) sweepForCache(cl *central) *Span {
	for k, tries := 0, 0; k < len(cl.unswept); k++ {
		for s := cl.unswept[k].first; s != nil && tries < sweepForCacheMax; s, tries = cl.unswept[k].first, tries+1 {
			cl.unswept[k].remove(s)
			h.sweepSmallLocked(s)
			if s.nalloc < s.nelems {
				return s
			}
			cl.full.push(s)
		}
	}
	return nil
}

// sweepSmallLocked sweeps the small span s, on no list, and counts it.
func (h *Heap) sweepSmallLocked(s *Span) {
	o, b := h.sweepSpan(s)
	h.freed(o, b)
	h.sweptOne()
}

// sweptOne counts a span swept.
func (h *Heap) sweptOne() {
	sys.Storeuintptr(&h.sweep.pending, h.sweep.pending-1)
}

// freed counts objects and bytes a sweep freed. Called with h.lock held.
func (h *Heap) freed(objects, bytes uintptr) {
	h.sweep.objects += objects
	h.sweep.bytes += bytes
	h.stats.Frees += objects
	h.stats.FreeBytes += bytes
	h.stats.LiveObjects -= objects
	sys.Adduintptr(&h.stats.Live, -bytes)
}

// sweepSpan makes s's marks its allocation bits.
func (h *Heap) sweepSpan(s *Span) (objects, bytes uintptr) {
	var live uintptr
	for i := range s.allocBits {
		freed := s.allocBits[i] &^ s.markBits[i]
		objects += popcount64(freed)
		s.allocBits[i] = s.markBits[i]
		s.markBits[i] = 0
		live += popcount64(s.allocBits[i])
	}
	if objects != 0 {
		s.needZero = true
	}
	s.nalloc = live
	s.resetFree()
	return objects, objects * s.elemSize
}

// releaseSpan gives an empty in-use span back to the page heap.
func (h *Heap) releaseSpan(s *Span) {
	h.stats.SpansInUse--
	h.stats.InUse -= s.npages * PageBytes
	h.freePages(s)
}
