package gc

import (
	"testing"
	"unsafe"
)

// TestMemLimit checks Alloc under a memory limit with automatic
// collection off: garbage many times the limit is allocated without
// failure (each refusal runs a cycle, which frees it), while live
// objects past the limit make Alloc return nil, after which the live
// objects are intact and dropping them makes room again.
func TestMemLimit(t *testing.T) {
	const limit = 8 << 20
	const words = 32 << 10 // 256 KiB blobs
	w := newWorld(t, Config{GOGC: -1, MemLimit: limit})
	fillBlob := func(p unsafe.Pointer, v uint64) {
		for k, x := range unsafe.Slice((*uint64)(p), words) {
			if x != 0 {
				t.Fatalf("blob word %d not zeroed: %#x", k, x)
			}
		}
		unsafe.Slice((*uint64)(p), words)[words-1] = v
	}
	// Garbage: 25 times the limit, only one blob reachable at a time.
	for i := 0; i < 25*limit/(words*8); i++ {
		p := w.h.Alloc(w.c, wordType, words)
		if p == nil {
			t.Fatalf("garbage allocation %d refused (%d cycles)", i, w.h.Stats().Cycles)
		}
		fillBlob(p, uint64(i))
		w.roots[0] = uintptr(p)
	}
	if c := w.h.Stats().Cycles; c == 0 {
		t.Fatal("no cycle ran: the limit did not take effect")
	}
	// Live blobs until the heap refuses one.
	n := 0
	for ; n < numRoots; n++ {
		p := w.h.Alloc(w.c, wordType, words)
		if p == nil {
			break
		}
		fillBlob(p, uint64(n))
		w.roots[n] = uintptr(p)
	}
	if n == numRoots || n*words*8 < limit/2 {
		t.Fatalf("%d live blobs of %d bytes under a limit of %d", n, words*8, limit)
	}
	for i := 0; i < n; i++ {
		if v := unsafe.Slice((*uint64)(w.h.Mem.Pointer(w.roots[i])), words)[words-1]; v != uint64(i) {
			t.Fatalf("live blob %d holds %d", i, v)
		}
	}
	for i := 0; i < n; i++ {
		w.roots[i] = 0
	}
	if p := w.h.Alloc(w.c, wordType, words); p == nil {
		t.Fatal("refused once every blob was dropped")
	}
}
