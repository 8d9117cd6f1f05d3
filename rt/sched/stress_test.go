package sched

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/internal/gcstress"
)

// The stress tests run under -race in CI (.ci/run; their names contain
// "Concurrent"): thousands of coroutines parking and waking on channels
// and timers, and collection cycles with the world stopped while
// coroutines on several processors allocate and write pointers.

// TestConcurrentPipelines: pipelines of four stages joined by
// unbuffered channels, a coroutine per stage, thousands in all, whose
// stages sleep now and then, so that coroutines park on channels and on
// timers and are woken from other processors; every item must arrive,
// in order, at every sink.
func TestConcurrentPipelines(t *testing.T) {
	groups, items := 500, 12
	if testing.Short() {
		groups = 100
	}
	for _, procs := range []int{1, 4} {
		s, m := newSched(t, procs)
		var sinks []*Future
		var bad atomic.Int64
		for gi := 0; gi < groups; gi++ {
			chans := [4]*Chan{newChan(0), newChan(0), newChan(0), newChan(0)}
			spawn(s, m, func(g *G) uint64 {
				for i := 1; i <= items; i++ {
					v := uint64(gi*1000 + i)
					chans[0].Send(g, &v)
				}
				chans[0].Close(g)
				return 0
			})
			for st := 0; st < 3; st++ {
				in, out := chans[st], chans[st+1]
				spawn(s, m, func(g *G) uint64 {
					for {
						var v uint64
						if !in.Recv(g, &v) {
							out.Close(g)
							return 0
						}
						if (v+uint64(st))%5 == 0 {
							s.Sleep(g, int64(v%3)*int64(time.Millisecond)/2)
						}
						v += 1 << 20
						out.Send(g, &v)
					}
				})
			}
			sinks = append(sinks, spawn(s, m, func(g *G) uint64 {
				sum := uint64(0)
				next := uint64(gi*1000 + 1)
				for {
					var v uint64
					if !chans[3].Recv(g, &v) {
						return sum
					}
					if v != next+3<<20 {
						bad.Add(1)
					}
					next++
					sum += v
				}
			}))
		}
		for gi, f := range sinks {
			got, _ := f.Await(m)
			want := uint64(0)
			for i := 1; i <= items; i++ {
				want += uint64(gi*1000+i) + 3<<20
			}
			if got != want {
				t.Errorf("procs %d: pipeline %d summed %d, want %d", procs, gi, got, want)
			}
		}
		s.Stop(m)
		if bad.Load() != 0 {
			t.Errorf("procs %d: %d items out of order", procs, bad.Load())
		}
	}
}

// TestConcurrentCollectWhileMutating: mutator coroutines on four
// processors build, splice and cut linked lists in a collected heap,
// storing every heap pointer through the write barrier and reaching a
// safepoint after each step, while a collector coroutine runs cycles
// with the world stopped. Each mutator's lists hang from its own root
// slots (a range the collector scans). After each cycle, with the world
// still stopped, the collector checks that every reachable cell is still
// allocated, and the mutators check now and then that the cells they
// reach are intact: a cycle that freed anything reachable (a missed
// root, a cache not flushed, a cycle that ran while a mutator was
// between two stores) shows up as a freed cell, or as one reused or
// zeroed. The second run splits each cycle as the native runtime does
// with a concurrent mark: a first pause (BeginCycle, StartConcurrent),
// MarkSome in the collector coroutine while the mutators run, a second
// pause (FinishMark, and the check that every reachable cell is
// marked), then a lazy sweep while they run again.
func TestConcurrentCollectWhileMutating(t *testing.T) {
	for _, conc := range []bool{false, true} {
		name := "stw"
		if conc {
			name = "conc"
		}
		t.Run(name, func(t *testing.T) { collectWhileMutating(t, conc) })
	}
}

func collectWhileMutating(t *testing.T, conc bool) {
	const (
		mutators = 6
		slots    = 4 // root slots per mutator
	)
	steps := 20000
	if testing.Short() {
		steps = 3000
	}
	var h gc.Heap
	if errno := h.Init(gc.Config{GOGC: -1, Arenas: 1}); errno != 0 {
		t.Fatalf("heap: errno %d", errno)
	}
	defer h.Destroy()
	roots := gcstress.Roots(t, &h, mutators*slots)

	s, m := newSched(t, 4)
	var done atomic.Int64
	var errs atomic.Int64
	var firstErr atomic.Value
	fail := func(msg string) {
		if errs.Add(1) == 1 {
			firstErr.Store(msg)
		}
	}
	var futs []*Future
	for k := 0; k < mutators; k++ {
		cache := new(alloc.Cache)
		h.Mem.InitCache(cache)
		mut := gcstress.NewMutator(&h, cache, roots[k*slots:(k+1)*slots], k, 17)
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			defer done.Add(1)
			for step := 0; step < steps && errs.Load() == 0; step++ {
				mut.Step()
				if step%50 == 0 && mut.Broken() != nil {
					fail("a reachable cell was overwritten")
					return 1
				}
				if step%200 == 0 {
					s.Sleep(g, int64(time.Millisecond)/4)
				}
				s.Safepoint(g)
			}
			return 0
		}))
	}
	// The collector: cycles with the world stopped until the mutators end.
	cycles := spawn(s, m, func(g *G) uint64 {
		n := uint64(0)
		for done.Load() < mutators && conc {
			if !s.StopTheWorld(g, int64(time.Second)) {
				s.Sleep(g, int64(time.Millisecond)/2)
				continue
			}
			h.BeginCycle()
			h.StartConcurrent()
			s.StartTheWorld(g)
			for !h.MarkSome(64) {
				s.Yield(g)
			}
			for !s.StopTheWorld(g, int64(time.Second)) {
				s.Safepoint(g)
			}
			h.FinishMark()
			n++
			if gcstress.Unmarked(&h.Mem, roots) != nil {
				fail("a reachable cell is not marked at the end of the mark")
			}
			s.StartTheWorld(g)
			for !h.Mem.SweepSome(16) {
				s.Yield(g)
			}
		}
		for done.Load() < mutators && !conc {
			if s.StopTheWorld(g, int64(time.Second)) {
				h.Collect()
				n++
				if gcstress.Freed(&h.Mem, roots) != nil {
					fail("a reachable cell was freed")
				}
				s.StartTheWorld(g)
			}
			s.Sleep(g, int64(time.Millisecond)/2)
		}
		return n
	})
	awaitAll(m, futs)
	n, _ := cycles.Await(m)
	s.Stop(m)
	if errs.Load() != 0 {
		t.Fatalf("%v (%d failures)", firstErr.Load(), errs.Load())
	}
	if n == 0 {
		t.Fatal("no cycle ran while the mutators did")
	}
	if h.Stats().FreedObjects == 0 && h.Stats().Cycles < 2 {
		t.Errorf("the cycles freed nothing: the test does not exercise the collector")
	}
	t.Logf("%d cycles", n)
}

// TestStackCache: the stack of a coroutine that ended goes to the
// arena's cache of committed stacks and the next coroutine takes it
// from there, so coroutines spawned and awaited one after the other
// never commit a second region; beyond stackCacheMax idle stacks, the
// rest are released to the free list, and reused from there.
func TestStackCache(t *testing.T) {
	s, m := newSched(t, 1)
	defer s.Stop(m)
	for i := 0; i < 3000; i++ {
		spawn(s, m, func(g *G) uint64 { return uint64(i) }).Await(m)
	}
	a := &s.stacks
	if a.next > 2 || a.nfree != 0 {
		t.Errorf("3000 coroutines one after the other committed %d regions, %d released; want 1 or 2, none", a.next, a.nfree)
	}
	// Many alive at once: all get stacks, then all end.
	const many = stackCacheMax + 300
	round := func() {
		gate := newChan(0)
		var started atomic.Int64
		var futs []*Future
		for i := 0; i < many; i++ {
			futs = append(futs, spawn(s, m, func(g *G) uint64 {
				started.Add(1)
				var v uint64
				gate.Recv(g, &v)
				return v
			}))
		}
		for started.Load() < many {
			s.Yield(m) // until they have all started and blocked
		}
		gate.Close(m)
		awaitAll(m, futs)
	}
	round()
	committed := a.next
	// The processor keeps up to pStackMax of them in a cache of its
	// own, beyond the arena's.
	pcached := uintptr(s.procs[0].nstacks)
	if a.ndirty != stackCacheMax || a.nfree+pcached < 300 || pcached >= pStackMax {
		t.Errorf("after %d coroutines ended: %d cached, %d in the processor's cache, %d released; want %d cached, fewer than %d in the processor's, at least 300 in it or released", many, a.ndirty, pcached, a.nfree, stackCacheMax, pStackMax)
	}
	// Again: every stack comes from the cache or the free list.
	round()
	if a.next != committed {
		t.Errorf("the second round committed %d new regions, want 0", a.next-committed)
	}
}
