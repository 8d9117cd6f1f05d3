package natgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// A Compiler is one way of building a Nature program: a command run as
// `Path Args... -o EXE main.n` from a directory named "case" (run-time
// messages print paths relative to its parent).
type Compiler struct {
	Name string
	Path string
	Args []string // before "-o EXE main.n", e.g. build -O0
	// Interp: Path Args main.n runs the program itself, with no
	// executable (naturec run --interp, the LIR interpreter).
	Interp bool
}

// interpPrefix starts naturec run --interp's report of a program the
// interpreter could not run to the end.
const interpPrefix = "naturec run --interp: "

// Outcome is what building and running a program gave.
type Outcome struct {
	BuildError string // the build's output when it failed, else ""
	Stdout     string
	Exit       int
	TimedOut   bool
	// Unsupported says why an interpreter could not run the program to
	// the end; such an outcome agrees with any other.
	Unsupported string
}

func (o Outcome) String() string {
	if o.BuildError != "" {
		return "build failed: " + firstLine(o.BuildError)
	}
	if o.TimedOut {
		return "timed out"
	}
	return fmt.Sprintf("exit %d, %d bytes of output", o.Exit, len(o.Stdout))
}

// Run builds src with c in a fresh directory under tmp, runs it with a
// timeout, and returns what happened. An error is a failure of the
// harness itself (the compiler cannot be started), not of the program.
func Run(c Compiler, src, tmp string, timeout time.Duration) (Outcome, error) {
	parent, err := os.MkdirTemp(tmp, "natfuzz")
	if err != nil {
		return Outcome{}, err
	}
	defer os.RemoveAll(parent)
	dir := filepath.Join(parent, "case")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return Outcome{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.n"), []byte(src), 0o644); err != nil {
		return Outcome{}, err
	}
	if c.Interp {
		return interpret(c, dir, timeout)
	}
	exe := filepath.Join(parent, "prog")
	args := append(append([]string{}, c.Args...), "-o", exe, "main.n")
	out, _, err := run(dir, 5*time.Minute, c.Path, args...)
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		return Outcome{}, fmt.Errorf("%s: %v", c.Name, err)
	}
	if err != nil {
		msg := strings.TrimSpace(out)
		if msg == "" {
			msg = err.Error()
		}
		return Outcome{BuildError: msg}, nil
	}
	stdout, code, err := run(dir, timeout, exe)
	if errors.Is(err, context.DeadlineExceeded) {
		return Outcome{Stdout: stdout, TimedOut: true}, nil
	}
	if err != nil && !errors.As(err, &ee) {
		return Outcome{}, err
	}
	return Outcome{Stdout: stdout, Exit: code}, nil
}

// interpret runs main.n in dir with an interpreting compiler.
func interpret(c Compiler, dir string, timeout time.Duration) (Outcome, error) {
	args := append(append([]string{}, c.Args...), "main.n")
	out, code, err := run(dir, timeout, c.Path, args...)
	var ee *exec.ExitError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Outcome{Stdout: out, TimedOut: true}, nil
	case err != nil && !errors.As(err, &ee):
		return Outcome{}, fmt.Errorf("%s: %v", c.Name, err)
	}
	if i := strings.Index(out, interpPrefix); i >= 0 && skipsInterp(out[i+len(interpPrefix):]) {
		return Outcome{Unsupported: firstLine(out[i+len(interpPrefix):])}, nil
	}
	return Outcome{Stdout: out, Exit: code}, nil
}

// skipsInterp reports whether the interpreter's report msg says the
// program needs more than it has (an entry point its host runtime
// lacks, or more steps, depth or memory than its limits): such a run is left out
// of the comparison. Any other report (a trap, a fault in the host
// runtime) is an outcome like any other, and differs from a native run.
func skipsInterp(msg string) bool {
	msg = firstLine(msg)
	return strings.HasSuffix(msg, "is not supported by the interpreter's runtime") ||
		strings.Contains(msg, "step limit") || strings.Contains(msg, "call depth limit") ||
		strings.Contains(msg, "memory is exhausted")
}

// run runs a command in dir and returns its stdout (with stderr after
// it for builds), the exit status as a shell reports it, and the error.
func run(dir string, timeout time.Duration, name string, args ...string) (string, int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return stdout.String(), -1, context.DeadlineExceeded
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal())
		}
	}
	return stdout.String() + stderr.String(), code, err
}

// Compare says how two outcomes differ: "" when they agree, else a
// short signature of the difference ("build", "exit", "output",
// "timeout") followed by the details. Programs that both fail to build
// agree only if they fail with the same first line.
func Compare(a, b Outcome) string {
	switch {
	case a.Unsupported != "" || b.Unsupported != "":
		return ""
	case a.BuildError != "" || b.BuildError != "":
		if a.BuildError != "" && b.BuildError != "" {
			return "" // a generator bug, reported by Valid
		}
		return fmt.Sprintf("build: %s / %s", a, b)
	case a.TimedOut || b.TimedOut:
		if a.TimedOut && b.TimedOut {
			return ""
		}
		return fmt.Sprintf("timeout: %s / %s", a, b)
	case a.Exit != b.Exit:
		return fmt.Sprintf("exit: %d / %d\n%s", a.Exit, b.Exit, lineDiff(a.Stdout, b.Stdout))
	case a.Stdout != b.Stdout:
		return "output:\n" + lineDiff(a.Stdout, b.Stdout)
	}
	return ""
}

// Signature is the kind of a difference Compare reported (its first
// word), what a reduction keeps constant.
func Signature(diff string) string {
	s, _, _ := strings.Cut(diff, ":")
	return s
}

// lineDiff shows the first differing line of two outputs.
func lineDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d: %q / %q", i+1, x, y)
		}
	}
	return "same lines"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
