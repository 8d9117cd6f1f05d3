package asm_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
	"github.com/naturekit/naturekit/asm/internal/toyarch"
)

// TestMacroGNU assembles the macros of testdata/macro.txtar (whose
// instructions are amd64's too) with amd64 and with GNU as: the sections'
// bytes must be the same.
func TestMacroGNU(t *testing.T) {
	var src []byte
	for _, a := range asmtest.Archives(t) {
		if a.File == "testdata/macro.txtar" {
			src = a.Section("input.s")
		}
	}
	obj, err := asm.Assemble(amd64.Arch{}, "macro.s", src)
	if err != nil {
		t.Fatal(err)
	}
	gnu := asmtest.OpenGNU(t, string(src))
	for _, name := range []string{".text", ".data"} {
		want, err := gnu.Section(name).Data()
		if err != nil {
			t.Fatal(err)
		}
		if got := obj.Section(name).Data; !bytes.Equal(got, want) {
			t.Errorf("%s: % x, GNU as % x", name, got, want)
		}
	}
}

// TestMacroLimits checks that macros which invoke others twice, or
// themselves twice, end with one error, quickly and without allocating
// what their expansion would hold.
func TestMacroLimits(t *testing.T) {
	var doubling strings.Builder
	doubling.WriteString(".data\n.macro m0\n.byte 1\n.endm\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&doubling, ".macro m%d\nm%d\nm%d\n.endm\n", i, i-1, i-1)
	}
	doubling.WriteString("m40\n")
	for _, tt := range []struct{ src, err string }{
		{doubling.String(), "in.s:165: macro expansions assemble more than 1048576 lines"},
		{".macro r\nr\nr\n.endm\nr\n", "in.s:5: macros nested too deeply (r)"},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := asm.Assemble(toyarch.Arch{}, "in.s", []byte(tt.src))
		runtime.ReadMemStats(&after)
		if err == nil || err.Error() != tt.err {
			t.Errorf("error %v, want %q", err, tt.err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<30 {
			t.Errorf("%q: allocated %d bytes", tt.err, n)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%q: took %v", tt.err, d)
		}
	}
}
