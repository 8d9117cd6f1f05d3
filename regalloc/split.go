package regalloc

import (
	"fmt"
	"sort"
)

// maxSplitScan bounds how many blocks optimalSplitPos looks back through,
// keeping the walk near-linear on huge functions.
const maxSplitScan = 64

// optimalSplitPos chooses where to split an interval between lo and hi
// (Wimmer and Mössenböck, section 4.3): as late as possible, since the
// value stays in its register longer, unless an earlier block boundary
// has a smaller loop depth, so that the move happens outside a loop. A
// boundary position means the move lands on the edges into the next
// block, where data-flow resolution places it. The result is odd.
func (a *allocator) optimalSplitPos(lo, hi int) int {
	if lo%2 == 0 {
		lo++
	}
	hi = oddAtOrBefore(hi)
	if lo >= hi {
		return hi
	}
	hb := a.blockOf(hi)
	best, bestDepth := hi, a.depth[hb]
	for i, n := a.index[hb]-1, 0; i >= 0 && n < maxSplitScan && bestDepth > 0; i, n = i-1, n+1 {
		b := a.order[i]
		end := a.to[b] - 1 // the boundary after b
		if end < lo {
			break
		}
		if d := a.depth[b]; d < bestDepth {
			best, bestDepth = end, d
		}
	}
	return best
}

// spill assigns the spill slot of cur's value to cur.
func (a *allocator) spill(it *interval) {
	it.reg = -1
	root := it.root
	if root.slot < 0 {
		size := int64(it.typ.Size())
		root.slot = a.f.NewSlot(size, size)
		a.res.SpillSlots = append(a.res.SpillSlots, root.slot)
	}
}

// splitAndSpill frees the register of it from pos on: the part from a
// split position before pos goes to memory, and the part from shortly
// before its next use goes back to the unhandled intervals to get a
// register again. The store may move back as far as the last use before
// pos: to a block boundary outside a loop, a value live through the
// loop is stored once before it rather than on every iteration (and
// not reloaded on the back edge).
func (a *allocator) splitAndSpill(it *interval, pos int) error {
	lo := it.start() + 1
	if k := sort.SearchInts(it.uses, pos); k > 0 {
		lo = max(lo, it.uses[k-1]+1)
	}
	s := a.optimalSplitPos(lo, pos)
	mem := it
	if s > it.start() {
		mem = a.split(it, s)
	}
	a.spill(mem)
	next := mem.nextUse(pos)
	if next == maxPos {
		return nil
	}
	lo = max(pos, mem.start()+1)
	if lo%2 == 0 {
		lo++
	}
	if lo >= next {
		return fmt.Errorf("regalloc: @%s: %%%d needs its register at position %d, where another value takes it (an instruction needs more registers than the target has)",
			a.f.Name, it.value, next)
	}
	a.push(a.split(mem, a.optimalSplitPos(lo, next-1)))
	return nil
}
