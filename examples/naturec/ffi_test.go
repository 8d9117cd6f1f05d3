package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestFFI is the C-call test: testdata/ffi/ffi.c (every argument and
// result class of the System V AMD64 ABI: integers of each width,
// narrow results with garbage above their bits, f32/f64 and more of
// them than there are registers, mixed, pointers and C strings, small
// and large structs by value in registers, split between INTEGER and
// SSE, on the stack when the registers run out, nested structs and
// arrays inside structs, callbacks into Nature with every class), built
// into an archive by gcc and by musl-gcc, is linked into the Nature
// package testdata/ffi through its package.toml [links] table; main.n's
// output must equal check.c's, which makes the same calls from C. Both
// optimisation levels.
func TestFFI(t *testing.T) {
	bin := naturec(t)
	src, err := filepath.Abs("testdata/ffi")
	if err != nil {
		t.Fatal(err)
	}
	for _, cc := range []struct{ name, pkg string }{{"gcc", "gcc"}, {"musl-gcc", "musl-tools"}} {
		t.Run(cc.name, func(t *testing.T) {
			ccPath := cTool(t, cc.name, cc.pkg)
			dir := filepath.Join(t.TempDir(), "case")
			copyDir(t, src, dir)
			lib := filepath.Join(dir, "lib")
			os.MkdirAll(lib, 0o755)
			runOut(t, dir, ccPath, "-O2", "-c", "ffi.c", "-o", "ffi.o")
			runOut(t, dir, "ar", "rcs", filepath.Join(lib, "libffi.a"), "ffi.o")
			check := filepath.Join(filepath.Dir(dir), "check")
			runOut(t, dir, ccPath, "-static", "-O2", "check.c", filepath.Join(lib, "libffi.a"), "-o", check)
			want := runOut(t, dir, check)
			for _, flags := range [][]string{nil, {"-O0"}} {
				exe := filepath.Join(filepath.Dir(dir), "prog")
				args := append(append([]string{"build"}, flags...), "-o", exe, "main.n")
				runOut(t, dir, bin, args...)
				if got := runOut(t, dir, exe); got != want {
					t.Errorf("naturec %v: output differs from C's\n got:\n%s\nwant:\n%s", flags, got, want)
				}
			}
		})
	}
}

// cTool finds a C compiler, or skips (fails with NATUREKIT_ORACLES=1)
// naming the Debian package that provides it.
func cTool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("NATUREKIT_ORACLES") == "1" {
		t.Fatalf("%s not found (NATUREKIT_ORACLES=1): install the Debian package %s", name, pkg)
	}
	t.Skipf("%s not found: install the Debian package %s (set NATUREKIT_ORACLES=1 to make this a failure)", name, pkg)
	return ""
}

// runOut runs a command in dir and returns its standard output; it fails
// the test on error.
func runOut(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %v: %v\n%s%s", name, args, err, out, msg)
	}
	return string(out)
}

// copyDir copies the files of directory src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}
