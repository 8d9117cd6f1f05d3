//go:build !naturekit

package sys

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// The poller's system calls on the host (poll.go has the API). Results
// are raw: a count or descriptor, or -errno.

func rawResult(r uintptr, e unix.Errno) int {
	if e != 0 {
		return -int(e)
	}
	return int(r)
}

// PollNow is ppoll(fds, n, {0, 0}, nil): it fills the revents of the n
// struct pollfd at fds without waiting and returns how many have some,
// or -errno.
func PollNow(fds unsafe.Pointer, n uintptr) int {
	var ts unix.Timespec
	r, _, e := unix.Syscall6(unix.SYS_PPOLL, uintptr(fds), n, uintptr(unsafe.Pointer(&ts)), 0, 0, 0)
	return rawResult(r, e)
}

// EpollCreate returns a new close-on-exec epoll descriptor, or -errno.
func EpollCreate() int {
	r, _, e := unix.RawSyscall(unix.SYS_EPOLL_CREATE1, unix.EPOLL_CLOEXEC, 0, 0)
	return rawResult(r, e)
}

// EpollCtl adds, modifies or deletes (op) fd's registration in epfd,
// with the event mask events and the word data, which EpollWait returns
// with fd's events.
func EpollCtl(epfd, op, fd int, events uint32, data uintptr) Errno {
	var ev [16]byte
	*(*uint32)(unsafe.Pointer(&ev[0])) = events
	*(*uintptr)(unsafe.Pointer(&ev[EpollEventData])) = data
	_, _, e := unix.RawSyscall6(unix.SYS_EPOLL_CTL, uintptr(epfd), uintptr(op), uintptr(fd), uintptr(unsafe.Pointer(&ev[0])), 0, 0)
	return Errno(e)
}

// EpollWait stores up to n ready events (EpollEventSize bytes each) at
// events without waiting and returns how many, or -errno.
func EpollWait(epfd int, events unsafe.Pointer, n int) int {
	r, _, e := unix.Syscall6(unix.SYS_EPOLL_PWAIT, uintptr(epfd), uintptr(events), uintptr(n), 0, 0, 8)
	return rawResult(r, e)
}
