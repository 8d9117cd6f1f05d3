package main

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

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
	n := 80
	if testing.Short() {
		n = 20
	}
	if *diffN > 0 {
		n = *diffN
	}
	bin, err := buildNaturec()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(filepath.Dir(bin))
	oracle := ""
	if *diffOracle != "" {
		if oracle, err = filepath.Abs(*diffOracle); err != nil {
			t.Fatal(err)
		}
	}
	cfg := natgen.Config{Funcs: 2, Oracle: oracle != ""}
	comps := natgen.Compilers(bin, oracle)
	natgen.Campaign(*diffSeed, n, runtime.GOMAXPROCS(0), cfg, comps, func(r natgen.Result) {
		switch {
		case r.Err != nil:
			t.Fatal(r.Err)
		case strings.HasPrefix(r.Diff, natgen.Known):
			t.Logf("seed %d: %s", r.Program.Seed, r.Diff)
		case r.Diff != "":
			t.Errorf("seed %d: %s\n(reproduce: go run ./examples/natfuzz -funcs 2 -seed %d -n 1 -reduce)", r.Program.Seed, r.Diff, r.Program.Seed)
		case r.Outcomes[0].Exit != 0 || r.Outcomes[0].TimedOut:
			// generated programs are free of run-time errors by design
			t.Errorf("seed %d: %s:\n%s", r.Program.Seed, r.Outcomes[0], lastLines(r.Outcomes[0].Stdout))
		}
	})
}

func lastLines(s string) string {
	if len(s) > 400 {
		s = "..." + s[len(s)-400:]
	}
	return s
}
