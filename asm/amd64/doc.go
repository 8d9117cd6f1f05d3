// Package amd64 is the x86-64 half of the naturekit assembler: a typed
// representation of instructions, an encoder that produces the bytes GNU
// as 2.40 produces, and a parser and printer for GNU as's Intel syntax
// (".intel_syntax noprefix").
//
// # Instructions
//
// An Inst is an Op (the mnemonic, e.g. ADD, JE, MOVSD), an optional
// Prefix (lock, rep, repne) and up to three operands in Intel order,
// destination first. An Operand is one of
//
//   - a Reg: RAX, EAX, AX, AL, AH, R8..R15, R8D, R8W, R8B, SPL..DIL,
//     X0..X15 (xmm0..xmm15);
//   - an Imm: a constant (Int(5)) or a symbol address (Offset("foo", 8),
//     "offset foo+8" in text);
//   - a Mem: Size ptr Seg:[Base + Index*Scale + Disp], where Base may be
//     RIP for RIP-relative operands and Disp may name a symbol
//     (RIPRel(8, "foo", 0) is qword ptr [rip+foo]);
//   - a Rel: the label or symbol a jmp, jcc or call goes to (Label("loop")).
//
// Build instructions directly,
//
//	amd64.New(amd64.ADD, amd64.RAX, amd64.Int(8))
//	amd64.New(amd64.MOV, amd64.Ptr(8, amd64.RSP, 16), amd64.RDI)
//	amd64.New(amd64.JNE, amd64.Label(".Lloop"))
//
// (set the Prefix field for lock or rep), or parse them with
// ParseInst("add", "rax, 8"). Both return an *Inst, which keeps its
// operands inline: an instruction is one allocation. Inst.String prints
// the canonical text, which ParseInst reads back to an equal Inst, and
// Inst.Args returns the operands.
//
// # Encoding
//
// Inst implements asm.Inst, so the core assembler (package asm) lays out
// and relaxes code made of it: asm.Assemble(amd64.Arch{}, name, src)
// assembles a whole source file, and an asm.Builder takes Insts from Go.
// To encode one instruction alone use asm.EncodeInst, or call
// Inst.Encode with a nil context, which treats every symbol as undefined
// and records no relocations.
//
// The encoder picks the encoding GNU as picks: the sign-extended imm8
// form (83 /0 ib) when the immediate fits, the short accumulator forms
// (add eax, imm32 is 05 id) exactly when GNU as uses them, c7 /0 with
// REX.W for a 64-bit mov of an imm32 and b8+r imm64 (movabs) otherwise,
// the store direction (89 /r) for register-to-register moves, d1 for
// shifts by 1, disp8 whenever a constant displacement fits, and GNU as's
// prefix order. Branches to labels of the same section start as rel8 and
// grow to rel32 during relaxation; branches to other symbols are rel32
// with an R_X86_64_PLT32 relocation (PC32 for local symbols of another
// section and for targets with an addend), calls likewise.
// RIP-relative references use R_X86_64_PC32 with the addend adjusted for
// immediate bytes after the displacement; absolute ones R_X86_64_32S (32
// for offset immediates of 32-bit operations, 64 for movabs); the
// suffixes @GOTPCREL, @PLT, @TPOFF and @GOTTPOFF select those relocations
// (GOTPCRELX/REX_GOTPCRELX for mov loads, as GNU as does).
//
// Differences from GNU as, all deliberate: immediates that do not fit the
// operand are errors (GNU as truncates some silently); 16-bit addressing
// is not supported (32-bit addressing, [eax], is: it adds the 0x67
// prefix); only the instructions listed in ops.go exist.
//
// Everything in the package is immutable after initialisation, so Arch
// and instructions may be used from any number of goroutines.
package amd64
