package object_test

import (
	"math/rand"
	"path/filepath"
	"testing"

	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestMutations is a deterministic complement to FuzzRead that runs in
// every "go test": random byte changes to the seed corpus must never make
// Read or Marshal panic.
func TestMutations(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzRead/*")
	var seeds [][]byte
	for _, f := range files {
		seeds = append(seeds, linktest.CorpusSeed(t, f))
	}
	if len(seeds) == 0 {
		t.Fatal("no seed corpus")
	}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < n; i++ {
		b := append([]byte(nil), seeds[r.Intn(len(seeds))]...)
		for k := r.Intn(4) + 1; k > 0; k-- {
			b[r.Intn(len(b))] = byte(r.Intn(256))
		}
		if f, err := object.Read("mutant.o", b); err == nil {
			if _, err := f.Marshal(); err != nil {
				t.Fatalf("Marshal of an accepted object: %v", err)
			}
		}
	}
}
