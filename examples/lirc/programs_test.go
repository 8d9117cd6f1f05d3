package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/lir"
)

// TestPrograms compiles the LIR modules in testdata/*.txtar (section
// "input") to executables, with and without optimisation, runs them and
// checks that their output and exit status equal the interpreter's.
func TestPrograms(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no programs")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			m := parseArchive(t, file)
			want := interpret(t, m)
			for _, c := range configs {
				if got := native(t, m, c); got != want {
					t.Errorf("%s: native run\n got stdout %q status %d\nwant stdout %q status %d",
						c.name, got.stdout, got.status, want.stdout, want.status)
				}
			}
		})
	}
}

func parseArchive(t *testing.T, file string) *lir.Module {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "input" {
			m, err := lir.Parse(file, string(f.Data))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatal("no input section")
	return nil
}

// TestDeterministic compiles the same module twice and compares the
// executables byte for byte.
func TestDeterministic(t *testing.T) {
	for _, file := range []string{"testdata/fib.txtar", "testdata/floats.txtar"} {
		m := parseArchive(t, file)
		a, err := Build(m, Options(true))
		if err != nil {
			t.Fatal(err)
		}
		b, err := Build(parseArchive(t, file), Options(true))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two compilations differ", file)
		}
	}
}
