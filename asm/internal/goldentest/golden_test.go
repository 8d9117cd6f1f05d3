package goldentest

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/asm/internal/toyarch"
	"github.com/naturekit/naturekit/internal/golden"
)

// TestCore assembles the input.s of every asm/testdata/*.txtar with the
// toy architecture and compares the object dump (or the errors) with the
// output section.
func TestCore(t *testing.T) {
	golden.Run(t, "../../testdata/*.txtar", func(t *testing.T, g *golden.File) {
		g.OutputString("output", toyarch.AssembleDump("input.s", g.Input("input.s")))
	})
}

// TestAMD64 checks asm/amd64/testdata/*.txtar: each instruction of the
// "input" section (lines starting with "#" are comments), parsed,
// printed and encoded alone at offset 0, gives one line of "output":
//
//	CANONICAL // HEX [TYPE@OFFSET:SYMBOL+ADDEND]...
//	error: MESSAGE                   (it does not parse)
//	CANONICAL // error: MESSAGE      (it does not encode)
func TestAMD64(t *testing.T) {
	eachLine(t, "../../amd64/testdata/*.txtar", "#", func(line string) string {
		in, err := amd64.ParseInst(asm.SplitInst(line))
		if err != nil {
			return "error: " + err.Error()
		}
		code, relocs, err := asm.EncodeInst(amd64.Arch{}, in, 0)
		if err != nil {
			return in.String() + " // error: " + err.Error()
		}
		out := fmt.Sprintf("%s // %x", in, code)
		for _, r := range relocs {
			out += fmt.Sprintf(" %v@%d:%s%+d", elf.R_X86_64(r.Type), r.Offset, r.Symbol, r.Addend)
		}
		return out
	})
}

// TestARM64 checks asm/arm64/testdata/*.txtar: each instruction of the
// "input" section (lines starting with "//" are comments), parsed,
// printed and encoded alone at offset 0, gives one line of "output":
//
//	CANONICAL // WORD [RELOC SYMBOL+ADDEND]
//	INPUT // error: MESSAGE
//
// WORD is the 32-bit instruction word in hex (the bytes in the object
// are its little-endian encoding), and RELOC the relocation GNU as would
// emit, every symbol being undefined.
func TestARM64(t *testing.T) {
	eachLine(t, "../../arm64/testdata/*.txtar", "//", func(line string) string {
		in, err := arm64.Parse(asm.SplitInst(line))
		if err != nil {
			return line + " // error: " + err.Error()
		}
		code, relocs, err := asm.EncodeInst(arm64.Arch{}, in, 0)
		if err == nil && len(code) != 4 {
			err = fmt.Errorf("encoded %d bytes", len(code))
		}
		if err != nil {
			return line + " // error: " + err.Error()
		}
		out := fmt.Sprintf("%s // %08x", in, binary.LittleEndian.Uint32(code))
		for _, r := range relocs {
			out += fmt.Sprintf(" %s %s", arm64RelocName(r.Type), asm.SymOff(r.Symbol, r.Addend))
		}
		return out
	})
}

// eachLine runs the golden files that match pattern through line: each
// line of the "input" section, trimmed, except blank lines and those
// starting with comment, gives one line of the "output" section.
func eachLine(t *testing.T, pattern, comment string, line func(string) string) {
	golden.Run(t, pattern, func(t *testing.T, g *golden.File) {
		var out strings.Builder
		for _, l := range strings.Split(g.InputString("input"), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, comment) {
				out.WriteString(line(l) + "\n")
			}
		}
		g.OutputString("output", out.String())
	})
}

// arm64RelocName names an R_AARCH64 type, including the TLS LE
// load/store types debug/elf does not know.
func arm64RelocName(t uint32) string {
	switch t {
	case 553:
		return "R_AARCH64_TLSLE_LDST8_TPREL_LO12_NC"
	case 555:
		return "R_AARCH64_TLSLE_LDST16_TPREL_LO12_NC"
	case 557:
		return "R_AARCH64_TLSLE_LDST32_TPREL_LO12_NC"
	case 559:
		return "R_AARCH64_TLSLE_LDST64_TPREL_LO12_NC"
	}
	return elf.R_AARCH64(t).String()
}
