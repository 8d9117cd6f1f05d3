//go:build naturekit

package gc

// markLocal is mark_go.go's by hand (mark_amd64.asm): while the mark
// is not shared, it pops and scans up to limit grey objects from the
// worklist's top chunk, through a ring of ringObjs with a prefetch of
// each, and returns how many, stopping at an object whose pointer bits
// straddle two bitmap words and when the chunk is empty.
func markLocal(h *Heap, limit uintptr) uintptr

// pushSlow is the worklist's push for mark_amd64.asm when the top chunk
// is full or there is none.
func pushSlow(h *Heap, obj uintptr) { h.work.push(obj) }
