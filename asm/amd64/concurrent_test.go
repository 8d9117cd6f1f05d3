package amd64

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// validLines returns n random instructions that ParseInst accepts.
func validLines(seed uint64, n int) []string {
	g := newGen(seed)
	var out []string
	for len(out) < n {
		for _, l := range g.lines(1) {
			if _, err := ParseInst(splitInst(l)); err == nil {
				out = append(out, l)
			}
		}
	}
	return out[:n]
}

func source(lines []string) []byte {
	return []byte(".intel_syntax noprefix\n.text\n" + strings.Join(lines, "\n") + "\n")
}

// TestConcurrent assembles different inputs from many goroutines at once
// (run it with -race): the results must equal those of serial runs.
func TestConcurrent(t *testing.T) {
	var srcs [][]byte
	for i := range 8 {
		lines := validLines(uint64(100+i), 300)
		srcs = append(srcs, source(append(lines, newGen(uint64(200+i)).branchLines(200)...)))
	}
	asmtest.Concurrent(t, srcs, func(src []byte) ([]byte, error) {
		obj, err := asm.Assemble(Arch{}, "in.s", src)
		if err != nil {
			return nil, err
		}
		return obj.Section(".text").Data, nil
	})
}

// benchLines is the size of the benchmark's generated file.
const benchLines = 100000

func benchSource(b *testing.B) []byte {
	b.Helper()
	lines := validLines(7, benchLines)
	return source(lines)
}

// BenchmarkAssemble assembles a large generated file (100000 random
// instructions of every form) and reports instructions per second of
// wall time and of CPU time (user+system, all threads: the garbage
// collector's work included). CPU time is the fairer measure on a busy
// machine.
func BenchmarkAssemble(b *testing.B) {
	asmtest.BenchAssemble(b, Arch{}, benchSource(b), benchLines)
}

// BenchmarkGNUAs times GNU as on the same file, for the ratio reported
// in docs/bench-asm-amd64.md. Each iteration runs as once (process
// start-up included, as a build would pay it).
func BenchmarkGNUAs(b *testing.B) {
	asmtest.ReportRates(b, benchLines, asmtest.BenchGNU(b, "as", "binutils", []string{"--64"}, benchSource(b)))
}

var benchOut = flag.String("amd64.benchout", "", "write the benchmark's generated source to this file (for bench/asm-icount.sh)")

// TestWriteBenchSource writes the benchmark source when -amd64.benchout
// names a file, so that other tools (GNU as, nkas under valgrind) can
// assemble exactly what BenchmarkAssemble does.
func TestWriteBenchSource(t *testing.T) {
	if *benchOut == "" {
		t.Skip("no -amd64.benchout")
	}
	if err := os.WriteFile(*benchOut, source(validLines(7, benchLines)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkParseInst measures the instruction parser alone.
func BenchmarkParseInst(b *testing.B) {
	lines := validLines(8, 1000)
	type split struct{ mn, ops string }
	var ss []split
	for _, l := range lines {
		mn, ops := splitInst(l)
		ss = append(ss, split{mn, ops})
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		s := ss[n%len(ss)]
		if _, err := ParseInst(s.mn, s.ops); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkEncode measures the encoder alone (no symbols).
func BenchmarkEncode(b *testing.B) {
	var insts []*Inst
	for _, l := range validLines(9, 1000) {
		in, _ := ParseInst(splitInst(l))
		insts = append(insts, in)
	}
	buf := make([]byte, 0, 64)
	b.ResetTimer()
	n := 0
	for b.Loop() {
		if _, err := insts[n%len(insts)].Encode(buf[:0], nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkParseEncode parses (Arch.ParseInst, as the core does) and
// encodes every line of the benchmark file with this package alone (no
// core, symbols undefined): the architecture's share of
// BenchmarkAssemble.
func BenchmarkParseEncode(b *testing.B) {
	lines := validLines(7, benchLines)
	type split struct{ mn, ops string }
	ss := make([]split, len(lines))
	for i, l := range lines {
		ss[i].mn, ss[i].ops = splitInst(l)
	}
	buf := make([]byte, 0, 16*benchLines)
	b.ResetTimer()
	cpu0 := asmtest.CPUTime()
	for b.Loop() {
		buf = buf[:0]
		for _, s := range ss {
			in, err := Arch{}.ParseInst(s.mn, s.ops)
			if err != nil {
				b.Fatal(err)
			}
			if buf, err = in.Encode(buf, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
	asmtest.ReportRates(b, benchLines, asmtest.CPUTime()-cpu0)
}
