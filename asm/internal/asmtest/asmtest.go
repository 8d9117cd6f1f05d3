// Package asmtest holds what the tests of the asm packages share: golden
// files (testdata/*.txtar, rewritten by -update), GNU as runs and the
// .text and relocations of the objects it writes, and the CPU time of
// benchmarks. It does not import asm, so that the core's own tests can
// use it.
package asmtest

import (
	"bytes"
	"debug/elf"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm/internal/oracle"
)

// Update is the -update flag of every test binary that imports asmtest:
// rewrite the golden files instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata")

// A Golden is a golden file, parsed.
type Golden struct {
	File string
	*txtar.Archive
}

// Goldens returns the golden files testdata/*.txtar, or ends the test.
func Goldens(tb testing.TB) []Golden {
	tb.Helper()
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no golden files: %v", err)
	}
	var out []Golden
	for _, file := range files {
		a, err := txtar.ParseFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Golden{file, a})
	}
	return out
}

// Section returns the data of the archive's file named name, or nil.
func (g Golden) Section(name string) []byte {
	for _, f := range g.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// Lines returns the lines of the archive's file named name, trimmed,
// without the blank ones and those that start with comment.
func (g Golden) Lines(name, comment string) []string {
	var out []string
	for _, l := range strings.Split(string(g.Section(name)), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, comment) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// Check runs a subtest per golden file: got computes the file named
// output from the archive, and must give what the archive has, or, with
// -update, replaces it.
func Check(t *testing.T, output string, got func(t *testing.T, g Golden) string) {
	for _, g := range Goldens(t) {
		t.Run(filepath.Base(g.File), func(t *testing.T) {
			out := got(t, g)
			if *Update {
				g.set(output, out)
				if err := os.WriteFile(g.File, txtar.Format(g.Archive), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(g.Section(output)), out); diff != "" {
				t.Errorf("%s mismatch (-want +got), rerun with -update:\n%s", output, diff)
			}
		})
	}
}

func (g Golden) set(name, data string) {
	for i := range g.Files {
		if g.Files[i].Name == name {
			g.Files[i].Data = []byte(data)
			return
		}
	}
	g.Files = append(g.Files, txtar.File{Name: name, Data: []byte(data)})
}

// SplitInst splits an instruction line into its mnemonic, lower-cased,
// and its operands, as the core's text parser does.
func SplitInst(line string) (string, string) {
	line = strings.TrimSpace(line)
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		return strings.ToLower(line[:i]), strings.TrimSpace(line[i+1:])
	}
	return strings.ToLower(line), ""
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
