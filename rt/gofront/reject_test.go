package gofront_test

import (
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/rt/gofront"
)

var update = flag.Bool("update", false, "rewrite the expected errors of testdata/reject/*.txtar")

// withPackage returns the rt module's sources with the files of a txtar
// archive added as package directory t.
func withPackage(t *testing.T, ar *txtar.Archive) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(rtFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == "gofront" || p == "internal" || p == "build" {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".asm") {
			data, err := fs.ReadFile(rtFS, p)
			if err != nil {
				return err
			}
			m[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".go") {
			m["t/"+f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return m
}

// TestReject compiles each testdata/reject/*.txtar package and compares
// the errors with the archive's "errors" file; -update rewrites it.
func TestReject(t *testing.T) {
	files, err := filepath.Glob("testdata/reject/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatal("no test files", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = gofront.Compile(gofront.Config{FS: withPackage(t, ar), Packages: []string{"github.com/naturekit/naturekit/rt/t"}})
			var list gofront.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Compile = %v, want an ErrorList", err)
			}
			got := err.Error() + "\n"
			for _, e := range list {
				if !strings.Contains(e.Msg, "is not allowed in the runtime (") && !strings.Contains(e.Msg, "are not allowed in the runtime (") {
					t.Errorf("%v: not of the form \"<what> is (or are) not allowed in the runtime (...)\"", e)
				}
			}
			var want *txtar.File
			for i := range ar.Files {
				if ar.Files[i].Name == "errors" {
					want = &ar.Files[i]
				}
			}
			if want == nil {
				t.Fatal("no errors file")
			}
			if *update {
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(want.Data), got); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
