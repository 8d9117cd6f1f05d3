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
// caller's slot and loads right after, which promoteSlots (promote.go)
// then turns into registers.
//
// A function is inlined at a call when its body, counted in
// instructions other than labels, is at most inlineSmall plus the number
// of arguments (the call sequence it replaces is about as long), or at
// most inlineLeaf for a function that calls nothing, or at most
// inlineLoop and the call is inside a loop of the caller (between a
// label and a later jump back to it): that is where calls cost, and
// inlining everything of inlineLoop's size everywhere would grow the
// runtime's code by 40%. A function that reads its own frame (GetSP,
// GetFP and SpillRegisters name the frame of their caller, which
// inlining would change) is never inlined, nor is sys.Abort, the cold
// path of every failed check. Rounds repeat, up to
// inlineRounds, so that a small function calling a smaller one is
// inlined whole; a function is never inlined into itself. A function
// marked with InlineDirective is inlined at every call if it has at
// most inlineAlways instructions; one marked with NoInlineDirective
// nowhere.
const (
	inlineSmall  = 2
	inlineLeaf   = 12
	inlineLoop   = 20
	inlineAlways = 200
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
// directives maps the names of functions with InlineDirective to true,
// of those with NoInlineDirective to false.
func inline(m *lir.Module, directives map[string]bool) {
	for round := 0; round < inlineRounds; round++ {
		cands := map[string]candidate{}
		for _, f := range m.Funcs {
			if f.Name == abortSymbol {
				continue // the fatal error path is cold
			}
			always, ok := directives[f.Name]
			if ok && !always {
				continue
			}
			limit := inlineLoop
			if always {
				limit = inlineAlways
			}
			if n := inlineSize(f, limit); n >= 0 {
				cands[f.Name] = candidate{f.Clone(), n, isLeaf(f), always}
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

// candidate is a function that may be inlined: a copy of its body
// before the round, and its size.
type candidate struct {
	f      *lir.Func
	size   int
	leaf   bool // calls nothing but sys.Abort
	always bool // InlineDirective: inlined at every call
}

// inlineSize returns the size of f, or -1 if it has more than limit
// instructions or depends on its own frame.
func inlineSize(f *lir.Func, limit int) int {
	if f.Form != lir.Linear {
		return -1
	}
	n := 0
	for _, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Label:
			continue
		case *lir.Call:
			if in.Opcode != lir.OpCall || in.Callee.Kind != lir.SymOperand {
				return -1
			}
			name := f.Syms[in.Callee.Index]
			if name == f.Name || frameSymbol(name) {
				return -1
			}
		case *lir.Phi:
			return -1
		}
		n++
		if n > limit {
			return -1
		}
	}
	return n
}

// isLeaf reports whether f calls no function but sys.Abort.
func isLeaf(f *lir.Func) bool {
	for _, id := range f.Linear {
		if c, ok := f.Instrs[id].(*lir.Call); ok && !(c.Callee.Kind == lir.SymOperand && f.Syms[c.Callee.Index] == abortSymbol) {
			return false
		}
	}
	return true
}

// inlineCalls expands in f every call of a candidate other than f
// itself, and reports whether it expanded any.
func inlineCalls(f *lir.Func, cands map[string]candidate) bool {
	var code []lir.InstrID
	n := 0
	loop := inLoop(f)
	for i, id := range f.Linear {
		in, ok := f.Instrs[id].(*lir.Call)
		if ok && in.Opcode == lir.OpCall && in.Callee.Kind == lir.SymOperand {
			name := f.Syms[in.Callee.Index]
			g, ok := cands[name]
			if ok && name != f.Name && len(in.Args) == len(g.f.Params) && (g.always || g.size <= inlineSmall+len(in.Args) || g.leaf && g.size <= inlineLeaf || loop[i]) {
				n++
				code = expand(f, code, id, in, g.f)
				continue
			}
		}
		code = append(code, id)
	}
	f.Linear = code
	return n > 0
}

// inLoop reports for each instruction of f's linear code whether it
// lies between a label and a later jump or branch back to it.
func inLoop(f *lir.Func) []bool {
	at := map[lir.BlockID]int{}
	loop := make([]bool, len(f.Linear))
	mark := func(target lir.BlockID, j int) {
		if l, ok := at[target]; ok {
			for k := l; k <= j; k++ {
				loop[k] = true
			}
		}
	}
	for j, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Label:
			at[in.Block] = j
		case *lir.Jump:
			mark(in.Target, j)
		case *lir.Branch:
			mark(in.Then, j)
			mark(in.Else, j)
		}
	}
	return loop
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
