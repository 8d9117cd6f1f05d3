package gc

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/internal/gcstress"
)

// h0cache gives h a cache for the test's own allocations.
func h0cache(h *Heap) *alloc.Cache {
	c := new(alloc.Cache)
	h.Mem.InitCache(c)
	return c
}

// TestConcurrentMark runs the concurrent cycle with mutators in
// parallel goroutines (run it under -race): a sync.RWMutex is the world,
// which mutators hold shared for each step and the collector exclusively
// for its two pauses. The collector begins a cycle (BeginCycle,
// StartConcurrent), marks with MarkSome while the mutators build, splice
// and cut lists through the write barrier — among them moves of a
// pointer from one heap cell to another within a step, the case the
// barrier exists for —, ends it (FinishMark), checks with the world
// stopped that every cell reachable from the roots is marked, and
// sweeps lazily while the mutators allocate again (their refills sweep
// spans too). The mutators check the cells they reach: a cell freed
// while reachable shows up as one reused or zeroed.
func TestConcurrentMark(t *testing.T) {
	const (
		mutators = 4
		slots    = 4
	)
	want := 12 // cycles
	if testing.Short() {
		want = 4
	}
	var h Heap
	if errno := h.Init(Config{GOGC: -1, Arenas: 2}); errno != 0 {
		t.Fatalf("heap: errno %d", errno)
	}
	defer h.Destroy()
	// roots: slots per mutator, then the long list's.
	roots := gcstress.Roots(t, &h, mutators*slots+1)

	// A long list in a root slot of its own, never changed, so that each
	// mark takes long enough for the mutators to run during it.
	long := gcstress.NewMutator(&h, h0cache(&h), roots[mutators*slots:], mutators, 0)
	for n := 0; n < 5000; n++ {
		long.Push(0)
	}
	var world sync.RWMutex
	var stop atomic.Bool
	var failed atomic.Value
	fail := func(msg string) { failed.CompareAndSwap(nil, msg) }
	var wg sync.WaitGroup
	for k := 0; k < mutators; k++ {
		m := gcstress.NewMutator(&h, h0cache(&h), roots[k*slots:(k+1)*slots], k, 5)
		wg.Go(func() {
			for step := 0; !stop.Load() && failed.Load() == nil; step++ {
				world.RLock()
				m.Step()
				if step%64 == 0 {
					if c := m.Broken(); c != nil {
						fail(fmt.Sprintf("reachable cell %#x overwritten", c.ID))
					}
				}
				world.RUnlock()
				if step%256 == 0 {
					runtime.Gosched()
				}
			}
		})
	}
	cycles := 0
	for ; cycles < want && failed.Load() == nil; cycles++ {
		world.Lock()
		h.BeginCycle()
		h.StartConcurrent()
		world.Unlock()
		for !h.MarkSome(16) {
			runtime.Gosched()
		}
		world.Lock()
		h.FinishMark()
		if c := gcstress.Unmarked(&h.Mem, roots); c != nil {
			fail(fmt.Sprintf("reachable cell %#x not marked at the end of the mark", c.ID))
		}
		world.Unlock()
		for !h.Mem.SweepSome(4) {
			runtime.Gosched()
		}
	}
	stop.Store(true)
	wg.Wait()
	if msg := failed.Load(); msg != nil {
		t.Fatalf("after %d cycles: %v", cycles, msg)
	}
	st := h.Stats()
	if st.BarrierShades == 0 || st.FreedObjects+h.Mem.Stats().Frees == 0 {
		t.Fatalf("%d cycles, %d barrier shades, %d frees: the test does not exercise the concurrent mark", cycles, st.BarrierShades, h.Mem.Stats().Frees)
	}
	t.Logf("%d cycles, %d barrier shades, %d objects freed", cycles, st.BarrierShades, h.Mem.Stats().Frees)
}
