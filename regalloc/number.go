package regalloc

import "github.com/naturekit/naturekit/lir"

// number gives every instruction a position, in block order. Positions
// are even: each block starts with a position of its own (where its phis
// define their values and moves on incoming edges land), followed by one
// per instruction other than phis. The odd positions between them are
// where splitting places moves, so a split never needs renumbering.
func (a *allocator) number() {
	f := a.f
	n := len(f.Blocks)
	a.from = make([]int, n)
	a.to = make([]int, n)
	size := n
	for _, b := range a.order {
		size += len(f.Blocks[b].Instrs)
	}
	a.code = make([]lir.InstrID, 0, size)
	a.blockAt = make([]lir.BlockID, 0, size)
	for _, b := range a.order {
		a.from[b] = 2 * len(a.code)
		a.code = append(a.code, -1)
		a.blockAt = append(a.blockAt, b)
		for _, id := range f.Blocks[b].Instrs {
			if _, ok := f.Instrs[id].(*lir.Phi); ok {
				continue
			}
			a.code = append(a.code, id)
			a.blockAt = append(a.blockAt, b)
		}
		a.to[b] = 2 * len(a.code)
	}
}

// blockOf returns the block containing position pos.
func (a *allocator) blockOf(pos int) lir.BlockID {
	if pos/2 >= len(a.blockAt) {
		return a.order[len(a.order)-1]
	}
	return a.blockAt[pos/2]
}

// inBlock reports whether odd position pos lies between two instructions
// of one block, where a move can be placed directly; other odd
// positions are block boundaries, left to data-flow resolution.
func (a *allocator) inBlock(pos int) bool {
	b := a.blockOf(pos)
	return pos > a.from[b] && pos < a.to[b]-1
}
