// Package gnutest holds link's tests that need the GNU toolchain — gcc
// and the cross gcc, as, ld, ar and qemu, as producers of the objects
// and archives the linker reads and as the reference it is compared
// with — and what those tests share: the targets they build for and
// running the executables they link. It is a module of its own (the
// link module requires nothing of naturekit's) so that it can find the
// tools with asm/oracle, the oracle finder of every module's tests,
// instead of a copy of its own.
package gnutest

import (
	"bytes"
	"debug/elf"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/oracle"
	"github.com/naturekit/naturekit/link/internal/linktest"
)

// A Target is an architecture the tests build for, with the GNU tools
// that make its objects and the command that runs its executables.
type Target struct {
	Name     string
	Machine  elf.Machine
	CC       string // the C compiler
	CCPkg    string // the Debian package of CC
	Prefix   string // of the binutils: "" or "aarch64-linux-gnu-"
	Binutils string // the Debian package of the binutils
	Emulator string // runs an executable of the target: "" to run it directly
}

var (
	AMD64 = Target{Name: "amd64", Machine: elf.EM_X86_64, CC: "gcc", CCPkg: "gcc", Binutils: "binutils"}
	ARM64 = Target{Name: "arm64", Machine: elf.EM_AARCH64, CC: "aarch64-linux-gnu-gcc", CCPkg: "gcc-aarch64-linux-gnu",
		Prefix: "aarch64-linux-gnu-", Binutils: "binutils-aarch64-linux-gnu", Emulator: "qemu-aarch64-static"}
	// Musl is AMD64 with musl's gcc wrapper, for C programs that use libc.
	Musl = Target{Name: "musl", Machine: elf.EM_X86_64, CC: "musl-gcc", CCPkg: "musl-tools", Binutils: "binutils"}
	// MuslARM64 is ARM64 with musl's wrapper of the cross gcc (Debian's
	// musl-dev:arm64, which also has the libc.a).
	MuslARM64 = Target{Name: "musl-arm64", Machine: elf.EM_AARCH64, CC: "aarch64-linux-musl-gcc", CCPkg: "musl-dev:arm64",
		Prefix: "aarch64-linux-gnu-", Binutils: "binutils-aarch64-linux-gnu", Emulator: "qemu-aarch64-static"}
)

// Both are the targets the tests that run on either architecture loop over.
var Both = []Target{AMD64, ARM64}

// FreestandingFlags compile C that needs no libc.
var FreestandingFlags = []string{"-c", "-O2", "-fno-pie", "-ffreestanding", "-fno-stack-protector", "-nostdlib"}

// Binutil returns the path of one of the target's GNU binutils ("as",
// "ld", "ar"), or ends the test (see oracle.Tool).
func (tg Target) Binutil(tb testing.TB, name string) string {
	tb.Helper()
	return oracle.Tool(tb, tg.Prefix+name, tg.Binutils)
}

// Exec runs the program path with args and returns its combined output,
// or ends the test with that output if it fails.
func Exec(tb testing.TB, path string, args ...string) []byte {
	tb.Helper()
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		tb.Fatalf("%s %s: %v\n%s", filepath.Base(path), strings.Join(args, " "), err, out)
	}
	return out
}

// Compile compiles each C source with the target's compiler and flags
// into dir and returns the object paths.
func (tg Target) Compile(tb testing.TB, flags []string, dir string, srcs ...string) []string {
	tb.Helper()
	cc := oracle.Tool(tb, tg.CC, tg.CCPkg)
	var objs []string
	for _, src := range srcs {
		obj := filepath.Join(dir, tg.Name+"-"+filepath.Base(src)+".o")
		Exec(tb, cc, append(append([]string(nil), flags...), "-o", obj, src)...)
		objs = append(objs, obj)
	}
	return objs
}

// Assemble writes src to dir/name.s, assembles it with the target's GNU
// as and returns the object's path, dir/name.o.
func (tg Target) Assemble(tb testing.TB, dir, name, src string) string {
	tb.Helper()
	in, obj := filepath.Join(dir, name+".s"), filepath.Join(dir, name+".o")
	linktest.WriteFile(tb, in, []byte(src), 0o644)
	Exec(tb, tg.Binutil(tb, "as"), "-o", obj, in)
	return obj
}

// LinkGNU links objects into the static executable out with GNU ld.
func (tg Target) LinkGNU(tb testing.TB, out string, objs ...string) {
	tb.Helper()
	Exec(tb, tg.Binutil(tb, "ld"), append([]string{"-static", "-o", out}, objs...)...)
}

// RunExe writes exe to dir/a.out and runs it; see Run.
func (tg Target) RunExe(tb testing.TB, dir string, exe []byte) (stdout string, code int) {
	tb.Helper()
	path := filepath.Join(dir, "a.out")
	linktest.WriteFile(tb, path, exe, 0o755)
	return tg.Run(tb, path)
}

// Run runs the executable at path (under the target's emulator, if it
// has one) and returns its standard output and exit status. A run that
// does not exit (a signal) ends the test.
func (tg Target) Run(tb testing.TB, path string) (stdout string, code int) {
	tb.Helper()
	cmd := exec.Command(path)
	if tg.Emulator != "" {
		cmd = exec.Command(oracle.Tool(tb, tg.Emulator, "qemu-user-static"), path)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if !ee.Exited() {
			tb.Fatalf("%s: %v\nstdout: %s", path, err, out.String())
		}
		return out.String(), ee.ExitCode()
	}
	if err != nil {
		tb.Fatal(err)
	}
	return out.String(), 0
}
