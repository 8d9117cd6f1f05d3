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
	if addr < h.base || addr >= h.brk {
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
// are flushed first. The world must be stopped.
func (h *Heap) Sweep() (objects, bytes uintptr) {
	h.FlushCaches()
	h.lock.Lock()
	for sc := range h.central {
		cl := &h.central[sc]
		// Detach both lists, then refile each span after sweeping it.
		var todo spanList
		h.moveAll(&todo, &cl.partial)
		h.moveAll(&todo, &cl.full)
		for s := todo.first; s != nil; s = todo.first {
			todo.remove(s)
			o, b := h.sweepSpan(s)
			objects += o
			bytes += b
			if s.nalloc == 0 {
				h.releaseSpan(s)
			} else {
				cl.put(s)
			}
		}
	}
	for s := h.large.first; s != nil; {
		next := s.next
		if !s.Marked(0) {
			h.large.remove(s)
			objects++
			bytes += s.elemSize
			s.nalloc = 0
			h.releaseSpan(s)
		} else {
			s.markBits[0] = 0
		}
		s = next
	}
	h.stats.Frees += objects
	h.stats.FreeBytes += bytes
	h.stats.LiveObjects -= objects
	sys.Adduintptr(&h.stats.Live, -bytes)
	h.stats.Sweeps++
	h.lock.Unlock()
	return objects, bytes
}

func (h *Heap) moveAll(dst, src *spanList) {
	for s := src.first; s != nil; s = src.first {
		src.remove(s)
		dst.push(s)
	}
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
