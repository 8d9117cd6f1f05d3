# Relocations gcc -O2 rarely emits for plain C: GOT loads relaxed and not
# relaxed, GOTPC32, GOTOFF64, PC64, 32S, call/jmp through the GOT.
# Exits with 42 + 1 + 42 + 2 = 87 if everything is right, 1 otherwise.
	.text
	.globl _start
	.type _start, @function
_start:
	movq counter@GOTPCREL(%rip), %rax   # R_X86_64_REX_GOTPCRELX: mov -> lea
	movl (%rax), %edi
	call *get1@GOTPCREL(%rip)            # R_X86_64_GOTPCRELX: addr32 call
	addl %eax, %edi
	leaq counter(%rip), %rax
	cmpq counter@GOTPCREL(%rip), %rax   # not relaxable: a real GOT entry
	jne fail
	leaq _GLOBAL_OFFSET_TABLE_(%rip), %rcx   # R_X86_64_GOTPC32
	movabsq $counter@GOTOFF, %rdx            # R_X86_64_GOTOFF64
	addl (%rcx,%rdx), %edi
	movq pcrel(%rip), %rax                   # PC64 value stored in .data
	leaq pcrel(%rip), %rdx
	addq %rdx, %rax
	leaq counter(%rip), %rdx
	cmpq %rdx, %rax
	jne fail
	movl counter+4, %eax                     # R_X86_64_32S: the word after counter (2)
	addl %eax, %edi
	jmp *exit@GOTPCREL(%rip)                 # R_X86_64_GOTPCRELX: jmp rel32; nop
fail:
	movl $1, %edi
exit:
	movl $60, %eax
	syscall

	.type get1, @function
get1:
	movl $1, %eax
	ret

	.data
	.align 8
counter:
	.long 42, 2
pcrel:
	.quad counter - .                        # R_X86_64_PC64
