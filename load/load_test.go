package load

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/sema"
)

// Each testdata archive is a program (main.n, other files, maybe a
// package.toml) unpacked into a directory named case and built from
// there; "reference" is the first line the reference compiler printed
// for it ("ok" when it built, "crash" when it aborted), recorded with
// the oracle. The test checks that naturekit's first diagnostic is the
// same message at the same line and column, and writes every
// diagnostic ("errors") and the modules loaded ("modules") as goldens.
// A "decision" section says why naturekit deliberately differs from the
// reference (spec/README.md's rule), and skips the comparison.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, f *golden.File) {
		dir := filepath.Join(t.TempDir(), "case")
		for _, file := range f.Archive.Files {
			switch file.Name {
			case "reference", "decision", "errors", "modules":
				continue
			}
			p := filepath.Join(dir, filepath.FromSlash(file.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, file.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		errs, mods := build(t, dir)
		f.OutputString("errors", errs)
		f.OutputString("modules", mods)
		if f.Has("decision") {
			return
		}
		ref := strings.TrimSuffix(f.InputString("reference"), "\n")
		first, _, _ := strings.Cut(errs, "\n")
		if ref == "ok" {
			if first != "" {
				t.Errorf("the reference builds this program; naturekit reports %s", first)
			}
			return
		}
		if got := referenceColumns(first); got != ref {
			t.Errorf("first diagnostic\n  %s\nwant (the reference's)\n  %s", got, ref)
		}
	})
}

// build loads and checks the program in dir (its parent removed from
// names, as the reference prints them) and returns the diagnostics and
// the list of modules.
func build(t *testing.T, dir string) (string, string) {
	t.Helper()
	parent := filepath.Dir(dir) + string(filepath.Separator)
	clean := func(s string) string { return strings.ReplaceAll(s, parent, "") }
	prog, err := Load(filepath.Join(dir, "main.n"), &Config{Dir: dir})
	if err == nil {
		_, err = prog.Check(nil)
	}
	var errs strings.Builder
	var list lex.ErrorList
	switch {
	case errors.As(err, &list):
		for _, e := range list {
			errs.WriteString(clean(e.Error()) + "\n")
		}
	case err != nil:
		errs.WriteString(clean(err.Error()) + "\n")
	}
	var mods strings.Builder
	if prog != nil {
		for _, m := range prog.Modules {
			if m.Std() {
				fmt.Fprintf(&mods, "%s (std)\n", m.Name)
				continue
			}
			var names []string
			for _, f := range m.Files {
				if f != nil {
					names = append(names, clean(f.Name))
				}
			}
			fmt.Fprintf(&mods, "%s: %s\n", m.Name, strings.Join(names, " "))
		}
	}
	return errs.String(), mods.String()
}

// referenceColumns turns naturekit's first line into the reference's
// spelling: on line 1 the reference counts columns from 1, not 0
// (diagnostics.md §1.4.1; spec/README.md keeps the true column), except
// for layout errors, which are always at 1:1.
func referenceColumns(line string) string {
	var file, msg string
	var ln, col int
	head, rest, ok := strings.Cut(line, ": ")
	if !ok {
		return line
	}
	msg = rest
	parts := strings.Split(head, ":")
	if len(parts) < 3 {
		return line
	}
	file = strings.Join(parts[:len(parts)-2], ":")
	if _, err := fmt.Sscanf(parts[len(parts)-2]+" "+parts[len(parts)-1], "%d %d", &ln, &col); err != nil {
		return line
	}
	if ln == 1 && col != 1 {
		col++
	}
	return fmt.Sprintf("%s:%d:%d: %s", file, ln, col, msg)
}

// TestStdLoads checks that every package of the embedded standard
// library loads and checks without errors.
func TestStdLoads(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	os.MkdirAll(dir, 0o755)
	src := "import libc\nimport os\nimport strings\n\nfn main() {\n    println(strings.join(['a'], ''), libc.sqrt(4.0), os.args().len())\n}\n"
	os.WriteFile(filepath.Join(dir, "main.n"), []byte(src), 0o644)
	if errs, _ := build(t, dir); errs != "" {
		t.Fatal(errs)
	}
}

// TestConcurrent loads and checks programs in parallel (run with
// -race): nothing is shared between loads.
func TestConcurrent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "case")
	files := map[string]string{
		"main.n":      "import 'a/b.n'\nimport 'c.n'\n\nfn main() {\n    println(b.f() + c.g())\n}\n",
		"a/b.n":       "import '../c.n'\n\npub fn f():int {\n    return 1\n}\n",
		"c.n":         "import 'a/b.n'\n\npub fn g():int {\n    return b.f() + 1\n}\n",
		"a/unused.n":  "pub fn h() {}\n",
		"d/d.n":       "mod d\n",
		"package.txt": "",
	}
	files["a/b.n"] = "pub fn f():int {\n    return 1\n}\n"
	for name, src := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(src), 0o644)
	}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prog, err := Load(filepath.Join(dir, "main.n"), &Config{Dir: dir})
			if err != nil {
				t.Error(err)
				return
			}
			if _, err := prog.Check(&sema.Config{}); err != nil {
				t.Error(err)
			}
			if len(prog.Modules) != 4 {
				t.Errorf("%d modules, want 4 (strings, main, b, c)", len(prog.Modules))
			}
		}()
	}
	wg.Wait()
}
