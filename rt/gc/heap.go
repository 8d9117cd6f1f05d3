package gc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// Defaults.
const (
	DefaultGOGC       = 100
	DefaultMinTrigger = 4 << 20
	MaxRoots          = 256
)

// Config configures a collected heap.
type Config struct {
	// GOGC is the heap growth, in percent of the live heap, that triggers
	// the next cycle. 0 means DefaultGOGC; a negative value turns
	// automatic collection off (Collect still works).
	GOGC int
	// MinTrigger is the smallest trigger in bytes; 0 means
	// DefaultMinTrigger.
	MinTrigger uintptr
	// Torture collects before every allocation.
	Torture bool
	// Arenas is passed to the allocator (see alloc.Config).
	Arenas uintptr
	// MemLimit is passed to the allocator (alloc.Config): a cap on the
	// heap's committed bytes, 0 for none.
	MemLimit uintptr
	// MarkFlag is the word the heap keeps non-zero while a cycle marks
	// (BeginCycle to FinishCycle), for compiled code to test before a
	// pointer store: natively nk.gc.marking (rt/abi GCMarkingSymbol).
	// nil: a word of the heap's own (Heap.MarkFlag).
	MarkFlag *uint32
}

// Phases of a cycle.
const (
	phaseIdle uint8 = iota
	phaseMark
)

// A Heap is a garbage-collected heap: an allocator plus the collector's
// state. The zero value is not usable; call Init. It must not be copied
// after Init.
type Heap struct {
	// Mem is the underlying allocator. Allocate through Heap.Alloc, not
	// Mem's caches, so the trigger is checked.
	Mem alloc.Heap

	cfg   Config
	phase uint8
	// markFlag is Config.MarkFlag, or &markWord.
	markFlag *uint32
	markWord uint32
	next     uintptr // live bytes that trigger the next cycle
	work     worklist
	// The concurrent mark (conc.go): shared while mutators run; the
	// barriers' grey objects and counters; allocation bytes at
	// BeginCycle.
	shared       bool
	greyLock     sys.Mutex
	greys        worklist
	barrierObjs  uintptr
	barrierBytes uintptr
	allocBegin   uintptr
	roots        [MaxRoots]rootRange
	nroots       uintptr

	stats Stats
}

// rootRange is a registered range of memory scanned conservatively.
type rootRange struct {
	start unsafe.Pointer
	size  uintptr
}

// Init sets up the heap. It returns a non-zero Errno if the allocator
// cannot reserve its address space.
func (h *Heap) Init(cfg Config) sys.Errno {
	if cfg.GOGC == 0 {
		cfg.GOGC = DefaultGOGC
	}
	if cfg.MinTrigger == 0 {
		cfg.MinTrigger = DefaultMinTrigger
	}
	h.cfg = cfg
	h.next = cfg.MinTrigger
	h.markFlag = cfg.MarkFlag
	if h.markFlag == nil {
		h.markFlag = &h.markWord
	}
	// In torture mode every allocation takes the slow path, where the
	// cycle runs.
	return h.Mem.Init(alloc.Config{Arenas: cfg.Arenas, NoFastPath: cfg.Torture, MemLimit: cfg.MemLimit})
}

// Destroy releases all of the heap's memory.
func (h *Heap) Destroy() {
	h.work.release()
	h.greys.release()
	h.Mem.Destroy()
}

// Alloc allocates a zeroed object of n values of type t from processor
// cache c, first running a cycle if the trigger has been reached (or on
// every call in torture mode). Anything the caller still needs must be
// reachable from the roots before calling it.
//
// The trigger is checked on the slow path only: when c.AllocFast cannot
// serve the object (its span is used up, the object is large), so about
// once per span of allocation rather than per object. Torture mode
// turns the fast path off.
//
// When the allocator refuses (its memory limit or reservation is
// reached), Alloc runs a cycle, gives the free pages back (Scavenge)
// and tries once more; it returns nil if that fails too.
func (h *Heap) Alloc(c *alloc.Cache, t *alloc.Type, n uintptr) unsafe.Pointer {
	if p := c.AllocFast(t, n); p != nil {
		return p
	}
	if h.phase == phaseIdle && h.shouldCollect(c) {
		h.Collect()
	}
	if p := c.Alloc(t, n); p != nil || h.phase != phaseIdle {
		return p
	}
	h.Collect()
	h.Mem.Scavenge(0)
	return c.Alloc(t, n)
}

// NeedCycle reports whether an allocation from cache c should run a
// cycle first, as Alloc decides: no cycle is running and the trigger is
// reached (or torture mode). A caller with roots the heap does not know
// of (coroutine stacks) tries c.AllocFast, and when that fails asks
// NeedCycle, runs the cycle itself (BeginCycle, ScanRange, MarkSome,
// FinishCycle) and then allocates from c with Alloc.
func (h *Heap) NeedCycle(c *alloc.Cache) bool {
	return h.phase == phaseIdle && h.shouldCollect(c)
}

func (h *Heap) shouldCollect(c *alloc.Cache) bool {
	if h.cfg.Torture {
		return true
	}
	return h.cfg.GOGC >= 0 && h.Mem.LiveBytes()+c.Pending() >= h.next
}

// Torture reports whether the heap collects before every allocation
// (Config.Torture).
func (h *Heap) Torture() bool { return h.cfg.Torture }

// MarkFlag returns the word that is non-zero while a cycle marks
// (Config.MarkFlag).
func (h *Heap) MarkFlag() *uint32 { return h.markFlag }

// Trigger returns the live-heap size at which the next cycle starts.
func (h *Heap) Trigger() uintptr { return h.next }

// pace sets the next trigger from the live heap after a sweep.
func (h *Heap) pace(live uintptr) {
	next := live + live/100*uintptr(h.cfg.GOGC)
	if h.cfg.GOGC < 0 {
		next = ^uintptr(0)
	}
	if next < h.cfg.MinTrigger {
		next = h.cfg.MinTrigger
	}
	h.next = next
	if h.cfg.GOGC < 0 {
		next = 0
	}
	h.Mem.SetGoal(next) // the free pages to keep for the way there
}

// AddRoots registers [start, end) as a root range, scanned conservatively
// at every cycle, and returns a handle for RemoveRoots. The memory must
// stay mapped while registered.
func (h *Heap) AddRoots(start, end unsafe.Pointer) int {
	for i := uintptr(0); i < h.nroots; i++ {
		if h.roots[i].start == nil {
			h.roots[i] = rootRange{start, uintptr(end) - uintptr(start)}
			return int(i)
		}
	}
	if h.nroots == MaxRoots {
		sys.Abort("gc: too many root ranges")
	}
	h.roots[h.nroots] = rootRange{start, uintptr(end) - uintptr(start)}
	h.nroots++
	return int(h.nroots - 1)
}

// RemoveRoots unregisters the range AddRoots returned handle for.
func (h *Heap) RemoveRoots(handle int) {
	h.roots[handle] = rootRange{}
}
