package lir_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden reads testdata/*.txtar (except errors.txtar). The "input"
// section is a module; the test prints it ("output"), checks that the
// printed text parses back to itself, verifies each function ("verify"),
// and, if the module has a function @main, runs it ("run").
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if filepath.Base(file) == "errors.txtar" {
			continue
		}
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			var names []string
			add := func(name, text string) {
				names = append(names, name)
				got[name] = text
			}
			m, err := lir.Parse(file, section(ar, "input"))
			if err != nil {
				t.Fatal(err)
			}
			out := m.String()
			add("output", out)
			m2, err := lir.Parse("output", out)
			if err != nil {
				t.Fatalf("printed text does not parse: %v", err)
			}
			if diff := cmp.Diff(out, m2.String()); diff != "" {
				t.Errorf("round trip (-first +second):\n%s", diff)
			}
			var verify strings.Builder
			for _, f := range m.Funcs {
				if err := lir.Verify(f); err != nil {
					fmt.Fprintf(&verify, "%v\n", err)
				} else {
					fmt.Fprintf(&verify, "@%s: ok\n", f.Name)
				}
			}
			add("verify", verify.String())
			if m.Func("main") != nil {
				add("run", run(m))
			}
			writeOrCompare(t, file, ar, names, got)
		})
	}
}

// TestErrors checks the messages of the parser and the verifier. In
// testdata/errors.txtar, each section NAME.lir is an input and NAME.err
// the expected error.
func TestErrors(t *testing.T) {
	file := "testdata/errors.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var names []string
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".lir")
		if !ok {
			continue
		}
		msg := "no error"
		m, err := lir.Parse(f.Name, string(f.Data))
		if err == nil {
			for _, fn := range m.Funcs {
				if err = lir.Verify(fn); err != nil {
					break
				}
			}
		}
		if err != nil {
			msg = err.Error()
		}
		names = append(names, name+".lir", name+".err")
		got[name+".lir"] = string(f.Data)
		got[name+".err"] = msg + "\n"
	}
	writeOrCompare(t, file, ar, names, got)
}

func section(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

func writeOrCompare(t *testing.T, file string, ar *txtar.Archive, names []string, got map[string]string) {
	t.Helper()
	if *update {
		out := &txtar.Archive{Comment: ar.Comment}
		if in := section(ar, "input"); in != "" {
			out.Files = append(out.Files, txtar.File{Name: "input", Data: []byte(in)})
		}
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
			t.Errorf("section %s (-want +got):\n%s", n, diff)
		}
	}
}

// run calls @main with no arguments; the extern print appends its
// arguments to the output and alloc returns fresh memory.
func run(m *lir.Module) string {
	var out strings.Builder
	externs := map[string]interp.Extern{
		"print": func(_ *interp.Machine, args []uint64) (uint64, error) {
			for _, a := range args {
				fmt.Fprintf(&out, "%d ", int64(a))
			}
			out.WriteString("\n")
			return 0, nil
		},
		"puts": func(mc *interp.Machine, args []uint64) (uint64, error) {
			for p := args[0]; ; p++ {
				b, err := mc.Load(p, 1)
				if err != nil || b == 0 {
					return 0, err
				}
				out.WriteByte(byte(b))
			}
		},
		"alloc": func(mc *interp.Machine, args []uint64) (uint64, error) {
			return mc.Alloc(int64(args[0]), 8), nil
		},
	}
	mc, err := interp.New(m, externs)
	if err != nil {
		return "error: " + err.Error() + "\n"
	}
	mc.MaxSteps = 1e6
	r, err := mc.Call("main")
	if err != nil {
		return fmt.Sprintf("%soutput error: %v\n", out.String(), err)
	}
	return fmt.Sprintf("%sreturned %d\n", out.String(), int64(r))
}
