package sched

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// newSched returns a scheduler with procs processors whose main
// coroutine is the calling goroutine; Stop it when done.
func newSched(t testing.TB, procs int) (*Sched, *G) {
	t.Helper()
	s := new(Sched)
	s.Init(Config{Procs: procs})
	return s, s.Main()
}

func newChan(capacity int) *Chan {
	c := new(Chan)
	if capacity > 0 {
		buf := make([]uint64, capacity)
		c.Init(unsafe.Pointer(&buf[0]), uint64(capacity), false)
	}
	return c
}

// futures keeps every future of the tests alive: on the host, a G
// record (runtime-owned memory) is not seen by Go's collector.
var futures struct {
	sync.Mutex
	all []*Future
}

func newFuture() *Future {
	f := new(Future)
	futures.Lock()
	futures.all = append(futures.all, f)
	futures.Unlock()
	return f
}

// spawn starts f as a coroutine with a future.
func spawn(s *Sched, cur *G, f func(g *G) uint64) *Future {
	fut := newFuture()
	s.Spawn(cur, s.HostFunc(f), 0, fut, false)
	return fut
}

// logger collects lines from coroutines.
type logger struct {
	mu    sync.Mutex
	lines []string
}

func (l *logger) add(format string, args ...any) {
	l.mu.Lock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
	l.mu.Unlock()
}

func (l *logger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, " ")
}

// check reports an error unless the lines logged, joined by spaces, are
// want.
func (l *logger) check(t testing.TB, want string) {
	t.Helper()
	if got := l.String(); got != want {
		t.Errorf("log %q, want %q", got, want)
	}
}

// awaitAll waits for every future of futs.
func awaitAll(m *G, futs []*Future) {
	for _, f := range futs {
		f.Await(m)
	}
}

func TestSpawnAwait(t *testing.T) {
	s, m := newSched(t, 1)
	var log logger
	var futs []*Future
	for i := 0; i < 5; i++ {
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			log.add("run%d", i)
			return uint64(i * i)
		}))
	}
	sum := uint64(0)
	for i := len(futs) - 1; i >= 0; i-- {
		r, err := futs[i].Await(m)
		if err != nil {
			t.Fatal("error")
		}
		sum += r
	}
	// Await of a finished future returns at once.
	r, _ := futs[2].Await(m)
	s.Stop(m)
	if sum != 30 || r != 4 {
		t.Errorf("sum %d, r %d", sum, r)
	}
	// One processor runs them in creation order.
	log.check(t, "run0 run1 run2 run3 run4")
}

func TestYieldRoundRobin(t *testing.T) {
	s, m := newSched(t, 1)
	var log logger
	var futs []*Future
	for w := 1; w <= 2; w++ {
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			for i := 0; i < 3; i++ {
				log.add("w%d.%d", w, i)
				s.Yield(g)
			}
			return 0
		}))
	}
	awaitAll(m, futs)
	s.Stop(m)
	log.check(t, "w1.0 w2.0 w1.1 w2.1 w1.2 w2.2")
}

func TestSleepOrder(t *testing.T) {
	s, m := newSched(t, 1)
	var log logger
	var futs []*Future
	for _, d := range []int{60, 10, 40, 0, 25} {
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			s.Sleep(g, int64(d)*int64(time.Millisecond))
			log.add("%d", d)
			return 0
		}))
	}
	start := time.Now()
	awaitAll(m, futs)
	el := time.Since(start)
	s.Stop(m)
	log.check(t, "0 10 25 40 60")
	if el < 60*time.Millisecond || el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}

func TestMainSleeps(t *testing.T) {
	s, m := newSched(t, 1)
	start := time.Now()
	s.Sleep(m, int64(20*time.Millisecond))
	if el := time.Since(start); el < 20*time.Millisecond {
		t.Errorf("slept %v", el)
	}
	s.Stop(m)
}

func TestUnbufferedPingPong(t *testing.T) {
	s, m := newSched(t, 1)
	ping, pong := newChan(0), newChan(0)
	var log logger
	player := func(name string, in, out *Chan) func(g *G) uint64 {
		return func(g *G) uint64 {
			for i := 0; i < 3; i++ {
				var v uint64
				if !in.Recv(g, &v) {
					t.Error("recv failed")
				}
				log.add("%s%d", name, v)
				v++
				out.Send(g, &v)
			}
			return 0
		}
	}
	f1 := spawn(s, m, player("ping", ping, pong))
	f2 := spawn(s, m, player("pong", pong, ping))
	v := uint64(0)
	ping.Send(m, &v)
	f1.Await(m)
	ping.Recv(m, &v)
	f2.Await(m)
	s.Stop(m)
	log.check(t, "ping0 pong1 ping2 pong3 ping4 pong5")
	if v != 6 {
		t.Errorf("the value passed back is %d, want 6", v)
	}
}

func TestBufferedAndClose(t *testing.T) {
	s, m := newSched(t, 1)
	c := newChan(2)
	v := uint64(1)
	c.Send(m, &v)
	v = 2
	c.Send(m, &v)
	v = 3
	if c.TrySend(m, &v) != TryBlocked {
		t.Error("try_send on a full channel")
	}
	if !c.TryRecv(m, &v) || v != 1 {
		t.Errorf("try_recv %d", v)
	}
	if !c.Close(m) || c.Close(m) {
		t.Error("close twice")
	}
	if !c.Recv(m, &v) || v != 2 {
		t.Errorf("recv after close %d", v)
	}
	if c.Recv(m, &v) || v != 0 {
		t.Error("recv of a closed drained channel")
	}
	if c.TryRecv(m, &v) {
		t.Error("try_recv of a closed channel")
	}
	v = 5
	if c.Send(m, &v) || c.TrySend(m, &v) != TryClosed {
		t.Error("send on a closed channel")
	}
	// Close wakes a blocked receiver and a blocked sender.
	u := newChan(0)
	var recvOK, sendOK atomic.Bool
	f1 := spawn(s, m, func(g *G) uint64 {
		var x uint64
		recvOK.Store(u.Recv(g, &x))
		return 0
	})
	w := newChan(0)
	f2 := spawn(s, m, func(g *G) uint64 {
		x := uint64(9)
		sendOK.Store(w.Send(g, &x))
		return 0
	})
	s.Yield(m)
	u.Close(m)
	w.Close(m)
	f1.Await(m)
	f2.Await(m)
	s.Stop(m)
	if recvOK.Load() || sendOK.Load() {
		t.Error("operations woken by close succeeded")
	}
}

// selCases lays out select cases as compiled code does.
func selCases(cs ...SelCase) unsafe.Pointer {
	buf := make([]SelCase, len(cs))
	copy(buf, cs)
	return unsafe.Pointer(&buf[0])
}

func TestSelectOrder(t *testing.T) {
	s, m := newSched(t, 1)
	ch1, ch2 := newChan(1), newChan(1)
	// Send arms are tried first: the send to ch1 wins, then the receive.
	cases := selCases(SelCase{C: ch2, Kind: SelRecv}, SelCase{C: ch1, Kind: SelRecv}, SelCase{C: ch1, Kind: SelSend, Val: 23312})
	if i := s.Select(m, cases, 3, false); i != 2 {
		t.Errorf("first select chose %d", i)
	}
	selCase(cases, 2).Val = 23312
	if i := s.Select(m, cases, 3, false); i != 1 || selCase(cases, 1).Val != 23312 {
		t.Errorf("second select chose %d with %d", i, selCase(cases, 1).Val)
	}
	// Nothing ready: the default.
	if i := s.Select(m, selCases(SelCase{C: ch2, Kind: SelRecv}), 1, true); i != -1 {
		t.Errorf("default not taken: %d", i)
	}
	// A closed channel's arms run: receive zero, send nothing.
	cl := newChan(1)
	cl.Close(m)
	rc := selCases(SelCase{C: cl, Kind: SelRecv, Val: 7})
	if i := s.Select(m, rc, 1, false); i != 0 || selCase(rc, 0).Val != 0 {
		t.Errorf("closed recv arm: %d", i)
	}
	if i := s.Select(m, selCases(SelCase{C: cl, Kind: SelSend, Val: 5}), 1, false); i != 0 {
		t.Errorf("closed send arm: %d", i)
	}
	s.Stop(m)
}

func TestSelectBlocks(t *testing.T) {
	s, m := newSched(t, 1)
	fast, slow, slower := newChan(0), newChan(0), newChan(0)
	produce := func(c *Chan, v uint64, ms int) {
		spawn(s, m, func(g *G) uint64 {
			s.Sleep(g, int64(ms)*int64(time.Millisecond))
			c.Send(g, &v)
			return 0
		})
	}
	produce(slow, 2, 60)
	produce(fast, 1, 10)
	produce(slower, 3, 110)
	var got []uint64
	for i := 0; i < 3; i++ {
		cases := selCases(SelCase{C: fast, Kind: SelRecv}, SelCase{C: slow, Kind: SelRecv}, SelCase{C: slower, Kind: SelRecv})
		k := s.Select(m, cases, 3, false)
		got = append(got, uint64(k)*10+selCase(cases, k).Val)
	}
	s.Stop(m)
	if fmt.Sprint(got) != "[1 12 23]" {
		t.Errorf("got %v", got)
	}
}

func TestMutex(t *testing.T) {
	for _, procs := range []int{1, 4} {
		s, m := newSched(t, procs)
		var mu Mutex
		counter := 0
		done := newChan(200)
		for w := 0; w < 200; w++ {
			spawn(s, m, func(g *G) uint64 {
				for i := 0; i < 50; i++ {
					mu.Lock(g)
					seen := counter
					s.Yield(g)
					counter = seen + 1
					mu.Unlock(g)
				}
				v := uint64(1)
				done.Send(g, &v)
				return 0
			})
		}
		for w := 0; w < 200; w++ {
			var v uint64
			done.Recv(m, &v)
		}
		mu.Lock(m)
		c := counter
		mu.Unlock(m)
		s.Stop(m)
		if c != 10000 {
			t.Errorf("procs %d: counter %d", procs, c)
		}
	}
}

func TestFutureFail(t *testing.T) {
	s, m := newSched(t, 1)
	errObj := new(int)
	var failed bool
	f := newFuture()
	s.Spawn(m, s.HostFunc(func(g *G) uint64 {
		s.Sleep(g, int64(5*time.Millisecond))
		failed = f.Fail(g, unsafe.Pointer(errObj))
		return 0
	}), 0, f, false)
	_, err := f.Await(m)
	if !failed || err != unsafe.Pointer(errObj) {
		t.Errorf("failed %v err %v", failed, err)
	}
	// No waiter: Fail reports false.
	f2 := newFuture()
	var failed2 = true
	s.Spawn(m, s.HostFunc(func(g *G) uint64 {
		failed2 = f2.Fail(g, unsafe.Pointer(errObj))
		return 0
	}), 0, f2, false)
	s.Sleep(m, int64(5*time.Millisecond))
	s.Stop(m)
	if failed2 {
		t.Error("Fail without waiter")
	}
}

// TestPinned: co.SAME coroutines stay on their processor.
func TestPinned(t *testing.T) {
	s, m := newSched(t, 4)
	var bad atomic.Int32
	var futs []*Future
	for i := 0; i < 20; i++ {
		f := newFuture()
		s.Spawn(m, s.HostFunc(func(g *G) uint64 {
			for j := 0; j < 10; j++ {
				if g.P() != m.P() {
					bad.Add(1)
				}
				s.Yield(g)
			}
			return 0
		}), 0, f, true)
		futs = append(futs, f)
	}
	awaitAll(m, futs)
	s.Stop(m)
	if bad.Load() != 0 {
		t.Errorf("%d runs off the spawner's processor", bad.Load())
	}
}

// TestStress: thousands of coroutines on several processors parking and
// waking on channels, timers and a mutex (run it with -race).
func TestStress(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	for _, procs := range []int{1, 4} {
		s, m := newSched(t, procs)
		work := newChan(16)
		results := newChan(0)
		var mu Mutex
		total := 0
		// Workers: receive until closed, sleep a little now and then.
		var workers []*Future
		for w := 0; w < 8; w++ {
			workers = append(workers, spawn(s, m, func(g *G) uint64 {
				for {
					var v uint64
					if !work.Recv(g, &v) {
						return 0
					}
					if v%97 == 0 {
						s.Sleep(g, 100000)
					}
					mu.Lock(g)
					total += int(v)
					mu.Unlock(g)
					r := v * 2
					results.Send(g, &r)
				}
			}))
		}
		// Producers, each a coroutine of its own.
		for i := 1; i <= n; i++ {
			spawn(s, m, func(g *G) uint64 {
				if i%5 == 0 {
					s.Yield(g)
				}
				v := uint64(i)
				work.Send(g, &v)
				return 0
			})
		}
		sum := uint64(0)
		for i := 0; i < n; i++ {
			var v uint64
			cases := selCases(SelCase{C: results, Kind: SelRecv})
			k := s.Select(m, cases, 1, false)
			v = selCase(cases, k).Val
			sum += v
		}
		work.Close(m)
		for _, f := range workers {
			f.Await(m)
		}
		mu.Lock(m)
		tot := total
		mu.Unlock(m)
		s.Stop(m)
		want := uint64(n * (n + 1))
		if sum != want || tot != n*(n+1)/2 {
			t.Errorf("procs %d: sum %d want %d, total %d", procs, sum, want, tot)
		}
	}
}

// TestManyTimers: many sleepers with several processors wake in time.
func TestManyTimers(t *testing.T) {
	s, m := newSched(t, 3)
	var futs []*Future
	var woken atomic.Int64
	for i := 0; i < 1000; i++ {
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			s.Sleep(g, int64(i%10)*int64(time.Millisecond))
			woken.Add(1)
			return uint64(i)
		}))
	}
	sum := uint64(0)
	for _, f := range futs {
		r, _ := f.Await(m)
		sum += r
	}
	s.Stop(m)
	if woken.Load() != 1000 || sum != 999*1000/2 {
		t.Errorf("woken %d sum %d", woken.Load(), sum)
	}
}

// TestStopTheWorld: coroutines on four processors that reach safepoints
// all stop while the world is stopped, and go on after.
func TestStopTheWorld(t *testing.T) {
	s, m := newSched(t, 4)
	const n = 8
	var counts [n]atomic.Int64
	var quit atomic.Bool
	var futs []*Future
	for i := 0; i < n; i++ {
		futs = append(futs, spawn(s, m, func(g *G) uint64 {
			for !quit.Load() {
				counts[i].Add(1)
				s.Safepoint(g)
			}
			return 0
		}))
	}
	sum := func() int64 {
		var t int64
		for i := range counts {
			t += counts[i].Load()
		}
		return t
	}
	// The spinners never block: main, on processor 0, lets the others
	// start them (a Sleep would never be noticed without the monitor).
	time.Sleep(5 * time.Millisecond)
	for round := 0; round < 5; round++ {
		if !s.StopTheWorld(m, int64(time.Second)) {
			t.Fatal("the world did not stop")
		}
		if *s.flag() == 0 {
			t.Error("the safepoint flag is not raised while the world is stopped")
		}
		for g := s.FirstG(); g != nil; g = g.NextG() {
			if g != m && g.Running() {
				t.Errorf("coroutine %d runs while the world is stopped", g.ID())
			}
		}
		before := sum()
		time.Sleep(5 * time.Millisecond)
		if after := sum(); after != before {
			t.Errorf("round %d: %d steps while the world was stopped", round, after-before)
		}
		s.StartTheWorld(m)
		start := sum()
		deadline := time.Now().Add(time.Second)
		for sum() == start && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if sum() == start {
			t.Errorf("round %d: the world did not start again", round)
		}
	}
	quit.Store(true)
	awaitAll(m, futs)
	if *s.flag() != 0 {
		t.Errorf("the safepoint flag is %d after the world restarted", *s.flag())
	}
	s.Stop(m)
}

// TestPreempt: on one processor, a coroutine that never blocks (it only
// reaches safepoints) is preempted by the monitor once main's sleep is
// due, so main wakes; the monitor is driven by a goroutine here.
func TestPreempt(t *testing.T) {
	s, m := newSched(t, 1)
	var quit atomic.Bool
	var spins atomic.Int64
	f := spawn(s, m, func(g *G) uint64 {
		for !quit.Load() {
			spins.Add(1)
			s.Safepoint(g)
		}
		return 0
	})
	done := make(chan bool)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
				s.monitor(sys.Nanotime())
			}
		}
	}()
	start := time.Now()
	s.Sleep(m, int64(20*time.Millisecond))
	woke := time.Since(start)
	quit.Store(true)
	f.Await(m)
	close(done)
	s.Stop(m)
	if woke > 500*time.Millisecond {
		t.Errorf("main woke after %v", woke)
	}
	if spins.Load() == 0 {
		t.Error("the spinner never ran")
	}
}

// TestRootChunks checks the layout of a chunk of G records (pool.go) and
// that the chunks' dense root words are every coroutine's: a spawned
// coroutine's argument and future are in the ranges the collector scans,
// and an ended one's are cleared.
func TestRootChunks(t *testing.T) {
	if end := gChunkRecOff + gChunkRecords*gRecordBytes; end > poolChunkBytes || gChunkRecOff%64 != 0 || gRecordBytes%64 != 0 ||
		gChunkHeader+gChunkRecords*unsafe.Sizeof(gRoots{}) > gChunkRecOff || unsafe.Sizeof(RootChunk{}) > gChunkHeader {
		t.Fatalf("chunk layout: %d records of %d bytes from %d, to %d of %d", gChunkRecords, gRecordBytes, gChunkRecOff, end, poolChunkBytes)
	}
	s, m := newSched(t, 1)
	defer s.Stop(m)
	inRoots := func(w uintptr) int {
		n := 0
		for c := s.FirstRootChunk(); c != nil; c = c.Next() {
			p, size := c.Words()
			for off := uintptr(0); off < size; off += 8 {
				if *(*uintptr)(unsafe.Add(p, off)) == w {
					n++
				}
			}
		}
		return n
	}
	const n = int(gChunkRecords) + 10 // two chunks at least
	gate := newChan(0)
	var futs []*Future
	for i := 0; i < n; i++ {
		fut := newFuture()
		s.Spawn(m, s.HostFunc(func(g *G) uint64 {
			var v uint64
			gate.Recv(g, &v)
			return v
		}), uintptr(0x5150000+i), fut, false)
		futs = append(futs, fut)
	}
	for i, f := range futs {
		if inRoots(uintptr(0x5150000+i)) != 1 || inRoots(uintptr(unsafe.Pointer(f))) != 1 {
			t.Fatalf("coroutine %d: its argument or future is not once in the root words", i)
		}
	}
	gate.Close(m)
	awaitAll(m, futs)
	s.Yield(m) // the last to end is freed once main runs again
	for i, f := range futs {
		if inRoots(uintptr(0x5150000+i)) != 0 || inRoots(uintptr(unsafe.Pointer(f))) != 0 {
			t.Fatalf("ended coroutine %d: its argument or future is still in the root words", i)
		}
	}
}
