package sys

// The layout of struct epoll_event on linux/amd64, which the kernel
// packs: the events word at 0, the data word at 4 (EpollWait).
const (
	EpollEventSize = 12
	EpollEventData = 4
)
