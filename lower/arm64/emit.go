package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// emitter translates one allocated function into instructions.
type emitter struct {
	lower.Emitter

	// Frame layout (see layout).
	frame   bool    // the function sets up a frame record and a frame
	saved   []int   // callee-saved registers, stored below the frame record
	slotOff []int64 // per slot: offset from sp
	below   int64   // bytes of frame below the frame record (16-aligned)
	inFrame []bool  // per block: the frame is set up when it runs
	wrap    []bool  // per block: the prologue runs at its start (shrink-wrapping)
}

// Emit appends to l the code of f, a function whose registers are
// allocated: every register operand physical, phis gone. Blocks are laid
// out in order, Blocks[0] first, each under a local label
// ".L<function>.<block number>".
//
// The frame follows AAPCS64: the prologue stores the frame record (x29
// and x30) at the top of the frame and points x29 at it, then lowers sp
// by the rest of the frame, 16-byte aligned: the callee-saved registers
// the function writes, just below the frame record (addressed from
// x29), the stack slots and, at the bottom, the outgoing stack-argument
// area (both addressed from sp). Incoming stack arguments are at
// [x29, #16+N]. A function without calls, slots, callee-saved registers
// or safepoint polls gets no frame at all; the frame is shrink-wrapped
// as on amd64 (lower.ShrinkWrap).
func Emit(f *lir.Func, l *lower.Listing) error { return emit(f, l, false) }

// emit is Emit, with safepoints polling the runtime when safepoints
// (Options.Safepoints).
func emit(f *lir.Func, l *lower.Listing, safepoints bool) error {
	if err := lower.CheckAllocated(f); err != nil {
		return err
	}
	e := &emitter{Emitter: lower.Emitter{F: f, Out: l, Safepoints: safepoints, ABI: &rules().ABI,
		ScratchGP: X16, ScratchFP: V31}}
	e.layout()
	return e.EmitFunc(4, e.frame && e.inFrame[0], e.wrap, e)
}

func (e *emitter) inst(op arm64.Op, args ...arm64.Operand) { e.Inst(arm64.New(op, args...)) }

// frameReg reports whether naming register n needs the frame: sp, x29,
// x30 and the callee-saved registers (which the prologue saves).
func frameReg(n int) bool { return n == SP || n == FP || n == LR || isCalleeSaved(n) }

// layout decides the frame: which callee-saved registers to save, where
// the slots go and how big the outgoing argument area is.
func (e *emitter) layout() {
	f := e.F
	u := lower.ScanFrame(f, NumRegs, frameReg, func(n int) bool { return n == SP || n == FP || n == LR })
	used, fp, outgoing, needs := u.Written, u.Pointers, u.Outgoing, u.Needs
	e.Calls = u.Calls
	for b, blk := range f.Blocks {
		for _, id := range blk.Instrs {
			// A poll's call of the slow path writes x30, which only a
			// frame saves.
			if e.Polls(f.Instrs[id], lir.BlockID(b)) {
				needs[b], fp = true, true
			}
		}
	}
	for n := range NumRegs {
		if used[n] && isCalleeSaved(n) {
			e.saved = append(e.saved, n)
		}
	}
	cur := outgoing
	e.slotOff = make([]int64, len(f.Slots))
	for i, s := range f.Slots {
		cur = lower.AlignUp(cur, min(max(s.Align, 1), 16))
		e.slotOff[i] = cur
		cur += s.Size
	}
	e.below = lower.AlignUp(cur, 16) + lower.AlignUp(int64(8*len(e.saved)), 16)
	e.frame = e.Calls || fp || len(f.Slots) > 0 || len(e.saved) > 0
	e.inFrame, e.wrap = lower.ShrinkWrap(f, e.frame, needs)
}

// savedPairs calls fn for the callee-saved registers in pairs of the
// same class (b < 0 for a register stored alone) with the offset from
// x29 of the first.
func (e *emitter) savedPairs(fn func(a, b int, off int64)) {
	off := int64(0)
	for i := 0; i < len(e.saved); i++ {
		a := e.saved[i]
		if i+1 < len(e.saved) && isFP(a) == isFP(e.saved[i+1]) {
			off -= 16
			fn(a, e.saved[i+1], off)
			i++
			continue
		}
		off -= 8
		fn(a, -1, off)
	}
}

// Prologue sets up the frame (lower.BlockEmitter).
func (e *emitter) Prologue() {
	if !e.frame {
		return
	}
	e.inst(arm64.STP, arm64.X(FP), arm64.X(LR), arm64.Mem{Base: arm64.SP, Mode: arm64.ModePre, Off: -16})
	e.inst(arm64.MOV, arm64.X(FP), arm64.SP)
	if e.below > 0 {
		e.addImm(arm64.SP, arm64.SP, -e.below)
	}
	e.savedPairs(func(a, b int, off int64) {
		if b < 0 {
			e.inst(arm64.STR, asmReg(a, lir.I64), arm64.Mem{Base: arm64.X(FP), Off: off})
			return
		}
		e.inst(arm64.STP, asmReg(a, lir.I64), asmReg(b, lir.I64), arm64.Mem{Base: arm64.X(FP), Off: off})
	})
}

// Epilogue tears the frame down where the block has it, and returns
// (lower.BlockEmitter).
func (e *emitter) Epilogue() {
	if e.frame && e.inFrame[e.Block] {
		e.savedPairs(func(a, b int, off int64) {
			if b < 0 {
				e.inst(arm64.LDR, asmReg(a, lir.I64), arm64.Mem{Base: arm64.X(FP), Off: off})
				return
			}
			e.inst(arm64.LDP, asmReg(a, lir.I64), asmReg(b, lir.I64), arm64.Mem{Base: arm64.X(FP), Off: off})
		})
		if e.below > 0 {
			e.inst(arm64.MOV, arm64.SP, arm64.X(FP))
		}
		e.inst(arm64.LDP, arm64.X(FP), arm64.X(LR), arm64.Mem{Base: arm64.SP, Mode: arm64.ModePost, Off: 16})
	}
	e.inst(arm64.RET)
}

// Poll emits the poll (lower.BlockEmitter): load the flag; cbz skip;
// bl slow; skip:. The block has the frame (the bl writes x30); the slow
// routine saves every register it uses.
func (e *emitter) Poll() {
	skip := e.NewLabel()
	e.loadFlag(lower.SafepointFlagSymbol)
	e.inst(arm64.CBZ, arm64.W(X16), arm64.Label(skip))
	e.inst(arm64.BL, arm64.Label(lower.SafepointSlowSymbol))
	e.Out.Label(skip)
}

// loadFlag loads the 32-bit word at symbol flag into w16.
func (e *emitter) loadFlag(flag string) {
	e.inst(arm64.ADRP, arm64.X(X16), arm64.Label(flag))
	e.inst(arm64.LDR, arm64.W(X16), arm64.Mem{Base: arm64.X(X16), Sym: lo12(flag, 0)})
}

// Barrier emits a barriered store (lower.BlockEmitter), its slot and
// value in any registers: the marking flag loaded into w16; cbnz w16,
// slow; the store; back:, and out of line (lower.ColdCode) slow: the
// slot's address in x17 and the value in x16; stp x30, x17, [sp,
// #-32]!; str x16, [sp, #16]; bl lower.BarrierSlowSymbol (which
// preserves every other register and stores); ldr x30, [sp], #32; b
// back. The store is no call: the block needs no frame, and the cold
// path saves x30 itself. The flag changes only with the world stopped,
// which no coroutine can be between the test and the store.
func (e *emitter) Barrier(in *lir.Store) {
	slow, back := e.NewLabel(), e.NewLabel()
	e.loadFlag(lower.GCMarkingSymbol)
	e.inst(arm64.CBNZ, arm64.W(X16), arm64.Label(slow))
	e.Store(in)
	e.Out.Label(back)
	e.ColdCode(slow, e.frame && e.inFrame[e.Block], func() {
		slot := e.mem(8, in.Addr, in.Off)
		e.addImm(arm64.X(X17), slot.Base, slot.Off)
		e.Move(X16, in.Val, lir.Ptr)
		e.inst(arm64.STP, arm64.X(LR), arm64.X(X17), arm64.Mem{Base: arm64.SP, Mode: arm64.ModePre, Off: -32})
		e.inst(arm64.STR, arm64.X(X16), arm64.Mem{Base: arm64.SP, Off: 16})
		e.inst(arm64.BL, arm64.Label(lower.BarrierSlowSymbol))
		e.inst(arm64.LDR, arm64.X(LR), arm64.Mem{Base: arm64.SP, Mode: arm64.ModePost, Off: 32})
		e.inst(arm64.B, arm64.Label(back))
	})
}

// CompareBranch emits a compare and the branch on its flags
// (lower.BlockEmitter).
func (e *emitter) CompareBranch(c *lir.Compare, br *lir.Branch) { e.branchOn(e.compare(c), br) }

// SetCompare sets a compare's destination to its result
// (lower.BlockEmitter).
func (e *emitter) SetCompare(c *lir.Compare) { e.inst(arm64.CSET, e.reg(c.Dst, lir.I32), e.compare(c)) }

// Jump branches to label (lower.BlockEmitter).
func (e *emitter) Jump(label string) { e.inst(arm64.B, arm64.Label(label)) }

// Trap emits brk for unreachable code (lower.BlockEmitter).
func (e *emitter) Trap() { e.inst(arm64.BRK, arm64.Imm{Val: brkUnreachable}) }

// The immediates of brk: the runtime's signal handler tells a division
// by zero from unreachable code by them.
const (
	brkUnreachable = 1
	brkDivide      = 0x3e8
)
