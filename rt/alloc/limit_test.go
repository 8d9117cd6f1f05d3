package alloc

import (
	"testing"
	"unsafe"
)

// newLimitedHeap returns a heap of one arena capped at limit bytes
// (Config.MemLimit), with one cache.
func newLimitedHeap(t *testing.T, limit uintptr) (*Heap, *Cache) {
	t.Helper()
	h := new(Heap)
	if errno := h.Init(Config{Arenas: 1, MemLimit: limit}); errno != 0 {
		t.Fatalf("Init: errno %d", errno)
	}
	t.Cleanup(h.Destroy)
	c := new(Cache)
	h.InitCache(c)
	return h, c
}

// committed is what the memory limit caps: pages in use and free pages
// kept committed.
func committed(h *Heap) uintptr {
	st := h.Stats()
	return st.InUse + st.Retained
}

// fill allocates objects of typ from c until the heap refuses one, and
// returns them; every byte of each is written, so the pages are really
// committed.
func fill(t *testing.T, c *Cache, typ *Type) []unsafe.Pointer {
	t.Helper()
	var ptrs []unsafe.Pointer
	for {
		p := c.Alloc(typ, 1)
		if p == nil {
			return ptrs
		}
		b := bytesAt(p, typ.Size)
		if !isZero(b) {
			t.Fatal("object not zeroed")
		}
		for i := range b {
			b[i] = 0xa5
		}
		ptrs = append(ptrs, p)
		if len(ptrs) > 1<<20 {
			t.Fatal("the limit never stopped the allocations")
		}
	}
}

// TestMemLimit fills a capped heap with small objects, then with large
// ones, and checks that allocation fails cleanly at the cap, close to
// it, and that what a collection would not free (every object marked)
// leaves it failing, while freeing makes it succeed again.
func TestMemLimit(t *testing.T) {
	const limit = 4 << 20
	for _, tc := range []struct {
		name string
		typ  *Type
	}{
		{"small", typeOf(48, 8, 0)},
		{"large", typeOf(100<<10, 8)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, c := newLimitedHeap(t, limit)
			ptrs := fill(t, c, tc.typ)
			got := committed(h)
			// A refused allocation leaves less than one more span's
			// pages (at most 13 pages for a 100 KiB object; a 48-byte
			// class has one-page spans) to the cap.
			if got > limit || got+14*PageBytes <= limit {
				t.Fatalf("%d objects, %d bytes committed at the refusal; the cap is %d", len(ptrs), got, limit)
			}
			// Everything live: a collection frees nothing, the heap
			// still refuses.
			markAll(h)
			h.Sweep()
			if p := c.Alloc(tc.typ, 1); p != nil {
				t.Fatal("allocation past the cap succeeded after a sweep that freed nothing")
			}
			for _, p := range ptrs {
				if b := bytesAt(p, tc.typ.Size); b[0] != 0xa5 || b[len(b)-1] != 0xa5 {
					t.Fatal("a live object lost its contents")
				}
			}
			// Nothing live: the freed pages serve new allocations, up
			// to the cap again.
			freeAll(t, h)
			again := fill(t, c, tc.typ)
			if len(again) < len(ptrs)*9/10 {
				t.Fatalf("after freeing everything, %d objects fit; %d did at first", len(again), len(ptrs))
			}
			if got := committed(h); got > limit {
				t.Fatalf("%d bytes committed, past the cap %d", got, limit)
			}
		})
	}
}

// TestMemLimitRetained checks that free pages kept committed count
// against the cap, that they serve allocations that fit in them, and
// that an allocation they cannot serve succeeds once Scavenge(0) has
// given them back (what rt/lang does after a collection before it
// reports out of memory).
func TestMemLimitRetained(t *testing.T) {
	const limit = 4 << 20
	h, c := newLimitedHeap(t, limit)
	piece := typeOf(64<<10, 8)
	ptrs := fill(t, c, piece)
	// Keep every other piece: the free ones are 64 KiB holes, dirty.
	h.FlushCaches()
	for i, p := range ptrs {
		if i%2 == 0 {
			s, idx, _ := h.FindObject(uintptr(p))
			s.SetMarked(idx)
		}
	}
	h.Sweep()
	st := h.Stats()
	if st.Retained == 0 || st.InUse+st.Retained > limit {
		t.Fatalf("after the sweep: InUse %d Retained %d (cap %d)", st.InUse, st.Retained, limit)
	}
	// A piece fits in a hole: served from retained pages, at the cap.
	if c.Alloc(piece, 1) == nil {
		t.Fatal("a retained hole did not serve an object that fits in it")
	}
	// 1 MiB fits in no hole, and new pages would pass the cap.
	big := typeOf(1<<20, 8)
	if c.Alloc(big, 1) != nil {
		t.Fatal("new pages committed past the cap while the holes stayed committed")
	}
	if h.Scavenge(0) == 0 {
		t.Fatal("Scavenge(0) gave nothing back")
	}
	p := c.Alloc(big, 1)
	if p == nil {
		t.Fatal("still refused once the holes were given back")
	}
	if !isZero(bytesAt(p, big.Size)) {
		t.Fatal("object not zeroed")
	}
	if got := committed(h); got > limit {
		t.Fatalf("%d bytes committed, past the cap %d", got, limit)
	}
}

// TestTooLarge checks that an object larger than the heap, or whose size
// overflows, is refused with nil, and that the heap works on.
func TestTooLarge(t *testing.T) {
	h, c := newHeap(t, 1)
	if p := c.Alloc(typeOf(1<<40, 8), 1<<40); p != nil {
		t.Fatal("an allocation whose size overflows succeeded")
	}
	if p := c.Alloc(typeOf(8, 8), h.Capacity()/8+1); p != nil {
		t.Fatal("an object larger than the heap succeeded")
	}
	if p := c.Alloc(typeOf(1<<20, 8), 1); p == nil {
		t.Fatal("the heap refused a 1 MiB object afterwards")
	}
}
