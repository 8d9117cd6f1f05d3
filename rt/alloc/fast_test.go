package alloc

import (
	"math/rand/v2"
	"testing"
	"unsafe"
)

// liveObj is the model of an allocated object: its type and count.
type liveObj struct {
	t *Type
	n uintptr
}

// checkBits fails t unless the pointer bits of o's words at p are the
// ones its type's mask gives.
func checkBits(t *testing.T, h *Heap, p uintptr, o liveObj, when string) {
	t.Helper()
	if o.t.PtrBytes == 0 {
		return // a noscan span's bits are never read
	}
	words := o.t.Size / PtrSize
	for w := uintptr(0); w < words*o.n; w++ {
		b, sh := h.PointerBits(p + w*PtrSize)
		got := *b>>sh&1 != 0
		k := w % words
		want := k*PtrSize < o.t.PtrBytes && *(*uint8)(unsafe.Add(unsafe.Pointer(o.t.GCBits), k/8))>>(k%8)&1 != 0
		if got != want {
			t.Fatalf("%s: object %#x (size %d × %d) word %d: pointer bit %v, want %v", when, p, o.t.Size, o.n, w, got, want)
		}
	}
}

// TestAllocFastModel allocates random objects — every size up to and
// past smallTableMax, masks shorter and longer than 64 words, counts
// above 1, alignments above 8 — half through AllocFast (Alloc when it
// declines), sweeps a random half of them now and then, and checks
// against a model after every allocation (zeroed, found, its pointer
// bits) and for every live object at each sweep (nothing clobbered a
// neighbour's bits or contents).
func TestAllocFastModel(t *testing.T) {
	h, c := newHeap(t, 2)
	r := rand.New(rand.NewPCG(7, 11))
	var types []*Type
	for i := 0; i < 60; i++ {
		size := uintptr(8 * (1 + r.IntN(160))) // 8 … 1280 bytes
		var ptrs []uintptr
		if r.IntN(4) != 0 {
			for w := uintptr(0); w < size/8; w++ {
				if r.IntN(3) == 0 {
					ptrs = append(ptrs, w)
				}
			}
		}
		align := uintptr(8)
		if i%10 == 9 {
			align = 16
			size = (size + 15) &^ 15
		}
		types = append(types, typeOf(size, align, ptrs...))
	}
	live := map[uintptr]liveObj{}
	fast, eligible := 0, 0
	for op := 0; op < 30000; op++ {
		o := liveObj{types[r.IntN(len(types))], 1}
		if r.IntN(5) == 0 {
			o.n = uintptr(1 + r.IntN(6))
		}
		var p unsafe.Pointer
		if op%2 == 0 {
			if o.n == 1 && o.t.Size <= smallTableMax && o.t.Align <= 8 {
				eligible++
			}
			if p = c.AllocFast(o.t, o.n); p != nil {
				fast++
			}
		}
		if p == nil {
			p = c.Alloc(o.t, o.n)
		}
		a := uintptr(p)
		if _, dup := live[a]; dup {
			t.Fatalf("op %d: %#x handed out twice", op, a)
		}
		size := o.t.Size * o.n
		if !isZero(bytesAt(p, size)) {
			t.Fatalf("op %d: object %#x of %d bytes not zeroed", op, a, size)
		}
		if s, _, base := h.FindObject(a + size - 1); s == nil || base != a {
			t.Fatalf("op %d: FindObject(last byte of %#x) = %v, %#x", op, a, s, base)
		}
		if a%o.t.Align != 0 {
			t.Fatalf("op %d: %#x not aligned to %d", op, a, o.t.Align)
		}
		checkBits(t, h, a, o, "after allocation")
		b := bytesAt(p, size)
		for i := range b {
			b[i] = byte(a>>3) | 1
		}
		live[a] = o
		if op%3000 == 2999 {
			// Keep a random half, sweep the rest, check the survivors.
			h.FlushCaches()
			for a := range live {
				if r.IntN(2) == 0 {
					delete(live, a)
					continue
				}
				s, idx, _ := h.FindObject(a)
				s.SetMarked(idx)
			}
			h.Sweep()
			for a, o := range live {
				if s, _, base := h.FindObject(a); s == nil || base != a {
					t.Fatalf("op %d: live object %#x lost by the sweep", op, a)
				}
				for _, x := range bytesAt(h.Pointer(a), o.t.Size*o.n) {
					if x != byte(a>>3)|1 {
						t.Fatalf("op %d: live object %#x overwritten", op, a)
					}
				}
				checkBits(t, h, a, o, "after sweep")
			}
		}
	}
	if fast < eligible*3/4 { // the rest: a span used up, refilled by Alloc
		t.Errorf("AllocFast served %d of %d eligible allocations", fast, eligible)
	}
	if st := h.Stats(); st.LiveObjects != uintptr(len(live)) {
		t.Errorf("LiveObjects %d, model %d", st.LiveObjects, len(live))
	}
}

// TestAllocFastDeclines checks what AllocFast leaves to the slow path:
// an empty cache, a large or over-aligned object, several values of a
// type with pointers, a size of 0, and everything under NoFastPath.
func TestAllocFastDeclines(t *testing.T) {
	_, c := newHeap(t, 1)
	small := typeOf(16, 8, 0)
	if c.AllocFast(small, 1) != nil {
		t.Fatal("AllocFast served an object before any span was cached")
	}
	c.Alloc(small, 1) // refills the class's span
	if c.AllocFast(small, 1) == nil {
		t.Fatal("AllocFast declined with a span cached")
	}
	c.Alloc(typeOf(16, 8), 4) // the noscan span of 64 bytes
	for _, tc := range []struct {
		name string
		t    *Type
		n    uintptr
	}{
		{"large", typeOf(smallTableMax+8, 8), 1},
		{"aligned 16", typeOf(16, 16), 1},
		{"two scan values", small, 2},
		{"size 0", typeOf(0, 1), 1},
		{"n 0", small, 0},
	} {
		if c.AllocFast(tc.t, tc.n) != nil {
			t.Errorf("%s: AllocFast did not decline", tc.name)
		}
	}
	if c.AllocFast(typeOf(16, 8), 4) == nil {
		t.Error("AllocFast declined four pointer-free values with their span cached")
	}

	h := new(Heap)
	if errno := h.Init(Config{Arenas: 1, NoFastPath: true}); errno != 0 {
		t.Fatalf("Init: errno %d", errno)
	}
	defer h.Destroy()
	nc := new(Cache)
	h.InitCache(nc)
	for i := 0; i < 10; i++ {
		if nc.AllocFast(small, 1) != nil {
			t.Fatal("AllocFast served an object under NoFastPath")
		}
		nc.Alloc(small, 1)
	}
}

// TestWriteBits checks writeBits at every shift and length against a
// bit-by-bit model: the k bits from w take the mask, every other bit of
// the two words keeps its value.
func TestWriteBits(t *testing.T) {
	h, c := newHeap(t, 1)
	c.Alloc(typeOf(8, 8), 1) // commits the first arena and its bitmap
	r := rand.New(rand.NewPCG(3, 4))
	words := (*[2]uint64)(h.bitmap)
	for sh := uintptr(0); sh < 64; sh++ {
		for k := uintptr(1); k <= 64 && sh+k <= 128; k++ {
			before := [2]uint64{r.Uint64(), r.Uint64()}
			mask := r.Uint64()
			*words = before
			h.writeBits(sh, k, mask)
			for i := uintptr(0); i < 128; i++ {
				was := before[i/64]>>(i%64)&1 != 0
				want := was
				if i >= sh && i < sh+k {
					want = mask>>(i-sh)&1 != 0
				}
				if got := words[i/64]>>(i%64)&1 != 0; got != want {
					t.Fatalf("writeBits(%d, %d, %#x): bit %d is %v, want %v", sh, k, mask, i, got, want)
				}
			}
		}
	}
	*words = [2]uint64{}
}

// TestDivMul checks that a span's divMul divides every offset within
// the span by the object size exactly, for every size class: FindObject
// relies on it instead of dividing.
func TestDivMul(t *testing.T) {
	h, c := newHeap(t, 1)
	for class := uint8(1); class < NumClasses; class++ {
		size := ClassSize(class)
		p := uintptr(c.Alloc(typeOf(size, 8), 1))
		s, _, _ := h.FindObject(p)
		for off := uintptr(0); off < s.npages*PageBytes; off++ {
			if got, want := off*uintptr(s.divMul)>>32, off/size; got != want {
				t.Fatalf("class %d (size %d): offset %d gives index %d, want %d", class, size, off, got, want)
			}
		}
	}
}

// TestTypedSpan follows a span through typeSpan: made for one type,
// allocations of it write no bits, the first object of another type of
// the same class makes the span mixed for good, and a slot that type
// held and a sweep freed gets the first type's bits back when reused.
func TestTypedSpan(t *testing.T) {
	h, c := newHeap(t, 1)
	a, b := typeOf(16, 8, 0), typeOf(16, 8, 1)
	pa := uintptr(c.Alloc(a, 1))
	s, _, _ := h.FindObject(pa)
	if s.typ != a {
		t.Fatalf("fresh span for a: typ %p, want %p", s.typ, a)
	}
	for w := uintptr(0); w < 64; w++ { // the slots not allocated yet too
		bits, sh := h.PointerBits(pa + w*8)
		if got := *bits>>sh&1 != 0; got != (w%2 == 0) {
			t.Fatalf("typed span: word %d pointer bit %v", w, got)
		}
	}
	pb := uintptr(c.AllocFast(b, 1))
	if s.typ != nil {
		t.Fatal("span still typed after an object of another type")
	}
	checkBits(t, h, pb, liveObj{b, 1}, "b in a's span")
	// Free b's slot, keep a's; the next allocations reuse b's slot.
	h.FlushCaches()
	sa, ia, _ := h.FindObject(pa)
	sa.SetMarked(ia)
	h.Sweep()
	for i := 0; i < 4; i++ {
		p := uintptr(c.Alloc(a, 1))
		checkBits(t, h, p, liveObj{a, 1}, "a after b's slot was freed")
	}
	// Several values never type a span.
	pv := uintptr(c.Alloc(typeOf(8, 8, 0), 3))
	if sv, _, _ := h.FindObject(pv); sv.typ != nil {
		t.Fatal("a span made for three values is typed")
	}
}
