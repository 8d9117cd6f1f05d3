package ssa_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden reads testdata/*.txtar. Each archive has an "input" section
// holding one function in linear form; the test computes the other
// sections and compares them with the archive:
//
//	cfg        the function after cfg.Build
//	domtree    its dominator tree
//	frontiers  its dominance frontiers
//	liveness   use/def sets and live-in/live-out of the cfg form
//	ssa        after ssa.Build
//	ssa-liveness  live-in/live-out of the SSA form (phi operands are live
//	           out of their predecessor, not into the phi's block)
//	sccp, copyprop, simplify, thread, strength, gvn, rotate, loadelim, bce, fconst, licm, pollelim, dce, sink, layout   each pass
//	           alone on the ssa form
//	optimized  after all passes (ssa.Passes)
//	run        what the function prints and returns when called with no
//	           arguments; every stage above must agree
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		got := goldenSections(t, golden.Parse(t, g, "input", lir.Parse))
		for _, n := range got.names {
			g.OutputString(n, got.text[n])
		}
	})
}

// sections are a golden file's outputs in order.
type sections struct {
	names []string
	text  map[string]string
}

func (s *sections) add(name, text string) {
	if s.text == nil {
		s.text = map[string]string{}
	}
	s.names = append(s.names, name)
	s.text[name] = text
}

// clone copies f through the text format, which also checks that the
// text round-trips.
func clone(t *testing.T, f *lir.Func) *lir.Func {
	t.Helper()
	text := f.String()
	g, err := lir.ParseFunc("clone", text)
	if err != nil {
		t.Fatalf("reparse: %v\n%s", err, text)
	}
	if g.String() != text {
		t.Fatalf("round trip changed the text:\n%s\nbecame\n%s", text, g.String())
	}
	return g
}

func goldenSections(t *testing.T, m *lir.Module) sections {
	var out sections
	f := m.Funcs[0]
	run := func(stage string, f *lir.Func) string {
		res := runFunc(m, f)
		return stage + ": " + res
	}
	var runs []string
	runs = append(runs, run("linear", f))
	if err := cfg.Build(f); err != nil {
		out.add("cfg", "error: "+err.Error()+"\n")
		return out
	}
	mustVerify(t, f, "cfg")
	out.add("cfg", f.String())
	runs = append(runs, run("cfg", f))
	dom := lir.Dominators(f)
	out.add("domtree", dom.Format(f))
	out.add("frontiers", ssa.FormatFrontiers(f, ssa.Frontiers(f, dom)))
	out.add("liveness", ssa.FormatUseDef(f, ssa.ComputeUseDef(f))+ssa.FormatLiveness(f, ssa.ComputeLiveness(f)))
	if err := ssa.Build(f); err != nil {
		t.Fatal(err)
	}
	mustVerify(t, f, "ssa")
	out.add("ssa", f.String())
	out.add("ssa-liveness", ssa.FormatLiveness(f, ssa.ComputeLiveness(f)))
	runs = append(runs, run("ssa", f))
	for _, name := range []string{"sccp", "copyprop", "simplify", "thread", "strength", "gvn", "rotate", "loadelim", "bce", "fconst", "licm", "pollelim", "dce", "sink", "layout"} {
		p, _ := ssa.PassNamed(name)
		g := clone(t, f)
		if err := p.Run(g); err != nil {
			t.Fatal(err)
		}
		mustVerify(t, g, p.Name)
		out.add(p.Name, g.String())
		runs = append(runs, run(p.Name, g))
	}
	g := clone(t, f)
	if err := ssa.Optimize(g, ssa.Passes(), true); err != nil {
		t.Fatal(err)
	}
	out.add("optimized", g.String())
	runs = append(runs, run("optimized", g))
	for _, r := range runs[1:] {
		if r[strings.Index(r, ":"):] != runs[0][strings.Index(runs[0], ":"):] {
			t.Errorf("stages disagree:\n%s", strings.Join(runs, "\n"))
			break
		}
	}
	out.add("run", runs[0][strings.Index(runs[0], ":")+2:]+"\n")
	return out
}

func mustVerify(t *testing.T, f *lir.Func, stage string) {
	t.Helper()
	if err := lir.Verify(f); err != nil {
		t.Fatalf("after %s: %v\n%s", stage, err, f)
	}
}

// runFunc calls f (swapped into m) with no arguments. The externs print
// and println append their arguments to the output.
func runFunc(m *lir.Module, f *lir.Func) string {
	if len(f.Params) > 0 {
		return "(not run: takes parameters)"
	}
	return run(&lir.Module{Externs: m.Externs, Globals: m.Globals, Funcs: []*lir.Func{f}}, f.Name)
}

// run calls @name of mod in the interpreter and reports what it
// returned and printed (the externs print and println print their
// arguments), or its error.
func run(mod *lir.Module, name string) string {
	var printed strings.Builder
	pr := func(m *interp.Machine, args []uint64) (uint64, error) {
		for _, a := range args {
			fmt.Fprintf(&printed, "%d ", int64(a))
		}
		printed.WriteString("\n")
		return 0, nil
	}
	mc, err := interp.New(mod, map[string]interp.Extern{"print": pr, "println": pr})
	if err != nil {
		return "error: " + err.Error()
	}
	mc.MaxSteps = 1e6
	r, err := mc.Call(name)
	if err != nil {
		return fmt.Sprintf("error: %v (printed %q)", err, printed.String())
	}
	return fmt.Sprintf("returned %d, printed %q", int64(r), printed.String())
}
