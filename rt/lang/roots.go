package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// The collector scans the heap precisely and everything else that can
// hold heap pointers conservatively, as root ranges. This file is the one
// place that knows what those are:
//
//   - the Runtime's keep slots, always (they are how operations pin
//     objects on the host, where the Go stack is invisible);
//   - natively, the executable's data and bss (globals, and the process's
//     Runtime itself), registered once;
//   - natively, the stacks: before coroutines start, the one stack from
//     the collecting frame up to the stack top rt/start recorded; once
//     the scheduler runs (co.go), every live coroutine's stack from its
//     saved stack pointer (the running one's from the collecting frame)
//     to its top, and the words of its record rt/sched keeps for the
//     collector (the entry's argument, its future, its Data). A cycle
//     runs in collect, which scans them for that cycle only; the
//     collecting frame spills the callee-saved registers into itself
//     first.
//
// On the host, sys.StackTop reports 0: only the keep slots are
// registered, and host users keep their values in root ranges of their
// own.

// rootState is what the Runtime remembers about its native roots.
type rootState struct {
	native bool // data roots are registered and stacks are scanned
}

// addRoots registers the root ranges at Init.
func (r *Runtime) addRoots() {
	start := unsafe.Pointer(&r.keep[0])
	r.heap.AddRoots(start, unsafe.Add(start, unsafe.Sizeof(r.keep)))
	top := sys.StackTop()
	if top == 0 {
		return
	}
	if lo, hi := sys.DataStart(), sys.DataEnd(); lo < hi {
		r.addDataRoots(lo, hi)
	}
	r.roots.native = true
}

// addDataRoots registers data and bss, [lo, hi), leaving out the parts
// of the process's Runtime (which lives there) that are large and hold
// no heap pointers: the allocation caches (span records are mmap'd),
// the output buffer and the scheduler (its G, P, Sudog and stack
// records are mmap'd; what they point at is scanned through the
// coroutines, scanCoroutines). They are most of the section (about
// 220 of 230 KiB), scanned at every cycle: GC torture mode spent most
// of its time there.
func (r *Runtime) addDataRoots(lo, hi uintptr) {
	holes := [...]uintptr{
		uintptr(unsafe.Pointer(&r.cache)), unsafe.Sizeof(r.cache),
		uintptr(unsafe.Pointer(&r.out)), unsafe.Sizeof(r.out),
		uintptr(unsafe.Pointer(&r.co.s)), unsafe.Sizeof(r.co.s),
		uintptr(unsafe.Pointer(&r.co.caches)), unsafe.Sizeof(r.co.caches),
	}
	from := lo
	for i := 0; i < len(holes); i += 2 {
		start, end := holes[i], holes[i]+holes[i+1]
		if start < from || end > hi {
			continue // not in [from, hi): a Runtime elsewhere, or out of order
		}
		if from < start {
			r.heap.AddRoots(ptrOf(uint64(from)), ptrOf(uint64(start)))
		}
		from = end
	}
	if from < hi {
		r.heap.AddRoots(ptrOf(uint64(from)), ptrOf(uint64(hi)))
	}
}

// collect runs a whole cycle: the registered roots, then the stacks
// (scanStacks). The caller has spilled the callee-saved registers into
// its own frame, above sp.
func (r *Runtime) collect(sp uintptr) {
	h := &r.heap
	h.BeginCycle()
	r.scanStacks(sp)
	h.MarkSome(0)
	h.FinishCycle()
}

// scanStacks scans the stacks for the cycle in progress: natively the
// one stack above sp before coroutines start, then every coroutine's
// (co.go); on the host only the coroutines' records.
func (r *Runtime) scanStacks(sp uintptr) {
	if r.co.ready {
		r.scanCoroutines(sp)
		return
	}
	if r.roots.native {
		r.heap.ScanRange(ptrOf(uint64(sp)), sys.StackTop()-sp)
	}
}

// processConfig configures the process's runtime: output to standard
// output, and automatic collection only where addRoots can register the
// stack and globals (a cycle that cannot see them would free live
// objects), that is natively. The reservation is the largest the
// allocator allows.
func processConfig() Config {
	cfg := Config{OutFD: 1, GC: gc.Config{Arenas: alloc.MaxArenas, MarkFlag: markingFlag(), MemLimit: memLimit()}}
	if sys.StackTop() == 0 {
		cfg.GC.GOGC = -1
	} else if envInt("NATURE_GC_TORTURE") > 0 {
		// A collection before every allocation (co.go's envInt): the
		// test of every root, coroutine stacks included.
		cfg.GC.Torture = true
	}
	if envInt("NATURE_GCTRACE") > 0 {
		cfg.GCTraceFD = 2
	}
	// Concurrent cycles (gcconc.go) unless NATURE_GC=stw, which stops
	// the world for the whole cycle.
	cfg.GCConc = !envIs("NATURE_GC", "stw")
	return cfg
}
