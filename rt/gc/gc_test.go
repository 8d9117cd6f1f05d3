package gc

import (
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/internal/layouttest"
)

// manual is a configuration that never collects on its own.
var manual = Config{GOGC: -1}

func TestWorklist(t *testing.T) {
	var w worklist
	defer w.release()
	const n = 100000
	for round := 0; round < 2; round++ {
		for i := uintptr(1); i <= n; i++ {
			w.push(i * 8)
		}
		for i := uintptr(n); i >= 1; i-- {
			if got := w.pop(); got != i*8 {
				t.Fatalf("pop = %d, want %d", got, i*8)
			}
		}
		if w.pop() != 0 || !w.empty() {
			t.Fatal("worklist not empty")
		}
	}
	blocks := 0
	for b := w.blocks; b != nil; b = b.next {
		blocks++
	}
	// The second round reused the first round's chunks.
	if want := (n/workChunkObjs + 1 + 14) / 15; blocks > want {
		t.Errorf("%d blocks mapped, want <= %d", blocks, want)
	}
}

func TestList(t *testing.T) {
	w := newWorld(t, manual)
	w.alloc(0, 0)
	for i := 0; i < 2000; i++ {
		w.alloc(1, uintptr(i%7))
		w.link(1, 0, false) // new.a = head
		w.setRoot(0, w.root(1), false)
	}
	w.setRoot(1, nil, false)
	w.collectAndCheck()
	if st := w.h.Stats(); st.FreedObjects != 0 {
		t.Fatalf("freed %d objects of a live list", st.FreedObjects)
	}
	// Cut the list in the middle: the tail half is garbage.
	w.setRoot(1, w.root(0), false)
	for i := 0; i < 1000; i++ {
		w.descend(1, false)
	}
	w.link(1, 2, false) // root 2 is nil: cut
	w.setRoot(1, nil, false)
	w.collectAndCheck()
	if st := w.h.Stats(); st.FreedObjects == 0 {
		t.Fatal("nothing freed after cutting the list")
	}
	w.setRoot(0, nil, false)
	w.collectAndCheck()
	if st := w.h.Mem.Stats(); st.LiveObjects != 0 || st.SpansInUse != 0 {
		t.Fatalf("after dropping everything: %d objects in %d spans", st.LiveObjects, st.SpansInUse)
	}
}

// tree builds a complete binary tree of the given depth in root i.
func (w *world) tree(i, depth int) {
	if depth == 0 {
		w.setRoot(i, nil, false)
		return
	}
	w.alloc(i, 1)
	w.tree(i+1, depth-1)
	w.link(i, i+1, false)
	w.tree(i+1, depth-1)
	w.link(i, i+1, true)
	w.setRoot(i+1, nil, false)
}

func TestTreeAndCycles(t *testing.T) {
	w := newWorld(t, manual)
	w.tree(0, 12) // 4095 nodes + blobs, rooted at 0
	// A ring of 500 nodes rooted at 20, and a two-node cycle at 21.
	w.alloc(20, 0)
	w.setRoot(22, w.root(20), false)
	for i := 0; i < 499; i++ {
		w.alloc(23, 3)
		w.link(23, 22, false)
		w.setRoot(22, w.root(23), false)
	}
	w.link(20, 22, false) // close the ring
	w.alloc(21, 0)
	w.alloc(24, 0)
	w.link(21, 24, true)
	w.link(24, 21, true)
	for _, r := range []int{22, 23, 24} {
		w.setRoot(r, nil, false)
	}
	w.collectAndCheck()
	if got := w.h.Stats().MarkedObjects; got != 2*4095+500+499+2 {
		t.Fatalf("marked %d objects", got)
	}
	// Dropping the ring's only root frees the whole cycle.
	w.setRoot(20, nil, false)
	w.collectAndCheck()
	if st := w.h.Stats(); st.FreedObjects != 500+499 {
		t.Fatalf("freed %d objects, want the ring's 999", st.FreedObjects)
	}
	w.setRoot(21, nil, false)
	w.collectAndCheck()
	if st := w.h.Stats(); st.FreedObjects != 2 {
		t.Fatalf("freed %d objects, want the 2-cycle", st.FreedObjects)
	}
}

func TestInteriorPointers(t *testing.T) {
	w := newWorld(t, manual)
	// A root pointing into the middle of a node keeps it alive.
	w.alloc(0, 0)
	w.setRoot(0, w.root(0), true)
	// A large pointer-free array kept alive only by a pointer to its
	// last word, held in a heap object's pointer field.
	w.alloc(1, 0)
	const big = 10000
	arr := w.h.Alloc(w.c, wordType, big)
	last := unsafe.Add(arr, (big-1)*8)
	*(*uint64)(last) = 77
	n := w.root(1)
	w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&n.blob)), last)
	// Garbage to be reclaimed.
	for i := 0; i < 100; i++ {
		w.alloc(2, 2)
	}
	w.setRoot(2, nil, false)
	w.h.Collect()
	if s, _, base := w.h.Mem.FindObject(uintptr(arr)); s == nil || base != uintptr(arr) || *(*uint64)(last) != 77 {
		t.Fatal("array kept by an interior heap pointer was freed")
	}
	if s, _, _ := w.h.Mem.FindObject(uintptr(unsafe.Pointer(w.root(0)))); s == nil {
		t.Fatal("node kept by an interior root was freed")
	}
	if st := w.h.Mem.Stats(); st.LiveObjects != 3 {
		t.Fatalf("LiveObjects = %d, want 3", st.LiveObjects)
	}
}

func TestReclaimAndReuse(t *testing.T) {
	w := newWorld(t, manual)
	for i := 0; i < 5000; i++ {
		w.alloc(0, 0)
	}
	w.setRoot(0, nil, false)
	before := w.h.Mem.Stats()
	w.collectAndCheck()
	if st := w.h.Stats(); st.FreedObjects != 5000 {
		t.Fatalf("freed %d, want 5000", st.FreedObjects)
	}
	for i := 0; i < 5000; i++ {
		w.alloc(i%numRoots, 0)
	}
	after := w.h.Mem.Stats()
	if after.Committed != before.Committed || after.InUse > before.InUse {
		t.Fatalf("heap grew when reallocating freed memory: %d -> %d in use", before.InUse, after.InUse)
	}
}

func TestPacing(t *testing.T) {
	w := newWorld(t, Config{MinTrigger: 64 << 10})
	if w.h.Trigger() != 64<<10 {
		t.Fatalf("initial trigger %d", w.h.Trigger())
	}
	for i := 0; i < 20000; i++ {
		w.alloc(i%numRoots, 4)
	}
	st := w.h.Stats()
	if st.Cycles == 0 {
		t.Fatal("allocation never triggered a cycle")
	}
	live := w.h.Mem.LiveBytes()
	w.h.Collect()
	live = w.h.Mem.LiveBytes()
	if want := max(live*2, 64<<10); w.h.Trigger() < want-want/50 || w.h.Trigger() > want {
		t.Fatalf("trigger %d with %d live, want ~%d (GOGC=100)", w.h.Trigger(), live, want)
	}
	w.check()
}

func TestTorture(t *testing.T) {
	w := newWorld(t, Config{Torture: true})
	r := rand.New(rand.NewPCG(7, 7))
	ops := make([]byte, 6000)
	for i := range ops {
		ops[i] = byte(r.UintN(256))
	}
	w.run(ops)
	if st := w.h.Stats(); st.Cycles < 1000 {
		t.Fatalf("only %d cycles in torture mode", st.Cycles)
	}
}

// TestIncremental runs the random workload with cycles advanced a step
// at a time between its operations: a shared mark (StartConcurrent,
// MarkSome, FinishMark) with the barrier's shades going through the grey
// list, then a lazy sweep that allocations refill from; after every
// whole cycle the heap must match the model.
func TestIncremental(t *testing.T) {
	for seed := uint64(0); seed < 8; seed++ {
		w := newWorld(t, manual)
		w.incr = true
		r := rand.New(rand.NewPCG(seed, 11))
		ops := make([]byte, 20000)
		for i := range ops {
			ops[i] = byte(r.UintN(256))
		}
		w.run(ops)
		if st := w.h.Stats(); st.BarrierShades == 0 || st.Cycles < 20 {
			t.Fatalf("seed %d: %d cycles, %d barrier shades: the workload does not exercise the concurrent mark", seed, st.Cycles, st.BarrierShades)
		}
	}
}

func TestAllocBlackDuringMark(t *testing.T) {
	w := newWorld(t, manual)
	w.h.BeginCycle()
	p := w.h.Alloc(w.c, nodeType, 1) // not rooted
	w.h.MarkSome(0)
	w.h.FinishCycle()
	if s, _, _ := w.h.Mem.FindObject(uintptr(p)); s == nil {
		t.Fatal("object allocated during marking did not survive its cycle")
	}
	w.h.Collect()
	if s, _, _ := w.h.Mem.FindObject(uintptr(p)); s != nil {
		t.Fatal("unreachable object survived the next cycle")
	}
}

// TestWriteBarrier moves the only pointer to a white object from a grey
// object into a black one in the middle of marking — the case a missing
// barrier gets wrong.
// With conc, the mark is shared (StartConcurrent, FinishMark and a lazy
// sweep): the barrier's shades go through the grey list.
func TestWriteBarrier(t *testing.T) {
	for _, mode := range []struct{ barrier, conc bool }{{true, false}, {false, false}, {true, true}, {false, true}} {
		barrier := mode.barrier
		w := newWorld(t, manual)
		b := w.alloc(0, 0) // root 0: B, grey
		a := w.alloc(1, 0) // root 1: A, scanned first (LIFO), black
		c := w.alloc(2, 0)
		w.link(0, 2, false) // B.a = C
		w.setRoot(2, nil, false)

		w.h.BeginCycle()
		if mode.conc {
			w.h.StartConcurrent()
		}
		w.h.MarkSome(1)
		if !w.marked(a) || !w.marked(b) || w.marked(c) {
			t.Fatalf("setup: want A black, B grey, C white; marks A=%v B=%v C=%v", w.marked(a), w.marked(b), w.marked(c))
		}
		if barrier {
			w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&a.a)), unsafe.Pointer(c))
			w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&b.a)), nil)
		} else {
			a.a, b.a = c, nil
		}
		w.h.MarkSome(0)
		if mode.conc {
			w.h.FinishMark()
			w.h.Mem.SweepSome(0)
		} else {
			w.h.FinishCycle()
		}

		s, _, _ := w.h.Mem.FindObject(uintptr(unsafe.Pointer(c)))
		if barrier && (s == nil || c.sum != checksum(c.id) || w.h.Stats().BarrierShades == 0) {
			t.Fatal("with the barrier, C was lost")
		}
		if !barrier && s != nil {
			t.Fatal("without the barrier C survived: the test does not exercise the barrier")
		}
	}
}

func (w *world) marked(n *node) bool {
	s, idx, _ := w.h.Mem.FindObject(uintptr(unsafe.Pointer(n)))
	return s != nil && s.Marked(idx)
}

func TestBarrierOffIsPlainStore(t *testing.T) {
	w := newWorld(t, manual)
	a := w.alloc(0, 0)
	w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&a.a)), unsafe.Pointer(a))
	if a.a != a || w.h.Stats().BarrierShades != 0 || w.marked(a) {
		t.Fatal("barrier outside marking did more than store")
	}
}

// TestConcurrentHeaps runs independent heaps from parallel goroutines:
// the collector keeps no package-level state.
func TestConcurrentHeaps(t *testing.T) {
	const heaps = 4
	var wg sync.WaitGroup
	for k := 0; k < heaps; k++ {
		w := newWorld(t, Config{MinTrigger: 32 << 10})
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(errStop); !ok {
						panic(r)
					}
				}
			}()
			r := rand.New(rand.NewPCG(uint64(k), 1))
			ops := make([]byte, 8000)
			for i := range ops {
				ops[i] = byte(r.UintN(256))
			}
			// collectAndCheck calls t.Fatal, which must run on the test
			// goroutine: check with errors here instead.
			w.t = &errOnly{T: t}
			w.run(ops)
			if w.h.Stats().Cycles == 0 {
				t.Errorf("heap %d never collected", k)
			}
		}(k)
	}
	wg.Wait()
}

// errOnly turns Fatal into Error plus a panic the goroutine recovers, for
// use off the test goroutine, where t.Fatal is not allowed.
type errOnly struct {
	*testing.T
}

func (e *errOnly) Fatal(args ...any) { e.T.Error(args...); panic(errStop{}) }

type errStop struct{}

func FuzzCollector(f *testing.F) {
	f.Add([]byte{0, 3, 8, 5, 2, 1, 7, 0, 3, 9, 7, 1})
	f.Add([]byte{1, 200, 9, 100, 18, 50, 10, 65, 6, 0, 15, 1, 7, 2, 28, 3, 7, 0})
	f.Add([]byte{0, 0, 1, 1, 2, 2, 5, 129, 4, 0, 3, 0, 7, 7})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 4000 {
			ops = ops[:4000]
		}
		cfg := Config{MinTrigger: 16 << 10, Arenas: 1}
		if len(ops) > 0 && ops[0]&1 != 0 {
			cfg.Torture = true
		}
		newWorld(t, cfg).run(ops)
	})
}

func BenchmarkAllocSmall(b *testing.B) {
	w := newWorld(b, Config{})
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.h.Alloc(w.c, nodeType, 1)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "objs/s")
}

// BenchmarkMark measures a full cycle over a live heap of linked nodes
// with blobs and reports nanoseconds per MB of live heap.
func BenchmarkMark(b *testing.B) {
	w := newWorld(b, manual)
	w.tree(0, 15) // 32767 nodes, each with a one-word blob
	w.h.Collect()
	live := float64(w.h.Mem.LiveBytes()) / (1 << 20)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w.h.Collect()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/live, "ns/MB")
	b.ReportMetric(live, "liveMB")
}

// TestWriteBarrierHalves checks each half of the hybrid barrier on its
// own: the overwritten value (Yuasa) and the stored value (Dijkstra) are
// both shaded while marking.
func TestWriteBarrierHalves(t *testing.T) {
	w := newWorld(t, manual)
	holder := w.alloc(0, 0)
	old := w.alloc(1, 0)
	nw := w.alloc(2, 0)
	w.link(0, 1, false) // holder.a = old
	w.setRoot(1, nil, false)
	w.setRoot(2, nil, false)
	w.setRoot(0, nil, false) // nothing is rooted: all white after root scan
	w.h.BeginCycle()
	if w.marked(holder) || w.marked(old) || w.marked(nw) {
		t.Fatal("objects marked before any barrier")
	}
	w.h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&holder.a)), unsafe.Pointer(nw))
	if !w.marked(old) {
		t.Error("deletion half: overwritten pointer not shaded")
	}
	if !w.marked(nw) {
		t.Error("insertion half: stored pointer not shaded")
	}
	if w.marked(holder) {
		t.Error("holder shaded: only the pointees should be")
	}
	if got := w.h.Stats().BarrierShades; got != 2 {
		t.Errorf("BarrierShades = %d, want 2", got)
	}
	w.h.MarkSome(0)
	w.h.FinishCycle()
}

// TestMarkAsmOffsets checks the offsets markLocal's hand-written
// version (mark_amd64.asm) uses against the structs, and the constants
// it builds in.
func TestMarkAsmOffsets(t *testing.T) {
	layouttest.CheckAsmFile(t, "mark_amd64.asm", 30, map[string]reflect.Type{
		"Heap":      reflect.TypeFor[Heap](),
		"Span":      reflect.TypeFor[alloc.Span](),
		"workChunk": reflect.TypeFor[workChunk](),
	})
	if alloc.PageShift != 13 || workChunkObjs != 510 || ringObjs != 32 {
		t.Errorf("PageShift %d, workChunkObjs %d, ringObjs %d: mark_amd64.asm says 13, 510 and 32", alloc.PageShift, workChunkObjs, ringObjs)
	}
}
