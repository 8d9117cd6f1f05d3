package goldentest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

// TestGolden reads lir/testdata/*.txtar (except errors.txtar). The
// "input" section is a module; the test prints it ("output"), checks
// that the printed text parses back to itself, verifies each function
// ("verify"), and, if the module has a function @main, runs it ("run").
func TestGolden(t *testing.T) {
	golden.Run(t, "../../testdata/[^e]*.txtar", func(t *testing.T, g *golden.File) {
		m := golden.Parse(t, g, "input", lir.Parse)
		out := m.String()
		g.OutputString("output", out)
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
		g.OutputString("verify", verify.String())
		if m.Func("main") != nil {
			g.OutputString("run", run(m))
		}
	})
}

// TestErrors checks the messages of the parser and the verifier. In
// lir/testdata/errors.txtar, each section NAME.lir is an input and
// NAME.err the expected error.
func TestErrors(t *testing.T) {
	g, err := golden.Read(filepath.Join("..", "..", "testdata", "errors.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range g.Archive.Files {
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
		g.OutputString(name+".err", msg+"\n")
	}
	g.Check(t)
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
