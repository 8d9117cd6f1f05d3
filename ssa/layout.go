package ssa

import "github.com/naturekit/naturekit/lir"

// Layout orders the blocks for the back ends, which lay blocks out in
// block order and fall through to the next block where a jump or a
// branch allows it. It changes no instruction, only the order:
//
//   - Cold blocks go to the end of the function, in their order: those
//     that end in unreachable (the failure side of a bounds check, a
//     call of a function that does not return). The hot side of the
//     branch before them then falls through instead of jumping over
//     them.
//   - Loops are rotated: a loop header that ends in a branch and has
//     one latch (a block it dominates that jumps back to it) moves to
//     just after the latch. The latch then falls through into the
//     header's test, whose branch back into the body is the only jump
//     of an iteration (before: a jump to the header at the bottom and
//     the test's branch at the top); entering the loop costs one jump
//     to the test.
//
// The entry block stays first. Every block moves at most once, so the
// pass is linear in the number of blocks.
func Layout(f *lir.Func) error {
	if err := needSSA(f, "layout"); err != nil {
		return err
	}
	n := len(f.Blocks)
	if n < 3 {
		return nil
	}
	// A doubly linked list of the blocks in layout order, block 0 first.
	next, prev := make([]lir.BlockID, n), make([]lir.BlockID, n)
	for b := range n {
		next[b], prev[b] = lir.BlockID(b+1), lir.BlockID(b-1)
	}
	next[n-1] = -1
	tail := lir.BlockID(n - 1)
	unlink := func(b lir.BlockID) {
		if b == tail {
			tail = prev[b]
		}
		if prev[b] >= 0 {
			next[prev[b]] = next[b]
		}
		if next[b] >= 0 {
			prev[next[b]] = prev[b]
		}
	}
	insertAfter := func(b, p lir.BlockID) {
		prev[b], next[b] = p, next[p]
		if next[p] >= 0 {
			prev[next[p]] = b
		}
		next[p] = b
		if p == tail {
			tail = b
		}
	}
	changed := false
	for b := 1; b < n; b++ {
		id := lir.BlockID(b)
		if _, cold := f.Terminator(id).(*lir.Unreachable); cold && id != tail {
			unlink(id)
			insertAfter(id, tail)
			changed = true
		}
	}
	dom := lir.Dominators(f)
	for b := 1; b < n; b++ {
		h := lir.BlockID(b)
		if _, ok := f.Terminator(h).(*lir.Branch); !ok {
			continue
		}
		latch, latches := lir.BlockID(-1), 0
		for _, p := range f.Blocks[h].Preds {
			if dom.Dominates(h, p) {
				latch = p
				latches++
			}
		}
		if latches != 1 || latch == h || next[latch] == h {
			continue
		}
		if j, ok := f.Terminator(latch).(*lir.Jump); !ok || j.Target != h {
			continue
		}
		unlink(h)
		insertAfter(h, latch)
		changed = true
	}
	if !changed {
		return nil
	}
	perm := make([]lir.BlockID, n)
	pos := lir.BlockID(0)
	for b := lir.BlockID(0); b >= 0; b = next[b] {
		perm[b] = pos
		pos++
	}
	f.RenumberBlocks(perm)
	return nil
}
