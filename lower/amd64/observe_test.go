package amd64

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/ssa"
)

// testModule returns the input module of a golden file.
func testModule(t *testing.T, name string) *lir.Module {
	t.Helper()
	g, err := golden.Read("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, name, g.InputString("input"))
}

// TestObserve checks that Observe sees every stage of every function in
// the order the back end runs them, that what it sees at the last stage
// is what Generate assembles, and that the calls do not depend on the
// number of workers (apart from their interleaving).
func TestObserve(t *testing.T) {
	m := testModule(t, "shrinkwrap.txtar") // four functions
	sccp, _ := ssa.PassNamed("sccp")
	gvn, _ := ssa.PassNamed("gvn")
	passes := []ssa.Pass{sccp, gvn, sccp}
	want := []string{"cfg", "ssa", "pass sccp", "pass gvn", "pass sccp", "lower", "split", "regalloc", "emit", "peephole"}
	for _, workers := range []int{1, 4} {
		var mu sync.Mutex
		stages := map[string][]string{}
		var order []string
		var code strings.Builder
		opts := Options{Passes: passes, Peephole: true, Verify: true, Workers: workers}
		opts.Observe = func(s Stage) {
			mu.Lock()
			defer mu.Unlock()
			if s.Func == nil || (s.Code == nil) != (s.Name != lower.StageEmit && s.Name != lower.StagePeephole) {
				t.Errorf("stage %s: Func %v, Code %v", s, s.Func != nil, s.Code != nil)
				return
			}
			if _, seen := stages[s.Func.Name]; !seen {
				order = append(order, s.Func.Name)
			}
			stages[s.Func.Name] = append(stages[s.Func.Name], s.String())
			if s.Name == lower.StagePeephole && workers == 1 {
				for _, it := range s.Code.Items {
					code.WriteString((&Listing{Items: []Item{it}}).String())
				}
			}
		}
		l, err := Generate(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Funcs {
			if got := stages[f.Name]; !slices.Equal(got, want) {
				t.Errorf("workers %d: @%s: stages %q, want %q", workers, f.Name, got, want)
			}
		}
		if workers != 1 {
			continue
		}
		var names []string
		for _, f := range m.Funcs {
			names = append(names, f.Name)
		}
		if !slices.Equal(order, names) {
			t.Errorf("with one worker the functions came in the order %q, want %q", order, names)
		}
		// The observed code of each function, stripped of the per-item
		// ".intel_syntax" header, is the listing's text section.
		text := strings.ReplaceAll(code.String(), "\t.intel_syntax noprefix\n", "")
		if !strings.Contains(l.String(), text) {
			t.Errorf("the observed code is not what Generate lists:\n%s\nlisting:\n%s", text, l)
		}
	}
}

// TestVerifyEveryStage checks that a pass that breaks the LIR is
// reported as an error naming the function and the pass, after Observe
// has been shown the broken function.
func TestVerifyEveryStage(t *testing.T) {
	broken := ssa.Pass{Name: "break", Run: func(f *lir.Func) error {
		b := &f.Blocks[len(f.Blocks)-1]
		b.Instrs = b.Instrs[:len(b.Instrs)-1] // drop the terminator
		return nil
	}}
	var seen []string
	opts := Options{Passes: []ssa.Pass{broken}, Verify: true, Workers: 1, Observe: func(s Stage) { seen = append(seen, s.String()) }}
	_, err := Generate(testModule(t, "fib.txtar"), opts)
	if err == nil || !strings.Contains(err.Error(), ": after pass break: ") || !strings.HasPrefix(err.Error(), "@") {
		t.Fatalf("error %v, want one naming the function and \"after pass break\"", err)
	}
	if !slices.Contains(seen, "pass break") {
		t.Errorf("Observe did not see the broken function: %q", seen)
	}
	failing := ssa.Pass{Name: "fail", Run: func(*lir.Func) error { return errors.New("no") }}
	_, err = Generate(testModule(t, "fib.txtar"), Options{Passes: []ssa.Pass{failing}})
	if err == nil || !strings.HasSuffix(err.Error(), ": pass fail: no") {
		t.Errorf("error %v, want one ending in \"pass fail: no\"", err)
	}
}
