//go:build naturekit

package sched

// The frame of a suspended context on arm64 (sched_arm64.asm's swtch),
// 160 bytes:
//
//	sp+0 x19, +8 x20, ... +72 x28, +80 x29, +88 x30 (the return address),
//	+96 d8, ... +152 d15

// contextFrame writes, right below top, the frame swtch resumes for a
// new context that runs gostart with g in x19, and returns its stack
// pointer.
func contextFrame(top, g uintptr) uintptr {
	sp := top - 160
	w := (*[20]uintptr)(ptrAt(sp))
	for i := 0; i < len(w); i++ {
		w[i] = 0
	}
	w[0] = g // x19
	// x29 (w[10]) 0: the outermost frame
	w[11] = gostartPC()
	return sp
}
