package asm

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// TestGolden assembles the input.s of every testdata/*.txtar with the toy
// architecture and compares the object dump (or the errors) with the
// output section.
func TestGolden(t *testing.T) {
	asmtest.Check(t, "output", func(t *testing.T, g asmtest.Golden) string {
		return assembleDump("input.s", g.Section("input.s"))
	})
}

func assembleDump(name string, src []byte) string {
	obj, err := Assemble(toyArch{}, name, src)
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	var b strings.Builder
	obj.Dump(&b)
	return b.String()
}
