package sched

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/internal/gcstress"
	"github.com/naturekit/naturekit/rt/sys"
)

// Descriptors of the collected objects the barrier tests make as rt/lang
// does: a channel (its first word the ring), a ring of pointers, a
// future (result and error traced).
var (
	barrierMasks = [3]uint8{0b1, 0b1, 0b11}
	chanType     = &alloc.Type{Size: ChanSize, Align: 8, PtrBytes: 8, GCBits: &barrierMasks[0], Kind: alloc.KindStruct}
	wordType     = &alloc.Type{Size: 8, Align: 8, PtrBytes: 8, GCBits: &barrierMasks[1], Kind: alloc.KindStruct}
	futureType   = &alloc.Type{Size: FutureSize, Align: 8, PtrBytes: 16, GCBits: &barrierMasks[2], Kind: alloc.KindStruct}
)

// barrierWorld is a collected heap with one root word, a cache, and a
// one-processor scheduler whose stores go through the heap's barrier
// when barrier is set (Config.Heap) and are plain stores when not.
type barrierWorld struct {
	h     gc.Heap
	cache alloc.Cache
	root  *unsafe.Pointer
	s     *Sched
	m     *G
}

func newBarrierWorld(t *testing.T, barrier bool) *barrierWorld {
	t.Helper()
	w := new(barrierWorld)
	if errno := w.h.Init(gc.Config{GOGC: -1, Arenas: 1}); errno != 0 {
		t.Fatalf("heap: errno %d", errno)
	}
	mem, errno := sys.Mmap(8)
	if errno != 0 {
		t.Fatalf("roots: errno %d", errno)
	}
	t.Cleanup(func() {
		w.h.Destroy()
		sys.Munmap(mem, 8)
	})
	w.h.AddRoots(mem, unsafe.Add(mem, 8))
	w.root = (*unsafe.Pointer)(mem)
	w.h.Mem.InitCache(&w.cache)
	cfg := Config{Procs: 1}
	if barrier {
		cfg.Heap = &w.h
	}
	w.s = new(Sched)
	w.s.Init(cfg)
	w.m = w.s.Main()
	return w
}

// newCell allocates a cell that nothing in the heap or the roots points
// to: the test holds it only in Go variables, which stand for a stack
// the collector has scanned already (natively) or never sees (the host).
func (w *barrierWorld) newCell(id uint64) uint64 {
	return uint64(uintptr(unsafe.Pointer(gcstress.NewCell(&w.h, &w.cache, id))))
}

// survived reports whether the cell at p is still allocated and intact.
func (w *barrierWorld) survived(p uint64) bool {
	sp, _, base := w.h.Mem.FindObject(uintptr(p))
	if sp == nil || base != uintptr(p) {
		return false
	}
	return (*gcstress.Cell)(*(*unsafe.Pointer)(unsafe.Pointer(&p))).Intact()
}

// verdict fails the test unless the cell at p survived the cycle, with
// the barrier, or was freed, without it (so that the test shows the
// barrier matters), and stops the scheduler.
func (w *barrierWorld) verdict(t *testing.T, barrier bool, p uint64, what string) {
	t.Helper()
	w.s.Stop(w.m)
	ok := w.survived(p)
	if barrier && !ok {
		t.Fatalf("with the barrier, %s was freed", what)
	}
	if !barrier && ok {
		t.Fatalf("without the barrier %s survived: the test does not exercise the barrier", what)
	}
}

// TestChanRingBarrier: a value sits in the ring of a channel that is
// reachable but not yet scanned when a cycle starts; a receiver takes
// it, so its only reference is now on a stack already scanned, and the
// ring's slot is cleared. The barrier on that clearing store (Yuasa's
// deletion half) keeps the value; without it the cycle frees a value in
// use. The case the design's concurrent marking (docs/runtime.md) meets
// whenever a receive runs during marking.
func TestChanRingBarrier(t *testing.T) {
	for _, barrier := range []bool{true, false} {
		w := newBarrierWorld(t, barrier)
		c := (*Chan)(w.h.Alloc(&w.cache, chanType, 1))
		*w.root = unsafe.Pointer(c)
		ring := w.h.Alloc(&w.cache, wordType, 2)
		c.Init(ring, 2, true)
		v := w.newCell(1)
		if c.TrySend(w.m, &v) != 1 {
			t.Fatal("send into an empty ring failed")
		}
		v = 0

		w.h.BeginCycle() // the channel grey; the ring and the value white
		var got uint64
		if !c.TryRecv(w.m, &got) {
			t.Fatal("receive from the ring failed")
		}
		w.h.MarkSome(0)
		w.h.FinishCycle()

		w.verdict(t, barrier, got, "the received value")
	}
}

// TestFutureBarrier: a coroutine completes a future the collector has
// already scanned (black) with a value, white, that only its own stack
// holds, and ends. The barrier on the result's store (Dijkstra's insertion half)
// shades the value; without it the cycle frees the result before the
// awaiting coroutine reads it.
func TestFutureBarrier(t *testing.T) {
	for _, barrier := range []bool{true, false} {
		w := newBarrierWorld(t, barrier)
		f := (*Future)(w.h.Alloc(&w.cache, futureType, 1))
		*w.root = unsafe.Pointer(f)
		v := w.newCell(2) // before the cycle: white (allocation during marking is black)

		w.h.BeginCycle()
		w.h.MarkSome(0) // the future black
		w.s.Spawn(w.m, w.s.HostFunc(func(g *G) uint64 { return v }), 0, f, false)
		r, err := f.Await(w.m)
		if err != nil || r == 0 {
			t.Fatalf("await: %#x, %v", r, err)
		}
		w.h.FinishCycle()

		w.verdict(t, barrier, r, "the future's result")
	}
}
