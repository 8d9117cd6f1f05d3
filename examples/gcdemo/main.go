// Command gcdemo shows the runtime's allocator and collector used alone,
// from an ordinary Go program: it builds a linked list, a binary tree and
// a ring in an rt/gc heap, drops roots one by one, collects after each,
// and prints what survived and what was reclaimed.
//
//	go run ./examples/gcdemo [-torture]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// node is the heap object: two pointers and a payload.
type node struct {
	left, right *node
	val         uint64
}

var nodeBits = [1]uint8{0b11}

var nodeType = &alloc.Type{Size: 24, Align: 8, PtrBytes: 16, GCBits: &nodeBits[0], Kind: alloc.KindStruct}

// Root slots. The collector scans this runtime-owned area, not Go's
// stack, so everything kept must be stored here before allocating.
const (
	rootList = iota
	rootTree
	rootRing
	rootTmp
	numRoots
)

type demo struct {
	out   io.Writer
	h     gc.Heap
	c     alloc.Cache
	roots *[64]*node // numRoots named slots, then scratch for tree
}

func (d *demo) alloc(val uint64) *node {
	n := (*node)(d.h.Alloc(&d.c, nodeType, 1))
	n.val = val
	return n
}

// set stores p into *slot through the write barrier, as compiled code
// does for every heap pointer store.
func (d *demo) set(slot **node, p *node) {
	d.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(slot)), unsafe.Pointer(p))
}

func (d *demo) list(n int) {
	for i := 0; i < n; i++ {
		d.roots[rootTmp] = d.alloc(uint64(i))
		d.set(&d.roots[rootTmp].left, d.roots[rootList])
		d.roots[rootList] = d.roots[rootTmp]
	}
	d.roots[rootTmp] = nil
}

// tree returns a complete tree of the given depth; the partial tree is
// kept in root slots while children are allocated.
func (d *demo) tree(depth int, slot int) *node {
	if depth == 0 {
		return nil
	}
	n := d.alloc(uint64(depth))
	d.roots[slot] = n
	d.set(&n.left, d.tree(depth-1, slot+1))
	d.set(&n.right, d.tree(depth-1, slot+1))
	d.roots[slot] = nil
	return n
}

func (d *demo) ring(n int) {
	first := d.alloc(0)
	d.roots[rootRing] = first
	d.roots[rootTmp] = first
	for i := 1; i < n; i++ {
		next := d.alloc(uint64(i))
		d.set(&d.roots[rootTmp].left, next)
		d.roots[rootTmp] = next
	}
	d.set(&d.roots[rootTmp].left, first) // close the cycle
	d.roots[rootTmp] = nil
}

func (d *demo) report(what string) {
	d.h.Collect()
	st, ms := d.h.Stats(), d.h.Mem.Stats()
	fmt.Fprintf(d.out, "%-28s live %6d objects %8d B  freed %6d  spans %4d  released %8d B  pause %6.1f µs\n",
		what, ms.LiveObjects, ms.Live, st.FreedObjects, ms.SpansInUse, ms.Released, float64(st.PauseNs)/1e3)
}

func main() {
	torture := flag.Bool("torture", false, "collect before every allocation")
	flag.Parse()
	if err := run(os.Stdout, *torture); err != nil {
		fmt.Fprintln(os.Stderr, "gcdemo:", err)
		os.Exit(1)
	}
}

// run builds the graphs, drops their roots one at a time and reports
// after each collection.
func run(w io.Writer, torture bool) error {
	// Roots and tree scratch slots live in memory the runtime owns.
	const rootBytes = 64 * 8
	mem, errno := sys.Mmap(rootBytes)
	if errno != 0 {
		return fmt.Errorf("mmap failed: %v", errno)
	}
	defer sys.Munmap(mem, rootBytes)
	d := &demo{out: w}
	if errno := d.h.Init(gc.Config{Torture: torture, Arenas: 1}); errno != 0 {
		return fmt.Errorf("heap reservation failed: %v", errno)
	}
	defer d.h.Destroy()
	d.h.Mem.InitCache(&d.c)
	d.h.AddRoots(mem, unsafe.Add(mem, rootBytes))
	d.roots = (*[64]*node)(mem)

	d.list(10000)
	d.roots[rootTree] = d.tree(14, numRoots)
	d.ring(1000)
	d.report("list+tree+ring")

	d.roots[rootList] = nil
	d.report("dropped list (10000)")
	d.set(&d.roots[rootTree].left, nil)
	d.report("dropped left subtree (8191)")
	d.roots[rootRing] = nil
	d.report("dropped ring (1000, a cycle)")
	d.roots[rootTree] = nil
	d.report("dropped tree")

	st := d.h.Stats()
	fmt.Fprintf(w, "%d cycles, total pause %.2f ms, deepest worklist %d\n", st.Cycles, float64(st.TotalPauseNs)/1e6, st.MaxWork)
	return nil
}
