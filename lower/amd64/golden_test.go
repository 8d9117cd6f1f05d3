package amd64

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/ssa"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

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
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			input := section(ar, "input")
			got := map[string]string{
				"lower":  lowered(t, file, input),
				"asm":    listing(t, file, input, Options{Passes: ssa.Passes(), Peephole: true, Verify: true}),
				"asm-O0": listing(t, file, input, Options{Verify: true}),
			}
			names := []string{"lower", "asm", "asm-O0"}
			if *update {
				out := &txtar.Archive{Comment: ar.Comment, Files: []txtar.File{{Name: "input", Data: []byte(input)}}}
				for _, n := range names {
					out.Files = append(out.Files, txtar.File{Name: n, Data: []byte(got[n])})
				}
				if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, n := range names {
				if diff := cmp.Diff(section(ar, n), got[n]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", n, diff)
				}
			}
		})
	}
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
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
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var objs [2]string
		for i := range objs {
			obj, err := Compile(parse(t, file, section(ar, "input")), Options{Passes: ssa.Passes(), Peephole: true})
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
