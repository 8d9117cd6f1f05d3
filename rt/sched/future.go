package sched

import "unsafe"

// A Future is what `go f(x)` returns: the coroutine's result, or its
// error, once it ends. Its memory is a collected object of FutureSize
// bytes that rt/lang allocates; the words at FutureOffResult and
// FutureOffErr hold values the collector traces, the others point only
// at scheduler records.
type Future struct {
	result  uint64         // the result's bits
	err     unsafe.Pointer // the error, an object of rt/lang's; nil if none
	lock    mutex
	state   uint32
	waiters *G // coroutines blocked in Await, linked through G.next
	co      *G
}

// Layout of a Future for its allocator.
const (
	FutureSize      = unsafe.Sizeof(Future{})
	FutureOffResult = 0
	FutureOffErr    = 8
)

// Future states.
const (
	futurePending uint32 = iota
	futureDone
	futureFailed
)

// complete records the result r of the coroutine cur, which is ending,
// unless it failed, and wakes the coroutines waiting for it.
func (f *Future) complete(cur *G, r uint64) {
	f.lock.lock()
	if f.state == futurePending {
		cur.s.storeWord(&f.result, r)
		f.state = futureDone
	}
	w := f.waiters
	f.waiters = nil
	f.co = nil
	f.lock.unlock()
	cur.s.readyList(cur, w)
}

// Fail records err as the outcome of the coroutine cur if some
// coroutine is blocked awaiting it, wakes them and reports true; with no
// waiter it reports false, and the error is the caller's to report
// (spec/concurrency.md §2.2: an error nobody awaits ends the process).
func (f *Future) Fail(cur *G, err unsafe.Pointer) bool {
	f.lock.lock()
	w := f.waiters
	if w == nil {
		f.lock.unlock()
		return false
	}
	cur.s.storePtr(&f.err, err)
	f.state = futureFailed
	f.waiters = nil
	f.lock.unlock()
	cur.s.readyList(cur, w)
	return true
}

// Await blocks the coroutine cur until the future's coroutine ends and
// returns its result, or its error (nil if it succeeded).
func (f *Future) Await(cur *G) (uint64, unsafe.Pointer) {
	f.lock.lock()
	if f.state == futurePending {
		cur.next = f.waiters
		f.waiters = cur
		cur.s.park(cur, &f.lock)
		f.lock.lock()
	}
	r, err := f.result, f.err
	f.lock.unlock()
	return r, err
}

// Done reports whether the future's coroutine has ended.
func (f *Future) Done() bool {
	f.lock.lock()
	d := f.state != futurePending
	f.lock.unlock()
	return d
}

// Result returns the result of an ended coroutine.
func (f *Future) Result() uint64 { return f.result }

// readyList readies every coroutine of a list linked through G.next.
func (s *Sched) readyList(cur *G, w *G) {
	for w != nil {
		next := w.next
		w.next = nil
		s.Ready(cur, w)
		w = next
	}
}
