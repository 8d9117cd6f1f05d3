package lex

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzScan checks that the scanner terminates on any input without
// panicking, that positions stay inside the file and increase, and that
// every error has a position.
func FuzzScan(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, path := range paths {
		ar, err := txtar.ParseFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if file.Name == "src.n" {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("fn main() { println('a\\x4') /* x"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fset := NewFileSet()
		file := fset.AddFile("f.n", src)
		items, comments, errs := ScanFile(file)
		if len(items) > len(src)+2 {
			t.Fatalf("%d tokens for %d bytes", len(items), len(src))
		}
		last := Pos(0)
		for _, it := range items {
			if it.Pos < last || file.Offset(it.Pos) > len(src) {
				t.Fatalf("bad position %d after %d", it.Pos, last)
			}
			last = it.Pos
		}
		if items[len(items)-1].Tok != EOF {
			t.Fatal("missing EOF")
		}
		for _, c := range comments {
			if file.Offset(c.Pos) > len(src) {
				t.Fatalf("comment outside the file")
			}
		}
		for _, e := range errs {
			if !e.Pos.IsValid() {
				t.Fatalf("error without position: %v", e)
			}
		}
	})
}
