package randprog_test

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
)

// configs are the shapes the tests of other modules use.
var configs = map[string]randprog.Config{
	"small": randprog.Small(),
	"all":   randprog.All(),
	"module": {Vars: 3, Floats: 1, MaxDepth: 2, Stmts: 5, Funcs: 6, FloatParam: true,
		Observe: "print_i64", EarlyReturns: true, Narrow: true, WideConsts: true},
}

// TestValid checks that generated modules verify, print as text that
// parses back to the same text, and run in the interpreter without
// trapping, within a step budget.
func TestValid(t *testing.T) {
	for name, c := range configs {
		t.Run(name, func(t *testing.T) {
			for seed := range uint64(300) {
				m := randprog.Generate(seed, c)
				for _, f := range m.Funcs {
					if err := lir.Verify(f); err != nil {
						t.Fatalf("seed %d: %v\n%s", seed, err, f)
					}
				}
				text := m.String()
				back, err := lir.Parse("rand", text)
				if err != nil {
					t.Fatalf("seed %d: %v\n%s", seed, err, text)
				}
				if back.String() != text {
					t.Fatalf("seed %d: text does not round-trip", seed)
				}
				for _, f := range m.Funcs {
					b := randprog.Behaviour(m, f, c, 1_000_000)
					if strings.Contains(b, "trap") || strings.Contains(b, "error") {
						t.Fatalf("seed %d: @%s: %s\n%s", seed, f.Name, b, text)
					}
				}
			}
		})
	}
}

// TestDeterministic checks that a seed gives the same module every time
// and different seeds different modules.
func TestDeterministic(t *testing.T) {
	c := randprog.All()
	a, b := randprog.Generate(7, c).String(), randprog.Generate(7, c).String()
	if a != b {
		t.Error("seed 7 gave two different modules")
	}
	if a == randprog.Generate(8, c).String() {
		t.Error("seeds 7 and 8 gave the same module")
	}
}

// TestMinInstrs checks that MinInstrs grows the function.
func TestMinInstrs(t *testing.T) {
	c := randprog.Small()
	c.MinInstrs = 5000
	if n := len(randprog.Generate(1, c).Funcs[0].Linear); n < 5000 {
		t.Errorf("%d instructions, want at least 5000", n)
	}
}
