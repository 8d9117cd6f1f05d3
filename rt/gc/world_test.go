package gc

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// node is the object the tests build graphs from. Words 0-2 are
// pointers; blob points to a pointer-free object.
type node struct {
	a, b *node
	blob *uint64
	id   uint64
	sum  uint64
}

var nodeMask = [1]uint8{0b111}

var nodeType = &alloc.Type{Size: 40, Align: 8, PtrBytes: 24, GCBits: &nodeMask[0], Kind: alloc.KindStruct}

var wordType = &alloc.Type{Size: 8, Align: 8, Kind: alloc.KindUint64}

func checksum(id uint64) uint64 { return id*0x9e3779b97f4a7c15 ^ 0xdeadbeef }

const numRoots = 64

// world is a collected heap, a root area in memory the test maps itself,
// and a model of which objects should exist.
type world struct {
	t     testing.TB
	h     *Heap
	c     *alloc.Cache
	roots *[numRoots]uintptr // scanned conservatively, so interior values are fine

	// incr runs cycles a step at a time between the operations
	// (incrStep): a shared mark, then a lazy sweep.
	incr bool

	nextID uint64
	model  map[uint64]*mnode
	rootID [numRoots]uint64 // 0 = empty
}

type mnode struct {
	a, b    uint64
	blobLen uintptr
}

func newWorld(t testing.TB, cfg Config) *world {
	t.Helper()
	h := new(Heap)
	if cfg.Arenas == 0 {
		cfg.Arenas = 2
	}
	if errno := h.Init(cfg); errno != 0 {
		t.Fatalf("Init: errno %d", errno)
	}
	c := new(alloc.Cache)
	h.Mem.InitCache(c)
	mem, errno := sys.Mmap(numRoots * 8)
	if errno != 0 {
		t.Fatalf("Mmap: errno %d", errno)
	}
	h.AddRoots(mem, unsafe.Add(mem, numRoots*8))
	t.Cleanup(func() {
		h.Destroy()
		sys.Munmap(mem, numRoots*8)
	})
	return &world{t: t, h: h, c: c, roots: (*[numRoots]uintptr)(mem), model: map[uint64]*mnode{}}
}

// root returns the node root i refers to (roots may hold interior
// pointers), or nil.
func (w *world) root(i int) *node {
	if w.roots[i] == 0 {
		return nil
	}
	_, _, base := w.h.Mem.FindObject(w.roots[i])
	return (*node)(w.h.Mem.Pointer(base))
}

func (w *world) setRoot(i int, n *node, interior bool) {
	v := uintptr(unsafe.Pointer(n))
	if n != nil && interior {
		v += unsafe.Offsetof(n.id) + 3
	}
	w.roots[i] = v
	w.rootID[i] = 0
	if n != nil {
		w.rootID[i] = n.id
	}
}

// alloc allocates a node with a blob of blobLen words and stores it in
// root i. A collection may run before each allocation.
func (w *world) alloc(i int, blobLen uintptr) *node {
	n := (*node)(w.h.Alloc(w.c, nodeType, 1))
	w.nextID++
	n.id, n.sum = w.nextID, checksum(w.nextID)
	w.model[n.id] = &mnode{blobLen: blobLen}
	w.setRoot(i, n, false)
	if blobLen > 0 {
		blob := w.h.Alloc(w.c, wordType, blobLen)
		ws := unsafe.Slice((*uint64)(blob), blobLen)
		for k := range ws {
			ws[k] = n.id + uint64(k)
		}
		w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&n.blob)), blob)
	}
	return n
}

// link makes field b (or a) of root i's node point at root j's node.
func (w *world) link(i, j int, second bool) {
	from, to := w.root(i), w.root(j)
	if from == nil {
		return
	}
	slot, mslot := &from.a, &w.model[from.id].a
	if second {
		slot, mslot = &from.b, &w.model[from.id].b
	}
	w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(slot)), unsafe.Pointer(to))
	*mslot = 0
	if to != nil {
		*mslot = to.id
	}
}

// descend replaces root i by its node's a (or b) child.
func (w *world) descend(i int, second bool) {
	if n := w.root(i); n != nil {
		c := n.a
		if second {
			c = n.b
		}
		w.setRoot(i, c, false)
	}
}

// reachable returns the model's reachable node IDs.
func (w *world) reachable() map[uint64]bool {
	seen := map[uint64]bool{}
	var visit func(id uint64)
	visit = func(id uint64) {
		if id == 0 || seen[id] {
			return
		}
		seen[id] = true
		visit(w.model[id].a)
		visit(w.model[id].b)
	}
	for _, id := range w.rootID {
		visit(id)
	}
	return seen
}

// collectAndCheck runs a full cycle and checks the heap against the model:
// every reachable node and blob is present with intact contents, and
// nothing else is live.
func (w *world) collectAndCheck() {
	w.t.Helper()
	if w.h.Marking() {
		w.h.MarkSome(0)
		w.h.FinishMark()
	}
	w.h.Collect()
	if err := w.check(); err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) check() error {
	want := w.reachable()
	var blobs uintptr
	seen := map[uint64]bool{}
	var walk func(n *node) error
	walk = func(n *node) error {
		if n == nil || seen[n.id] {
			return nil
		}
		if _, _, base := w.h.Mem.FindObject(uintptr(unsafe.Pointer(n))); base != uintptr(unsafe.Pointer(n)) {
			return fmt.Errorf("node %p not an allocated object", n)
		}
		m := w.model[n.id]
		if m == nil || n.sum != checksum(n.id) {
			return fmt.Errorf("node %p: id %d sum %#x corrupt", n, n.id, n.sum)
		}
		seen[n.id] = true
		if m.blobLen > 0 {
			blobs++
			if s, _, base := w.h.Mem.FindObject(uintptr(unsafe.Pointer(n.blob))); s == nil || base != uintptr(unsafe.Pointer(n.blob)) {
				return fmt.Errorf("node %d: blob freed", n.id)
			}
			for k, v := range unsafe.Slice(n.blob, m.blobLen) {
				if v != n.id+uint64(k) {
					return fmt.Errorf("node %d: blob word %d = %d", n.id, k, v)
				}
			}
		}
		for _, c := range []struct {
			p  *node
			id uint64
		}{{n.a, m.a}, {n.b, m.b}} {
			if (c.p == nil) != (c.id == 0) || (c.p != nil && c.p.id != c.id) {
				return fmt.Errorf("node %d: edge to %v, model says %d", n.id, c.p, c.id)
			}
			if err := walk(c.p); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range w.roots {
		if err := walk(w.root(i)); err != nil {
			return err
		}
	}
	if len(seen) != len(want) {
		return fmt.Errorf("heap walk reached %d nodes, model %d", len(seen), len(want))
	}
	st := w.h.Mem.Stats()
	if live := uintptr(len(want)) + blobs; st.LiveObjects != live {
		return fmt.Errorf("LiveObjects = %d, want %d reachable objects", st.LiveObjects, live)
	}
	// Forget unreachable model nodes: they are gone.
	for id := range w.model {
		if !want[id] {
			delete(w.model, id)
		}
	}
	return nil
}

// incrStep advances a cycle run between operations: it starts a shared
// mark, marks up to budget objects (finishing the mark when none is
// left), or sweeps up to budget spans of the lazy sweep that follows.
func (w *world) incrStep(budget uintptr) {
	switch {
	case w.h.Marking():
		if w.h.MarkSome(budget) {
			w.h.FinishMark()
		}
	case w.h.Mem.Sweeping():
		w.h.Mem.SweepSome(budget)
	default:
		w.h.BeginCycle()
		w.h.StartConcurrent()
	}
}

// run interprets ops as a random workload: two bytes per operation.
func (w *world) run(ops []byte) {
	w.t.Helper()
	for k := 0; k+1 < len(ops); k += 2 {
		op, arg := ops[k], int(ops[k+1])
		i, j := int(op>>3)%numRoots, arg%numRoots
		switch op & 7 {
		case 0, 1:
			w.alloc(i, uintptr(arg%5)*uintptr(arg%37))
		case 2:
			w.link(i, j, arg&64 != 0)
		case 3:
			w.setRoot(i, nil, false)
		case 4:
			w.descend(i, arg&1 != 0)
		case 5:
			w.setRoot(j, w.root(i), arg&128 != 0)
		case 6:
			w.link(i, i, false) // self cycle
		case 7:
			if arg < 16 {
				w.collectAndCheck()
			} else if w.incr {
				w.incrStep(uintptr(arg) % 8)
			}
		}
	}
	w.collectAndCheck()
}
