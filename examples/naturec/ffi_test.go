package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

// TestFFI is the C-call test: testdata/ffi/ffi.c (every argument and
// result class of the System V AMD64 ABI and of AAPCS64: integers of
// each width, narrow results with garbage above their bits, f32/f64 and
// more of them than there are registers, mixed, pointers and C strings,
// small and large structs by value in registers, split between INTEGER
// and SSE, on the stack when the registers run out, nested structs and
// arrays inside structs, HFAs of doubles and floats, callbacks into
// Nature with every class), built into an archive by gcc and by
// musl-gcc, is linked into the Nature package testdata/ffi through its
// package.toml [links] table; main.n's output must equal check.c's,
// which makes the same calls from C. Both optimisation levels.
func TestFFI(t *testing.T) {
	testFFI(t, "linux_amd64", []ffiCC{{"gcc", "gcc"}, {"musl-gcc", "musl-tools"}})
}

// TestFFIARM64 is TestFFI for linux_arm64: ffi.c and check.c built by
// the arm64 cross gcc (check.c with glibc) and by musl's wrapper of it,
// the executables run under qemu-aarch64-static.
func TestFFIARM64(t *testing.T) {
	cTool(t, "qemu-aarch64-static", "qemu-user-static")
	testFFI(t, "linux_arm64", []ffiCC{{"aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"}, {"aarch64-linux-musl-gcc", "musl-dev:arm64"}})
}

// ffiCC is a C compiler of TestFFI and the package that provides it.
type ffiCC struct{ name, pkg string }

// testFFI runs TestFFI for target with each C compiler.
func testFFI(t *testing.T, target string, ccs []ffiCC) {
	bin := naturec(t)
	src, err := filepath.Abs("testdata/ffi")
	if err != nil {
		t.Fatal(err)
	}
	run := func(dir, exe string) string { return runOut(t, dir, exe) }
	if target == "linux_arm64" {
		run = func(dir, exe string) string { return runOut(t, dir, "qemu-aarch64-static", exe) }
	}
	for _, cc := range ccs {
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
			want := run(dir, check)
			for _, flags := range [][]string{nil, {"-O0"}} {
				exe := filepath.Join(filepath.Dir(dir), "prog")
				args := append(append([]string{"build", "--target", target}, flags...), "-o", exe, "main.n")
				runOut(t, dir, bin, args...)
				if got := run(dir, exe); got != want {
					t.Errorf("naturec %v: output differs from C's\n got:\n%s\nwant:\n%s", flags, got, want)
				}
			}
		})
	}
}

// cTool finds a C compiler, or skips (fails with NATUREKIT_ORACLES=1)
// naming the Debian package that provides it.
func cTool(t *testing.T, name, pkg string) string { t.Helper(); return suite.CTool(t, name, pkg) }

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

// TestLibcMissing: without musl's libc.a for the target, a program
// that calls C gets an error naming the Debian package to install.
func TestLibcMissing(t *testing.T) {
	t.Setenv("NATUREKIT_LIBC", "")
	for target, pkg := range map[string]string{"linux_amd64": "install the Debian package musl-dev (", "linux_arm64": "install the Debian package musl-dev:arm64 ("} {
		ct := cTargetFor(target)
		ct.libc = []string{filepath.Join(t.TempDir(), "libc.a")}
		_, err := ct.inputs([]string{"abs"}, nil)
		if err == nil || !strings.Contains(err.Error(), pkg) || !strings.Contains(err.Error(), "(abs)") || !strings.Contains(err.Error(), target) {
			t.Errorf("%s: %v", target, err)
		}
	}
}
