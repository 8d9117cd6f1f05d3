package ssa_test

import (
	"fmt"
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/ssa"
)

var seeds = randprog.SeedFlags("programs", 5000, "random programs TestDifferential runs")

// TestDifferential generates random linear functions (lir/randprog, every
// feature on) and checks that the interpreter gives the same results
// (return value, observed values, errors) for the linear form, the cfg form, the SSA form, each pass run
// alone on the SSA form, and after every pass of the full pipeline; and
// that lir.Verify accepts every intermediate function.
func TestDifferential(t *testing.T) {
	for seed := range seeds.All(1, testing.Short(), 200) {
		if err := checkProgram(seed); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// config shapes the random programs.
var config = randprog.All()

func checkProgram(seed uint64) error {
	m := randprog.Generate(seed, config)
	f := m.Funcs[0]
	want := behaviour(m, f)
	stage := func(name string, g *lir.Func) error {
		if err := lir.Verify(g); err != nil {
			return fmt.Errorf("%s: %v\n%s", name, err, g)
		}
		if got := behaviour(m, g); got != want {
			return fmt.Errorf("%s changed the behaviour:\nwant %s\ngot  %s\n%s", name, want, got, g)
		}
		return nil
	}
	if err := cfg.Build(f); err != nil {
		return err
	}
	if err := stage("cfg", f); err != nil {
		return err
	}
	if err := ssa.Build(f); err != nil {
		return err
	}
	if err := stage("ssa", f); err != nil {
		return err
	}
	for _, p := range ssa.Passes() {
		g := f.Clone()
		if err := p.Run(g); err != nil {
			return err
		}
		if err := stage(p.Name+" alone", g); err != nil {
			return err
		}
	}
	for _, p := range ssa.Passes() {
		if err := p.Run(f); err != nil {
			return err
		}
		if err := stage("pipeline "+p.Name, f); err != nil {
			return err
		}
	}
	g := f.Clone()
	cfg.SplitCriticalEdges(g)
	return stage("split critical edges", g)
}

// behaviour runs f on every input and summarises what it did.
func behaviour(m *lir.Module, f *lir.Func) string {
	return randprog.Behaviour(m, f, config, 100000)
}
