package regalloc

import "github.com/naturekit/naturekit/lir"

// computeLiveIn finds the values live on entry to each block. In SSA
// form a value is live into block b exactly when b is reachable
// backwards from one of its uses without passing its definition, so
// each value is followed up from its uses (the path exploration of
// Appel and of Boissinot et al.): the work is proportional to the size
// of the live sets, with no iteration to a fixed point. A phi operand
// is used at the end of its predecessor, not in the phi's block.
func (a *allocator) computeLiveIn() {
	f := a.f
	defBlock := make([]lir.BlockID, len(f.Values))
	for i := range defBlock {
		defBlock[i] = -1
	}
	for _, p := range f.Params {
		defBlock[p] = 0
	}
	// useBlocks[v] lists the blocks where v must be live on exit (phi
	// operands, marked with the predecessor) or on entry (other uses).
	type use struct {
		b     lir.BlockID
		atEnd bool
	}
	uses := make([][]use, len(f.Values))
	for _, b := range a.order {
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if d := in.Dest(); d != nil && d.Kind == lir.RegOperand {
				defBlock[d.Index] = b
			}
			if phi, ok := in.(*lir.Phi); ok {
				for _, e := range phi.Edges {
					if e.Val.Kind == lir.RegOperand {
						uses[e.Val.Index] = append(uses[e.Val.Index], use{e.Pred, true})
					}
				}
				continue
			}
			a.rands = in.Operands(a.rands[:0])
			for _, o := range a.rands {
				if o.Kind == lir.RegOperand {
					uses[o.Index] = append(uses[o.Index], use{b, false})
				}
			}
		}
	}
	a.liveIn = make([][]lir.Value, len(f.Blocks))
	mark := make([]lir.Value, len(f.Blocks)) // v+1 once v is known live into the block
	var work []lir.BlockID
	for v, us := range uses {
		val := lir.Value(v)
		work = work[:0]
		for _, u := range us {
			if u.b != defBlock[v] {
				work = append(work, u.b)
			}
		}
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if mark[b] == val+1 || b == defBlock[v] {
				continue
			}
			mark[b] = val + 1
			a.liveIn[b] = append(a.liveIn[b], val)
			work = append(work, f.Blocks[b].Preds...)
		}
	}
}
