package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// gcStartHeap is the heap size up to which naturec does not collect
// garbage at all; past it, it collects at gcPercent.
const (
	gcStartHeap = 512 << 20
	gcPercent   = 400
)

// setGCPolicy tunes Go's collector for a short-lived compilation, as the
// Go compiler does (cmd/compile starts with a large heap goal): almost
// everything a compilation allocates (syntax trees, sema's facts, the
// IR) lives to its end, so collecting early frees little and costs much
// (loading and checking a 200-module package does a quarter of its work
// in the collector at GOGC=100: docs/bench-load.md). No collection runs
// until the heap reaches gcStartHeap (a soft memory limit, with the
// collector otherwise off); the first one that does switches to
// GOGC=gcPercent without a limit, so a compilation larger than that
// collects normally instead of repeatedly at the limit. An explicit GOGC
// or GOMEMLIMIT in the environment leaves the collector as it says.
func setGCPolicy() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcStartHeap)
	// The finalizer runs after the first collection, which only the
	// limit can have started. (An object with a pointer: the tiny
	// allocator, whose blocks may never be freed, takes no such object.)
	sentinel := &struct{ p *byte }{}
	runtime.SetFinalizer(sentinel, func(*struct{ p *byte }) {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}
