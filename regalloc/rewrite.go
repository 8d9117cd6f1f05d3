package regalloc

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// rewrite turns f into allocated form: each block gets its moves (edge
// moves at its top, split moves between instructions, edge moves before
// its terminator), every virtual register operand becomes the register
// its value has at that instruction, phis go, and so do copies that
// became copies of a register to itself.
func (a *allocator) rewrite() error {
	f := a.f
	em, err := a.resolve()
	if err != nil {
		return err
	}
	inline := a.splitMoves()
	for _, b := range a.order {
		out := make([]lir.InstrID, 0, len(f.Blocks[b].Instrs))
		emit := func(in lir.Instr) { out = append(out, f.NewInstr(in)) }
		if b == 0 {
			a.sequentialize(a.paramMoves(), emit)
		}
		a.sequentialize(em.atStart[b], emit)
		for p := a.from[b] + 2; p < a.to[b]; p += 2 {
			if ms := inline[p-1]; ms != nil {
				a.sequentialize(ms, emit)
			}
			id := a.code[p/2]
			in := f.Instrs[id]
			if lir.IsTerminator(in) {
				a.sequentialize(em.atEnd[b], emit)
			}
			if err := a.assign(in, p); err != nil {
				return err
			}
			if !isSelfCopy(in) {
				out = append(out, id)
			}
		}
		f.Blocks[b].Instrs = out
	}
	f.Form = lir.CFG
	return nil
}

// assign replaces the virtual registers of the instruction at p by
// their registers there.
func (a *allocator) assign(in lir.Instr, p int) error {
	a.rands = in.Operands(a.rands[:0])
	if d := in.Dest(); d != nil {
		a.rands = append(a.rands, d)
	}
	for _, o := range a.rands {
		if o.Kind != lir.RegOperand {
			continue
		}
		part := a.vint[o.Value()].partAt(p)
		if part.reg < 0 {
			return fmt.Errorf("regalloc: @%s: internal error: %%%d is not in a register at %s (position %d)", a.f.Name, o.Index, a.f.FormatInstr(in), p)
		}
		*o = lir.Phys(part.reg, o.Type)
	}
	return nil
}

// isSelfCopy reports whether in copies a register to itself.
func isSelfCopy(in lir.Instr) bool {
	u, ok := in.(*lir.Unary)
	return ok && u.Opcode == lir.OpCopy && u.Dst.Kind == lir.PhysOperand && u.X.Kind == lir.PhysOperand && u.Dst.Index == u.X.Index
}
