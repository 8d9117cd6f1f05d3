package sema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

// TestGolden checks the src.n section of each testdata/*.txtar (the
// other .n sections are importable modules) and compares the
// diagnostics in full form with the errors section and, when the
// archive's description contains "[types]", the typed dump (Fprint,
// without positions) with the types section. Regenerate with -update and
// review the diff.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		files := map[string][]byte{"main.n": g.Input("src.n")}
		for _, f := range g.Archive.Files {
			if strings.HasSuffix(f.Name, ".n") && f.Name != "src.n" {
				files[f.Name] = f.Data
			}
		}
		info, err := checkFiles(t, files)
		var errs, dump bytes.Buffer
		lex.Print(&errs, err)
		if bytes.Contains(g.Archive.Comment, []byte("[types]")) && info != nil && info.Main != nil {
			for _, f := range info.Main.Files {
				Fprint(&dump, nil, f, info)
			}
		}
		g.Output("errors", errs.Bytes())
		g.Output("types", dump.Bytes())
	})
}

// parseAndCheck is the one-file pipeline used by the fuzz and
// concurrency tests.
func parseAndCheck(src []byte) (*Info, error) {
	fset := lex.NewFileSet()
	f, err := parse.ParseFile(fset, "src.n", src)
	if f == nil {
		return nil, err
	}
	return Check(fset, []*ast.File{f}, nil)
}
