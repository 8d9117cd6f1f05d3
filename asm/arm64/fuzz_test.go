package arm64

import (
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// FuzzParse feeds arbitrary text to the instruction parser, the encoder
// and the full assembler: none may panic or hang. Text that parses must
// print to text that parses again. The seed corpus is every golden line
// and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, g := range asmtest.Archives(f) {
		for _, l := range goldenLines(g) {
			f.Add(l)
		}
	}
	f.Fuzz(func(t *testing.T, line string) {
		mn, ops := asm.SplitInst(line)
		in, err := Parse(mn, ops)
		if err == nil {
			text := in.String()
			mn2, ops2 := asm.SplitInst(text)
			if _, err := Parse(mn2, ops2); err != nil {
				t.Errorf("%q parses, but its printed form %q does not: %v", line, text, err)
			}
			asm.EncodeInst(Arch{}, in, 0)
		}
		asm.Assemble(Arch{}, "fuzz.s", []byte(line+"\n.L1:\n"+line+"\n"))
	})
}
