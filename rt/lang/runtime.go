package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// outSize is the size of the output buffer. Every single formatted value
// (the longest is a float: 309 digits, a point and 6 decimals) fits in
// it; longer strings bypass it.
const outSize = 8192

// keepSlots is the number of pointers an operation can pin while it
// allocates (see Runtime.keep).
const keepSlots = 4

// Config configures a Runtime.
type Config struct {
	// OutFD is the file descriptor print output, panics and Exit's
	// flush go to. Program start uses 1; tests use a file of their own.
	OutFD int
	// GC configures the collected heap.
	GC gc.Config
	// GCTraceFD, when not 0, is the file descriptor a line per
	// collection goes to (NATURE_GCTRACE=1: standard error; gctrace.go).
	GCTraceFD int
	// GCConc runs the collector's cycles concurrently with the program
	// (gcconc.go; the process's default, NATURE_GC=stw turns it off):
	// two short pauses, the mark and the sweep done a step at a time by
	// allocations.
	GCConc bool
}

// A Runtime is one instance of the language support: a collected heap,
// its allocation cache, the output buffer and the runtime's own type
// descriptors. Its methods hold all the logic; the entry points of
// entry.go are thin wrappers over the process's instance. Host tests
// make their own instances, so several can run in parallel.
//
// The zero value is not ready; call Init. A Runtime must not be copied
// after Init: its type descriptors and registered roots point into it.
// One Runtime is single-threaded, like the heap cache it owns.
type Runtime struct {
	ready bool
	fd    int

	heap  gc.Heap
	cache alloc.Cache

	// keep pins pointers an operation still needs while it allocates:
	// the arguments and the objects made so far. Natively the stack is
	// scanned conservatively and would do, but on the host the Go stack
	// is invisible to the collector. It is a registered root range (see
	// roots.go); operations clear it when done.
	keep [keepSlots]unsafe.Pointer

	types descriptors
	roots rootState

	out  [outSize]byte
	nout int

	// dec is scratch space for printing large floats exactly.
	dec decimal

	// faults: the position table, the stack's bounds and the
	// alternate signal stack (fault.go).
	faults faultState

	// co: the scheduler, once a coroutine operation has run (co.go).
	co coState

	// sig: the signals os.signal asked for (signal.go).
	sig sigState

	// gcx: the collection trace and the scavenger's clock (gctrace.go).
	gcx gcxState
	// gcc: the concurrent collector's driver (gcconc.go).
	gcc concState
}

// descriptors are the type descriptors of the objects the runtime makes
// itself. Their pointer masks live in masks.
type descriptors struct {
	masks  [4]uint8      // 0b00, 0b01, 0b10, 0b11
	bytes  alloc.Type    // 1 byte, pointer-free: strings, scalar vecs, map indexes
	words  alloc.Type    // 8 bytes, a pointer: vecs of pointers (header words included)
	vecHdr alloc.Type    // a Vec header alone: Data is a pointer
	strHdr alloc.Type    // a String header alone: Data is a pointer
	mapObj alloc.Type    // Map: Entries and Index are pointers
	entry  [4]alloc.Type // Map entries; index = key is pointer | value is pointer<<1
	anyBox [2]alloc.Type // Any: [0] scalar value, [1] pointer value
}

// Init sets the runtime up: reserves and initialises the heap, attaches
// the cache and registers the runtime's roots. It is idempotent; a
// second call does nothing. Failure to reserve memory is fatal.
func (r *Runtime) Init(cfg Config) {
	if r.ready {
		return
	}
	r.fd = cfg.OutFD
	r.gcx.traceFD = cfg.GCTraceFD
	r.gcc.on = cfg.GCConc
	r.gcx.start = sys.Nanotime()
	r.gcx.lastScav = r.gcx.start
	if r.heap.Init(cfg.GC) != 0 {
		sys.Abort("lang: cannot reserve the heap")
	}
	r.heap.Mem.InitCache(&r.cache)
	r.initTypes()
	r.addRoots()
	r.ready = true
	if r == &proc && !cfg.GC.Torture {
		setFastCache(&r.cache) // Alloc's fast path (alloc_amd64.asm)
	}
}

// Destroy releases the heap's memory. Every object the runtime made
// becomes invalid. Tests use it; a process simply exits.
func (r *Runtime) Destroy() {
	if r.ready {
		r.heap.Destroy()
		r.ready = false
	}
}

func (r *Runtime) initTypes() {
	t := &r.types
	for i := range t.masks {
		t.masks[i] = uint8(i)
	}
	t.bytes = alloc.Type{Size: 1, Align: 1, Kind: alloc.KindUint8}
	t.words = alloc.Type{Size: 8, Align: 8, PtrBytes: 8, GCBits: &t.masks[1], Kind: alloc.KindUnsafePointer}
	t.vecHdr = alloc.Type{Size: abi.VecSize, Align: 8, PtrBytes: 8, GCBits: &t.masks[1], Kind: alloc.KindSlice}
	t.strHdr = alloc.Type{Size: abi.StringSize, Align: 8, PtrBytes: 8, GCBits: &t.masks[1], Kind: alloc.KindString}
	t.mapObj = alloc.Type{Size: abi.MapSize, Align: 8, PtrBytes: 16, GCBits: &t.masks[3], Kind: alloc.KindMap}
	for i := range t.entry {
		t.entry[i] = alloc.Type{Size: 16, Align: 8, Kind: alloc.KindStruct}
		if i != 0 {
			t.entry[i].PtrBytes = 16
			t.entry[i].GCBits = &t.masks[i]
		}
	}
	t.anyBox[0] = alloc.Type{Size: abi.AnySize, Align: 8, Kind: alloc.KindInterface}
	t.anyBox[1] = alloc.Type{Size: abi.AnySize, Align: 8, PtrBytes: 16, GCBits: &t.masks[2], Kind: alloc.KindInterface}
}

// alloc allocates n zeroed values of type t. It may collect: everything
// the caller still needs must be reachable from the roots (see keep).
// Most allocations take the cache's fast path; the collector's trigger
// is checked on the slow path (gc.Heap.Alloc says why that suffices).
// Not inlined: the fast path inlined into it would be copied into each
// of the runtime's allocating functions.
//
//naturekit:noinline
func (r *Runtime) alloc(t *alloc.Type, n uintptr) unsafe.Pointer {
	if p := r.allocCache().AllocFast(t, n); p != nil {
		return p
	}
	return r.allocSlow(t, n)
}

// allocSlow is alloc when the fast path cannot serve: it runs a cycle
// if the trigger is reached, then allocates, refilling the cache's span
// or taking a large object's from the page heap.
func (r *Runtime) allocSlow(t *alloc.Type, n uintptr) unsafe.Pointer {
	c := r.allocCache() // the processor's (co.go)
	if r.gcc.on {
		var regs sys.Registers
		sys.SpillRegisters(&regs) // into this frame, which the stack scan covers
		r.concStep(sys.GetSP())
		c = r.allocCache()
	} else if r.heap.NeedCycle(c) {
		var regs sys.Registers
		sys.SpillRegisters(&regs) // into this frame, which the stack scan covers
		r.collectWorld(sys.GetSP())
		c = r.allocCache() // the coroutine may have moved
	}
	if p := c.Alloc(t, n); p != nil {
		return p
	}
	return r.allocAgain(t, n) // the heap refused it (memlimit.go)
}

// Collect runs a whole collection cycle now: Nature's runtime.gc()
// (spec/runtime-model.md). As for alloc, the roots must cover
// everything live; natively the stack and registers do.
func (r *Runtime) Collect() {
	var regs sys.Registers
	sys.SpillRegisters(&regs)
	sys.Store32(&r.gcx.forced, 1) // the scavenger steps after it (gctrace.go)
	if r.gcc.on {
		r.collectConc(sys.GetSP())
	} else {
		r.collectWorld(sys.GetSP())
	}
	sys.Store32(&r.gcx.forced, 0)
}

// MallocBytes returns the bytes of the objects allocated in the heap
// and not swept away yet (slot sizes, the allocation cache's included):
// what runtime.malloc_bytes() reports. It drops once a collection has
// freed what is unreachable.
func (r *Runtime) MallocBytes() int64 {
	st := r.heap.Mem.Stats()
	return int64(st.Live)
}

// InHeap reports whether p points into an object allocated in the
// heap (anywhere inside it).
func (r *Runtime) InHeap(p unsafe.Pointer) bool {
	s, _, _ := r.heap.Mem.FindObject(uintptr(p))
	return s != nil
}

// Alloc returns a new zeroed object of type t.
func (r *Runtime) Alloc(t *alloc.Type) unsafe.Pointer {
	return r.alloc(t, 1)
}

// AllocBytes returns a new zeroed pointer-free object of n bytes.
func (r *Runtime) AllocBytes(n int64) unsafe.Pointer {
	if n < 0 {
		sys.Abort("lang: bad allocation size")
	}
	if n > maxObject {
		r.outOfMemory()
	}
	return r.alloc(&r.types.bytes, uintptr(n))
}

// maxObject bounds any single allocation the runtime makes (64 GiB), so
// size arithmetic never overflows; the heap is smaller anyway.
const maxObject = 1 << 36

// WriteBarrier stores val into *slot, a pointer field of a heap object or
// a global, through the collector's barrier.
func (r *Runtime) WriteBarrier(slot *unsafe.Pointer, val unsafe.Pointer) {
	r.heap.WriteBarrier(slot, val)
}

// keep1, keep2 and keep3 pin pointers across an allocation; unkeep
// clears the slots once the operation is done so they do not retain
// garbage. The slots are root words, which a cycle scans when it starts:
// a pin stored while it marks goes through the barrier (pin), which
// shades it. Clearing needs none: what an operation pinned is by then
// stored through the barrier or held by its caller.
func (r *Runtime) keep1(a unsafe.Pointer) { r.pin(0, a) }

func (r *Runtime) keep2(a, b unsafe.Pointer) {
	r.pin(0, a)
	r.pin(1, b)
}

func (r *Runtime) keep3(a, b, c unsafe.Pointer) {
	r.pin(0, a)
	r.pin(1, b)
	r.pin(2, c)
}

// pin stores p in keep slot i through the collector's barrier.
func (r *Runtime) pin(i int, p unsafe.Pointer) { r.heap.WriteBarrier(&r.keep[i], p) }

func (r *Runtime) unkeep() {
	for i := range r.keep {
		r.keep[i] = nil
	}
}

// ptrOf turns value bits that hold a pointer back into a pointer. It
// reinterprets memory rather than converting an integer (which go vet
// rejects, and checkptr rejects for small values such as an anyptr of
// 16); a compiler may treat it as an intrinsic.
func ptrOf(bits uint64) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&bits))
}

// bitsOf is the inverse of ptrOf.
func bitsOf(p unsafe.Pointer) uint64 { return uint64(uintptr(p)) }
