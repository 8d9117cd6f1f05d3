package gofront_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/rt/gofront"
)

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
// the errors with the archive's "errors" section; -update rewrites it.
func TestReject(t *testing.T) {
	golden.Run(t, "testdata/reject/*.txtar", func(t *testing.T, g *golden.File) {
		if !g.Has("errors") {
			t.Fatal("no errors section")
		}
		_, err := gofront.Compile(gofront.Config{FS: withPackage(t, g.Archive), Packages: []string{"github.com/naturekit/naturekit/rt/t"}})
		var list gofront.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("Compile = %v, want an ErrorList", err)
		}
		for _, e := range list {
			if !strings.Contains(e.Msg, "is not allowed in the runtime (") && !strings.Contains(e.Msg, "are not allowed in the runtime (") {
				t.Errorf("%v: not of the form \"<what> is (or are) not allowed in the runtime (...)\"", e)
			}
		}
		g.OutputString("errors", err.Error()+"\n")
	})
}
