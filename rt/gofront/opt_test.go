package gofront_test

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/gofront"
)

// TestOptimised checks that gofront's own optimisations fire on
// internal/testprog (TestDifferential checks that they keep the
// results): the guarded index and the masked shift of bit lose their
// checks, quotRem divides by shifting, and Optimised no longer calls
// quotRem (inlined, its result block promoted to registers) nor
// scramble (too large for the size rules, but marked
// //naturekit:inline), and still calls twice (small, but marked
// //naturekit:noinline).
func TestOptimised(t *testing.T) {
	m, err := gofront.Compile(gofront.Config{FS: rtFS, Packages: []string{testprogPath}})
	if err != nil {
		t.Fatal(err)
	}
	text := func(name string) string {
		f := m.Func("rt.gofront.internal.testprog." + name)
		if f == nil {
			t.Fatalf("no function %s", name)
		}
		return (&lir.Module{Funcs: []*lir.Func{f}}).String()
	}
	if s := text("bit"); strings.Contains(s, "rt.sys.Abort") || strings.Count(s, "ult") != 1 { // the guard i < 256 only
		t.Errorf("bit keeps a bounds or shift check:\n%s", s)
	}
	if s := text("quotRem"); strings.Contains(s, "udiv") || strings.Contains(s, "urem") {
		t.Errorf("quotRem divides:\n%s", s)
	}
	if s := text("Optimised"); strings.Contains(s, "testprog.quotRem") || strings.Contains(s, "testprog.scramble") || !strings.Contains(s, "testprog.twice") {
		t.Errorf("Optimised calls quotRem or scramble, or does not call twice:\n%s", s)
	}
	noinl, err := gofront.Compile(gofront.Config{FS: rtFS, Packages: []string{testprogPath}, NoInline: true})
	if err != nil {
		t.Fatal(err)
	}
	if s := (&lir.Module{Funcs: []*lir.Func{noinl.Func("rt.gofront.internal.testprog.Optimised")}}).String(); !strings.Contains(s, "testprog.quotRem") {
		t.Errorf("NoInline: Optimised does not call quotRem:\n%s", s)
	}
}
