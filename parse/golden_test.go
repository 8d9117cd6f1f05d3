package parse

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
)

// TestGolden parses the src.n section of each testdata/*.txtar and
// compares three results with the archive's sections: ast (the structural
// dump with positions), fmt (the canonical printing) and errors (every
// diagnostic in full form). Printing must be idempotent and preserve the
// tree and the comments.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		fset := lex.NewFileSet()
		f, err := ParseFile(fset, "src.n", g.Input("src.n"))
		var dump, out, errs bytes.Buffer
		lex.Print(&errs, err)
		// "[no ast]" in the description skips dumps too big to review.
		if !bytes.Contains(g.Archive.Comment, []byte("[no ast]")) {
			ast.Dump(&dump, fset, f)
		}
		if err == nil {
			ast.Fprint(&out, fset, f)
			again, f2 := format(t, "src.n", out.Bytes())
			if again != out.String() {
				t.Errorf("printing is not idempotent:\n%s", cmp.Diff(out.String(), again))
			}
			if diff := cmp.Diff(dumpNoPos(f), dumpNoPos(f2)); diff != "" {
				t.Errorf("printed tree differs:\n%s", diff)
			}
			if len(f.Comments) != len(f2.Comments) {
				t.Errorf("%d comments, %d after printing", len(f.Comments), len(f2.Comments))
			}
		}
		g.Output("ast", dump.Bytes())
		g.Output("fmt", out.Bytes())
		g.Output("errors", errs.Bytes())
	})
}
