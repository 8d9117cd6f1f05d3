package sched

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// The saving of parked stacks (stack.go) on the host: a coroutine keeps
// what it would keep on its native stack — a pattern, the slot of its
// channel operations, its select's cases — in the top HostStackUse
// bytes of its stack region (usedWords), which is what the host saves
// and restores.

const (
	patWords = 40 // words 0..39: the pattern
	casesAt  = 40 // words 40..48: up to three select cases
	slotAt   = HostStackUse/8 - 1
)

func usedWords(g *G) *[HostStackUse / 8]uint64 {
	_, hi := g.StackBounds()
	return (*[HostStackUse / 8]uint64)(ptrAt(hi - HostStackUse))
}

func patWord(seed uint64, i int) uint64 {
	return seed*0x9e3779b97f4a7c15 + uint64(i)*0x5851f42d4c957f2d + 1
}

func fillPattern(g *G, seed uint64) {
	w := usedWords(g)
	for i := 0; i < patWords; i++ {
		w[i] = patWord(seed, i)
	}
}

// patternOK reports whether the pattern of seed is at w.
func patternOK(w *[HostStackUse / 8]uint64, seed uint64) bool {
	for i := 0; i < patWords; i++ {
		if w[i] != patWord(seed, i) {
			return false
		}
	}
	return true
}

// TestSaveParkedStacks parks coroutines of four kinds — receiving,
// sending, in a select, waiting for a mutex — with their values in flight on their
// stacks, has two walks save every stack, checks that the pages were
// given back (they read zero) and that ScanStack gives the copies, then
// wakes them all: each finds its stack as it left it and the value it
// was handed.
func TestSaveParkedStacks(t *testing.T) {
	for _, procs := range []int{1, 4} {
		s, m := newSched(t, procs)
		const n = 2000
		in, out, sel, never := newChan(0), newChan(0), newChan(0), newChan(0)
		var mu Mutex
		mu.Lock(m)
		var started, bad atomic.Int64
		var futs []*Future
		var gs []*G
		for i := 0; i < n; i++ {
			seed := uint64(procs*n + i)
			futs, gs = spawnG(s, m, futs, gs, func(g *G) uint64 {
				fillPattern(g, seed)
				w := usedWords(g)
				slot := &w[slotAt]
				started.Add(1)
				var got uint64
				switch i % 4 {
				case 0:
					in.Recv(g, slot)
					got = *slot
				case 1:
					*slot = 1000000 + uint64(i)
					out.Send(g, slot)
					got = *slot
				case 2:
					cs := unsafe.Pointer(&w[casesAt])
					*selCase(cs, 0) = SelCase{C: never, Kind: SelRecv}
					*selCase(cs, 1) = SelCase{C: sel, Kind: SelRecv}
					if k := s.Select(g, cs, 2, false); k != 1 {
						bad.Add(1)
					}
					got = selCase(cs, 1).Val
				case 3:
					mu.Lock(g) // main holds it
					mu.Unlock(g)
				}
				if !patternOK(w, seed) {
					bad.Add(1)
				}
				return got
			})
		}
		for started.Load() < n {
			s.Sleep(m, int64(time.Millisecond))
		}
		// Two walks save a stack parked at the first; wait for all. On
		// one processor whole walks, on four the monitor's looks (a walk
		// in parts, every compactPeriod).
		deadline := time.Now().Add(10 * time.Second)
		for s.saves.Stacks < n && time.Now().Before(deadline) {
			if procs == 1 {
				s.compactWalk()
			} else {
				s.compactStacks(sys.Nanotime())
			}
			s.Sleep(m, int64(time.Millisecond))
		}
		if s.saves.Stacks != n {
			t.Fatalf("%d procs: %d of %d parked stacks saved", procs, s.saves.Stacks, n)
		}
		s.LockStacks()
		for _, g := range gs {
			if st := sysPark(g); st != parkSaved {
				t.Errorf("coroutine %d: state %d, want saved", g.ID(), st)
				continue
			}
			if w := usedWords(g); w[0] != 0 || w[slotAt] != 0 {
				t.Errorf("coroutine %d: its saved stack's pages were not given back", g.ID())
			}
			from, to := g.ScanStack()
			seed := uint64(procs*n) + uint64(g.ID()) - 1
			if to-from != HostStackUse || !patternOK((*[HostStackUse / 8]uint64)(ptrAt(from)), seed) {
				t.Errorf("coroutine %d: ScanStack gives [%#x, %#x), not its saved stack", g.ID(), from, to)
			}
		}
		s.UnlockStacks()
		// Wake them: values go to and come from the saved copies.
		var sum uint64
		for i := 0; i < n/4; i++ {
			v := uint64(i) + 1
			in.Send(m, &v)
			var r uint64
			out.Recv(m, &r)
			sum += r
			v = 2000000 + uint64(i)
			sel.Send(m, &v)
		}
		mu.Unlock(m)
		var got [4]uint64
		for i, f := range futs {
			v, _ := f.Await(m)
			got[i%4] += v
		}
		s.Stop(m)
		q := uint64(n / 4)
		want := [4]uint64{q * (q + 1) / 2, 0, q*2000000 + q*(q-1)/2, 0}
		for i := 0; i < n; i += 4 {
			want[1] += 1000000 + uint64(i+1)
		}
		if got != want || sum != want[1] {
			t.Errorf("%d procs: values received %v (senders' %d), want %v", procs, got, sum, want)
		}
		if bad.Load() != 0 {
			t.Errorf("%d procs: %d coroutines found their stack or select changed", procs, bad.Load())
		}
		if s.saves.Stacks != 0 || s.saves.Bytes != 0 {
			t.Errorf("%d procs: %d saved stacks (%d bytes) left after all ran", procs, s.saves.Stacks, s.saves.Bytes)
		}
	}
}

func sysPark(g *G) uint32 {
	if sl := g.slot; sl != nil {
		return atomic.LoadUint32(&sl.park)
	}
	return parkActive
}

// TestConcurrentSaveWhilePingPong runs 300 pairs of coroutines on four
// processors playing ping-pong over unbuffered channels with the values
// on their stacks, sleeping now and then, while a goroutine walks the
// coroutines as the monitor does (saving the stacks parked long enough)
// and main stops the world again and again and, like the collector,
// reads every saved stack through ScanStack: every value must arrive,
// every stack must be found as its coroutine left it.
func TestConcurrentSaveWhilePingPong(t *testing.T) {
	s, m := newSched(t, 4)
	const pairs = 300
	rounds := 60
	if testing.Short() {
		rounds = 20
	}
	var bad, done atomic.Int64
	var futs []*Future
	var gs []*G
	for i := 0; i < pairs; i++ {
		ping, pong := newChan(0), newChan(0)
		player := func(seed uint64, first bool) func(g *G) uint64 {
			return func(g *G) uint64 {
				fillPattern(g, seed)
				w := usedWords(g)
				slot := &w[slotAt]
				for k := 0; k < rounds; k++ {
					if first {
						*slot = seed<<16 | uint64(k)
						ping.Send(g, slot)
						pong.Recv(g, slot)
						if *slot != seed<<16|uint64(k)+1 {
							bad.Add(1)
						}
					} else {
						ping.Recv(g, slot)
						*slot++
						pong.Send(g, slot)
					}
					if !patternOK(w, seed) {
						bad.Add(1)
					}
					if (k+int(seed))%16 == 0 {
						s.Sleep(g, int64(2*time.Millisecond))
					}
					s.Safepoint(g)
				}
				done.Add(1)
				return 0
			}
		}
		futs, gs = spawnG(s, m, futs, gs, player(uint64(2*i+1), true))
		futs, gs = spawnG(s, m, futs, gs, player(uint64(2*i+2), false))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // the monitor
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			s.compactWalk()
			time.Sleep(100 * time.Microsecond)
		}
	}()
	scans, seen := 0, 0
	for done.Load() < 2*pairs {
		s.Sleep(m, int64(time.Millisecond))
		if !s.StopTheWorld(m, int64(time.Second)) {
			continue
		}
		scans++
		s.LockStacks()
		for i, f := range futs {
			// (the world is stopped: an unfinished coroutine keeps its G)
			g := gs[i]
			if f.Done() || sysPark(g) != parkSaved {
				continue
			}
			seen++
			from, to := g.ScanStack()
			if to-from != HostStackUse || !patternOK((*[HostStackUse / 8]uint64)(ptrAt(from)), uint64(g.ID())) {
				t.Errorf("coroutine %d: its saved stack is not what ScanStack gives", g.ID())
			}
		}
		s.UnlockStacks()
		s.StartTheWorld(m)
	}
	close(stop)
	wg.Wait()
	awaitAll(m, futs)
	s.Stop(m)
	if bad.Load() != 0 {
		t.Errorf("%d values or stacks were wrong", bad.Load())
	}
	if s.saves.Saves == 0 || seen == 0 {
		t.Errorf("%d stacks saved, %d seen saved in %d stops: the test tested nothing", s.saves.Saves, seen, scans)
	}
	t.Logf("%d saves, %d saved stacks seen in %d stops", s.saves.Saves, seen, scans)
}

// spawnG is spawn that appends the future to futs and the coroutine to
// gs.
func spawnG(s *Sched, cur *G, futs []*Future, gs []*G, f func(g *G) uint64) ([]*Future, []*G) {
	fut := newFuture()
	g := s.Spawn(cur, s.HostFunc(f), 0, fut, false)
	return append(futs, fut), append(gs, g)
}
