package arm64

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// Machine returns arm64's description for the shared pipeline.
func Machine() *lower.Machine {
	return &lower.Machine{
		Name:   "arm64",
		Arch:   arm64.Arch{},
		Target: Target,
		Lower:  Lower,
		Emit: func(f *lir.Func, l *lower.Listing, opts lower.Options) error {
			return emit(f, l, opts.Safepoints)
		},
		Peephole: Peephole,
		Unwind:   unwind(),
	}
}

// Compile compiles a module into an arm64 object (lower.Compile).
func Compile(m *lir.Module, opts lower.Options) (*asm.Object, error) {
	return lower.Compile(m, Machine(), opts)
}

// Generate compiles a module into a Listing, the assembly Compile
// assembles (lower.Generate).
func Generate(m *lir.Module, opts lower.Options) (*lower.Listing, error) {
	return lower.Generate(m, Machine(), opts)
}
