package arm64

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/oracle"
)

var benchN = flag.Int("arm64.benchn", 2000, "random instances per form in the benchmark input")

// benchSource is a large generated file: every random form, labels and
// branches, only lines that assemble.
func benchSource() (src []byte, insts int) {
	lines := acceptedLines(randomProgram(7, *benchN))
	for _, l := range lines {
		if !strings.HasSuffix(l, ":") {
			insts++
		}
	}
	return []byte(".text\n" + strings.Join(lines, "\n") + "\n"), insts
}

// BenchmarkAssemble measures asm.Assemble on the generated file.
//
//	go test ./asm/arm64/ -run '^$' -bench 'Assemble|GNUAs' -benchtime 10x
//
// BenchmarkGNUAs runs aarch64-linux-gnu-as on the same file (from a
// temporary file, writing a temporary object) for the ratio. Both report
// insts/s (wall time) and cpu-ns/op (user+system CPU time: for ours the
// whole process, including GC threads; for GNU as the child process).
func BenchmarkAssemble(b *testing.B) {
	src, insts := benchSource()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := asm.Assemble(Arch{}, "bench.s", src); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(insts)*float64(b.N)/b.Elapsed().Seconds(), "insts/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

func BenchmarkGNUAs(b *testing.B) {
	as := oracle.Tool(b, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu")
	src, insts := benchSource()
	dir := b.TempDir()
	in := filepath.Join(dir, "bench.s")
	if err := os.WriteFile(in, src, 0o666); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(as, "-o", filepath.Join(dir, "bench.o"), in)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	b.ReportMetric(float64(insts)*float64(b.N)/b.Elapsed().Seconds(), "insts/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// cpuTime is the CPU time (user+system) this process has used. On a
// shared machine it is a fairer comparison with GNU as's CPU time than
// wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseEncode measures this package alone: Parse and Encode of
// every instruction of the benchmark file, without the core's statement
// handling and layout (every symbol undefined).
func BenchmarkParseEncode(b *testing.B) {
	src, insts := benchSource()
	type line struct{ mn, ops string }
	var lines []line
	for _, l := range strings.Split(string(src), "\n") {
		if l == "" || strings.HasSuffix(l, ":") || strings.HasPrefix(l, ".") {
			continue
		}
		mn, ops := splitMnemonic(l)
		lines = append(lines, line{mn, ops})
	}
	env := nopEnv{}
	buf := make([]byte, 0, 4)
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, l := range lines {
			in, err := Parse(l.mn, l.ops)
			if err != nil {
				b.Fatal(err)
			}
			w, err := encode(in, 0, env)
			if err != nil {
				b.Fatal(err)
			}
			buf = append(buf[:0], byte(w), byte(w>>8), byte(w>>16), byte(w>>24))
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(insts)*float64(b.N)/b.Elapsed().Seconds(), "insts/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

type nopEnv struct{}

func (nopEnv) Resolvable(string) (uint64, bool)    { return 0, false }
func (nopEnv) AddReloc(int, uint32, string, int64) {}

// BenchmarkAssembleCore measures the core alone on the benchmark file: an
// Arch whose instructions parse to one shared value that encodes to four
// fixed bytes without looking at symbols. It is the floor under
// BenchmarkAssemble that this package cannot lower.
func BenchmarkAssembleCore(b *testing.B) {
	src, insts := benchSource()
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if _, err := asm.Assemble(coreOnlyArch{}, "bench.s", src); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(insts)*float64(b.N)/b.Elapsed().Seconds(), "insts/s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

type coreOnlyArch struct{ Arch }

func (coreOnlyArch) ParseInst(string, string) (asm.Inst, error) { return fixedInst{}, nil }

type fixedInst struct{}

func (fixedInst) String() string { return "fixed" }

func (fixedInst) Encode(dst []byte, _ *asm.Context) ([]byte, error) {
	return append(dst, 0x1f, 0x20, 0x03, 0xd5), nil
}

var benchOut = flag.String("arm64.benchout", "", "write the benchmark's generated source to this file (for bench/asm-icount.sh)")

// TestWriteBenchSource writes the benchmark source when -arm64.benchout
// names a file, so that other tools (GNU as, nkas under valgrind) can
// assemble exactly what BenchmarkAssemble does.
func TestWriteBenchSource(t *testing.T) {
	if *benchOut == "" {
		t.Skip("no -arm64.benchout")
	}
	src, _ := benchSource()
	if err := os.WriteFile(*benchOut, src, 0o644); err != nil {
		t.Fatal(err)
	}
}
