package gc

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// brokenCell returns the id of a cell reachable from heads whose
// checksum is wrong, or 0.
func brokenCell(heads []*node) uint64 {
	for _, head := range heads {
		for c := head; c != nil; c = c.a {
			if c.sum != checksum(c.id) {
				return c.id
			}
		}
	}
	return 0
}

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
	// roots: slots per mutator, then the long list's.
	want := 12 // cycles
	if testing.Short() {
		want = 4
	}
	var h Heap
	if errno := h.Init(Config{GOGC: -1, Arenas: 2}); errno != 0 {
		t.Fatalf("heap: errno %d", errno)
	}
	defer h.Destroy()
	mem, errno := sys.Mmap((mutators*slots + 1) * 8)
	if errno != 0 {
		t.Fatalf("roots: errno %d", errno)
	}
	defer sys.Munmap(mem, (mutators*slots+1)*8)
	h.AddRoots(mem, unsafe.Add(mem, (mutators*slots+1)*8))
	roots := (*[mutators*slots + 1]*node)(mem)

	// A long list per mutator, in a root slot of its own and never
	// changed, so that each mark takes long enough for the mutators to
	// run during it.
	long, lc := (*node)(nil), h0cache(&h)
	for n := 0; n < 5000; n++ {
		c := (*node)(h.Alloc(lc, nodeType, 1))
		c.id, c.sum = uint64(n)|1<<60, checksum(uint64(n)|1<<60)
		c.a = long
		long = c
		roots[len(roots)-1] = long
	}
	var world sync.RWMutex
	var stop atomic.Bool
	var failed atomic.Value
	fail := func(msg string) { failed.CompareAndSwap(nil, msg) }
	store := func(slot **node, v *node) {
		h.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(slot)), unsafe.Pointer(v))
	}
	var wg sync.WaitGroup
	for k := 0; k < mutators; k++ {
		cache := new(alloc.Cache)
		h.Mem.InitCache(cache)
		mine := roots[k*slots : (k+1)*slots]
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(k), 5))
			id := uint64(k) << 40
			for step := 0; !stop.Load() && failed.Load() == nil; step++ {
				world.RLock()
				i, j := r.IntN(slots), r.IntN(slots)
				switch op := r.IntN(12); {
				case op < 5: // push a new cell on list i
					id++
					c := (*node)(h.Alloc(cache, nodeType, 1))
					c.id, c.sum = id, checksum(id)
					store(&c.a, mine[i])
					mine[i] = c
				case op < 7: // swap the tails of lists i and j, heap to heap
					if a, b := mine[i], mine[j]; a != nil && b != nil && a != b {
						x := b.a
						store(&b.a, a.a)
						store(&a.a, x)
					}
				case op < 8: // move list j's head to the front of list i
					if c := mine[j]; c != nil && i != j {
						mine[j] = c.a
						store(&c.a, mine[i])
						mine[i] = c
					}
				case op < 11: // cut list i after up to 40 cells: garbage
					c := mine[i]
					for n := r.IntN(40); n > 0 && c != nil; n-- {
						c = c.a
					}
					if c != nil {
						store(&c.a, nil)
					}
				default: // drop list i
					mine[i] = nil
				}
				if step%64 == 0 {
					if id := brokenCell(mine); id != 0 {
						fail(fmt.Sprintf("reachable cell %#x overwritten", id))
					}
				}
				world.RUnlock()
				if step%256 == 0 {
					runtime.Gosched()
				}
			}
		}()
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
		for _, head := range roots {
			for c := head; c != nil; c = c.a {
				s, idx, base := h.Mem.FindObject(uintptr(unsafe.Pointer(c)))
				if s == nil || base != uintptr(unsafe.Pointer(c)) || !s.Marked(idx) {
					fail(fmt.Sprintf("reachable cell %#x not marked at the end of the mark", c.id))
				}
			}
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
