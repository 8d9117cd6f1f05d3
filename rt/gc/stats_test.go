package gc

import "testing"

// TestStatsHeapFigures checks the figures the trace and Nature's
// runtime package read: the live bytes before a cycle and after its
// sweep, and the goal of the next (the trigger; here MinTrigger).
func TestStatsHeapFigures(t *testing.T) {
	w := newWorld(t, Config{GOGC: 50, MinTrigger: 1 << 30})
	const n = 3000
	for i := 0; i < n; i++ {
		w.alloc(1, 0) // each replaces the last: garbage
	}
	w.alloc(2, 0)
	before := w.h.Mem.Stats().Live
	w.collectAndCheck()
	st := w.h.Stats()
	if st.HeapBefore != before {
		t.Errorf("HeapBefore = %d, want the %d live bytes before the cycle", st.HeapBefore, before)
	}
	if after := w.h.Mem.Stats().Live; st.HeapAfter != after || after >= before || after != before-st.FreedBytes {
		t.Errorf("HeapAfter = %d; live after %d, before %d, freed %d", st.HeapAfter, after, before, st.FreedBytes)
	}
	if st.HeapGoal != 1<<30 || st.HeapGoal != w.h.Trigger() {
		t.Errorf("HeapGoal = %d, want MinTrigger (1 GiB), Trigger %d", st.HeapGoal, w.h.Trigger())
	}
}
