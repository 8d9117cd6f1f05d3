package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/naturekit/naturekit/asm/oracle"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
	lower "github.com/naturekit/naturekit/lower/amd64"
)

// exitError stops an interpreted program that called exit.
type exitError struct{ status int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.status) }

// formatF64 is print_f64's format (see runtimeSource) in Go.
func formatF64(x float64) string {
	if x != x {
		return "nan"
	}
	y := x * 1e6
	if !(y > -9.223372036854775808e18 && y < 9.223372036854775808e18) {
		if x > 0 {
			return "inf"
		}
		return "-inf"
	}
	n := int64(math.RoundToEven(y))
	sign := ""
	u := uint64(n)
	if n < 0 {
		sign, u = "-", uint64(-n)
	}
	return fmt.Sprintf("%s%d.%06d", sign, u/1000000, u%1000000)
}

// externs implements the runtime's functions for the interpreter,
// writing to out.
func externs(out *bytes.Buffer) map[string]interp.Extern {
	return map[string]interp.Extern{
		"print_i64": func(_ *interp.Machine, a []uint64) (uint64, error) {
			out.WriteString(strconv.FormatInt(int64(a[0]), 10) + "\n")
			return 0, nil
		},
		"print_f64": func(_ *interp.Machine, a []uint64) (uint64, error) {
			out.WriteString(formatF64(math.Float64frombits(a[0])) + "\n")
			return 0, nil
		},
		"print_char": func(_ *interp.Machine, a []uint64) (uint64, error) {
			out.WriteByte(byte(a[0]))
			return 0, nil
		},
		"exit": func(_ *interp.Machine, a []uint64) (uint64, error) {
			return 0, exitError{int(a[0] & 0xff)}
		},
	}
}

// result is what a program does: its output and exit status.
type result struct {
	stdout string
	status int
}

// interpret runs m's @main in the LIR interpreter.
func interpret(t testing.TB, m *lir.Module) result {
	t.Helper()
	var out bytes.Buffer
	mc, err := interp.New(m, externs(&out))
	if err != nil {
		t.Fatal(err)
	}
	mc.MaxSteps, mc.MaxDepth = 1<<32, 1<<20
	r, err := mc.Call("main")
	var exit exitError
	switch {
	case errors.As(err, &exit):
		return result{out.String(), exit.status}
	case err != nil:
		t.Fatalf("interpreter: %v", err)
	}
	return result{out.String(), int(r & 0xff)}
}

// native compiles m for c's target, runs the executable (arm64 under
// qemu-aarch64-static) and returns what it did.
func native(t testing.TB, m *lir.Module, c config) result {
	t.Helper()
	exe, err := BuildFor(c.target, m, c.opts)
	if err != nil {
		t.Fatal(err)
	}
	return runBuilt(t, exe, c)
}

// runBuilt runs exe, an executable for c's target (arm64 under
// qemu-aarch64-static), and returns what it did.
func runBuilt(t testing.TB, exe []byte, c config) result {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prog")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	if c.target == "arm64" {
		return runExe(t, oracle.Tool(t, "qemu-aarch64-static", "qemu-user-static"), path)
	}
	return runExe(t, path)
}

func runExe(t testing.TB, command ...string) result {
	t.Helper()
	var stdout bytes.Buffer
	cmd := exec.Command(command[0], command[1:]...)
	cmd.Stdout = &stdout
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return result{stdout.String(), exit.ExitCode()}
	case err != nil:
		t.Fatalf("run: %v (stdout %q)", err, stdout.String())
	}
	return result{stdout.String(), 0}
}

// A config is a target and back-end settings.
type config struct {
	name, target string
	opts         lower.Options
}

// configs are the targets and back-end settings every program is
// checked with.
var configs = []config{
	{"O0", "amd64", lower.Options{Verify: true}},
	{"O", "amd64", lower.Options{Passes: Options(true).Passes, Peephole: true, Verify: true}},
	{"arm64-O0", "arm64", lower.Options{Verify: true}},
	{"arm64-O", "arm64", lower.Options{Passes: Options(true).Passes, Peephole: true, Verify: true}},
}
