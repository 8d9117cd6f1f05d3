package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/load/internal/loadgen"
)

// bigPackage writes loadgen's 200-module package into a temporary
// directory, or returns $NATUREKIT_LOADBENCH, a directory holding one.
func bigPackage(tb testing.TB) string {
	if dir := os.Getenv("NATUREKIT_LOADBENCH"); dir != "" {
		return dir
	}
	dir := tb.TempDir()
	if err := loadgen.Write(dir); err != nil {
		tb.Fatal(err)
	}
	return dir
}

func loadBig(tb testing.TB, dir string) *Program {
	prog, err := Load(filepath.Join(dir, "main.n"), &Config{Dir: dir})
	if err != nil {
		tb.Fatal(err)
	}
	return prog
}

// TestBigPackage loads and checks the package of BenchmarkLoadCheck and
// expects the reference's diagnostic (bench/load.sh compares the two
// compilers on it): every module loaded, checked, and one type error.
func TestBigPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	prog := loadBig(t, bigPackage(t))
	if n := len(prog.Modules); n < 201 {
		t.Errorf("%d modules, want 200 and the entry", n)
	}
	_, err := prog.Check(nil)
	if err == nil {
		t.Fatal("no error")
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	if !strings.HasSuffix(first, loadgen.Error) {
		t.Errorf("got %q, want %q", first, loadgen.Error)
	}
}

// BenchmarkLoadCheck loads and checks a package of 200 modules
// (loadgen), as bench/load.sh measures naturec against the reference
// compiler (docs/bench-load.md).
func BenchmarkLoadCheck(b *testing.B) {
	dir := bigPackage(b)
	b.ReportAllocs()
	for b.Loop() {
		loadBig(b, dir).Check(nil)
	}
}
