package lower

import (
	"fmt"
	"strconv"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/lir"
)

// An Emitter holds what every target's emission of one allocated
// function shares: the function, the listing it appends to, the block
// being emitted, local labels, the position marks and the first error.
// A target embeds it.
type Emitter struct {
	F     *lir.Func
	Out   *Listing
	Block lir.BlockID // the block being emitted; blocks are laid out in order

	labels int       // local labels made so far
	marks  []posMark // the traced instructions emitted so far
	frame  frameCode // what the call frame information needs (debug.go)
	err    error
}

// A Target's emitter translates what the shared block loop hands it.
type BlockEmitter interface {
	// Prologue sets up the frame (at the function's entry or at a
	// shrink-wrapped block's start).
	Prologue()
	// CompareBranch emits a compare and the branch on its result that
	// directly follows it (lowering made the branch its only reader).
	CompareBranch(c *lir.Compare, br *lir.Branch)
	// Instr emits one instruction.
	Instr(in lir.Instr)
}

// CheckAllocated reports a virtual register or a phi left in f.
func CheckAllocated(f *lir.Func) error {
	var rands []*lir.Operand
	for _, id := range f.Code() {
		in := f.Instrs[id]
		if _, ok := in.(*lir.Phi); ok {
			return fmt.Errorf("emit @%s: phi left after register allocation", f.Name)
		}
		rands = in.Operands(rands[:0])
		if d := in.Dest(); d != nil {
			rands = append(rands, d)
		}
		for _, r := range rands {
			if r.Kind == lir.RegOperand {
				return fmt.Errorf("emit @%s: %s: virtual register left after register allocation", f.Name, f.FormatInstr(in))
			}
		}
	}
	return nil
}

// Fail records the first error of the emission.
func (e *Emitter) Fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

// NewLabel returns a fresh local label for code inside one instruction.
func (e *Emitter) NewLabel() string {
	e.labels++
	return ".L" + e.F.Name + ".x" + strconv.Itoa(e.labels)
}

// BlockLabel returns the label of block b.
func (e *Emitter) BlockLabel(b lir.BlockID) string { return blockLabel(e.F.Name, b) }

// blockLabel returns the label of block b of function fn.
func blockLabel(fn string, b lir.BlockID) string { return fmt.Sprintf(".L%s.%d", fn, b) }

// Inst appends an instruction to the listing.
func (e *Emitter) Inst(in asm.Inst) { e.Out.Inst(in) }

// EmitFunc appends the code of f: the function's symbol (aligned to
// align bytes, global, of type function), the prologue at the entry
// when entryFrame, every block in order under its label
// ".L<function>.<block number>" (the prologue at the start of those
// that wrap says, see ShrinkWrap), the end label and the symbol's
// size; and it records the function for the position table.
func (e *Emitter) EmitFunc(align int64, entryFrame bool, wrap []bool, h BlockEmitter) error {
	f, l := e.F, e.Out
	l.Items = append(l.Items, Item{Kind: ItemAlign, N: align}, Item{Kind: ItemGlobal, Name: f.Name},
		Item{Kind: ItemType, Name: f.Name})
	l.Label(f.Name)
	if entryFrame {
		e.prologue(h)
	}
	for b := range f.Blocks {
		e.Block = lir.BlockID(b)
		e.emitBlock(wrap, h)
	}
	if e.err != nil {
		return fmt.Errorf("emit @%s: %w", f.Name, e.err)
	}
	end := fmt.Sprintf(".L%s.end", f.Name)
	l.Label(end)
	l.Items = append(l.Items, Item{Kind: ItemSize, Name: f.Name, Expr: asm.Expr{Sym: end, Minus: f.Name}})
	e.frame.blocks = e.frameAtStart(entryFrame, wrap)
	l.funcs = append(l.funcs, funcCode{name: f.Name, end: end, source: f.SourceName, marks: e.marks, frame: e.frame})
	return nil
}

// emitBlock translates the current block. A compare directly followed by
// a branch on its result goes to CompareBranch.
func (e *Emitter) emitBlock(wrap []bool, h BlockEmitter) {
	f := e.F
	ids := f.Blocks[e.Block].Instrs
	if e.Block > 0 {
		e.Out.Label(e.BlockLabel(e.Block))
	}
	if wrap[e.Block] {
		e.prologue(h)
	}
	for i := 0; i < len(ids); i++ {
		in := f.Instrs[ids[i]]
		first := len(e.Out.Items)
		if c, ok := in.(*lir.Compare); ok && i+1 < len(ids) {
			if br, ok := f.Instrs[ids[i+1]].(*lir.Branch); ok && br.Cond == c.Dst {
				h.CompareBranch(c, br)
				e.setPos(first, f.InstrPos(ids[i]))
				i++
				continue
			}
		}
		e.traced(ids[i], in, h)
		e.setPos(first, f.InstrPos(ids[i]))
	}
}

// setPos records p as the source position of the instructions emitted
// since item first (Item.Pos).
func (e *Emitter) setPos(first int, p lir.Pos) {
	if !p.IsValid() {
		return
	}
	for i := first; i < len(e.Out.Items); i++ {
		if e.Out.Items[i].Kind == ItemInst {
			e.Out.Items[i].Pos = p
		}
	}
}

// traced emits instruction id, between two labels that the position
// table (pctab.go) records when it has a source position and its code
// can fault or call.
func (e *Emitter) traced(id lir.InstrID, in lir.Instr, h BlockEmitter) {
	p := e.F.InstrPos(id)
	kind := traceKind(in)
	if !p.IsValid() || kind == 0 {
		h.Instr(in)
		return
	}
	lo := e.NewLabel()
	e.Out.Label(lo)
	h.Instr(in)
	hi := e.NewLabel()
	e.Out.Label(hi)
	e.marks = append(e.marks, posMark{lo: lo, hi: hi, kind: kind, pos: p})
}

// FrameNeeded reports whether instruction in needs the frame: it calls,
// addresses a stack slot or an argument area, or names a register for
// which frameReg is true (the stack and frame pointers, the
// callee-saved registers the prologue saves).
func FrameNeeded(f *lir.Func, in lir.Instr, rands *[]*lir.Operand, frameReg func(n int) bool) bool {
	if _, ok := in.(*lir.Call); ok {
		return true
	}
	*rands = in.Operands((*rands)[:0])
	if d := in.Dest(); d != nil {
		*rands = append(*rands, d)
	}
	for _, r := range *rands {
		switch r.Kind {
		case lir.SlotOperand:
			return true
		case lir.SymOperand:
			if _, _, ok := ArgSymbol(f.Syms[r.Index]); ok {
				return true
			}
		case lir.PhysOperand:
			if frameReg(int(r.Index)) {
				return true
			}
		}
	}
	return false
}

// A FrameUse is what a function's code asks of its frame (ScanFrame).
type FrameUse struct {
	Needs    []bool // per block: some instruction of it needs the frame (FrameNeeded)
	Calls    bool   // the function makes calls
	Outgoing int64  // bytes of outgoing stack arguments
	Written  []bool // per register number: some instruction writes it
	// Pointers: the code names a register for which pointerReg is true
	// (the stack and frame pointers) or loads a stack argument.
	Pointers bool
}

// ScanFrame reads the code of an allocated function for its frame
// layout: the registers it writes (of numRegs), its calls and outgoing
// stack arguments, its use of the stack and frame pointers, and the
// blocks that need the frame (see FrameNeeded, with frameReg).
func ScanFrame(f *lir.Func, numRegs int, frameReg, pointerReg func(n int) bool) FrameUse {
	u := FrameUse{Needs: make([]bool, len(f.Blocks)), Written: make([]bool, numRegs)}
	var rands []*lir.Operand
	for b, blk := range f.Blocks {
		for _, id := range blk.Instrs {
			if FrameNeeded(f, f.Instrs[id], &rands, frameReg) {
				u.Needs[b] = true
			}
		}
	}
	for _, id := range f.Code() {
		in := f.Instrs[id]
		if _, ok := in.(*lir.Call); ok {
			u.Calls = true
		}
		if st, ok := in.(*lir.Store); ok && st.Addr.Kind == lir.SymOperand {
			if incoming, off, ok := ArgSymbol(f.Syms[st.Addr.Index]); ok && !incoming {
				u.Outgoing = max(u.Outgoing, off+8)
			}
		}
		if ld, ok := in.(*lir.Load); ok && ld.Addr.Kind == lir.SymOperand {
			if _, _, ok := ArgSymbol(f.Syms[ld.Addr.Index]); ok {
				u.Pointers = true
			}
		}
		rands = in.Operands(rands[:0])
		if d := in.Dest(); d != nil {
			rands = append(rands, d)
			if d.Kind == lir.PhysOperand && d.Index >= 0 && int(d.Index) < numRegs {
				u.Written[d.Index] = true
			}
		}
		for _, r := range rands {
			if r.Kind == lir.PhysOperand && pointerReg(int(r.Index)) {
				u.Pointers = true
			}
		}
	}
	return u
}

// ShrinkWrap decides where the prologue goes, given the blocks that
// need the frame. The frame blocks (inFrame) run with the frame set up:
// the blocks that need it, every block reachable from one (the frame
// stays until the function returns), and, where a frame block is
// entered both from a frame block and from a frameless one, the
// frameless predecessors too, so that no edge needs a prologue of its
// own. Then every frame block has either only frame predecessors or
// only frameless ones, and the prologue goes at the start of the
// latter (wrap: on every path, the first frame block). If the entry
// block is a frame block, every block is, and the prologue is at the
// function's start as usual. Frameless blocks return without a frame.
// Without a frame at all (frame false) no block is in it.
func ShrinkWrap(f *lir.Func, frame bool, needs []bool) (inFrame, wrap []bool) {
	n := len(f.Blocks)
	inFrame = make([]bool, n)
	wrap = make([]bool, n)
	if !frame || n == 0 {
		return inFrame, wrap
	}
	succs := make([][]lir.BlockID, n)
	preds := make([][]lir.BlockID, n)
	for b, blk := range f.Blocks {
		if len(blk.Instrs) > 0 {
			succs[b] = lir.Successors(f.Instrs[blk.Instrs[len(blk.Instrs)-1]], nil)
		}
		for _, s := range succs[b] {
			preds[s] = append(preds[s], lir.BlockID(b))
		}
	}
	var work []lir.BlockID
	add := func(b lir.BlockID) {
		if !inFrame[b] {
			inFrame[b] = true
			work = append(work, b)
		}
	}
	for b := range n {
		if needs[b] {
			add(lir.BlockID(b))
		}
	}
	joined := make([]bool, n) // every predecessor added
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, s := range succs[b] {
			add(s)
			if !joined[s] {
				joined[s] = true
				for _, p := range preds[s] {
					add(p)
				}
			}
		}
	}
	if inFrame[0] {
		for b := range inFrame {
			inFrame[b] = true
		}
		return inFrame, wrap
	}
	for b := range n {
		wrap[b] = inFrame[b] && !joined[b]
	}
	return inFrame, wrap
}

// AlignUp rounds n up to a multiple of a.
func AlignUp(n, a int64) int64 { return (n + a - 1) / a * a }

// Rule is one step of Peephole: given the items kept so far (out), all
// items and the index i of an instruction item, it returns the item to
// keep in its place (keep false deletes it) and how many of the items
// after it it consumed.
type Rule func(out, items []Item, i int) (it Item, keep bool, skip int)

// Peephole runs rule over every instruction of items, in order,
// rewriting items in place, and returns the result. Other items are
// kept.
func Peephole(items []Item, rule Rule) []Item {
	out := items[:0]
	for i := 0; i < len(items); i++ {
		if items[i].Kind != ItemInst {
			out = append(out, items[i])
			continue
		}
		it, keep, skip := rule(out, items, i)
		i += skip
		if keep {
			out = append(out, it)
		}
	}
	return out
}

// LabelAt returns the label at items[i], or a string that is no label.
func LabelAt(items []Item, i int) string {
	if i < len(items) && items[i].Kind == ItemLabel {
		return items[i].Name
	}
	return "\x00" // matches no jump target
}
