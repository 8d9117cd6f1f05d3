package ssa

import (
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
)

// SimplifyBranches folds branches whose condition is a constant (or whose
// two targets are the same block) into jumps, dropping the phi edges of
// the edge that disappeared; removes the blocks that became unreachable;
// and merges a block ending in a jump into its target when it is the
// target's only predecessor, turning the target's phis (which then have
// one edge) into copies. Run CopyProp afterwards to remove the copies.
func SimplifyBranches(f *lir.Func) error {
	if err := needSSA(f, "simplify"); err != nil {
		return err
	}
	changed := false
	for b := range f.Blocks {
		changed = foldBranch(f, lir.BlockID(b)) || changed
	}
	if changed {
		f.ComputeEdges()
		cfg.RemoveUnreachable(f)
	}
	if mergeBlocks(f) {
		cfg.RemoveUnreachable(f)
	}
	return nil
}

func foldBranch(f *lir.Func, b lir.BlockID) bool {
	ids := f.Blocks[b].Instrs
	br, ok := f.Instrs[ids[len(ids)-1]].(*lir.Branch)
	if !ok {
		return false
	}
	var taken, dropped lir.BlockID
	switch {
	case br.Then == br.Else:
		taken, dropped = br.Then, -1
	case br.Cond.IsConst():
		taken, dropped = br.Else, br.Then
		if isTrue(br.Cond) {
			taken, dropped = br.Then, br.Else
		}
	default:
		return false
	}
	ids[len(ids)-1] = f.NewInstr(&lir.Jump{Target: taken})
	if dropped >= 0 {
		f.RemovePhiEdge(dropped, b)
	}
	return true
}

// mergeBlocks appends each block's single successor to it when the block
// is that successor's single predecessor.
func mergeBlocks(f *lir.Func) bool {
	merged := false
	for b := range f.Blocks {
		for {
			succs := f.Blocks[b].Succs
			if len(succs) != 1 {
				break
			}
			s := succs[0]
			if s == lir.BlockID(b) || s == 0 || len(f.Blocks[s].Preds) != 1 {
				break
			}
			mergeInto(f, lir.BlockID(b), s)
			merged = true
		}
	}
	return merged
}

// mergeInto moves the code of s to the end of b, replacing b's jump.
func mergeInto(f *lir.Func, b, s lir.BlockID) {
	ids := f.Blocks[b].Instrs
	ids = ids[:len(ids)-1] // the jmp to s
	for _, id := range f.Blocks[s].Instrs {
		if phi, ok := f.Instrs[id].(*lir.Phi); ok {
			id = f.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: phi.Dst, X: phi.Edges[0].Val})
		}
		ids = append(ids, id)
	}
	f.Blocks[b].Instrs = ids
	f.Blocks[b].Succs = append(f.Blocks[b].Succs[:0], f.Blocks[s].Succs...)
	// s now has no predecessor; its successors are entered from b.
	for _, t := range f.Blocks[s].Succs {
		f.RedirectPhiEdges(t, s, b)
		for i, p := range f.Blocks[t].Preds {
			if p == s {
				f.Blocks[t].Preds[i] = b
			}
		}
	}
	f.Blocks[s].Instrs = []lir.InstrID{f.NewInstr(&lir.Unreachable{})}
	f.Blocks[s].Succs = nil
	f.Blocks[s].Preds = nil
}
