package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sched"
	"github.com/naturekit/naturekit/rt/sys"
)

// Coroutines, futures, channels, select and the coroutine mutex: the
// entry points of docs/runtime-abi.md "Coroutines" over rt/sched. The
// scheduler starts with the first coroutine operation, which only the
// main coroutine can make, so the thread that runs main.main becomes
// processor 0 and main's stack the process's own.
//
// A coroutine runs a thunk the compiler makes per go expression,
// thunk(env, future) i64: it loads the call's arguments from env (an
// object the spawner filled), makes the call and returns the result's
// bits, which complete the future. When the call raises an error, the
// thunk adds the go expression's frame to its trace and calls CoFail
// with the message; an error nobody awaits ends the process.

// coSame is the reference's co.SAME placement flag of @async: the new
// coroutine runs on the spawner's processor.
const coSame = abi.CoSame

// coState is the Runtime's scheduler and the descriptors of the objects
// it allocates.
type coState struct {
	ready  bool
	multi  bool // more than one processor: allocation and output per processor
	s      sched.Sched
	future alloc.Type // sched.Future: result and error traced
	ch     alloc.Type // sched.Chan: the ring traced

	// caches are the allocation caches of processors 1 and up
	// (processor 0 uses Runtime.cache).
	caches [sched.MaxProcs]alloc.Cache

	// The output: a print statement's Print calls and its PrintEnd run
	// under printMu, held by processor printOwner-1, so statements of
	// coroutines on different processors do not mix.
	printMu    sched.Lock
	printOwner uint32

	stwFailed int64  // when stopping the world last timed out
	hostFlag  uint32 // the safepoint flag on the host (co_host.go)

	// Collections: their number, and the pauses of the program's
	// coroutines (stopping the world, the cycle, starting it again).
	cycles     int64
	pauseTotal int64
	pauseMax   int64
	// stopMax is the longest part of a pause spent stopping the world:
	// waiting for the other processors to reach a safepoint.
	stopMax int64
}

const (
	// stwTimeout bounds the wait for every processor to reach a
	// safepoint; a processor in a blocking C call never does, and the
	// cycle is skipped (as the reference gives up after ~25 ms).
	stwTimeout = 50 * 1000 * 1000
	// stwRetry is how long collection is not tried again after that.
	stwRetry = 100 * 1000 * 1000
)

// coInit starts the scheduler on first use.
func (r *Runtime) coInit() {
	if r.co.ready {
		return
	}
	t := &r.types
	r.co.future = alloc.Type{Size: sched.FutureSize, Align: 8, PtrBytes: 16, GCBits: &t.masks[3], Kind: alloc.KindStruct}
	r.co.ch = alloc.Type{Size: sched.ChanSize, Align: 8, PtrBytes: 8, GCBits: &t.masks[1], Kind: alloc.KindStruct}
	hi := sys.StackTop()
	lo := uintptr(0)
	if lim := sys.StackLimit(); lim != 0 && lim < hi {
		lo = hi - lim
	}
	procs := 1
	if r.roots.native {
		procs = sched.NumCPU()
		if n := envInt("NATURE_PROCS"); n > 0 {
			procs = int(n)
		}
		if procs > sched.MaxProcs {
			procs = sched.MaxProcs
		}
	}
	// NATURE_TIME_SCALE=N slows the scheduler's clock down N times, for
	// emulators (rt/sched's clock.go).
	scale := envInt("NATURE_TIME_SCALE")
	// NATURE_SAVE_STACKS=1 saves every parked coroutine's stack at each
	// look of the monitor (rt/sched's stack.go), for the tests.
	eager := envInt("NATURE_SAVE_STACKS") == 1
	r.co.s.Init(sched.Config{Procs: procs, MainLo: lo, MainHi: hi, Flag: r.pollFlag(), TimeScale: scale, Heap: &r.heap, EagerSave: eager})
	for i := 1; i < procs; i++ {
		r.heap.Mem.InitCache(&r.co.caches[i])
	}
	r.co.multi = procs > 1
	if r.co.multi {
		setFastCache(nil) // each processor allocates from its own cache
	}
	if r.co.multi && r.heap.Marking() {
		// A concurrent cycle's mark began on the one thread: other
		// processors will run beside it (gcconc.go).
		r.heap.StartConcurrent()
	}
	r.co.ready = true
	if r.roots.native {
		r.co.s.StartMonitor()
	}
}

// envInt returns the value of environment variable name as a positive
// decimal number, 0 when it is unset or not one.
func envInt(name string) int64 {
	e := envLookup(name)
	if e == nil {
		return 0
	}
	v := int64(0)
	for k := 0; ; k++ {
		c := *(*uint8)(unsafe.Add(e, k))
		if c == 0 {
			return v
		}
		if c < '0' || c > '9' || v > 1<<20 {
			return 0
		}
		v = v*10 + int64(c-'0')
	}
}

// envIs reports whether environment variable name is set to value.
func envIs(name, value string) bool {
	e := envLookup(name)
	return e != nil && cstrIs(e, value) // memlimit.go
}

// envLookup returns the NUL-terminated value of environment variable
// name, nil when it is unset.
func envLookup(name string) unsafe.Pointer {
	envp := sys.Envp()
	if envp == nil {
		return nil
	}
	for i := uintptr(0); ; i++ {
		e := *(*unsafe.Pointer)(unsafe.Add(envp, i*8))
		if e == nil {
			return nil
		}
		j := 0
		for ; j < len(name); j++ {
			if *(*uint8)(unsafe.Add(e, j)) != name[j] {
				break
			}
		}
		if j == len(name) && *(*uint8)(unsafe.Add(e, j)) == '=' {
			return unsafe.Add(e, j+1)
		}
	}
}

// allocCache returns the allocation cache of the running coroutine's
// processor. Inlined: it is on every allocation's path.
//
//naturekit:inline
func (r *Runtime) allocCache() *alloc.Cache {
	if !r.co.multi {
		return &r.cache
	}
	id := r.co.s.Current().P().ID()
	if id == 0 {
		return &r.cache
	}
	return &r.co.caches[id]
}

// collectWorld runs a cycle (collect) with every other processor stopped
// at a safepoint. If another processor is stopping the world already,
// the caller stops until it is done instead (its cycle serves both); if
// some processor does not stop in time, the cycle is skipped, and not
// tried again for stwRetry.
func (r *Runtime) collectWorld(sp uintptr) {
	now := sys.Nanotime()
	if !r.stopWorld(now) {
		return
	}
	r.collect(sp)
	r.startWorld()
	r.pause(now)
}

// stopWorld stops every processor but the caller's at a safepoint
// (nothing to do on one processor) and reports true; false when another
// processor is stopping the world already (the caller has then stopped
// until it was done) or some processor did not stop in time, at now
// (stopping is then not tried again for stwRetry).
func (r *Runtime) stopWorld(now int64) bool {
	if !r.co.multi {
		return true
	}
	s := &r.co.s
	cur := s.Current()
	if r.co.stwFailed != 0 && now-r.co.stwFailed < stwRetry {
		return false
	}
	if !s.StopTheWorld(cur, stwTimeout) {
		if s.Stopping() {
			s.Safepoint(cur)
		} else {
			r.co.stwFailed = now
		}
		return false
	}
	r.co.stwFailed = 0
	if d := sys.Nanotime() - now; d > r.co.stopMax {
		r.co.stopMax = d
	}
	return true
}

// startWorld ends what stopWorld began.
func (r *Runtime) startWorld() {
	if r.co.multi {
		r.co.s.StartTheWorld(r.co.s.Current())
	}
}

// pause records a collection that began at start.
func (r *Runtime) pause(start int64) {
	d := r.recordPause(start)
	r.co.cycles++
	r.afterCycle(start, d)
}

// recordPause counts a pause of the program's coroutines that began at
// start and returns its length.
func (r *Runtime) recordPause(start int64) int64 {
	d := sys.Nanotime() - start
	r.co.pauseTotal += d
	if d > r.co.pauseMax {
		r.co.pauseMax = d
	}
	return d
}

// GCStat returns a statistic of the collector (runtime.gc_stat): 0 the
// cycles run, 1 the longest pause in nanoseconds (the world stopped),
// 2 the pauses' total, 3 the heap goal (the live bytes that start the
// next cycle), 4 the bytes the scavenger gave back to the kernel, 5 the
// longest time a pause spent stopping the world (of the pause in 1 or
// another: the wait for the other processors to reach a safepoint).
func GCStat(which int64) int64 {
	r := process()
	switch which {
	case 0:
		return r.co.cycles
	case 1:
		return r.co.pauseMax
	case 2:
		return r.co.pauseTotal
	case 3:
		return int64(r.heap.Trigger())
	case 4:
		return int64(r.heap.Mem.Scavenged())
	case 5:
		return r.co.stopMax
	}
	return 0
}

// Safepoint is where compiled code goes from a safepoint whose flag is
// set (nk.safepoint.slow): the running coroutine stops for a collection
// or yields for a preemption.
func Safepoint() {
	r := &proc
	if r.co.ready {
		r.co.s.Safepoint(r.co.s.Current())
	}
}

// printer returns the process's runtime with the output lock held by
// the running coroutine's processor: the Print entry points of one
// print statement take it, its PrintEnd releases it (the compiler
// evaluates every argument first, so nothing runs in between that could
// block or stop).
func printer() *Runtime {
	r := process()
	r.printLock()
	return r
}

func (r *Runtime) printLock() {
	me, held := r.printOwner()
	if me == 0 || held {
		return
	}
	r.co.printMu.Lock()
	sys.Store32(&r.co.printOwner, me)
}

func (r *Runtime) printUnlock() {
	if me, held := r.printOwner(); me == 0 || !held {
		return
	}
	sys.Store32(&r.co.printOwner, 0)
	r.co.printMu.Unlock()
}

// printOwner returns the running processor's number as the output
// lock's owner (its ID + 1; 0 when coroutines run on one processor and
// the lock is not used) and whether it holds the lock.
func (r *Runtime) printOwner() (me uint32, held bool) {
	if !r.co.multi {
		return 0, false
	}
	me = uint32(r.co.s.Current().P().ID()) + 1
	return me, sys.Load32(&r.co.printOwner) == me
}

// exitLock takes the output lock for a message that ends the process (a
// panic, an uncaught error, a fault, Exit's flush): it waits for a
// statement being printed by another processor to end, but not forever
// (the fault handler, on its own stack, cannot tell its processor).
func (r *Runtime) exitLock() {
	me, held := r.printOwner()
	if me == 0 || held {
		return
	}
	deadline := sys.Nanotime() + 50*1000*1000
	for !r.co.printMu.TryLock() {
		if sys.Nanotime() > deadline {
			break
		}
		sys.Nanosleep(10000)
	}
	sys.Store32(&r.co.printOwner, me)
}

// cur returns the running coroutine, starting the scheduler if needed.
func (r *Runtime) cur() *sched.G {
	r.coInit()
	return r.co.s.Current()
}

// scanCoroutines scans, for the cycle in progress, every coroutine's
// record words and every live coroutine's stack: the running one's from
// sp (the collecting frame, registers spilled above it), the others'
// from their saved stack pointers, where their context switch pushed
// their callee-saved registers, or the copy of a long-parked one's used
// stack (rt/sched's ScanStack: the monitor saves none while this scans).
// The record words are dense ranges, one per chunk of records, and the
// stacks are found through the stack regions: a coroutine that has not
// run yet has no stack, and its record is not touched (100 000 of them
// cost a cache miss each when this walked the records).
func (r *Runtime) scanCoroutines(sp uintptr) {
	h := &r.heap
	s := &r.co.s
	for c := s.FirstRootChunk(); c != nil; c = c.Next() {
		p, n := c.Words()
		h.ScanRange(p, n)
	}
	if !r.roots.native {
		return
	}
	cur := s.Current()
	s.LockStacks()
	r.scanStackOf(s.Main(), cur, sp)
	for i, n := uintptr(0), s.StackRegions(); i < n; i++ {
		if g := s.StackG(i); g != nil {
			r.scanStackOf(g, cur, sp)
		}
	}
	s.UnlockStacks()
}

// scanStackOf scans the stack of g, if it is live and has one, for
// scanCoroutines (cur the running coroutine, sp its collecting frame).
func (r *Runtime) scanStackOf(g, cur *sched.G, sp uintptr) {
	_, hi := g.StackBounds()
	if hi == 0 || !g.Live() {
		return
	}
	from, to := g.ScanStack()
	if g == cur {
		from, to = sp, hi
	}
	if from != 0 && from < to {
		r.heap.ScanRange(ptrOf(uint64(from)), to-from)
	}
}

// coFaultBounds makes the fault handler's stack bounds those of the
// coroutine stack holding sp, the interrupted stack pointer, if it is
// in one (the main coroutine's are the process stack's, set by
// initFaults).
func (r *Runtime) coFaultBounds(sp uintptr) {
	if !r.co.ready {
		return
	}
	if g := r.co.s.StackOwner(sp); g != nil {
		r.faults.stackLo, r.faults.stackHi = g.StackBounds()
	}
}

// CoSpawn starts a coroutine running the thunk at fn with env, and
// returns its future. flags: coSame keeps it on the spawner's processor.
func (r *Runtime) CoSpawn(fn unsafe.Pointer, env unsafe.Pointer, flags int64) *sched.Future {
	cur := r.cur()
	// Natively the collector finds env in this frame or a register
	// (allocSlow spills them); only the host needs it pinned.
	native := r.roots.native
	if !native {
		r.keep1(env)
	}
	f := (*sched.Future)(r.alloc(&r.co.future, 1))
	if !native {
		r.unkeep()
	}
	r.co.s.Spawn(cur, uintptr(fn), uintptr(env), f, flags&coSame != 0)
	return f
}

// FutureAwait blocks until f's coroutine ends and returns its result's
// bits (zero when it failed: FutureErr tells).
func (r *Runtime) FutureAwait(f *sched.Future) uint64 {
	if f.Done() { // no need of the running coroutine
		return f.Result()
	}
	v, _ := f.Await(r.cur())
	return v
}

// FutureErr returns the message of the error f's coroutine ended with,
// nil when it succeeded; call it after FutureAwait.
func (r *Runtime) FutureErr(f *sched.Future) *String {
	if f.Done() {
		return (*String)(f.Err())
	}
	_, err := f.Await(r.cur())
	return (*String)(err)
}

// CoFail is called by a coroutine's thunk when its call raised an error
// with message msg and trace: a coroutine blocked awaiting f gets it;
// with none, the error is uncaught and the process ends.
func (r *Runtime) CoFail(f *sched.Future, msg *String, trace *Vec) {
	g := r.cur()
	if f.Fail(g, unsafe.Pointer(msg)) {
		return
	}
	r.uncaught(g.ID(), msg, trace)
}

// CoSleep suspends the running coroutine for ms milliseconds (co.sleep);
// 0 or less yields.
func (r *Runtime) CoSleep(ms int64) {
	r.co.s.Sleep(r.cur(), ms*1000000)
}

// CoYield moves the running coroutine to the back of its processor's
// run queue (co.yield).
func (r *Runtime) CoYield() { r.co.s.Yield(r.cur()) }

// ProcessorIndex returns the running coroutine's processor
// (runtime.processor_index).
func (r *Runtime) ProcessorIndex() int64 {
	if !r.co.ready {
		return 0
	}
	return int64(r.co.s.Current().P().ID())
}

// ChanNew returns a new channel of capacity capacity (0: unbuffered)
// whose elements are pointers the collector traces when elemPtr.
func (r *Runtime) ChanNew(elemPtr bool, capacity int64, pos *String) *sched.Chan {
	r.coInit()
	if capacity < 0 || capacity > maxObject/8 {
		r.panicStart()
		r.writeConst("chan capacity out of range")
		r.panicEnd(pos)
	}
	c := (*sched.Chan)(r.alloc(&r.co.ch, 1))
	if capacity > 0 {
		r.keep1(unsafe.Pointer(c))
		var buf unsafe.Pointer
		if elemPtr {
			buf = r.alloc(&r.types.words, uintptr(capacity))
		} else {
			buf = r.alloc(&r.types.bytes, uintptr(capacity)*8)
		}
		r.unkeep()
		r.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(c)), buf)
		c.Init(buf, uint64(capacity), elemPtr)
	}
	return c
}

// chanMsg returns the message of a failed channel operation
// (spec/concurrency.md §4) as a new string: 0 send, 1 receive, 2 close.
func (r *Runtime) chanMsg(kind int) *String {
	switch kind {
	case 0:
		return r.constString("send on closed channel")
	case 1:
		return r.constString("recv on closed channel")
	}
	return r.constString("chan already closed")
}

// constString returns a string constant of the runtime's own as a new
// string.
func (r *Runtime) constString(c string) *String {
	s := r.newString(int64(len(c)))
	for i := 0; i < len(c); i++ {
		*(*uint8)(unsafe.Add(s.Data, i)) = c[i]
	}
	return s
}

// ChanSend sends v (a value's bits) on c, blocking until it is taken;
// it returns the error message, nil on success.
func (r *Runtime) ChanSend(c *sched.Chan, v uint64) *String {
	if c.Send(r.cur(), &v) {
		return nil
	}
	return r.chanMsg(0)
}

// ChanRecv receives from c into *out, blocking until a value is there;
// it returns the error message once c is closed and drained.
func (r *Runtime) ChanRecv(c *sched.Chan, out *uint64) *String {
	var v uint64
	if c.Recv(r.cur(), &v) {
		*out = v
		return nil
	}
	*out = 0
	return r.chanMsg(1)
}

// ChanNext is a for-in loop's receive: false once c is closed and
// drained (the loop ends: spec/README.md's decision).
func (r *Runtime) ChanNext(c *sched.Chan, out *uint64) bool {
	var v uint64
	ok := c.Recv(r.cur(), &v)
	*out = v
	return ok
}

// ChanTrySend sends v if that does not block: *out is 1 when it did, 0
// when it would have blocked; the message of a closed channel.
func (r *Runtime) ChanTrySend(c *sched.Chan, v uint64, out *uint64) *String {
	switch c.TrySend(r.cur(), &v) {
	case sched.TryDone:
		*out = 1
	case sched.TryClosed:
		*out = 0
		return r.chanMsg(0)
	default:
		*out = 0
	}
	return nil
}

// ChanTryRecv receives into *out if that does not block and reports
// whether it did (a closed channel is no error here).
func (r *Runtime) ChanTryRecv(c *sched.Chan, out *uint64) bool {
	var v uint64
	ok := c.TryRecv(r.cur(), &v)
	*out = v
	return ok
}

// ChanClose closes c; the message when it was closed already.
func (r *Runtime) ChanClose(c *sched.Chan) *String {
	if c.Close(r.cur()) {
		return nil
	}
	return r.chanMsg(2)
}

// Select runs a select statement over n cases laid out as
// sched.SelCase (runtime-abi.md): the index of the case that ran, -1 for
// the default arm (nonblocking).
func (r *Runtime) Select(cases unsafe.Pointer, n int64, nonblocking bool) int64 {
	return int64(r.co.s.Select(r.cur(), cases, int(n), nonblocking))
}

// MutexLock locks the coroutine mutex m (co.mutex's mutex_t).
func (r *Runtime) MutexLock(m *sched.Mutex) { m.Lock(r.cur()) }

// MutexUnlock unlocks m; unlocking an unlocked mutex is a fatal error,
// as the reference's runtime assertion.
func (r *Runtime) MutexUnlock(m *sched.Mutex) {
	if !m.Unlock(r.cur()) {
		sys.Abort("unlock of unlocked mutex")
	}
}

// MutexTryLock locks m if it is free.
func (r *Runtime) MutexTryLock(m *sched.Mutex) bool { return m.TryLock() }

// The entry points, on the process's runtime.

// CoSpawn is (*Runtime).CoSpawn on the process's runtime.
func CoSpawn(fn, env unsafe.Pointer, flags int64) *sched.Future {
	return process().CoSpawn(fn, env, flags)
}

// FutureAwait is (*Runtime).FutureAwait on the process's runtime.
func FutureAwait(f *sched.Future) uint64 { return process().FutureAwait(f) }

// FutureErr is (*Runtime).FutureErr on the process's runtime.
func FutureErr(f *sched.Future) *String { return process().FutureErr(f) }

// CoFail is (*Runtime).CoFail on the process's runtime.
func CoFail(f *sched.Future, msg *String, trace *Vec) { process().CoFail(f, msg, trace) }

// CoSleep is (*Runtime).CoSleep on the process's runtime.
func CoSleep(ms int64) { process().CoSleep(ms) }

// CoYield is (*Runtime).CoYield on the process's runtime.
func CoYield() { process().CoYield() }

// ProcessorIndex is (*Runtime).ProcessorIndex on the process's runtime.
func ProcessorIndex() int64 { return process().ProcessorIndex() }

// ChanNew is (*Runtime).ChanNew on the process's runtime.
func ChanNew(elemPtr bool, capacity int64, pos *String) *sched.Chan {
	return process().ChanNew(elemPtr, capacity, pos)
}

// ChanSend is (*Runtime).ChanSend on the process's runtime.
func ChanSend(c *sched.Chan, v uint64) *String { return process().ChanSend(c, v) }

// ChanRecv is (*Runtime).ChanRecv on the process's runtime.
func ChanRecv(c *sched.Chan, out *uint64) *String { return process().ChanRecv(c, out) }

// ChanNext is (*Runtime).ChanNext on the process's runtime.
func ChanNext(c *sched.Chan, out *uint64) bool { return process().ChanNext(c, out) }

// ChanTrySend is (*Runtime).ChanTrySend on the process's runtime.
func ChanTrySend(c *sched.Chan, v uint64, out *uint64) *String {
	return process().ChanTrySend(c, v, out)
}

// ChanTryRecv is (*Runtime).ChanTryRecv on the process's runtime.
func ChanTryRecv(c *sched.Chan, out *uint64) bool { return process().ChanTryRecv(c, out) }

// ChanClose is (*Runtime).ChanClose on the process's runtime.
func ChanClose(c *sched.Chan) *String { return process().ChanClose(c) }

// ChanIsClosed reports whether c is closed.
func ChanIsClosed(c *sched.Chan) bool { return c.IsClosed() }

// ChanIsSuccessful reports whether the last operation on c succeeded.
func ChanIsSuccessful(c *sched.Chan) bool { return c.Successful() }

// Select is (*Runtime).Select on the process's runtime.
func Select(cases unsafe.Pointer, n int64, nonblocking bool) int64 {
	return process().Select(cases, n, nonblocking)
}

// MutexLock is (*Runtime).MutexLock on the process's runtime.
func MutexLock(m *sched.Mutex) { process().MutexLock(m) }

// MutexUnlock is (*Runtime).MutexUnlock on the process's runtime.
func MutexUnlock(m *sched.Mutex) { process().MutexUnlock(m) }

// MutexTryLock is (*Runtime).MutexTryLock on the process's runtime.
func MutexTryLock(m *sched.Mutex) bool { return process().MutexTryLock(m) }
