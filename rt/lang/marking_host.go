//go:build !naturekit

package lang

// markingFlag is nil on the host, where no compiled code tests the
// flag: each heap keeps a word of its own (gc.Config.MarkFlag).
func markingFlag() *uint32 { return nil }
