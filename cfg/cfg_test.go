package cfg_test

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
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden reads testdata/*.txtar. The "input" section holds one
// function in linear form. The test builds its CFG ("cfg", or the error),
// lists each block's predecessors and successors ("edges"), and splits
// critical edges ("split"). Every result must pass lir.Verify and
// round-trip through the text format.
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
			f, err := lir.ParseFunc(file, section(ar, "input"))
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			got := map[string]string{}
			add := func(name, text string) {
				names = append(names, name)
				got[name] = text
			}
			if err := cfg.Build(f); err != nil {
				add("error", err.Error()+"\n")
			}
			check(t, f)
			add("cfg", f.String())
			add("edges", edges(f))
			cfg.SplitCriticalEdges(f)
			check(t, f)
			add("split", f.String())
			writeOrCompare(t, file, ar, names, got)
		})
	}
}

func check(t *testing.T, f *lir.Func) {
	t.Helper()
	if err := lir.Verify(f); err != nil {
		t.Fatalf("%v\n%s", err, f)
	}
	g, err := lir.ParseFunc("reparse", f.String())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.String(), g.String()); diff != "" {
		t.Fatalf("round trip:\n%s", diff)
	}
}

func edges(f *lir.Func) string {
	var sb strings.Builder
	names := func(bs []lir.BlockID) string {
		s := make([]string, len(bs))
		for i, b := range bs {
			s[i] = f.BlockName(b)
		}
		return strings.Join(s, " ")
	}
	for b, blk := range f.Blocks {
		fmt.Fprintf(&sb, "%s: preds [%s] succs [%s]\n", f.BlockName(lir.BlockID(b)), names(blk.Preds), names(blk.Succs))
	}
	return sb.String()
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func writeOrCompare(t *testing.T, file string, ar *txtar.Archive, names []string, got map[string]string) {
	t.Helper()
	if *update {
		out := &txtar.Archive{Comment: ar.Comment}
		out.Files = append(out.Files, txtar.File{Name: "input", Data: []byte(section(ar, "input"))})
		for _, n := range names {
			out.Files = append(out.Files, txtar.File{Name: n, Data: []byte(got[n])})
		}
		if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, f := range ar.Files {
		if _, ok := got[f.Name]; !ok && f.Name != "input" {
			t.Errorf("unexpected section %s", f.Name)
		}
	}
	for _, n := range names {
		if diff := cmp.Diff(section(ar, n), got[n]); diff != "" {
			t.Errorf("section %s (-want +got):\n%s", n, diff)
		}
	}
}
