package cfg

import "github.com/naturekit/naturekit/lir"

// RemoveUnreachable deletes the blocks that no path from the entry
// reaches, renumbering the rest in their current order, and drops phi
// edges from deleted blocks. It returns the number of blocks removed.
func RemoveUnreachable(f *lir.Func) int {
	seen := make([]bool, len(f.Blocks))
	for _, b := range lir.ReversePostorder(f) {
		seen[b] = true
	}
	perm := make([]lir.BlockID, len(f.Blocks))
	n := lir.BlockID(0)
	for b := range perm {
		perm[b] = -1
		if seen[b] {
			perm[b] = n
			n++
		}
	}
	removed := len(f.Blocks) - int(n)
	if removed > 0 {
		f.RenumberBlocks(perm)
	}
	return removed
}

// SplitCriticalEdges inserts an empty block (holding only a jmp) on every
// edge from a block with several successors to a block with several
// predecessors, and redirects phi edges to it. It returns the number of
// blocks added.
func SplitCriticalEdges(f *lir.Func) int {
	var names map[string]bool
	added := 0
	n := len(f.Blocks)
	for b := range n {
		from := lir.BlockID(b)
		if len(f.Blocks[from].Succs) < 2 {
			continue
		}
		term := f.Terminator(from)
		for _, to := range f.Blocks[from].Succs {
			if len(f.Blocks[to].Preds) < 2 {
				continue
			}
			if names == nil {
				names = blockNames(f)
			}
			mid := f.NewBlock(freshName(names, f.BlockName(from)+"_"+f.BlockName(to)))
			f.Blocks[mid].Instrs = []lir.InstrID{f.NewInstr(&lir.Jump{Target: to})}
			lir.ReplaceTarget(term, to, mid)
			f.RedirectPhiEdges(to, from, mid)
			added++
		}
	}
	if added > 0 {
		f.ComputeEdges()
	}
	return added
}
