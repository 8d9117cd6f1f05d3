package gc_test

import (
	"fmt"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// node is a list cell in the collected heap.
type node struct {
	next *node
	val  int64
}

var nodeBits = [1]uint8{0b01} // word 0 (next) is a pointer

var nodeType = &alloc.Type{Size: 16, Align: 8, PtrBytes: 8, GCBits: &nodeBits[0], Kind: alloc.KindStruct}

// The collector used alone from Go: a list built in a collected heap,
// reachable from a root slot in memory the runtime scans; cutting the
// list in half and collecting frees the unreachable half.
func Example() {
	// The collector scans registered root ranges, not Go's stack, so the
	// root lives in memory of its own.
	mem, errno := sys.Mmap(8)
	if errno != 0 {
		fmt.Println("mmap failed:", errno)
		return
	}
	defer sys.Munmap(mem, 8)
	root := (**node)(mem)

	var h gc.Heap
	if errno := h.Init(gc.Config{GOGC: -1, Arenas: 1}); errno != 0 {
		fmt.Println("reserving the heap failed:", errno)
		return
	}
	defer h.Destroy()
	var c alloc.Cache
	h.Mem.InitCache(&c)
	h.AddRoots(mem, unsafe.Add(mem, 8))

	for i := int64(1); i <= 1000; i++ {
		n := (*node)(h.Alloc(&c, nodeType, 1))
		n.val = i
		// Heap pointer stores go through the write barrier.
		h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&n.next)), unsafe.Pointer(*root))
		*root = n
	}
	h.Collect()
	fmt.Println("marked", h.Stats().MarkedObjects, "freed", h.Stats().FreedObjects)

	middle := *root
	for i := 0; i < 499; i++ {
		middle = middle.next
	}
	h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&middle.next)), nil)
	h.Collect()
	fmt.Println("marked", h.Stats().MarkedObjects, "freed", h.Stats().FreedObjects)
	fmt.Println("head", (*root).val, "tail", middle.val)
	// Output:
	// marked 1000 freed 0
	// marked 500 freed 500
	// head 1000 tail 501
}
