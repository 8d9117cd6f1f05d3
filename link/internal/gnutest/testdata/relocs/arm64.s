// Relocations gcc -O2 rarely emits for plain C: GOT loads, ADR, literal
// loads, conditional and test branches, MOVW groups, JUMP26, PREL32.
// Exits with 42 if everything is right, 1 otherwise.
	.text
	.globl _start
	.type _start, %function
_start:
	adrp x0, :got:counter              // R_AARCH64_ADR_GOT_PAGE
	ldr x0, [x0, :got_lo12:counter]    // R_AARCH64_LD64_GOT_LO12_NC
	ldr w1, [x0]
	adr x2, word                       // R_AARCH64_ADR_PREL_LO21
	ldr w3, [x2]
	ldr w4, word                       // R_AARCH64_LD_PREL_LO19
	cmp w3, w4
	b.ne fail                          // local: no relocation
	cbz w3, fail2                      // R_AARCH64_CONDBR19
	tbz w3, #0, fail2                  // R_AARCH64_TSTBR14
	movz x5, #:abs_g2:counter          // R_AARCH64_MOVW_UABS_G2
	movk x5, #:abs_g1_nc:counter       // R_AARCH64_MOVW_UABS_G1_NC
	movk x5, #:abs_g0_nc:counter       // R_AARCH64_MOVW_UABS_G0_NC
	cmp x5, x0
	b.ne fail
	adrp x6, rel                       // R_AARCH64_ADR_PREL_PG_HI21
	add x6, x6, :lo12:rel              // R_AARCH64_ADD_ABS_LO12_NC
	ldrsw x7, [x6]
	add x7, x7, x6
	cmp x7, x0
	b.ne fail
	mov w0, w1
	b exit                             // R_AARCH64_JUMP26
fail:
	mov w0, #1
	b exit

	.section .text.other, "ax"
fail2:
	mov w0, #2
exit:
	mov x8, #93
	svc #0

	.section .rodata
	.align 2
word:
	.word 7
	.data
	.align 3
counter:
	.word 42
rel:
	.word counter - .                  // R_AARCH64_PREL32
