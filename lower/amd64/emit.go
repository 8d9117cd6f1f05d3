package amd64

import (
	"slices"

	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// emitter translates one allocated function into instructions.
type emitter struct {
	lower.Emitter

	// Frame layout (see layout).
	frame     bool    // the function sets up rbp and a frame
	saved     []int   // callee-saved registers pushed after rbp
	slotOff   []int64 // per slot: offset from rbp
	frameSize int64   // bytes subtracted from rsp after the pushes
	inFrame   []bool  // per block: the frame is set up when it runs
	wrap      []bool  // per block: the prologue runs at its start (shrink-wrapping)

	fused fusedAddr // an addr left out for the access after it (fuse.go)
}

// Poll emits the poll (lower.BlockEmitter): cmp dword ptr [rip+flag],
// 0; jne slow; back:, and after the function's last block slow: call slow; jmp back
// (lower.ColdCode), so that the usual path falls through. It needs no
// frame: the slow routine aligns the stack and saves what it uses.
func (e *emitter) Poll() {
	e.unlessFlag(lower.SafepointFlagSymbol, nil, func() { e.inst(amd64.CALL, amd64.Label(lower.SafepointSlowSymbol)) })
}

// Barrier emits a barriered store (lower.BlockEmitter), its slot and
// value in any registers: cmp dword ptr [rip+marking], 0; jne slow; the
// store; back:, and out of line slow: the slot's address in r11, push
// r11; push the value (through r11 if not in a register); call
// lower.BarrierSlowSymbol (which preserves every register, stores and
// pops both); jmp back. The marking flag changes only with the world
// stopped, which no coroutine can be between the test and the store.
// The pushes need no frame (compiled code keeps nothing below rsp), and
// the routine aligns the stack.
func (e *emitter) Barrier(in *lir.Store) {
	slot := e.mem(8, in.Addr, in.Off) // before Store, which ends a fused address
	scratch := asmReg(ScratchGP, lir.Ptr)
	e.unlessFlag(lower.GCMarkingSymbol, func() { e.Store(in) }, func() {
		e.inst(amd64.LEA, scratch, slot)
		e.inst(amd64.PUSH, scratch)
		val := scratch
		if in.Val.Kind == lir.PhysOperand {
			val = e.reg(in.Val, lir.Ptr)
		} else {
			e.Move(ScratchGP, in.Val, lir.Ptr)
		}
		e.inst(amd64.PUSH, val)
		e.inst(amd64.CALL, amd64.Label(lower.BarrierSlowSymbol))
	})
}

// unlessFlag emits cmp dword ptr [rip+flag], 0; jne slow; then hot (if
// not nil); back:, and after the function's last block slow: cold; jmp
// back (lower.ColdCode), so that the usual path falls through.
func (e *emitter) unlessFlag(flag string, hot, cold func()) {
	slow, back := e.NewLabel(), e.NewLabel()
	e.inst(amd64.CMP, amd64.RIPRel(4, flag, 0), amd64.Int(0))
	e.inst(amd64.JNE, amd64.Label(slow))
	if hot != nil {
		hot()
	}
	e.Out.Label(back)
	e.ColdCode(slow, e.frame && e.inFrame[e.Block], func() {
		cold()
		e.inst(amd64.JMP, amd64.Label(back))
	})
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
	if err := lower.CheckAllocated(f); err != nil {
		return err
	}
	e := &emitter{Emitter: lower.Emitter{F: f, Out: l, Safepoints: safepoints, ABI: &rules().ABI,
		ScratchGP: ScratchGP, ScratchFP: ScratchFP}}
	e.layout()
	return e.EmitFunc(funcAlign, e.frame && e.inFrame[0], e.wrap, e)
}

// funcAlign is the alignment of every function's first instruction, 32
// bytes as gc aligns Go's on amd64: with 16, where a function lands
// within a 32-byte window (the decoded-instruction cache's unit, which
// on Intel cores since Skylake does not hold a jump that crosses or
// ends on such a boundary) changed with the size of everything linked
// before it, and with it the time of a call-bound program such as fib
// by 15% (docs/bench-programs.md).
const funcAlign = 32

func (e *emitter) inst(op amd64.Op, args ...amd64.Operand) { e.Inst(amd64.New(op, args...)) }

// layout decides the frame: which callee-saved registers to save, where
// the slots go and how big the outgoing argument area is.
func (e *emitter) layout() {
	f := e.F
	u := lower.ScanFrame(f, NumRegs, frameReg, func(n int) bool { return n == RSP || n == RBP })
	used, calls, fp, outgoing, needs := u.Written, u.Calls, u.Pointers, u.Outgoing, u.Needs
	for _, r := range calleeSaved {
		if used[r] {
			e.saved = append(e.saved, r)
		}
	}
	cur := int64(8 * len(e.saved))
	e.slotOff = make([]int64, len(f.Slots))
	for i, s := range f.Slots {
		a := min(max(s.Align, 1), 16)
		cur = lower.AlignUp(cur+s.Size, a)
		e.slotOff[i] = -cur
	}
	e.frame = calls || fp || len(f.Slots) > 0 || len(e.saved) > 0
	e.Calls = calls
	e.frameSize = lower.AlignUp(cur+outgoing, 16) - int64(8*len(e.saved))
	e.inFrame, e.wrap = lower.ShrinkWrap(f, e.frame, needs)
}

// frameReg reports whether naming register n needs the frame: rsp,
// rbp, and the callee-saved registers (which the prologue saves).
func frameReg(n int) bool { return n == RSP || n == RBP || slices.Contains(calleeSaved, n) }

// Prologue sets up the frame (lower.BlockEmitter).
func (e *emitter) Prologue() {
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

// Epilogue tears the frame down where the block has it, and returns
// (lower.BlockEmitter).
func (e *emitter) Epilogue() {
	if e.frame && e.inFrame[e.Block] {
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

// CompareBranch emits a compare and the jump on its flags
// (lower.BlockEmitter).
func (e *emitter) CompareBranch(c *lir.Compare, br *lir.Branch) { e.branchOn(e.compare(c), br) }

// SetCompare sets a compare's destination to its result
// (lower.BlockEmitter).
func (e *emitter) SetCompare(c *lir.Compare) { e.setcc(c.Dst, e.compare(c)) }

// Load emits a load (lower.BlockEmitter).
func (e *emitter) Load(in *lir.Load) {
	e.loadMem(in)
	e.fused.reg = 0
}

// Store emits a store (lower.BlockEmitter).
func (e *emitter) Store(in *lir.Store) {
	e.store(in)
	e.fused.reg = 0
}

// Addr computes an address, or leaves it for the access after it
// (fuse.go) (lower.BlockEmitter).
func (e *emitter) Addr(in *lir.Addr) {
	if !e.fuseAddr(in) {
		e.addr(in)
	}
}

// Jump jumps to label (lower.BlockEmitter).
func (e *emitter) Jump(label string) { e.inst(amd64.JMP, amd64.Label(label)) }

// Trap emits ud2 for unreachable code (lower.BlockEmitter).
func (e *emitter) Trap() { e.inst(amd64.UD2) }
