package ssa

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// InlineBudget is the largest callee Inline copies, in instructions
// (labels not counted).
const InlineBudget = 30

// Inline is a module pass: it replaces each direct call of a small leaf
// function — in linear form, at most InlineBudget instructions, no
// calls of any kind (so no recursion, and a backtrace or a panic's
// report never misses a frame) — by a copy of the
// callee's code, in every function in linear form. The copy takes fresh
// registers and blocks: parameters become copies of the arguments, every
// other register the callee reads starts as a copy of zero (the value a
// register holds before its first definition, which the copy must keep
// even when the call sits in a loop), and each return becomes a copy to
// the call's result and a jump to the code after the call; a safepoint
// the callee starts with is dropped (it is there for recursion, and every
// loop keeps its own). The callee's
// stack slots become new slots of the caller, zeroed at the call (as a
// fresh frame's would be on the first call in a loop). The copied
// instructions keep the callee's source positions, so a fault in them is
// reported at the callee's line.
//
// A function Inline changes is replaced in m.Funcs by a changed copy;
// no *lir.Func is modified, so a caller that copies the Module and its
// Funcs slice keeps its module intact. Inlining runs before the passes
// that work on SSA form, which then clean up the copies.
func Inline(m *lir.Module) error { return InlineWith(m, InlineBudget, false) }

// InlineWith is Inline with another size limit, and with calls allowed
// in the callees when calls is set (the copies keep them; the callers'
// calls are expanded one level only, so recursion ends). Tests use it to
// inline much more than Inline does.
func InlineWith(m *lir.Module, budget int, calls bool) error {
	leaves := map[string]*lir.Func{}
	for _, g := range m.Funcs {
		if inlinable(g, budget, calls) {
			leaves[g.Name] = g
		}
	}
	if len(leaves) == 0 {
		return nil
	}
	for i, f := range m.Funcs {
		if f.Form != lir.Linear || !callsAny(f, leaves) {
			continue
		}
		g := f.Clone()
		if err := inlineCalls(g, leaves); err != nil {
			return fmt.Errorf("inline: @%s: %w", f.Name, err)
		}
		m.Funcs[i] = g
	}
	return nil
}

func inlinable(g *lir.Func, budget int, calls bool) bool {
	if g.Form != lir.Linear {
		return false
	}
	n := 0
	for _, id := range g.Linear {
		switch g.Instrs[id].(type) {
		case *lir.Label:
			continue
		case *lir.Call:
			if !calls {
				return false
			}
		case *lir.Phi:
			return false
		}
		if n++; n > budget {
			return false
		}
	}
	return true
}

// target returns the leaf a direct call instruction calls, if any.
func target(f *lir.Func, in lir.Instr, leaves map[string]*lir.Func) (*lir.Call, *lir.Func) {
	call, ok := in.(*lir.Call)
	if !ok || call.Opcode != lir.OpCall || call.Callee.Kind != lir.SymOperand {
		return nil, nil
	}
	g := leaves[f.Syms[call.Callee.Index]]
	if g == nil || g == f || len(g.Params) != len(call.Args) {
		return nil, nil
	}
	for i, p := range g.Params {
		if g.Values[p].Type != call.Args[i].Type {
			return nil, nil
		}
	}
	if call.Dst.Kind != lir.NoOperand && (call.Dst.Kind != lir.RegOperand || g.Result != call.Dst.Type) {
		return nil, nil
	}
	return call, g
}

func callsAny(f *lir.Func, leaves map[string]*lir.Func) bool {
	for _, id := range f.Linear {
		if c, _ := target(f, f.Instrs[id], leaves); c != nil {
			return true
		}
	}
	return false
}

func inlineCalls(f *lir.Func, leaves map[string]*lir.Func) error {
	names := map[string]bool{}
	for _, b := range f.Blocks {
		names[b.Name] = true
	}
	site := 0
	code := make([]lir.InstrID, 0, len(f.Linear))
	for _, id := range f.Linear {
		call, g := target(f, f.Instrs[id], leaves)
		if call == nil {
			code = append(code, id)
			continue
		}
		site++
		prefix := fmt.Sprintf("inl%d.", site)
		for clash := true; clash; {
			clash = false
			for _, b := range g.Blocks {
				if names[prefix+b.Name] {
					clash = true
				}
			}
			if clash {
				site++
				prefix = fmt.Sprintf("inl%d.", site)
			}
		}
		code = expand(f, g, call, f.InstrPos(id), prefix, names, code)
	}
	f.Linear = code
	return nil
}

// expand appends to code a copy of g's body in place of call.
func expand(f, g *lir.Func, call *lir.Call, pos lir.Pos, prefix string, names map[string]bool, code []lir.InstrID) []lir.InstrID {
	regs := make([]lir.Value, len(g.Values))
	for v := range regs {
		regs[v] = -1
	}
	reg := func(o lir.Operand) lir.Operand {
		if regs[o.Index] < 0 {
			regs[o.Index] = f.NewValue(g.Values[o.Index].Type)
		}
		return lir.Reg(regs[o.Index], o.Type)
	}
	blocks := make([]lir.BlockID, len(g.Blocks))
	for b := range blocks {
		blocks[b] = -1
	}
	block := func(b lir.BlockID) lir.BlockID {
		if blocks[b] < 0 {
			name := prefix + g.BlockName(b)
			names[name] = true
			blocks[b] = f.NewBlock(name)
		}
		return blocks[b]
	}
	emit := func(in lir.Instr, p lir.Pos) {
		id := f.NewInstr(in)
		if p.IsValid() {
			f.SetInstrPos(id, p)
		}
		code = append(code, id)
	}
	params := map[lir.Value]bool{}
	for i, p := range g.Params {
		params[p] = true
		emit(&lir.Unary{Opcode: lir.OpCopy, Dst: reg(g.Reg(p)), X: call.Args[i]}, pos)
	}
	// Every other register read starts at zero.
	var rands []*lir.Operand
	zeroed := map[lir.Value]bool{}
	for _, id := range g.Linear {
		rands = g.Instrs[id].Operands(rands[:0])
		for _, o := range rands {
			if o.Kind != lir.RegOperand || params[o.Value()] || zeroed[o.Value()] {
				continue
			}
			zeroed[o.Value()] = true
			zero := lir.Int(o.Type, 0)
			if o.Type.IsFloat() {
				zero = lir.Float(o.Type, 0)
			}
			emit(&lir.Unary{Opcode: lir.OpCopy, Dst: reg(g.Reg(o.Value())), X: zero}, pos)
		}
	}
	slots := make([]lir.SlotID, len(g.Slots))
	for i, sl := range g.Slots {
		slots[i] = f.NewSlot(sl.Size, sl.Align)
		addr := lir.SlotAddr(slots[i])
		off := int64(0)
		for ; off+8 <= sl.Size; off += 8 {
			emit(&lir.Store{Val: lir.Int(lir.I64, 0), Addr: addr, Off: off}, pos)
		}
		for ; off < sl.Size; off++ {
			emit(&lir.Store{Val: lir.Int(lir.I8, 0), Addr: addr, Off: off}, pos)
		}
	}
	cont := lir.BlockID(-1)
	contBlock := func() lir.BlockID {
		if cont < 0 {
			name := prefix + "ret"
			for names[name] {
				name += "_"
			}
			names[name] = true
			cont = f.NewBlock(name)
		}
		return cont
	}
	for i, id := range g.Linear {
		if _, ok := g.Instrs[id].(*lir.Safepoint); ok && i == 0 {
			// The poll on entry is for recursion, which a copy
			// cannot do; the copy's loops keep theirs.
			continue
		}
		p := g.InstrPos(id)
		in := lir.CloneInstr(g.Instrs[id])
		rands = in.Operands(rands[:0])
		for _, o := range rands {
			switch o.Kind {
			case lir.RegOperand:
				*o = reg(*o)
			case lir.SymOperand:
				o.Index = int32(f.Sym(g.Syms[o.Index]))
			case lir.SlotOperand:
				o.Index = int32(slots[o.Index])
			}
		}
		if d := in.Dest(); d != nil && d.Kind == lir.RegOperand {
			*d = reg(*d)
		}
		switch in := in.(type) {
		case *lir.Label:
			in.Block = block(in.Block)
		case *lir.Jump:
			in.Target = block(in.Target)
		case *lir.Branch:
			in.Then, in.Else = block(in.Then), block(in.Else)
		case *lir.Return:
			if call.Dst.Kind == lir.RegOperand && in.Val.Kind != lir.NoOperand {
				emit(&lir.Unary{Opcode: lir.OpCopy, Dst: call.Dst, X: in.Val}, p)
			}
			emit(&lir.Jump{Target: contBlock()}, p)
			continue
		}
		emit(in, p)
	}
	if cont >= 0 {
		emit(&lir.Label{Block: cont}, lir.Pos{})
	}
	return code
}
