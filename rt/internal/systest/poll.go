package systest

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// poller checks the poller's system calls: an epoll instance watched by
// another (not ready), and standard output, writable (a pipe or a
// terminal; a regular file cannot be registered, EPERM, but is ready
// for ppoll).
func poller() {
	ep := sys.EpollCreate()
	ep2 := sys.EpollCreate()
	check("epoll create", ep > 0 && ep2 > 0 && ep != ep2)
	check("epoll ctl", sys.EpollCtl(ep, sys.EPOLL_CTL_ADD, ep2, sys.POLLIN, 0x1234) == 0)
	check("epoll ctl EEXIST", sys.EpollCtl(ep, sys.EPOLL_CTL_ADD, ep2, sys.POLLIN, 0) == sys.EEXIST)
	var buf [4 * sys.EpollEventSize]byte
	events := unsafe.Pointer(&buf[0])
	check("epoll wait none", sys.EpollWait(ep, events, 4) == 0)
	fds := [2]uint64{uint64(ep2) | sys.POLLIN<<32, 0xffffffff | sys.POLLIN<<32}
	check("ppoll none", sys.PollNow(unsafe.Pointer(&fds[0]), 2) == 0 && fds[0]>>48 == 0)
	fds[1] = 1 | sys.POLLOUT<<32
	check("ppoll ready", sys.PollNow(unsafe.Pointer(&fds[0]), 2) == 1 && fds[1]>>48 == sys.POLLOUT)
	ready := false
	switch e := sys.EpollCtl(ep, sys.EPOLL_CTL_ADD, 1, sys.POLLOUT|sys.EPOLLONESHOT, 0x0123456789abcdef); e {
	case sys.EPERM:
		ready = true
	case 0:
		n := sys.EpollWait(ep, events, 4)
		data := *(*uint64)(unsafe.Add(events, sys.EpollEventData))
		ready = n == 1 && *(*uint32)(events)&sys.POLLOUT != 0 && data == 0x0123456789abcdef &&
			sys.EpollWait(ep, events, 4) == 0 // one shot
		ready = ready && sys.EpollCtl(ep, sys.EPOLL_CTL_DEL, 1, 0, 0) == 0
	}
	check("epoll ready", ready)
	check("epoll ctl del", sys.EpollCtl(ep, sys.EPOLL_CTL_DEL, ep2, 0, 0) == 0 &&
		sys.EpollCtl(ep, sys.EPOLL_CTL_DEL, ep2, 0, 0) == 2) // ENOENT
	check("epoll wait EBADF", sys.EpollWait(-1, events, 4) == -9)
}
