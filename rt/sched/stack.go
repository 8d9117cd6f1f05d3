package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Coroutine stacks are StackSize-aligned regions of one reservation:
//
//	base                                                 base+StackSize
//	| guard page (PROT_NONE) | usable stack, grows down  | spare | owner |
//
// The top word holds the owning G, so the running coroutine is found
// from the stack pointer (Current); the guard page makes an overflow
// fault, which rt/lang reports as a stack overflow. Each guarded stack
// costs the kernel two mappings (the guard splits the reservation), and
// a process has about 65530: when the kernel refuses another, stacks are
// committed without their guard (adjacent unguarded stacks merge into
// one mapping), which only loses the overflow check.
//
// A dead coroutine's stack goes to the arena's cache of dirty stacks,
// whose pages are still committed, and the next coroutine that starts
// takes it from there: spawning and ending coroutines in a loop costs no
// system call and no page fault. Beyond stackCacheMax such idle stacks,
// a stack's pages are given back (madvise) and it returns to the arena's
// free list, from which a stack costs page faults again.

// stackTopReserve is the part of a region above the usable stack: the
// owner word at the top and a spare word, keeping the top 16-aligned.
const stackTopReserve = 16

// stackCacheMax bounds the idle stacks kept with their pages.
const stackCacheMax = 1024

type stackArena struct {
	lock  mutex
	base  uintptr // first region, StackSize-aligned; 0 until reserved
	limit uintptr
	size  uintptr
	count uintptr // regions in the reservation
	next  uintptr // regions handed out so far
	free  unsafe.Pointer
	nfree uintptr
	capf  uintptr

	// dirty holds up to stackCacheMax idle stacks whose pages are still
	// committed, entries as in free.
	dirty  [stackCacheMax]uintptr
	ndirty uintptr

	Guarded, Unguarded uintptr // regions committed each way
}

// reserve sets the arena up; the caller holds a.lock.
func (a *stackArena) reserve(size, count uintptr) {
	a.size = size
	for count >= 16 {
		mem, errno := sys.Reserve(count*size + size)
		if errno == 0 {
			base := (uintptr(mem) + size - 1) &^ (size - 1)
			a.base = base
			a.limit = base + count*size
			a.count = count
			return
		}
		count /= 2
	}
	sys.Abort("sched: cannot reserve coroutine stacks")
}

// allocStack gives g a stack region.
func (s *Sched) allocStack(g *G) {
	a := &s.stacks
	a.lock.lock()
	if a.base == 0 {
		a.reserve(s.cfg.StackSize, s.cfg.MaxStacks)
	}
	var base uintptr
	lo := uintptr(0)
	if a.ndirty > 0 || a.nfree > 0 {
		// Free entries are region bases, with bit 0 set for a region
		// committed without its guard page.
		var e uintptr
		if a.ndirty > 0 {
			a.ndirty--
			e = a.dirty[a.ndirty]
		} else {
			a.nfree--
			e = *(*uintptr)(unsafe.Add(a.free, a.nfree*unsafe.Sizeof(base)))
		}
		base = e &^ 1
		lo = base + sys.PageSize
		if e&1 != 0 {
			lo = base
		}
	} else {
		if a.next == a.count {
			sys.Abort("sched: too many coroutine stacks")
		}
		base = a.base + a.next*a.size
		a.next++
		if sys.Commit(ptrAt(base+sys.PageSize), a.size-sys.PageSize) == 0 {
			lo = base + sys.PageSize
			a.Guarded++
		} else if sys.Commit(ptrAt(base), a.size) == 0 {
			lo = base
			a.Unguarded++
		} else {
			sys.Abort("sched: cannot commit a coroutine stack")
		}
	}
	a.lock.unlock()
	g.stack = base
	g.stackLo = lo
	g.stackHi = base + a.size - stackTopReserve
	*(**G)(unsafe.Pointer(ptrAt(base + a.size - 8))) = g
}

// releaseStack takes the stack of g, a dead coroutine, back: into the
// cache of dirty stacks while it has room, else the pages go back to the
// kernel and the region to the free list.
func (s *Sched) releaseStack(g *G) {
	a := &s.stacks
	base := g.stack
	e := base
	if g.stackLo == base {
		e |= 1
	}
	g.stack, g.stackLo, g.stackHi = 0, 0, 0
	a.lock.lock()
	if a.ndirty < stackCacheMax {
		a.dirty[a.ndirty] = e
		a.ndirty++
		a.lock.unlock()
		return
	}
	a.lock.unlock()
	// Keep the top page (the owner word is rewritten on reuse anyway).
	lo := base + sys.PageSize
	if e&1 != 0 {
		lo = base
	}
	sys.MadviseDontneed(ptrAt(lo), base+a.size-sys.PageSize-lo)
	a.lock.lock()
	if a.nfree == a.capf {
		ncap := a.capf * 2
		if ncap == 0 {
			ncap = 512
		}
		mem, errno := sys.Mmap(ncap * unsafe.Sizeof(base))
		if errno != 0 {
			sys.Abort("sched: out of memory for stacks")
		}
		if a.free != nil {
			sys.Memmove(mem, a.free, a.nfree*unsafe.Sizeof(base))
			sys.Munmap(a.free, a.capf*unsafe.Sizeof(base))
		}
		a.free, a.capf = mem, ncap
	}
	*(*uintptr)(unsafe.Add(a.free, a.nfree*unsafe.Sizeof(base))) = e
	a.nfree++
	a.lock.unlock()
}

// StackOwner returns the coroutine whose stack holds address sp, or nil
// for any other address (the process's own stack: main's).
func (s *Sched) StackOwner(sp uintptr) *G { return s.stackOwner(sp) }

// stackOwner returns the G whose stack holds address sp, or nil when sp
// is not in a coroutine stack (the process's own stack: main).
func (s *Sched) stackOwner(sp uintptr) *G {
	a := &s.stacks
	if sp < a.base || sp >= a.limit {
		return nil
	}
	top := (sp | (a.size - 1)) + 1
	return *(**G)(unsafe.Pointer(ptrAt(top - 8)))
}

// ptrAt turns an address of runtime-owned memory into a pointer.
func ptrAt(addr uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&addr))
}
