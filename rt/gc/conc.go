package gc

import (
	"github.com/naturekit/naturekit/rt/sys"
)

// Concurrent marking and lazy sweeping (docs/runtime.md, "Concurrent
// collection"). A cycle whose mark runs while the program does:
//
//	world stopped:  BeginCycle (the registered roots), ScanRange of every
//	                stack, StartConcurrent
//	world running:  MarkSome(budget) by one marker at a time until it
//	                reports true; mutators store pointers through
//	                WriteBarrier and allocate black
//	world stopped:  FinishMark (rescan the registered roots, drain, turn
//	                the barrier off, start a lazy sweep, pace)
//	world running:  SweepSome (alloc.Heap) by the collector; each cache
//	                refill sweeps the spans it takes
//
// While the mark is shared (StartConcurrent to FinishMark) mark bits are
// set with a compare-and-swap (alloc.Span.TryMark), so the marker,
// barriers and black allocation on several processors can race for an
// object and exactly one shades it; the marker pushes on its own
// worklist, a barrier on the grey list under greyLock, which the marker
// takes over whenever its own is empty; the barrier's counters are
// atomic; the heap's high-water mark is read atomically
// (FindObjectShared). Stacks are scanned once, in the first pause, and
// stay black: a pointer a coroutine holds only on its stack was there at
// the scan or was loaded from a heap slot whose later overwrite shades
// it (the deletion half of the barrier), and what it allocates is black.

// StartConcurrent lets the mark of the cycle begun by BeginCycle go on
// while mutators run: call it with the world stopped, after the stacks
// are scanned, and then MarkSome from one marker at a time until it
// reports true, and FinishMark with the world stopped again.
func (h *Heap) StartConcurrent() {
	if h.phase != phaseMark {
		sys.Abort("gc: no cycle in progress")
	}
	h.shared = true
}

// Concurrent reports whether a cycle's mark runs while mutators do
// (StartConcurrent to FinishMark).
func (h *Heap) Concurrent() bool { return h.shared }

// FinishMark ends a concurrent mark with the world stopped: it rescans
// the registered roots (written without barriers), drains the grey
// objects, turns the barrier and black allocation off, and starts a
// lazy sweep (alloc.Heap.StartSweep), which the caller finishes with
// Mem.SweepSome while the program runs, before the next BeginCycle. The
// next trigger comes from the bytes marked and allocated during the
// mark: the sweep has not freed anything yet.
func (h *Heap) FinishMark() {
	h.endMark()
	h.Mem.StartSweep()
	live := h.stats.MarkedBytes + h.Mem.Stats().AllocBytes - h.allocBegin
	h.stats.FreedObjects, h.stats.FreedBytes = 0, 0
	h.stats.HeapAfter = live
	h.pace(live)
	h.endCycle()
}

// shadeShared is shade while the mark is shared: for the marker
// (barrier false) onto its own worklist, for a write barrier onto the
// grey list.
func (h *Heap) shadeShared(addr uintptr, barrier bool) bool {
	s, idx, base := h.Mem.FindObjectShared(addr)
	// A plain read first: most pointers lead to marked objects, and a
	// mark, once set, stays for the cycle.
	if s == nil || s.Marked(idx) || !s.TryMark(idx) {
		return false
	}
	if !barrier {
		h.stats.MarkedObjects++
		h.stats.MarkedBytes += s.ElemSize()
		if !s.Noscan() {
			h.work.push(base)
		}
		return true
	}
	sys.Adduintptr(&h.barrierObjs, 1)
	sys.Adduintptr(&h.barrierBytes, s.ElemSize())
	if !s.Noscan() {
		h.greyLock.Lock()
		h.greys.push(base)
		h.greyLock.Unlock()
	}
	return true
}

// takeGreys moves the grey list onto the marker's empty worklist and
// reports false when there was nothing to take. As many free chunks
// go back the other way, so that neither list keeps mapping new ones.
func (h *Heap) takeGreys() bool {
	h.greyLock.Lock()
	if h.greys.n == 0 {
		h.greyLock.Unlock()
		return false
	}
	if h.work.top != nil {
		h.greyLock.Unlock()
		sys.Abort("gc: takeGreys with grey objects left")
	}
	h.work.top, h.work.n = h.greys.top, h.greys.n
	h.greys.top, h.greys.n = nil, 0
	if h.work.n > h.work.max {
		h.work.max = h.work.n
	}
	for c := h.work.top; c != nil && h.work.free != nil; c = c.next {
		f := h.work.free
		h.work.free = f.next
		f.next = h.greys.free
		h.greys.free = f
	}
	h.greyLock.Unlock()
	return true
}

// endMark is the end of a mark shared by FinishCycle and FinishMark,
// with the world stopped: the registered roots again, every grey object
// (the barriers' included), then the barrier and black allocation off.
func (h *Heap) endMark() {
	if h.phase != phaseMark {
		sys.Abort("gc: no cycle in progress")
	}
	if h.shared {
		h.shared = false
		h.stats.MarkedObjects += h.barrierObjs
		h.stats.MarkedBytes += h.barrierBytes
		h.stats.BarrierShades += h.barrierObjs
		h.barrierObjs, h.barrierBytes = 0, 0
	}
	h.scanRoots()
	h.MarkSome(0)
	h.phase = phaseIdle
	sys.Store32(h.markFlag, 0)
	h.Mem.AllocBlack = false
}

// endCycle counts a cycle that began at BeginCycle.
func (h *Heap) endCycle() {
	h.stats.Cycles++
	h.stats.PauseNs += sys.Nanotime()
	h.stats.TotalPauseNs += h.stats.PauseNs
}
