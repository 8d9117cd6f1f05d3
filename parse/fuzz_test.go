package parse

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
)

func addSeeds(f *testing.F) {
	for _, src := range conformanceFiles(f) {
		f.Add(src)
	}
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, path := range paths {
		if g, err := golden.Read(path); err == nil {
			f.Add(g.Input("src.n"))
		}
	}
}

// FuzzParse checks that the parser returns (never panics or hangs) on any
// input, and that every error has a position.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := ParseFile(lex.NewFileSet(), "f.n", src)
		if file == nil {
			t.Fatal("nil file")
		}
		if err != nil {
			for _, e := range err.(lex.ErrorList) {
				if !e.Pos.IsValid() {
					t.Fatalf("error without position: %v", e)
				}
			}
		}
	})
}

// FuzzRoundTrip checks the printer on every input that parses: the
// printed text parses without error, to the same tree (modulo positions),
// with the same number of comments, and prints identically again.
func FuzzRoundTrip(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fset := lex.NewFileSet()
		f1, err := ParseFile(fset, "f.n", src)
		if err != nil {
			return
		}
		var out1 strings.Builder
		ast.Fprint(&out1, fset, f1)
		fset2 := lex.NewFileSet()
		f2, err := ParseFile(fset2, "f.n", []byte(out1.String()))
		if err != nil {
			t.Fatalf("printed source does not parse: %v\n--- input\n%s\n--- printed\n%s", err, src, out1.String())
		}
		if d1, d2 := dumpNoPos(f1), dumpNoPos(f2); d1 != d2 {
			t.Fatalf("printed tree differs\n--- input\n%s\n--- printed\n%s", src, out1.String())
		}
		if len(f1.Comments) != len(f2.Comments) {
			t.Fatalf("comments lost: %d -> %d", len(f1.Comments), len(f2.Comments))
		}
		var out2 strings.Builder
		ast.Fprint(&out2, fset2, f2)
		if out1.String() != out2.String() {
			t.Fatalf("not idempotent\n--- first\n%s\n--- second\n%s", out1.String(), out2.String())
		}
	})
}
