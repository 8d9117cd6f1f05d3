package main

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm/oracle"
	"github.com/naturekit/naturekit/lir"
)

var quality = flag.Bool("quality", false, "measure instruction counts against gcc -O0 and -O2 with valgrind")

// TestQuality counts the instructions (cachegrind's I refs) that the
// programs in testdata/quality execute when compiled by lirc -O and by
// gcc -O0 and -O2 from the equivalent C, and logs the ratios. It runs
// only with -quality:
//
//	go test ./lirc -run 'TestQuality$' -quality -v
func TestQuality(t *testing.T) {
	if !*quality {
		t.Skip("run with -quality")
	}
	valgrind := oracle.Tool(t, "valgrind", "valgrind")
	compareWithGCC(t, "amd64", oracle.Tool(t, "gcc", "gcc"), func(exe string) int64 { return irefs(t, valgrind, exe) })
}

// compareWithGCC builds the programs of testdata/quality with lirc -O
// for target and with gcc -O0 and -O2 (static) from the equivalent C,
// counts the instructions each executes and logs the ratios.
func compareWithGCC(t *testing.T, target, gcc string, count func(exe string) int64) {
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
		exe, err := BuildFor(target, m, Options(true))
		if err != nil {
			t.Fatal(err)
		}
		ours := filepath.Join(dir, name)
		if err := os.WriteFile(ours, exe, 0o755); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int64{"lirc -O": count(ours)}
		for _, o := range []string{"-O0", "-O2"} {
			out := filepath.Join(dir, name+o)
			cmd := exec.Command(gcc, o, "-static", "-o", out, filepath.Join("testdata/quality", name+".c"))
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("gcc: %v\n%s", err, b)
			}
			counts["gcc "+o] = count(out)
		}
		t.Logf("%s (%s): lirc -O %d, gcc -O0 %d, gcc -O2 %d instructions; lirc/O0 %.2f, lirc/O2 %.2f",
			name, target, counts["lirc -O"], counts["gcc -O0"], counts["gcc -O2"],
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

// TestQualityARM64 is TestQuality for arm64: lirc -target arm64 -O
// against aarch64-linux-gnu-gcc -O0 and -O2 (static), instructions
// counted under qemu-aarch64-static run one instruction per
// translation block with every block's execution logged. It runs only
// with -quality:
//
//	go test ./lirc -run TestQualityARM64 -quality -v
func TestQualityARM64(t *testing.T) {
	if !*quality {
		t.Skip("run with -quality")
	}
	qemu := oracle.Tool(t, "qemu-aarch64-static", "qemu-user-static")
	compareWithGCC(t, "arm64", oracle.Tool(t, "aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu"),
		func(exe string) int64 { return qemuInsns(t, qemu, exe) })
}

// qemuInsns runs exe under qemu with one instruction per translation
// block and block chaining off, so that the execution log has one
// "Trace" line per instruction executed, and counts them.
func qemuInsns(t *testing.T, qemu, exe string) int64 {
	t.Helper()
	cmd := exec.Command(qemu, "-singlestep", "-d", "exec,nochain", "-D", "/dev/stderr", exe)
	r, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var n int64
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if bytes.HasPrefix(sc.Bytes(), []byte("Trace ")) {
			n++
		}
	}
	_ = cmd.Wait() // the exit status is the program's result
	return n
}
