package gc

import "unsafe"

// WriteBarrier stores ptr into *slot, where slot is a pointer field of a
// heap object or a global. Compiled code calls it for every such store.
//
// While marking, it first shades the pointer being overwritten (Yuasa's
// deletion barrier: whatever was reachable at the start of the cycle
// stays reachable) and the pointer being stored (Dijkstra's insertion
// barrier: a black object never points at a white one). This is Go's
// hybrid barrier; once stacks are tracked per coroutine, the insertion
// half will apply only while the current coroutine's stack is grey.
// Outside marking it is a plain store: a load, a branch and the store,
// inlined into the caller.
//
//naturekit:inline
func (h *Heap) WriteBarrier(slot *unsafe.Pointer, ptr unsafe.Pointer) {
	if h.phase == phaseMark {
		h.shadeBoth(*slot, ptr)
	}
	*slot = ptr
}

// shadeBoth is the barrier's work while marking: it shades the old and
// the new value of a slot.
func (h *Heap) shadeBoth(old, ptr unsafe.Pointer) {
	if h.shared {
		h.shadeShared(uintptr(old), true)
		h.shadeShared(uintptr(ptr), true)
		return
	}
	if h.shade(uintptr(old)) {
		h.stats.BarrierShades++
	}
	if h.shade(uintptr(ptr)) {
		h.stats.BarrierShades++
	}
}
