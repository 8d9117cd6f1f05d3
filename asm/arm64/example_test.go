package arm64_test

import (
	"debug/elf"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/arm64"
)

// Build instructions with the Go API, print them, and encode them alone.
func Example() {
	prog := []*arm64.Inst{
		arm64.New(arm64.STP, arm64.X29, arm64.X30, arm64.Mem{Base: arm64.SP, Mode: arm64.ModePre, Off: -16}),
		arm64.New(arm64.MOV, arm64.X29, arm64.SP),
		arm64.New(arm64.ADRP, arm64.X0, arm64.Label("msg")),
		arm64.New(arm64.ADD, arm64.X0, arm64.X0, arm64.Sym{Mod: arm64.ModLo12, Expr: asm.SymOff("msg", 0)}),
		arm64.New(arm64.BL, arm64.Label("puts")),
		arm64.New(arm64.MOV, arm64.W0, arm64.Imm{Val: 0}),
		arm64.New(arm64.LDP, arm64.X29, arm64.X30, arm64.Mem{Base: arm64.SP, Mode: arm64.ModePost, Off: 16}),
		arm64.New(arm64.RET),
	}
	for i, in := range prog {
		code, relocs, err := asm.EncodeInst(arm64.Arch{}, in, uint64(4*i))
		if err != nil {
			fmt.Println(err)
			return
		}
		line := fmt.Sprintf("% x  %-26s", code, in)
		for _, r := range relocs {
			line += fmt.Sprintf(" %v %s", elf.R_AARCH64(r.Type), r.Symbol)
		}
		fmt.Println(strings.TrimSpace(line))
	}
	// Output:
	// fd 7b bf a9  stp x29, x30, [sp, #-16]!
	// fd 03 00 91  mov x29, sp
	// 00 00 00 90  adrp x0, msg               R_AARCH64_ADR_PREL_PG_HI21 msg
	// 00 00 00 91  add x0, x0, :lo12:msg      R_AARCH64_ADD_ABS_LO12_NC msg
	// 00 00 00 94  bl puts                    R_AARCH64_CALL26 puts
	// 00 00 80 52  mov w0, #0
	// fd 7b c1 a8  ldp x29, x30, [sp], #16
	// c0 03 5f d6  ret
}

// Parse text and report the errors GNU as would.
func ExampleParse() {
	for _, line := range [][2]string{
		{"and", "x0, x1, #0xff00"},
		{"and", "x0, x1, #0x1234"},
		{"ldr", "x0, [x1, #-8]"},
	} {
		in, err := arm64.Parse(line[0], line[1])
		if err != nil {
			fmt.Println(err)
			continue
		}
		code, _, err := asm.EncodeInst(arm64.Arch{}, in, 0)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: % x\n", in, code)
	}
	// Output:
	// and x0, x1, #0xff00: 20 1c 78 92
	// and: immediate 0x1234 is not a valid logical (bitmask) immediate
	// ldr x0, [x1, #-8]: 20 80 5f f8
}
