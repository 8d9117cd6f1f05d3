package main

// runtimeARM64 is runtimeSource for linux/arm64, in GNU syntax, with
// the same functions and output (AAPCS64: the argument in x0 or d0).
const runtimeARM64 = `	.text
	.globl _start
_start:
	bl main
	.globl exit
exit:
	mov x8, #94                 // exit_group(status)
	svc #0

// write(1, x1, x2)
write:
	mov x0, #1
	mov x8, #64
	svc #0
	ret

	.globl print_char
print_char:
	sub sp, sp, #16
	strb w0, [sp]
	mov x1, sp
	mov x2, #1
	mov x0, #1
	mov x8, #64                 // write(1, sp, 1)
	svc #0
	add sp, sp, #16
	ret

// digits writes the unsigned x0 in decimal backwards ending at x1, at
// least x4 digits, and leaves x1 at the first digit.
digits:
	mov x5, #10
.Ldigit:
	udiv x6, x0, x5
	msub x7, x6, x5, x0
	add w7, w7, #48
	strb w7, [x1, #-1]!
	mov x0, x6
	subs x4, x4, #1
	b.gt .Ldigit
	cbnz x0, .Ldigit
	ret

// signed writes x0 in decimal, inserting a dot before the last six
// digits when x3 is not zero, then a newline.
signed:
	stp x29, x30, [sp, #-64]!
	mov x29, sp
	add x1, sp, #48
	mov w7, #10
	strb w7, [x1]
	mov x9, x0
	cmp x0, #0
	cneg x0, x0, lt
	cbz x3, .Linteger
	mov x4, x3
	movz x10, #0x4240
	movk x10, #0xf, lsl #16     // 1000000
	udiv x11, x0, x10
	msub x0, x11, x10, x0
	bl digits
	mov x0, x11
	mov w7, #46
	strb w7, [x1, #-1]!
.Linteger:
	mov x4, #1
	bl digits
	tbz x9, #63, .Lunsigned
	mov w7, #45
	strb w7, [x1, #-1]!
.Lunsigned:
	add x2, sp, #49
	sub x2, x2, x1
	bl write
	ldp x29, x30, [sp], #64
	ret

	.globl print_i64
print_i64:
	mov x3, #0
	b signed

	.globl print_f64
print_f64:
	fcmp d0, d0
	b.vs .Lnan
	adrp x9, million
	ldr d1, [x9, :lo12:million]
	fmul d0, d0, d1
	.word 0x9e600000            // fcvtns x0, d0 (round to nearest, ties to even)
	mov x9, #-9223372036854775808
	cmp x0, x9
	b.eq .Linf
	mvn x9, x9
	cmp x0, x9
	b.eq .Linf
	mov x3, #6
	b signed
.Lnan:
	adrp x1, nan
	add x1, x1, :lo12:nan
	mov x2, #4
	b write
.Linf:
	fcmp d0, #0.0
	b.le .Lminf
	adrp x1, inf
	add x1, x1, :lo12:inf
	mov x2, #4
	b write
.Lminf:
	adrp x1, minf
	add x1, x1, :lo12:minf
	mov x2, #5
	b write

` + runtimeData
