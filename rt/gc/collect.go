package gc

import (
	"github.com/naturekit/naturekit/rt/sys"
)

// Collect runs a complete stop-the-world cycle: every object not
// reachable from the roots is freed. The caller must have stopped every
// processor allocating from this heap.
func (h *Heap) Collect() {
	h.BeginCycle()
	h.MarkSome(0)
	h.FinishCycle()
}

// BeginCycle starts marking: it turns on the write barrier and black
// allocation and shades the roots. Mutators may run between BeginCycle
// and FinishCycle as long as they store heap pointers through
// WriteBarrier and keep their own pointers in registered roots.
func (h *Heap) BeginCycle() {
	if h.phase != phaseIdle {
		sys.Abort("gc: cycle already in progress")
	}
	h.stats.PauseNs = -sys.Nanotime()
	h.stats.MarkedObjects, h.stats.MarkedBytes, h.stats.RootBytes = 0, 0, 0
	if h.Mem.Sweeping() {
		h.Mem.SweepSome(0) // the last cycle's lazy sweep (conc.go)
	}
	st := h.Mem.Stats()
	h.stats.HeapBefore = st.Live
	h.allocBegin = st.AllocBytes
	h.phase = phaseMark
	sys.Store32(h.markFlag, 1)
	h.Mem.AllocBlack = true
	h.scanRoots()
}

// Marking reports whether a cycle is between BeginCycle and FinishCycle.
func (h *Heap) Marking() bool { return h.phase == phaseMark }

// FinishCycle ends marking and sweeps. It rescans the roots first: roots
// (stacks, globals) are written without barriers, so a pointer moved into
// them during marking is only seen here.
func (h *Heap) FinishCycle() {
	h.endMark()
	h.stats.FreedObjects, h.stats.FreedBytes = h.Mem.Sweep()
	h.stats.HeapAfter = h.Mem.LiveBytes()
	h.pace(h.stats.HeapAfter)
	h.endCycle()
}
