package main

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/lir/linear"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gofront/build"
)

// The position table is written by the back end (lower, which
// cannot import rt/abi) and read by the runtime (rt/lang, from rt/abi's
// constants): TestPCTable checks that the two agree, and reads the table
// of a real executable as the runtime would.

const pcTabProgram = `type parser = struct {
    int pos
}

fn parser.advance(*self, int n):int {
    self.pos += n
    return self.pos
}

fn load(int x):int {
    return 100 / x
}

fn main() {
    var p = parser{pos: 0}
    var f = fn(int y):int {
        return p.advance(y)
    }
    println(load(f(5)))
}
`

type tabFunc struct {
	entry, size uint64
	name        string
	lines       []tabLine
}

type tabLine struct {
	lo, hi uint32
	pos    string
	kind   uint16
}

func TestPCTable(t *testing.T) {
	for _, c := range []struct {
		name     string
		back, rt int
	}{
		{"header", lower.PCTabHeaderSize, abi.PCTabHeaderSize},
		{"func", lower.PCTabFuncSize, abi.PCTabFuncSize},
		{"line", lower.PCTabLineSize, abi.PCTabLineSize},
		{"file", lower.PCTabFileSize, abi.PCTabFileSize},
		{"call", lower.PCTabCall, abi.PCTabCall},
		{"divide", lower.PCTabDivide, abi.PCTabDivide},
		{"memory", lower.PCTabMemory, abi.PCTabMemory},
	} {
		if c.back != c.rt {
			t.Errorf("%s: lower/amd64 %d, rt/abi %d", c.name, c.back, c.rt)
		}
	}
	for _, opts := range []compileOptions{{target: "linux_amd64"}, {target: "linux_amd64", noOptimize: true}} {
		exe := buildPCTabProgram(t, opts)
		funcs, syms := readPCTable(t, exe)
		byName := map[string]*tabFunc{}
		for i := range funcs {
			f := &funcs[i]
			if i > 0 && f.entry < funcs[i-1].entry+funcs[i-1].size {
				t.Errorf("function %d (%s) at %#x overlaps or precedes the one before", i, f.name, f.entry)
			}
			if f.name != "" {
				byName[f.name] = f
			}
		}
		for sym, want := range map[string]string{"main.main": "main.main", "main.load": "main.load", "main.parser.advance": "main.advance"} {
			s, ok := syms[sym]
			f := byName[want]
			if !ok && !opts.noOptimize {
				continue // inlined everywhere and removed
			}
			if !ok || f == nil {
				t.Errorf("%s: symbol %v, table entry %v", sym, ok, f)
				continue
			}
			if s.Value != f.entry || s.Size != f.size || elf.ST_TYPE(s.Info) != elf.STT_FUNC {
				t.Errorf("%s: symbol at %#x size %d type %v, table %#x size %d", sym, s.Value, s.Size, elf.ST_TYPE(s.Info), f.entry, f.size)
			}
		}
		if byName["main.lambda"] == nil {
			t.Errorf("no closure main.lambda in the table")
		}
		if !opts.noOptimize {
			continue // inlining and load elimination change which lines exist
		}
		// Calls, the division and the memory accesses at the positions
		// the reference reports.
		want := map[string][]string{
			"main.load":    {"divide case/main.n:11:18"},
			"main.lambda":  {"call case/main.n:17:26"},
			"main.main":    {"call case/main.n:19:20"},
			"main.advance": {"memory case/main.n:6:8", "memory case/main.n:7:15"},
		}
		kinds := map[uint16]string{abi.PCTabCall: "call", abi.PCTabDivide: "divide", abi.PCTabMemory: "memory"}
		for name, lines := range want {
			f := byName[name]
			if f == nil {
				continue
			}
			var got []string
			for _, l := range f.lines {
				got = append(got, kinds[l.kind]+" "+l.pos)
				if l.lo >= l.hi || uint64(l.hi) > f.size {
					t.Errorf("%s: line %+v outside the function", name, l)
				}
			}
			for _, w := range lines {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("%s: no line %q in %q", name, w, got)
				}
			}
		}
	}
}

// buildPCTabProgram compiles pcTabProgram with runtime messages printing
// case/main.n.
func buildPCTabProgram(t *testing.T, opts compileOptions) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "main.n")
	if err := os.WriteFile(path, []byte(pcTabProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := parseProgram(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.check(); err != nil {
		t.Fatal(err)
	}
	m, err := linear.Build(p.fset, p.files, p.info, &linear.Config{Path: func(string) string { return "case/main.n" }})
	if err != nil {
		t.Fatal(err)
	}
	obj, err := amd64.Compile(m, backendOptions(opts))
	if err != nil {
		t.Fatal(err)
	}
	prog, err := asmobj.Convert("main.o", obj)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := runtimeObject(opts)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := build.Executable(rt, prog)
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// readPCTable decodes the executable's position table as rt/lang reads
// it, with rt/abi's offsets.
func readPCTable(t *testing.T, exe []byte) ([]tabFunc, map[string]elf.Symbol) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	symList, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	syms := map[string]elf.Symbol{}
	for _, s := range symList {
		syms[s.Name] = s
	}
	tab, ok := syms[lower.PCTableSymbol]
	if !ok {
		t.Fatalf("no %s in the executable", lower.PCTableSymbol)
	}
	mem := func(addr, n uint64) []byte {
		for _, p := range f.Progs {
			if p.Type == elf.PT_LOAD && addr >= p.Vaddr && addr+n <= p.Vaddr+p.Filesz {
				b := make([]byte, n)
				if _, err := p.ReadAt(b, int64(addr-p.Vaddr)); err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		t.Fatalf("address %#x (+%d) is not in the image", addr, n)
		return nil
	}
	u64 := func(addr uint64) uint64 { return binary.LittleEndian.Uint64(mem(addr, 8)) }
	u32 := func(addr uint64) uint32 { return binary.LittleEndian.Uint32(mem(addr, 4)) }
	u16 := func(addr uint64) uint16 { return binary.LittleEndian.Uint16(mem(addr, 2)) }
	str := func(addr, n uint64) string {
		if n == 0 {
			return ""
		}
		return string(mem(addr, n))
	}
	h := tab.Value
	nfuncs, funcs := u64(h+abi.PCTabOffNFuncs), u64(h+abi.PCTabOffFuncs)
	nfiles, files := u64(h+abi.PCTabOffNFiles), u64(h+abi.PCTabOffFiles)
	var names []string
	for i := range nfiles {
		rec := files + i*abi.PCTabFileSize
		names = append(names, str(u64(rec+abi.PCTabFileOffName), u64(rec+abi.PCTabFileOffLen)))
	}
	var out []tabFunc
	for i := range nfuncs {
		rec := funcs + i*abi.PCTabFuncSize
		fn := tabFunc{
			entry: u64(rec + abi.PCTabFuncOffEntry),
			size:  uint64(u32(rec + abi.PCTabFuncOffSize)),
			name:  str(u64(rec+abi.PCTabFuncOffName), u64(rec+abi.PCTabFuncOffNameLen)),
		}
		lines := u64(rec + abi.PCTabFuncOffLines)
		for j := range uint64(u32(rec + abi.PCTabFuncOffNLines)) {
			l := lines + j*abi.PCTabLineSize
			file := u32(l + abi.PCTabLineOffFile)
			if int(file) >= len(names) {
				t.Fatalf("%s: line %d names file %d of %d", fn.name, j, file, len(names))
			}
			fn.lines = append(fn.lines, tabLine{
				lo:   u32(l + abi.PCTabLineOffLo),
				hi:   u32(l + abi.PCTabLineOffHi),
				pos:  fmt.Sprintf("%s:%d:%d", names[file], u32(l+abi.PCTabLineOffLine), u16(l+abi.PCTabLineOffCol)),
				kind: u16(l + abi.PCTabLineOffKind),
			})
		}
		if !sort.SliceIsSorted(fn.lines, func(a, b int) bool { return fn.lines[a].lo < fn.lines[b].lo }) {
			t.Errorf("%s: lines not in address order", fn.name)
		}
		out = append(out, fn)
	}
	return out, syms
}
