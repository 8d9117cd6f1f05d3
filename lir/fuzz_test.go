package lir_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/lir"
)

// FuzzParse checks that the parser never panics, and that whatever it
// accepts prints as text that parses back to the same text. The seeds
// are every LIR text under testdata; crashers found by the fuzzer are
// kept in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range ar.Files {
			f.Add(string(s.Data))
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, err := lir.Parse("fuzz", src)
		if err != nil {
			return
		}
		for _, fn := range m.Funcs {
			_ = lir.Verify(fn)
		}
		text := m.String()
		m2, err := lir.Parse("printed", text)
		if err != nil {
			t.Fatalf("printed module does not parse: %v\n%s", err, text)
		}
		if text2 := m2.String(); text2 != text {
			t.Fatalf("round trip changed the text:\n%s\n---\n%s", text, text2)
		}
	})
}
