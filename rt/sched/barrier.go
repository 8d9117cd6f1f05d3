package sched

import "unsafe"

// The scheduler's own stores into collected memory and root words go
// through the collector's write barrier while a cycle marks (Config.Heap;
// docs/runtime.md, "Stores the runtime makes"): values put into or taken
// out of a channel's ring, a future's result and error, and the root
// words of a coroutine being spawned. Outside marking they are plain
// stores, as they are without a heap (host tests of the scheduler alone).

// marking reports whether the collector of Config.Heap is marking.
func (s *Sched) marking() bool { return s.cfg.Heap != nil && s.cfg.Heap.Marking() }

// storeWord stores v, a value word that may hold a pointer the
// collector traces, into *slot: a word of a collected object or a root
// word. While the collector marks, the barrier shades the old value and
// v.
func (s *Sched) storeWord(slot *uint64, v uint64) {
	if s.marking() {
		s.cfg.Heap.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(slot)), *(*unsafe.Pointer)(unsafe.Pointer(&v)))
		return
	}
	*slot = v
}

// storePtr is storeWord for a word of pointer type.
func (s *Sched) storePtr(slot *unsafe.Pointer, p unsafe.Pointer) {
	if s.marking() {
		s.cfg.Heap.WriteBarrier(slot, p)
		return
	}
	*slot = p
}
