package asm_test

import (
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
	"github.com/naturekit/naturekit/asm/internal/toyarch"
)

// FuzzAssemble feeds arbitrary text to the core's parser and layout: it
// must return an object or an error, never panic or hang.
func FuzzAssemble(f *testing.F) {
	for _, src := range goldenInputs(f) {
		f.Add(string(src))
	}
	f.Add(".fill 100000000, 8, 1")
	f.Add("x: .long x - y\ny: .quad 1 / 0")
	f.Fuzz(func(t *testing.T, src string) {
		obj, err := asm.Assemble(toyarch.Arch{}, "fuzz.s", []byte(src))
		if (obj == nil) == (err == nil) {
			t.Fatalf("Assemble returned object %v and error %v", obj != nil, err)
		}
	})
}

// TestConcurrent assembles the golden inputs from many goroutines at once
// and checks every result equals the sequential one (run with -race).
func TestConcurrent(t *testing.T) {
	asmtest.Concurrent(t, goldenInputs(t), func(src []byte) ([]byte, error) {
		return []byte(toyarch.AssembleDump("input.s", src)), nil
	})
}

// goldenInputs returns the input.s of every golden file (testdata/*.txtar;
// asm/internal/goldentest compares their outputs).
func goldenInputs(tb testing.TB) [][]byte {
	var inputs [][]byte
	for _, a := range asmtest.Archives(tb) {
		inputs = append(inputs, a.Section("input.s"))
	}
	return inputs
}
