package lang

import "unsafe"

// PollWait is (*Runtime).PollWait on the process's runtime.
func PollWait(fds unsafe.Pointer, n int64) int64 { return process().PollWait(fds, n) }

// PollWait parks the running coroutine, not its processor, until one of
// the n struct pollfd at fds is ready (poll(2) without a timeout, for
// std fs and process): it fills their revents and returns how many are
// ready, or -errno. Before the first coroutine operation nothing else
// could use the processor, and it returns 0 at once: the caller makes
// its blocking call itself.
func (r *Runtime) PollWait(fds unsafe.Pointer, n int64) int64 {
	if !r.co.ready {
		return 0
	}
	return int64(r.co.s.WaitFDs(r.co.s.Current(), fds, int(n)))
}
