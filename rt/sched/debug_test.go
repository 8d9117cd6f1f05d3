package sched

import (
	"sync"
	"testing"
)

func TestDebugDup(t *testing.T) {
	n := 2000
	s, m := newSched(t, 4)
	work := newChan(16)
	results := newChan(0)
	var cm Mutex
	total := 0
	var mu sync.Mutex
	seen := map[uint64]int{}
	runs := map[int]int{}
	var workers []*Future
	for w := 0; w < 8; w++ {
		workers = append(workers, spawn(s, m, func(g *G) uint64 {
			for {
				var v uint64
				if !work.Recv(g, &v) {
					return 0
				}
				mu.Lock()
				seen[v]++
				mu.Unlock()
				if v%97 == 0 {
					s.Sleep(g, 100000)
				}
				cm.Lock(g)
				total += int(v)
				cm.Unlock(g)
				r := v * 2
				results.Send(g, &r)
			}
		}))
	}
	var prods []*Future
	for i := 1; i <= n; i++ {
		prods = append(prods, spawn(s, m, func(g *G) uint64 {
			mu.Lock()
			runs[i]++
			mu.Unlock()
			if i%5 == 0 {
				s.Yield(g)
			}
			v := uint64(i)
			work.Send(g, &v)
			return 0
		}))
	}
	got := map[uint64]int{}
	for i := 0; i < n; i++ {
		var x uint64
		results.Recv(m, &x)
		got[x/2]++
	}
	for i := 1; i <= n; i++ {
		if got[uint64(i)] != 1 {
			t.Errorf("result %d got %d", i, got[uint64(i)])
		}
	}
	for _, f := range prods {
		f.Await(m)
	}
	work.Close(m)
	for _, f := range workers {
		f.Await(m)
	}
	s.Stop(m)
	bad := 0
	for i := 1; i <= n; i++ {
		if seen[uint64(i)] != 1 || runs[i] != 1 {
			if bad < 10 {
				t.Errorf("value %d seen %d runs %d", i, seen[uint64(i)], runs[i])
			}
			bad++
		}
	}
	if total != n*(n+1)/2 {
		t.Errorf("total %d", total)
	}
	t.Logf("bad %d, distinct %d", bad, len(seen))
}
