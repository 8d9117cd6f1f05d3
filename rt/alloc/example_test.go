package alloc_test

import (
	"fmt"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// pairBits marks the first word of a pair as a pointer.
var pairBits = [1]uint8{0b01}

// The allocator used alone: allocate objects of a described type, play
// the collector's part by marking the survivors, and sweep the rest.
func Example() {
	var h alloc.Heap
	if errno := h.Init(alloc.Config{Arenas: 1}); errno != 0 {
		fmt.Println("reserving the heap failed:", errno)
		return
	}
	defer h.Destroy()
	var c alloc.Cache
	h.InitCache(&c)

	// A pair is {next *pair, val int64}: 16 bytes, a pointer in word 0.
	pair := &alloc.Type{Size: 16, Align: 8, PtrBytes: 8, GCBits: &pairBits[0], Kind: alloc.KindStruct}
	var objs [10]unsafe.Pointer
	for i := range objs {
		objs[i] = c.Alloc(pair, 1)
		*(*int64)(unsafe.Add(objs[i], 8)) = int64(i)
	}

	// A collector marks what it reaches from its roots: here, every
	// other object. Sweeping frees the rest.
	for i := 0; i < len(objs); i += 2 {
		s, idx, _ := h.FindObject(uintptr(objs[i]))
		s.SetMarked(idx)
	}
	h.FlushCaches()
	objects, bytes := h.Sweep()
	fmt.Printf("swept %d objects, %d bytes\n", objects, bytes)
	st := h.Stats()
	fmt.Printf("live %d objects, %d bytes\n", st.LiveObjects, st.Live)
	fmt.Println("survivor 4 holds", *(*int64)(unsafe.Add(objs[4], 8)))
	// Output:
	// swept 5 objects, 80 bytes
	// live 5 objects, 80 bytes
	// survivor 4 holds 4
}
