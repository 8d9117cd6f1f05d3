package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

// MaxProcs bounds the number of processors.
const MaxProcs = 64

// Config configures a Sched.
type Config struct {
	// Procs is the number of processors; 0 or less means 1.
	Procs int
	// StackSize is the size of a coroutine's stack region, guard page
	// included: a power of two, at least 64 KiB; 0 means DefaultStackSize.
	StackSize uintptr
	// MaxStacks is the number of stacks the reservation holds (the most
	// coroutines that can have a stack at once); 0 means DefaultMaxStacks.
	MaxStacks uintptr
	// MainLo and MainHi bound the stack of the calling thread, which
	// becomes the main coroutine's (0 when unknown, as on the host).
	MainLo, MainHi uintptr
	// Flag is the word compiled code polls at safepoints (stw.go); nil
	// means a word of the Sched's own (host tests).
	Flag *uint32
	// TimeScale slows the scheduler's clock down that many times
	// (clock.go); 0 or 1 means real time.
	TimeScale int64
	// EagerSave makes the monitor save every parked stack at every look,
	// however few coroutines there are and however recently they parked
	// (stack.go; tests: NATURE_SAVE_STACKS=1).
	EagerSave bool
	// Heap is the collected heap whose write barrier the scheduler's
	// own stores of values into collected objects and root words go
	// through while it marks (barrier.go); nil: plain stores.
	Heap *gc.Heap
}

// Defaults.
const (
	DefaultStackSize = 1 << 20
	DefaultMaxStacks = 1 << 18
)

// G states.
const (
	gFree     uint32 = iota // on the free list
	gRunnable               // in a run queue
	gRunning                // running on a P
	gWaiting                // parked
	gDead                   // ended, not yet freed
	gStopped                // about to run, or stopped at a safepoint for a stop of the world
)

// G flags.
const (
	gfG0     uint32 = 1 << iota // a P's scheduler context
	gfMain                      // the main coroutine
	gfPinned                    // runs only on the P that spawned it (co.SAME)
	gfSysmon                    // the monitor thread's context
)

// A G is a coroutine. Records live in runtime-owned memory (pool.go) and
// are reused; the collector finds the live ones through Sched.FirstG,
// their root words through Sched.FirstRootChunk and their stacks
// through Sched.StackG.
type G struct {
	// all links Sched.allgs (never unlinked: records are reused, and
	// the monitor walks the list without the lock: newG leaves it be).
	all *G
	// roots holds the words the collector scans (RootWords), in the
	// record's chunk (pool.go): fixed with the record, like all.
	roots *gRoots
	ctx   uintptr // saved context while suspended (native: its stack pointer)
	s     *Sched
	p     *P // the processor running it, or that ran it last
	next  *G // link in a run queue or a wait queue

	id     int64
	status uint32
	flags  uint32

	// The entry: fn(arg, fut) natively, fn a code address; on the host a
	// handle of a Go function (ctx_host.go).
	fn uintptr

	stack   uintptr // base of its stack region; 0 until it first runs
	stackLo uintptr // lowest usable address
	stackHi uintptr // top of the stack

	when    int64  // wake time while in the timer heap
	param   int64  // set by whoever readies it: a select case, a status
	sudogs  *Sudog // the wait records of a blocked channel operation
	selDone uint32 // a select's first completion wins (atomic)

	// slot is its stack region's save state (stack.go, "Saving parked
	// stacks"); saved and savedN hold the used part of its stack while
	// saved.
	slot   *stackSlot
	saved  unsafe.Pointer
	savedN uint32
}

// ID returns the coroutine's number: 0 for main, then 1, 2, ... in
// creation order.
func (g *G) ID() int64 { return g.id }

// P returns the processor the coroutine runs on.
func (g *G) P() *P { return g.p }

// Arg returns the entry's argument.
func (g *G) Arg() uintptr { return g.roots.arg }

// gRoots are a G's words the collector scans: the entry's argument (a
// collected object, or a word that may look like one) and the future
// it completes (nil for none).
type gRoots struct {
	arg uintptr
	fut *Future
}

// After-switch actions: what a P's g0 does with the coroutine that just
// switched to it, once the coroutine's context is saved.
const (
	afterNone      uint8 = iota
	afterYield           // put it at the tail of the run queue
	afterUnlock          // release afterLock (it parked on a wait queue)
	afterExit            // free it
	afterPin             // make it runnable on this P only (yield of a pinned G)
	afterStop            // nothing: it leaves the scheduler (Stop, host tests)
	afterSelUnlock       // unlock the channels of a blocked select
	afterSTW             // it stopped at a safepoint: resume it once the world restarts
)

// runqSize is the length of a P's local run queue.
const runqSize = 256

// A P is a processor: a run queue and a thread that runs its loop.
type P struct {
	s  *Sched
	id int
	g0 *G // the scheduler context
	// cur is the coroutine running on the P, nil while g0 runs.
	cur *G

	runqHead uint32
	runqTail uint32
	runq     [runqSize]uintptr // *G, read and written atomically

	// pinned coroutines runnable on this P only; under Sched.lock.
	pinned gQueue

	after      uint8
	afterLock  *mutex
	afterCases unsafe.Pointer // afterSelUnlock: the select's cases
	afterN     int

	started   bool   // its thread exists; under Sched.lock
	idle      bool   // on the idle list; under Sched.lock
	idleNext  *P     // idle list link
	wake      uint32 // futex word: set to 1 to wake it from sleep
	schedtick uint32 // coroutines run so far (atomic: the monitor reads it)

	status  uint32 // pIdle or pRunning (atomic; stw.go)
	preempt uint32 // the monitor asks for a preemption (atomic)
	monTick uint32 // the monitor's last look: schedtick, and when
	monWhen int64

	// gfree caches free G records for p's own thread (newGOn, freeG),
	// exchanged with Sched.gfree in batches: a spawn and an exit take
	// no lock.
	gfree  *G
	ngfree int
	// stacks caches idle stack regions (entries as in stackArena.free)
	// for the coroutines that start and end on p (stack.go).
	stacks  [pStackMax]uintptr
	nstacks int
}

// ID returns the processor's index.
func (p *P) ID() int { return p.id }

// gQueue is a FIFO of Gs linked through G.next.
type gQueue struct {
	head, tail *G
	n          int
}

func (q *gQueue) push(g *G) {
	g.next = nil
	if q.tail == nil {
		q.head = g
	} else {
		q.tail.next = g
	}
	q.tail = g
	q.n++
}

func (q *gQueue) pop() *G {
	g := q.head
	if g == nil {
		return nil
	}
	q.unlink(nil, g)
	return g
}

// remove takes g out of the queue if it is there.
func (q *gQueue) remove(g *G) bool {
	var prev *G
	for x := q.head; x != nil; x = x.next {
		if x == g {
			q.unlink(prev, x)
			return true
		}
		prev = x
	}
	return false
}

// unlink takes x, which follows prev in the queue (nil: x is the head),
// out of it.
func (q *gQueue) unlink(prev, x *G) {
	next := x.next
	if prev == nil {
		q.head = next
	} else {
		prev.next = next
	}
	if next == nil {
		q.tail = prev
	}
	x.next = nil
	q.n--
}

// A Sched is a scheduler: its processors, run queues, timers and
// coroutine records. The zero value is not ready; call Init. It must not
// be copied after Init.
type Sched struct {
	cfg    Config
	nprocs int
	procs  [MaxProcs]P

	lock  mutex  // gq, idle, allgs, gfree, pool, P.started, P.pinned
	gq    gQueue // the global run queue
	gqLen uint32 // gq.n, readable without the lock
	idle  *P     // idle processors
	nidle uint32 // readable without the lock
	// nstarted counts the processors whose thread exists (P.started),
	// for wakeIdle's check without the lock (atomic).
	nstarted uint32
	// nspinning is 1 while a processor spins looking for work (spin;
	// atomic).
	nspinning uint32
	allgs     *G
	ngs       uintptr
	gfree     *G // free G records, besides the processors' caches
	ngfree    int
	// ngfreeHint is ngfree, readable without the lock (atomic).
	ngfreeHint uint32
	pool       gPool
	nextID     uint64

	main   *G
	timers timerHeap
	stacks stackArena
	saves  saveArena // saved parked stacks (stack.go)
	// forever is the lock a select without cases parks with (not one
	// on its stack, which may be saved once it is parked).
	forever mutex
	sudogs  sudogPool

	stopping  uint32 // host tests: the loops end
	stw       stwState
	timersDue uint32 // the monitor saw a timer due (atomic)
	ctx       ctxState
	poll      pollState // coroutines parked on file descriptors (poll.go)
}

// Init sets the scheduler up. The calling thread becomes processor 0
// running the main coroutine (id 0) on its own stack.
func (s *Sched) Init(cfg Config) {
	if cfg.Procs <= 0 {
		cfg.Procs = 1
	}
	if cfg.Procs > MaxProcs {
		cfg.Procs = MaxProcs
	}
	if cfg.StackSize == 0 {
		cfg.StackSize = DefaultStackSize
	}
	if cfg.MaxStacks == 0 {
		cfg.MaxStacks = archMaxStacks // DefaultMaxStacks but on arm64
	}
	if cfg.TimeScale > MaxTimeScale {
		cfg.TimeScale = MaxTimeScale
	}
	s.cfg = cfg
	s.nprocs = cfg.Procs
	s.timers.init()
	s.initCtx()
	for i := 0; i < s.nprocs; i++ {
		p := &s.procs[i]
		p.s = s
		p.id = i
		p.g0 = s.newG()
		p.g0.flags = gfG0
		p.g0.p = p
		p.g0.id = -1
	}
	m := s.newG()
	m.flags = gfMain
	m.id = 0
	m.status = gRunning
	m.stackLo, m.stackHi = cfg.MainLo, cfg.MainHi
	p0 := &s.procs[0]
	m.p = p0
	p0.cur = m
	p0.started = true
	sys.Add32(&s.nstarted, 1)
	p0.status = pRunning
	s.main = m
	s.nextID = 1
	s.initMain(m)
	s.newContext(p0.g0)
}

// Procs returns the number of processors.
func (s *Sched) Procs() int { return s.nprocs }

// Main returns the main coroutine.
func (s *Sched) Main() *G { return s.main }

// gfreeMax bounds a processor's cache of free G records; a full cache
// gives half of them to the global list, an empty one takes up to half
// as many from it.
const gfreeMax = 64

// newG returns a fresh G record, on the list of all Gs.
func (s *Sched) newG() *G {
	s.lock.lock()
	g := s.gfree
	if g != nil {
		s.gfree = g.next
		s.ngfree--
	} else {
		g = s.pool.get()
		g.all = s.allgs
		s.allgs = g
		s.ngs++
	}
	s.lock.unlock()
	return s.resetG(g)
}

// newGOn is newG for processor p's own thread: from p's cache of free
// records, refilled from the global list without taking the lock for
// each.
func (s *Sched) newGOn(p *P) *G {
	if p.gfree == nil && sys.Load32(&s.ngfreeHint) != 0 {
		s.exchangeGs(p, true)
	}
	g := p.gfree
	if g == nil {
		return s.newG()
	}
	p.gfree = g.next
	p.ngfree--
	return s.resetG(g)
}

// resetG makes a record taken from a free list, or fresh, a new G.
func (s *Sched) resetG(g *G) *G {
	if g.s != nil {
		// Everything but the link the monitor may be walking and the
		// root words' place.
		const keep = unsafe.Offsetof(G{}.roots) + unsafe.Sizeof(G{}.roots)
		sys.Memclr(unsafe.Add(unsafe.Pointer(g), keep), unsafe.Sizeof(G{})-keep)
	}
	g.s = s
	g.status = gRunnable
	return g
}

// freeG puts a dead G, which ran on the calling processor last, in that
// processor's cache of free records, and its stack in the arena's cache
// (stack.go).
func (s *Sched) freeG(g *G) {
	g.status = gFree
	g.roots.arg, g.roots.fut = 0, nil
	if g.stack != 0 {
		s.releaseStack(g)
	}
	p := g.p
	g.next = p.gfree
	p.gfree = g
	p.ngfree++
	if p.ngfree == gfreeMax {
		s.exchangeGs(p, false)
	}
}

// exchangeGs moves free records between p's cache and the global list:
// into p's empty cache up to half of gfreeMax (take), or out of its full
// one down to half.
func (s *Sched) exchangeGs(p *P, take bool) {
	s.lock.lock()
	for take && p.ngfree < gfreeMax/2 && s.gfree != nil {
		moveG(&s.gfree, &s.ngfree, &p.gfree, &p.ngfree)
	}
	for !take && p.ngfree > gfreeMax/2 {
		moveG(&p.gfree, &p.ngfree, &s.gfree, &s.ngfree)
	}
	sys.Store32(&s.ngfreeHint, uint32(s.ngfree))
	s.lock.unlock()
}

// moveG moves the first record of the free list *from, of *nfrom
// records, to the front of the list *to, of *nto.
func moveG(from **G, nfrom *int, to **G, nto *int) {
	g := *from
	*from = g.next
	*nfrom--
	g.next = *to
	*to = g
	*nto++
}

// Spawn creates a coroutine that will run fn(arg, fut) and makes it
// runnable; cur is the spawning coroutine. With pinned, it runs only on
// cur's processor (the reference's co.SAME).
func (s *Sched) Spawn(cur *G, fn, arg uintptr, fut *Future, pinned bool) *G {
	g := s.newGOn(cur.p)
	g.fn = fn
	// Root words the collector will not scan again in a cycle that is
	// marking: through the barrier (barrier.go).
	s.storeWord((*uint64)(unsafe.Pointer(&g.roots.arg)), uint64(arg))
	s.storePtr((*unsafe.Pointer)(unsafe.Pointer(&g.roots.fut)), unsafe.Pointer(fut))
	g.id = int64(sys.Add64(&s.nextID, 1) - 1)
	p := cur.p
	if pinned {
		g.flags |= gfPinned
		g.p = p
		s.lock.lock()
		p.pinned.push(g)
		s.lock.unlock()
		return g
	}
	p.runqPut(g)
	s.wakeIdle()
	return g
}

// Ready makes a parked coroutine runnable, on the processor of cur (the
// coroutine doing it).
func (s *Sched) Ready(cur *G, g *G) {
	s.readyOn(cur.p, g)
}

func (s *Sched) readyOn(p *P, g *G) {
	if !sys.Cas32(&g.status, gWaiting, gRunnable) {
		sys.Abort("sched: ready of a coroutine that is not waiting")
	}
	// A coroutine readied alone usually runs next on p, when the one
	// that readied it blocks (a hand-off over a channel): waking an idle
	// processor to steal it would move it to another thread and back
	// at every round trip. With two or more waiting, another processor
	// has work; one that waits alone while p's coroutine goes on
	// running is found by the monitor within a millisecond.
	if s.enqueue(p, g) && p.runqLen() > 1 {
		s.wakeIdle()
	}
}

// enqueue queues g, which has just become runnable, from processor p: a
// coroutine pinned to a processor on that processor's pinned list (waking
// the processor when it is not p), any other on p's run queue. It
// reports whether g went to p's run queue.
func (s *Sched) enqueue(p *P, g *G) bool {
	if g.flags&gfPinned != 0 {
		s.lock.lock()
		g.p.pinned.push(g)
		s.lock.unlock()
		if g.p != p {
			s.wakeP(g.p)
		}
		return false
	}
	p.runqPut(g)
	return true
}

// park suspends g, which is running, until someone Readies it. l, if not
// nil, is a lock g holds that protects the wait queue it joined; it is
// released only once g's context is saved, so that whoever takes g off
// that queue can ready it at once.
func (s *Sched) park(g *G, l *mutex) {
	p := g.p
	g.status = gWaiting
	p.after = afterUnlock
	p.afterLock = l
	s.switchTo(&g.ctx, p.g0.ctx)
}

// Yield puts the running coroutine g at the back of its processor's run
// queue and runs the others first.
func (s *Sched) Yield(g *G) {
	p := g.p
	if g.flags&gfPinned != 0 {
		p.after = afterPin
	} else {
		p.after = afterYield
	}
	s.switchTo(&g.ctx, p.g0.ctx)
}

// Sleep suspends g for at least ns nanoseconds; 0 or less yields.
func (s *Sched) Sleep(g *G, ns int64) {
	if ns <= 0 {
		s.Yield(g)
		return
	}
	g.when = s.now() + ns
	s.timers.lock.lock()
	first := s.timers.push(g)
	s.timers.setNext()
	// An idle processor sleeping until a later timer must look again.
	if first && sys.Load32(&s.nidle) != 0 {
		s.wakeIdle()
	}
	s.park(g, &s.timers.lock)
}

// coEntry is where every new context starts (sched_amd64.asm's gostart,
// or a goroutine on the host): a P's scheduler loop for a g0, else the
// coroutine's function, after which the coroutine ends.
func coEntry(g *G) {
	s := g.s
	if g.flags&gfG0 != 0 {
		if g.p.id != 0 {
			s.threadInit()
		}
		g.p.loop()
		return
	}
	if g.flags&gfSysmon != 0 {
		s.threadInit()
		s.sysmon()
		return
	}
	r := s.runEntry(g)
	if f := g.roots.fut; f != nil {
		f.complete(g, r)
	}
	s.exit(g)
}

// exit ends the running coroutine g: its P frees it and runs the next.
func (s *Sched) exit(g *G) {
	p := g.p
	g.status = gDead
	p.after = afterExit
	s.exitTo(g, p.g0.ctx)
}

// loop is a processor's scheduler, running on its g0: it runs runnable
// coroutines until the scheduler stops (host tests only; natively the
// process ends first).
func (p *P) loop() {
	// The first switch into this g0 came from a coroutine (main) that
	// was not started by it: finish what that coroutine asked for.
	if g := p.cur; g != nil {
		sys.Store32(&p.status, pIdle)
		p.cur = nil
		if p.after == afterSTW {
			p.after = afterNone
			p.s.waitWorld()
			p.run(g)
		} else {
			p.afterSwitch(g)
		}
	}
	for {
		g := p.findRunnable()
		if g == nil {
			return
		}
		p.execute(g)
	}
}

// execute runs g on p until it switches back, then does what it asked.
func (p *P) execute(g *G) {
	s := p.s
	if g.ctx == 0 {
		s.startG(p, g)
	}
	g.p = p
	// Stopped until run switches to it: a stop of the world may come
	// first, and its collector scans a coroutine that is not running.
	if !sys.Cas32(&g.status, gRunnable, gStopped) {
		sys.Abort("sched: running a coroutine that is not runnable")
	}
	sys.Add32(&p.schedtick, 1)
	p.run(g)
}

// run switches to g, which is running (on p), until it switches back:
// once for good, or to stop for a stop of the world, after which it
// resumes; then it does what g asked.
func (p *P) run(g *G) {
	s := p.s
	for {
		// The store before the load, and StopTheWorld's the other way
		// round: either this P sees the request, or the requester sees it
		// running. The status stays pRunning from one coroutine to the
		// next while the g0 finds one (only p's thread stores it): the
		// g0 looks at the request here before it runs another, and goes
		// pIdle before it spins or sleeps (findRunnable), so a stop waits
		// no longer for it than for a coroutine's next safepoint.
		if p.status != pRunning {
			sys.Store32(&p.status, pRunning)
		}
		if sys.Load32(&s.stw.requested) != 0 {
			sys.Store32(&p.status, pIdle)
			s.waitWorld()
			continue
		}
		p.cur = g
		sys.Store32(&g.status, gRunning) // resuming after a stop too
		// Back from parking: take the stack back from the monitor, which
		// may have saved it (stack.go); an active stack stays active.
		if sl := g.slot; sl != nil {
			if v := sys.Load32(&sl.park); v != parkActive && (v != parkParked || !sys.Cas32(&sl.park, parkParked, parkActive)) {
				s.unparkStack(g)
			}
		}
		s.switchTo(&p.g0.ctx, g.ctx)
		p.cur = nil
		// A preemption asked for while g ran is moot once it has
		// switched away; left pending, it would keep every safepoint of
		// every processor on its slow path until p ran another
		// coroutine to one.
		if sys.Load32(&p.preempt) != 0 && sys.Cas32(&p.preempt, 1, 0) {
			s.lower()
		}
		if p.after != afterSTW {
			break
		}
		sys.Store32(&p.status, pIdle)
		p.after = afterNone
		s.waitWorld()
	}
	p.afterSwitch(g)
}

// afterSwitch does what g, which just switched to p's g0, asked for.
func (p *P) afterSwitch(g *G) {
	s := p.s
	switch p.after {
	case afterYield:
		g.status = gRunnable
		p.runqPut(g)
	case afterPin:
		g.status = gRunnable
		s.lock.lock()
		p.pinned.push(g)
		s.lock.unlock()
	case afterUnlock:
		// Its stack may be saved from now on (stack.go), which must be
		// said before the unlock lets anyone ready it.
		markParked(g)
		if p.afterLock != nil {
			p.afterLock.unlock()
		}
	case afterExit:
		s.freeG(g)
	case afterSelUnlock:
		// selUnlock reads the cases on g's stack for the last time
		// before it releases the last channel, which a save of the
		// stack must hold (stack.go).
		markParked(g)
		selUnlock(p.afterCases, p.afterN)
		p.afterCases = nil
	case afterStop:
		// The coroutine goes on without a scheduler (host tests).
	}
	p.after = afterNone
	p.afterLock = nil
}

// startG gives g, which has never run, a stack (from p's cache, p the
// processor about to run it) and an initial context.
func (s *Sched) startG(p *P, g *G) {
	if g.stack == 0 {
		s.allocStack(p, g)
	}
	s.newContext(g)
}

// findRunnable returns the next coroutine p runs, sleeping while there is
// none; nil once the scheduler stops.
func (p *P) findRunnable() *G {
	s := p.s
	for {
		if sys.Load32(&s.stopping) != 0 {
			return nil
		}
		// (p's own thread is the only one that changes schedtick.)
		tick := p.schedtick
		// Timers every so often even while the queues are busy, and
		// when the monitor saw one due, so that yielding or preempted
		// coroutines cannot delay sleepers for long.
		if tick%32 == 0 || sys.Load32(&s.timersDue) != 0 {
			s.runTimers(p)
		}
		// The global and pinned queues now and then first, for fairness.
		if tick%61 == 0 && sys.Load32(&s.gqLen) != 0 {
			if g := s.globalGet(p); g != nil {
				return g
			}
		}
		// The pinned coroutines and the local queue take turns, so
		// that neither kind can starve the other.
		if tick%2 == 0 {
			if g := p.pinnedGet(); g != nil {
				return g
			}
		}
		if g := p.runqGet(); g != nil {
			return g
		}
		if g := p.pinnedGet(); g != nil {
			return g
		}
		if g := s.globalGet(p); g != nil {
			return g
		}
		if s.runTimers(p) {
			continue
		}
		if g := s.steal(p); g != nil {
			return g
		}
		// Not running coroutines for a while: a stop of the world need
		// not wait for p (run).
		sys.Store32(&p.status, pIdle)
		if s.spin(p) {
			continue
		}
		p.idleWait()
	}
}

// spinChecks is how many times a spinning processor looks for work
// before it sleeps (each look a few loads of the run queues' ends).
const spinChecks = 1000

// spin has p, which found nothing to run, look for work a while longer
// before it sleeps, and reports whether some appeared. One processor at
// a time spins (Sched.nspinning), and while one does, new work wakes no
// other (wakeIdle): a coroutine spawning others in a loop keeps an
// otherwise idle processor busy without a futex wake-up per few
// coroutines on either side, which cost more than the coroutines.
func (s *Sched) spin(p *P) bool {
	if s.nprocs == 1 || !sys.Cas32(&s.nspinning, 0, 1) {
		return false
	}
	found := false
	for i := 0; i < spinChecks && !found; i++ {
		found = s.anyWork(p) || sys.Load32(&s.timersDue) != 0 || sys.Load32(&s.stopping) != 0
	}
	// A ready that saw nspinning set woke nobody: the idle list's own
	// check for work (idleWait) comes after this store.
	sys.Store32(&s.nspinning, 0)
	return found
}

// pinnedGet returns a coroutine pinned to p, if one is runnable.
func (p *P) pinnedGet() *G {
	if p.pinned.head == nil {
		return nil
	}
	s := p.s
	s.lock.lock()
	g := p.pinned.pop()
	s.lock.unlock()
	return g
}

// idleWait puts p on the idle list and sleeps until another processor
// hands it work or the earliest timer is due.
func (p *P) idleWait() {
	s := p.s
	s.lock.lock()
	if s.gq.n != 0 || p.pinned.head != nil || sys.Load32(&s.stopping) != 0 {
		s.lock.unlock()
		return
	}
	sys.Store32(&p.wake, 0)
	p.idle = true
	p.idleNext = s.idle
	s.idle = p
	sys.Add32(&s.nidle, 1)
	s.lock.unlock()
	// Work that appeared between the checks and joining the idle list.
	if !s.anyWork(p) {
		ns := int64(-1)
		if next := s.timers.nextWhen(); next != 0 {
			ns = next - s.now()
			if ns < 0 {
				ns = 0
			}
		}
		if ns != 0 {
			sys.FutexWait(&p.wake, 0, s.realNs(ns))
		}
	}
	s.lock.lock()
	if p.idle {
		s.removeIdle(p)
	}
	s.lock.unlock()
}

// anyWork reports whether some run queue holds a coroutine p could take.
func (s *Sched) anyWork(p *P) bool {
	if sys.Load32(&s.gqLen) != 0 {
		return true
	}
	for i := 0; i < s.nprocs; i++ {
		q := &s.procs[i]
		if sys.Load32(&q.runqTail) != sys.Load32(&q.runqHead) {
			return true
		}
	}
	return false
}

// removeIdle takes p off the idle list; the caller holds s.lock.
func (s *Sched) removeIdle(p *P) {
	var prev *P
	for q := s.idle; q != nil; q = q.idleNext {
		if q == p {
			if prev == nil {
				s.idle = q.idleNext
			} else {
				prev.idleNext = q.idleNext
			}
			break
		}
		prev = q
	}
	p.idle = false
	p.idleNext = nil
	sys.Add32(&s.nidle, ^uint32(0))
}

// wakeIdle wakes an idle processor, or starts one that has no thread
// yet, so that new work is picked up.
func (s *Sched) wakeIdle() {
	if sys.Load32(&s.nspinning) != 0 || sys.Load32(&s.nidle) == 0 && s.allStarted() {
		return
	}
	s.lock.lock()
	p := s.idle
	if p != nil {
		s.removeIdle(p)
		s.lock.unlock()
		sys.Store32(&p.wake, 1)
		sys.FutexWake(&p.wake, 1)
		return
	}
	var start *P
	for i := 0; i < s.nprocs; i++ {
		if !s.procs[i].started {
			start = &s.procs[i]
			start.started = true
			sys.Add32(&s.nstarted, 1)
			break
		}
	}
	s.lock.unlock()
	if start != nil {
		s.startThread(start)
	}
}

// wakeP wakes p if it is idle.
func (s *Sched) wakeP(p *P) {
	s.lock.lock()
	if !p.idle {
		s.lock.unlock()
		return
	}
	s.removeIdle(p)
	s.lock.unlock()
	sys.Store32(&p.wake, 1)
	sys.FutexWake(&p.wake, 1)
}

func (s *Sched) allStarted() bool {
	return sys.Load32(&s.nstarted) == uint32(s.nprocs)
}

// globalGet takes a coroutine from the global queue, and moves a batch
// more to p's local queue.
func (s *Sched) globalGet(p *P) *G {
	if sys.Load32(&s.gqLen) == 0 {
		return nil
	}
	s.lock.lock()
	g := s.gq.pop()
	if g != nil {
		n := s.gq.n / s.nprocs
		if n > runqSize/2 {
			n = runqSize / 2
		}
		for ; n > 0; n-- {
			x := s.gq.pop()
			if x == nil || !p.runqPutLocal(x) {
				if x != nil {
					s.gq.push(x)
				}
				break
			}
		}
	}
	sys.Store32(&s.gqLen, uint32(s.gq.n))
	s.lock.unlock()
	return g
}

// globalPut appends a batch of coroutines to the global queue.
func (s *Sched) globalPut(head *G, n int) {
	s.lock.lock()
	for head != nil {
		next := head.next
		s.gq.push(head)
		head = next
	}
	sys.Store32(&s.gqLen, uint32(s.gq.n))
	s.lock.unlock()
}

// FirstG and NextG iterate over every coroutine record, for the
// collector: Status tells the live ones.
func (s *Sched) FirstG() *G { return s.allgs }

// NextG returns the record after g.
func (g *G) NextG() *G { return g.all }

// Live reports whether g is a coroutine that has not ended, g0s
// included.
func (g *G) Live() bool { return g.status != gFree && g.status != gDead }

// Running reports whether g is running on a processor now.
func (g *G) Running() bool { return g.status == gRunning }

// IsG0 reports whether g is a processor's scheduler context.
func (g *G) IsG0() bool { return g.flags&gfG0 != 0 }

// SavedSP returns the stack pointer of a suspended coroutine with a
// stack (0 for one that has not started, or on the host): its saved
// registers are on the stack at and above it.
func (g *G) SavedSP() uintptr {
	if g.status == gRunning || g.stackHi == 0 {
		return 0
	}
	return g.ctx
}

// StackBounds returns the coroutine's stack: its lowest usable address
// and its top (0, 0 when it has none).
func (g *G) StackBounds() (uintptr, uintptr) { return g.stackLo, g.stackHi }

// RootWords returns the address and the size in bytes of the G's own
// words the collector scans: the entry's argument and its future.
func (g *G) RootWords() (unsafe.Pointer, uintptr) {
	return unsafe.Pointer(g.roots), unsafe.Sizeof(gRoots{})
}

// FirstRootChunk returns the newest chunk of G records (pool.go), whose
// root words, with those of the chunks that follow it (Next), are every
// G's: the collector scans them as a few dense ranges (Words) without
// touching the records. A free record's words are zero.
func (s *Sched) FirstRootChunk() *RootChunk {
	s.lock.lock()
	c := s.pool.chunk
	s.lock.unlock()
	return c
}

// Next returns the chunk after c, nil after the last.
func (c *RootChunk) Next() *RootChunk { return c.next }

// Words returns the root words of the records handed out from c: their
// address and their size in bytes.
func (c *RootChunk) Words() (unsafe.Pointer, uintptr) {
	return unsafe.Add(unsafe.Pointer(c), gChunkHeader), c.n * unsafe.Sizeof(gRoots{})
}

// StackRegions returns the number of stack regions handed out so far:
// StackG(i) for i below it is the coroutine holding region i, or nil.
// Every coroutine with a stack but main, which runs on the process's
// own, holds one: the collector finds the stacks it scans there without
// touching the records of coroutines that have not started.
func (s *Sched) StackRegions() uintptr {
	a := &s.stacks
	a.lock.lock()
	n := a.next
	a.lock.unlock()
	return n
}

// StackG returns the coroutine holding stack region i (below
// StackRegions), or nil.
func (s *Sched) StackG(i uintptr) *G { return s.stacks.slot(i).g }
