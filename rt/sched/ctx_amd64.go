//go:build naturekit

package sched

// The frame of a suspended context on amd64 (sched_amd64.asm's swtch):
//
//	sp+0 r15, +8 r14, +16 r13, +24 r12, +32 rbx, +40 rbp, +48 return address

// contextFrame writes, right below top, the frame swtch resumes for a
// new context that runs gostart with g in rbx, and returns its stack
// pointer.
func contextFrame(top, g uintptr) uintptr {
	sp := top - 56
	w := (*[7]uintptr)(ptrAt(sp))
	w[0], w[1], w[2], w[3] = 0, 0, 0, 0
	w[4] = g // rbx
	w[5] = 0 // rbp: the outermost frame
	w[6] = gostartPC()
	return sp
}
