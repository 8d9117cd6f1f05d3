// Package asmtest holds what the tests of the asm packages share: their
// golden files read as test input, GNU as runs and the .text and
// relocations of the objects it writes, the assembler benchmarks and
// their CPU time, and a concurrency check. It imports asm: the core's
// tests that use it are external tests (package asm_test).
package asmtest

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/oracle"
)

// An Archive is one of the package's golden files, testdata/*.txtar,
// read as test input: the instructions the in-package tests run through
// GNU as, the x/arch decoders, the fuzzers and the concurrency tests.
// Comparing the golden outputs, and rewriting them with -update, is the
// shared harness's job (internal/golden, used by asm/internal/goldentest).
type Archive struct {
	File string
	*txtar.Archive
}

// Archives returns the golden files testdata/*.txtar, or ends the test.
func Archives(tb testing.TB) []Archive {
	tb.Helper()
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no golden files: %v", err)
	}
	var out []Archive
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Archive{file, a})
	}
	return out
}

// Section returns the data of the archive's file named name, or nil.
func (a Archive) Section(name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// Lines returns the lines of the archive's file named name, trimmed,
// without the blank ones and those that start with comment.
func (a Archive) Lines(name, comment string) []string {
	var out []string
	for _, l := range strings.Split(string(a.Section(name)), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, comment) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// RunGNU writes src to a temporary file and assembles it with the GNU
// assembler as (from the Debian package pkg; see oracle.Tool) and the
// options args. It returns the object's path, and as's messages when it
// fails.
func RunGNU(tb testing.TB, as, pkg string, args []string, src string) (obj, msgs string, err error) {
	tb.Helper()
	path := oracle.Tool(tb, as, pkg)
	dir := tb.TempDir()
	in, obj := filepath.Join(dir, "in.s"), filepath.Join(dir, "out.o")
	if err := os.WriteFile(in, []byte(src), 0o666); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command(path, append(append(args, "-o", obj), in)...).CombinedOutput()
	return obj, string(out), err
}

// OpenGNU assembles src with GNU as for amd64 (as --64) and opens the
// object, or ends the test; the file is closed when the test ends.
func OpenGNU(tb testing.TB, src string) *elf.File {
	tb.Helper()
	path, msgs, err := RunGNU(tb, "as", "binutils", []string{"--64"}, src)
	if err != nil {
		tb.Fatalf("GNU as: %v\n%s", err, msgs)
	}
	f, err := elf.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

// A Reloc is a relocation of an object's .text.
type Reloc struct {
	Offset uint64
	Type   uint32
	Symbol string // a section symbol's section name
	Addend int64
}

// Text returns the .text of an ELF object, its symbols and the
// relocations of .text, or ends the test.
func Text(tb testing.TB, path string) (text []byte, syms []elf.Symbol, relocs []Reloc) {
	tb.Helper()
	f, err := elf.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if text, err = f.Section(".text").Data(); err != nil {
		tb.Fatal(err)
	}
	if syms, err = f.Symbols(); err != nil {
		tb.Fatal(err)
	}
	rela := f.Section(".rela.text")
	if rela == nil {
		return text, syms, nil
	}
	data, err := rela.Data()
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+24 <= len(data); i += 24 {
		info := f.ByteOrder.Uint64(data[i+8:])
		r := Reloc{Offset: f.ByteOrder.Uint64(data[i:]), Type: uint32(info), Addend: int64(f.ByteOrder.Uint64(data[i+16:]))}
		if si := int(info >> 32); si > 0 && si <= len(syms) {
			s := syms[si-1]
			r.Symbol = s.Name
			if elf.ST_TYPE(s.Info) == elf.STT_SECTION {
				r.Symbol = f.Sections[s.Section].Name
			}
		}
		relocs = append(relocs, r)
	}
	return text, syms, relocs
}

// CPUTime returns the user+system CPU time of this process, all threads
// (the garbage collector's included). On a shared machine it is a fairer
// measure than wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchAssemble measures asm.Assemble with arch on src, a file of insts
// instructions, and reports the rates (see ReportRates).
func BenchAssemble(b *testing.B, arch asm.Arch, src []byte, insts int) {
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	cpu0 := CPUTime()
	for b.Loop() {
		if _, err := asm.Assemble(arch, "bench.s", src); err != nil {
			b.Fatal(err)
		}
	}
	ReportRates(b, insts, CPUTime()-cpu0)
}

// ReportRates reports the rate of insts instructions per iteration, in
// wall time (insts/s) and in CPU time (insts/cpu-s), and the CPU time of
// an iteration (cpu-ns/op), cpu being the CPU time of all of them.
func ReportRates(b *testing.B, insts int, cpu time.Duration) {
	n := float64(insts) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "insts/s")
	b.ReportMetric(n/cpu.Seconds(), "insts/cpu-s")
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchGNU runs the GNU assembler as (from the Debian package pkg) with
// the options args on src once per iteration of b, process start-up
// included, as a build would pay it, and returns the CPU time the runs
// took.
func BenchGNU(b *testing.B, as, pkg string, args []string, src []byte) time.Duration {
	path := oracle.Tool(b, as, pkg)
	dir := b.TempDir()
	in := filepath.Join(dir, "bench.s")
	if err := os.WriteFile(in, src, 0o666); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	var cpu time.Duration
	for b.Loop() {
		cmd := exec.Command(path, append(append(args, "-o", filepath.Join(dir, "bench.o")), in)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return cpu
}

// Concurrent checks that text gives the same result for each of srcs
// when it runs on all of them at once, in as many goroutines, a few
// times, as when it runs on them one after the other (run it with
// -race).
func Concurrent(t *testing.T, srcs [][]byte, text func(src []byte) ([]byte, error)) {
	t.Helper()
	want := make([][]byte, len(srcs))
	for i, src := range srcs {
		var err error
		if want[i], err = text(src); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range srcs {
		wg.Go(func() {
			for range 3 {
				got, err := text(srcs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(got, want[i]) {
					t.Errorf("input %d: concurrent result differs from sequential", i)
					return
				}
			}
		})
	}
	wg.Wait()
}
