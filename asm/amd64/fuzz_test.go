package amd64

import (
	"testing"
	"time"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// FuzzParse feeds arbitrary text to ParseInst and, as a source file, to
// asm.Assemble: neither may panic or hang, and an instruction that parses
// must print as text that parses back to an equal instruction and must
// encode (or fail to) without panicking. Operands that the parser's fast
// path takes must parse the same with the general parser. The corpus is
// seeded with every golden input line (testdata/*.txtar) plus
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, l := range goldenInputs(f) {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		start := time.Now()
		fastParse(t, line)
		mn, ops := splitInst(line)
		if in, err := ParseInst(mn, ops); err == nil {
			s := in.String()
			back, err := ParseInst(splitInst(s))
			if err != nil {
				t.Fatalf("%q prints as %q, which does not parse: %v", line, s, err)
			}
			if back.String() != s {
				t.Fatalf("%q prints as %q, then as %q", line, s, back.String())
			}
			// Encoding may still fail (a symbol difference that only
			// the layout can resolve), but must not panic.
			asm.EncodeInst(Arch{}, in, 0)
		}
		src := ".intel_syntax noprefix\n.text\n" + line + "\n"
		asm.Assemble(Arch{}, "fuzz.s", []byte(src))
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("%q took %v", line, d)
		}
	})
}

// goldenInputs returns the input lines of every golden file.
func goldenInputs(tb testing.TB) []string {
	var out []string
	for _, g := range asmtest.Archives(tb) {
		out = append(out, inputLines(g)...)
	}
	return out
}
