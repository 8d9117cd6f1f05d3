//go:build !naturekit

package lang

// pollFlag is the flag the scheduler raises: on the host, where no
// compiled code polls, a word of the Runtime's own.
func (r *Runtime) pollFlag() *uint32 { return &r.co.hostFlag }
