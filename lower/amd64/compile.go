package amd64

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/regalloc"
)

// The pipeline, its options and its stages are the lower package's,
// shared with lower/arm64; these names keep amd64's API.
type (
	// An Allocator assigns registers to a lowered function in place.
	Allocator = lower.Allocator
	// Options control Compile.
	Options = lower.Options
	// A Stage is one step of a function's way through the back end.
	Stage = lower.Stage
)

// Machine returns amd64's description for the shared pipeline.
func Machine() *lower.Machine {
	return &lower.Machine{
		Name:     "amd64",
		Arch:     amd64.Arch{},
		Syntax:   ".intel_syntax noprefix",
		Target:   Target,
		Lower:    Lower,
		Emit:     func(f *lir.Func, l *Listing, opts Options) error { return emit(f, l, opts.Safepoints) },
		Peephole: Peephole,
		Unwind:   unwind(),
	}
}

// Compile compiles a module into an object: code in .text, data globals
// in .data, read-only ones and float constants in .rodata, every
// function and global a global symbol. The module is not changed. The
// same module and options always give the same bytes.
func Compile(m *lir.Module, opts Options) (*asm.Object, error) {
	return lower.Compile(m, Machine(), opts)
}

// Generate compiles a module into a Listing, the assembly Compile
// assembles.
func Generate(m *lir.Module, opts Options) (*Listing, error) {
	return lower.Generate(m, Machine(), opts)
}

// Backend takes one function from any form through the back end up to
// emission: cfg.Build and ssa.Build as needed, the SSA passes, Lower,
// critical edge splitting and register allocation (the stages lower.StageCFG
// to StageRegalloc, observed and verified as opts say). It returns f,
// rewritten in place.
func Backend(f *lir.Func, target *regalloc.Target, opts Options, alloc Allocator) (*lir.Func, error) {
	return lower.Backend(f, Lower, target, opts, alloc)
}
