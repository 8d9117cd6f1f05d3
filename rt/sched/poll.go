package sched

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// The poller: a coroutine that would block reading or writing a pipe, a
// terminal or a socket parks instead, and its processor runs the others.
//
// WaitFDs looks at the descriptors once with a zero-timeout ppoll; if
// none is ready, it registers each in the scheduler's epoll instance
// (EPOLLONESHOT, the G as the event's data) and parks, the poller's lock
// released only once its context is saved. The monitor thread (sysmon,
// every millisecond) calls PollIO, which asks epoll for ready events
// without waiting, and readies each G whose first event it sees (a CAS
// on G.selDone, as a select's first completion: a coroutine waiting on
// several descriptors is readied once). A readied G takes its
// registrations out again under the poller's lock and looks once more.
// The monitor looks only while a coroutine waits (nwait), and puts what
// it readies on the global queue (a pinned coroutine on its processor's
// list), waking an idle processor. Idle processors keep sleeping on
// their futex: the monitor's look bounds the wake-up latency to its
// period, about a millisecond, and no processor has to choose between
// the futex and epoll_wait.

// pollBatch is the most events one look takes.
const pollBatch = 64

// pollRetry is how long a coroutine that cannot register a descriptor
// (another coroutine waits on it already) sleeps before looking again.
const pollRetry = 1000 * 1000

// pollState is the scheduler's poller.
type pollState struct {
	lock  mutex
	epfd  int    // the epoll descriptor: 0 until the first wait, -1 if it could not be made
	nwait uint32 // coroutines parked on descriptors (atomic)
	buf   [pollBatch * sys.EpollEventSize]byte
}

// WaitFDs blocks the running coroutine g, not its processor, until one
// of the n struct pollfd at fds (int32 fd, int16 events, int16 revents;
// a negative fd is ignored) is ready: poll(2) with no timeout. It fills
// the revents and returns how many descriptors have some, or -errno
// from ppoll.
func (s *Sched) WaitFDs(g *G, fds unsafe.Pointer, n int) int {
	for {
		r := sys.PollNow(fds, uintptr(n))
		if r != 0 {
			return r
		}
		if !s.pollPark(g, fds, n) {
			s.Sleep(g, pollRetry)
		}
	}
}

// pollFD returns the descriptor and the events of the i-th pollfd at fds.
func pollFD(fds unsafe.Pointer, i int) (int, uint32) {
	p := unsafe.Add(fds, i*sys.PollFDSize)
	return int(*(*int32)(p)), uint32(*(*uint16)(unsafe.Add(p, 4)))
}

// pollPark registers the descriptors of fds for g and parks it until
// the monitor sees one ready. It reports false, without parking, when
// the descriptors cannot be registered.
func (s *Sched) pollPark(g *G, fds unsafe.Pointer, n int) bool {
	ps := &s.poll
	ps.lock.lock()
	if ps.epfd == 0 {
		ps.epfd = sys.EpollCreate()
		if ps.epfd <= 0 {
			ps.epfd = -1
		}
	}
	if ps.epfd < 0 {
		ps.lock.unlock()
		return false
	}
	sys.Store32(&g.selDone, 0)
	added := 0
	for i := 0; i < n; i++ {
		fd, ev := pollFD(fds, i)
		if fd < 0 {
			continue
		}
		ev &= sys.POLLIN | sys.POLLOUT
		if sys.EpollCtl(ps.epfd, sys.EPOLL_CTL_ADD, fd, ev|sys.EPOLLONESHOT, gaddr(g)) != 0 {
			s.pollForget(fds, i)
			ps.lock.unlock()
			return false
		}
		added++
	}
	if added == 0 {
		ps.lock.unlock()
		return false
	}
	sys.Add32(&ps.nwait, 1)
	s.park(g, &ps.lock)
	ps.lock.lock()
	s.pollForget(fds, n)
	ps.lock.unlock()
	return true
}

// pollForget takes the first n descriptors of fds out of the epoll
// instance; the caller holds the poller's lock.
func (s *Sched) pollForget(fds unsafe.Pointer, n int) {
	for i := 0; i < n; i++ {
		if fd, _ := pollFD(fds, i); fd >= 0 {
			sys.EpollCtl(s.poll.epfd, sys.EPOLL_CTL_DEL, fd, 0, 0)
		}
	}
}

// PollIO readies the coroutines parked in WaitFDs whose descriptors are
// ready, without waiting, and returns how many. The monitor thread calls
// it at every look; host tests call it themselves.
func (s *Sched) PollIO() int {
	ps := &s.poll
	if sys.Load32(&ps.nwait) == 0 {
		return 0
	}
	ps.lock.lock()
	woken := 0
	if ps.epfd > 0 {
		base := unsafe.Pointer(&ps.buf[0])
		r := sys.EpollWait(ps.epfd, base, pollBatch)
		for i := 0; i < r; i++ {
			g := gptr(*(*uintptr)(unsafe.Add(base, i*sys.EpollEventSize+sys.EpollEventData)))
			if !sys.Cas32(&g.selDone, 0, 1) {
				continue // readied already by another of its descriptors
			}
			sys.Add32(&ps.nwait, ^uint32(0))
			s.readyFree(g)
			woken++
		}
	}
	ps.lock.unlock()
	return woken
}

// readyFree makes a parked coroutine runnable from a thread that runs
// no processor (the monitor): on the global queue, or on its processor's
// pinned list, waking a processor to take it.
func (s *Sched) readyFree(g *G) {
	if !sys.Cas32(&g.status, gWaiting, gRunnable) {
		sys.Abort("sched: ready of a coroutine that is not waiting")
	}
	if g.flags&gfPinned != 0 {
		s.lock.lock()
		g.p.pinned.push(g)
		s.lock.unlock()
		s.wakeP(g.p)
		return
	}
	g.next = nil
	s.globalPut(g, 1)
	s.wakeIdle()
}
