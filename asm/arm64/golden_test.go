package arm64

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// The golden files testdata/*.txtar have an "input" section with one
// instruction per line (blank lines and lines starting with "//" are
// skipped) and an "output" section with one line per instruction:
//
//	CANONICAL // WORD [RELOC SYMBOL+ADDEND]
//	INPUT // error: MESSAGE
//
// CANONICAL is Inst.String() of the parsed line, WORD the 32-bit
// instruction word in hex (the bytes in the file are its little-endian
// encoding), and RELOC the relocation GNU as would emit when every symbol
// is undefined. Each instruction is encoded alone at offset 0 with
// asm.EncodeInst.

// goldenLines returns the instruction lines of a golden file's input.
func goldenLines(g asmtest.Golden) []string { return g.Lines("input", "//") }

// encodeLine parses and encodes one line alone.
func encodeLine(line string) (*Inst, uint32, []asm.Reloc, error) {
	in, err := Parse(asmtest.SplitInst(line))
	if err != nil {
		return nil, 0, nil, err
	}
	code, rel, err := asm.EncodeInst(Arch{}, in, 0)
	if err != nil {
		return in, 0, nil, err
	}
	if len(code) != 4 {
		return in, 0, nil, fmt.Errorf("encoded %d bytes", len(code))
	}
	return in, binary.LittleEndian.Uint32(code), rel, nil
}

func goldenOutput(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		in, w, rel, err := encodeLine(l)
		if err != nil {
			fmt.Fprintf(&b, "%s // error: %v\n", l, err)
			continue
		}
		fmt.Fprintf(&b, "%s // %08x", in, w)
		for _, r := range rel {
			fmt.Fprintf(&b, " %s %s", relocName(r.Type), asm.SymOff(r.Symbol, r.Addend))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	asmtest.Check(t, "output", func(t *testing.T, g asmtest.Golden) string {
		return goldenOutput(goldenLines(g))
	})
}

// TestRoundTrip checks that every golden instruction prints to text that
// parses back to an equal instruction with the same encoding.
func TestRoundTrip(t *testing.T) {
	for _, g := range asmtest.Goldens(t) {
		for _, l := range goldenLines(g) {
			in, w, _, err := encodeLine(l)
			if in == nil {
				continue
			}
			text := in.String()
			in2, w2, _, err2 := encodeLine(text)
			if in2 == nil {
				t.Errorf("%s: %q does not parse: %v", l, text, err2)
				continue
			}
			if diff := cmp.Diff(in.Op, in2.Op) + cmp.Diff(in.Args(), in2.Args()); diff != "" {
				t.Errorf("%s: round trip through %q differs (-want +got):\n%s", l, text, diff)
			}
			if (err == nil) != (err2 == nil) || w != w2 {
				t.Errorf("%s: encodes to %08x (%v), reprinted %q to %08x (%v)", l, w, err, text, w2, err2)
			}
		}
	}
}

// relocName names an R_AARCH64 type, including the TLS LE load/store
// types debug/elf does not know.
func relocName(t uint32) string {
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
