package main

// runtimeSource is the tiny runtime every lirc executable carries, in
// the assembler's Intel syntax. _start calls the module's main and exits
// with its result; the externs a module may declare are
//
//	print_i64(i64)   the number in decimal and a newline
//	print_f64(f64)   the number rounded to 6 decimals (half to even) and
//	                 a newline; "nan", and "inf" or "-inf" for values
//	                 whose magnitude times 10^6 does not fit an int64
//	print_char(i64)  the low byte
//	exit(i64)        ends the process with the low byte as status
//
// The test harness implements the same functions for the interpreter
// (see Externs), so native and interpreted runs print the same bytes.
const runtimeSource = `	.intel_syntax noprefix
	.text
	.globl _start
_start:
	call main
	mov edi, eax
	.globl exit
exit:
	mov eax, 231                # exit_group(status)
	syscall

# write(1, rsi, rdx)
write:
	mov eax, 1
	mov edi, 1
	syscall
	ret

	.globl print_char
print_char:
	push rdi
	mov rsi, rsp
	mov edx, 1
	call write
	pop rdi
	ret

# digits writes the unsigned rax in decimal backwards ending at rsi, at
# least rcx digits, and leaves rsi at the first digit.
digits:
	mov r8d, 10
.Ldigit:
	xor edx, edx
	div r8
	add dl, 48
	dec rsi
	mov byte ptr [rsi], dl
	dec rcx
	jg .Ldigit
	test rax, rax
	jnz .Ldigit
	ret

# signed writes rax in decimal with at least rcx digits, inserting a dot
# before the last rdx of them when rdx > 0, then a newline.
signed:
	push rbx
	push r12
	sub rsp, 56
	mov r12, rdx
	lea rsi, [rsp+48]
	mov byte ptr [rsi], 10
	mov rbx, rax
	test rax, rax
	jns .Lpositive
	neg rax
.Lpositive:
	test r12, r12
	jz .Linteger
	mov rcx, r12
	xor edx, edx
	mov r8, 1000000
	div r8
	push rax
	mov rax, rdx
	call digits
	pop rax
	dec rsi
	mov byte ptr [rsi], 46
.Linteger:
	mov ecx, 1
	call digits
	test rbx, rbx
	jns .Lunsigned
	dec rsi
	mov byte ptr [rsi], 45
.Lunsigned:
	lea rdx, [rsp+49]
	sub rdx, rsi
	call write
	add rsp, 56
	pop r12
	pop rbx
	ret

	.globl print_i64
print_i64:
	mov rax, rdi
	xor edx, edx
	jmp signed

	.globl print_f64
print_f64:
	ucomisd xmm0, xmm0
	jp .Lnan
	mulsd xmm0, qword ptr [rip+million]
	cvtsd2si rax, xmm0
	movabs rcx, -9223372036854775808
	cmp rax, rcx
	je .Linf
	mov edx, 6
	jmp signed
.Lnan:
	lea rsi, [rip+nan]
	mov edx, 4
	jmp write
.Linf:
	xorps xmm1, xmm1
	ucomisd xmm0, xmm1
	lea rsi, [rip+inf]
	mov edx, 4
	ja write
	lea rsi, [rip+minf]
	mov edx, 5
	jmp write

` + runtimeData

// runtimeData is the read-only data both test runtimes' float printing
// uses (the same symbols on each target).
const runtimeData = `
	.section .rodata
	.balign 8
million:
	.double 1000000.0
nan:
	.ascii "nan\n"
inf:
	.ascii "inf\n"
minf:
	.ascii "-inf\n"
`
