package parse

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*.txtar")

// TestGolden parses the src.n section of each testdata/*.txtar and
// compares three results with the archive's sections: ast (the structural
// dump with positions), fmt (the canonical printing) and errors (every
// diagnostic in full form). Printing must be idempotent and preserve the
// tree and the comments.
func TestGolden(t *testing.T) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ar, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fset := lex.NewFileSet()
			f, err := ParseFile(fset, "src.n", section(ar, "src.n"))
			var dump, out, errs bytes.Buffer
			lex.Print(&errs, err)
			// "[no ast]" in the description skips dumps too big to review.
			if !bytes.Contains(ar.Comment, []byte("[no ast]")) {
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
			check(t, path, ar, "ast", dump.Bytes())
			check(t, path, ar, "fmt", out.Bytes())
			check(t, path, ar, "errors", errs.Bytes())
		})
	}
}

func section(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// check compares section name of the archive with got, or rewrites it
// with -update. An empty result removes the section.
func check(t *testing.T, path string, ar *txtar.Archive, name string, got []byte) {
	t.Helper()
	if *update {
		files := ar.Files[:0:0]
		for _, f := range ar.Files {
			if f.Name != name {
				files = append(files, f)
			}
		}
		if len(got) > 0 {
			files = append(files, txtar.File{Name: name, Data: got})
		}
		ar.Files = files
		if err := os.WriteFile(path, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(section(ar, name)), string(got)); diff != "" {
		t.Errorf("%s: section %s differs (-want +got):\n%s", path, name, diff)
	}
}
