package gofront_test

import (
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/gofront"
)

// TestCompileRuntime compiles every runtime package of the checkout and
// verifies the LIR.
func TestCompileRuntime(t *testing.T) {
	var paths []string
	for _, p := range []string{"sys", "alloc", "gc", "sched", "lang", "start"} {
		paths = append(paths, "github.com/naturekit/naturekit/rt/"+p)
	}
	m, err := gofront.Compile(gofront.Config{FS: rtFS, Packages: paths})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Funcs {
		if err := lir.Verify(f); err != nil {
			t.Errorf("@%s: %v", f.Name, err)
		}
	}
	text := m.String()
	back, err := lir.Parse("runtime.lir", text)
	if err != nil {
		t.Fatal(err)
	}
	if back.String() != text {
		t.Error("the runtime's LIR does not round-trip through its text form")
	}
	t.Logf("%d functions, %d globals, externs %v", len(m.Funcs), len(m.Globals), m.Externs)
}
