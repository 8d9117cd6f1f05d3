//go:build !naturekit || !amd64

package gc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// markLocal pops and scans grey objects while the mark is not shared
// (no other processor marks or allocates): up to limit of them, from
// the worklist's top chunk, every pointer into an allocated white
// object shaded (shadeLocal) and pushed; it returns how many. Popped
// objects wait in a ring of ringObjs and are scanned in the order
// popped, so that natively on amd64, where markLocal is written by hand
// (mark_amd64.asm) and this is what it does step for step, each has
// been prefetched while the ones before it were scanned. Popping stops
// while the ring is full, at limit, when the top chunk is empty, and at
// an object whose pointer bits do not lie in one bitmap word, which
// stays on the worklist for MarkSome.
func markLocal(h *Heap, limit uintptr) uintptr {
	var ring [ringObjs]uintptr
	n, head, k := uintptr(0), uintptr(0), uintptr(0)
	for {
		for k < ringObjs && n < limit {
			c := h.work.top
			if c == nil || c.n == 0 {
				break
			}
			base := c.objs[c.n-1]
			_, sh := h.Mem.PointerWord(base)
			if sh+h.Mem.SpanOf(base).ElemSize()/alloc.PtrSize > 64 {
				break
			}
			c.n--
			h.work.n--
			n++
			ring[(head+k)%ringObjs] = base
			k++
		}
		if k == 0 {
			return n
		}
		base := ring[head]
		head = (head + 1) % ringObjs
		k--
		words := h.Mem.SpanOf(base).ElemSize() / alloc.PtrSize
		bits, sh := h.Mem.PointerWord(base)
		p := h.Mem.Pointer(base)
		m := *bits >> sh
		if words < 64 {
			m &= 1<<words - 1
		}
		for m != 0 {
			v := *(*uintptr)(unsafe.Add(p, alloc.Ctz64(m)*alloc.PtrSize))
			m &= m - 1
			h.shadeLocal(v) // FindObject ignores what is not in the heap
		}
	}
}
