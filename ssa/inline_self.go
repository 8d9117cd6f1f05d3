package ssa

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// SelfInlineBudget is the largest recursive function SelfInline unrolls,
// in instructions (labels not counted), SelfInlineDepth the most levels
// it unrolls and SelfInlineMax the most instructions the function may
// have after unrolling. Each level replaces every self-call by a copy
// of the original body, so a function of n instructions with k
// self-calls grows to n·(1 + k + k² + ...) (fib, n = 10 and k = 2: 7
// copies, 70 instructions, at depth 2); a level that would pass
// SelfInlineMax is not done.
const (
	SelfInlineBudget = 24
	SelfInlineDepth  = 2
	SelfInlineMax    = 160
)

// SelfInline is a module pass: it unrolls the recursion of small
// self-recursive functions (what gcc -O2 does to fib), replacing the
// direct calls a function makes to itself by copies of its own body,
// SelfInlineDepth levels deep; the calls in the innermost copies stay
// calls, so the recursion itself is unchanged and only every
// (SelfInlineDepth+1)-th level of it is a call (fib(38): a third of
// the calls). The copies are made as Inline makes them (expand: fresh
// registers, blocks and slots, the callee's positions, no entry
// safepoint: the function itself still polls on entry, once per call,
// and a copy's loops keep their own polls).
//
// Only functions whose every call is a direct call of themselves are
// unrolled: no runtime call (raising an error, a bounds check's panic,
// allocation, printing), no call of another function and no indirect
// call. So nothing that prints a backtrace (an uncaught error pushes
// its frames through the runtime) or that a callee could observe can
// run inside a copy, and a fault in one (a nil load, a division by
// zero) is reported at the same position, in the same function. What
// changes is the depth of the machine stack: fewer, larger frames, so
// a recursion that runs out of stack still does (unbounded recursion
// cannot be unrolled away), at another depth.
//
// As with Inline, a function SelfInline changes is replaced in m.Funcs
// by a changed copy; no *lir.Func is modified.
func SelfInline(m *lir.Module) error {
	return SelfInlineWith(m, SelfInlineBudget, SelfInlineDepth, SelfInlineMax, false)
}

// SelfInlineWith is SelfInline with other limits, and with other calls
// allowed in the functions it unrolls when calls is set (the copies keep
// them). Tests use it to unroll random functions.
func SelfInlineWith(m *lir.Module, budget, depth, max int, calls bool) error {
	for i, f := range m.Funcs {
		n, k := selfRecursive(f, budget, calls)
		if k == 0 {
			continue
		}
		levels, size, copies := 0, n, 1
		for levels < depth && size+copies*k*n <= max {
			copies *= k
			size += copies * n
			levels++
		}
		if levels == 0 {
			continue
		}
		g := f.Clone()
		self := map[string]*lir.Func{f.Name: f}
		for d := 0; d < levels; d++ {
			if err := inlineCalls(g, self); err != nil {
				return fmt.Errorf("selfinline: @%s: %w", f.Name, err)
			}
		}
		m.Funcs[i] = g
	}
	return nil
}

// selfRecursive returns the instructions of f (labels not counted) and
// its calls of itself, when f is in linear form, of at most budget
// instructions, and makes no call but of itself (unless calls is set);
// k is 0 otherwise.
func selfRecursive(f *lir.Func, budget int, calls bool) (n, k int) {
	if f.Form != lir.Linear {
		return 0, 0
	}
	for _, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Label:
			continue
		case *lir.Phi:
			return 0, 0
		case *lir.Call:
			switch {
			case in.Opcode == lir.OpCall && in.Callee.Kind == lir.SymOperand && f.Syms[in.Callee.Index] == f.Name:
				k++
			case !calls:
				return 0, 0
			}
		}
		if n++; n > budget {
			return 0, 0
		}
	}
	return n, k
}
