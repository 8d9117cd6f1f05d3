package lang

import (
	"github.com/naturekit/naturekit/rt/sys"
)

// The concurrent collector's driver (the default; NATURE_GC=stw stops
// the world for whole cycles instead: collectWorld; docs/runtime.md,
// "Concurrent collection"). A cycle is two short pauses with the work
// between them done by the allocating coroutines, a step in each
// allocation slow path (concStep), while the others run:
//
//   - the trigger: the allocation that reaches it finishes the last
//     sweep if needed and stops the world for the first pause
//     (startCycle): the registered roots and every coroutine stack are
//     scanned, the barrier (nk.gc.marking) and black allocation turn on;
//   - the mark: each allocation slow path marks up to markBudget grey
//     objects (an assist) if no other coroutine is marking (one marker
//     at a time: gcc.marker); the one that finds nothing left grey stops
//     the world for the second pause (finishCycle): the registered roots
//     again, the barriers' grey objects, the barrier off and a lazy
//     sweep started;
//   - the sweep: each allocation slow path sweeps sweepBudget spans, and
//     each cache refill the spans of its class it takes.
//
// Under GC torture every allocation runs a whole cycle this way, the
// mark and the sweep without budget, the other processors running
// during the mark. runtime.gc() ends the cycle in progress and runs a
// whole one. The pauses are the two stops; GCStat counts them.

const (
	// markBudget is the grey objects an allocation slow path scans
	// (about once per span of allocation: 8 KiB or more).
	markBudget = 2048
	// sweepBudget is the spans an allocation slow path sweeps.
	sweepBudget = 16
)

// concState is the concurrent collector's driver's state.
type concState struct {
	on     bool   // NATURE_GC=conc
	marker uint32 // 1 while a coroutine marks
}

// concStep is the collector's step in an allocation slow path, sp the
// allocating frame (registers spilled above it).
func (r *Runtime) concStep(sp uintptr) {
	h := &r.heap
	mark, sweep := uintptr(markBudget), uintptr(sweepBudget)
	if h.Torture() {
		mark, sweep = 0, 0
	}
	if h.Mem.Sweeping() {
		h.Mem.SweepSome(sweep)
	}
	if h.NeedCycle(r.allocCache()) && h.Mem.Sweeping() {
		// The live bytes still count what the sweep will free.
		h.Mem.SweepSome(0)
	}
	if h.NeedCycle(r.allocCache()) && !r.startCycle(sp) {
		return
	}
	if h.Marking() {
		r.assist(mark)
	}
	if mark == 0 && h.Mem.Sweeping() {
		h.Mem.SweepSome(0)
	}
}

// collectConc is runtime.gc() in concurrent mode: the cycle in progress
// ends, then a whole cycle runs, its sweep included.
func (r *Runtime) collectConc(sp uintptr) {
	h := &r.heap
	for try := 0; try < 2; try++ {
		r.finishMark()
		h.Mem.SweepSome(0)
		if r.startCycle(sp) {
			r.finishMark()
			h.Mem.SweepSome(0)
			return
		}
		if !h.Marking() {
			return // the world could not be stopped: skipped, as collectWorld does
		}
		// Another coroutine began a cycle first: end it and begin one.
	}
}

// finishMark marks until the cycle in progress, if any, has ended,
// yielding while another coroutine marks.
func (r *Runtime) finishMark() {
	for r.heap.Marking() {
		if !r.assist(0) && r.co.ready {
			r.co.s.Yield(r.co.s.Current())
		}
	}
}

// startCycle is the first pause (above); it reports false when the world
// could not be stopped or a cycle is in progress already.
func (r *Runtime) startCycle(sp uintptr) bool {
	now := sys.Nanotime()
	if !r.stopWorld(now) {
		return false
	}
	h := &r.heap
	if h.Marking() {
		r.startWorld()
		return false
	}
	h.BeginCycle()
	r.scanStacks(sp)
	if r.co.multi {
		// On one processor the mark and the program take turns: it
		// need not be shared (coInit shares it if processors start).
		h.StartConcurrent()
	}
	r.recordPause(now)
	r.startWorld()
	return true
}

// assist marks up to budget grey objects (all if 0) unless another
// coroutine is marking, and ends the mark with the second pause when
// none is left. It reports whether it marked.
func (r *Runtime) assist(budget uintptr) bool {
	if !sys.Cas32(&r.gcc.marker, 0, 1) {
		return false
	}
	h := &r.heap
	if h.Marking() && h.MarkSome(budget) {
		r.finishCycle()
	}
	sys.Store32(&r.gcc.marker, 0)
	return true
}

// finishCycle is the second pause (above). If the world cannot be
// stopped, the mark goes on and a later step tries again.
func (r *Runtime) finishCycle() {
	now := sys.Nanotime()
	if !r.stopWorld(now) {
		return
	}
	r.heap.FinishMark()
	d := r.recordPause(now)
	r.co.cycles++
	r.startWorld()
	r.afterCycle(now, d)
}
