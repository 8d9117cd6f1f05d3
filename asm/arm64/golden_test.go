package arm64

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// The golden files testdata/*.txtar have an "input" section with one
// instruction per line (blank lines and lines starting with "//" are
// skipped) and an "output" section with one line per instruction, which
// asm/internal/goldentest compares (see there for the format). The tests
// here use them as input.

// goldenLines returns the instruction lines of a golden file's input.
func goldenLines(g asmtest.Archive) []string { return g.Lines("input", "//") }

// encodeLine parses and encodes one line alone.
func encodeLine(line string) (*Inst, uint32, []asm.Reloc, error) {
	in, err := Parse(asm.SplitInst(line))
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

// TestRoundTrip checks that every golden instruction prints to text that
// parses back to an equal instruction with the same encoding.
func TestRoundTrip(t *testing.T) {
	for _, g := range asmtest.Archives(t) {
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
