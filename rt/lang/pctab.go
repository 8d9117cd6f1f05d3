package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// The position table maps code addresses to Nature functions and source
// positions (docs/runtime-abi.md, "The position table"): the back end
// emits it into every Nature executable as nk.pctab, and sys.PCTable
// finds it. The runtime reads it to report a fault at its source
// position and to walk the stack (frameWalker), which is what
// backtraces are built on.

// pcTab is the table's header.
type pcTab struct {
	NFuncs uint64
	Funcs  unsafe.Pointer // NFuncs pcFuncs, in address order
	NFiles uint64
	Files  unsafe.Pointer // NFiles pcFiles
}

// pcFunc is one function.
type pcFunc struct {
	Entry   uintptr // the first byte of its code
	Size    uint32  // bytes of code
	NLines  uint32
	Name    unsafe.Pointer // what backtraces print; nil for generated code
	NameLen uint64
	Lines   unsafe.Pointer // NLines pcLines, in address order
}

// pcLine is one traced instruction: a call, a division or a memory
// access through a pointer, and the source position it comes from.
type pcLine struct {
	Lo   uint32 // its code is [Entry+Lo, Entry+Hi)
	Hi   uint32 // for a call, the return address
	Line uint32
	File uint32 // index into the table's files
	Col  uint16
	Kind uint16 // abi.PCTabCall, PCTabDivide, PCTabMemory
}

// pcFile is one source file, as runtime messages print it.
type pcFile struct {
	Name unsafe.Pointer
	Len  uint64
}

func (t *pcTab) funcAt(i uint64) *pcFunc {
	return (*pcFunc)(unsafe.Add(t.Funcs, i*abi.PCTabFuncSize))
}

func (f *pcFunc) lineAt(i uint32) *pcLine {
	return (*pcLine)(unsafe.Add(f.Lines, uintptr(i)*abi.PCTabLineSize))
}

// findFunc returns the function whose code holds pc, or nil.
func (t *pcTab) findFunc(pc uintptr) *pcFunc {
	if t == nil {
		return nil
	}
	// The first function that starts after pc, then the one before it.
	n := upperBound(t.Funcs, t.NFuncs, abi.PCTabFuncSize, true, pc)
	if n == 0 {
		return nil
	}
	f := t.funcAt(n - 1)
	if pc-f.Entry >= uintptr(f.Size) {
		return nil
	}
	return f
}

// findLine returns the line of f whose code holds pc, or nil.
func (f *pcFunc) findLine(pc uintptr) *pcLine {
	off := pc - f.Entry
	n := upperBound(f.Lines, uint64(f.NLines), abi.PCTabLineSize, false, off)
	if n == 0 {
		return nil
	}
	l := f.lineAt(uint32(n - 1))
	if off >= uintptr(l.Hi) {
		return nil
	}
	return l
}

// upperBound returns how many of the n records at base, stride bytes
// apart and sorted by their first field, have that field at most key.
// The field is a uintptr when wide is set (pcFunc.Entry), else a uint32
// (pcLine.Lo).
func upperBound(base unsafe.Pointer, n uint64, stride uintptr, wide bool, key uintptr) uint64 {
	lo, hi := uint64(0), n
	for lo < hi {
		mid := lo + (hi-lo)/2
		p := unsafe.Add(base, uintptr(mid)*stride)
		k := uintptr(*(*uint32)(p))
		if wide {
			k = *(*uintptr)(p)
		}
		if k <= key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// at returns the function and line whose code holds pc (nil, nil if
// none does).
func (t *pcTab) at(pc uintptr) (*pcFunc, *pcLine) {
	f := t.findFunc(pc)
	if f == nil {
		return nil, nil
	}
	return f, f.findLine(pc)
}

// callSite returns the function and line of the call whose return
// address is ra: exactly, so that a stack word that only looks like a
// code address is not taken for one.
func (t *pcTab) callSite(ra uintptr) (*pcFunc, *pcLine) {
	if ra == 0 {
		return nil, nil
	}
	f, l := t.at(ra - 1)
	if l == nil || l.Kind != abi.PCTabCall || f.Entry+uintptr(l.Hi) != ra {
		return nil, nil
	}
	return f, l
}

// fileAt returns file i of the table.
func (t *pcTab) fileAt(i uint32) *pcFile {
	if uint64(i) >= t.NFiles {
		return nil
	}
	return (*pcFile)(unsafe.Add(t.Files, uintptr(i)*abi.PCTabFileSize))
}

// printPos prints l's position as runtime messages do: path:line:col.
func (r *Runtime) printPos(t *pcTab, l *pcLine) {
	if file := t.fileAt(l.File); file != nil {
		r.writeBytes(file.Name, int64(file.Len))
	}
	r.writeByte(':')
	r.writeUint(uint64(l.Line))
	r.writeByte(':')
	r.writeUint(uint64(l.Col))
}

// printFuncName prints the name backtraces show for f.
func (r *Runtime) printFuncName(f *pcFunc) {
	r.writeBytes(f.Name, int64(f.NameLen))
}

// A frameWalker follows the chain of frame pointers outward from a
// frame: compiled Nature code and the runtime keep rbp as the frame
// pointer in every function that has a frame, the saved rbp at [rbp]
// and the return address at [rbp+8]; functions without a frame make no
// calls, so they can only be the innermost. The walk stays inside
// [lo, hi), the stack's live part, and stops when the chain does not
// lead outward (the zero rbp program start leaves at the bottom).
type frameWalker struct {
	fp     uintptr // the frame pointer of the next frame to read
	lo, hi uintptr // the stack's bounds: below hi, above the frames walked
	pc     uintptr // after next: the current frame's return address
	n      int     // frames read so far
}

// maxFrames bounds a walk over a corrupt chain.
const maxFrames = 1 << 20

// newFrameWalker starts a walk at frame pointer fp of a stack whose
// live part is [sp, hi); with hi 0 (the bounds are unknown) it reads
// nothing.
func newFrameWalker(fp, sp, hi uintptr) frameWalker {
	return frameWalker{fp: fp, lo: sp, hi: hi}
}

// next reads the next frame: w.pc is its return address. It reports
// false at the end of the chain.
func (w *frameWalker) next() bool {
	fp := w.fp
	if fp < w.lo || fp&7 != 0 || fp >= w.hi || w.hi-fp < 16 || w.n >= maxFrames {
		return false
	}
	w.pc = loadWord(fp + 8)
	w.fp = loadWord(fp)
	w.lo = fp + 16
	w.n++
	return w.pc != 0
}

// loadWord reads the word at address a, which the caller knows is
// mapped (a stack slot between the stack pointer and the stack's top).
func loadWord(a uintptr) uintptr { return *(*uintptr)(ptrOf(uint64(a))) }

// A callIter walks the calls from compiled Nature code that are still on
// the stack, innermost first: the return addresses along the frame
// chain that are call sites in the position table, each with the
// function that made the call (Func) and the call's line (Line).
// Runtime frames in between are skipped. This is what the uncaught-error
// backtraces of spec/builtins.md §4 are made of: "N:\tFunc\n\t\tat Line"
// (printFrame), leaving out functions without a name (generated code).
type callIter struct {
	t    *pcTab
	w    frameWalker
	Func *pcFunc
	Line *pcLine
}

// calls starts a walk at frame pointer fp on the current stack, whose
// live part starts at sp: a runtime function passes sys.GetFP() and
// sys.GetSP() to begin with the call that entered it.
func (r *Runtime) calls(fp, sp uintptr) callIter {
	return callIter{t: r.faults.table, w: newFrameWalker(fp, sp, r.faults.stackHi)}
}

// next moves to the next call; it reports false at the end of the stack.
func (it *callIter) next() bool {
	for it.w.next() {
		if f, l := it.t.callSite(it.w.pc); l != nil {
			it.Func, it.Line = f, l
			return true
		}
	}
	return false
}

// printFrame prints frame i of a backtrace as the reference does:
// "i:", a tab and the function's name, then two tabs and "at" the
// position.
func (r *Runtime) printFrame(i int64, t *pcTab, f *pcFunc, l *pcLine) {
	r.PrintInt(i)
	r.writeConst(":\t")
	r.printFuncName(f)
	r.writeConst("\n\t\tat ")
	r.printPos(t, l)
	r.writeByte('\n')
}
