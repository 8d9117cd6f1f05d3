package goldentest

import (
	"bytes"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
)

// TestGolden scans the src.n section of each lex/testdata/*.txtar and
// compares the token dump with the tokens section and the errors with
// the errors section.
func TestGolden(t *testing.T) {
	golden.Run(t, "../../testdata/*.txtar", func(t *testing.T, g *golden.File) {
		fset := lex.NewFileSet()
		f := fset.AddFile("src.n", g.Input("src.n"))
		var toks, errs bytes.Buffer
		lex.Print(&errs, lex.FprintTokens(&toks, f))
		g.Output("tokens", toks.Bytes())
		g.Output("errors", errs.Bytes())
	})
}
