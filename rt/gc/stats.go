package gc

// Stats are the collector's counters.
type Stats struct {
	Cycles uintptr

	// Of the last cycle:
	MarkedObjects uintptr // objects found live
	MarkedBytes   uintptr // their slot bytes
	FreedObjects  uintptr
	FreedBytes    uintptr
	RootBytes     uintptr // bytes of root ranges scanned
	PauseNs       int64   // BeginCycle to the end of FinishCycle
	HeapBefore    uintptr // live bytes when the cycle began
	HeapAfter     uintptr // live bytes after its sweep
	HeapGoal      uintptr // live bytes that trigger the next cycle

	// Cumulative:
	TotalPauseNs  int64
	BarrierShades uintptr // objects shaded by the write barrier
	MaxWork       uintptr // deepest the worklist has been
}

// Stats returns the collector's counters.
func (h *Heap) Stats() Stats {
	st := h.stats
	st.MaxWork = h.work.max
	st.HeapGoal = h.next
	return st
}
