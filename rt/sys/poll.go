package sys

// The poller's system calls (rt/sched's poll.go builds on them):
//
//	PollNow(fds, n) int                      ppoll of n struct pollfd, timeout 0
//	EpollCreate() int                        epoll_create1(EPOLL_CLOEXEC)
//	EpollCtl(epfd, op, fd, events, data) Errno
//	EpollWait(epfd, events, n) int           timeout 0; EpollEventSize bytes per event
//
// PollNow, EpollCreate and EpollWait return the raw result: a count or
// a descriptor, or -errno. Natively they are stubs of sys_amd64.asm and
// sys_arm64.asm; on the host, sys_host.go.

// struct pollfd: int32 fd, int16 events, int16 revents.
const (
	PollFDSize = 8
	POLLIN     = 0x1
	POLLOUT    = 0x4
	POLLERR    = 0x8
	POLLHUP    = 0x10
	POLLNVAL   = 0x20
)

// epoll_ctl's operations and the event bits the poller uses (EPOLLIN
// and EPOLLOUT are POLLIN's and POLLOUT's values).
const (
	EPOLL_CTL_ADD       = 1
	EPOLL_CTL_DEL       = 2
	EPOLL_CTL_MOD       = 3
	EPOLLONESHOT        = 1 << 30
	EEXIST        Errno = 17
	EPERM         Errno = 1
)
