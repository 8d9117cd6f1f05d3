package amd64_test

import (
	"debug/elf"
	"fmt"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
)

// Build instructions in Go and encode them one at a time.
func Example() {
	prog := []*amd64.Inst{
		amd64.New(amd64.PUSH, amd64.RBP),
		amd64.New(amd64.MOV, amd64.RBP, amd64.RSP),
		amd64.New(amd64.ADD, amd64.RAX, amd64.Int(8)),
		amd64.New(amd64.MOV, amd64.Ptr(8, amd64.RSP, 16), amd64.RDI),
		amd64.New(amd64.LEA, amd64.RSI, amd64.RIPRel(0, "table", 0)),
		amd64.New(amd64.CALL, amd64.Label("puts")),
	}
	for _, in := range prog {
		code, relocs, err := asm.EncodeInst(amd64.Arch{}, in, 0)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%-28s % x", in, code)
		for _, r := range relocs {
			fmt.Printf("  %v %s%+d", elf.R_X86_64(r.Type), r.Symbol, r.Addend)
		}
		fmt.Println()
	}
	// Output:
	// push rbp                     55
	// mov rbp, rsp                 48 89 e5
	// add rax, 8                   48 83 c0 08
	// mov qword ptr [rsp+16], rdi  48 89 7c 24 10
	// lea rsi, [rip+table]         48 8d 35 00 00 00 00  R_X86_64_PC32 table-4
	// call puts                    e8 00 00 00 00  R_X86_64_PLT32 puts-4
}

// Parse Intel syntax.
func ExampleParseInst() {
	in, err := amd64.ParseInst("lock", "xadd qword ptr [rdi+8], rax")
	if err != nil {
		fmt.Println(err)
		return
	}
	code, err := in.Encode(nil, nil) // nil context: symbols undefined
	fmt.Printf("%v: % x %v\n", in, code, err)

	_, err = amd64.ParseInst("mov", "ah, sil")
	fmt.Println(err)
	// Output:
	// lock xadd qword ptr [rdi+8], rax: f0 48 0f c1 47 08 <nil>
	// mov: cannot use ah, bh, ch or dh in an instruction that needs a REX prefix
}

// Assemble a source file with labels; the short jump is relaxed by the
// core.
func ExampleArch() {
	src := `
.intel_syntax noprefix
.text
.globl count
count:
	xor eax, eax
.Lloop:
	inc eax
	cmp eax, edi
	jl .Lloop
	ret
`
	obj, err := asm.Assemble(amd64.Arch{}, "count.s", []byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% x\n", obj.Section(".text").Data)
	// Output:
	// 31 c0 ff c0 39 f8 7c fa c3
}
