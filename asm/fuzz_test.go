package asm

import (
	"testing"

	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// FuzzAssemble feeds arbitrary text to the core's parser and layout: it
// must return an object or an error, never panic or hang.
func FuzzAssemble(f *testing.F) {
	for _, g := range asmtest.Goldens(f) {
		f.Add(string(g.Section("input.s")))
	}
	f.Add(".fill 100000000, 8, 1")
	f.Add("x: .long x - y\ny: .quad 1 / 0")
	f.Fuzz(func(t *testing.T, src string) {
		obj, err := Assemble(toyArch{}, "fuzz.s", []byte(src))
		if (obj == nil) == (err == nil) {
			t.Fatalf("Assemble returned object %v and error %v", obj != nil, err)
		}
	})
}

// TestConcurrent assembles the golden inputs from many goroutines at once
// and checks every result equals the sequential one (run with -race).
func TestConcurrent(t *testing.T) {
	var inputs [][]byte
	for _, g := range asmtest.Goldens(t) {
		inputs = append(inputs, g.Section("input.s"))
	}
	asmtest.Concurrent(t, inputs, func(src []byte) ([]byte, error) {
		return []byte(assembleDump("input.s", src)), nil
	})
}
