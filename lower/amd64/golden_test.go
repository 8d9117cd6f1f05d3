package amd64

import (
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower/lowertest"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden checks testdata/*.txtar (lowertest.Golden): the lowered
// functions, and the assembly with the SSA passes and the peephole pass
// (what lirc -O -S prints) and without.
func TestGolden(t *testing.T) { lowertest.Golden(t, Machine(), "testdata/*.txtar", nil) }

func parse(t *testing.T, file, src string) *lir.Module { return lowertest.Parse(t, file, src) }

// TestDeterministic compiles each module twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	lowertest.Deterministic(t, Machine(), "testdata/*.txtar", Options{Passes: ssa.Passes(), Peephole: true})
}
