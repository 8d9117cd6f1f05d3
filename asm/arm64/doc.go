// Package arm64 is an AArch64 (ARMv8-A, A64) instruction encoder with
// GNU as syntax: a typed Go API for instructions, a parser and printer
// for the text form, and the asm.Arch that plugs the architecture into
// the naturekit assembler core (package asm).
//
// # Instructions
//
// An Inst is a mnemonic (Op) and its operands in GNU order, destination
// first. Operands are typed values: Reg (X0, W1, SP, XZR, D2, Q3, ...),
// Imm ("#16", "#1, lsl #12"), FImm ("#1.5"), RegShift ("x2, lsl #3"),
// RegExtend ("w2, sxtw #2"), Mem (every addressing mode: "[x0]",
// "[x0, #8]", "[x0, #8]!", "[x0], #8", "[x0, x1, lsl #3]",
// "[x0, w1, sxtw #2]", "[x0, :lo12:sym]"), Sym (a label or symbol with an
// optional relocation modifier: "foo+8", ":got:foo", ":tprel_hi12:v"),
// Cond, Barrier and SysReg.
//
//	in := arm64.New(arm64.ADD, arm64.X0, arm64.X1, arm64.Imm{Val: 16})
//	in.String() // "add x0, x1, #16"
//	in.Args()   // []Operand{X0, X1, Imm{Val: 16}}
//
// An Inst is immutable and stores its operands unboxed, so that Parse
// builds one in a single allocation (two for the rare instruction with
// more than four operands or more than one symbol).
//
// GNU aliases are Ops of their own (MOV, CMP, LSL, CSET, ...) and keep
// the spelling they were written with; the encoder picks the underlying
// instruction exactly as GNU as 2.40 does: "mov x0, #imm" becomes movz,
// movn or orr with a bitmask immediate, "ldr x0, [x1, #-8]" becomes ldur,
// "add x0, x1, #-8" becomes sub, "mov x0, sp" becomes add #0, and so on.
// Printing an instruction gives text that GNU as accepts and that Parse
// reads back into an equal Inst.
//
// # Encoding
//
// Every instruction encodes to one 32-bit little-endian word.
// Inst.Encode implements asm.Inst: a PC-relative reference (b, bl,
// b.cond, cbz, tbz, adr, ldr literal) to a local label of the same
// section is resolved at assembly time and must be in range ("branch to
// .L5 out of range"); any other symbolic reference is left as zero bits
// plus an ELF relocation, the same one GNU as emits (R_AARCH64_JUMP26,
// CALL26, CONDBR19, TSTBR14, ADR_PREL_LO21, LD_PREL_LO19,
// ADR_PREL_PG_HI21 (adrp always relocates, even to a local label),
// ADR_GOT_PAGE, ADD_ABS_LO12_NC, LDST{8,16,32,64,128}_ABS_LO12_NC,
// LD64_GOT_LO12_NC, TLSLE_ADD_TPREL_HI12/LO12/LO12_NC,
// TLSLE_LDST*_TPREL_LO12_NC).
//
// To encode a single instruction without the rest of an assembler, use
// asm.EncodeInst; to assemble a whole file with labels and directives,
// use asm.Assemble with Arch{}:
//
//	obj, err := asm.Assemble(arm64.Arch{}, "f.s", src)
//
// Errors (unknown mnemonic, wrong operands, immediates that do not
// encode, such as a value that is not a logical bitmask immediate,
// offsets out of range) are plain messages without a position; the core
// adds file:line.
//
// # Concurrency
//
// The package has no mutable package-level state: Arch is a zero-size
// value, and any number of goroutines may parse, encode and assemble at
// once. An Inst is not modified by encoding.
//
// # Testing
//
// The tests check golden files (testdata/*.txtar, compared by the
// nested module asm/internal/goldentest, whose go test -update rewrites
// them), decode every golden word with
// golang.org/x/arch/arm64/arm64asm, and compare against GNU as
// (aarch64-linux-gnu-as from binutils-aarch64-linux-gnu) both the golden
// lines and tens of thousands of randomly generated instructions
// (-arm64.n scales the count). Without the tool those tests skip, unless
// NATUREKIT_ORACLES=1.
package arm64
