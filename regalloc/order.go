package regalloc

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// orderBlocks computes the block order of the allocation: reverse
// postorder of a depth-first search from the entry, in which every
// block comes after its dominators, so a value's interval starts at its
// definition. Loop bodies usually come out contiguous, which keeps
// intervals free of holes, but correctness does not depend on it:
// liveness is computed exactly, not from the order. It also computes
// loop depths, which guide the choice of split positions.
func (a *allocator) orderBlocks() error {
	f := a.f
	n := len(f.Blocks)
	post := make([]lir.BlockID, 0, n)
	onStack := make([]bool, n)
	seen := make([]bool, n)
	var backEdges [][2]lir.BlockID
	// An explicit stack: functions of 100k instructions nest deeply.
	type frame struct {
		b    lir.BlockID
		next int
	}
	stack := []frame{{0, 0}}
	seen[0], onStack[0] = true, true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		succs := f.Blocks[top.b].Succs
		if top.next < len(succs) {
			// Successors are visited last to first: a loop header's
			// exit (the else of "br cond, body, done") then finishes
			// first and comes after the body in reverse postorder, which
			// keeps loop bodies together, and an if's then-part comes
			// before its else-part.
			s := succs[len(succs)-1-top.next]
			top.next++
			switch {
			case onStack[s]:
				backEdges = append(backEdges, [2]lir.BlockID{top.b, s})
			case !seen[s]:
				seen[s], onStack[s] = true, true
				stack = append(stack, frame{s, 0})
			}
			continue
		}
		onStack[top.b] = false
		post = append(post, top.b)
		stack = stack[:len(stack)-1]
	}
	if len(post) != n {
		for b := range n {
			if !seen[b] {
				return fmt.Errorf("regalloc: @%s: block %s is unreachable (run cfg.RemoveUnreachable)", f.Name, f.BlockName(lir.BlockID(b)))
			}
		}
	}
	a.order = make([]lir.BlockID, n)
	a.index = make([]int, n)
	for i, b := range post {
		a.order[n-1-i] = b
		a.index[b] = n - 1 - i
	}
	a.backEdges = backEdges
	a.loopDepths(backEdges)
	return nil
}

// loopDepths counts, for every block, the natural loops containing it.
// The body of the loop of a back edge p->h is h plus every block that
// reaches p without passing through h; loops sharing a header count once.
func (a *allocator) loopDepths(backEdges [][2]lir.BlockID) {
	f := a.f
	a.depth = make([]int, len(f.Blocks))
	mark := make([]lir.BlockID, len(f.Blocks)) // header+1 of the loop that last marked the block
	var work []lir.BlockID
	for _, e := range backEdges {
		p, h := e[0], e[1]
		if mark[h] != h+1 {
			mark[h] = h + 1
			a.depth[h]++
		}
		work = append(work[:0], p)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if mark[b] == h+1 {
				continue
			}
			mark[b] = h + 1
			a.depth[b]++
			work = append(work, f.Blocks[b].Preds...)
		}
	}
}
