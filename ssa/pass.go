package ssa

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// A Pass is one optimisation over a function in SSA form. Each pass is
// independent: it can run alone, in any order, any number of times, and
// leaves a function that lir.Verify accepts.
type Pass struct {
	Name string
	Run  func(f *lir.Func) error
	// Module, when not nil, makes the pass a module pass: a driver runs
	// it over the whole module, in linear form, before compiling the
	// functions (lower/amd64.Generate does, whatever its place in the
	// list). Run is then a no-op, so a driver that knows only function
	// passes can still run the list.
	Module func(m *lir.Module) error
}

// Passes returns the optimisation passes in their default order. The
// slice is fresh, so a driver may filter or reorder it to switch passes
// off or on.
func Passes() []Pass {
	return []Pass{
		{Name: "inline", Run: func(*lir.Func) error { return nil }, Module: Inline},
		{Name: "selfinline", Run: func(*lir.Func) error { return nil }, Module: SelfInline},
		{"sccp", SCCP, nil},
		{"copyprop", CopyProp, nil},
		{"bce", BCE, nil},
		{"simplify", SimplifyBranches, nil},
		{"thread", Thread, nil},
		{"strength", Strength, nil},
		{"gvn", GVN, nil},
		{"copyprop", CopyProp, nil},
		// Again after GVN: two inlined copies of one check compare
		// registers that only GVN shows to be the same (rt/gc's shade:
		// Marked(idx) then SetMarked(idx)).
		{"bce", BCE, nil},
		{"rotate", Rotate, nil},
		{"loadelim", LoadElim, nil},
		{"fconst", FConst, nil},
		{"licm", LICM, nil},
		{"pollelim", PollElim, nil},
		{"dce", DCE, nil},
		{"sink", Sink, nil},
		{"layout", Layout, nil},
	}
}

// PassNamed returns the pass called name.
func PassNamed(name string) (Pass, bool) {
	for _, p := range Passes() {
		if p.Name == name {
			return p, true
		}
	}
	return Pass{}, false
}

// Optimize runs passes over f in order. With verify set it calls
// lir.Verify after every pass and stops at the first failure, naming the
// pass.
func Optimize(f *lir.Func, passes []Pass, verify bool) error {
	for _, p := range passes {
		if err := p.Run(f); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
		if verify {
			if err := lir.Verify(f); err != nil {
				return fmt.Errorf("after %s: %w", p.Name, err)
			}
		}
	}
	return nil
}

func needSSA(f *lir.Func, pass string) error {
	return lir.CheckForm(f, lir.SSA, pass)
}

// blockOf maps each placed instruction to its block (-1 for the others).
func blockOf(f *lir.Func) []lir.BlockID {
	block := make([]lir.BlockID, len(f.Instrs))
	for i := range block {
		block[i] = -1
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			block[id] = lir.BlockID(b)
		}
	}
	return block
}

// removeInstrs drops from every block the instructions for which dead
// reports true.
func removeInstrs(f *lir.Func, dead func(lir.InstrID) bool) {
	for b := range f.Blocks {
		ids := f.Blocks[b].Instrs
		kept := ids[:0]
		for _, id := range ids {
			if !dead(id) {
				kept = append(kept, id)
			}
		}
		f.Blocks[b].Instrs = kept
	}
}

// substitution maps registers to the operands replacing them, following
// chains (a register replaced by a register that is itself replaced). It
// keeps 4 bytes per register and the operands in a side list, so that the
// table stays small enough for the caches on large functions.
type substitution struct {
	rep []int32       // per register: 0, or 1 + index into ops
	ops []lir.Operand // the replacements
}

func newSubstitution(f *lir.Func) *substitution {
	return &substitution{rep: make([]int32, len(f.Values))}
}

func (s *substitution) set(v lir.Value, o lir.Operand) {
	if i := s.rep[v]; i > 0 {
		s.ops[i-1] = o
		return
	}
	s.ops = append(s.ops, o)
	s.rep[v] = int32(len(s.ops))
}

func (s *substitution) replaced(v lir.Value) bool { return s.rep[v] > 0 }

// resolve returns what o finally stands for, compressing paths.
func (s *substitution) resolve(o lir.Operand) lir.Operand {
	if o.Kind != lir.RegOperand || s.rep[o.Index] == 0 {
		return o
	}
	i := s.rep[o.Index] - 1
	r := s.resolve(s.ops[i])
	s.ops[i] = r
	return r
}

// apply rewrites every operand of the function's placed instructions.
func (s *substitution) apply(f *lir.Func) {
	var rands []*lir.Operand
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			rands = f.Instrs[id].Operands(rands[:0])
			for _, o := range rands {
				if o.Kind == lir.RegOperand {
					*o = s.resolve(*o)
				}
			}
		}
	}
}
