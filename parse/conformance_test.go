package parse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
)

// conformanceFiles returns every .n file of the copied conformance suite.
func conformanceFiles(t testing.TB) map[string][]byte {
	cases, err := golden.Conformance("../testdata/conformance", "*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no conformance cases: %v", err)
	}
	files := map[string][]byte{}
	for _, c := range cases {
		for name, data := range c.Files {
			if strings.HasSuffix(name, ".n") {
				files[c.Name+".txtar/"+name] = data
			}
		}
	}
	return files
}

func TestConformanceParses(t *testing.T) {
	for name, src := range conformanceFiles(t) {
		if _, err := ParseFile(lex.NewFileSet(), name, src); err != nil {
			t.Errorf("%s:\n%v", name, detail(err))
		}
	}
}

func detail(err error) string {
	var b strings.Builder
	lex.Print(&b, err)
	return b.String()
}

// format parses src and prints it canonically.
func format(t testing.TB, name string, src []byte) (string, *ast.File) {
	t.Helper()
	fset := lex.NewFileSet()
	f, err := ParseFile(fset, name, src)
	if err != nil {
		t.Fatalf("%s: %s", name, detail(err))
	}
	var b strings.Builder
	if err := ast.Fprint(&b, fset, f); err != nil {
		t.Fatal(err)
	}
	return b.String(), f
}

func dumpNoPos(f *ast.File) string {
	var b strings.Builder
	ast.Dump(&b, nil, f)
	return b.String()
}

func TestConformanceRoundTrip(t *testing.T) {
	for name, src := range conformanceFiles(t) {
		out1, f1 := format(t, name, src)
		out2, f2 := format(t, name, []byte(out1))
		if out1 != out2 {
			t.Errorf("%s: printing is not idempotent:\n%s", name, cmp.Diff(out1, out2))
			continue
		}
		if d1, d2 := dumpNoPos(f1), dumpNoPos(f2); d1 != d2 {
			t.Errorf("%s: printed tree differs:\n%s", name, cmp.Diff(d1, d2))
		}
		if len(f1.Comments) != len(f2.Comments) {
			t.Errorf("%s: %d comments, %d after printing", name, len(f1.Comments), len(f2.Comments))
		}
	}
}
