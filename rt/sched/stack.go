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
	// committed, entries as in free (the processors' caches, P.stacks,
	// hold up to pStackMax each more).
	dirty  [stackCacheMax]uintptr
	ndirty uintptr

	Guarded, Unguarded uintptr // regions committed each way

	// saveLock is held while a parked stack is saved and while the
	// collector scans stacks (LockStacks); nextWalk and walkPeriod pace
	// the monitor's walks (compactStacks, the monitor's only).
	saveLock   mutex
	nextWalk   int64
	walkPeriod int64
	walking    bool
	walkAt     uintptr // the next region of the walk in progress
	walkEnd    uintptr // the regions handed out when it began
	walkFound  int     // coroutines the walk in progress saved or marked

	// slots has a stackSlot per region (count of them, mmap'd with the
	// reservation: only the pages of regions handed out are touched).
	slots unsafe.Pointer

	// batch holds the coroutines whose saved stacks' regions, from
	// batchLo to batchHi, are given back together (release).
	batch            [64]*G
	nbatch           int
	batchLo, batchHi uintptr
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
			slots, errno := sys.Mmap(count * unsafe.Sizeof(stackSlot{}))
			if errno != 0 {
				sys.Abort("sched: cannot reserve coroutine stacks")
			}
			a.slots = slots
			return
		}
		count /= 2
	}
	sys.Abort("sched: cannot reserve coroutine stacks")
}

// pStackMax bounds a processor's own cache of idle stacks (P.stacks),
// which a coroutine starting or ending on it uses without the arena's
// lock; a full one gives half to the arena's cache, an empty one takes
// up to half of it from there.
const pStackMax = 32

// allocStack gives g a stack region: from the cache of p, the processor
// about to run g (nil for a g0 or the monitor), when it has one.
func (s *Sched) allocStack(p *P, g *G) {
	a := &s.stacks
	if p != nil && p.nstacks == 0 {
		a.lock.lock()
		for a.ndirty > 0 && p.nstacks < pStackMax/2 {
			a.ndirty--
			p.stacks[p.nstacks] = a.dirty[a.ndirty]
			p.nstacks++
		}
		a.lock.unlock()
	}
	var e uintptr
	if p != nil && p.nstacks > 0 {
		p.nstacks--
		e = p.stacks[p.nstacks]
	} else {
		e = s.stackEntry()
	}
	// Entries are region bases, with bit 0 set for a region committed
	// without its guard page.
	base := e &^ 1
	lo := base + sys.PageSize
	if e&1 != 0 {
		lo = base
	}
	g.stack = base
	g.stackLo = lo
	g.stackHi = base + a.size - stackTopReserve
	g.slot = a.slot((base - a.base) / a.size)
	g.slot.g = g
	s.setOwner(g)
}

// stackEntry takes a region from the arena: an idle one, committed or
// not, else a new one.
func (s *Sched) stackEntry() uintptr {
	a := &s.stacks
	a.lock.lock()
	if a.base == 0 {
		a.reserve(s.cfg.StackSize, s.cfg.MaxStacks)
	}
	var e uintptr
	if a.ndirty > 0 {
		a.ndirty--
		e = a.dirty[a.ndirty]
	} else if a.nfree > 0 {
		a.nfree--
		e = *(*uintptr)(unsafe.Add(a.free, a.nfree*unsafe.Sizeof(a.base)))
	} else {
		if a.next == a.count {
			sys.Abort("sched: too many coroutine stacks")
		}
		e = a.base + a.next*a.size
		a.next++
		if sys.Commit(ptrAt(e+sys.PageSize), a.size-sys.PageSize) == 0 {
			a.Guarded++
		} else if sys.Commit(ptrAt(e), a.size) == 0 {
			a.Unguarded++
			e |= 1
		} else {
			sys.Abort("sched: cannot commit a coroutine stack")
		}
	}
	a.lock.unlock()
	return e
}

// slot returns region i's stackSlot.
func (a *stackArena) slot(i uintptr) *stackSlot {
	return (*stackSlot)(unsafe.Add(a.slots, i*unsafe.Sizeof(stackSlot{})))
}

// releaseStack takes the stack of g, a dead coroutine that ran on the
// calling processor last, back into that processor's cache.
func (s *Sched) releaseStack(g *G) {
	e := g.stack
	if g.stackLo == e {
		e |= 1
	}
	g.stack, g.stackLo, g.stackHi = 0, 0, 0
	g.slot.g = nil
	g.slot = nil
	p := g.p
	p.stacks[p.nstacks] = e
	p.nstacks++
	if p.nstacks < pStackMax {
		return
	}
	a := &s.stacks
	a.lock.lock()
	for p.nstacks > pStackMax/2 && a.ndirty < stackCacheMax {
		p.nstacks--
		a.dirty[a.ndirty] = p.stacks[p.nstacks]
		a.ndirty++
	}
	a.lock.unlock()
	for p.nstacks > pStackMax/2 {
		p.nstacks--
		s.putStack(p.stacks[p.nstacks])
	}
}

// putStack takes an idle region back (e an entry as in allocStack): into
// the cache of dirty stacks while it has room, else its pages go back
// to the kernel and the region to the free list.
func (s *Sched) putStack(e uintptr) {
	a := &s.stacks
	base := e &^ 1
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

// Saving parked stacks.
//
// A coroutine parked for a while keeps its stack's pages, at least one
// 4 KiB page, though the used part, from its saved stack pointer to the
// top, is usually much smaller. The monitor (compactStacks) copies that
// part of a long-parked coroutine's stack into a buffer of its size
// (saveArena), gives all the stack's pages back (madvise) and, when the
// coroutine next runs, its processor copies the part back to the same
// addresses before switching to it (unparkStack): the stack never moves,
// so pointers into it stay valid, but nobody may read or write it while
// it is saved. What else can reach into a parked coroutine's stack
// (docs/runtime.md, "Saving parked stacks", has the audit):
//
//   - a channel partner, through a Sudog's elem (the value a blocked
//     sender offers, the slot a blocked receiver's value goes to): the
//     save holds the locks of the channels of the coroutine's Sudogs
//     (G.sudogs) while it copies and points their elems into the copy;
//   - its processor's g0, finishing the park: the stack is marked
//     saveable (markParked) before the g0 releases the lock that lets
//     anyone ready the coroutine; after a blocked select, selUnlock
//     reads the cases on its stack for the last time before it
//     releases the last of their channels, which a save must hold;
//   - the collector's conservative scan, which scans the copy instead,
//     with the saves excluded while it scans (LockStacks).
//
// The state of a stack is its region's stackSlot's park, changed with
// atomics: parkActive while the stack may be in use (running, runnable,
// or never parked); parkParked once parked; parkOld once a walk of the
// monitor has seen it parked (the next walk saves it, so that a
// coroutine parked for a moment is left alone); parkSaving while the
// monitor saves it; parkSaved while its used part is in G.saved;
// parkKept for one using too much of its stack to be worth saving
// (saveMax), which the walks leave alone until it parks again. The
// processor that runs it next takes it back to parkActive (a CAS from
// parkParked, the common case, in run), waiting out a save in progress
// and restoring a saved one. The slots of all regions are one dense
// array, which the monitor's walk reads in order (16 bytes a stack,
// where a walk over the G records took a cache miss each: 16 ms for
// 100k coroutines).
const (
	parkActive uint32 = iota
	parkParked
	parkOld
	parkSaving
	parkSaved
	parkKept
)

// A stackSlot is a region's save state and its owner while a coroutine
// has it (G.slot points to it).
type stackSlot struct {
	park uint32
	g    *G
}

const (
	// compactMin is the number of stacks in use below which the monitor
	// saves none: the memory matters with many coroutines, and a few
	// cost no walk.
	compactMin = 512
	// compactPeriod is the time between the monitor's walks while they
	// find parked coroutines; it doubles, up to compactPeriodMax, after
	// a walk that found none.
	compactPeriod    = 5 * 1000 * 1000
	compactPeriodMax = 640 * 1000 * 1000
	// compactBudget bounds the time of a look's part of a walk.
	compactBudget = 2000 * 1000
	// saveGrain and saveMax: the saved buffers' size classes are
	// multiples of saveGrain up to saveMax; a stack with more in use is
	// not saved.
	saveGrain   = 64
	saveMax     = 8 << 10
	saveClasses = saveMax / saveGrain
)

// saveArena hands out the buffers saved stacks are kept in: size
// classes of saveGrain bytes carved from mmap'd chunks, reused through
// a free list per class and never returned to the system (like G
// records).
type saveArena struct {
	lock mutex
	free [saveClasses]unsafe.Pointer
	mem  unsafe.Pointer
	off  uintptr
	// Stacks and Bytes count the saved stacks and their buffers' bytes;
	// Saves counts the saves so far.
	Stacks, Bytes, Saves uintptr
}

func (a *saveArena) alloc(n uintptr) unsafe.Pointer {
	c := (n + saveGrain - 1) / saveGrain
	size := c * saveGrain
	a.lock.lock()
	b := a.free[c-1]
	if b != nil {
		a.free[c-1] = *(*unsafe.Pointer)(b)
	} else {
		if a.mem == nil || a.off+size > poolChunkBytes {
			mem, errno := sys.Mmap(poolChunkBytes)
			if errno != 0 {
				sys.Abort("sched: out of memory for saved stacks")
			}
			a.mem, a.off = mem, 0
		}
		b = unsafe.Add(a.mem, a.off)
		a.off += size
	}
	a.Stacks++
	a.Saves++
	a.Bytes += size
	a.lock.unlock()
	return b
}

func (a *saveArena) release(b unsafe.Pointer, n uintptr) {
	c := (n + saveGrain - 1) / saveGrain
	a.lock.lock()
	*(*unsafe.Pointer)(b) = a.free[c-1]
	a.free[c-1] = b
	a.Stacks--
	a.Bytes -= c * saveGrain
	a.lock.unlock()
}

// markParked says that g, parked, no longer needs its stack until it
// runs again: the monitor may save it (main, on the process's stack,
// never).
func markParked(g *G) {
	if sl := g.slot; sl != nil {
		sys.Store32(&sl.park, parkParked)
	}
}

// unparkStack takes g, about to run again on the calling processor, back
// to parkActive: it waits for a save in progress to end, and copies a
// saved stack back into place.
func (s *Sched) unparkStack(g *G) {
	sl := g.slot
	for {
		switch v := sys.Load32(&sl.park); v {
		case parkParked, parkOld, parkKept:
			if sys.Cas32(&sl.park, v, parkActive) {
				return
			}
		case parkSaving:
			sys.Nanosleep(1000)
		case parkSaved:
			n := uintptr(g.savedN)
			sys.Memmove(ptrAt(s.parkedSP(g)), g.saved, n)
			s.setOwner(g)
			s.saves.release(g.saved, n)
			g.saved, g.savedN = nil, 0
			sys.Store32(&sl.park, parkActive)
			return
		default:
			return
		}
	}
}

// setOwner writes g's address in the top word of its stack region.
func (s *Sched) setOwner(g *G) {
	*(**G)(unsafe.Pointer(ptrAt(g.stack + s.stacks.size - 8))) = g
}

// compactStacks is the monitor's look at parked stacks at time now:
// every compactPeriod or so, while compactMin stacks or more are in use,
// a walk over every region's slot (compactVisit), done a part at a
// time — at most compactBudget nanoseconds per look — so that the
// monitor's other work (preemption, timers, the poller) waits little.
func (s *Sched) compactStacks(now int64) {
	a := &s.stacks
	eager := s.cfg.EagerSave
	if !a.walking {
		if now < a.nextWalk && !eager {
			return
		}
		a.lock.lock()
		// Counting the stacks in the processors' caches too (at most
		// pStackMax each), which do not matter for compactMin.
		inUse := a.next - a.nfree - a.ndirty
		end := a.next
		a.lock.unlock()
		if inUse < compactMin && !eager {
			a.nextWalk = now + compactPeriod
			return
		}
		a.walking, a.walkAt, a.walkEnd, a.walkFound = true, 0, end, 0
	}
	for ; a.walkAt < a.walkEnd; a.walkAt++ {
		if a.walkAt&255 == 255 && sys.Nanotime()-now > compactBudget {
			break
		}
		a.walkFound += s.compactVisit(a.slot(a.walkAt), eager)
	}
	a.flush()
	if a.walkAt < a.walkEnd {
		return
	}
	a.walking = false
	if a.walkFound != 0 {
		a.walkPeriod = compactPeriod
	} else if a.walkPeriod < compactPeriodMax {
		a.walkPeriod = a.walkPeriod*2 + compactPeriod
	}
	a.nextWalk = now + a.walkPeriod
}

// compactWalk visits every region once (compactVisit), saving every
// parked stack however recently it parked, and returns the number
// saved: a whole walk at once, for tests. One walk runs at a time (the
// monitor's, or a test's).
func (s *Sched) compactWalk() int {
	a := &s.stacks
	a.lock.lock()
	end := a.next
	a.lock.unlock()
	n := 0
	for i := uintptr(0); i < end; i++ {
		n += s.compactVisit(a.slot(i), true)
	}
	a.flush()
	return n
}

// compactVisit is one look of a walk at a region's slot: a coroutine
// parked since the last walk is marked old, an old one's stack is saved
// (with now, a parked one's at once). It returns 1 if it did either
// (the walks go on while they find such coroutines).
func (s *Sched) compactVisit(sl *stackSlot, now bool) int {
	switch sys.Load32(&sl.park) {
	case parkParked:
		if now {
			if sys.Cas32(&sl.park, parkParked, parkSaving) {
				s.saveStack(sl.g)
			}
		} else {
			sys.Cas32(&sl.park, parkParked, parkOld)
		}
		return 1
	case parkOld:
		if sys.Cas32(&sl.park, parkOld, parkSaving) {
			s.saveStack(sl.g)
		}
		return 1
	}
	return 0
}

// saveStack saves the stack of g, parked, whose state the caller took
// from parkParked to parkSaving: its used part goes to a buffer, its pages
// back to the kernel, and its state becomes parkSaved (or parkKept
// when too much of it is in use).
func (s *Sched) saveStack(g *G) {
	a := &s.stacks
	sp, hi := s.parkedSP(g), g.stackHi
	n := hi - sp
	if sp < g.stackLo || n > saveMax {
		sys.Store32(&g.slot.park, parkKept)
		return
	}
	buf := s.saves.alloc(n)
	a.saveLock.lock()
	sudogsLock(g.sudogs, true)
	sys.Memmove(buf, ptrAt(sp), n)
	for sg := g.sudogs; sg != nil; sg = sg.link {
		e := uintptr(unsafe.Pointer(sg.elem))
		if e >= sp && e < hi {
			sg.elem = (*uint64)(unsafe.Add(buf, e-sp))
		}
	}
	g.saved, g.savedN = buf, uint32(n)
	sudogsLock(g.sudogs, false)
	a.saveLock.unlock()
	a.release(g)
}

// release adds the stack of g, whose used part is saved, to the batch
// of stacks whose pages go back to the kernel together: adjacent
// regions take one madvise (and one flush of the other threads' TLBs)
// instead of one each. A coroutine stays parkSaving until its batch is
// released (flush); the walk flushes at the end of each look.
func (a *stackArena) release(g *G) {
	lo, hi := g.stackLo, g.stack+a.size
	// Right below the batch, or right above (a guard page between).
	below := hi == a.batchLo || hi+sys.PageSize == a.batchLo
	above := lo == a.batchHi || lo-sys.PageSize == a.batchHi
	if a.nbatch > 0 && (a.nbatch == len(a.batch) || !(below || above)) {
		a.flush()
	}
	if a.nbatch == 0 {
		a.batchLo, a.batchHi = lo, hi
	} else if below {
		a.batchLo = lo
	} else {
		a.batchHi = hi
	}
	a.batch[a.nbatch] = g
	a.nbatch++
}

// flush gives back the pages of the batch's stacks and makes them
// parkSaved.
func (a *stackArena) flush() {
	if a.nbatch == 0 {
		return
	}
	sys.MadviseDontneed(ptrAt(a.batchLo), a.batchHi-a.batchLo)
	for i := 0; i < a.nbatch; i++ {
		sys.Store32(&a.batch[i].slot.park, parkSaved)
		a.batch[i] = nil
	}
	a.nbatch = 0
}

// sudogsLock locks (lock) or unlocks the distinct channels of the wait
// records of list (linked through link), in address order as selLock.
func sudogsLock(list *Sudog, lock bool) {
	last := uintptr(0)
	for {
		next := ^uintptr(0)
		for sg := list; sg != nil; sg = sg.link {
			c := uintptr(unsafe.Pointer(sg.c))
			if c > last && c < next {
				next = c
			}
		}
		if next == ^uintptr(0) {
			return
		}
		c := (*Chan)(ptrAt(next))
		if lock {
			c.lock.lock()
		} else {
			c.lock.unlock()
		}
		last = next
	}
}

// LockStacks keeps the monitor from saving stacks until UnlockStacks,
// for the collector's scan of every coroutine's stack (ScanStack).
func (s *Sched) LockStacks() { s.stacks.saveLock.lock() }

// UnlockStacks ends what LockStacks began.
func (s *Sched) UnlockStacks() { s.stacks.saveLock.unlock() }

// ScanStack returns the memory to scan for the stack of g, suspended,
// between LockStacks and UnlockStacks: the saved copy of its used part,
// or its stack from its saved stack pointer (SavedSP) to its top; 0, 0
// for none.
func (g *G) ScanStack() (from, to uintptr) {
	if g.saved != nil { // parkSaved, or parkSaving with its pages yet to go
		b := uintptr(g.saved)
		return b, b + uintptr(g.savedN)
	}
	sp := g.SavedSP()
	if sp == 0 || sp >= g.stackHi {
		return 0, 0
	}
	return sp, g.stackHi
}
