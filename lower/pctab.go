package lower

import (
	"encoding/binary"
	"fmt"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/lir"
)

// The position table maps code addresses back to functions and source
// positions: the runtime reads it to report a fault (a division by zero,
// a nil dereference, a stack overflow) at the source position of the
// faulting instruction, and to walk the stack for backtraces. Emission
// puts two labels around the code of every LIR instruction that has a
// source position (lir.Func.InstrPos) and can fault or call (traceKind);
// Generate, with Options.PCTable, lays the table out in .rodata under
// the global symbol PCTableSymbol. The layout is the runtime's contract
// (docs/runtime-abi.md, "The position table"; rt/abi's PCTab*
// constants):
//
//	header (32 bytes): NFuncs u64, Funcs ptr, NFiles u64, Files ptr
//	func   (40 bytes): Entry ptr, Size u32, NLines u32, Name ptr,
//	                   NameLen u64, Lines ptr
//	line   (20 bytes): Lo u32, Hi u32 (offsets of the instruction's
//	                   code from Entry: [Lo, Hi)), Line u32, File u32
//	                   (index into Files), Col u16, Kind u16 (1 call,
//	                   2 division, 3 memory access)
//	file   (16 bytes): Name ptr, NameLen u64
//
// Functions are in address order (module order, which is code order);
// the lines of a function in address order. Hi of a call is its return
// address.

// PCTableSymbol is the global symbol of the position table.
const PCTableSymbol = "nk.pctab"

// Sizes of the table's records. rt/abi holds the same numbers for the
// runtime (PCTab*), which this module cannot import; examples/naturec's
// TestPCTable checks that they agree.
const (
	PCTabHeaderSize = 32
	PCTabFuncSize   = 40
	PCTabLineSize   = 20
	PCTabFileSize   = 16
)

// Kinds of traced instructions (a line's Kind).
const (
	PCTabCall   = 1 // Hi is the call's return address
	PCTabDivide = 2
	PCTabMemory = 3
)

// A posMark is the code of one traced instruction: the labels before and
// after it, its kind and its source position.
type posMark struct {
	lo, hi string
	kind   int
	pos    lir.Pos
}

// funcCode is what the table (and the DWARF, debug.go) needs of one
// emitted function.
type funcCode struct {
	name   string // its symbol
	end    string // the label after its last byte
	source string // the name backtraces print (lir.Func.SourceName)
	marks  []posMark
	frame  frameCode
}

// traceKind returns the kind of in's line if its code can fault or call,
// so that the runtime may meet its address in a fault or as a return
// address: calls, division and remainder (by zero), and loads and stores
// through a register (a nil or wild pointer); 0 otherwise.
func traceKind(in lir.Instr) int {
	switch in := in.(type) {
	case *lir.Call:
		return PCTabCall
	case *lir.Binary:
		switch in.Opcode {
		case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
			return PCTabDivide
		}
	case *lir.Load:
		if in.Addr.Kind == lir.PhysOperand {
			return PCTabMemory
		}
	case *lir.Store:
		if in.Addr.Kind == lir.PhysOperand {
			return PCTabMemory
		}
	}
	return 0
}

// pcTableItems returns about how many items the position table takes
// for the functions of c, for Generate to size the listing.
func pcTableItems(c *Listing) int {
	n := 0
	for _, fn := range c.funcs {
		n += 9 + len(fn.marks)
	}
	return n
}

// pcTable appends the position table of the functions in code to l, in
// .rodata.
func pcTable(l *Listing, code []*Listing) {
	var funcs []funcCode
	for _, c := range code {
		funcs = append(funcs, c.funcs...)
	}
	files := map[string]int{}
	var fileNames []string
	for _, fn := range funcs {
		for _, m := range fn.marks {
			if _, ok := files[m.pos.File]; !ok {
				files[m.pos.File] = len(fileNames)
				fileNames = append(fileNames, m.pos.File)
			}
		}
	}
	label := func(kind string, i int) string { return fmt.Sprintf(".L%s.%s%d", PCTableSymbol, kind, i) }
	quad := func(e asm.Expr) { l.Items = append(l.Items, Item{Kind: ItemData, Size: 8, Expr: e}) }
	long := func(e asm.Expr) { l.Items = append(l.Items, Item{Kind: ItemData, Size: 4, Expr: e}) }
	ptr := func(sym string) asm.Expr { return asm.SymOff(sym, 0) }

	l.Items = append(l.Items,
		Item{Kind: ItemSection, Name: ".rodata"},
		Item{Kind: ItemAlign, N: 8},
		Item{Kind: ItemGlobal, Name: PCTableSymbol})
	l.Label(PCTableSymbol)
	quad(asm.Const(int64(len(funcs))))
	quad(ptr(label("funcs", 0)))
	quad(asm.Const(int64(len(fileNames))))
	quad(ptr(label("files", 0)))

	l.Label(label("funcs", 0))
	for i, fn := range funcs {
		quad(ptr(fn.name))
		long(asm.Expr{Sym: fn.end, Minus: fn.name})
		long(asm.Const(int64(len(fn.marks))))
		if fn.source != "" {
			quad(ptr(label("name", i)))
		} else {
			quad(asm.Const(0))
		}
		quad(asm.Const(int64(len(fn.source))))
		if len(fn.marks) > 0 {
			quad(ptr(label("lines", i)))
		} else {
			quad(asm.Const(0))
		}
	}
	for i, fn := range funcs {
		if len(fn.marks) == 0 {
			continue
		}
		l.Label(label("lines", i))
		for _, m := range fn.marks {
			// Lo and Hi, then Line, File, Col and Kind as bytes.
			b := make([]byte, PCTabLineSize-8)
			binary.LittleEndian.PutUint32(b, uint32(min(max(m.pos.Line, 0), 1<<31-1)))
			binary.LittleEndian.PutUint32(b[4:], uint32(files[m.pos.File]))
			binary.LittleEndian.PutUint16(b[8:], uint16(min(max(m.pos.Col, 0), 1<<16-1)))
			binary.LittleEndian.PutUint16(b[10:], uint16(m.kind))
			l.Items = append(l.Items, Item{Kind: ItemPCLine, Name: m.lo, Expr: asm.Expr{Sym: m.hi, Minus: fn.name}, Bytes: b})
		}
	}
	l.Label(label("files", 0))
	for i, name := range fileNames {
		quad(ptr(label("file", i)))
		quad(asm.Const(int64(len(name))))
	}
	for i, name := range fileNames {
		l.Label(label("file", i))
		if name != "" {
			l.Items = append(l.Items, Item{Kind: ItemBytes, Bytes: []byte(name)})
		}
	}
	for i, fn := range funcs {
		if fn.source != "" {
			l.Label(label("name", i))
			l.Items = append(l.Items, Item{Kind: ItemBytes, Bytes: []byte(fn.source)})
		}
	}
}
