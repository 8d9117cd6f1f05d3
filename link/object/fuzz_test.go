package object_test

import (
	"testing"

	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// FuzzRead checks that Read never panics, and that whatever it accepts
// can be written and read again. The seed corpus (testdata/fuzz/FuzzRead)
// holds objects made by gcc for amd64 and arm64 and by this package.
func FuzzRead(f *testing.F) {
	f.Add(linktest.HandBuiltELF(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		obj, err := object.Read("fuzz.o", data)
		if err != nil {
			return
		}
		b, err := obj.Marshal()
		if err != nil {
			t.Fatalf("Marshal of an object Read accepted: %v", err)
		}
		if _, err := object.Read("again.o", b); err != nil {
			t.Fatalf("Read of a marshalled object: %v", err)
		}
	})
}
