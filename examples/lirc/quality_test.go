package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden/oracle"
	"github.com/naturekit/naturekit/lir"
)

var quality = flag.Bool("quality", false, "measure instruction counts against gcc -O0 and -O2 with valgrind")

// TestQuality counts the instructions (cachegrind's I refs) that the
// programs in testdata/quality execute when compiled by lirc -O and by
// gcc -O0 and -O2 from the equivalent C, and logs the ratios. It runs
// only with -quality:
//
//	go test ./lirc -run TestQuality -quality -v
func TestQuality(t *testing.T) {
	if !*quality {
		t.Skip("run with -quality")
	}
	gcc := oracle.Tool(t, "gcc", "gcc")
	valgrind := oracle.Tool(t, "valgrind", "valgrind")
	dir := t.TempDir()
	for _, name := range []string{"fib", "kernel"} {
		src, err := os.ReadFile(filepath.Join("testdata/quality", name+".lir"))
		if err != nil {
			t.Fatal(err)
		}
		m, err := lir.Parse(name+".lir", string(src))
		if err != nil {
			t.Fatal(err)
		}
		exe, err := Build(m, Options(true))
		if err != nil {
			t.Fatal(err)
		}
		ours := filepath.Join(dir, name)
		if err := os.WriteFile(ours, exe, 0o755); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int64{"lirc -O": irefs(t, valgrind, ours)}
		for _, o := range []string{"-O0", "-O2"} {
			out := filepath.Join(dir, name+o)
			cmd := exec.Command(gcc, o, "-static", "-o", out, filepath.Join("testdata/quality", name+".c"))
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("gcc: %v\n%s", err, b)
			}
			counts["gcc "+o] = irefs(t, valgrind, out)
		}
		t.Logf("%s: lirc -O %d, gcc -O0 %d, gcc -O2 %d I refs; lirc/O0 %.2f, lirc/O2 %.2f",
			name, counts["lirc -O"], counts["gcc -O0"], counts["gcc -O2"],
			float64(counts["lirc -O"])/float64(counts["gcc -O0"]),
			float64(counts["lirc -O"])/float64(counts["gcc -O2"]))
	}
}

var irefsLine = regexp.MustCompile(`I\s+refs:\s+([\d,]+)`)

// irefs runs exe under cachegrind without cache simulation and returns
// the number of instructions executed.
func irefs(t *testing.T, valgrind, exe string) int64 {
	t.Helper()
	cmd := exec.Command(valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", exe)
	out, _ := cmd.CombinedOutput() // the exit status is the program's result
	m := irefsLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no I refs in valgrind output:\n%s", out)
	}
	n, err := strconv.ParseInt(strings.ReplaceAll(string(m[1]), ",", ""), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
