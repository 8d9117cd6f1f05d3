package cfg_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
)

// TestGolden reads testdata/*.txtar. The "input" section holds one
// function in linear form. The test builds its CFG ("cfg", or the error),
// lists each block's predecessors and successors ("edges"), and splits
// critical edges ("split"). Every result must pass lir.Verify and
// round-trip through the text format.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		f := golden.Parse(t, g, "input", lir.ParseFunc)
		errText := ""
		if err := cfg.Build(f); err != nil {
			errText = err.Error() + "\n"
		}
		g.OutputString("error", errText)
		check(t, f)
		g.OutputString("cfg", f.String())
		g.OutputString("edges", edges(f))
		cfg.SplitCriticalEdges(f)
		check(t, f)
		g.OutputString("split", f.String())
	})
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
