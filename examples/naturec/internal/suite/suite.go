// Package suite is the harness that runs the Nature conformance suite
// end to end with the naturec binary, shared by the test packages that
// run it: examples/naturec's TestConformance (linux_amd64, natively) and
// examples/naturec/arm64test/... (linux_arm64 under qemu, one package
// per optimisation level, so that each gets go test's own ten minutes).
//
// Every case is built with the naturec binary from inside a directory
// named "case" (run-time messages print paths relative to its parent),
// at -O0 and with the default optimisation, run, and compared with the
// expected stdout, exit status and stderr; tE_ cases must fail to build
// with the expected text in the compiler's output. A case must behave
// the same at both levels.
//
// Cases that are not supported yet are listed in an xfail file with a
// one-line reason. A listed case that passes fails the run until it is
// removed from the list, so the list never hides progress.
package suite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/examples/internal/driverdeps"
	"github.com/naturekit/naturekit/internal/golden"
)

// Level is an optimisation level the suite builds at.
type Level struct {
	Name  string
	Flags []string // naturec's flags for the level
}

// Levels returns the optimisation levels the suite builds at: -O0 and
// the default, in that order.
func Levels() []Level {
	return []Level{{"O0", []string{"-O0"}}, {"default", nil}}
}

// naturecBinary builds the driver once per test process.
var naturecBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "naturec-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "naturec")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/naturekit/naturekit/examples/naturec").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// Naturec returns the path of the driver, built once per test process,
// or ends the test.
func Naturec(tb testing.TB) string {
	tb.Helper()
	bin, err := naturecBinary()
	if err != nil {
		tb.Fatal(err)
	}
	driverdeps.OpenSources(tb, filepath.Join(Root(tb), "examples", "naturec"))
	return bin
}

// Root returns the repository's root: the first directory up from the
// working directory with testdata/conformance in it.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, "testdata", "conformance")); err == nil && st.IsDir() {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("no testdata/conformance above the working directory")
		}
		dir = up
	}
}

// The sets of cases, each run by a test package of its own under
// emulation (arm64test/LEVEL/SET): the shared suite but its t3_ tier,
// that tier (coroutines: the slowest under qemu, with its runs under
// GC torture), and naturekit's own programs.
const (
	SetConformance = "conformance"
	SetT3          = "t3"
	SetPrograms    = "programs"
)

// Load reads the whole suite (testdata/conformance) and naturekit's own
// programs (testdata/programs, the same format).
func Load(tb testing.TB) []golden.Case {
	tb.Helper()
	return append(loadDir(tb, "conformance"), loadDir(tb, "programs")...)
}

// LoadSet reads the cases of one set (SetConformance, SetT3,
// SetPrograms).
func LoadSet(tb testing.TB, set string) []golden.Case {
	tb.Helper()
	if set == SetPrograms {
		return loadDir(tb, "programs")
	}
	if set != SetConformance && set != SetT3 {
		tb.Fatalf("no set of cases %q", set)
	}
	var cases []golden.Case
	for _, c := range loadDir(tb, "conformance") {
		if strings.HasPrefix(c.Name, "t3_") == (set == SetT3) {
			cases = append(cases, c)
		}
	}
	return cases
}

// loadDir reads the cases of testdata/name.
func loadDir(tb testing.TB, name string) []golden.Case {
	tb.Helper()
	dir := filepath.Join(Root(tb), "testdata", name)
	cases, err := golden.Conformance(dir, "*.txtar")
	if err != nil || len(cases) == 0 {
		tb.Fatalf("no conformance cases in %s: %v", dir, err)
	}
	return cases
}

// ReadXfail reads an expected-failures list: "name reason..." per line,
// '#' comments; a missing file is an empty list.
func ReadXfail(tb testing.TB, name string) map[string]string {
	tb.Helper()
	m := map[string]string{}
	f, err := os.Open(name)
	if os.IsNotExist(err) {
		return m
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, _ := strings.Cut(line, " ")
		m[name] = strings.TrimSpace(reason)
	}
	return m
}

// Suite is one run of the suite.
type Suite struct {
	Bin       string            // the naturec binary
	Xfail     map[string]string // the expected failures, with their reasons
	XfailName string            // the file Xfail was read from
	Flags     []string          // naturec's extra flags (--target)
	// Envs lists the environments a case's executable runs in besides
	// the default one, at the level named level (nil: none).
	Envs func(name, level string) []string
	// Levels are the optimisation levels each case builds at (nil:
	// Levels()); DefaultOnly, if not nil, says which cases build at the
	// last of them only.
	Levels      []Level
	DefaultOnly func(name string) bool
	Filter      string // run only the cases whose name contains this
	// Check, if not nil, lists what is wrong with a native executable
	// beyond its behaviour (its debug information).
	Check func(exe string) []string
	// Env are variables ("NAME=value") every run of an executable under
	// emulation gets, but for the cases Undilated names (EmulatorEnv).
	Env       []string
	Undilated map[string]string
}

func (s *Suite) levels() []Level {
	if s.Levels != nil {
		return s.Levels
	}
	return Levels()
}

// Run runs the cases (those matching Filter) at every level with
// naturec's extra flags, each also in the environments Envs gives for
// it (unless it is listed in Xfail), and returns the failing cases with
// their reasons. For a target the host runs under emulation (qemu),
// and for a program that sleeps (whose output can depend on the
// machine's load), a case not listed that fails at a level is run once
// more there, and fails only if it fails again.
func (s *Suite) Run(t *testing.T, cases []golden.Case) map[string]string {
	var mu sync.Mutex
	failing := map[string]string{}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	emulated := flagTarget(s.Flags) != "linux_"+runtime.GOARCH
	all := s.levels()
	t.Run("case", func(t *testing.T) {
		for _, c := range cases {
			if !strings.Contains(c.Name, s.Filter) {
				continue
			}
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				// Every case at every optimisation level; a case that
				// passes at one and fails at another is a miscompile,
				// listed or not.
				levels := all
				if s.DefaultOnly != nil && s.DefaultOnly(c.Name) {
					levels = all[len(all)-1:]
				}
				whys := make([]string, len(levels))
				for i, level := range levels {
					sem <- struct{}{}
					var extra []string
					_, listed := s.Xfail[c.Name]
					if !listed && s.Envs != nil {
						extra = s.Envs(c.Name, level.Name)
					}
					caseFlags := append(append([]string(nil), level.Flags...), s.Flags...)
					whys[i] = s.Case(t, c, caseFlags, extra...)
					if whys[i] != "" && !listed && (emulated || sleeps(c)) {
						// Under emulation, or for a program whose
						// output depends on co.sleep's deadlines, a
						// loaded machine (the other cases run in
						// parallel, some spinning on every core) can
						// make a coroutine miss a deadline of a few
						// milliseconds that a quiet run keeps: a
						// failure is one when a second run fails too.
						t.Logf("at %s, failed once (emulated %v), run again: %s", level.Name, emulated, whys[i])
						whys[i] = s.Case(t, c, caseFlags, extra...)
					}
					<-sem
				}
				why := checkLevels(levels, whys)
				reason, listed := s.Xfail[c.Name]
				switch {
				case why != "" && listed && !differ(whys):
					t.Logf("expected failure (%s): %s", reason, why)
				case why != "":
					t.Errorf("%s", why)
				case listed:
					t.Errorf("passes now: remove it from %s", s.XfailName)
				}
				if why != "" {
					mu.Lock()
					if listed {
						failing[c.Name] = reason
					} else {
						failing[c.Name] = FirstLine(why)
					}
					mu.Unlock()
				}
			})
		}
	})
	return failing
}

// CheckLevels combines the outcomes of one case at each of Levels():
// "" when it passed at all of them, else what went wrong, saying at
// which levels when they differ.
func CheckLevels(whys []string) string { return checkLevels(Levels(), whys) }

func checkLevels(levels []Level, whys []string) string {
	if !differ(whys) {
		return whys[0]
	}
	var passed, problems []string
	for i, why := range whys {
		if why == "" {
			passed = append(passed, levels[i].Name)
		} else {
			problems = append(problems, fmt.Sprintf("at %s: %s", levels[i].Name, why))
		}
	}
	if len(passed) == 0 {
		return "fails differently at each optimisation level:\n" + strings.Join(problems, "\n")
	}
	return fmt.Sprintf("passes at %s but not %s", strings.Join(passed, ", "), strings.Join(problems, "\n"))
}

// differ reports whether the outcomes at the optimisation levels differ.
func differ(whys []string) bool {
	for _, why := range whys[1:] {
		if why != whys[0] {
			return true
		}
	}
	return false
}

// WriteCase writes the files of case c into a new directory named
// "case" (run-time messages name files relative to it, as with the
// reference compiler) and returns it.
func WriteCase(t *testing.T, c golden.Case) string {
	dir := filepath.Join(t.TempDir(), "case")
	for _, name := range c.Order {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, c.Files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Case builds one case with naturec's flags, runs it and says what went
// wrong, or "" when it passed. Each of envs ("NAME=value", or several
// separated by spaces) runs the same executable once more with those
// variables set (Envs).
func (s *Suite) Case(t *testing.T, c golden.Case, flags []string, envs ...string) string {
	target := flagTarget(flags)
	c = ForTarget(c, target)
	dir := WriteCase(t, c)
	exe := filepath.Join(filepath.Dir(dir), "prog.exe") // the shared runner's name: t4_052 prints args[0]
	args := append(append([]string{"build"}, flags...), "-o", exe, "main.n")
	if testArgs, ok := c.Expect["test"]; ok {
		// The case runs its test blocks: naturec test compiles and runs
		// them in one go.
		args = append([]string{"test"}, flags...)
		for _, a := range strings.Split(testArgs, "\n") {
			if a != "" {
				args = append(args, a)
			}
		}
		out, err := RunIn(dir, 2*time.Minute, s.Bin, append(args, "main.n")...)
		if _, ok := c.Expect["build-error"]; !ok {
			return strings.Join(compareRun(c, out, err), "\n")
		}
		return checkBuildError(c, out, err, exe)
	}
	buildOut, buildErr := RunIn(dir, 2*time.Minute, s.Bin, args...)
	if _, ok := c.Expect["build-error"]; ok {
		return checkBuildError(c, buildOut, buildErr, exe)
	}
	if buildErr != nil {
		return "build failed: " + buildOut.Combined
	}
	emu := cli.Emulator(target)
	var always []string
	if emu != "" {
		if _, ok := s.Undilated[c.Name]; !ok {
			always = s.Env
		}
	}
	problems := checkRun(dir, emu, exe, c, always, "")
	if emu == "" && s.Check != nil {
		problems = append(problems, s.Check(exe)...)
	}
	for _, env := range envs {
		if more := checkRun(dir, emu, exe, c, always, env); len(more) > 0 {
			problems = append(problems, "with "+env+": "+strings.Join(more, "\n"))
		}
	}
	return strings.Join(problems, "\n")
}

// sleeps reports whether a case's program sleeps (co.sleep), so that
// its output may depend on the machine's load.
func sleeps(c golden.Case) bool {
	for _, data := range c.Files {
		if bytes.Contains(data, []byte("co.sleep(")) {
			return true
		}
	}
	return false
}

// ForTarget returns c with the expectations of its sections named
// "NAME.TARGET" (stdout.linux_arm64) in place of NAME's: the few cases
// whose output depends on the target (elf.arch of the program itself, a
// package's per-target files) were recorded by the reference on
// linux_amd64, and say what another target prints beside it.
func ForTarget(c golden.Case, target string) golden.Case {
	var expect map[string]string
	for name, text := range c.Expect {
		base, ok := strings.CutSuffix(name, "."+target)
		if !ok {
			continue
		}
		if expect == nil {
			expect = maps.Clone(c.Expect)
		}
		expect[base] = text
	}
	if expect != nil {
		c.Expect = expect
	}
	return c
}

// checkBuildError checks a build that must fail with the case's
// build-error text in its output, leaving no executable behind.
func checkBuildError(c golden.Case, buildOut CmdOutput, buildErr error, exe string) string {
	want := strings.TrimSuffix(c.Expect["build-error"], "\n")
	switch {
	case buildErr == nil:
		return "build succeeded; want an error containing " + strconv.Quote(want)
	case !strings.Contains(buildOut.Combined, want):
		return fmt.Sprintf("build error does not contain %q:\n%s", want, buildOut.Combined)
	}
	if _, err := os.Stat(exe); err == nil {
		return "a failed build left an output file behind"
	}
	return ""
}

// checkRun runs a case's executable (under the emulator emu unless it
// is empty: naturec's emulator), with the variables of always, of the
// case's env section and of env ("NAME=value", or several separated by
// spaces) added to the environment, and lists what differs from the
// expected output.
func checkRun(dir, emu, exe string, c golden.Case, always []string, env string) []string {
	extra := append([]string(nil), always...)
	extra = append(extra, strings.Fields(c.Expect["env"])...)
	timeout := 30 * time.Second
	extra = append(extra, strings.Fields(env)...) // one variable or several
	if strings.HasPrefix(env, "NATURE_GC_TORTURE=") {
		// A cycle per allocation: t3_012 and t3_014 take 5 s of CPU,
		// and a loaded machine stretches that.
		timeout = 3 * time.Minute
	}
	name, args := exe, strings.Fields(c.Expect["args"])
	if emu != "" {
		// Emulation is several times slower (tG_004 at -O0: 39 s
		// under qemu on a loaded machine, 5 s natively).
		name, args = emu, append([]string{exe}, args...)
		timeout *= 4
	}
	out, err := RunInEnv(dir, timeout, extra, name, args...)
	return compareRun(c, out, err)
}

// compareRun lists what differs between a run's output and status and
// the case's expected ones.
func compareRun(c golden.Case, out CmdOutput, err error) []string {
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal()) // as a shell reports it
		}
	} else if err != nil {
		return []string{"run: " + err.Error()}
	}
	var problems []string
	if want := c.Expect["stdout"]; out.Stdout != want {
		problems = append(problems, fmt.Sprintf("stdout:\n%s\nwant:\n%s", out.Stdout, want))
	}
	if want, ok := c.Expect["exit"]; ok && strconv.Itoa(code) != strings.TrimSpace(want) {
		problems = append(problems, fmt.Sprintf("exit status %d, want %s", code, strings.TrimSpace(want)))
	}
	if want, ok := c.Expect["stderr"]; ok && out.Stderr != want {
		problems = append(problems, fmt.Sprintf("stderr %q, want %q", out.Stderr, want))
	}
	return problems
}

// CmdOutput is what a command printed: each stream, and both in the
// order they arrived.
type CmdOutput struct{ Stdout, Stderr, Combined string }

// RunIn runs a command in dir, killing it after timeout.
func RunIn(dir string, timeout time.Duration, name string, args ...string) (CmdOutput, error) {
	return RunInEnv(dir, timeout, nil, name, args...)
}

// RunInEnv is RunIn with the variables of env ("NAME=value") added to
// the environment.
func RunInEnv(dir string, timeout time.Duration, env []string, name string, args ...string) (CmdOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	combined := &SyncText{} // stdout and stderr in the order they arrive
	cmd.Stdout = io.MultiWriter(&stdout, combined)
	cmd.Stderr = io.MultiWriter(&stderr, combined)
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %v", timeout)
	}
	return CmdOutput{stdout.String(), stderr.String(), combined.String()}, err
}

// FirstLine returns the first line of s, trimmed, cut at 120 bytes.
func FirstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

// SyncText is a writer that several goroutines write (exec's copies of
// stdout and stderr, a serving goroutine) and the test reads.
type SyncText struct {
	mu sync.Mutex
	sb strings.Builder
}

func (b *SyncText) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.Write(p)
}

func (b *SyncText) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.sb.String()
}

// CTool finds a tool (a C compiler, qemu), or skips (fails with
// NATUREKIT_ORACLES=1) naming the Debian package that provides it.
func CTool(t *testing.T, name, pkg string) string {
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

// flagTarget returns the target naturec's flags name (--target or
// -target), linux_amd64 when they name none.
func flagTarget(flags []string) string {
	target := "linux_amd64"
	for i, f := range flags {
		name, value, hasValue := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name != "target" || f == name {
			continue
		}
		switch {
		case hasValue:
			target = value
		case i+1 < len(flags):
			target = flags[i+1]
		}
	}
	return target
}
