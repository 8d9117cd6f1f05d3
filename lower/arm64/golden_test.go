package arm64

import (
	"testing"

	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/lowertest"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden checks testdata/*.txtar, the inputs of lower/amd64's
// golden files (lowertest.Golden: the lowered functions, the -O and -O0
// assembly), and that GNU aarch64-linux-gnu-as assembles every listing
// to the same bytes as ours.
func TestGolden(t *testing.T) {
	lowertest.Golden(t, Machine(), "testdata/*.txtar", func(t *testing.T, name, listing string) {
		lowertest.GNUSame(t, arm64.Arch{}, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu", name, listing)
	})
}

// TestDeterministic compiles each module twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	lowertest.Deterministic(t, Machine(), "testdata/*.txtar", lower.Options{Passes: ssa.Passes(), Peephole: true})
}
