package lower

import (
	"slices"
	"strconv"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower/dwarf"
)

// Debugging information (Options.DWARF). After a function's code is
// final (emitted, peephole done), debugFunc walks its items: a label
// before every instruction whose source line differs from the previous
// positioned instruction's makes a row of the line table, and, for a
// target with Machine.Unwind, a label after every instruction that
// changes the frame (Unwind.Step) and every block label (where the
// frame is as emission left it at the block's start) make the rows of
// the call frame information. Labels cost no bytes: the code is the same
// with and without DWARF. Generate then writes the sections with
// package lower/dwarf, as data items of the listing that the assembler
// resolves and the linker relocates.

// Unwind describes a target's call frames to DWARF (Machine.Unwind).
type Unwind struct {
	dwarf.Frame // the return address column, the data alignment, the state at entry
	// Step updates s to the state after instruction in. It is called
	// for every instruction of a function in address order, the frame
	// state reset at each block's start.
	Step func(in asm.Inst, s *dwarf.FrameState)
}

// StepOf makes an Unwind.Step of a target's step over its own
// instruction type I: an instruction of another type leaves the state
// as it is.
func StepOf[I asm.Inst](step func(in I, s *dwarf.FrameState)) func(asm.Inst, *dwarf.FrameState) {
	return func(in asm.Inst, s *dwarf.FrameState) {
		if i, ok := in.(I); ok {
			step(i, s)
		}
	}
}

// frameCode is what emission records of a function's frame for the call
// frame information: the instructions of its prologue, and per block
// whether the frame is set up when the block starts.
type frameCode struct {
	prologue []asm.Inst
	blocks   []bool
	cold     []coldFrame // the labels of the code after the last block
}

// coldFrame is a label of code emitted after the last block
// (Emitter.ColdCode) and whether the frame is set up there.
type coldFrame struct {
	label  string
	framed bool
}

// farGap is the number of instructions after which a row's distance
// from the previous one might not fit DWARF's 16-bit advance: no
// target's instruction is longer than 16 bytes.
const farGap = (1<<16 - 1) / 16

// prologue emits the frame's set-up through h, recording the first one
// emitted.
func (e *Emitter) prologue(h BlockEmitter) {
	first := len(e.Out.Items)
	h.Prologue()
	if e.frame.prologue != nil {
		return
	}
	e.frame.prologue = []asm.Inst{}
	for _, it := range e.Out.Items[first:] {
		if it.Kind == ItemInst {
			e.frame.prologue = append(e.frame.prologue, it.Inst)
		}
	}
}

// frameAtStart returns, per block of e.F, whether the frame is set up
// when it starts: at the entry if entryFrame; in a block every
// predecessor of which ends with the frame, unless the block sets it up
// itself (wrap, see ShrinkWrap).
func (e *Emitter) frameAtStart(entryFrame bool, wrap []bool) []bool {
	f := e.F
	start := make([]bool, len(f.Blocks))
	if len(start) == 0 {
		return start
	}
	seen := make([]bool, len(f.Blocks))
	start[0], seen[0] = entryFrame, true
	work := []lir.BlockID{0}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		ids := f.Blocks[b].Instrs
		if len(ids) == 0 {
			continue
		}
		end := start[b] || wrap[b]
		for _, s := range lir.Successors(f.Instrs[ids[len(ids)-1]], nil) {
			if !seen[s] {
				seen[s] = true
				start[s] = end && !wrap[s]
				work = append(work, s)
			}
		}
	}
	return start
}

// debugFunc adds the labels of the DWARF rows to the code of f in l and
// records them (Listing.debug).
func debugFunc(l *Listing, f *lir.Func, mc *Machine) {
	if len(l.funcs) != 1 {
		return
	}
	fc := l.funcs[0]
	df := dwarf.Func{Sym: fc.name, End: fc.end, Name: fc.name, Decl: dwarfPos(f.Pos)}
	uw := mc.Unwind
	var entry, framed dwarf.FrameState
	blockStart := map[string]bool{}
	if uw != nil {
		entry = uw.Entry
		framed = cloneState(entry)
		for _, in := range fc.frame.prologue {
			uw.Step(in, &framed)
		}
		for b, fr := range fc.frame.blocks {
			if b > 0 {
				blockStart[blockLabel(f.Name, lir.BlockID(b))] = fr
			}
		}
		for _, c := range fc.frame.cold {
			blockStart[c.label] = c.framed
		}
	}
	state := entry
	out := make([]Item, 0, len(l.Items)+len(l.Items)/4)
	labels := 0
	// here returns a label at the end of out, adding one unless the last
	// item is a label.
	here := func() string {
		if k := len(out); k > 0 && out[k-1].Kind == ItemLabel {
			return out[k-1].Name
		}
		labels++
		name := ".L" + f.Name + ".d" + strconv.Itoa(labels)
		out = append(out, Item{Kind: ItemLabel, Name: name})
		return name
	}
	var cur lir.Pos
	gap := 0 // instructions since the last row
	for _, it := range l.Items {
		if it.Kind == ItemInst && it.Pos.IsValid() && (it.Pos.File != cur.File || it.Pos.Line != cur.Line) {
			df.Rows = append(df.Rows, dwarf.Row{Label: here(), Pos: dwarfPos(it.Pos), Far: gap > farGap})
			cur, gap = it.Pos, 0
		}
		out = append(out, it)
		switch {
		case it.Kind == ItemLabel && uw != nil:
			if fr, ok := blockStart[it.Name]; ok {
				state = entry
				if fr {
					state = framed
				}
				df.Frame = append(df.Frame, dwarf.FrameRow{Label: it.Name, State: state})
			}
		case it.Kind == ItemInst:
			gap++
			if uw == nil {
				continue
			}
			next := cloneState(state)
			uw.Step(it.Inst, &next)
			if !slices.Equal(next.Saved, state.Saved) || next.CFAReg != state.CFAReg || next.CFAOff != state.CFAOff {
				df.Frame = append(df.Frame, dwarf.FrameRow{Label: here(), State: next})
			}
			state = next
		}
	}
	df.EndFar = gap > farGap
	l.Items = out
	l.debug = []dwarf.Func{df}
}

func cloneState(s dwarf.FrameState) dwarf.FrameState {
	s.Saved = slices.Clone(s.Saved)
	return s
}

func dwarfPos(p lir.Pos) dwarf.Pos {
	if !p.IsValid() {
		return dwarf.Pos{}
	}
	return dwarf.Pos{File: p.File, Line: p.Line, Col: p.Col}
}

// Producer is the DW_AT_producer of the compile units.
const Producer = "naturekit"

// debugInfo appends to l the debugging sections of the functions in
// code (lower/dwarf).
func debugInfo(l *Listing, code []*Listing, mc *Machine, compDir string) {
	p := &dwarf.Program{Producer: Producer, CompDir: compDir, Language: dwarf.LangC}
	for _, c := range code {
		p.Funcs = append(p.Funcs, c.debug...)
	}
	if mc.Unwind != nil {
		p.Frame = &mc.Unwind.Frame
	}
	for _, s := range dwarf.Sections(p) {
		l.Items = append(l.Items, Item{Kind: ItemSection, Name: s.Name})
		for _, pc := range s.Pieces {
			switch {
			case pc.Label != "":
				l.Label(pc.Label)
			case pc.Size > 0:
				l.Items = append(l.Items, Item{Kind: ItemData, Size: pc.Size, Expr: pc.Expr})
			default:
				l.Items = append(l.Items, Item{Kind: ItemBytes, Bytes: pc.Bytes})
			}
		}
	}
}
