// _start for linux/arm64 native programs: see doc.go. The kernel
// enters with sp 16-aligned at argc (AAPCS64 needs no realignment).

	.text
	.globl _start
	.weak rt.lang.Fault
	.weak rt.lang.InitFaults
	.weak nk.cexit
_start:
	mov x29, #0                     // the outermost frame
	mov x30, #0
	mov x0, sp
	adrp x1, rt.sys.startSP
	str x0, [x1, :lo12:rt.sys.startSP]
	bl rt.lang.Init
	adrp x0, rt.lang.Fault          // fault handlers (rt/lang fault.go), when
	add x0, x0, :lo12:rt.lang.Fault // the program has rt/lang: the references
	cbz x0, .Lnofaults              // are weak, for runtime test programs
	bl rt.lang.InitFaults
.Lnofaults:
	bl main.main
	adrp x0, nk.cexit               // programs linked with C: flush its
	add x0, x0, :lo12:nk.cexit      // stdio (examples/naturec/clink.go)
	cbz x0, .Lnoc
	blr x0
.Lnoc:
	mov x0, #0
	bl rt.lang.Exit
	mov x0, #1                      // Exit returned: should not happen
	mov x8, #94
	svc #0
