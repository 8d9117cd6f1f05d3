package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// A Chan is a channel of 8-byte values (every Nature value is one
// register: runtime-abi.md). Its memory is a collected object of
// ChanSize bytes that rt/lang allocates, with the buffer — a ring of cap
// words, itself a collected object traced when the elements are
// pointers — in the word at ChanOffBuf. Values in flight between
// coroutines are never copied into scheduler records: a blocked sender
// offers the address of its value and a blocked receiver the address
// where its value goes, both on their own stacks, which the collector
// scans.
type Chan struct {
	buf     unsafe.Pointer // ring of cap values; nil when unbuffered
	ptrs    bool           // the values are pointers the collector traces
	lock    mutex
	closed  uint32
	cap     uint64
	count   uint64 // values in the ring
	recvx   uint64 // ring index of the next receive
	sendx   uint64 // ring index of the next send
	recvq   waitq  // blocked receivers
	sendq   waitq  // blocked senders
	success uint32 // the last operation succeeded (is_successful)
}

// Layout of a Chan for its allocator.
const (
	ChanSize   = unsafe.Sizeof(Chan{})
	ChanOffBuf = 0
)

// Select case kinds (SelCase.Kind).
const (
	SelSend = abi.SelSend
	SelRecv = abi.SelRecv
)

// A SelCase is one arm of a select, as compiled code lays the arms out
// (runtime-abi.md): the channel, the kind, and the value to send or,
// after a receive, the value received.
type SelCase struct {
	C    *Chan
	Kind int64
	Val  uint64
}

// SelCaseSize is the size of one SelCase (abi.SelCaseSize; the
// offsets of its fields are abi.SelCaseOff*, checked by the tests).
const SelCaseSize = unsafe.Sizeof(SelCase{})

// waitq is a FIFO of Sudogs.
type waitq struct {
	first, last *Sudog
}

func (q *waitq) enqueue(sg *Sudog) {
	sg.next = nil
	sg.prev = q.last
	if q.last == nil {
		q.first = sg
	} else {
		q.last.next = sg
	}
	q.last = sg
}

func (q *waitq) remove(sg *Sudog) {
	if sg.prev == nil {
		if q.first != sg {
			return // not queued (already taken)
		}
		q.first = sg.next
	} else {
		sg.prev.next = sg.next
	}
	if sg.next == nil {
		q.last = sg.prev
	} else {
		sg.next.prev = sg.prev
	}
	sg.next, sg.prev = nil, nil
}

// dequeue takes the first waiter that can still be woken: a plain
// operation, or a select that no other channel has completed yet (its
// coroutine's selDone is claimed here).
func (q *waitq) dequeue() *Sudog {
	for {
		sg := q.first
		if sg == nil {
			return nil
		}
		q.first = sg.next
		if q.first == nil {
			q.last = nil
		} else {
			q.first.prev = nil
		}
		sg.next, sg.prev = nil, nil
		if sg.sel && !sys.Cas32(&sg.g.selDone, 0, 1) {
			continue
		}
		return sg
	}
}

// Init sets up a channel with capacity capacity, whose ring (capacity
// words) is buf, a collected object traced when ptrs.
func (c *Chan) Init(buf unsafe.Pointer, capacity uint64, ptrs bool) {
	c.buf = buf
	c.cap = capacity
	c.ptrs = ptrs
}

func (c *Chan) slot(i uint64) *uint64 {
	return (*uint64)(unsafe.Add(c.buf, i*8))
}

// put stores v in the ring's slot i: through the collector's barrier
// when the ring holds pointers (barrier.go), as the ring is an object
// the collector may have scanned already.
func (c *Chan) put(s *Sched, i uint64, v uint64) {
	if c.ptrs {
		s.storeWord(c.slot(i), v)
		return
	}
	*c.slot(i) = v
}

// Cap and Len return the capacity and the buffered count.
func (c *Chan) Cap() uint64 { return c.cap }

// Len returns the number of buffered values.
func (c *Chan) Len() uint64 {
	c.lock.lock()
	n := c.count
	c.lock.unlock()
	return n
}

// IsClosed reports whether c is closed.
func (c *Chan) IsClosed() bool { return sys.Load32(&c.closed) != 0 }

// Successful reports whether the last operation on c succeeded.
func (c *Chan) Successful() bool { return sys.Load32(&c.success) != 0 }

func (c *Chan) setSuccess(ok bool) {
	v := uint32(0)
	if ok {
		v = 1
	}
	sys.Store32(&c.success, v)
}

// lockOpen locks c for a send and reports true if c is open; if it is
// closed, it unlocks c, records the failure and reports false. Inlined:
// it is the head of every send.
//
//naturekit:inline
func (c *Chan) lockOpen() bool {
	c.lock.lock()
	if c.closed != 0 {
		c.lock.unlock()
		c.setSuccess(false)
		return false
	}
	return true
}

// trySendLocked delivers *v to a waiting receiver or the ring; the caller
// holds c.lock and has checked that c is open.
func (c *Chan) trySendLocked(cur *G, v *uint64) bool {
	if sg := c.recvq.dequeue(); sg != nil {
		*sg.elem = *v
		sg.ok = true
		cur.s.wake(cur, sg)
		return true
	}
	if c.count < c.cap {
		c.put(cur.s, c.sendx, *v)
		c.sendx++
		if c.sendx == c.cap {
			c.sendx = 0
		}
		c.count++
		return true
	}
	return false
}

// tryRecvLocked takes a value from a waiting sender or the ring into *v;
// the caller holds c.lock.
func (c *Chan) tryRecvLocked(cur *G, v *uint64) bool {
	if c.count > 0 {
		*v = *c.slot(c.recvx)
		c.put(cur.s, c.recvx, 0) // the barrier shades the value taken
		c.recvx++
		if c.recvx == c.cap {
			c.recvx = 0
		}
		c.count--
		// A blocked sender's value takes the freed place.
		if sg := c.sendq.dequeue(); sg != nil {
			c.put(cur.s, c.sendx, *sg.elem)
			c.sendx++
			if c.sendx == c.cap {
				c.sendx = 0
			}
			c.count++
			sg.ok = true
			cur.s.wake(cur, sg)
		}
		return true
	}
	if sg := c.sendq.dequeue(); sg != nil {
		*v = *sg.elem
		sg.ok = true
		cur.s.wake(cur, sg)
		return true
	}
	return false
}

// wake readies the coroutine of a completed wait record, telling it which
// select case completed.
func (s *Sched) wake(cur *G, sg *Sudog) {
	g := sg.g
	g.param = sg.idx
	s.Ready(cur, g)
}

// Send sends *v on c, blocking the coroutine cur until a receiver or
// the ring takes it. It reports false if c is closed, or closes while it
// waits (the reference's "send on closed channel").
func (c *Chan) Send(cur *G, v *uint64) bool {
	if !c.lockOpen() {
		return false
	}
	if c.trySendLocked(cur, v) {
		c.lock.unlock()
		c.setSuccess(true)
		return true
	}
	ok := c.wait(cur, v, true)
	c.setSuccess(ok)
	return ok
}

// wait parks cur, which holds c's lock, on c's send (send) or receive
// queue with the value slot v, until a partner or close completes the
// wait; it reports whether a partner did.
func (c *Chan) wait(cur *G, v *uint64, send bool) bool {
	s := cur.s
	sg := s.sudogs.get(cur)
	sg.c = c
	sg.elem = v
	sg.send = send
	q := &c.recvq
	if send {
		q = &c.sendq
	}
	q.enqueue(sg)
	cur.sudogs = sg // for a save of the stack, which moves elem (stack.go)
	s.park(cur, &c.lock)
	cur.sudogs = nil
	ok := sg.ok
	s.sudogs.put(sg)
	keepAlive(unsafe.Pointer(v)) // on the host, only the sudog referred to it
	return ok
}

// Recv receives from c into *v, blocking the coroutine cur until a value
// is there. It reports false, leaving *v zero, once c is closed and
// drained.
func (c *Chan) Recv(cur *G, v *uint64) bool {
	c.lock.lock()
	if c.tryRecvLocked(cur, v) {
		c.lock.unlock()
		c.setSuccess(true)
		return true
	}
	if c.closed != 0 {
		c.lock.unlock()
		*v = 0
		c.setSuccess(false)
		return false
	}
	ok := c.wait(cur, v, false)
	if !ok {
		*v = 0
	}
	c.setSuccess(ok)
	return ok
}

// TrySend results.
const (
	TryBlocked = 0 // it would have blocked
	TryDone    = 1
	TryClosed  = 2
)

// TrySend sends *v if that does not block.
func (c *Chan) TrySend(cur *G, v *uint64) int {
	if !c.lockOpen() {
		return TryClosed
	}
	ok := c.trySendLocked(cur, v)
	c.lock.unlock()
	c.setSuccess(ok)
	if ok {
		return TryDone
	}
	return TryBlocked
}

// TryRecv receives into *v if that does not block; a closed, drained
// channel is not an error here (it reports false, *v zero).
func (c *Chan) TryRecv(cur *G, v *uint64) bool {
	c.lock.lock()
	ok := c.tryRecvLocked(cur, v)
	c.lock.unlock()
	if !ok {
		*v = 0
	}
	c.setSuccess(ok)
	return ok
}

// Close closes c and wakes every blocked sender and receiver (their
// operations fail). It reports false if c was already closed.
func (c *Chan) Close(cur *G) bool {
	c.lock.lock()
	if c.closed != 0 {
		c.lock.unlock()
		return false
	}
	sys.Store32(&c.closed, 1)
	woken := c.recvq.failAll(nil, true)
	woken = c.sendq.failAll(woken, false)
	c.lock.unlock()
	s := cur.s
	for woken != nil {
		next := woken.link2
		s.wake(cur, woken)
		woken = next
	}
	return true
}

// failAll takes every wait record off q, marks its operation failed
// (zeroing a receiver's value when zero) and pushes it on the list
// woken (linked through link2), which it returns.
func (q *waitq) failAll(woken *Sudog, zero bool) *Sudog {
	for sg := q.dequeue(); sg != nil; sg = q.dequeue() {
		if zero {
			*sg.elem = 0
		}
		sg.ok = false
		sg.link2 = woken
		woken = sg
	}
	return woken
}

// Select runs the select of the n cases at cases for the coroutine cur,
// as the reference does (spec/concurrency.md §5): the send cases in
// order, then the receive cases in order, and the first that can proceed
// completes — a case on a closed channel included, which sends nothing
// or receives zero. With none ready it returns -1 when nonblocking (the
// select has a default arm), and otherwise blocks until one completes.
// It returns the index of the case that ran; a receive leaves its value
// in the case's Val. With no cases at all it blocks forever.
func (s *Sched) Select(cur *G, cases unsafe.Pointer, n int, nonblocking bool) int {
	if n == 0 {
		if nonblocking {
			return -1
		}
		// select {} blocks forever.
		s.forever.lock()
		s.park(cur, &s.forever)
		sys.Abort("sched: a coroutine blocked forever was woken")
	}
	selLock(cases, n)
	for pass := int64(SelSend); pass <= SelRecv; pass++ {
		for i := 0; i < n; i++ {
			sc := selCase(cases, i)
			if sc.Kind != pass || sc.C == nil {
				continue
			}
			c := sc.C
			var ok bool
			if pass == SelSend {
				ok = c.closed != 0 || c.trySendLocked(cur, &sc.Val)
			} else {
				ok = c.tryRecvLocked(cur, &sc.Val)
				if !ok && c.closed != 0 {
					sc.Val = 0
					ok = true
				}
			}
			if ok {
				selUnlock(cases, n)
				c.setSuccess(c.closed == 0)
				return i
			}
		}
	}
	if nonblocking {
		selUnlock(cases, n)
		return -1
	}
	// Block on every channel; the first completion wins.
	sys.Store32(&cur.selDone, 0)
	var sgs *Sudog
	for i := 0; i < n; i++ {
		sc := selCase(cases, i)
		if sc.C == nil {
			continue
		}
		sg := s.sudogs.get(cur)
		sg.c = sc.C
		sg.elem = &sc.Val
		sg.idx = int64(i)
		sg.sel = true
		sg.send = sc.Kind == SelSend
		sg.link = sgs
		sgs = sg
		if sg.send {
			sc.C.sendq.enqueue(sg)
		} else {
			sc.C.recvq.enqueue(sg)
		}
	}
	cur.sudogs = sgs
	p := cur.p
	cur.status = gWaiting
	p.after = afterSelUnlock
	p.afterCases = cases
	p.afterN = n
	s.switchTo(&cur.ctx, p.g0.ctx)
	// Woken by the case that completed (param); withdraw the others.
	won := int(cur.param)
	selLock(cases, n)
	ok := false
	for sg := sgs; sg != nil; sg = sg.link {
		if int(sg.idx) == won {
			ok = sg.ok
			continue
		}
		if sg.send {
			sg.c.sendq.remove(sg)
		} else {
			sg.c.recvq.remove(sg)
		}
	}
	selUnlock(cases, n)
	for sg := sgs; sg != nil; {
		next := sg.link
		s.sudogs.put(sg)
		sg = next
	}
	cur.sudogs = nil
	sc := selCase(cases, won)
	if !ok && sc.Kind == SelRecv {
		sc.Val = 0
	}
	// A case whose channel closed while it waited still runs (§5.4).
	sc.C.setSuccess(ok)
	return won
}

func selCase(cases unsafe.Pointer, i int) *SelCase {
	return (*SelCase)(unsafe.Add(cases, uintptr(i)*SelCaseSize))
}

// selLock locks the distinct channels of the cases in address order, so
// that two selects over the same channels cannot deadlock.
func selLock(cases unsafe.Pointer, n int) {
	for c := selNext(cases, n, nil); c != nil; c = selNext(cases, n, c) {
		c.lock.lock()
	}
}

// selUnlock unlocks what selLock locked. It reads the cases for the
// last time before it releases the last channel: after a blocked
// select, that release may let the monitor save the stack the cases are
// on (stack.go).
func selUnlock(cases unsafe.Pointer, n int) {
	c := selNext(cases, n, nil)
	for c != nil {
		next := selNext(cases, n, c)
		c.lock.unlock()
		c = next
	}
}

// selNext returns the case channel with the lowest address above last's
// (nil: any), or nil when there is none: the distinct channels of the
// cases in address order.
func selNext(cases unsafe.Pointer, n int, last *Chan) *Chan {
	after := uintptr(unsafe.Pointer(last))
	next := ^uintptr(0)
	for i := 0; i < n; i++ {
		a := uintptr(unsafe.Pointer(selCase(cases, i).C))
		if a > after && a < next {
			next = a
		}
	}
	if next == ^uintptr(0) {
		return nil
	}
	return (*Chan)(ptrAt(next))
}
