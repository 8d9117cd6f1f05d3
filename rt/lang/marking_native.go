//go:build naturekit

package lang

// markingFlag returns the address of nk.gc.marking, the word compiled
// code tests before a pointer store (marking.asm, safepoint_<arch>.asm): the process's
// heap keeps it set while a cycle marks (gc.Config.MarkFlag).
func markingFlag() *uint32
