package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/internal/layouttest"
	"github.com/naturekit/naturekit/rt/sys"
)

// TestPCTabLayout checks the Go structs of the position table against
// rt/abi, which the back end's emitter agrees with (examples/naturec's
// TestPCTable).
func TestPCTabLayout(t *testing.T) {
	layouttest.Check(t, pcTab{}, abi.PCTabHeaderSize, abi.PCTabOffNFuncs, abi.PCTabOffFuncs, abi.PCTabOffNFiles, abi.PCTabOffFiles)
	layouttest.Check(t, pcFunc{}, abi.PCTabFuncSize, abi.PCTabFuncOffEntry, abi.PCTabFuncOffSize, abi.PCTabFuncOffNLines,
		abi.PCTabFuncOffName, abi.PCTabFuncOffNameLen, abi.PCTabFuncOffLines)
	layouttest.Check(t, pcLine{}, abi.PCTabLineSize, abi.PCTabLineOffLo, abi.PCTabLineOffHi, abi.PCTabLineOffLine,
		abi.PCTabLineOffFile, abi.PCTabLineOffCol, abi.PCTabLineOffKind)
	layouttest.Check(t, pcFile{}, abi.PCTabFileSize, abi.PCTabFileOffName, abi.PCTabFileOffLen)
}

// testTable is a position table in Go memory: two functions at made-up
// addresses, the first with a call and a division, the second with a
// call, and a third without lines (generated code).
type testTable struct {
	hdr   pcTab
	funcs [3]pcFunc
	lines [3]pcLine
	files [2]pcFile
	names [2]string
	paths [2]string
}

func newTestTable() *testTable {
	tt := &testTable{
		names: [2]string{"main.load", "main.main"},
		paths: [2]string{"case/lib.n", "case/main.n"},
	}
	tt.lines = [3]pcLine{
		{Lo: 0x10, Hi: 0x15, Line: 9, Col: 21, File: 1, Kind: abi.PCTabCall},    // in main.load, returning to 0x1015
		{Lo: 0x20, Hi: 0x2a, Line: 10, Col: 16, File: 1, Kind: abi.PCTabDivide}, // a division
		{Lo: 0x08, Hi: 0x0d, Line: 15, Col: 20, File: 1, Kind: abi.PCTabCall},   // in main.main, returning to 0x200d
	}
	for i := range tt.files {
		tt.files[i] = pcFile{Name: unsafe.Pointer(unsafe.StringData(tt.paths[i])), Len: uint64(len(tt.paths[i]))}
	}
	tt.funcs = [3]pcFunc{
		{Entry: 0x1000, Size: 0x40, NLines: 2, Name: unsafe.Pointer(unsafe.StringData(tt.names[0])), NameLen: 9, Lines: unsafe.Pointer(&tt.lines[0])},
		{Entry: 0x2000, Size: 0x30, NLines: 1, Name: unsafe.Pointer(unsafe.StringData(tt.names[1])), NameLen: 9, Lines: unsafe.Pointer(&tt.lines[2])},
		{Entry: 0x2040, Size: 0x10},
	}
	tt.hdr = pcTab{NFuncs: 3, Funcs: unsafe.Pointer(&tt.funcs[0]), NFiles: 2, Files: unsafe.Pointer(&tt.files[0])}
	return tt
}

func TestPCTabLookup(t *testing.T) {
	tt := newTestTable()
	tab := &tt.hdr
	for _, c := range []struct {
		pc        uintptr
		fn, line  int // indexes, -1 for none
		callSite  bool
		wantCallF int
	}{
		{pc: 0xfff, fn: -1, line: -1},
		{pc: 0x1000, fn: 0, line: -1},
		{pc: 0x1010, fn: 0, line: 0},
		{pc: 0x1014, fn: 0, line: 0},
		{pc: 0x1015, fn: 0, line: -1},
		{pc: 0x1029, fn: 0, line: 1},
		{pc: 0x103f, fn: 0, line: -1},
		{pc: 0x1040, fn: -1, line: -1},
		{pc: 0x2008, fn: 1, line: 2},
		{pc: 0x2045, fn: 2, line: -1},
		{pc: 0x2050, fn: -1, line: -1},
	} {
		f, l := tab.at(c.pc)
		gotF, gotL := -1, -1
		for i := range tt.funcs {
			if f == &tt.funcs[i] {
				gotF = i
			}
		}
		for i := range tt.lines {
			if l == &tt.lines[i] {
				gotL = i
			}
		}
		if gotF != c.fn || gotL != c.line {
			t.Errorf("at(%#x) = func %d, line %d; want %d, %d", c.pc, gotF, gotL, c.fn, c.line)
		}
	}
	if _, l := tab.callSite(0x1015); l != &tt.lines[0] {
		t.Errorf("callSite(0x1015) = %v, want the call of main.load", l)
	}
	for _, ra := range []uintptr{0, 0x1014, 0x1016, 0x102a, 0x3000} {
		if _, l := tab.callSite(ra); l != nil {
			t.Errorf("callSite(%#x) = %+v, want none", ra, *l)
		}
	}
	var nilTab *pcTab
	if f, l := nilTab.at(0x1010); f != nil || l != nil {
		t.Errorf("a nil table finds %v, %v", f, l)
	}
}

// fakeStack lays out frames as compiled code does, from the innermost:
// each frame's saved rbp then return address, chained outward.
type fakeStack struct {
	words [64]uintptr
}

func (s *fakeStack) addr(i int) uintptr { return uintptr(unsafe.Pointer(&s.words[0])) + uintptr(i)*8 }

// newFakeStack returns a fakeStack in memory of its own: the walker reads
// it through addresses held as integers, which a goroutine stack (moved
// when Go grows or shrinks it) would invalidate.
func newFakeStack(t *testing.T) *fakeStack {
	mem, errno := sys.Mmap(unsafe.Sizeof(fakeStack{}))
	if errno != 0 {
		t.Fatalf("mmap: errno %d", errno)
	}
	t.Cleanup(func() { sys.Munmap(mem, unsafe.Sizeof(fakeStack{})) })
	return (*fakeStack)(mem)
}

// TestFrameWalker walks a chain of three frames and stops at the zero
// rbp program start leaves, at the stack's top and at a chain that does
// not lead outward.
func TestFrameWalker(t *testing.T) {
	s := newFakeStack(t)
	// frame pointers at words 4, 10, 20; the outermost links to 0
	s.words[4], s.words[5] = s.addr(10), 0x1015
	s.words[10], s.words[11] = s.addr(20), 0x200d
	s.words[20], s.words[21] = 0, 0x9999
	hi := s.addr(len(s.words))
	w := newFrameWalker(s.addr(4), s.addr(0), hi)
	var pcs []uintptr
	for w.next() {
		pcs = append(pcs, w.pc)
	}
	if len(pcs) != 3 || pcs[0] != 0x1015 || pcs[1] != 0x200d || pcs[2] != 0x9999 {
		t.Errorf("walk = %#x, want 0x1015 0x200d 0x9999", pcs)
	}
	// A chain pointing back down the stack ends the walk.
	s.words[10] = s.addr(2)
	w = newFrameWalker(s.addr(4), s.addr(0), hi)
	n := 0
	for w.next() {
		n++
	}
	if n != 2 {
		t.Errorf("a chain that turns back: %d frames, want 2", n)
	}
	// Unknown bounds: nothing is read.
	w = newFrameWalker(s.addr(4), s.addr(0), 0)
	if w.next() {
		t.Error("a walk without the stack's top read a frame")
	}
}

// newFaultTest returns a runtime whose fault handling reads the test
// table tt and the fake stack s.
func newFaultTest(t *testing.T) (tt *testTable, s *fakeStack, tr *testRT) {
	tt, s, tr = newTestTable(), newFakeStack(t), newRT(t, gc.Config{})
	tr.faults.table = &tt.hdr
	tr.faults.stackHi = s.addr(len(s.words))
	return tt, s, tr
}

// TestFaultLine finds the position of faults: at a traced instruction,
// through the return address on top of the stack (a prologue), and
// through the frame chain (runtime code).
func TestFaultLine(t *testing.T) {
	tt, s, tr := newFaultTest(t)
	r := tr.Runtime
	l := func(pc, sp, fp uintptr) *pcLine { _, l := r.faultLine(pc, sp, fp, 0); return l }
	if got := l(0x1025, s.addr(0), 0); got != &tt.lines[1] {
		t.Errorf("division: got %v, want line 1", got)
	}
	// A fault in a prologue: the caller's return address on top.
	s.words[0] = 0x200d
	if got := l(0x1000, s.addr(0), 0); got != &tt.lines[2] {
		t.Errorf("prologue: got %v, want the call in main.main", got)
	}
	// A fault in runtime code: a local on top, then frames of the
	// runtime, then compiled code's call.
	s.words[0] = 12345
	s.words[6], s.words[7] = s.addr(12), 0x7777 // runtime frame
	s.words[12], s.words[13] = s.addr(30), 0x1015
	s.words[30], s.words[31] = 0, 0x200d
	if got := l(0x5000, s.addr(0), s.addr(6)); got != &tt.lines[0] {
		t.Errorf("runtime: got %v, want the call in main.load", got)
	}
	// arm64: the return address is in the link register, and sp may
	// point below the stack (a prologue's store into the guard), so
	// the word at sp is not read.
	if _, got := r.faultLine(0x1000, s.addr(0)-4096, 0, 0x200d); got != &tt.lines[2] {
		t.Errorf("prologue with the link register: got %v, want the call in main.main", got)
	}
	r.printPos(&tt.hdr, &tt.lines[0])
	if got := tr.output(); got != "case/main.n:9:21" {
		t.Errorf("printPos = %q", got)
	}
}

func TestFaultMessage(t *testing.T) {
	const sp = 0x7fff0000
	for _, c := range []struct {
		sig       int64
		code      int32
		addr, lo  uintptr
		want      string
		situation string
	}{
		{sys.SIGFPE, sys.FPE_INTDIV, 0x401000, 0, "integer divide by zero", "division"},
		{sys.SIGFPE, sys.FPE_INTOVF, 0x401000, 0, "integer overflow", "overflow"},
		{sys.SIGSEGV, 1, 8, 0, "nil pointer dereference", "field of nil"},
		{sys.SIGSEGV, 1, 0, 0, "nil pointer dereference", "call through nil"},
		{sys.SIGSEGV, 1, sp - 8, 0, "stack overflow", "push"},
		{sys.SIGSEGV, 1, sp + 100, 0, "stack overflow", "store into a new frame"},
		{sys.SIGSEGV, 2, 0x10000000, 0x10000000 + 4096, "stack overflow", "a coroutine's guard page"},
		{sys.SIGSEGV, 1, 0x500000, 0, "invalid memory address", "wild"},
		{sys.SIGBUS, 2, 0x500000, 0, "invalid memory address", "bus error"},
	} {
		if got := faultMessage(c.sig, c.code, c.addr, sp, c.lo); got != c.want {
			t.Errorf("%s: %q, want %q", c.situation, got, c.want)
		}
	}
}

// TestCalls walks the Nature calls on a fake stack, skipping a runtime
// frame, and prints them as a backtrace.
func TestCalls(t *testing.T) {
	tt, s, tr := newFaultTest(t)
	r := tr.Runtime
	s.words[2], s.words[3] = s.addr(8), 0x7777 // a runtime frame
	s.words[8], s.words[9] = s.addr(16), 0x1015
	s.words[16], s.words[17] = s.addr(24), 0x200d
	s.words[24], s.words[25] = 0, 0x8888 // program start
	it := r.calls(s.addr(2), s.addr(0))
	var i int64
	for it.next() {
		r.printFrame(i, &tt.hdr, it.Func, it.Line)
		i++
	}
	want := "0:\tmain.load\n\t\tat case/main.n:9:21\n1:\tmain.main\n\t\tat case/main.n:15:20\n"
	if got := tr.output(); got != want {
		t.Errorf("backtrace:\n%s\nwant:\n%s", got, want)
	}
}
