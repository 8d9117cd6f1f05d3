package amd64

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// emitter translates one allocated function into instructions.
type emitter struct {
	f   *lir.Func
	out *Listing

	// Frame layout (see layout).
	frame     bool    // the function sets up rbp and a frame
	saved     []int   // callee-saved registers pushed after rbp
	slotOff   []int64 // per slot: offset from rbp
	frameSize int64   // bytes subtracted from rsp after the pushes
	inFrame   []bool  // per block: the frame is set up when it runs
	wrap      []bool  // per block: the prologue runs at its start (shrink-wrapping)

	block  lir.BlockID // the block being emitted; blocks are laid out in order
	labels int         // local labels made so far
	marks  []posMark   // the traced instructions emitted so far
	err    error

	safepoints bool // lir.Safepoint polls the runtime (Options.Safepoints)
	calls      bool // the function makes calls
}

// The runtime's side of a safepoint (Options.Safepoints): a 32-bit flag
// that is non-zero while some processor must stop (a collection, a
// preemption), and the routine a set flag calls, which preserves every
// register. rt/lang defines both (safepoint_amd64.asm).
const (
	SafepointFlagSymbol = "nk.safepoint.flag"
	SafepointSlowSymbol = "nk.safepoint.slow"
)

// safepoint emits the poll: cmp dword ptr [rip+flag], 0; je skip; call
// slow; skip:. It needs no frame: the slow routine aligns the stack and
// saves what it uses.
func (e *emitter) safepoint() {
	skip := e.newLabel()
	e.inst(amd64.CMP, amd64.RIPRel(4, SafepointFlagSymbol, 0), amd64.Int(0))
	e.inst(amd64.JE, amd64.Label(skip))
	e.inst(amd64.CALL, amd64.Label(SafepointSlowSymbol))
	e.out.label(skip)
}

// Emit appends to l the code of f, a function whose registers are
// allocated: every register operand physical, phis gone. Blocks are laid
// out in order, Blocks[0] first, each under a local label
// ".L<function>.<block number>".
//
// The frame uses rbp as frame pointer: the prologue pushes rbp, sets it
// to rsp, pushes the callee-saved registers the function writes and
// reserves, below them, the stack slots (user and spill slots, at fixed
// negative offsets from rbp, aligned to their alignment up to 16) and
// the outgoing stack-argument area, rounded so that rsp is 16-byte
// aligned at every call. A function without calls, slots, callee-saved
// registers or references to rsp and rbp gets no frame at all.
//
// The frame is shrink-wrapped: the prologue runs at the entry of the
// region of blocks that need it (see shrinkWrap), so that a path that
// returns early without calls, slots or callee-saved registers (the
// base case of a recursion) returns without setting up a frame.
func Emit(f *lir.Func, l *Listing) error { return emit(f, l, false) }

// emit is Emit, with safepoints polling the runtime when safepoints
// (Options.Safepoints).
func emit(f *lir.Func, l *Listing, safepoints bool) error {
	if err := checkAllocated(f); err != nil {
		return err
	}
	e := &emitter{f: f, out: l, safepoints: safepoints}
	e.layout()
	l.Items = append(l.Items, Item{Kind: ItemAlign, N: 16}, Item{Kind: ItemGlobal, Name: f.Name},
		Item{Kind: ItemType, Name: f.Name})
	l.label(f.Name)
	if e.frame && e.inFrame[0] {
		e.prologue()
	}
	for b := range f.Blocks {
		e.block = lir.BlockID(b)
		e.emitBlock()
	}
	if e.err != nil {
		return fmt.Errorf("emit @%s: %w", f.Name, e.err)
	}
	end := fmt.Sprintf(".L%s.end", f.Name)
	l.label(end)
	l.Items = append(l.Items, Item{Kind: ItemSize, Name: f.Name, Expr: asm.Expr{Sym: end, Minus: f.Name}})
	l.funcs = append(l.funcs, funcCode{name: f.Name, end: end, source: f.SourceName, marks: e.marks})
	return nil
}

// checkAllocated reports a virtual register or a phi left in f.
func checkAllocated(f *lir.Func) error {
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

func (e *emitter) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

func (e *emitter) inst(op amd64.Op, args ...amd64.Operand) { e.out.inst(amd64.New(op, args...)) }

// newLabel returns a fresh local label for code inside one instruction.
func (e *emitter) newLabel() string {
	e.labels++
	return ".L" + e.f.Name + ".x" + strconv.Itoa(e.labels)
}

// blockLabel returns the label of block b.
func (e *emitter) blockLabel(b lir.BlockID) string { return fmt.Sprintf(".L%s.%d", e.f.Name, b) }

// layout decides the frame: which callee-saved registers to save, where
// the slots go and how big the outgoing argument area is.
func (e *emitter) layout() {
	f := e.f
	var used [NumRegs]bool
	calls, fp := false, false
	var outgoing int64
	var rands []*lir.Operand
	needs := make([]bool, len(f.Blocks)) // per block: it needs the frame
	for b, blk := range f.Blocks {
		for _, id := range blk.Instrs {
			if frameNeeded(f, f.Instrs[id], &rands) {
				needs[b] = true
			}
		}
	}
	for _, id := range f.Code() {
		in := f.Instrs[id]
		if _, ok := in.(*lir.Call); ok {
			calls = true
		}
		if st, ok := in.(*lir.Store); ok && st.Addr.Kind == lir.SymOperand {
			if base, off, ok := argArea(f.Syms[st.Addr.Index]); ok && base == amd64.RSP {
				outgoing = max(outgoing, off+8)
			}
		}
		if ld, ok := in.(*lir.Load); ok && ld.Addr.Kind == lir.SymOperand {
			if _, _, ok := argArea(f.Syms[ld.Addr.Index]); ok {
				fp = true
			}
		}
		rands = in.Operands(rands[:0])
		if d := in.Dest(); d != nil {
			rands = append(rands, d)
			if d.Kind == lir.PhysOperand && d.Index >= 0 && int(d.Index) < NumRegs {
				used[d.Index] = true
			}
		}
		for _, r := range rands {
			if r.Kind == lir.PhysOperand && (int(r.Index) == RSP || int(r.Index) == RBP) {
				fp = true
			}
		}
	}
	for _, r := range calleeSaved {
		if used[r] {
			e.saved = append(e.saved, r)
		}
	}
	cur := int64(8 * len(e.saved))
	e.slotOff = make([]int64, len(f.Slots))
	for i, s := range f.Slots {
		a := min(max(s.Align, 1), 16)
		cur = alignUp(cur+s.Size, a)
		e.slotOff[i] = -cur
	}
	e.frame = calls || fp || len(f.Slots) > 0 || len(e.saved) > 0
	e.calls = calls
	e.frameSize = alignUp(cur+outgoing, 16) - int64(8*len(e.saved))
	e.shrinkWrap(needs)
}

// frameNeeded reports whether instruction in needs the frame: it calls,
// addresses a stack slot or an argument area, names rsp or rbp, or
// reads or writes a callee-saved register (which the prologue saves).
func frameNeeded(f *lir.Func, in lir.Instr, rands *[]*lir.Operand) bool {
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
			if _, _, ok := argArea(f.Syms[r.Index]); ok {
				return true
			}
		case lir.PhysOperand:
			if n := int(r.Index); n == RSP || n == RBP || slices.Contains(calleeSaved, n) {
				return true
			}
		}
	}
	return false
}

// shrinkWrap decides where the prologue goes, given the blocks that
// need the frame. The frame blocks (inFrame) run with the frame set up:
// the blocks that need it, every block reachable from one (the frame
// stays until the function returns), and, where a frame block is
// entered both from a frame block and from a frameless one, the
// frameless predecessors too, so that no edge needs a prologue of its
// own. Then every frame block has either only frame predecessors or
// only frameless ones, and the prologue goes at the start of the
// latter (on every path, the first frame block). If the entry block is
// a frame block, the prologue is at the function's start as usual.
// Frameless blocks return with a bare ret.
func (e *emitter) shrinkWrap(needs []bool) {
	f := e.f
	n := len(f.Blocks)
	e.inFrame = make([]bool, n)
	e.wrap = make([]bool, n)
	if !e.frame || n == 0 {
		return
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
		if !e.inFrame[b] {
			e.inFrame[b] = true
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
	if e.inFrame[0] {
		for b := range e.inFrame {
			e.inFrame[b] = true
		}
		return
	}
	for b := range n {
		e.wrap[b] = e.inFrame[b] && !joined[b]
	}
}

func alignUp(n, a int64) int64 { return (n + a - 1) / a * a }

func (e *emitter) prologue() {
	if !e.frame {
		return
	}
	e.inst(amd64.PUSH, amd64.RBP)
	e.inst(amd64.MOV, amd64.RBP, amd64.RSP)
	for _, r := range e.saved {
		e.inst(amd64.PUSH, asmReg(r, lir.I64))
	}
	if e.frameSize > 0 {
		e.inst(amd64.SUB, amd64.RSP, amd64.Int(e.frameSize))
	}
}

func (e *emitter) epilogue() {
	if e.frame && e.inFrame[e.block] {
		switch {
		case len(e.saved) > 0:
			if e.frameSize > 0 {
				e.inst(amd64.ADD, amd64.RSP, amd64.Int(e.frameSize))
			}
			for i := len(e.saved) - 1; i >= 0; i-- {
				e.inst(amd64.POP, asmReg(e.saved[i], lir.I64))
			}
			e.inst(amd64.POP, amd64.RBP)
		case e.frameSize > 0:
			e.inst(amd64.LEAVE)
		default:
			e.inst(amd64.POP, amd64.RBP)
		}
	}
	e.inst(amd64.RET)
}

// emitBlock translates the current block. A compare directly followed by
// a branch on its result sets the flags the branch tests: lowering made
// the branch the compare's only reader.
func (e *emitter) emitBlock() {
	f := e.f
	ids := f.Blocks[e.block].Instrs
	if e.block > 0 {
		e.out.label(e.blockLabel(e.block))
	}
	if e.wrap[e.block] {
		e.prologue()
	}
	for i := 0; i < len(ids); i++ {
		in := f.Instrs[ids[i]]
		first := len(e.out.Items)
		if c, ok := in.(*lir.Compare); ok && i+1 < len(ids) {
			if br, ok := f.Instrs[ids[i+1]].(*lir.Branch); ok && br.Cond == c.Dst {
				e.branchOn(e.compare(c), br)
				e.setPos(first, f.InstrPos(ids[i]))
				i++
				continue
			}
		}
		e.traced(ids[i], in)
		e.setPos(first, f.InstrPos(ids[i]))
	}
}

// setPos records p as the source position of the instructions emitted
// since item first (Item.Pos).
func (e *emitter) setPos(first int, p lir.Pos) {
	if !p.IsValid() {
		return
	}
	for i := first; i < len(e.out.Items); i++ {
		if e.out.Items[i].Kind == ItemInst {
			e.out.Items[i].Pos = p
		}
	}
}

// traced emits instruction id, between two labels that the position
// table (pctab.go) records when it has a source position and its code
// can fault or call.
func (e *emitter) traced(id lir.InstrID, in lir.Instr) {
	p := e.f.InstrPos(id)
	kind := traceKind(in)
	if !p.IsValid() || kind == 0 {
		e.instr(in)
		return
	}
	lo := e.newLabel()
	e.out.label(lo)
	e.instr(in)
	hi := e.newLabel()
	e.out.label(hi)
	e.marks = append(e.marks, posMark{lo: lo, hi: hi, kind: kind, pos: p})
}

func (e *emitter) instr(in lir.Instr) {
	switch in := in.(type) {
	case *lir.Binary:
		e.binary(in)
	case *lir.Unary:
		e.unary(in)
	case *lir.Compare:
		e.setcc(in.Dst, e.compare(in))
	case *lir.Convert:
		e.convert(in)
	case *lir.Load:
		e.loadMem(in)
	case *lir.Store:
		e.store(in)
	case *lir.Addr:
		e.addr(in)
	case *lir.Call:
		e.call(in)
	case *lir.Safepoint:
		// In the entry block of a function that makes no calls, a
		// safepoint is the function's own entry one: its loops poll on
		// their back edges, and without calls it cannot recurse.
		if e.safepoints && (e.calls || e.block != 0) {
			e.safepoint()
		}
	case *lir.Jump:
		if in.Target != e.block+1 {
			e.inst(amd64.JMP, amd64.Label(e.blockLabel(in.Target)))
		}
	case *lir.Branch:
		e.branch(in)
	case *lir.Return:
		if in.Val.Kind != lir.NoOperand {
			r := resultReg(in.Val.Type)
			if in.Val.Kind != lir.PhysOperand || int(in.Val.Index) != r {
				e.move(r, in.Val, in.Val.Type)
			}
		}
		e.epilogue()
	case *lir.Unreachable:
		e.inst(amd64.UD2)
	default:
		e.fail("%s: cannot emit", e.f.FormatInstr(in))
	}
}
