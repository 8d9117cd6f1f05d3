//go:build naturekit

package lang

// safepointFlag returns the address of nk.safepoint.flag, the word
// compiled code's safepoints poll (safepoint_amd64.asm).
func safepointFlag() *uint32

// pollFlag is the flag the scheduler raises: natively the one compiled
// code polls.
func (r *Runtime) pollFlag() *uint32 { return safepointFlag() }
