package alloc

import "github.com/naturekit/naturekit/rt/sys"

// Stats are a heap's counters. Byte counts of objects are slot sizes
// (the size class, or whole pages for a large object), which is what the
// heap actually spends.
type Stats struct {
	Reserved  uintptr // address space reserved
	Committed uintptr // address space made accessible (whole arenas)
	Arenas    uintptr // arenas committed

	InUse      uintptr // bytes in spans holding objects
	SpansInUse uintptr
	PagesFree  uintptr // pages in the page heap's free spans
	Released   uintptr // bytes given back with madvise, cumulative
	Scavenged  uintptr // of Released, what Scavenge gave back
	Retained   uintptr // bytes of free pages kept committed (dirty)

	Live        uintptr // bytes of allocated objects not yet swept away
	LiveObjects uintptr
	Allocs      uintptr // objects allocated, cumulative
	AllocBytes  uintptr
	Frees       uintptr // objects freed by sweeping, cumulative
	FreeBytes   uintptr
	Sweeps      uintptr
}

// Stats returns the heap's counters, including what caches have not
// flushed yet. The world must be stopped.
func (h *Heap) Stats() Stats {
	h.lock.Lock()
	st := h.stats
	st.Retained = h.retained
	for i := uintptr(0); i < h.ncaches; i++ {
		c := h.caches[i]
		st.Allocs += c.allocs
		st.AllocBytes += c.allocBytes
		st.LiveObjects += c.allocs
		st.Live += c.allocBytes
	}
	h.lock.Unlock()
	return st
}

// Scavenged returns the bytes Scavenge has given back so far. Unlike
// Stats it may be called while caches allocate.
func (h *Heap) Scavenged() uintptr {
	h.lock.Lock()
	n := h.stats.Scavenged
	h.lock.Unlock()
	return n
}

// LiveBytes returns the heap's live-byte counter without the caches'
// unflushed allocations (see Cache.Pending). It is what the collector's
// trigger reads on the allocation path; Live is only ever updated
// atomically, so this may be called while other caches allocate.
func (h *Heap) LiveBytes() uintptr { return sys.Loaduintptr(&h.stats.Live) }
