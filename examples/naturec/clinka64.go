package main

import (
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/rt/abi"
)

// cstartGlueARM64 is clink.go's cstartGlue for linux/arm64: the same
// start through musl's __libc_start_main(main, argc, argv, init, fini,
// ldso) under AAPCS64. musl's __init_tls sets TPIDR_EL0 (the thread
// pointer) on the main thread; the runtime's processor threads are
// clones without CLONE_SETTLS, so they keep it, as amd64's keep fs, and
// the runtime itself never touches TPIDR_EL0.
const cstartGlueARM64 = `
	.text
	.globl nk.cstart
nk.cstart:
	mov x29, #0
	mov x30, #0
	ldr x1, [sp]                    // argc
	add x2, sp, #8                  // argv
	adrp x0, nk.cmain               // main
	add x0, x0, :lo12:nk.cmain
	mov x3, #0                      // init, fini, ldso: unused by musl
	mov x4, #0
	mov x5, #0
	bl __libc_start_main
	brk #0
nk.cmain:                           // main(argc, argv, envp)
	// musl's __libc.need_locks (byte 3 of struct __libc in musl 1.2):
	// see clink.go's cstartGlue.
	adrp x9, __libc
	add x9, x9, :lo12:__libc
	mov w10, #1
	strb w10, [x9, #3]
	sub x9, x1, #8                  // the kernel's stack: argc, then argv
	mov sp, x9
	b _start

	// Called by _start when main.main returns: flush C's stdio.
	.globl nk.cexit
nk.cexit:
	mov x0, #0
	b fflush

	.globl nk_argc
	.globl nk_argv
	.globl nk_envp
nk_argc:
	b rt.sys.Argc
nk_argv:
	b rt.sys.Argv
nk_envp:
	b rt.sys.Envp
`

// ffiGlueARM64 is nk.ffi.call(fn, frame) for AAPCS64 (lir/linear's
// ffi.go, rt/abi's FFIA64Off* layout): it loads x0-x7, x8 (the address
// of an indirect result) and d0-d7 from the frame, copies the frame's
// stack words to the bottom of its own stack frame, calls fn, and
// stores x0, x1 and d0-d3 (an HFA result) back into the frame.
func ffiGlueARM64() string {
	var b strings.Builder
	fmt.Fprintf(&b, `
	.globl nk.ffi.call
nk.ffi.call:
	stp x29, x30, [sp, #-32]!
	mov x29, sp
	stp x19, x20, [sp, #16]
	mov x19, x1                     // the frame
	mov x20, x0                     // the function
	ldr x10, [x19, #%d]             // stack words
	lsl x11, x10, #3
	mov x12, sp
	sub x11, x12, x11
	and x11, x11, #-16
	mov sp, x11
	add x14, x19, #%d
	mov x12, #0
.Lffi.copy:
	cmp x12, x10
	b.hs .Lffi.regs
	ldr x13, [x14, x12, lsl #3]
	str x13, [x11, x12, lsl #3]
	add x12, x12, #1
	b .Lffi.copy
.Lffi.regs:
`, abi.FFIA64OffNStack, abi.FFIA64OffStack)
	for i := 0; i < abi.FFIA64NumFPRegs; i++ {
		fmt.Fprintf(&b, "\tldr d%d, [x19, #%d]\n", i, abi.FFIA64OffFPRegs+8*i)
	}
	fmt.Fprintf(&b, "\tldr x8, [x19, #%d]\n", abi.FFIA64OffX8)
	for i := 0; i < abi.FFIA64NumIntRegs; i++ {
		fmt.Fprintf(&b, "\tldr x%d, [x19, #%d]\n", i, abi.FFIA64OffIntRegs+8*i)
	}
	b.WriteString("\tblr x20\n")
	fmt.Fprintf(&b, "\tstr x0, [x19, #%d]\n\tstr x1, [x19, #%d]\n", abi.FFIA64OffX0, abi.FFIA64OffX0+8)
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, "\tstr d%d, [x19, #%d]\n", i, abi.FFIA64OffD0+8*i)
	}
	b.WriteString(`	mov sp, x29
	ldp x19, x20, [sp, #16]
	ldp x29, x30, [sp], #32
	ret
`)
	return b.String()
}
