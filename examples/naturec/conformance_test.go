package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
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

	"golang.org/x/tools/txtar"
)

// The conformance suite runs end to end: every case is built with the
// naturec binary from inside a directory named "case" (run-time messages
// print paths relative to its parent), run, and compared with the
// expected stdout, exit status and stderr; tE_ cases must fail to build
// with the expected text in the compiler's output.
//
// Cases that are not supported yet are listed in xfailFile with a
// one-line reason. A listed case that passes fails the run until it is
// removed from the list, so the list never hides progress.

const (
	conformanceDir = "../../testdata/conformance"
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

// conformanceCase is one unpacked txtar case.
type conformanceCase struct {
	name    string
	files   map[string][]byte
	order   []string
	expects map[string]string // stdout, exit, stderr, build-error, args
}

func loadConformance(t *testing.T) []conformanceCase {
	paths, err := filepath.Glob(filepath.Join(conformanceDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no conformance cases in %s: %v", conformanceDir, err)
	}
	var cases []conformanceCase
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := conformanceCase{
			name:    strings.TrimSuffix(filepath.Base(p), ".txtar"),
			files:   map[string][]byte{},
			expects: map[string]string{},
		}
		for _, f := range a.Files {
			switch f.Name {
			case "stdout", "exit", "stderr", "build-error", "args":
				c.expects[f.Name] = string(f.Data)
			default:
				c.files[f.Name] = f.Data
				c.order = append(c.order, f.Name)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// readXfail reads the expected-failures list: "name reason..." per line,
// '#' comments.
func readXfail(t *testing.T) map[string]string {
	m := map[string]string{}
	f, err := os.Open(xfailFile)
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
	bin, err := naturecBinary()
	if err != nil {
		t.Fatal(err)
	}
	xfail := readXfail(t)
	cases := loadConformance(t)

	var mu sync.Mutex
	failing := map[string]string{}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	t.Run("case", func(t *testing.T) {
		for _, c := range cases {
			if !strings.Contains(c.name, *conformanceFilter) {
				continue
			}
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				why := runConformanceCase(t, bin, c)
				reason, listed := xfail[c.name]
				switch {
				case why != "" && listed:
					t.Logf("expected failure (%s): %s", reason, why)
				case why != "":
					t.Errorf("%s", why)
				case listed:
					t.Errorf("passes now: remove it from %s", xfailFile)
				}
				if why != "" {
					mu.Lock()
					if listed {
						failing[c.name] = reason
					} else {
						failing[c.name] = firstLine(why)
					}
					mu.Unlock()
				}
			})
		}
	})
	if *updateXfail && *conformanceFilter == "" {
		writeXfail(t, failing)
	}
	t.Logf("conformance: %d cases, %d failing", len(cases), len(failing))
}

// runConformanceCase builds and runs one case and says what went wrong,
// or "" when it passed.
func runConformanceCase(t *testing.T, bin string, c conformanceCase) string {
	dir := filepath.Join(t.TempDir(), "case")
	for _, name := range c.order {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, c.files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe := filepath.Join(filepath.Dir(dir), "prog")
	buildOut, buildErr := runIn(dir, 2*time.Minute, bin, "build", "-o", exe, "main.n")
	if want, ok := c.expects["build-error"]; ok {
		want = strings.TrimSuffix(want, "\n")
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
	if buildErr != nil {
		return "build failed: " + buildOut.combined
	}
	args := strings.Fields(c.expects["args"])
	out, err := runIn(dir, 30*time.Second, exe, args...)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			code = 128 + int(ws.Signal()) // as a shell reports it
		}
	} else if err != nil {
		return "run: " + err.Error()
	}
	var problems []string
	if want := c.expects["stdout"]; out.stdout != want {
		problems = append(problems, fmt.Sprintf("stdout:\n%s\nwant:\n%s", out.stdout, want))
	}
	if want, ok := c.expects["exit"]; ok && strconv.Itoa(code) != strings.TrimSpace(want) {
		problems = append(problems, fmt.Sprintf("exit status %d, want %s", code, strings.TrimSpace(want)))
	}
	if want, ok := c.expects["stderr"]; ok && out.stderr != want {
		problems = append(problems, fmt.Sprintf("stderr %q, want %q", out.stderr, want))
	}
	return strings.Join(problems, "\n")
}

type cmdOutput struct{ stdout, stderr, combined string }

func runIn(dir string, timeout time.Duration, name string, args ...string) (cmdOutput, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	combined := &lockedBuffer{}
	cmd.Stdout = io.MultiWriter(&stdout, combined)
	cmd.Stderr = io.MultiWriter(&stderr, combined)
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %v", timeout)
	}
	return cmdOutput{stdout.String(), stderr.String(), combined.buf.String()}, err
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

// lockedBuffer collects stdout and stderr in the order they arrive; exec
// copies the two streams from two goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
