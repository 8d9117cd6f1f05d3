package regalloc_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			input := section(ar, "input")
			got := goldenSections(t, input)
			if *update {
				out := &txtar.Archive{Comment: ar.Comment}
				out.Files = append(out.Files, txtar.File{Name: "input", Data: []byte(input)})
				for _, name := range []string{"intervals", "allocated", "run"} {
					out.Files = append(out.Files, txtar.File{Name: name, Data: []byte(got[name])})
				}
				if err := os.WriteFile(file, txtar.Format(out), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"intervals", "allocated", "run"} {
				if diff := cmp.Diff(section(ar, name), got[name]); diff != "" {
					t.Errorf("section %s (-want +got):\n%s", name, diff)
				}
			}
		})
	}
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func goldenSections(t *testing.T, input string) map[string]string {
	m, err := lir.Parse("input", input)
	if err != nil {
		t.Fatal(err)
	}
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
