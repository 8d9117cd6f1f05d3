package archive_test

import (
	"testing"

	"github.com/naturekit/naturekit/link/archive"
)

// FuzzRead checks that Read never panics. The seed corpus
// (testdata/fuzz/FuzzRead) holds archives made by GNU ar.
func FuzzRead(f *testing.F) {
	f.Add([]byte(archive.Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := archive.Read("fuzz.a", data)
		if err != nil {
			return
		}
		for _, s := range a.Symbols {
			if s.Member < 0 || s.Member >= len(a.Members) {
				t.Fatalf("symbol %q: member %d out of range", s.Name, s.Member)
			}
		}
	})
}
