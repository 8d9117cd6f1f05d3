package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// After each collection: the trace NATURE_GCTRACE=1 asks for, and a
// step of the scavenger (alloc.Heap.Scavenge), which gives back to the
// kernel the free pages the heap kept committed and has not reused for
// alloc.ScavengeAge steps.

// scavengePeriod is the least time between two steps of the scavenger
// run by automatic collections: with ScavengeAge 2, free pages unused
// for 0.5 to 1 s (and at least two collections) are given back. An
// explicit runtime.gc() always steps. Pages a program reuses every few
// hundred milliseconds stay committed.
const scavengePeriod = 500 * 1000 * 1000

// gcxState is what the runtime keeps beside the collector for the
// trace and the scavenger.
type gcxState struct {
	traceFD  int        // Config.GCTraceFD: 0, or where the trace goes
	start    int64      // when the runtime started: the trace's @ times
	lastScav int64      // the scavenger's last step
	forced   uint32     // runtime.gc() runs a cycle: the scavenger steps after it
	line     [160]uint8 // the trace line being formatted
}

// afterCycle runs after the collection that began at start and paused
// the program's coroutines for pause nanoseconds, with the world
// started again: the scavenger's step, then the trace line.
func (r *Runtime) afterCycle(start, pause int64) {
	now := start + pause
	if sys.Load32(&r.gcx.forced) != 0 || now-r.gcx.lastScav >= scavengePeriod {
		r.gcx.lastScav = now
		r.heap.Mem.Scavenge(alloc.ScavengeAge)
	}
	if r.gcx.traceFD != 0 {
		r.traceCycle(now, pause)
	}
}

// traceCycle writes the trace line of the cycle that just ended at now
// (docs/runtime.md, "Statistics and the trace"):
//
//	gc 3 @0.120s 5%: 0.412 ms pause, 12->3 MB, 6 MB goal, 1 MB scavenged, 4 P
func (r *Runtime) traceCycle(now, pause int64) {
	s := fmtSink{p: unsafe.Pointer(&r.gcx.line[0])}
	st := r.heap.Stats()
	elapsed := now - r.gcx.start
	s.putConst("gc ")
	s.putDigits(uint64(st.Cycles), 10, false)
	s.putConst(" @")
	putMilli(&s, elapsed/1000000, "s ")
	pct := int64(0)
	if elapsed > 0 {
		pct = r.co.pauseTotal * 100 / elapsed
	}
	s.putDigits(uint64(pct), 10, false)
	s.putConst("%: ")
	putMilli(&s, pause/1000, " ms pause, ")
	s.putDigits(uint64(st.HeapBefore>>20), 10, false)
	s.putConst("->")
	s.putDigits(uint64(st.HeapAfter>>20), 10, false)
	s.putConst(" MB, ")
	if st.HeapGoal == ^uintptr(0) {
		s.putConst("no goal, ") // GOGC off
	} else {
		s.putDigits(uint64(st.HeapGoal>>20), 10, false)
		s.putConst(" MB goal, ")
	}
	s.putDigits(uint64(r.heap.Mem.Scavenged()>>20), 10, false)
	s.putConst(" MB scavenged, ")
	procs := 1
	if r.co.ready {
		procs = r.co.s.Procs()
	}
	s.putDigits(uint64(procs), 10, false)
	s.putConst(" P\n")
	sys.Write(r.gcx.traceFD, s.p, uintptr(s.n))
}

// putMilli writes v thousandths as a decimal with three places, then
// the constant unit.
func putMilli(s *fmtSink, v int64, unit string) {
	s.putDigits(uint64(v/1000), 10, false)
	s.put('.')
	s.putInt(false, uint64(v%1000), 10, false, '0', 3)
	s.putConst(unit)
}
