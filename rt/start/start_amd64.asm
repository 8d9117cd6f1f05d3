# _start for linux/amd64 native programs: see doc.go.

	.intel_syntax noprefix
	.text
	.globl _start
	.weak rt.lang.Fault
	.weak rt.lang.InitFaults
	.weak nk.cexit
_start:
	xor ebp, ebp                    # the outermost frame
	mov qword ptr [rip+rt.sys.startSP], rsp
	and rsp, -16                    # the ABI's alignment at calls
	call rt.lang.Init
	lea rdi, [rip+rt.lang.Fault]    # fault handlers (rt/lang fault.go), when
	test rdi, rdi                   # the program has rt/lang: the references
	jz .Lnofaults                   # are weak, for runtime test programs
	call rt.lang.InitFaults
.Lnofaults:
	call main.main
	lea rax, [rip+nk.cexit]         # programs linked with C: flush its
	test rax, rax                   # stdio (examples/naturec/clink.go)
	jz .Lnoc
	call rax
.Lnoc:
	xor edi, edi
	call rt.lang.Exit
	mov edi, 1                      # Exit returned: should not happen
	mov eax, 231
	syscall
	hlt
