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
//   - natively, the stack from the allocating frame up to the stack top
//     rt/start recorded, with the callee-saved registers spilled into
//     that frame first, renewed before every allocation (any allocation
//     may start a cycle).
//
// On the host, sys.StackTop reports 0: only the keep slots are
// registered, and host users keep their values in root ranges of their
// own.

// rootState is what the Runtime remembers about its native roots.
type rootState struct {
	native bool // stack and data roots are registered
	stack  int  // handle of the stack range
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
		r.heap.AddRoots(ptrOf(uint64(lo)), ptrOf(uint64(hi)))
	}
	r.roots.native = true
	r.roots.stack = r.heap.AddRoots(ptrOf(uint64(sys.GetSP())), ptrOf(uint64(top)))
}

// setStackRoot makes [sp, stack top) the stack's root range. The caller
// has spilled the callee-saved registers into its own frame, above sp.
func (r *Runtime) setStackRoot(sp uintptr) {
	r.heap.RemoveRoots(r.roots.stack)
	r.roots.stack = r.heap.AddRoots(ptrOf(uint64(sp)), ptrOf(uint64(sys.StackTop())))
}

// processConfig configures the process's runtime: output to standard
// output, and automatic collection only where addRoots can register the
// stack and globals (a cycle that cannot see them would free live
// objects), that is natively. The reservation is the largest the
// allocator allows.
func processConfig() Config {
	cfg := Config{OutFD: 1, GC: gc.Config{Arenas: alloc.MaxArenas}}
	if sys.StackTop() == 0 {
		cfg.GC.GOGC = -1
	}
	return cfg
}
