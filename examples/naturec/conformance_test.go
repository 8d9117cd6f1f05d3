package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
	"github.com/naturekit/naturekit/internal/golden"
)

// The conformance suite runs end to end on linux_amd64: every case is
// built with the naturec binary at -O0 and with the default
// optimisation, run, and compared with the expected stdout, exit status
// and stderr (the harness, shared with the linux_arm64 packages of
// arm64test/, is internal/suite; its package comment says more). The
// native executables' debug information is checked too (dwarf_test.go).
//
// Cases that are not supported yet are listed in xfailFile with a
// one-line reason. A listed case that passes fails the run until it is
// removed from the list, so the list never hides progress.

const xfailFile = "testdata/conformance-xfail.txt"

var updateXfail = flag.Bool("conformance.update-xfail", false, "rewrite "+xfailFile+" with the cases failing now")

// The harness's functions under the names this package's tests use.

func naturec(tb testing.TB) string                       { tb.Helper(); return suite.Naturec(tb) }
func loadConformance(t *testing.T) []golden.Case         { return suite.Load(t) }
func readXfail(t *testing.T) map[string]string           { return suite.ReadXfail(t, xfailFile) }
func writeCase(t *testing.T, c golden.Case) string       { return suite.WriteCase(t, c) }
func forTarget(c golden.Case, target string) golden.Case { return suite.ForTarget(c, target) }
func checkLevels(whys []string) string                   { return suite.CheckLevels(whys) }
func firstLine(s string) string                          { return suite.FirstLine(s) }

func runIn(dir string, timeout time.Duration, name string, args ...string) (suite.CmdOutput, error) {
	return suite.RunIn(dir, timeout, name, args...)
}

func runInEnv(dir string, timeout time.Duration, env []string, name string, args ...string) (suite.CmdOutput, error) {
	return suite.RunInEnv(dir, timeout, env, name, args...)
}

// runConformanceCase builds one case with naturec's flags, runs it (once
// more in each of envs) and says what went wrong, or "" when it passed.
func runConformanceCase(t *testing.T, bin string, c golden.Case, flags []string, envs ...string) string {
	return (&suite.Suite{Bin: bin, Check: checkDebugInfo}).Case(t, c, flags, envs...)
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
	cases := loadConformance(t)
	s := &suite.Suite{
		Bin: naturec(t), Xfail: readXfail(t), XfailName: xfailFile,
		Envs: suite.ExtraEnvs, Filter: suite.Filter(), Check: checkDebugInfo,
	}
	failing := s.Run(t, cases)
	if *updateXfail && suite.Filter() == "" {
		writeXfail(t, failing)
	}
	t.Logf("conformance: %d cases at %d optimisation levels, %d failing", len(cases), len(suite.Levels()), len(failing))
}
