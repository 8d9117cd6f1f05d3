// Package asm is the architecture-independent half of naturekit's
// assemblers: sections, symbols, labels, data directives, expressions,
// layout with branch relaxation, and the text syntax of GNU as around the
// instructions. The packages asm/amd64 and asm/arm64 supply the other
// half — instruction values with typed operands, their encoders, and
// their text syntax — by implementing Arch and Inst.
//
// There are two ways in. A compiler builds statements with the Go API:
//
//	b := asm.NewBuilder(amd64.Arch{})
//	b.Global("main")
//	b.Label("main")
//	b.Inst(someInstruction)
//	obj, err := b.Assemble()
//
// and a person writes text, which Assemble parses into the same Builder:
//
//	obj, err := asm.Assemble(arm64.Arch{}, "hello.s", src)
//
// Either way the result is an Object: each section's bytes, its
// relocations (standard ELF types from debug/elf, R_X86_64_* and
// R_AARCH64_*), and the symbol table. The package imports nothing else of
// naturekit; the link module writes an Object as an ELF relocatable file
// or links it into an executable (see examples/nkas).
//
// # Layout and relaxation
//
// Layout assigns every statement a section offset, encoding instructions
// as it goes. Forward references first assume the distance zero, so
// branches start in their short form; every later pass re-encodes the
// instructions whose encoding looked at a symbol, and an instruction that
// grew keeps its long form (Context.Grown). Passes repeat until no size
// changes, which is the fixed point GNU as reaches too, so both pick the
// same branch forms.
//
// # Text syntax
//
// Statements are GNU as's: "label:", ".directive operands", and
// instructions, several per line with ';'. "//" starts a comment, and so
// does '#' (anywhere on amd64, at the start of a line on arm64, where it
// prefixes immediates). Supported directives:
//
//	.text .data .bss .rodata .section NAME[,"flags"[,@type]] .pushsection
//	.globl .global .weak .local .hidden .protected .internal .type .size
//	.byte .short .hword .2byte .value .word .long .int .4byte
//	.quad .8byte .xword .dword .float .single .double
//	.ascii .asciz .string .zero .skip .space .fill
//	.align .p2align .balign .intel_syntax noprefix (amd64)
//	.macro NAME [PARAM[=DEFAULT]]... .endm
//
// Macros are GNU as's: in the lines up to .endm, \PARAM stands for the
// argument (or the default), \() for nothing (to end a parameter's name)
// and \@ for the number of expansions before this one, which makes local
// labels unique; an invocation "NAME ARG, ..." (or "NAME ARG ..." without
// commas) assembles the body in its place, and an error in the body is
// reported at the invocation's line. Macro names are case-insensitive; a
// body may invoke macros (at most 100 deep, and 2^20 lines expanded in
// all) but not define one, and :req, :vararg, .irp, .rept and the
// conditionals are not supported.
//
// .word is two bytes on amd64 and four on arm64, and .align counts bytes
// on amd64 and powers of two on arm64, as in GNU as. Alignments above
// 2^24 (MaxAlignLog) are errors: GNU as accepts up to 2^63 but pads the
// object file with as many bytes, even for .bss. A single .zero, .skip or
// .fill adds at most 64 MiB. .file, .ident, .loc,
// .cfi_* and similar metadata are accepted and ignored: no debug or unwind
// tables are produced. Expressions (see ParseExpr) are a constant, a
// symbol plus a constant, or a difference of two symbols; "." is the
// current location.
//
// A symbol name is letters, digits, '_', '.' and '$' (IsSymbolName), or,
// as GNU as allows, any other name without NUL and newline written in
// double quotes with '"' and '\' escaped by a backslash — as labels,
// directive operands and in expressions: "main.box<int>.get". The Go API
// takes such names as they are (ValidSymbolName); Expr.String and
// QuoteSymbol write them quoted. (The arm64 operand syntax does not read
// quoted names yet.)
//
// References to local symbols resolve at assembly time within their own
// section; elsewhere they become relocations against the section symbol,
// and references to global, weak or undefined symbols become relocations
// against the symbol, as GNU as does.
//
// # Errors
//
// Assemble returns an ErrorList with one "file:line: message" entry per
// bad statement (up to a limit), not just the first. Nothing panics on bad
// input, and there is no package-level mutable state: assemblies may run
// concurrently.
package asm
