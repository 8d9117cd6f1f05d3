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

	Safepoints bool // lir.Safepoint polls the runtime (Options.Safepoints)
	Calls      bool // the function makes calls (the target's frame layout sets it)

	ABI                  *ABI // the result registers (returns, calls)
	ScratchGP, ScratchFP int  // the scratch registers a conversion may read its operand in

	labels int        // local labels made so far
	marks  []posMark  // the traced instructions emitted so far
	frame  frameCode  // what the call frame information needs (debug.go)
	pos    lir.Pos    // the position of the instruction being emitted
	index  int        // its index in the block
	cold   []coldCode // code to emit after the last block (ColdCode)
	err    error
}

// coldCode is code that ColdCode put off until after the last block.
type coldCode struct {
	label  string
	framed bool
	pos    lir.Pos
	emit   func()
}

// Following returns the instructions of the current block after the
// one being emitted.
func (e *Emitter) Following() []lir.InstrID { return e.F.Blocks[e.Block].Instrs[e.index+1:] }

// ColdCode has emit called after the function's last block, under
// label, for code the hot path jumps to only rarely (a safepoint's call
// of the runtime): the hot path then falls through. framed says whether
// the frame is set up there (the call frame information needs it): as
// where the jump to label is. The code gets the position of the
// instruction being emitted.
func (e *Emitter) ColdCode(label string, framed bool, emit func()) {
	e.cold = append(e.cold, coldCode{label: label, framed: framed, pos: e.pos, emit: emit})
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

// Polls reports whether in, an instruction of block b, is a safepoint
// that polls the runtime: with Safepoints, all but those of the entry
// block of a function that makes no calls, which stand for the
// function's own entry poll: its loops poll on their back edges, and
// without calls it cannot recurse.
func (e *Emitter) Polls(in lir.Instr, b lir.BlockID) bool {
	_, ok := in.(*lir.Safepoint)
	return ok && e.Safepoints && (e.Calls || b != 0)
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
	for _, c := range e.cold {
		l.Label(c.label)
		first := len(l.Items)
		c.emit()
		e.setPos(first, c.pos)
		e.frame.cold = append(e.frame.cold, coldFrame{c.label, c.framed})
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
		e.pos, e.index = f.InstrPos(ids[i]), i
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
		e.instr(in, h)
		return
	}
	lo := e.NewLabel()
	e.Out.Label(lo)
	e.instr(in, h)
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

// A PeepholeTarget is a target's side of Peephole: what its
// target-neutral rules need to know of the target's instructions, and
// the target's own rules.
type PeepholeTarget interface {
	// Move returns the registers of a full-width move from register
	// to register (a narrower one may change the register's upper
	// bits), or ok false for other instructions.
	Move(in asm.Inst) (dst, src any, ok bool)
	// Jump returns the label an unconditional jump goes to, or "" for
	// other instructions.
	Jump(in asm.Inst) string
	// CondJump returns the label a conditional jump goes to, or "" for
	// other instructions.
	CondJump(in asm.Inst) string
	// Invert returns the conditional jump cond with its condition
	// negated, going where the unconditional jump j goes.
	Invert(cond, j asm.Inst) asm.Inst
	// Rule is one step of the target's own rules: given the items kept
	// so far (out), all items and the index i of an instruction item,
	// it returns the item to keep in its place (keep false deletes it)
	// and how many of the items after it it consumed.
	Rule(out, items []Item, i int) (it Item, keep bool, skip int)
}

// Peephole rewrites the instructions of items in place, in order, and
// returns the result; other items are kept. Its own rules, for every
// target:
//
//	mov a, a                    deleted
//	jmp L; L:                   the jump deleted
//	jcc L1; jmp L2; L1:         j!cc L2; L1:
//	mov a, b; mov b, a          the second move deleted
//
// then the target's (t.Rule).
func Peephole(items []Item, t PeepholeTarget) []Item {
	out := items[:0]
	for i := 0; i < len(items); i++ {
		if items[i].Kind != ItemInst {
			out = append(out, items[i])
			continue
		}
		it, keep, skip := peephole(t, out, items, i)
		i += skip
		if keep {
			out = append(out, it)
		}
	}
	return out
}

// peephole is Peephole's rewrite of the instruction items[i].
func peephole(t PeepholeTarget, out, items []Item, i int) (Item, bool, int) {
	it := items[i]
	dst, src, move := t.Move(it.Inst)
	switch {
	case move && dst == src:
		return it, false, 0
	case move && len(out) > 0 && out[len(out)-1].Kind == ItemInst:
		if pdst, psrc, ok := t.Move(out[len(out)-1].Inst); ok && pdst == src && psrc == dst {
			return it, false, 0
		}
	case t.Jump(it.Inst) != "":
		if LabelAt(items, i+1) == t.Jump(it.Inst) {
			return it, false, 0
		}
	case t.CondJump(it.Inst) != "":
		if i+2 < len(items) && items[i+1].Kind == ItemInst && t.Jump(items[i+1].Inst) != "" &&
			LabelAt(items, i+2) == t.CondJump(it.Inst) {
			return Item{Kind: ItemInst, Inst: t.Invert(it.Inst, items[i+1].Inst), Pos: it.Pos}, true, 1
		}
	}
	return t.Rule(out, items, i)
}

// LabelAt returns the label at items[i], or a string that is no label.
func LabelAt(items []Item, i int) string {
	if i < len(items) && items[i].Kind == ItemLabel {
		return items[i].Name
	}
	return "\x00" // matches no jump target
}
