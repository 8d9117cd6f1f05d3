package regalloc_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// TestGolden reads testdata/*.txtar. Each archive has an "input" section
// holding a module whose first function is allocated for the mock
// target. An input in linear form goes through cfg.Build, ssa.Build,
// cfg.SplitCriticalEdges and the mock lowering first; an input in SSA
// form is taken as lowered already (critical edges are split if
// needed). The test computes the other sections:
//
//	intervals  Result.Intervals: block positions, intervals, parts and
//	           their locations, fixed intervals
//	allocated  the function after Allocate, with the spill slots and
//	           callee-saved registers Result reports
//	run        what the function returns (and passes to @observe) for
//	           the argument pairs of the differential test; the test
//	           also checks that it did the same before allocation
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		got := goldenSections(t, golden.Parse(t, g, "input", lir.Parse))
		for _, name := range []string{"intervals", "allocated", "run"} {
			g.OutputString(name, got[name])
		}
	})
}

func goldenSections(t *testing.T, m *lir.Module) map[string]string {
	f := m.Funcs[0]
	if f.Form == lir.SSA {
		if err := prepareSSA(f); err != nil {
			t.Fatal(err)
		}
	} else if err := toSSA(f); err != nil {
		t.Fatal(err)
	}
	want := behaviour(m, f, nil)
	res, err := regalloc.Allocate(f, mockTarget())
	if err != nil {
		t.Fatalf("%v\n%s", err, f)
	}
	if err := checkAllocated(f); err != nil {
		t.Fatalf("%v\n%s", err, f)
	}
	got := behaviour(m, f, mockTarget())
	if got != want {
		t.Errorf("allocation changed the behaviour:\nwant %s\ngot  %s", want, got)
	}
	var alloc strings.Builder
	alloc.WriteString(f.String())
	fmt.Fprintf(&alloc, "# spill slots %v, callee-saved registers %v\n", res.SpillSlots, res.CalleeSaved)
	return map[string]string{
		"intervals": res.Intervals(),
		"allocated": alloc.String(),
		"run":       runLines(got),
	}
}

// prepareSSA splits the critical edges of a function written in lowered
// SSA form.
func prepareSSA(f *lir.Func) error {
	cfg.SplitCriticalEdges(f)
	return lir.Verify(f)
}

// runLines puts each input's part of a behaviour summary on a line.
func runLines(b string) string {
	var sb strings.Builder
	for _, part := range strings.Split(b, ";") {
		if part = strings.TrimSpace(part); part != "" {
			sb.WriteString(part + ";\n")
		}
	}
	return sb.String()
}
