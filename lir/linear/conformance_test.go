package linear

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/linear/hostrt"
	"github.com/naturekit/naturekit/parse"
	"github.com/naturekit/naturekit/sema"
)

// The conformance cases live in package parse's copy of the shared suite.
const conformanceDir = "../../testdata/conformance"

// casePath is what runtime messages print for a file of a case unpacked
// into a directory named "case".
func casePath(name string) string { return "case/" + name }

// lower parses, checks and lowers a one-file program, main.n.
func lower(t testing.TB, src []byte) (*lir.Module, error) {
	t.Helper()
	fset := lex.NewFileSet()
	file, err := parse.ParseFile(fset, "main.n", src)
	if err != nil {
		return nil, fmt.Errorf("parse: %v", err)
	}
	files := []*ast.File{file}
	info, err := sema.Check(fset, files, nil)
	if err != nil {
		return nil, fmt.Errorf("sema: %v", err)
	}
	return Build(fset, files, info, &Config{Path: casePath})
}

// checkModule verifies every function and the text round trip.
func checkModule(t testing.TB, m *lir.Module) {
	t.Helper()
	for _, f := range m.Funcs {
		if err := lir.Verify(f); err != nil {
			t.Errorf("verify: %v", err)
		}
	}
	text := m.String()
	m2, err := lir.Parse("out.lir", text)
	if err != nil {
		t.Fatalf("parse of the output: %v", err)
	}
	if m2.String() != text {
		t.Errorf("output does not round-trip through lir.Parse")
	}
}

// TestConformance lowers every tier-1 case, verifies the output and runs
// it in the interpreter against the expected stdout and exit status.
// Run-time failure cases (tR_) run too when they lower.
func TestConformance(t *testing.T) {
	cases, err := golden.Conformance(conformanceDir, "t[1R]_*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no conformance cases: %v", err)
	}
	for _, c := range cases {
		name := c.Name
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := lower(t, c.Files["main.n"])
			if err != nil {
				if strings.HasPrefix(name, "tR_") {
					t.Skipf("not lowered yet: %v", err)
				}
				t.Fatal(err)
			}
			checkModule(t, m)
			out, status, err := hostrt.Run(m, hostrt.Limits{})
			var unsupported *hostrt.UnsupportedError
			if errors.As(err, &unsupported) && strings.HasPrefix(unsupported.Func, "rt.lang.Co") {
				// hostrt has no scheduler: coroutines run natively
				// only (examples/naturec's conformance test).
				t.Skipf("coroutines do not run in the interpreter: %v", err)
			}
			if err != nil {
				t.Fatalf("run: %v\noutput so far:\n%s", err, out)
			}
			if want := c.Expect["stdout"]; out != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
			}
			if code, _ := strconv.Atoi(strings.TrimSpace(c.Expect["exit"])); code != status {
				t.Errorf("exit status %d, want %d", status, code)
			}
		})
	}
}
