package alloc

import (
	"testing"
	"unsafe"
)

// freeAll sweeps h with nothing marked: every object is freed.
func freeAll(t *testing.T, h *Heap) {
	t.Helper()
	if objs, _ := h.Sweep(); objs == 0 {
		t.Fatal("sweep freed nothing")
	}
}

// TestScavengeAfterDelay frees pages under retainLimit (so they stay
// committed) and checks that Scavenge gives them back once they have
// gone unused for ScavengeAge calls, not before, and that reusing pages
// restarts their clock. It counts the bytes released, not RSS.
func TestScavengeAfterDelay(t *testing.T) {
	h, c := newHeap(t, 1)
	const size = 1 << 20
	typ := typeOf(size, 8)
	var ptrs [3]unsafe.Pointer
	for i := range ptrs {
		ptrs[i] = c.Alloc(typ, 1)
		bytesAt(ptrs[i], size)[0] = 1
	}
	freeAll(t, h)
	st := h.Stats()
	if st.Released != 0 || st.Retained != 3*size {
		t.Fatalf("after the sweep: Released %d Retained %d, want 0 and %d", st.Released, st.Retained, 3*size)
	}
	if n := h.Scavenge(ScavengeAge); n != 0 {
		t.Fatalf("first Scavenge released %d bytes freed one generation ago", n)
	}
	// Reuse one object's pages: they are in use, the rest keeps its age.
	p := c.Alloc(typ, 1)
	if n := h.Scavenge(ScavengeAge); n != 2*size {
		t.Fatalf("second Scavenge released %d bytes, want the %d not reused", n, 2*size)
	}
	if b := bytesAt(p, size); b[0] != 0 {
		t.Fatal("reused dirty pages not zeroed")
	}
	// The released pages read as zero: madvise happened.
	for _, q := range ptrs {
		if q != p && bytesAt(q, size)[0] != 0 {
			t.Fatalf("released pages at %p still hold their data", q)
		}
	}
	// The reused pages, freed now, are young again.
	freeAll(t, h)
	if n := h.Scavenge(ScavengeAge); n != 0 {
		t.Fatalf("Scavenge right after the free released %d bytes", n)
	}
	if n := h.Scavenge(ScavengeAge); n != size {
		t.Fatalf("Scavenge %d generations after the free released %d bytes, want %d", ScavengeAge, n, size)
	}
	st = h.Stats()
	if st.Scavenged != 3*size || st.Released != 3*size || st.Retained != 0 {
		t.Errorf("Scavenged %d Released %d Retained %d, want %d, %d, 0", st.Scavenged, st.Released, st.Retained, 3*size, 3*size)
	}
	// Given back, the free pages coalesce into one run again.
	if h.free.n != 1 {
		t.Errorf("%d free runs after scavenging everything, want 1", h.free.n)
	}
	if n := h.Scavenge(ScavengeAge); n != 0 {
		t.Errorf("Scavenge with nothing retained released %d bytes", n)
	}
}

// TestScavengeMergedAge checks the age of coalesced dirty pages freed
// at different times: that of the larger part, the later one if they
// are as large. Two equal runs wait for the younger; a large idle run
// is not kept young by a small run freed beside it again and again (a
// span of garbage each cycle).
func TestScavengeMergedAge(t *testing.T) {
	h, c := newHeap(t, 1)
	const size = 256 << 10
	a := c.Alloc(typeOf(size, 8), 1)
	b := c.Alloc(typeOf(size, 8), 1)
	small := c.Alloc(typeOf(MaxSmallSize+1, 8), 1)
	if uintptr(b) != uintptr(a)+size || uintptr(small) != uintptr(b)+size {
		t.Fatalf("large objects %p, %p and %p not adjacent", a, b, small)
	}
	keep := func(ps ...unsafe.Pointer) {
		for _, p := range ps {
			s, idx, _ := h.FindObject(uintptr(p))
			s.SetMarked(idx)
		}
	}
	// Free a, age it one generation, then free b.
	keep(b, small)
	freeAll(t, h)
	h.Scavenge(ScavengeAge)
	keep(small)
	freeAll(t, h)
	if h.free.n != 1 {
		t.Fatalf("%d free runs, want a's and b's pages coalesced", h.free.n)
	}
	if n := h.Scavenge(ScavengeAge); n != 0 {
		t.Fatalf("released %d bytes of a run half freed one generation ago", n)
	}
	// The small object's pages, freed now beside the run, do not make
	// it young again: the run goes back at its own age, with them.
	smallBytes := uintptr(MaxSmallSize+1+PageBytes-1) &^ (PageBytes - 1)
	freeAll(t, h)
	if n := h.Scavenge(ScavengeAge); n != 2*size+smallBytes {
		t.Fatalf("released %d bytes, want the large run's %d and the small object's %d", n, 2*size, smallBytes)
	}
}
