package sema

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*.txtar")

// TestGolden checks the src.n section of each testdata/*.txtar (the
// other .n sections are importable modules) and compares the
// diagnostics in full form with the errors section and, when the
// archive's description contains "[types]", the typed dump (Fprint,
// without positions) with the types section. Regenerate with -update and
// review the diff.
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
			main := &txtar.Archive{Files: []txtar.File{{Name: "main.n", Data: section(ar, "src.n")}}}
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".n") && f.Name != "src.n" {
					main.Files = append(main.Files, f)
				}
			}
			info, err := checkArchive(t, main)
			var errs, dump bytes.Buffer
			lex.Print(&errs, err)
			if bytes.Contains(ar.Comment, []byte("[types]")) && info != nil && info.Main != nil {
				for _, f := range info.Main.Files {
					Fprint(&dump, nil, f, info)
				}
			}
			checkSection(t, path, ar, "errors", errs.Bytes())
			checkSection(t, path, ar, "types", dump.Bytes())
		})
	}
}

// checkSection compares section name of the archive with got, or
// rewrites it with -update. An empty result removes the section.
func checkSection(t *testing.T, path string, ar *txtar.Archive, name string, got []byte) {
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
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
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
