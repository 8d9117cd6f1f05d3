package amd64

import (
	"encoding/hex"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// splitInst splits an instruction line into mnemonic and operands, as the
// core's text parser does.
var splitInst = asm.SplitInst

// The golden files testdata/*.txtar hold instruction lines ("input") and
// what each parses, prints and encodes to ("output"), compared by
// asm/internal/goldentest. The tests here use them as input.

// inputLines returns the instruction lines of a golden file's input
// section; lines starting with "#" are comments.
func inputLines(g asmtest.Archive) []string { return g.Lines("input", "#") }

// goldenEncodings returns every successfully encoded golden output line
// as (instruction text, code).
func goldenEncodings(t *testing.T) (texts []string, codes [][]byte) {
	for _, g := range asmtest.Archives(t) {
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
	for _, g := range asmtest.Archives(t) {
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
	for _, l := range inputLines(asmtest.Archive{Archive: a}) {
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
