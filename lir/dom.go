package lir

import (
	"fmt"
	"strings"
)

// DomTree is the dominator tree of a function in block form. Block a
// dominates b when every path from the entry to b passes through a.
// Verify uses it to check the SSA property; package ssa builds dominance
// frontiers and SSA construction on it.
type DomTree struct {
	// Idom is the immediate dominator of each block; -1 for the entry and
	// for blocks the entry does not reach.
	Idom []BlockID
	// Children lists the blocks each block immediately dominates, in
	// block order.
	Children [][]BlockID
	// RPO is the reachable blocks in reverse postorder.
	RPO []BlockID

	pre, post []int32 // DFS numbering of the tree, for O(1) Dominates
}

// Dominators computes the dominator tree with the iterative algorithm of
// Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm"): it
// visits the blocks in reverse postorder, intersecting the dominators of
// the processed predecessors by walking up the partial tree, until nothing
// changes. On reducible graphs that takes two passes.
func Dominators(f *Func) *DomTree {
	n := len(f.Blocks)
	t := &DomTree{
		Idom:     make([]BlockID, n),
		Children: make([][]BlockID, n),
		RPO:      ReversePostorder(f),
		pre:      make([]int32, n),
		post:     make([]int32, n),
	}
	order := make([]int32, n) // position in RPO, -1 if unreachable
	for i := range order {
		order[i] = -1
		t.Idom[i] = -1
	}
	for i, b := range t.RPO {
		order[b] = int32(i)
	}
	if n == 0 {
		return t
	}
	idom := t.Idom
	idom[0] = 0 // temporarily its own dominator, as the algorithm wants
	intersect := func(a, b BlockID) BlockID {
		for a != b {
			for order[a] > order[b] {
				a = idom[a]
			}
			for order[b] > order[a] {
				b = idom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for _, b := range t.RPO[1:] {
			nd := BlockID(-1)
			for _, p := range f.Blocks[b].Preds {
				if idom[p] < 0 {
					continue // unprocessed or unreachable
				}
				if nd < 0 {
					nd = p
				} else {
					nd = intersect(p, nd)
				}
			}
			if nd != idom[b] {
				idom[b], changed = nd, true
			}
		}
	}
	idom[0] = -1
	for b := 1; b < n; b++ {
		if idom[b] >= 0 {
			t.Children[idom[b]] = append(t.Children[idom[b]], BlockID(b))
		}
	}
	t.number()
	return t
}

// number assigns preorder and postorder numbers to the tree, iteratively
// because the trees of large functions are deep.
func (t *DomTree) number() {
	type frame struct {
		b    BlockID
		next int
	}
	clock := int32(0)
	stack := []frame{{0, 0}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == 0 {
			clock++
			t.pre[top.b] = clock
		}
		if top.next < len(t.Children[top.b]) {
			c := t.Children[top.b][top.next]
			top.next++
			stack = append(stack, frame{c, 0})
			continue
		}
		clock++
		t.post[top.b] = clock
		stack = stack[:len(stack)-1]
	}
}

// Reachable reports whether the entry reaches b.
func (t *DomTree) Reachable(b BlockID) bool { return b == 0 || t.Idom[b] >= 0 }

// Dominates reports whether a dominates b (every block dominates itself).
func (t *DomTree) Dominates(a, b BlockID) bool {
	return t.Reachable(a) && t.Reachable(b) && t.pre[a] <= t.pre[b] && t.post[b] <= t.post[a]
}

// Preorder returns the reachable blocks in preorder of the tree: every
// block comes after its dominators.
func (t *DomTree) Preorder() []BlockID {
	var out []BlockID
	if len(t.Idom) == 0 {
		return out
	}
	stack := []BlockID{0}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		out = append(out, b)
		for i := len(t.Children[b]) - 1; i >= 0; i-- {
			stack = append(stack, t.Children[b][i])
		}
	}
	return out
}

// Format prints the tree, one block per line with its immediate
// dominator and children:
//
//	loop: idom entry children [body done]
func (t *DomTree) Format(f *Func) string {
	var sb strings.Builder
	for b := range f.Blocks {
		id := BlockID(b)
		idom := "-"
		if t.Idom[b] >= 0 {
			idom = f.BlockName(t.Idom[b])
		} else if b != 0 {
			idom = "unreachable"
		}
		fmt.Fprintf(&sb, "%s: idom %s children [%s]\n", f.BlockName(id), idom, f.BlockNames(t.Children[b]))
	}
	return sb.String()
}

// ReversePostorder returns the blocks reachable from the entry in reverse
// postorder of a depth-first search that visits successors in order.
func ReversePostorder(f *Func) []BlockID {
	n := len(f.Blocks)
	if n == 0 {
		return nil
	}
	seen := make([]bool, n)
	post := make([]BlockID, 0, n)
	type frame struct {
		b    BlockID
		next int
	}
	stack := []frame{{0, 0}}
	seen[0] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		succs := f.Blocks[top.b].Succs
		if top.next < len(succs) {
			s := succs[top.next]
			top.next++
			if !seen[s] {
				seen[s] = true
				stack = append(stack, frame{s, 0})
			}
			continue
		}
		post = append(post, top.b)
		stack = stack[:len(stack)-1]
	}
	for i, j := 0, len(post)-1; i < j; i, j = i+1, j-1 {
		post[i], post[j] = post[j], post[i]
	}
	return post
}
