package amd64

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/ssa"
)

// TestGolden reads testdata/*.txtar. Each archive's "input" section is a
// module; the test computes
//
//	lower     each function after cfg.Build, ssa.Build and Lower
//	asm       the module's assembly, with the SSA passes and the
//	          peephole pass (what lirc -O -S prints)
//	asm-O0    the same without SSA passes and peephole
//
// and compares them with the archive (go test -update rewrites it). It
// also checks that the lowered functions pass lir.Verify and that the
// assembly text assembles to the bytes Compile produces.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		input := g.InputString("input")
		g.OutputString("lower", lowered(t, g.Path, input))
		g.OutputString("asm", listing(t, g.Path, input, Options{Passes: ssa.Passes(), Peephole: true, Verify: true}))
		g.OutputString("asm-O0", listing(t, g.Path, input, Options{Verify: true}))
	})
}

func parse(t *testing.T, file, src string) *lir.Module {
	t.Helper()
	m, err := lir.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// lowered returns every function of the module after Lower.
func lowered(t *testing.T, file, src string) string {
	var sb strings.Builder
	for _, f := range parse(t, file, src).Funcs {
		if err := cfg.Build(f); err != nil {
			t.Fatal(err)
		}
		if err := ssa.Build(f); err != nil {
			t.Fatal(err)
		}
		if err := Lower(f); err != nil {
			t.Fatal(err)
		}
		if err := lir.Verify(f); err != nil {
			t.Fatalf("lowered @%s: %v\n%s", f.Name, err, f)
		}
		sb.WriteString(f.String())
	}
	return sb.String()
}

// listing returns the module's assembly, after checking that assembling
// it as text gives the bytes Compile gives.
func listing(t *testing.T, file, src string, opts Options) string {
	l, err := Generate(parse(t, file, src), opts)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := Compile(parse(t, file, src), opts)
	if err != nil {
		t.Fatal(err)
	}
	text, err := asm.Assemble(amd64.Arch{}, file+".s", []byte(l.String()))
	if err != nil {
		t.Fatalf("assembling the listing: %v", err)
	}
	for _, s := range obj.Sections {
		if ts := text.Section(s.Name); ts == nil || string(ts.Data) != string(s.Data) {
			t.Errorf("section %s: the listing assembles to other bytes than Compile's", s.Name)
		}
	}
	return l.String()
}

// TestDeterministic compiles a module twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		g, err := golden.Read(file)
		if err != nil {
			t.Fatal(err)
		}
		var objs [2]string
		for i := range objs {
			obj, err := Compile(parse(t, file, g.InputString("input")), Options{Passes: ssa.Passes(), Peephole: true})
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			obj.Dump(&sb)
			objs[i] = sb.String()
		}
		if objs[0] != objs[1] {
			t.Errorf("%s: two compilations differ", file)
		}
	}
}
