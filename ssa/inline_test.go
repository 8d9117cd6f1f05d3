package ssa_test

import (
	"strings"
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
func TestInline(t *testing.T) { testModulePass(t, "testdata/inline/*.txtar", ssa.Inline) }

// TestSelfInline reads testdata/selfinline/*.txtar as TestInline reads
// its files, with ssa.SelfInline in place of ssa.Inline.
func TestSelfInline(t *testing.T) {
	testModulePass(t, "testdata/selfinline/*.txtar", ssa.SelfInline)
}

func testModulePass(t *testing.T, files string, pass func(*lir.Module) error) {
	golden.Run(t, files, func(t *testing.T, g *golden.File) {
		m := golden.Parse(t, g, "input", lir.Parse)
		want := runMain(m, m.Func("main"))
		orig := m.String()
		mod := *m
		mod.Funcs = append([]*lir.Func(nil), m.Funcs...)
		if err := pass(&mod); err != nil {
			t.Fatal(err)
		}
		if m.String() != orig {
			t.Errorf("the pass changed its input's functions")
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
		checkBehaviour(t, seed, "inlining", &mod, f, c, 100000, want)
	}
	if inlined < n/10 {
		t.Errorf("only %d of %d programs had a call inlined", inlined, n)
	}
}

// TestSelfInlineDifferential makes random functions (lir/randprog)
// recursive — a prologue that, while the low two bits of %0 are not
// zero, calls the function twice with %0 - 1 and folds the results into
// %1 — unrolls them (ssa.SelfInlineWith, with the randprog's calls of
// @observe allowed in the copies), and checks that each behaves the same
// in the interpreter after unrolling and after the whole pipeline.
func TestSelfInlineDifferential(t *testing.T) {
	c := randprog.Small()
	c.Floats = 2
	c.EarlyReturns, c.Swaps, c.Narrow, c.WideConsts = true, true, true, true
	const prologue = `	%9000:i64 = and %0, 3
	%9001:i8 = ne.i64 %9000, 0
	br %9001, rec9000, body9000
rec9000:
	%9002:i64 = sub %0, 1
	%9003:i64 = call @f(i64 %9002, i64 %1)
	%9004:i64 = xor %9003, %1
	%9005:i64 = call @f(i64 %9002, i64 %9004)
	%1:i64 = add %1, %9005
body9000:
`
	for seed := range seeds.All(20, testing.Short(), 50) {
		text := randprog.Generate(seed, c).String()
		lines := strings.SplitAfter(text, "\n")
		at := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "func @f(") {
				at = i + 1
			} else if at == i && strings.HasPrefix(l, "\tss") {
				at = i + 1
			}
		}
		if at < 0 {
			t.Fatalf("seed %d: no @f in\n%s", seed, text)
		}
		text = strings.Join(lines[:at], "") + prologue + strings.Join(lines[at:], "")
		m, err := lir.Parse("selfinline", text)
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, text)
		}
		want := randprog.Behaviour(m, m.Func("f"), c, 1000000)
		mod := *m
		mod.Funcs = append([]*lir.Func(nil), m.Funcs...)
		if err := ssa.SelfInlineWith(&mod, 1<<20, 2, 1<<20, true); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		f := mod.Func("f")
		if f == m.Func("f") {
			t.Fatalf("seed %d: @f not unrolled", seed)
		}
		checkBehaviour(t, seed, "unrolling", &mod, f, c, 1000000, want)
	}
}

// checkBehaviour checks that f, which a module pass (what) made in mod,
// verifies and behaves as want, in linear form and after the whole
// pipeline.
func checkBehaviour(t *testing.T, seed uint64, what string, mod *lir.Module, f *lir.Func, c randprog.Config, steps int64, want string) {
	t.Helper()
	if err := lir.Verify(f); err != nil {
		t.Fatalf("seed %d: after %s: %v\n%s", seed, what, err, f)
	}
	if got := randprog.Behaviour(mod, f, c, steps); got != want {
		t.Fatalf("seed %d: %s changed the behaviour:\nwant %s\ngot  %s\n%s", seed, what, want, got, f)
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
	if got := randprog.Behaviour(mod, g, c, steps); got != want {
		t.Fatalf("seed %d: optimised after %s:\nwant %s\ngot  %s\n%s", seed, what, want, got, g)
	}
}
