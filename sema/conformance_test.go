package sema

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

// conformanceDir is the copy of the shared suite kept by parse.
const conformanceDir = "../testdata/conformance"

// checkFiles parses and checks a program given as files by name: main.n
// is the entry module, the other .n files are importable by path
// (quoted imports) or by dotted module path, and package.toml names the
// package.
func checkFiles(t testing.TB, files map[string][]byte) (*Info, error) {
	t.Helper()
	fset := lex.NewFileSet()
	srcs := map[string][]byte{}
	for name, data := range files {
		if strings.HasSuffix(name, ".n") {
			srcs[name] = data
		}
	}
	parsed := map[string]*ast.File{}
	parseFile := func(name string) (*ast.File, error) {
		if f := parsed[name]; f != nil {
			return f, nil
		}
		f, err := parse.ParseFile(fset, name, srcs[name])
		if err != nil {
			return nil, err
		}
		parsed[name] = f
		return f, nil
	}
	main, err := parseFile("main.n")
	if err != nil {
		return nil, err
	}
	pkgName := packageName(files["package.toml"])
	conf := &Config{Importer: func(p string, from *ast.File) (*Module, error) {
		var names []string
		if strings.HasSuffix(p, ".n") {
			names = []string{path.Join(path.Dir(from.Name), p)}
		} else {
			names = moduleFiles(srcs, pkgName, p)
		}
		if len(names) == 0 {
			return nil, nil
		}
		if _, ok := srcs[names[0]]; !ok {
			return nil, nil
		}
		var files []*ast.File
		for _, name := range names {
			f, err := parseFile(name)
			if err != nil {
				return nil, err
			}
			files = append(files, f)
		}
		key := names[0]
		return &Module{Key: key, Name: strings.ReplaceAll(strings.TrimSuffix(key, ".n"), "/", "."), Files: files}, nil
	}}
	return Check(fset, []*ast.File{main}, conf)
}

// conformanceCases reads the cases whose names start with prefix.
func conformanceCases(t *testing.T, prefix string) []golden.Case {
	cases, err := golden.Conformance(conformanceDir, prefix+"*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no %s cases in %s: %v", prefix, conformanceDir, err)
	}
	return cases
}

// TestConformanceT1 requires every tier-1 program to check without error.
func TestConformanceT1(t *testing.T) {
	for _, c := range conformanceCases(t, "t1_") {
		t.Run(c.Name, func(t *testing.T) {
			if _, err := checkFiles(t, c.Files); err != nil {
				var b bytes.Buffer
				lex.Print(&b, err)
				t.Errorf("unexpected errors:\n%s", b.String())
			}
		})
	}
}

// TestConformanceErrors requires every tE_ program to fail with a
// diagnostic containing its build-error text.
func TestConformanceErrors(t *testing.T) {
	for _, c := range conformanceCases(t, "tE_") {
		t.Run(c.Name, func(t *testing.T) {
			want := strings.TrimSpace(c.Expect["build-error"])
			_, err := checkFiles(t, c.Files)
			if err == nil {
				t.Fatalf("no error, want %q", want)
			}
			var b bytes.Buffer
			lex.Print(&b, err)
			if !strings.Contains(b.String(), want) {
				t.Errorf("errors do not contain %q:\n%s", want, b.String())
			}
		})
	}
}

// TestConformanceOthers checks the other tiers: no panic, no hang. Errors
// are logged (unsupported features), not failures.
func TestConformanceOthers(t *testing.T) {
	var cases []golden.Case
	for _, prefix := range []string{"t2_", "t3_", "t4_", "tG_", "tR_"} {
		cases = append(cases, conformanceCases(t, prefix)...)
	}
	clean := 0
	for _, c := range cases {
		if _, err := checkFiles(t, c.Files); err != nil {
			var b bytes.Buffer
			lex.Print(&b, err)
			t.Logf("%s:\n%s", c.Name, b.String())
			continue
		}
		clean++
	}
	t.Logf("%d of %d cases check without error", clean, len(cases))
}

// packageName reads name = "..." from a package.toml.
func packageName(toml []byte) string {
	for _, line := range strings.Split(string(toml), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "name" {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// moduleFiles maps a dotted import of the package to its files: a file
// module dir/name.n, or the directory module dir/ (its entry dir/dir.n
// plus the files declaring mod dir).
func moduleFiles(srcs map[string][]byte, pkg, p string) []string {
	parts := strings.Split(p, ".")
	if pkg == "" || parts[0] != pkg || len(parts) < 2 {
		return nil
	}
	rel := strings.Join(parts[1:], "/")
	if _, ok := srcs[rel+".n"]; ok {
		return []string{rel + ".n"}
	}
	last := parts[len(parts)-1]
	entry := rel + "/" + last + ".n"
	if _, ok := srcs[entry]; !ok {
		return nil
	}
	out := []string{entry}
	for name, src := range srcs {
		if name != entry && path.Dir(name) == rel && strings.HasPrefix(strings.TrimSpace(string(src)), "mod "+last) {
			out = append(out, name)
		}
	}
	return out
}
