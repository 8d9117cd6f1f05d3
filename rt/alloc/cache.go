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

	noFast bool // AllocFast always fails (Config.NoFastPath)
}

// InitCache attaches c to h. The heap remembers it so that the collector
// can flush every cache when the world is stopped.
func (h *Heap) InitCache(c *Cache) {
	h.lock.Lock()
	if h.ncaches == MaxCaches {
		sys.Abort("alloc: too many caches")
	}
	c.heap = h
	c.noFast = h.noFast
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
// for the collector. It returns nil when the heap cannot hold it: its
// reservation is exhausted or its memory limit reached (Config.MemLimit),
// or the object is larger than the heap. It tries AllocFast first; the
// rest is the slow path (a span refill, a large object).
func (c *Cache) Alloc(t *Type, n uintptr) unsafe.Pointer {
	if p := c.AllocFast(t, n); p != nil {
		return p
	}
	size := t.Size * n
	h := c.heap
	if n != 0 && size/n != t.Size || size > h.Capacity() {
		return nil // larger than the heap
	}
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
		p = c.allocSmall(class, t, n)
	} else if p = h.allocLarge(size, noscan); p != 0 && !noscan {
		h.writePtrBits(p, t, n)
	}
	if p == 0 {
		return nil
	}
	return h.Pointer(p)
}

// AllocFast is Alloc's fast path: it allocates from the cache's current
// span of the object's class when that can be done without a refill,
// and returns nil otherwise — a span to refill, an object of more than
// smallTableMax bytes or aligned to more than 8, n values of a type
// with pointers, a size of 0, or a heap configured with NoFastPath. It
// takes no lock and runs no check of the collector's trigger: callers
// check that on the slow path, so once per span refill rather than per
// object. A few dozen instructions: the class from a table, the slot
// from the span's allocCache (its lowest set bit), and for a type with
// pointers nothing more when the span holds that type only (Span.typ),
// else one or two bitmap words written. rt/gofront inlines it, and the
// functions it calls, into its callers.
//
//naturekit:inline
func (c *Cache) AllocFast(t *Type, n uintptr) unsafe.Pointer {
	size := t.Size
	if n != 1 {
		if t.PtrBytes != 0 || n > smallTableMax || size > smallTableMax {
			return nil
		}
		size *= n
	}
	s := c.fastSpan(t, size)
	if s == nil {
		return nil
	}
	idx := s.takeCached()
	p := s.base + idx*s.elemSize
	c.allocated(s, idx, p)
	if t.PtrBytes != 0 && s.typ != t {
		c.heap.slotBits(s, p, t, 1)
	}
	return c.heap.Pointer(p)
}

// fastSpan returns the cache's span for objects of size bytes (at
// least 1) of type t when it has a slot in its allocation cache, nil
// when it has none or the object is not for the fast path (more than
// smallTableMax bytes, aligned to more than 8, or NoFastPath).
//
//naturekit:inline
func (c *Cache) fastSpan(t *Type, size uintptr) *Span {
	if size-1 >= smallTableMax || t.Align > PtrSize || c.noFast {
		return nil
	}
	sc := sizeToClass8[(size+7)>>3] << 1
	if t.PtrBytes == 0 {
		sc |= 1
	}
	s := c.spans[sc]
	if s == nil || s.allocCache == 0 {
		return nil
	}
	return s
}

// AllocOne is AllocFast for one value, reduced to what needs no call,
// so that the function it is inlined into (rt/lang's Alloc, compiled
// code's `new`) saves no registers and keeps its values in registers:
// it also returns nil, for the caller to try AllocFast, during a mark
// phase (black allocation), for a type with pointers whose span is not
// typed by it, and for a slot of more than 64 bytes to clear.
//
//naturekit:inline
func (c *Cache) AllocOne(t *Type) unsafe.Pointer {
	s := c.fastSpan(t, t.Size)
	if s == nil || t.PtrBytes != 0 && s.typ != t || c.heap.AllocBlack {
		return nil
	}
	size := s.elemSize
	if s.needZero && size > 64 {
		return nil
	}
	idx := s.takeCached()
	p := c.heap.Pointer(s.base + idx*size)
	if s.needZero {
		clearWords(p, size)
	}
	c.allocs++
	c.allocBytes += size
	return p
}

// slotBits records the pointer words of the n values of type t just
// allocated in slot p of the scan span s, whose typ is not t (or n is
// not 1): so s is of mixed types from now on.
//
//naturekit:inline
func (h *Heap) slotBits(s *Span, p uintptr, t *Type, n uintptr) {
	if n == 1 && t.PtrBytes <= 8*PtrSize && s.elemSize <= 64*PtrSize {
		// One mask byte; the slot's bits, all of them written.
		h.writeBits((p-h.base)/PtrSize, s.elemSize/PtrSize, uint64(*t.GCBits))
	} else {
		h.writePtrBits(p, t, n)
	}
	s.typ = nil
}

// allocated finishes the allocation of slot idx of s, at p: zeroing,
// black allocation during a mark phase, the counters.
//
//naturekit:inline
func (c *Cache) allocated(s *Span, idx, p uintptr) {
	if s.needZero {
		clearSlot(c.heap.Pointer(p), s.elemSize)
	}
	if c.heap.AllocBlack {
		// Atomic: a concurrent mark may set a neighbour's bit.
		s.TryMark(idx)
	}
	c.allocs++
	c.allocBytes += s.elemSize
}

// clearSlot zeroes the n bytes (a multiple of 8) at p: small slots
// word by word, larger ones with Memclr.
//
//naturekit:inline
func clearSlot(p unsafe.Pointer, n uintptr) {
	if n > 64 {
		sys.Memclr(p, n)
		return
	}
	clearWords(p, n)
}

// clearWords zeroes the n bytes (a multiple of 8) at p word by word.
//
//naturekit:inline
func clearWords(p unsafe.Pointer, n uintptr) {
	for off := uintptr(0); off < n; off += PtrSize {
		*(*uint64)(unsafe.Add(p, off)) = 0
	}
}

// allocSmall takes a slot for n values of type t from the cache's span
// of the given class and records their pointer words. It returns 0 when
// no span with a free slot can be had (newSmallSpan).
func (c *Cache) allocSmall(class uint8, t *Type, n uintptr) uintptr {
	sc := class << 1
	noscan := t.PtrBytes == 0
	if noscan {
		sc |= 1
	}
	s := c.spans[sc]
	if s == nil || s.allocCache == 0 && !s.loadCache() {
		typ := t
		if n != 1 {
			typ = nil // a fresh span is typed by single values only
		}
		if s = c.refill(sc, typ); s == nil {
			return 0
		}
	}
	idx := s.nextFree()
	if idx == s.nelems {
		sys.Abort("alloc: refilled span is full")
	}
	p := s.base + idx*s.elemSize
	c.allocated(s, idx, p)
	if !noscan && (s.typ != t || n != 1) {
		c.heap.slotBits(s, p, t, n)
	}
	return p
}

// refill replaces the cache's span of class sc by one with free slots.
// A fresh span of a scan class is typed by t when t allows (newSmallSpan).
// It returns nil, leaving the cache without a span of the class, when
// the page heap has no pages for one.
func (c *Cache) refill(sc uint8, t *Type) *Span {
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
		s.resetFree()
	} else if s = h.sweepForCache(cl); s != nil {
		// Swept (a lazy sweep is in progress): sweepSpan reset it.
	} else {
		s = h.newSmallSpan(sc)
		if s != nil && sc&1 == 0 && t != nil {
			h.typeSpan(s, t)
		}
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

// newSmallSpan makes a fresh span for span class sc, or returns nil when
// the page heap has no pages for it (allocPages). Called with h.lock
// held.
func (h *Heap) newSmallSpan(sc uint8) *Span {
	class := sc >> 1
	s := h.allocPages(uintptr(classPages[class]))
	if s == nil {
		return nil
	}
	s.state = spanSmall
	s.spanClass = sc
	s.needZero, s.dirty = s.dirty, false
	s.elemSize = uintptr(classSize[class])
	s.nelems = s.npages * PageBytes / s.elemSize
	s.divMul = uint64(^uint32(0))/uint64(s.elemSize) + 1
	s.resetFree()
	h.stats.SpansInUse++
	h.stats.InUse += s.npages * PageBytes
	return s
}

// typeSpan makes the fresh scan span s hold values of type t only, when
// t's pointer mask fits in one byte and the span's objects have a
// number of words dividing 64: it writes every slot's pointer bits at
// once (a repeating 64-bit pattern, 16 bitmap words per page) and sets
// s.typ, so that allocations of t from s write no bits. The first
// allocation of another type from s turns it back into a span of mixed
// types for good (slotBits). Called with h.lock held.
func (h *Heap) typeSpan(s *Span, t *Type) {
	w := s.elemSize / PtrSize
	if t.PtrBytes > 8*PtrSize || w > 64 || 64%w != 0 {
		return
	}
	mask := uint64(*t.GCBits)
	if w < 64 {
		mask &= 1<<w - 1
	}
	pattern := mask
	for k := w; k < 64; k *= 2 {
		pattern |= pattern << k
	}
	first := (s.base - h.base) / PtrSize / 64
	for i := uintptr(0); i < s.npages*PageBytes/PtrSize/64; i++ {
		*(*uint64)(unsafe.Add(h.bitmap, (first+i)*8)) = pattern
	}
	s.typ = t
}

// allocLarge gives an object of more than MaxSmallSize bytes (or with an
// alignment no class serves) its own span, and returns its address, or
// 0 when the page heap has no pages for it (allocPages).
func (h *Heap) allocLarge(size uintptr, noscan bool) uintptr {
	npages := (size + PageBytes - 1) >> PageShift
	h.lock.Lock()
	s := h.allocPages(npages)
	if s == nil {
		h.lock.Unlock()
		return 0
	}
	if s.dirty {
		sys.Memclr(h.spanAddr(s), npages*PageBytes)
		s.dirty = false
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

// writePtrBits records the pointer words of n values of type t at p
// (the slot may have held another type before, so every bit is
// written), up to 64 bitmap bits at a time.
func (h *Heap) writePtrBits(p uintptr, t *Type, n uintptr) {
	w := (p - h.base) / PtrSize
	words := t.Size / PtrSize
	if words == 1 {
		// n words, all pointers or none (a vec's buffer).
		var m uint64
		if t.PtrBytes != 0 {
			m = ^uint64(0)
		}
		for n > 0 {
			k := n
			if k > 64 {
				k = 64
			}
			h.writeBits(w, k, m)
			w += k
			n -= k
		}
		return
	}
	for e := uintptr(0); e < n; e++ {
		for j := uintptr(0); j < words; j += 64 {
			k := words - j
			if k > 64 {
				k = 64
			}
			h.writeBits(w, k, t.maskWord(j/64))
			w += k
		}
	}
}

// writeBits sets the k (1 to 64) pointer bits of the heap words from
// word index w (counted from the heap's base) on to the low k bits of
// mask. It reads and writes the one or two 64-bit bitmap words they
// fall in; both belong to the span of the words (a span's bits start on
// a 128-byte boundary of the bitmap), which only the cache holding the
// span writes.
//
//naturekit:inline
func (h *Heap) writeBits(w, k uintptr, mask uint64) {
	word := (*uint64)(unsafe.Add(h.bitmap, w/64*8))
	sh := w % 64
	clear := uint64(1)<<k - 1 // all ones for k = 64
	mask &= clear
	*word = *word&^(clear<<sh) | mask<<sh
	if sh+k > 64 {
		next := (*uint64)(unsafe.Add(unsafe.Pointer(word), 8))
		*next = *next&^(clear>>(64-sh)) | mask>>(64-sh)
	}
}

// PointerWord returns the 64-bit bitmap word holding the pointer bit of
// the heap word at addr, and the bit's index in it; the next heap words'
// bits follow, into the next bitmap word after bit 63.
//
//naturekit:inline
func (h *Heap) PointerWord(addr uintptr) (*uint64, uintptr) {
	w := (addr - h.base) / PtrSize
	return (*uint64)(unsafe.Add(h.bitmap, w/64*8)), w % 64
}

// PointerBits returns the bitmap byte and bit holding the pointer bit of
// the heap word at addr. Consecutive words use consecutive bits,
// continuing into the next byte after bit 7.
func (h *Heap) PointerBits(addr uintptr) (*uint8, uint) {
	w := (addr - h.base) / PtrSize
	return (*uint8)(unsafe.Add(h.bitmap, w/8)), uint(w % 8)
}
