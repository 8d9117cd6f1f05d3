package golden

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestRewrite checks -update's rewrite: outputs replace their sections
// in place, new ones are appended, empty ones are removed, inputs and
// the comment stay, and an unchanged archive is not written.
func TestRewrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.txtar")
	in := "comment\n-- in --\nsource\n-- a --\nold a\n-- gone --\nold\n-- keep --\nkept\n"
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.InputString("in"); got != "source\n" {
		t.Errorf("Input(in) = %q", got)
	}
	f.OutputString("a", "new a\n")
	f.OutputString("gone", "")
	f.OutputString("b", "new b\n")
	if err := f.rewrite(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	want := "comment\n-- in --\nsource\n-- a --\nnew a\n-- keep --\nkept\n-- b --\nnew b\n"
	if string(data) != want {
		t.Errorf("rewritten archive:\n%s\nwant:\n%s", data, want)
	}
	f2, _ := Read(path)
	f2.OutputString("a", "new a\n")
	f2.OutputString("b", "new b\n")
	f2.OutputString("gone", "")
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() != 0 { // root writes read-only files anyway
		if err := f2.rewrite(); err != nil {
			t.Errorf("rewrite of an up-to-date archive wrote it: %v", err)
		}
	}
}

// TestCheck checks that a differing or missing output fails and an
// empty output matches an absent section.
func TestCheck(t *testing.T) {
	f := &File{Path: "x.txtar", Archive: txtar.Parse([]byte("-- a --\nA\n"))}
	f.OutputString("a", "A\n")
	f.OutputString("absent", "")
	rec := &recorder{TB: t}
	f.Check(rec)
	if rec.failed {
		t.Error("matching outputs failed")
	}
	f.OutputString("a", "B\n")
	rec = &recorder{TB: t}
	f.Check(rec)
	if !rec.failed {
		t.Error("a differing output passed")
	}
	f = &File{Path: "x.txtar", Archive: txtar.Parse(nil)}
	f.OutputString("new", "X\n")
	rec = &recorder{TB: t}
	f.Check(rec)
	if !rec.failed {
		t.Error("an output with no section passed")
	}
}

// TestParse checks that Parse gives the parser the archive's path and
// the section, and fails the test, without returning, when it fails.
func TestParse(t *testing.T) {
	f := &File{Path: "x.txtar", Archive: txtar.Parse([]byte("-- input --\nabc\n"))}
	got := Parse(t, f, "input", func(path, src string) (string, error) { return path + ":" + src, nil })
	if got != "x.txtar:abc\n" {
		t.Errorf("Parse = %q", got)
	}
	rec := &recorder{TB: t}
	done := make(chan bool)
	go func() {
		defer close(done)
		Parse(rec, f, "input", func(string, string) (int, error) { return 0, errors.New("bad input") })
		done <- true
	}()
	if returned := <-done; returned || !rec.failed {
		t.Errorf("after a parse error: returned %v, failed %v", returned, rec.failed)
	}
}

// recorder notes failures instead of failing the test; Fatal ends the
// calling goroutine.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true; runtime.Goexit() }
func (r *recorder) Helper()               {}

// TestConformance reads a small suite.
func TestConformance(t *testing.T) {
	dir := t.TempDir()
	ar := "-- main.n --\nprintln(1)\n-- lib.n --\nx\n-- x.linux_arm64.n --\ny\n-- stdout --\n1\n-- stdout.linux_arm64 --\n2\n-- exit --\n0\n-- env --\nNATURE_MEMLIMIT=64MiB\n"
	if err := os.WriteFile(filepath.Join(dir, "t1_001_one.txtar"), []byte(ar), 0o644); err != nil {
		t.Fatal(err)
	}
	cases, err := Conformance(dir, "t1_*.txtar")
	if err != nil || len(cases) != 1 {
		t.Fatalf("Conformance = %v, %v", cases, err)
	}
	c := cases[0]
	if c.Name != "t1_001_one" || len(c.Order) != 3 || c.Order[1] != "lib.n" || c.Order[2] != "x.linux_arm64.n" ||
		c.Expect["stdout"] != "1\n" || c.Expect["stdout.linux_arm64"] != "2\n" || c.Expect["exit"] != "0\n" ||
		c.Expect["env"] != "NATURE_MEMLIMIT=64MiB\n" {
		t.Errorf("case = %+v", c)
	}
}
