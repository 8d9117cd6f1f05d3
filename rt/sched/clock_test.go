package sched

import (
	"testing"
	"time"
)

// TestTimeScale: with Config.TimeScale 10 a sleep lasts ten times as
// long in real time, on one processor (the sleeper's own processor
// waits for the timer) and on two (an idle processor's timed futex
// wait), and the scheduler's clock advances a tenth as fast.
func TestTimeScale(t *testing.T) {
	for _, procs := range []int{1, 2} {
		s := new(Sched)
		s.Init(Config{Procs: procs, TimeScale: 10})
		m := s.Main()
		var log logger
		f := spawn(s, m, func(g *G) uint64 {
			s.Sleep(g, int64(2*time.Millisecond))
			log.add("w")
			return 0
		})
		start, clock0 := time.Now(), s.now()
		s.Sleep(m, int64(6*time.Millisecond))
		el, clock := time.Since(start), time.Duration(s.now()-clock0)
		log.add("m")
		f.Await(m)
		s.Stop(m)
		log.check(t, "w m")
		if el < 60*time.Millisecond || el > 10*time.Second {
			t.Errorf("%d processors: a 6 ms sleep at scale 10 took %v, want at least 60 ms", procs, el)
		}
		if clock < 6*time.Millisecond || clock > el/10+time.Millisecond {
			t.Errorf("%d processors: the clock advanced %v in %v, want about a tenth", procs, clock, el)
		}
	}
}

func TestRealNs(t *testing.T) {
	s := new(Sched)
	s.cfg.TimeScale = 20
	for _, c := range []struct{ ns, want int64 }{
		{-1, -1}, {0, 0}, {5, 100}, {1 << 62, 1<<63 - 1},
	} {
		if got := s.realNs(c.ns); got != c.want {
			t.Errorf("realNs(%d) at scale 20 = %d, want %d", c.ns, got, c.want)
		}
	}
	s.cfg.TimeScale = 0
	if got := s.realNs(7); got != 7 {
		t.Errorf("realNs(7) at scale 0 = %d, want 7", got)
	}
}
