package amd64

import (
	"debug/elf"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// splitInst splits an instruction line into mnemonic and operands, as the
// core's text parser does.
var splitInst = asmtest.SplitInst

// goldenLine parses, prints and encodes one instruction line and returns
// the golden output: "canonical // hex [relocs]" or "error: message".
func goldenLine(line string) string {
	mn, ops := splitInst(line)
	in, err := ParseInst(mn, ops)
	if err != nil {
		return "error: " + err.Error()
	}
	code, relocs, err := asm.EncodeInst(Arch{}, in, 0)
	if err != nil {
		return in.String() + " // error: " + err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s // %x", in, code)
	for _, r := range relocs {
		fmt.Fprintf(&b, " %v@%d:%s%+d", elf.R_X86_64(r.Type), r.Offset, r.Symbol, r.Addend)
	}
	return b.String()
}

// inputLines returns the instruction lines of a golden file's input
// section; lines starting with "#" are comments.
func inputLines(g asmtest.Golden) []string { return g.Lines("input", "#") }

// TestGolden checks every testdata/*.txtar: the "input" section's
// instructions, parsed, printed and encoded, must give the "output"
// section. Run with -update to regenerate the outputs.
func TestGolden(t *testing.T) {
	asmtest.Check(t, "output", func(t *testing.T, g asmtest.Golden) string {
		var out strings.Builder
		for _, l := range inputLines(g) {
			out.WriteString(goldenLine(l))
			out.WriteByte('\n')
		}
		return out.String()
	})
}

// goldenEncodings returns every successfully encoded golden output line
// as (instruction text, code).
func goldenEncodings(t *testing.T) (texts []string, codes [][]byte) {
	for _, g := range asmtest.Goldens(t) {
		for _, l := range g.Lines("output", "#") {
			text, rest, ok := strings.Cut(l, " // ")
			if !ok || strings.HasPrefix(rest, "error") {
				continue
			}
			h, _, _ := strings.Cut(rest, " ")
			code, err := hex.DecodeString(h)
			if err != nil {
				t.Fatalf("%s: bad golden line %q", g.File, l)
			}
			texts, codes = append(texts, text), append(codes, code)
		}
	}
	return texts, codes
}

// TestRoundTrip checks that printing then parsing gives back an equal
// instruction, for every golden input.
func TestRoundTrip(t *testing.T) {
	for _, g := range asmtest.Goldens(t) {
		for _, l := range inputLines(g) {
			in, err := ParseInst(splitInst(l))
			if err != nil {
				continue
			}
			s := in.String()
			back, err := ParseInst(splitInst(s))
			if err != nil {
				t.Errorf("%q printed as %q, which does not parse: %v", l, s, err)
				continue
			}
			if *back != *in {
				t.Errorf("%q -> %q -> different instruction:\n%+v\n%+v", l, s, in, back)
			}
		}
	}
}

// TestAssembleErrors assembles every line of testdata/errors.txtar as a
// source file of its own: asm.Assemble must fail and name the line (the
// core adds the position; Arch.ParseInst leaves the encoding check to
// Encode, so this also checks that deferred errors are reported).
func TestAssembleErrors(t *testing.T) {
	a, err := txtar.ParseFile("testdata/errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range inputLines(asmtest.Golden{Archive: a}) {
		_, err := asm.Assemble(Arch{}, "in.s", []byte(".intel_syntax noprefix\n.text\n"+l+"\n"))
		if err == nil {
			t.Errorf("%q assembles without error", l)
			continue
		}
		if !strings.HasPrefix(err.Error(), "in.s:3: ") {
			t.Errorf("%q: error %q does not name line 3", l, err)
		}
	}
}
