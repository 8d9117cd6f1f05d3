package lex

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*.txtar")

// TestGolden scans the src.n section of each testdata/*.txtar and compares
// the token dump with the tokens section and the errors with the errors
// section.
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
			src := section(ar, "src.n")
			fset := NewFileSet()
			f := fset.AddFile("src.n", src)
			var toks, errs bytes.Buffer
			Print(&errs, FprintTokens(&toks, f))
			check(t, path, ar, "tokens", toks.Bytes())
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
