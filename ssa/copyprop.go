package ssa

import "github.com/naturekit/naturekit/lir"

// CopyProp replaces every use of the result of "copy x" by x, and every
// use of a trivial phi — one whose edges all carry the same operand x,
// or the phi itself — by x; then it deletes those copies and phis.
// Removing a trivial phi can make another one trivial (a loop header phi
// fed by a phi of an inner join), so phis are revisited until none
// changes. x dominates the uses it takes over, so the result is valid SSA.
func CopyProp(f *lir.Func) error {
	if err := needSSA(f, "copyprop"); err != nil {
		return err
	}
	sub := newSubstitution(f)
	var phis, copies []lir.InstrID
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			switch in := f.Instrs[id].(type) {
			case *lir.Unary:
				if in.Opcode == lir.OpCopy && in.Dst.Kind == lir.RegOperand && (in.X.Kind == lir.RegOperand || in.X.IsConst()) {
					sub.set(in.Dst.Value(), in.X)
					copies = append(copies, id)
				}
			case *lir.Phi:
				phis = append(phis, id)
			}
		}
	}
	dead := make([]bool, len(f.Instrs))
	for _, id := range copies {
		dead[id] = true
	}
	for changed := true; changed; {
		changed = false
		for _, id := range phis {
			if dead[id] {
				continue
			}
			phi := f.Instrs[id].(*lir.Phi)
			if x, ok := trivialPhi(phi, sub); ok {
				sub.set(phi.Dst.Value(), x)
				dead[id] = true
				changed = true
			}
		}
	}
	removeInstrs(f, func(id lir.InstrID) bool { return dead[id] })
	sub.apply(f)
	return nil
}

// trivialPhi reports whether phi merges a single operand, and which.
func trivialPhi(phi *lir.Phi, sub *substitution) (lir.Operand, bool) {
	var same lir.Operand
	for _, e := range phi.Edges {
		x := sub.resolve(e.Val)
		if x == phi.Dst || x == same {
			continue
		}
		if same.Kind != lir.NoOperand {
			return lir.Operand{}, false
		}
		same = x
	}
	return same, same.Kind != lir.NoOperand
}
