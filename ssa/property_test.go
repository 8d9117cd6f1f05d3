package ssa_test

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
	"github.com/naturekit/naturekit/ssa"
	"github.com/naturekit/naturekit/ssa/internal/randprog"
)

var (
	programs  = flag.Int("programs", 5000, "number of random programs TestDifferential runs")
	firstSeed = flag.Uint64("seed", 1, "seed of the first random program")
)

// inputs are the argument pairs every random program runs with.
var inputs = [][2]uint64{{0, 0}, {7, 3}, {1 << 40, ^uint64(4)}, {^uint64(0), 9}}

// TestDifferential generates random linear functions and checks that the
// interpreter gives the same results (return value, observed values,
// errors) for the linear form, the cfg form, the SSA form, each pass run
// alone on the SSA form, and after every pass of the full pipeline; and
// that lir.Verify accepts every intermediate function.
func TestDifferential(t *testing.T) {
	n := *programs
	if testing.Short() {
		n = min(n, 200)
	}
	for i := range n {
		seed := *firstSeed + uint64(i)
		if err := checkProgram(seed); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func checkProgram(seed uint64) error {
	m := randprog.Generate(seed, randprog.Small())
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
	mod := &lir.Module{Externs: m.Externs, Funcs: []*lir.Func{f}}
	var sb strings.Builder
	for _, in := range inputs {
		observe := func(_ *interp.Machine, args []uint64) (uint64, error) {
			fmt.Fprintf(&sb, "%d,", args[0])
			return 0, nil
		}
		mc, err := interp.New(mod, map[string]interp.Extern{"observe": observe})
		if err != nil {
			return err.Error()
		}
		mc.MaxSteps = 100000
		r, err := mc.Call(f.Name, in[0], in[1])
		if err != nil {
			// Only the kind of failure: messages name registers, which
			// SSA construction renames.
			if errors.Is(err, interp.ErrTrap) {
				sb.WriteString(" trap;")
			} else {
				sb.WriteString(" error;")
			}
			continue
		}
		fmt.Fprintf(&sb, " = %d;", r)
	}
	return sb.String()
}
