package ssa_test

import (
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/ssa"
)

// TestInline reads testdata/inline/*.txtar: a module in linear form
// ("input"), the module after ssa.Inline ("inlined"), @main after the
// whole pipeline ("optimized"), and what @main returns and prints
// ("run"), which must be the same before and after.
func TestInline(t *testing.T) {
	golden.Run(t, "testdata/inline/*.txtar", func(t *testing.T, g *golden.File) {
		m := golden.Parse(t, g, "input", lir.Parse)
		want := runMain(m, m.Func("main"))
		orig := m.String()
		mod := *m
		mod.Funcs = append([]*lir.Func(nil), m.Funcs...)
		if err := ssa.Inline(&mod); err != nil {
			t.Fatal(err)
		}
		if m.String() != orig {
			t.Errorf("Inline changed its input's functions")
		}
		g.OutputString("inlined", mod.String())
		f := mod.Func("main").Clone()
		for _, fn := range mod.Funcs {
			if err := lir.Verify(fn); err != nil {
				t.Fatalf("after inline: %v", err)
			}
		}
		if got := runMain(&mod, f); got != want {
			t.Errorf("inlined @main: %s, want %s", got, want)
		}
		if err := cfgBuild(f); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Build(f); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Optimize(f, ssa.Passes(), true); err != nil {
			t.Fatal(err)
		}
		g.OutputString("optimized", f.String())
		if got := runMain(&mod, f); got != want {
			t.Errorf("optimized @main: %s, want %s", got, want)
		}
		g.OutputString("run", want+"\n")
	})
}

func cfgBuild(f *lir.Func) error { return cfg.Build(f) }

// runMain runs main (in place of @main) with the module's other
// functions, as runFunc runs one function.
func runMain(m *lir.Module, main *lir.Func) string {
	mod := &lir.Module{Externs: m.Externs, Globals: m.Globals}
	for _, f := range m.Funcs {
		if f.Name == "main" {
			f = main
		}
		mod.Funcs = append(mod.Funcs, f)
	}
	return run(mod, "main")
}

// TestInlineDifferential generates random modules of several functions,
// each calling the ones before it (lir/randprog), inlines every callee
// whatever its size and its calls (ssa.InlineWith), and checks that the last function behaves the same in the interpreter
// after inlining and after the whole pipeline.
func TestInlineDifferential(t *testing.T) {
	c := randprog.Small()
	c.Funcs, c.Floats = 3, 2
	c.EarlyReturns, c.Swaps, c.Narrow, c.WideConsts = true, true, true, true
	n, inlined := 0, 0
	for seed := range seeds.All(5, testing.Short(), 100) {
		n++
		m := randprog.Generate(seed, c)
		last := m.Funcs[len(m.Funcs)-1]
		want := randprog.Behaviour(m, last, c, 100000)
		mod := *m
		mod.Funcs = append([]*lir.Func(nil), m.Funcs...)
		if err := ssa.InlineWith(&mod, 1<<20, true); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		f := mod.Funcs[len(mod.Funcs)-1]
		if f != last {
			inlined++
		}
		if err := lir.Verify(f); err != nil {
			t.Fatalf("seed %d: after inline: %v\n%s", seed, err, f)
		}
		if got := randprog.Behaviour(&mod, f, c, 100000); got != want {
			t.Fatalf("seed %d: inlining changed the behaviour:\nwant %s\ngot  %s\n%s", seed, want, got, f)
		}
		g := f.Clone()
		if err := cfg.Build(g); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Build(g); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Optimize(g, ssa.Passes(), true); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if got := randprog.Behaviour(&mod, g, c, 100000); got != want {
			t.Fatalf("seed %d: optimised after inlining:\nwant %s\ngot  %s\n%s", seed, want, got, g)
		}
	}
	if inlined < n/10 {
		t.Errorf("only %d of %d programs had a call inlined", inlined, n)
	}
}
