package lir

import (
	"fmt"
	"strings"
)

// Form says which stage of the middle end a function is in. The text
// format writes it after the result type.
type Form uint8

const (
	// Linear is the front end's output: one instruction sequence in
	// Func.Linear, with Label instructions and jumps; control may fall
	// through a label, and registers may be assigned many times.
	Linear Form = iota
	// CFG is block form: the instructions live in Func.Blocks, each
	// block ends in exactly one terminator, and Preds/Succs are set.
	// Registers may still be assigned many times; after register
	// allocation they are physical registers and stack slots.
	CFG
	// SSA is block form in which each register is assigned exactly once,
	// every definition dominates its uses, and phis merge values.
	SSA
)

var formNames = [...]string{Linear: "linear", CFG: "cfg", SSA: "ssa"}

func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return fmt.Sprintf("form(%d)", uint8(f))
}

// Pos is a source position, kept on a function so that later stages can
// report errors (such as a missing return) where the user can find them.
type Pos struct {
	File      string
	Line, Col int
}

// IsValid reports whether p holds a position.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	if !p.IsValid() {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Block is a basic block: a label, straight-line instructions and one
// terminator. Preds and Succs are derived from the terminators by
// ComputeEdges; they hold no duplicates.
type Block struct {
	Name   string // the label; "" prints as bN
	Instrs []InstrID
	Preds  []BlockID
	Succs  []BlockID
}

// Slot is a stack slot: memory in the function's frame, addressed by a
// SlotOperand.
type Slot struct {
	Size  int64
	Align int64
}

// Func is a function. Its tables are indexed by the dense IDs above; an
// entry that is no longer referenced (a deleted instruction) simply stays
// in its table until the function is printed and parsed again.
type Func struct {
	Name   string
	Params []Value
	Result Type // Void if the function returns nothing
	Form   Form
	Pos    Pos // where the function is in the source, if known
	// SourceName is the name run-time backtraces print for the
	// function ("main.load", a method "main.expect", a closure
	// "main.lambda"); "" for generated code.
	SourceName string

	Values []ValueInfo // indexed by Value
	Instrs []Instr     // indexed by InstrID
	Blocks []Block     // indexed by BlockID; Blocks[0] is the entry in block form
	Slots  []Slot      // indexed by SlotID
	Syms   []string    // indexed by SymID

	// Linear is the instruction sequence in Linear form; nil otherwise.
	Linear []InstrID

	// The source positions of instructions (InstrPos): posIdx, by
	// InstrID and possibly shorter than Instrs, holds 1 + an index into
	// posTab, 0 for none. Consecutive instructions mostly share a
	// position, and a table of small integers costs the collector
	// nothing to scan.
	posIdx []int32
	posTab []Pos
}

// InstrPos returns the source position of instruction id, if it has one.
// A front end sets positions through Builder.Pos; passes that replace an
// instruction by others copy its position (SetInstrPos) where a fault or
// a call can be traced back to it; Clone and Compact keep them. The text
// form does not show them.
func (f *Func) InstrPos(id InstrID) Pos {
	if int(id) >= 0 && int(id) < len(f.posIdx) && f.posIdx[id] > 0 {
		return f.posTab[f.posIdx[id]-1]
	}
	return Pos{}
}

// SetInstrPos records p as the source position of instruction id; an
// invalid p removes it.
func (f *Func) SetInstrPos(id InstrID, p Pos) {
	if !p.IsValid() {
		if int(id) < len(f.posIdx) {
			f.posIdx[id] = 0
		}
		return
	}
	if n := len(f.posTab); n == 0 || f.posTab[n-1] != p {
		f.posTab = append(f.posTab, p)
	}
	for int(id) >= len(f.posIdx) {
		f.posIdx = append(f.posIdx, 0)
	}
	f.posIdx[id] = int32(len(f.posTab))
}

// NewValue adds a virtual register of type t.
func (f *Func) NewValue(t Type) Value {
	f.Values = append(f.Values, ValueInfo{Type: t})
	return Value(len(f.Values) - 1)
}

// Reg returns the operand for register v with its declared type.
func (f *Func) Reg(v Value) Operand { return Reg(v, f.Values[v].Type) }

// NewInstr adds in to the instruction table without placing it anywhere.
func (f *Func) NewInstr(in Instr) InstrID {
	f.Instrs = append(f.Instrs, in)
	return InstrID(len(f.Instrs) - 1)
}

// NewBlock adds an empty block.
func (f *Func) NewBlock(name string) BlockID {
	f.Blocks = append(f.Blocks, Block{Name: name})
	return BlockID(len(f.Blocks) - 1)
}

// NewSlot adds a stack slot.
func (f *Func) NewSlot(size, align int64) SlotID {
	f.Slots = append(f.Slots, Slot{Size: size, Align: align})
	return SlotID(len(f.Slots) - 1)
}

// Sym returns the ID of symbol name, adding it to Syms if needed.
func (f *Func) Sym(name string) SymID {
	for i, s := range f.Syms {
		if s == name {
			return SymID(i)
		}
	}
	f.Syms = append(f.Syms, name)
	return SymID(len(f.Syms) - 1)
}

// BlockName returns the label of block b.
func (f *Func) BlockName(b BlockID) string {
	if int(b) >= 0 && int(b) < len(f.Blocks) && f.Blocks[b].Name != "" {
		return f.Blocks[b].Name
	}
	return fmt.Sprintf("b%d", b)
}

// BlockNames returns the labels of blocks bs, separated by spaces.
func (f *Func) BlockNames(bs []BlockID) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = f.BlockName(b)
	}
	return strings.Join(names, " ")
}

// Terminator returns the last instruction of block b, or nil if the block
// is empty or does not end in a terminator.
func (f *Func) Terminator(b BlockID) Instr {
	ins := f.Blocks[b].Instrs
	if len(ins) == 0 {
		return nil
	}
	if in := f.Instrs[ins[len(ins)-1]]; IsTerminator(in) {
		return in
	}
	return nil
}

// ComputeEdges sets Preds and Succs of every block from the terminators.
// Preds are in block order, so the result depends only on the code.
func (f *Func) ComputeEdges() {
	for b := range f.Blocks {
		f.Blocks[b].Preds = f.Blocks[b].Preds[:0]
		f.Blocks[b].Succs = f.Blocks[b].Succs[:0]
	}
	for b := range f.Blocks {
		if t := f.Terminator(BlockID(b)); t != nil {
			f.Blocks[b].Succs = Successors(t, f.Blocks[b].Succs)
		}
		for _, s := range f.Blocks[b].Succs {
			if int(s) < len(f.Blocks) {
				f.Blocks[s].Preds = append(f.Blocks[s].Preds, BlockID(b))
			}
		}
	}
}

// Global is initialised data: a sequence of items laid out one after the
// other from an address aligned to Align.
type Global struct {
	Name     string
	ReadOnly bool
	Align    int64
	Items    []DataItem
}

// DataKind tells what a DataItem holds.
type DataKind uint8

const (
	DataInt   DataKind = iota // an integer of Type (i8..i64) in Int
	DataFloat                 // a float of Type (f32, f64) in Float
	DataSym                   // the address of Sym plus Int (a relocation)
	DataBytes                 // the bytes of Bytes
	DataZero                  // Int zero bytes
)

// DataItem is one piece of a Global's initial contents.
type DataItem struct {
	Kind  DataKind
	Type  Type
	Int   int64
	Float float64
	Sym   string
	Bytes []byte
}

// Size reports the number of bytes d occupies.
func (d DataItem) Size() int64 {
	switch d.Kind {
	case DataInt, DataFloat:
		return int64(d.Type.Size())
	case DataSym:
		return 8
	case DataBytes:
		return int64(len(d.Bytes))
	case DataZero:
		return d.Int
	}
	return 0
}

// Module is a unit of compilation: external symbols it calls, data, and
// functions.
type Module struct {
	Externs []string // symbols defined elsewhere (runtime, C, the host)
	Globals []*Global
	Funcs   []*Func
}

// Func returns the function called name, or nil.
func (m *Module) Func(name string) *Func {
	for _, f := range m.Funcs {
		if f.Name == name {
			return f
		}
	}
	return nil
}
