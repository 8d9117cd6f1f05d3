package gofront

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// Inlining. The runtime is full of small methods (Span.nextFree,
// Heap.Pointer, SizeToClass, the mark bit accessors) that gc inlines and
// that a call would otherwise cost more than they do. inline replaces
// calls of small functions of the module by a copy of their body, in
// the linear form gofront emits, before the back end sees the module:
//
//	args          copied into fresh registers standing for the parameters
//	body          callee's instructions, its registers, slots, labels and
//	              symbols renamed into the caller
//	return v      dst = copy v; jump after
//	after:
//
// Results returned through a result block become stores into the
// caller's slot and loads right after, which the back end's copy
// propagation cannot remove but which no longer cross a call.
//
// A function is inlined when its body, counted in instructions other
// than labels, is at most inlineBudget, and it does not read its own
// frame (GetSP, GetFP and SpillRegisters name the frame of their caller,
// which inlining would change). Rounds repeat so that a small function
// calling a smaller one is inlined whole, up to inlineRounds; a
// function is never inlined into itself.
const (
	inlineBudget = 12
	inlineRounds = 3
)

// frameSymbol reports whether the result of the function named name
// depends on the frame that calls it: a function calling one is not
// inlined.
func frameSymbol(name string) bool {
	switch name {
	case "rt.sys.GetSP", "rt.sys.GetFP", "rt.sys.SpillRegisters":
		return true
	}
	return false
}

// inline inlines small functions of m into their callers (see above).
func inline(m *lir.Module) {
	for round := 0; round < inlineRounds; round++ {
		cands := map[string]*lir.Func{}
		for _, f := range m.Funcs {
			if inlinable(f) {
				cands[f.Name] = f.Clone()
			}
		}
		changed := false
		for _, f := range m.Funcs {
			if inlineCalls(f, cands) {
				changed = true
			}
		}
		if !changed {
			return
		}
	}
}

// inlinable reports whether f is small enough and does not depend on its
// own frame.
func inlinable(f *lir.Func) bool {
	if f.Form != lir.Linear {
		return false
	}
	n := 0
	for _, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Label:
			continue
		case *lir.Call:
			if in.Opcode != lir.OpCall || in.Callee.Kind != lir.SymOperand {
				return false
			}
			name := f.Syms[in.Callee.Index]
			if name == f.Name || frameSymbol(name) {
				return false
			}
		case *lir.Phi:
			return false
		}
		n++
		if n > inlineBudget {
			return false
		}
	}
	return true
}

// inlineCalls expands in f every call of a candidate other than f
// itself, and reports whether it expanded any.
func inlineCalls(f *lir.Func, cands map[string]*lir.Func) bool {
	var code []lir.InstrID
	n := 0
	for _, id := range f.Linear {
		in, ok := f.Instrs[id].(*lir.Call)
		if ok && in.Opcode == lir.OpCall && in.Callee.Kind == lir.SymOperand {
			name := f.Syms[in.Callee.Index]
			if g := cands[name]; g != nil && name != f.Name && len(in.Args) == len(g.Params) {
				n++
				code = expand(f, code, id, in, g)
				continue
			}
		}
		code = append(code, id)
	}
	f.Linear = code
	return n > 0
}

// expand appends to code the body of g in place of the call in (whose
// instruction is id). Its labels are named inlN.label, N the number of
// blocks f had before.
func expand(f *lir.Func, code []lir.InstrID, id lir.InstrID, call *lir.Call, g *lir.Func) []lir.InstrID {
	pos := f.InstrPos(id)
	emit := func(in lir.Instr, p lir.Pos) {
		nid := f.NewInstr(in)
		if !p.IsValid() {
			p = pos
		}
		f.SetInstrPos(nid, p)
		code = append(code, nid)
	}
	vals := make([]lir.Value, len(g.Values))
	for v, info := range g.Values {
		vals[v] = f.NewValue(info.Type)
	}
	slots := make([]lir.SlotID, len(g.Slots))
	for s, sl := range g.Slots {
		slots[s] = f.NewSlot(sl.Size, sl.Align)
	}
	n := len(f.Blocks) // unique across rounds: blocks are only added
	blocks := make([]lir.BlockID, len(g.Blocks))
	for b := range g.Blocks {
		blocks[b] = f.NewBlock(fmt.Sprintf("inl%d.%s", n, g.BlockName(lir.BlockID(b))))
	}
	syms := make([]lir.SymID, len(g.Syms))
	for s, name := range g.Syms {
		syms[s] = f.Sym(name)
	}
	rename := func(o *lir.Operand) {
		switch o.Kind {
		case lir.RegOperand:
			o.Index = int32(vals[o.Index])
		case lir.SlotOperand:
			o.Index = int32(slots[o.Index])
		case lir.SymOperand:
			o.Index = int32(syms[o.Index])
		}
	}
	for i, p := range g.Params {
		emit(&lir.Unary{Opcode: lir.OpCopy, Dst: f.Reg(vals[p]), X: call.Args[i]}, lir.Pos{})
	}
	after := f.NewBlock(fmt.Sprintf("inl%d.after", n))
	var rands []*lir.Operand
	for _, gid := range g.Linear {
		in := lir.CloneInstr(g.Instrs[gid])
		p := g.InstrPos(gid)
		if d := in.Dest(); d != nil {
			rename(d)
		}
		rands = in.Operands(rands[:0])
		for _, r := range rands {
			rename(r)
		}
		switch in := in.(type) {
		case *lir.Label:
			in.Block = blocks[in.Block]
		case *lir.Jump:
			in.Target = blocks[in.Target]
		case *lir.Branch:
			in.Then, in.Else = blocks[in.Then], blocks[in.Else]
		case *lir.Return:
			if call.Dst.Kind != lir.NoOperand && in.Val.Kind != lir.NoOperand {
				emit(&lir.Unary{Opcode: lir.OpCopy, Dst: call.Dst, X: in.Val}, p)
			}
			emit(&lir.Jump{Target: after}, p)
			continue
		}
		emit(in, p)
	}
	emit(&lir.Label{Block: after}, lir.Pos{})
	return code
}
