// The native context switch of rt/sched for linux/arm64, in naturekit's
// assembler syntax (GNU as). Calling convention: rt/gofront's (AAPCS64:
// parameters in x0-x7, a scalar result in x0).

	.text

// swtch(save *uintptr, to uintptr): store the callee-saved registers
// (x19-x28, the frame record x29/x30, d8-d15) in a 160-byte frame on
// the stack (ctx_arm64.go has its layout), sp in *save, load sp from to
// and restore the registers saved there. The ret returns into whoever
// suspended that context (or into gostart). calleeSaved stores (stp)
// or loads (ldp) the registers at their places in the frame, one macro
// for both so that the loads mirror the stores.
	.macro calleeSaved pair
	\pair x19, x20, [sp]
	\pair x21, x22, [sp, #16]
	\pair x23, x24, [sp, #32]
	\pair x25, x26, [sp, #48]
	\pair x27, x28, [sp, #64]
	\pair x29, x30, [sp, #80]
	\pair d8, d9, [sp, #96]
	\pair d10, d11, [sp, #112]
	\pair d12, d13, [sp, #128]
	\pair d14, d15, [sp, #144]
	.endm
	.globl rt.sched.swtch
rt.sched.swtch:
	sub sp, sp, #160
	calleeSaved stp
	mov x2, sp
	str x2, [x0]
	mov sp, x1
.Lresume:	// newThread's child starts here too
	calleeSaved ldp
	add sp, sp, #160
	ret

// gostart: where a new context begins (ctx_native.go newContext), with
// its G in x19, x29 zero and sp 16-aligned. coEntry does not return.
	.globl rt.sched.gostart
rt.sched.gostart:
	mov x0, x19
	bl rt.sched.coEntry
	brk #1

// gostartPC() uintptr
	.globl rt.sched.gostartPC
rt.sched.gostartPC:
	adr x0, rt.sched.gostart
	ret

// callEntry(fn, arg, fut uintptr) uint64: fn(arg, fut), a tail call.
	.globl rt.sched.callEntry
rt.sched.callEntry:
	mov x16, x0
	mov x0, x1
	mov x1, x2
	br x16

// newThread(sp uintptr) int: clone(CLONE_VM|CLONE_FS|CLONE_FILES|
// CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM, sp, 0, 0, 0). The parent
// gets the new thread's id (or -errno); the child starts with sp = sp,
// a context as newContext makes it, which it resumes as swtch does
// (.Lresume): restore the callee-saved registers and return into
// gostart.
	.globl rt.sched.newThread
rt.sched.newThread:
	mov x1, x0
	movz x0, #0x0f00
	movk x0, #0x5, lsl #16
	mov x2, #0
	mov x3, #0
	mov x4, #0
	mov x8, #220
	svc #0
	cbz x0, .Lresume
	ret

// getaffinity(buf *[16]uint64) int: sched_getaffinity(0, 128, buf).
	.globl rt.sched.getaffinity
rt.sched.getaffinity:
	mov x2, x0
	mov x0, #0
	mov x1, #128
	mov x8, #123
	svc #0
	ret
