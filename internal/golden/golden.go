// Package golden is naturekit's one golden-file test harness.
//
// A golden file is a txtar archive (golang.org/x/tools/txtar) under a
// package's testdata: some sections are the test's input, the others
// hold the output the code under test must produce. A test names each
// output it computed; the harness compares it with the archive's section
// of that name (go-cmp diff, -want +got) or, with -update, rewrites the
// archive so that it holds the new outputs, keeping every other section
// and the comment as they are:
//
//	func TestGolden(t *testing.T) {
//		golden.Run(t, "testdata/*.txtar", func(t *testing.T, f *golden.File) {
//			toks := scan(f.Input("src.n"))
//			f.Output("tokens", toks)
//		})
//	}
//
// An empty output means "no such section": comparing it with an absent
// section passes, and -update removes the section. Outputs keep their
// place in the archive; new ones are appended in the order the test
// produced them. Read a regenerated golden's diff before committing it.
//
// The package is internal to naturekit's tests. Modules that must
// require nothing of ours (lex, lir, asm, link, rt) keep the golden
// tests that use it in a nested test module.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/*.txtar")

// Updating reports whether the test binary runs with -update, for tests
// that must skip a check that only holds for an up-to-date golden.
func Updating() bool { return *update }

// A File is one golden archive while its test runs.
type File struct {
	// Path is the archive's file name, as matched by Run's pattern.
	Path string
	// Archive is the archive as read.
	Archive *txtar.Archive

	outputs []section
}

type section struct {
	name string
	data []byte
}

// Run runs test as a subtest, named after the file, for each archive
// that matches the glob pattern, then compares or rewrites the outputs
// test produced. It fails if nothing matches: a golden test that checks
// nothing must not pass.
func Run(t *testing.T, pattern string, test func(t *testing.T, f *File)) {
	t.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("no golden files match %s", pattern)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := Read(path)
			if err != nil {
				t.Fatal(err)
			}
			test(t, f)
			f.Check(t)
		})
	}
}

// Read reads one golden archive, for tests that drive the harness
// themselves; call Check when the outputs are in.
func Read(path string) (*File, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return nil, err
	}
	return &File{Path: path, Archive: ar}, nil
}

// Has reports whether the archive has a section of that name.
func (f *File) Has(name string) bool {
	_, ok := f.find(name)
	return ok
}

// Input returns the section of that name, or nil if there is none.
func (f *File) Input(name string) []byte {
	i, ok := f.find(name)
	if !ok {
		return nil
	}
	return f.Archive.Files[i].Data
}

// InputString is Input as a string.
func (f *File) InputString(name string) string { return string(f.Input(name)) }

// Parse parses the input section of that name with parse (called with
// the archive's path and the section's text, as lir.Parse is), and
// fails the test if it returns an error.
func Parse[T any](t testing.TB, f *File, name string, parse func(path, src string) (T, error)) T {
	t.Helper()
	x, err := parse(f.Path, f.InputString(name))
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// Want returns the archive's section of that name as the golden
// output, or "" if there is none: for tests that compare themselves.
func (f *File) Want(name string) string { return f.InputString(name) }

// Output records what the test produced for the section of that name.
// Recording the same name twice keeps the last.
func (f *File) Output(name string, got []byte) {
	for i := range f.outputs {
		if f.outputs[i].name == name {
			f.outputs[i].data = got
			return
		}
	}
	f.outputs = append(f.outputs, section{name, got})
}

// OutputString is Output for a string.
func (f *File) OutputString(name, got string) { f.Output(name, []byte(got)) }

// Check compares the recorded outputs with the archive, or rewrites the
// archive with -update. Run calls it; a test that uses Read calls it
// once, at the end.
func (f *File) Check(t testing.TB) {
	t.Helper()
	if *update {
		if err := f.rewrite(); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, out := range f.outputs {
		if diff := cmp.Diff(f.Want(out.name), string(out.data)); diff != "" {
			t.Errorf("%s: section %s differs (-want +got):\n%s", f.Path, out.name, diff)
		}
	}
}

// rewrite writes the archive with the outputs in place of their
// sections, when that changes it.
func (f *File) rewrite() error {
	files := append([]txtar.File(nil), f.Archive.Files...)
	for _, out := range f.outputs {
		i, ok := f.find(out.name)
		switch {
		case ok && len(out.data) > 0:
			files[i].Data = out.data
		case ok:
			files[i].Name = "" // removed below
		case len(out.data) > 0:
			files = append(files, txtar.File{Name: out.name, Data: out.data})
		}
	}
	kept := files[:0]
	for _, file := range files {
		if file.Name != "" {
			kept = append(kept, file)
		}
	}
	ar := &txtar.Archive{Comment: f.Archive.Comment, Files: kept}
	data := txtar.Format(ar)
	old, err := os.ReadFile(f.Path)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	f.Archive = ar
	return os.WriteFile(f.Path, data, 0o644)
}

func (f *File) find(name string) (int, bool) {
	for i, file := range f.Archive.Files {
		if file.Name == name {
			return i, true
		}
	}
	return 0, false
}
