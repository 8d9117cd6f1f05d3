package alloc

import (
	"math/bits"
	"math/rand/v2"
	"sync"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/internal/layouttest"
)

// newHeap returns an initialised heap with one cache, destroyed when the
// test ends.
func newHeap(t testing.TB, arenas uintptr) (*Heap, *Cache) {
	t.Helper()
	h := new(Heap)
	if errno := h.Init(Config{Arenas: arenas}); errno != 0 {
		t.Fatalf("Init: errno %d", errno)
	}
	t.Cleanup(h.Destroy)
	c := new(Cache)
	h.InitCache(c)
	return h, c
}

// typeOf builds a descriptor of size bytes whose listed words are
// pointers.
func typeOf(size, align uintptr, ptrWords ...uintptr) *Type {
	t := &Type{Size: size, Align: align, Kind: KindStruct}
	if len(ptrWords) > 0 {
		mask := make([]uint8, size/64+1)
		for _, w := range ptrWords {
			mask[w/8] |= 1 << (w % 8)
			t.PtrBytes = max(t.PtrBytes, (w+1)*PtrSize)
		}
		t.GCBits = &mask[0]
	}
	return t
}

func bytesAt(p unsafe.Pointer, n uintptr) []byte { return unsafe.Slice((*byte)(p), n) }

func isZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// markAll marks every allocated object, as a collector finding them all
// live would.
func markAll(h *Heap) {
	h.FlushCaches()
	for sc := range h.central {
		for _, l := range []*spanList{&h.central[sc].partial, &h.central[sc].full} {
			for s := l.first; s != nil; s = s.next {
				s.markBits = s.allocBits
			}
		}
	}
	for s := h.large.first; s != nil; s = s.next {
		s.markBits = s.allocBits
	}
}

func TestTypeLayout(t *testing.T) {
	layouttest.Check(t, Type{}, TypeSize, abi.TypeOffSize, abi.TypeOffAlign, abi.TypeOffPtrBytes,
		abi.TypeOffHash, abi.TypeOffGCBits, abi.TypeOffKind)
}

func TestSizeClassTable(t *testing.T) {
	for c := uint8(1); c < NumClasses; c++ {
		size, pages := ClassSize(c), ClassPages(c)
		if size%8 != 0 || (c > 1 && size <= ClassSize(c-1)) {
			t.Errorf("class %d: size %d not increasing multiple of 8", c, size)
		}
		n := pages * PageBytes / size
		if n > maxSpanObjects || n == 0 {
			t.Errorf("class %d: %d objects per span", c, n)
		}
		if waste := pages*PageBytes - n*size; waste*8 > pages*PageBytes {
			t.Errorf("class %d: tail waste %d of %d", c, waste, pages*PageBytes)
		}
	}
	if ClassSize(NumClasses-1) != MaxSmallSize {
		t.Errorf("largest class %d, want %d", ClassSize(NumClasses-1), MaxSmallSize)
	}
	// SizeToClass picks the smallest fitting, suitably aligned class.
	for _, align := range []uintptr{8, 16, 64, 4096} {
		for size := uintptr(1); size <= MaxSmallSize+1; size++ {
			c := SizeToClass(size, align)
			want := uint8(0)
			for k := uint8(1); k < NumClasses; k++ {
				if ClassSize(k) >= size && ClassSize(k)%align == 0 {
					want = k
					break
				}
			}
			if c != want {
				t.Fatalf("SizeToClass(%d, %d) = %d, want %d", size, align, c, want)
			}
		}
	}
}

func TestBits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 10000; i++ {
		x := r.Uint64() >> (i % 64)
		if x == 0 {
			continue
		}
		if got := ctz64(x); got != uintptr(bits.TrailingZeros64(x)) {
			t.Fatalf("ctz64(%#x) = %d", x, got)
		}
		if got := popcount64(x); got != uintptr(bits.OnesCount64(x)) {
			t.Fatalf("popcount64(%#x) = %d", x, got)
		}
	}
}

func TestAllocEveryClass(t *testing.T) {
	h, c := newHeap(t, 1)
	for class := uint8(1); class < NumClasses; class++ {
		size := ClassSize(class)
		for _, typ := range []*Type{typeOf(size, 8), typeOf(size, 8, 0)} {
			seen := map[uintptr]bool{}
			for i := 0; i < 3; i++ {
				p := c.Alloc(typ, 1)
				a := uintptr(p)
				if a%8 != 0 || seen[a] {
					t.Fatalf("class %d: bad or repeated address %#x", class, a)
				}
				seen[a] = true
				b := bytesAt(p, size)
				if !isZero(b) {
					t.Fatalf("class %d: object not zeroed", class)
				}
				for j := range b {
					b[j] = 0xee
				}
				s, idx, base := h.FindObject(a)
				if s == nil || base != a || s.ElemSize() != size || s.Noscan() != (typ.PtrBytes == 0) {
					t.Fatalf("class %d: FindObject(%#x) = %v, %d, %#x", class, a, s, idx, base)
				}
				for _, off := range []uintptr{1, size / 2, size - 1} {
					if _, _, b := h.FindObject(a + off); b != a {
						t.Fatalf("class %d: interior %#x+%d maps to %#x", class, a, off, b)
					}
				}
			}
		}
	}
	st := h.Stats()
	if want := uintptr(2 * 3 * (NumClasses - 1)); st.LiveObjects != want || st.Allocs != want {
		t.Errorf("LiveObjects %d Allocs %d, want %d", st.LiveObjects, st.Allocs, want)
	}
}

func TestAlignment(t *testing.T) {
	_, c := newHeap(t, 1)
	for _, align := range []uintptr{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192} {
		for _, size := range []uintptr{align, 3 * align, 100 * align, 40000} {
			size = (size + align - 1) &^ (align - 1)
			for i := 0; i < 3; i++ {
				p := uintptr(c.Alloc(typeOf(size, align), 1))
				if p%max(align, 8) != 0 {
					t.Fatalf("size %d align %d: %#x misaligned", size, align, p)
				}
			}
		}
	}
}

func TestZeroSize(t *testing.T) {
	h, c := newHeap(t, 1)
	p := c.Alloc(typeOf(8, 8), 0)
	q := c.Alloc(typeOf(0, 1), 5)
	if p != q || p == nil {
		t.Fatalf("zero-size allocations %p %p", p, q)
	}
	if s, _, _ := h.FindObject(uintptr(p)); s != nil {
		t.Fatal("zero-size object found in heap")
	}
}

func TestPointerBits(t *testing.T) {
	h, c := newHeap(t, 1)
	typ := typeOf(24, 8, 0, 2) // {ptr, int, ptr}
	p := uintptr(c.Alloc(typ, 3))
	var got []bool
	for w := uintptr(0); w < 9; w++ {
		b, sh := h.PointerBits(p + w*8)
		got = append(got, *b>>sh&1 != 0)
	}
	want := []bool{true, false, true, true, false, true, true, false, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("pointer bits %v, want %v", got, want)
		}
	}
	// Reusing the slot for a pointer-free value of the same class must not
	// leave stale bits behind a scan type.
	h.Sweep() // frees everything: nothing is marked
	q := uintptr(c.Alloc(typeOf(72, 8, 8), 1))
	if q != p {
		t.Skipf("slot not reused (%#x vs %#x)", q, p)
	}
	for w := uintptr(0); w < 9; w++ {
		b, sh := h.PointerBits(q + w*8)
		if (*b>>sh&1 != 0) != (w == 8) {
			t.Fatalf("word %d: stale pointer bit after reuse", w)
		}
	}
}

func TestSweepReuse(t *testing.T) {
	h, c := newHeap(t, 1)
	typ := typeOf(48, 8, 0)
	const n = 170 * 30 // whole spans of class 5, so only freed slots are free
	ptrs := make([]uintptr, n)
	for i := range ptrs {
		p := c.Alloc(typ, 1)
		ptrs[i] = uintptr(p)
		bytesAt(p, 48)[7] = byte(i)
	}
	before := h.Stats()
	// Keep the even objects.
	h.FlushCaches()
	for i := 0; i < n; i += 2 {
		s, idx, _ := h.FindObject(ptrs[i])
		s.SetMarked(idx)
	}
	objs, bytes := h.Sweep()
	if objs != n/2 || bytes != n/2*48 {
		t.Fatalf("Sweep freed %d objects %d bytes, want %d, %d", objs, bytes, n/2, n/2*48)
	}
	for i := 0; i < n; i++ {
		s, _, _ := h.FindObject(ptrs[i])
		if (s != nil) != (i%2 == 0) {
			t.Fatalf("object %d: found=%v after sweep", i, s != nil)
		}
		if i%2 == 0 && bytesAt(h.Pointer(ptrs[i]), 48)[7] != byte(i) {
			t.Fatalf("object %d: contents changed", i)
		}
	}
	freed := map[uintptr]bool{}
	for i := 1; i < n; i += 2 {
		freed[ptrs[i]] = true
	}
	for i := 0; i < n/2; i++ {
		p := c.Alloc(typ, 1)
		if !freed[uintptr(p)] {
			t.Fatalf("allocation %d at %#x did not reuse a freed slot", i, p)
		}
		if !isZero(bytesAt(p, 48)) {
			t.Fatalf("reused slot %#x not zeroed", p)
		}
		delete(freed, uintptr(p))
	}
	after := h.Stats()
	if after.InUse != before.InUse || after.SpansInUse != before.SpansInUse {
		t.Errorf("spans grew on reuse: %+v -> %+v", before, after)
	}
	if after.LiveObjects != n || after.Frees != n/2 {
		t.Errorf("LiveObjects %d Frees %d", after.LiveObjects, after.Frees)
	}
}

func TestLargeAndMadvise(t *testing.T) {
	h, c := newHeap(t, 4)
	sizes := []uintptr{MaxSmallSize + 1, 100 << 10, 1 << 20, 70 << 20} // the last spans two arenas
	var ptrs []unsafe.Pointer
	for _, size := range sizes {
		p := c.Alloc(typeOf(size, 8), 1)
		if uintptr(p)%PageBytes != 0 {
			t.Fatalf("large object %#x not page aligned", p)
		}
		b := bytesAt(p, size)
		if b[0] != 0 || b[size-1] != 0 {
			t.Fatal("large object not zeroed")
		}
		b[0], b[size-1] = 1, 1
		if _, _, base := h.FindObject(uintptr(p) + size - 1); base != uintptr(p) {
			t.Fatalf("interior of large object maps to %#x", base)
		}
		ptrs = append(ptrs, p)
	}
	if st := h.Stats(); st.Arenas < 2 {
		t.Errorf("Arenas = %d, want >= 2", st.Arenas)
	}
	rel := h.Stats().Released
	objs, _ := h.Sweep()
	if objs != uintptr(len(sizes)) {
		t.Fatalf("freed %d large objects", objs)
	}
	st := h.Stats()
	var want uintptr
	for _, s := range sizes {
		want += (s + PageBytes - 1) &^ (PageBytes - 1)
	}
	// The free pages beyond retainLimit went back to the kernel (the
	// 70 MiB object's, coalesced with its neighbours); the rest stay
	// committed, dirty, to be zeroed by their next owner.
	released := st.Released - rel
	if released < want-retainMin || released > want || st.InUse != 0 || st.SpansInUse != 0 {
		t.Fatalf("after sweep Released +%d (want %d less at most %d retained) InUse %d spans %d", released, want, retainMin, st.InUse, st.SpansInUse)
	}
	if h.retained != want-released {
		t.Errorf("retained %d, want %d", h.retained, want-released)
	}
	for i, p := range ptrs {
		if s, _, _ := h.FindObject(uintptr(p)); s != nil {
			t.Fatalf("freed large object %d still found", i)
		}
	}
	// MADV_DONTNEED really happened: the released object's pages read as
	// zero.
	if b := bytesAt(ptrs[3], sizes[3]); b[0] != 0 || b[sizes[3]-1] != 0 {
		t.Fatal("the released large object's pages were not returned to the kernel")
	}
	// Free pages coalesce by state: one dirty run and one released at
	// most.
	if h.free.n > 2 {
		t.Errorf("%d free runs after freeing everything, want at most 2", h.free.n)
	}
	// Reused pages are zero, dirty or not.
	for _, size := range sizes {
		p := c.Alloc(typeOf(size, 8), 1)
		if b := bytesAt(p, size); b[0] != 0 || b[size-1] != 0 {
			t.Fatalf("reallocated large object of %d bytes at %p not zeroed", size, p)
		}
	}
}

// TestLargePagesReusedForSmall frees a large object and carves its pages
// into small objects: every slot of the new span must be handed out
// (a large span's allocation state once survived the free, so slot 0
// was skipped and the span looked full too early).
func TestLargePagesReusedForSmall(t *testing.T) {
	h, c := newHeap(t, 1)
	big := c.Alloc(typeOf(MaxSmallSize+1, 8), 1)
	h.FlushCaches()
	if objs, _ := h.Sweep(); objs != 1 {
		t.Fatalf("freed %d objects, want the large one", objs)
	}
	seen := map[unsafe.Pointer]bool{}
	for range PageBytes / 16 * 5 {
		seen[c.Alloc(typeOf(16, 8), 1)] = true
	}
	if !seen[big] {
		t.Errorf("the first slot of the reused pages (%p) was never allocated", big)
	}
}

func TestSmallSpansReturned(t *testing.T) {
	h, c := newHeap(t, 1)
	for i := 0; i < 10000; i++ {
		b := bytesAt(c.Alloc(typeOf(64, 8), 1), 64)
		b[0], b[63] = 1, 1
	}
	if st := h.Stats(); st.SpansInUse == 0 {
		t.Fatal("no spans in use")
	}
	h.Sweep()
	// 640 KB of free pages: kept committed (under retainMin), not
	// given back to the kernel only to be faulted in again.
	if st := h.Stats(); st.SpansInUse != 0 || st.LiveObjects != 0 || st.Released != 0 || st.PagesFree == 0 {
		t.Fatalf("after sweeping garbage: %+v", st)
	}
	// Their next owners get zeroed slots.
	for i := 0; i < 10000; i++ {
		p := c.Alloc(typeOf(64, 8), 1)
		if b := bytesAt(p, 64); b[0] != 0 || b[63] != 0 {
			t.Fatalf("slot %p of a reused span not zeroed", p)
		}
		b := bytesAt(p, 64)
		b[0], b[63] = 1, 1
	}
}

func TestFindObjectRejects(t *testing.T) {
	h, c := newHeap(t, 1)
	p := uintptr(c.Alloc(typeOf(1408, 8), 1)) // class 35: 2 pages, 11 objects, 896 B tail
	s, _, _ := h.FindObject(p)
	for _, a := range []uintptr{0, h.Base() - 8, h.Limit(), h.Limit() + 1<<20, p + 1408, s.Base() + 11*1408 + 10} {
		if s, _, _ := h.FindObject(a); s != nil {
			t.Errorf("FindObject(%#x) found an object", a)
		}
	}
	markAll(h)
	h.Sweep()
	if s, _, _ := h.FindObject(p); s == nil {
		t.Fatal("marked object lost by sweep")
	}
	h.Sweep() // unmarked now: freed, span returned
	if s, _, _ := h.FindObject(p); s != nil {
		t.Fatal("object in a free page found")
	}
}

func TestConcurrentCaches(t *testing.T) {
	h, _ := newHeap(t, 2)
	const procs, n = 4, 20000
	var wg sync.WaitGroup
	for p := 0; p < procs; p++ {
		c := new(Cache)
		h.InitCache(c)
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(p), 0))
			ptrs := make([]unsafe.Pointer, 0, n)
			for i := 0; i < n; i++ {
				size := uintptr(8 + r.IntN(600))
				if i%1000 == 0 {
					size = 50000
				}
				q := c.Alloc(typeOf(size, 8), 1)
				*(*uint64)(q) = uint64(p)<<32 | uint64(i)
				ptrs = append(ptrs, q)
			}
			for i, q := range ptrs {
				if *(*uint64)(q) != uint64(p)<<32|uint64(i) {
					t.Errorf("proc %d object %d overwritten", p, i)
					return
				}
			}
		}(p)
	}
	wg.Wait()
	if st := h.Stats(); st.LiveObjects != procs*n {
		t.Fatalf("LiveObjects = %d, want %d", st.LiveObjects, procs*n)
	}
}

func BenchmarkAllocSmall(b *testing.B) {
	h, c := newHeap(b, 4)
	typ := typeOf(32, 8, 0, 1)
	b.ReportAllocs()
	n := 0
	for i := 0; i < b.N; i++ {
		c.Alloc(typ, 1)
		if n++; n == 1<<20 { // keep the heap bounded: free everything
			h.Sweep()
			n = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "objs/s")
}
