// The flag every safepoint of compiled code polls
// (lower.SafepointFlagSymbol; rt/sched's stw.go sets it), for every
// target: a stub without an _ARCH suffix is assembled for each
// (rt/gofront/build's stubFiles).

	.data
	.p2align 3
	.globl nk.safepoint.flag
nk.safepoint.flag:
	.quad 0
