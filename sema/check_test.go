package sema

import (
	"bytes"
	"path"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

// The pipelines the tests check programs with.

// parseAndCheck is the one-file pipeline used by the fuzz and
// concurrency tests.
func parseAndCheck(src []byte) (*Info, error) {
	fset := lex.NewFileSet()
	f, err := parse.ParseFile(fset, "src.n", src)
	if f == nil {
		return nil, err
	}
	return Check(fset, []*ast.File{f}, nil)
}

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

// errorText is the full form of err's diagnostics, as lex.Print writes
// them.
func errorText(err error) string {
	var b bytes.Buffer
	lex.Print(&b, err)
	return b.String()
}
