package lower

import "github.com/naturekit/naturekit/lir"

// A BlockEmitter is a target's side of EmitFunc: the frame's set-up and
// tear-down, and one method per kind of LIR instruction (or of
// conversion), to which Emitter.instr sends each instruction after doing
// what is the same on every target: a copy is a Move, a jump to the
// next block is nothing, a branch on a constant is a Jump, a return
// moves its value to the result register before the Epilogue, a
// safepoint polls only where Polls says, a call's callee is a symbol or
// a register, and a conversion reads its operand in a register
// (ConvertSource) and is a Move where it changes no bits.
type BlockEmitter interface {
	// Prologue sets up the frame (at the function's entry or at a
	// shrink-wrapped block's start).
	Prologue()
	// Epilogue tears the frame down where the block has it, and returns.
	Epilogue()
	// Move sets register n to operand o of type t.
	Move(n int, o lir.Operand, t lir.Type)
	// Jump jumps to label.
	Jump(label string)
	// CompareBranch emits a compare and the branch on its result that
	// directly follows it (lowering made the branch its only reader).
	CompareBranch(c *lir.Compare, br *lir.Branch)
	// Branch emits a branch on a condition held in a register.
	Branch(br *lir.Branch)
	// SetCompare emits a compare whose result (0 or 1) goes to its
	// destination register.
	SetCompare(c *lir.Compare)
	// Binary emits a binary operation.
	Binary(in *lir.Binary)
	// Unary emits a negation or a complement into a register (a copy
	// is a Move).
	Unary(in *lir.Unary)
	// Extend widens integer x of type from, narrower than to and than
	// 64 bits, into register d, sign- or zero-extending it.
	Extend(signed bool, d int, x lir.Operand, from, to lir.Type)
	// Bitcast moves the bits of register x of type from to register d
	// of the other register class.
	Bitcast(d int, x lir.Operand, from, to lir.Type)
	// FloatResize converts float register x to the other float type in
	// dst.
	FloatResize(dst, x lir.Operand)
	// IntToFloat converts integer register x to float register dst.
	IntToFloat(signed bool, dst, x lir.Operand)
	// FloatToInt converts float register x to a signed 64-bit integer
	// in register d.
	FloatToInt(d int, x lir.Operand)
	// FloatToUint converts float register x to an unsigned 64-bit
	// integer in register d.
	FloatToUint(d int, x lir.Operand)
	// Load, Store and Addr emit a memory access or an address (an
	// Addr's index is a constant or a register).
	Load(in *lir.Load)
	Store(in *lir.Store)
	Addr(in *lir.Addr)
	// CallSym calls a function by name; CallReg calls the address in a
	// register. Lowering has placed the arguments.
	CallSym(name string)
	CallReg(callee lir.Operand)
	// Barrier emits a barriered store (lir.Store with Barrier): the
	// test of GCMarkingSymbol, the store when it is 0, and out of line
	// (ColdCode) the call of BarrierSlowSymbol with the slot and the
	// value when it is not.
	Barrier(in *lir.Store)
	// Poll emits a safepoint's poll of the runtime.
	Poll()
	// Trap emits the instruction that faults for unreachable code.
	Trap()
}

// instr sends in, an instruction of the current block, to h.
func (e *Emitter) instr(in lir.Instr, h BlockEmitter) {
	switch in := in.(type) {
	case *lir.Binary:
		h.Binary(in)
	case *lir.Unary:
		switch {
		case in.Dst.Kind != lir.PhysOperand:
			e.Fail("%s: destination is not a register", e.F.FormatInstr(in))
		case in.Opcode == lir.OpCopy:
			h.Move(int(in.Dst.Index), in.X, in.Dst.Type)
		default:
			h.Unary(in)
		}
	case *lir.Compare:
		h.SetCompare(in)
	case *lir.Convert:
		e.convert(in, h)
	case *lir.Load:
		h.Load(in)
	case *lir.Store:
		if in.Barrier {
			h.Barrier(in)
		} else {
			h.Store(in)
		}
	case *lir.Addr:
		if k := in.Index.Kind; k != lir.IntOperand && k != lir.PhysOperand {
			e.Fail("%s: bad index", e.F.FormatInstr(in))
			return
		}
		h.Addr(in)
	case *lir.Call:
		e.call(in, h)
	case *lir.Safepoint:
		if e.Polls(in, e.Block) {
			h.Poll()
		}
	case *lir.Jump:
		e.JumpTo(in.Target, h)
	case *lir.Branch:
		switch {
		case in.Cond.Kind != lir.IntOperand:
			h.Branch(in)
		case in.Cond.Imm != 0:
			e.JumpTo(in.Then, h)
		default:
			e.JumpTo(in.Else, h)
		}
	case *lir.Return:
		if v := in.Val; v.Kind != lir.NoOperand {
			if r := e.ABI.ResultReg(v.Type); v.Kind != lir.PhysOperand || int(v.Index) != r {
				h.Move(r, v, v.Type)
			}
		}
		h.Epilogue()
	case *lir.Unreachable:
		h.Trap()
	default:
		e.Fail("%s: cannot emit", e.F.FormatInstr(in))
	}
}

// JumpTo jumps to block b through h unless b is the next block.
func (e *Emitter) JumpTo(b lir.BlockID, h BlockEmitter) {
	if b != e.Block+1 {
		h.Jump(e.BlockLabel(b))
	}
}

// CondBranch emits the jumps of br on a condition, falling through to
// the next block where it can: jumpIf(true, else) alone when br.Then is
// next, else jumpIf(false, then) and a jump to br.Else (JumpTo). jumpIf
// emits the conditional jump, on the condition negated when negated.
func (e *Emitter) CondBranch(br *lir.Branch, h BlockEmitter, jumpIf func(negated bool, label string)) {
	if br.Then == e.Block+1 {
		jumpIf(true, e.BlockLabel(br.Else))
		return
	}
	jumpIf(false, e.BlockLabel(br.Then))
	e.JumpTo(br.Else, h)
}

// call checks that a call's result is in the result register and calls
// its callee.
func (e *Emitter) call(in *lir.Call, h BlockEmitter) {
	if d := in.Dst; d.Kind != lir.NoOperand && (d.Kind != lir.PhysOperand || int(d.Index) != e.ABI.ResultReg(d.Type)) {
		e.Fail("%s: result not in the result register", e.F.FormatInstr(in))
	}
	switch in.Callee.Kind {
	case lir.SymOperand:
		h.CallSym(e.F.Syms[in.Callee.Index])
	case lir.PhysOperand:
		h.CallReg(in.Callee)
	default:
		e.Fail("%s: bad callee", e.F.FormatInstr(in))
	}
}

// convert emits a type conversion: its operand in a register (the
// scratch register of its class if not), then a Move for a truncation,
// an extension to no more bits and a bitcast within a register class,
// the target's method for the others.
func (e *Emitter) convert(in *lir.Convert, h BlockEmitter) {
	from, to := in.X.Type, in.Dst.Type
	d := int(in.Dst.Index)
	x := ConvertSource(in, e.ScratchGP, e.ScratchFP, h.Move)
	switch in.Opcode {
	case lir.OpSExt, lir.OpZExt:
		if from.Size() < to.Size() && from.Size() < 8 {
			h.Extend(in.Opcode == lir.OpSExt, d, x, from, to)
			return
		}
		h.Move(d, x, to)
	case lir.OpTrunc:
		h.Move(d, x, to)
	case lir.OpBitcast:
		if x.Kind != lir.PhysOperand || from.IsFloat() == to.IsFloat() {
			h.Move(d, lir.Operand{Kind: x.Kind, Type: to, Index: x.Index, Imm: x.Imm}, to)
			return
		}
		h.Bitcast(d, x, from, to)
	case lir.OpFExt, lir.OpFTrunc:
		h.FloatResize(in.Dst, x)
	case lir.OpSIToF, lir.OpUIToF:
		h.IntToFloat(in.Opcode == lir.OpSIToF, in.Dst, x)
	case lir.OpFToSI:
		h.FloatToInt(d, x)
	case lir.OpFToUI:
		h.FloatToUint(d, x)
	}
}
