package main

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/asm/oracle"
	"github.com/naturekit/naturekit/rt"
	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/std"
)

// checkDebugInfo reads the executable exe, built by naturec from a case
// in a directory named "case", with debug/elf and debug/dwarf, and lists
// what is wrong with its symbols and debugging information (at most a
// few problems):
//   - every symbol of Nature code or the runtime in .text (the
//     runtime's assembly stubs included) is a function with its size;
//   - every subprogram of .debug_info is the function symbol of its
//     name (same address, same size), and its declaration position is
//     an "fn" (or "pub fn", or the "#where" or other annotation
//     before one) in its source file (the case's files on disk, the
//     standard library's embedded ones), or, for the runtime, its Go
//     declaration in the embedded sources (isDecl);
//   - every line table sequence starts at a subprogram's first byte on
//     its declaration line, and every row lies in that function and
//     names a line of an existing source file;
//   - a compile unit of the case's files has main.main.
//
// TestConformance runs it on every executable it builds and runs
// natively, at every optimisation level.
func checkDebugInfo(exe string) []string {
	var problems []string
	report := func(format string, args ...any) {
		if len(problems) < 5 {
			problems = append(problems, "debug info: "+fmt.Sprintf(format, args...))
		}
	}
	f, err := elf.Open(exe)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		return []string{err.Error()}
	}
	funcs := map[string]elf.Symbol{}
	text := f.Section(".text")
	for _, s := range syms {
		if elf.ST_TYPE(s.Info) == elf.STT_FUNC {
			funcs[s.Name] = s
		}
		// Nature's and the runtime's names have a dot (and _start is
		// the runtime's); C's (musl's assembly without .size) do not.
		ours := strings.Contains(s.Name, ".") || s.Name == "_start"
		if ours && int(s.Section) < len(f.Sections) && f.Sections[s.Section] == text &&
			(elf.ST_TYPE(s.Info) != elf.STT_FUNC || s.Size == 0) {
			report("symbol %s in .text is %v of size %d, not a function with its size", s.Name, elf.ST_TYPE(s.Info), s.Size)
		}
	}
	d, err := f.DWARF()
	if err != nil {
		return append(problems, "debug info: "+err.Error())
	}
	src := sourceLines{}
	type fn struct {
		name     string
		low, end uint64
		line     int
	}
	var subprograms []fn
	hasMain := false
	r := d.Reader()
	for {
		cu, err := nextOf(r, dwarf.TagCompileUnit)
		if err != nil {
			report("%v", err)
			break
		}
		if cu == nil {
			break
		}
		unit, _ := cu.Val(dwarf.AttrName).(string)
		compDir, _ := cu.Val(dwarf.AttrCompDir).(string)
		lr, err := d.LineReader(cu)
		if err != nil || lr == nil {
			report("unit %s: no line table (%v)", unit, err)
			r.SkipChildren()
			continue
		}
		files := lr.Files()
		first := len(subprograms)
		for {
			e, err := nextOf(r, dwarf.TagSubprogram)
			if err != nil || e == nil {
				break
			}
			name, _ := e.Val(dwarf.AttrName).(string)
			low, _ := e.Val(dwarf.AttrLowpc).(uint64)
			size, _ := e.Val(dwarf.AttrHighpc).(int64)
			line, _ := e.Val(dwarf.AttrDeclLine).(int64)
			col, _ := e.Val(dwarf.AttrDeclColumn).(int64)
			fileNo, _ := e.Val(dwarf.AttrDeclFile).(int64)
			s, ok := funcs[name]
			switch {
			case !ok:
				report("subprogram %s has no function symbol", name)
			case s.Value != low || s.Size != uint64(size):
				report("subprogram %s at %#x+%d, its symbol at %#x+%d", name, low, size, s.Value, s.Size)
			}
			if name == "main.main" && strings.HasPrefix(unit, "case/") {
				hasMain = true
			}
			if fileNo > 0 && int(fileNo) < len(files) && files[fileNo] != nil {
				if text, ok := src.line(compDir, files[fileNo].Name, int(line)); !ok {
					report("subprogram %s declared at %s:%d, not a line of the file", name, files[fileNo].Name, line)
				} else if decl := strings.TrimPrefix(text[min(max(col-1, 0), int64(len(text))):], "pub "); !isDecl(decl, name) {
					report("subprogram %s declared at %s:%d:%d, which is not an fn: %q", name, files[fileNo].Name, line, col, text)
				}
			}
			subprograms = append(subprograms, fn{name, low, low + uint64(size), int(line)})
		}
		var row dwarf.LineEntry
		var cur *fn
		for lr.Next(&row) == nil {
			if cur == nil {
				for i := first; i < len(subprograms); i++ {
					if subprograms[i].low == row.Address {
						cur = &subprograms[i]
					}
				}
				switch {
				case cur == nil:
					report("unit %s: a sequence starts at %#x, no subprogram's start", unit, row.Address)
					return problems
				case cur.line > 0 && row.Line != cur.line:
					report("%s starts on line %d, declared on line %d", cur.name, row.Line, cur.line)
				}
			}
			if row.Address < cur.low || row.Address > cur.end || row.EndSequence != (row.Address == cur.end) {
				report("%s: row at %#x outside %#x..%#x (end of sequence %v)", cur.name, row.Address, cur.low, cur.end, row.EndSequence)
			}
			if row.EndSequence {
				cur = nil
				continue
			}
			if _, ok := src.line(compDir, row.File.Name, row.Line); !ok {
				report("%s: row at %#x on %s:%d, not a line of the file", cur.name, row.Address, row.File.Name, row.Line)
			}
		}
	}
	if !hasMain {
		report("no compile unit of the case's files with main.main")
	}
	return problems
}

// nextOf returns the next entry of r with the given tag among the
// entries at the reader's level, skipping the others with their
// children, or nil at the end of that level.
func nextOf(r *dwarf.Reader, tag dwarf.Tag) (*dwarf.Entry, error) {
	for {
		e, err := r.Next()
		if err != nil || e == nil || e.Tag == 0 {
			return nil, err
		}
		if e.Tag == tag {
			return e, nil
		}
		r.SkipChildren()
	}
}

// isDecl reports whether text, from a subprogram's declaration
// position on, declares the function name: a Nature "fn" (or the
// annotation before one, "#where ..."), or a Go "func" or the Go
// function's or method's name (the runtime's positions are go/ssa's).
func isDecl(text, name string) bool {
	short := name[strings.LastIndexByte(name, '.')+1:]
	return strings.HasPrefix(text, "fn") || strings.HasPrefix(text, "#") || strings.HasPrefix(text, "func") ||
		short != "" && strings.HasPrefix(text, short)
}

// sourceLines reads the source files the DWARF names, once each.
type sourceLines map[string][]string

// line returns line n (from 1) of the file name, relative to dir unless
// absolute, of the standard library's file when name is std/..., or of
// the runtime's embedded file when dir is the runtime's.
func (s sourceLines) line(dir, name string, n int) (string, bool) {
	path := name
	if !filepath.IsAbs(name) && !strings.HasPrefix(name, dir+"/") {
		path = filepath.Join(dir, name)
	}
	lines, ok := s[path]
	if !ok {
		data, err := os.ReadFile(path)
		if dir == build.SourceDir {
			data, err = fs.ReadFile(rt.Sources, strings.TrimPrefix(path, dir+"/"))
		}
		rel, _ := filepath.Rel(dir, path)
		if rest, inStd := strings.CutPrefix(filepath.ToSlash(rel), "std/"); inStd && err != nil {
			data, err = fs.ReadFile(std.FS, rest)
		}
		if err == nil {
			lines = strings.Split(string(data), "\n")
		}
		s[path] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// debugProgram is the program of the tools' tests: main calls middle,
// which calls inner in a loop, and fib, whose base case returns without
// a frame (shrink-wrapping); the lines the tests look for are marked.
const debugProgram = `fn inner(int x):int {
    var y = x * 3
    return y + 1 // inner
}

fn middle(int n):int {
    var sum = 0
    for int i = 0; i < n; i += 1 {
        sum += inner(i) // call inner
    }
    return sum
}

fn fib(int n):int {
    if n < 2 {
        return n
    }
    return fib(n - 1) + fib(n - 2) // call fib
}

fn main() {
    var total = middle(4) // call middle
    println(total + fib(5)) // call fib from main
}
`

// markedLine returns the number of the line of debugProgram holding
// the comment "// mark".
func markedLine(t *testing.T, mark string) int {
	for i, l := range strings.Split(debugProgram, "\n") {
		if strings.HasSuffix(l, "// "+mark) {
			return i + 1
		}
	}
	t.Fatalf("no line marked %s", mark)
	return 0
}

// buildDebugProgram builds debugProgram at -O0 (so that nothing is
// inlined) in a directory named case and returns the executable.
func buildDebugProgram(t *testing.T) string { return buildDebugProgramFlags(t) }

// TestStrip builds debugProgram with -s: no debugging sections, the
// function symbols still there.
func TestStrip(t *testing.T) {
	f, err := elf.Open(buildDebugProgramFlags(t, "-s"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.Sections {
		if strings.HasPrefix(s.Name, ".debug_") {
			t.Errorf("-s kept %s", s.Name)
		}
	}
	syms, _ := f.Symbols()
	found := false
	for _, s := range syms {
		found = found || s.Name == "main.fib" && elf.ST_TYPE(s.Info) == elf.STT_FUNC && s.Size > 0
	}
	if !found {
		t.Error("no function symbol main.fib with a size")
	}
}

// buildDebugProgramFlags is buildDebugProgram with more build flags;
// without -s, it checks the executable's DWARF (checkDebugInfo).
func buildDebugProgramFlags(t *testing.T, flags ...string) string {
	bin := naturec(t)
	dir := filepath.Join(t.TempDir(), "case")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.n"), []byte(debugProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(filepath.Dir(dir), "prog")
	args := append(append([]string{"build", "-O0"}, flags...), "-o", exe, "main.n")
	if out, err := runIn(dir, 2*time.Minute, bin, args...); err != nil {
		t.Fatalf("build: %v\n%s", err, out.Combined)
	}
	if len(flags) > 0 {
		return exe
	}
	if problems := checkDebugInfo(exe); len(problems) > 0 {
		t.Fatal(strings.Join(problems, "\n"))
	}
	return exe
}

// TestAddr2line maps the first address of each of debugProgram's
// functions, and the address of every row of its line table, to
// file:line with GNU addr2line and compares with debug/dwarf's reading.
func TestAddr2line(t *testing.T) {
	addr2line := oracle.Tool(t, "addr2line", "binutils")
	exe := buildDebugProgram(t)
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := f.DWARF()
	if err != nil {
		t.Fatal(err)
	}
	var addrs, want []string
	r := d.Reader()
	for cu, err := r.Next(); cu != nil && err == nil; cu, err = r.Next() {
		if cu.Tag != dwarf.TagCompileUnit {
			continue
		}
		if name, _ := cu.Val(dwarf.AttrName).(string); name != "case/main.n" {
			r.SkipChildren()
			continue
		}
		lr, err := d.LineReader(cu)
		if err != nil {
			t.Fatal(err)
		}
		var row, next dwarf.LineEntry
		ok := lr.Next(&row) == nil
		for ok {
			ok = lr.Next(&next) == nil
			// Of several rows at one address, addr2line reports the last.
			if !row.EndSequence && (!ok || next.Address != row.Address) {
				addrs = append(addrs, fmt.Sprintf("%#x", row.Address))
				want = append(want, fmt.Sprintf("%s:%d", row.File.Name, row.Line))
			}
			row = next
		}
	}
	if len(addrs) < 8 {
		t.Fatalf("only %d rows in case/main.n's line table", len(addrs))
	}
	out, err := exec.Command(addr2line, append([]string{"-e", exe}, addrs...)...).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Fields(string(out))
	for i := range want {
		if i >= len(got) || !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("addr2line %s = %v, want %s", addrs[i], got[i:min(i+1, len(got))], want[i])
		}
	}
	if !strings.Contains(string(out), "main.n:"+strconv.Itoa(markedLine(t, "inner"))) {
		t.Errorf("addr2line never reports the line of inner's return:\n%s", out)
	}
}

// TestGDB breaks on a line of debugProgram in gdb and checks that it
// stops there with the Nature backtrace inner ← middle ← main; then it
// breaks on the bare ret of fib's base case, where the frame is not set
// up although the function's entry is long past, so that only the call
// frame information says where the return address is (without it, gdb
// shows a null frame after the first caller), and checks the backtrace
// fib ← fib ... ← main.
func TestGDB(t *testing.T) {
	gdb := oracle.Tool(t, "gdb", "gdb")
	exe := buildDebugProgram(t)
	line := markedLine(t, "inner")
	out := runGDB(t, gdb, exe, fmt.Sprintf("break main.n:%d", line))
	for _, want := range []string{
		fmt.Sprintf("Breakpoint 1, main.inner () at case/main.n:%d", line),
		fmt.Sprintf("#0  main.inner () at case/main.n:%d", line),
		fmt.Sprintf("in main.middle () at case/main.n:%d", markedLine(t, "call inner")),
		fmt.Sprintf("in main.main () at case/main.n:%d", markedLine(t, "call middle")),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("gdb output lacks %q:\n%s", want, out)
		}
	}

	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	syms, _ := f.Symbols()
	var code []byte
	var start uint64
	for _, s := range syms {
		if s.Name == "main.fib" {
			start, code = s.Value, make([]byte, s.Size)
			text := f.Section(".text")
			if _, err := text.ReadAt(code, int64(s.Value-text.Addr)); err != nil {
				t.Fatal(err)
			}
		}
	}
	// ret; push rbp; mov rbp, rsp: the base case's return, then the
	// frame's set-up.
	i := bytes.Index(code, []byte{0xc3, 0x55, 0x48, 0x89, 0xe5})
	if i < 0 {
		t.Fatalf("no frameless return before a prologue in main.fib: % x", code)
	}
	out = runGDB(t, gdb, exe, fmt.Sprintf("break *%#x", start+uint64(i)))
	for _, want := range []string{
		fmt.Sprintf("#0  0x%016x in main.fib () at case/main.n:", start+uint64(i)),
		"#1  0x",
		fmt.Sprintf("in main.fib () at case/main.n:%d", markedLine(t, "call fib")),
		fmt.Sprintf("in main.main () at case/main.n:%d", markedLine(t, "call fib from main")),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("gdb output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "?? ()") {
		t.Errorf("gdb's backtrace has an unknown frame:\n%s", out)
	}
}

// runGDB runs exe under gdb in batch mode, stopping at the breakpoint
// given and printing the backtrace, and returns gdb's output.
func runGDB(t *testing.T, gdb, exe, breakpoint string) string {
	cmd := exec.Command(gdb, "-nx", "-batch", "-ex", breakpoint, "-ex", "run", "-ex", "bt", exe)
	cmd.Dir = filepath.Dir(exe)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("gdb: %v\n%s", err, out.String())
		}
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("gdb did not finish:\n%s", out.String())
	}
	return out.String()
}
