package arm64

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
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
	asmtest.BenchAssemble(b, Arch{}, src, insts)
}

func BenchmarkGNUAs(b *testing.B) {
	src, insts := benchSource()
	cpu := asmtest.BenchGNU(b, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu", nil, src)
	asmtest.ReportRates(b, insts, cpu)
}

// benchLines returns the instruction lines of the benchmark file, split
// into mnemonic and operands, and their number.
func benchLines() (lines [][2]string, insts int) {
	src, insts := benchSource()
	for _, l := range strings.Split(string(src), "\n") {
		if l == "" || strings.HasSuffix(l, ":") || strings.HasPrefix(l, ".") {
			continue
		}
		mn, ops := asm.SplitInst(l)
		lines = append(lines, [2]string{mn, ops})
	}
	return lines, insts
}

// BenchmarkParseEncode measures this package alone: Parse and Encode of
// every instruction of the benchmark file, without the core's statement
// handling and layout (every symbol undefined).
func BenchmarkParseEncode(b *testing.B) {
	lines, insts := benchLines()
	b.ResetTimer()
	cpu0 := asmtest.CPUTime()
	for b.Loop() {
		for _, l := range lines {
			in, err := Parse(l[0], l[1])
			if err != nil {
				b.Fatal(err)
			}
			if _, err := encode(in, 0, nopEnv{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	asmtest.ReportRates(b, insts, asmtest.CPUTime()-cpu0)
}

// BenchmarkEncode measures the encoder alone: Encode of every instruction
// of the benchmark file, parsed once before the timer starts (every
// symbol undefined).
func BenchmarkEncode(b *testing.B) {
	lines, insts := benchLines()
	var parsed []*Inst
	for _, l := range lines {
		in, err := Parse(l[0], l[1])
		if err != nil {
			b.Fatal(err)
		}
		parsed = append(parsed, in)
	}
	b.ResetTimer()
	cpu0 := asmtest.CPUTime()
	for b.Loop() {
		for _, in := range parsed {
			if _, err := encode(in, 0, nopEnv{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	asmtest.ReportRates(b, insts, asmtest.CPUTime()-cpu0)
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
	asmtest.BenchAssemble(b, coreOnlyArch{}, src, insts)
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
