package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/naturekit/naturekit/internal/golden"
)

// The conformance suite runs end to end: every case is built with the
// naturec binary from inside a directory named "case" (run-time messages
// print paths relative to its parent), at -O0 and with the default
// optimisation, run, and compared with the expected stdout, exit status
// and stderr; tE_ cases must fail to build with the expected text in the
// compiler's output. A case must behave the same at both levels.
//
// Cases that are not supported yet are listed in xfailFile with a
// one-line reason. A listed case that passes fails the run until it is
// removed from the list, so the list never hides progress.

const (
	conformanceDir = "../../testdata/conformance"
	programsDir    = "../../testdata/programs" // naturekit's own cases, same format
	xfailFile      = "testdata/conformance-xfail.txt"
)

var (
	conformanceFilter = flag.String("conformance.run", "", "run only the conformance cases whose name contains this")
	updateXfail       = flag.Bool("conformance.update-xfail", false, "rewrite "+xfailFile+" with the cases failing now")
)

// naturecBinary builds the driver once per test process.
var naturecBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "naturec-test")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "naturec")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// naturec returns the path of the driver built by naturecBinary, or ends
// the test.
func naturec(tb testing.TB) string {
	tb.Helper()
	bin, err := naturecBinary()
	if err != nil {
		tb.Fatal(err)
	}
	return bin
}

// loadConformance reads the whole suite and naturekit's own programs.
func loadConformance(t *testing.T) []golden.Case {
	cases, err := golden.Conformance(conformanceDir, "*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no conformance cases in %s: %v", conformanceDir, err)
	}
	own, err := golden.Conformance(programsDir, "*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return append(cases, own...)
}

// readXfail reads the expected-failures list: "name reason..." per line,
// '#' comments.
func readXfail(t *testing.T) map[string]string { return readXfailFile(t, xfailFile) }

// readXfailFile reads an expected-failures list in readXfail's format.
func readXfailFile(t *testing.T, name string) map[string]string {
	m := map[string]string{}
	f, err := os.Open(name)
	if os.IsNotExist(err) {
		return m
	}
	if err != nil {
		t.Fatal(err)
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

func writeXfail(t *testing.T, failing map[string]string) {
	names := make([]string, 0, len(failing))
	for n := range failing {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("# Conformance cases that do not pass yet: name, then why.\n")
	b.WriteString("# A listed case that passes fails the test until its line is removed.\n")
	b.WriteString("# Regenerate with: go test -run TestConformance -conformance.update-xfail\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s %s\n", n, failing[n])
	}
	if err := os.WriteFile(xfailFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConformance(t *testing.T) {
	bin := naturec(t)
	cases := loadConformance(t)
	failing := runSuite(t, bin, cases, readXfail(t), xfailFile, nil, extraEnvs, nil)
	if *updateXfail && *conformanceFilter == "" {
		writeXfail(t, failing)
	}
	t.Logf("conformance: %d cases at %d optimisation levels, %d failing", len(cases), len(optLevels), len(failing))
}

// runSuite runs the cases (those matching -conformance.run) at every
// optimisation level with naturec's extra flags, each also in the
// environments envs gives for it (unless it is listed in xfail, the
// list read from xfailName), and returns the failing cases with their
// reasons. For a target the host runs under emulation (qemu), and for
// a program that sleeps (whose output can depend on the machine's
// load), a case not listed that fails at a level is run once more
// there, and fails only if it fails again. A case for which defaultOnly (if not nil) is
// true runs at the default level only.
func runSuite(t *testing.T, bin string, cases []golden.Case, xfail map[string]string, xfailName string, flags []string, envs func(name, level string) []string, defaultOnly func(name string) bool) map[string]string {
	var mu sync.Mutex
	failing := map[string]string{}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	emulated := flagTarget(flags) != "linux_"+runtime.GOARCH
	t.Run("case", func(t *testing.T) {
		for _, c := range cases {
			if !strings.Contains(c.Name, *conformanceFilter) {
				continue
			}
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				// Every case at every optimisation level; a case that
				// passes at one and fails at another is a miscompile,
				// listed or not.
				levels := optLevels
				if defaultOnly != nil && defaultOnly(c.Name) {
					levels = optLevels[len(optLevels)-1:]
				}
				whys := make([]string, len(levels))
				for i, level := range levels {
					sem <- struct{}{}
					var extra []string
					_, listed := xfail[c.Name]
					if !listed {
						extra = envs(c.Name, level.name)
					}
					caseFlags := append(append([]string(nil), level.flags...), flags...)
					whys[i] = runConformanceCase(t, bin, c, caseFlags, extra...)
					if whys[i] != "" && !listed && (emulated || sleeps(c)) {
						// Under emulation, or for a program whose
						// output depends on co.sleep's deadlines, a
						// loaded machine (the other cases run in
						// parallel, some spinning on every core) can
						// make a coroutine miss a deadline of a few
						// milliseconds that a quiet run keeps: a
						// failure is one when a second run fails too.
						t.Logf("at %s, failed once (emulated %v), run again: %s", level.name, emulated, whys[i])
						whys[i] = runConformanceCase(t, bin, c, caseFlags, extra...)
					}
					<-sem
				}
				why := checkLevels(whys)
				reason, listed := xfail[c.Name]
				switch {
				case why != "" && listed && !differ(whys):
					t.Logf("expected failure (%s): %s", reason, why)
				case why != "":
					t.Errorf("%s", why)
				case listed:
					t.Errorf("passes now: remove it from %s", xfailName)
				}
				if why != "" {
					mu.Lock()
					if listed {
						failing[c.Name] = reason
					} else {
						failing[c.Name] = firstLine(why)
					}
					mu.Unlock()
				}
			})
		}
	})
	return failing
}

// checkLevels combines the outcomes of one case at each of optLevels:
// "" when it passed at all of them, else what went wrong, saying at
// which levels when they differ.
func checkLevels(whys []string) string {
	if !differ(whys) {
		return whys[0]
	}
	var passed, problems []string
	for i, why := range whys {
		if why == "" {
			passed = append(passed, optLevels[i].name)
		} else {
			problems = append(problems, fmt.Sprintf("at %s: %s", optLevels[i].name, why))
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

// writeCase writes the files of case c into a new directory named
// "case" (run-time messages name files relative to it, as with the
// reference compiler) and returns it.
func writeCase(t *testing.T, c golden.Case) string {
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

// runConformanceCase builds one case with naturec's flags, runs it and
// says what went wrong, or "" when it passed. Each of envs ("NAME=value")
// runs the same executable once more with that variable set (extraEnvs).
func runConformanceCase(t *testing.T, bin string, c golden.Case, flags []string, envs ...string) string {
	c = forTarget(c, flagTarget(flags))
	dir := writeCase(t, c)
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
		out, err := runIn(dir, 2*time.Minute, bin, append(args, "main.n")...)
		if _, ok := c.Expect["build-error"]; !ok {
			return strings.Join(compareRun(c, out, err), "\n")
		}
		return checkBuildError(c, out, err, exe)
	}
	buildOut, buildErr := runIn(dir, 2*time.Minute, bin, args...)
	if _, ok := c.Expect["build-error"]; ok {
		return checkBuildError(c, buildOut, buildErr, exe)
	}
	if buildErr != nil {
		return "build failed: " + buildOut.combined
	}
	emu := emulator(flagTarget(flags))
	problems := checkRun(dir, emu, exe, c, "")
	if emu == "" {
		problems = append(problems, checkDebugInfo(exe)...)
	}
	for _, env := range envs {
		if more := checkRun(dir, emu, exe, c, env); len(more) > 0 {
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

// forTarget returns c with the expectations of its sections named
// "NAME.TARGET" (stdout.linux_arm64) in place of NAME's: the few cases
// whose output depends on the target (elf.arch of the program itself, a
// package's per-target files) were recorded by the reference on
// linux_amd64, and say what another target prints beside it.
func forTarget(c golden.Case, target string) golden.Case {
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
func checkBuildError(c golden.Case, buildOut cmdOutput, buildErr error, exe string) string {
	want := strings.TrimSuffix(c.Expect["build-error"], "\n")
	switch {
	case buildErr == nil:
		return "build succeeded; want an error containing " + strconv.Quote(want)
	case !strings.Contains(buildOut.combined, want):
		return fmt.Sprintf("build error does not contain %q:\n%s", want, buildOut.combined)
	}
	if _, err := os.Stat(exe); err == nil {
		return "a failed build left an output file behind"
	}
	return ""
}

// checkRun runs a case's executable (under the emulator emu unless it
// is empty: naturec's emulator), with env ("NAME=value") added to the
// environment unless it is empty, and lists what differs from the
// expected output.
func checkRun(dir, emu, exe string, c golden.Case, env string) []string {
	var extra []string
	timeout := 30 * time.Second
	if env != "" {
		extra = []string{env}
	}
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
	out, err := runInEnv(dir, timeout, extra, name, args...)
	return compareRun(c, out, err)
}

// compareRun lists what differs between a run's output and status and
// the case's expected ones.
func compareRun(c golden.Case, out cmdOutput, err error) []string {
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
	if want := c.Expect["stdout"]; out.stdout != want {
		problems = append(problems, fmt.Sprintf("stdout:\n%s\nwant:\n%s", out.stdout, want))
	}
	if want, ok := c.Expect["exit"]; ok && strconv.Itoa(code) != strings.TrimSpace(want) {
		problems = append(problems, fmt.Sprintf("exit status %d, want %s", code, strings.TrimSpace(want)))
	}
	if want, ok := c.Expect["stderr"]; ok && out.stderr != want {
		problems = append(problems, fmt.Sprintf("stderr %q, want %q", out.stderr, want))
	}
	return problems
}

type cmdOutput struct{ stdout, stderr, combined string }

func runIn(dir string, timeout time.Duration, name string, args ...string) (cmdOutput, error) {
	return runInEnv(dir, timeout, nil, name, args...)
}

// runInEnv is runIn with the variables of env ("NAME=value") added to
// the environment.
func runInEnv(dir string, timeout time.Duration, env []string, name string, args ...string) (cmdOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	var stdout, stderr bytes.Buffer
	combined := &syncText{} // stdout and stderr in the order they arrive
	cmd.Stdout = io.MultiWriter(&stdout, combined)
	cmd.Stderr = io.MultiWriter(&stderr, combined)
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %v", timeout)
	}
	return cmdOutput{stdout.String(), stderr.String(), combined.String()}, err
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

func TestCheckLevels(t *testing.T) {
	for _, c := range []struct {
		whys []string
		want string
	}{
		{[]string{"", ""}, ""},
		{[]string{"build failed: x", "build failed: x"}, "build failed: x"},
		{[]string{"", "exit status 1, want 0"}, "passes at O0 but not at default: exit status 1, want 0"},
		{[]string{"a", "b"}, "fails differently at each optimisation level:\nat O0: a\nat default: b"},
	} {
		if got := checkLevels(c.whys); got != c.want {
			t.Errorf("checkLevels(%q) = %q, want %q", c.whys, got, c.want)
		}
	}
}
