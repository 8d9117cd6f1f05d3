package sys

// The layout of struct epoll_event on linux/arm64, naturally aligned:
// the events word at 0, the data word at 8 (EpollWait).
const (
	EpollEventSize = 16
	EpollEventData = 8
)
