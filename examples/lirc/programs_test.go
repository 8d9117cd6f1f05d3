package main

import (
	"bytes"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
)

// TestPrograms compiles the LIR modules in testdata/*.txtar (section
// "input") to executables, with and without optimisation, runs them and
// checks that their output and exit status equal the interpreter's.
func TestPrograms(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		m := golden.Parse(t, g, "input", lir.Parse)
		want := interpret(t, m)
		for _, c := range configs {
			if got := native(t, m, c); got != want {
				t.Errorf("%s: native run\n got stdout %q status %d\nwant stdout %q status %d",
					c.name, got.stdout, got.status, want.stdout, want.status)
			}
		}
	})
}

// parseArchive reads the module in the "input" section of a golden file.
func parseArchive(t *testing.T, file string) *lir.Module {
	t.Helper()
	g, err := golden.Read(file)
	if err != nil {
		t.Fatal(err)
	}
	return golden.Parse(t, g, "input", lir.Parse)
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
