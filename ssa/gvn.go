package ssa

import "github.com/naturekit/naturekit/lir"

// GVN is dominator-based global value numbering: walking the dominator
// tree, it keeps a table of the pure expressions computed on the path from
// the entry, and when an instruction recomputes one (same opcode, type and
// operands, commutative operands in canonical order) its result is
// replaced by the earlier one, which dominates it. Loads are not
// numbered: a store in between could change memory.
func GVN(f *lir.Func) error {
	if err := needSSA(f, "gvn"); err != nil {
		return err
	}
	dom := lir.Dominators(f)
	sub := newSubstitution(f)
	table := map[exprKey]lir.Operand{}
	var added []exprKey
	var rands []*lir.Operand
	dead := make([]bool, len(f.Instrs))
	type frame struct {
		b     lir.BlockID
		mark  int
		child int
	}
	stack := []frame{{0, 0, -1}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.child < 0 {
			top.mark = len(added)
			top.child = 0
			for _, id := range f.Blocks[top.b].Instrs {
				in := f.Instrs[id]
				rands = in.Operands(rands[:0])
				for _, o := range rands {
					*o = sub.resolve(*o)
				}
				k, ok := keyOf(in)
				if !ok {
					continue
				}
				if prev, found := table[k]; found {
					sub.set(in.Dest().Value(), prev)
					dead[id] = true
					continue
				}
				table[k] = *in.Dest()
				added = append(added, k)
			}
		}
		if kids := dom.Children[top.b]; top.child < len(kids) {
			k := kids[top.child]
			top.child++
			stack = append(stack, frame{k, 0, -1})
			continue
		}
		for _, k := range added[top.mark:] {
			delete(table, k)
		}
		added = added[:top.mark]
		stack = stack[:len(stack)-1]
	}
	removeInstrs(f, func(id lir.InstrID) bool { return dead[id] })
	sub.apply(f) // phi operands reached over back edges
	return nil
}

// exprKey identifies a pure computation.
type exprKey struct {
	op    lir.Op
	t     lir.Type
	x, y  lir.Operand
	scale int64
	off   int64
}

func keyOf(in lir.Instr) (exprKey, bool) {
	d := in.Dest()
	if d == nil || d.Kind != lir.RegOperand {
		return exprKey{}, false
	}
	k := exprKey{op: in.Op(), t: d.Type}
	switch in := in.(type) {
	case *lir.Binary:
		k.x, k.y = in.X, in.Y
	case *lir.Compare:
		k.x, k.y = in.X, in.Y
	case *lir.Unary:
		k.x = in.X
	case *lir.Convert:
		k.x = in.X
	case *lir.Addr:
		k.x, k.y, k.scale, k.off = in.Base, in.Index, in.Scale, in.Off
	default:
		return exprKey{}, false
	}
	if k.op.IsCommutative() && operandLess(k.y, k.x) {
		k.x, k.y = k.y, k.x
	}
	return k, true
}

func operandLess(a, b lir.Operand) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Index != b.Index {
		return a.Index < b.Index
	}
	return a.Imm < b.Imm
}
