package asm

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzAssemble feeds arbitrary text to the core's parser and layout: it
// must return an object or an error, never panic or hang.
func FuzzAssemble(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, fl := range ar.Files {
			if fl.Name == "input.s" {
				f.Add(string(fl.Data))
			}
		}
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
	files, _ := filepath.Glob("testdata/*.txtar")
	var inputs [][]byte
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, txtar.Parse(data).Files[0].Data)
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = assembleDump("input.s", in)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, in := range inputs {
				if got := assembleDump("input.s", in); got != want[i] {
					t.Errorf("input %d: concurrent result differs", i)
				}
			}
		}()
	}
	wg.Wait()
}
