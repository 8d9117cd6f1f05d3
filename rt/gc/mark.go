package gc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// shade greys the object containing addr if addr points into an
// allocated object that is still white. Pointer-free objects turn black
// at once, since there is nothing to scan. Not inlined (it would be, as
// two calls, with shadeLocal then inlined into it): one copy of the
// collector's shading serves roots, scanLong and the barrier.
//
//naturekit:noinline
func (h *Heap) shade(addr uintptr) bool {
	if h.shared {
		return h.shadeShared(addr, false)
	}
	return h.shadeLocal(addr)
}

// shadeLocal is shade while the mark is not shared (no other processor
// marks or allocates): plain reads and writes of the mark bits. Inlined
// into shade and into markLocal's loop (mark_go.go).
//
//naturekit:inline
func (h *Heap) shadeLocal(addr uintptr) bool {
	s, idx, base := h.Mem.FindObject(addr)
	if s == nil || s.Marked(idx) {
		return false
	}
	s.SetMarked(idx)
	h.stats.MarkedObjects++
	h.stats.MarkedBytes += s.ElemSize()
	if !s.Noscan() {
		h.work.push(base)
	}
	return true
}

// scanRange scans [p, p+size) conservatively: every aligned word that
// points into an allocated object shades it.
func (h *Heap) scanRange(p unsafe.Pointer, size uintptr) {
	lo, hi := h.Mem.Base(), h.Mem.Limit()
	for off := uintptr(0); off+alloc.PtrSize <= size; off += alloc.PtrSize {
		v := *(*uintptr)(unsafe.Add(p, off))
		if v >= lo && v < hi {
			h.shade(v)
		}
	}
	h.stats.RootBytes += size
}

// ScanRange shades, in the current cycle only, every object that a word
// of [p, p+size) points into: roots the caller knows of and does not
// register, such as the stacks of suspended coroutines. Call it between
// BeginCycle and FinishCycle, with the world stopped.
func (h *Heap) ScanRange(p unsafe.Pointer, size uintptr) {
	if h.phase != phaseMark {
		return
	}
	h.scanRange(p, size)
}

// scanRoots shades everything the root ranges point at.
func (h *Heap) scanRoots() {
	for i := uintptr(0); i < h.nroots; i++ {
		if r := h.roots[i]; r.start != nil {
			h.scanRange(r.start, r.size)
		}
	}
}

// Heap objects are scanned precisely: only words whose pointer bit is
// set are looked at, found 64 bitmap bits at a time (lowest set bit
// first). A grey object's span is a page map lookup away (shade found
// it). The usual case — the object's bits in one bitmap word, the mark
// not shared — is markLocal's, a loop over the worklist's top chunk
// (mark_go.go, or by hand: mark_amd64.asm); scanLong does the rest.

// ringObjs is how many popped objects markLocal keeps before scanning
// them: the distance of its prefetches.
const ringObjs = 32

// scanLong scans the object at base, any object, the mark shared or
// not.
func (h *Heap) scanLong(base uintptr) {
	words := h.Mem.SpanOf(base).ElemSize() / alloc.PtrSize
	bits, sh := h.Mem.PointerWord(base)
	p := h.Mem.Pointer(base)
	lo, hi := h.Mem.Base(), h.limit()
	for w := uintptr(0); w < words; {
		m := *bits >> sh // the bits of words w, w+1, …
		n := 64 - sh
		if words-w < n {
			n = words - w
			m &= 1<<n - 1
		}
		for m != 0 {
			v := *(*uintptr)(unsafe.Add(p, (w+alloc.Ctz64(m))*alloc.PtrSize))
			m &= m - 1
			if v >= lo && v < hi {
				h.shade(v)
			}
		}
		w += n
		bits = (*uint64)(unsafe.Add(unsafe.Pointer(bits), 8))
		sh = 0
	}
}

// limit returns the heap's high-water mark: loaded atomically while the
// mark is shared (other processors grow the heap).
//
//naturekit:inline
func (h *Heap) limit() uintptr {
	if h.shared {
		return h.Mem.LimitShared()
	}
	return h.Mem.Limit()
}

// MarkSome scans up to budget grey objects (all of them if budget is 0)
// and reports whether none is left: the worklist and the write
// barriers' grey list (conc.go) empty.
func (h *Heap) MarkSome(budget uintptr) bool {
	limit := budget
	if limit == 0 {
		limit = ^uintptr(0)
	}
	for n := uintptr(0); n < limit; n++ {
		if !h.shared {
			if n += markLocal(h, limit-n); n == limit {
				break
			}
		}
		obj := h.work.pop()
		if obj == 0 {
			if !h.takeGreys() {
				return true
			}
			continue
		}
		h.scanLong(obj)
	}
	return h.work.empty() && !h.greysLeft()
}

// greysLeft reports whether the grey list holds objects.
func (h *Heap) greysLeft() bool {
	h.greyLock.Lock()
	n := h.greys.n
	h.greyLock.Unlock()
	return n != 0
}
