package alloc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// A Cache is one processor's allocation cache: a current span per span
// class, from which it allocates without locking. Only its processor may
// use it. Counters are kept locally and folded into the heap's on refill
// and flush.
type Cache struct {
	heap  *Heap
	spans [NumSpanClasses]*Span

	allocs     uintptr // objects allocated since the last flush
	allocBytes uintptr // their slot bytes
}

// InitCache attaches c to h. The heap remembers it so that the collector
// can flush every cache when the world is stopped.
func (h *Heap) InitCache(c *Cache) {
	h.lock.Lock()
	if h.ncaches == MaxCaches {
		sys.Abort("alloc: too many caches")
	}
	c.heap = h
	h.caches[h.ncaches] = c
	h.ncaches++
	h.lock.Unlock()
}

// Heap returns the heap c allocates from.
func (c *Cache) Heap() *Heap { return c.heap }

// Pending returns the bytes c has allocated that the heap's counters do
// not show yet.
func (c *Cache) Pending() uintptr { return c.allocBytes }

// Alloc returns a zeroed object holding n values of type t, aligned to
// t.Align (and at least 8). Its pointer words, per t.GCBits, are recorded
// for the collector. It aborts when the heap's reservation is exhausted.
func (c *Cache) Alloc(t *Type, n uintptr) unsafe.Pointer {
	size := t.Size * n
	if n != 0 && size/n != t.Size {
		sys.Abort("alloc: allocation size overflows")
	}
	h := c.heap
	if size == 0 {
		return unsafe.Pointer(&h.zerobase)
	}
	align := t.Align
	if align < PtrSize {
		align = PtrSize
	}
	noscan := t.PtrBytes == 0
	var p uintptr
	if class := SizeToClass(size, align); class != 0 {
		p = c.allocSmall(class, noscan)
	} else {
		p = h.allocLarge(size, noscan)
	}
	if !noscan {
		h.writePtrBits(p, t, n)
	}
	return h.Pointer(p)
}

// allocSmall takes a slot from the cache's span of the given class.
func (c *Cache) allocSmall(class uint8, noscan bool) uintptr {
	sc := class << 1
	if noscan {
		sc |= 1
	}
	s := c.spans[sc]
	if s == nil || s.nalloc == s.nelems {
		s = c.refill(sc)
	}
	idx := s.nextFree()
	if idx == s.nelems {
		sys.Abort("alloc: refilled span is full")
	}
	p := s.base + idx*s.elemSize
	if s.needZero {
		sys.Memclr(c.heap.Pointer(p), s.elemSize)
	}
	if c.heap.AllocBlack {
		s.SetMarked(idx)
	}
	c.allocs++
	c.allocBytes += s.elemSize
	return p
}

// refill replaces the cache's span of class sc by one with free slots.
func (c *Cache) refill(sc uint8) *Span {
	h := c.heap
	h.lock.Lock()
	c.flushStatsLocked()
	if old := c.spans[sc]; old != nil {
		h.central[sc].put(old)
	}
	cl := &h.central[sc]
	s := cl.partial.first
	if s != nil {
		cl.partial.remove(s)
	} else {
		s = h.newSmallSpan(sc)
	}
	h.lock.Unlock()
	c.spans[sc] = s
	return s
}

// put files a span that left a cache under partial or full.
func (cl *central) put(s *Span) {
	if s.nalloc == s.nelems {
		cl.full.push(s)
	} else {
		cl.partial.push(s)
	}
}

// newSmallSpan makes a fresh span for span class sc. Called with h.lock
// held.
func (h *Heap) newSmallSpan(sc uint8) *Span {
	class := sc >> 1
	s := h.allocPages(uintptr(classPages[class]))
	if s == nil {
		h.lock.Unlock()
		sys.Abort("alloc: out of memory")
	}
	s.state = spanSmall
	s.spanClass = sc
	s.elemSize = uintptr(classSize[class])
	s.nelems = s.npages * PageBytes / s.elemSize
	h.stats.SpansInUse++
	h.stats.InUse += s.npages * PageBytes
	return s
}

// allocLarge gives an object of more than MaxSmallSize bytes (or with an
// alignment no class serves) its own span.
func (h *Heap) allocLarge(size uintptr, noscan bool) uintptr {
	npages := (size + PageBytes - 1) >> PageShift
	h.lock.Lock()
	s := h.allocPages(npages)
	if s == nil {
		h.lock.Unlock()
		sys.Abort("alloc: out of memory")
	}
	s.state = spanLarge
	s.spanClass = 0
	if noscan {
		s.spanClass = 1
	}
	s.elemSize = npages * PageBytes
	s.nelems = 1
	s.allocBits[0] = 1
	s.nalloc = 1
	s.freeIndex = 1
	if h.AllocBlack {
		s.SetMarked(0)
	}
	h.large.push(s)
	h.stats.SpansInUse++
	h.stats.InUse += s.elemSize
	h.stats.Allocs++
	h.stats.AllocBytes += s.elemSize
	sys.Adduintptr(&h.stats.Live, s.elemSize)
	h.stats.LiveObjects++
	h.lock.Unlock()
	return s.base
}

// flushStatsLocked folds the cache's counters into the heap's.
func (c *Cache) flushStatsLocked() {
	st := &c.heap.stats
	st.Allocs += c.allocs
	st.AllocBytes += c.allocBytes
	st.LiveObjects += c.allocs
	sys.Adduintptr(&st.Live, c.allocBytes)
	c.allocs, c.allocBytes = 0, 0
}

// writePtrBits records the pointer words of n values of type t at p and
// clears the bits of the rest of the slot (the slot may have held another
// type before).
func (h *Heap) writePtrBits(p uintptr, t *Type, n uintptr) {
	words := t.Size / PtrSize
	bits, shift := h.PointerBits(p)
	for e := uintptr(0); e < n; e++ {
		for w := uintptr(0); w < words; w++ {
			if t.ptrBit(w) {
				*bits |= 1 << shift
			} else {
				*bits &^= 1 << shift
			}
			shift++
			if shift == 8 {
				bits = (*uint8)(unsafe.Add(unsafe.Pointer(bits), 1))
				shift = 0
			}
		}
	}
}

// PointerBits returns the bitmap byte and bit holding the pointer bit of
// the heap word at addr. Consecutive words use consecutive bits,
// continuing into the next byte after bit 7.
func (h *Heap) PointerBits(addr uintptr) (*uint8, uint) {
	w := (addr - h.base) / PtrSize
	return (*uint8)(unsafe.Add(h.bitmap, w/8)), uint(w % 8)
}
