package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// A Future is what `go f(x)` returns: the coroutine's result, or its
// error, once it ends. Its memory is a collected object of FutureSize
// bytes that rt/lang allocates; the words at FutureOffResult and
// FutureOffErr hold values the collector traces, the others point only
// at scheduler records.
type Future struct {
	result  uint64         // the result's bits
	err     unsafe.Pointer // the error, an object of rt/lang's; nil if none
	lock    mutex
	state   uint32 // atomic; futureWaited is set and cleared under lock
	waiters *G     // coroutines blocked in Await, linked through G.next; under lock
}

// Layout of a Future for its allocator.
const (
	FutureSize      = unsafe.Sizeof(Future{})
	FutureOffResult = 0
	FutureOffErr    = 8
)

// Future states. A future nobody waits for goes from pending to done
// with one compare-and-swap and no lock (complete); a waiter makes it
// waited under the lock first, and then the ending takes the lock to
// wake it. The result and error are stored before the state that
// publishes them, and do not change afterwards.
const (
	futurePending uint32 = iota
	futureWaited         // pending, with coroutines in waiters
	futureDone
	futureFailed
)

// complete records the result r of the coroutine cur, which is ending,
// unless it failed, and wakes the coroutines waiting for it.
func (f *Future) complete(cur *G, r uint64) {
	if sys.Load32(&f.state) == futurePending {
		cur.s.storeWord(&f.result, r)
		if sys.Cas32(&f.state, futurePending, futureDone) {
			return
		}
	}
	f.lock.lock()
	if sys.Load32(&f.state) == futureWaited {
		cur.s.storeWord(&f.result, r)
		sys.Store32(&f.state, futureDone)
	}
	w := f.waiters
	f.waiters = nil
	f.lock.unlock()
	cur.s.readyList(cur, w)
}

// Fail records err as the outcome of the coroutine cur if some
// coroutine is blocked awaiting it, wakes them and reports true; with no
// waiter it reports false, and the error is the caller's to report
// (spec/concurrency.md §2.2: an error nobody awaits ends the process).
func (f *Future) Fail(cur *G, err unsafe.Pointer) bool {
	f.lock.lock()
	if sys.Load32(&f.state) != futureWaited {
		f.lock.unlock()
		return false
	}
	w := f.waiters
	cur.s.storePtr(&f.err, err)
	sys.Store32(&f.state, futureFailed)
	f.waiters = nil
	f.lock.unlock()
	cur.s.readyList(cur, w)
	return true
}

// Await blocks the coroutine cur until the future's coroutine ends and
// returns its result, or its error (nil if it succeeded). A future that
// has ended costs no lock.
func (f *Future) Await(cur *G) (uint64, unsafe.Pointer) {
	if !f.Done() {
		f.lock.lock()
		if sys.Cas32(&f.state, futurePending, futureWaited) || sys.Load32(&f.state) == futureWaited {
			cur.next = f.waiters
			f.waiters = cur
			cur.s.park(cur, &f.lock)
		} else {
			f.lock.unlock()
		}
	}
	return f.result, f.err
}

// Done reports whether the future's coroutine has ended.
func (f *Future) Done() bool {
	return sys.Load32(&f.state) >= futureDone
}

// Result returns the result of an ended coroutine.
func (f *Future) Result() uint64 { return f.result }

// Err returns the error of an ended coroutine (nil if it succeeded).
func (f *Future) Err() unsafe.Pointer { return f.err }

// readyList readies every coroutine of a list linked through G.next.
func (s *Sched) readyList(cur *G, w *G) {
	for w != nil {
		next := w.next
		w.next = nil
		s.Ready(cur, w)
		w = next
	}
}
