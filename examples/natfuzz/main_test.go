package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/examples/internal/driverdeps"
	"github.com/naturekit/naturekit/examples/internal/natgen"
)

var (
	diffN      = flag.Int("natfuzz.n", 0, "programs in TestDifferential (default: a short run)")
	diffSeed   = flag.Int64("natfuzz.seed", 1, "first seed of TestDifferential")
	diffOracle = flag.String("natfuzz.oracle", "", "also compare with this reference compiler (e.g. ../../../shared/oracle/nature); slow: seconds per program")
)

// TestDifferential is the short differential run of CI: generated
// programs (small ones: two functions each) built with naturec at -O0
// and by default must print the same thing and exit the same way; with
// -natfuzz.oracle, also as the reference compiler's build of the same
// program. -natfuzz.n sets the count for long runs (docs/reliability.md).
func TestDifferential(t *testing.T) {
	n, bin := setup(t, 80, 20)
	oracle := ""
	if *diffOracle != "" {
		var err error
		if oracle, err = filepath.Abs(*diffOracle); err != nil {
			t.Fatal(err)
		}
	}
	cfg := natgen.Config{Funcs: 2, Oracle: oracle != ""}
	differential(t, n, cfg, natgen.Compilers(bin, oracle, false), "")
}

// TestInterpreter runs generated programs without coroutines (the
// interpreter's host runtime has no scheduler) built by default and in
// the LIR interpreter (naturec run --interp, the front end's LIR before
// any optimisation): outputs and exit statuses must agree, and at least
// nine in ten must run to the end in the interpreter, so that the test
// cannot pass by skipping them.
func TestInterpreter(t *testing.T) {
	n, bin := setup(t, 40, 10)
	features := slices.DeleteFunc(natgen.Features(), func(f string) bool { return f == "coroutine" })
	cfg := natgen.Config{Funcs: 2, Features: features}
	comps := natgen.Compilers(bin, "", true)[1:] // default build, interpreter
	if ran := differential(t, n, cfg, comps, " -interp -features "+strings.Join(features, ",")); ran < n*9/10 {
		t.Errorf("the interpreter ran %d of %d programs to the end, want at least %d", ran, n, n*9/10)
	}
}

// setup returns how many programs a differential test runs (n, short
// with -short, or -natfuzz.n) and the naturec it builds them with,
// removed when the test ends.
func setup(t *testing.T, n, short int) (int, string) {
	t.Helper()
	if testing.Short() {
		n = short
	}
	if *diffN > 0 {
		n = *diffN
	}
	// The naturec built here is not in this test's binary: its
	// sources must be among the test's inputs (driverdeps).
	driverdeps.OpenSources(t, filepath.Join("..", "naturec"))
	bin, err := buildNaturec()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(bin)) })
	return n, bin
}

// differential runs n generated programs from -natfuzz.seed with comps
// and reports every mismatch; it returns how many programs every
// compiler ran to the end (none reported Unsupported). flags are what
// natfuzz needs beyond -funcs and -seed to reproduce a mismatch.
func differential(t *testing.T, n int, cfg natgen.Config, comps []natgen.Compiler, flags string) int {
	ran := 0
	natgen.Campaign(*diffSeed, n, runtime.GOMAXPROCS(0), cfg, comps, func(r natgen.Result) {
		switch {
		case r.Err != nil:
			t.Fatal(r.Err)
		case strings.HasPrefix(r.Diff, natgen.Known):
			t.Logf("seed %d: %s", r.Program.Seed, r.Diff)
		case r.Diff != "":
			t.Errorf("seed %d: %s\n(reproduce: go run ./examples/natfuzz -funcs 2 -seed %d -n 1 -reduce%s)", r.Program.Seed, r.Diff, r.Program.Seed, flags)
		case r.Outcomes[0].Exit != 0 || r.Outcomes[0].TimedOut:
			// generated programs are free of run-time errors by design
			t.Errorf("seed %d: %s:\n%s", r.Program.Seed, r.Outcomes[0], lastLines(r.Outcomes[0].Stdout))
		}
		if !slices.ContainsFunc(r.Outcomes, func(o natgen.Outcome) bool { return o.Unsupported != "" }) {
			ran++
		}
	})
	return ran
}

func lastLines(s string) string {
	if len(s) > 400 {
		s = "..." + s[len(s)-400:]
	}
	return s
}
