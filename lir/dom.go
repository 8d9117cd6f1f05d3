package lir

// domInfo is the dominator tree the verifier needs to check the SSA
// property. The ssa package has the full-featured version; this small copy
// keeps lir free of dependencies.
type domInfo struct {
	idom      []BlockID // -1 for unreachable blocks and the entry's parent
	pre, post []int32
}

func newDomInfo(f *Func) *domInfo {
	n := len(f.Blocks)
	rpo := ReversePostorder(f)
	order := make([]int32, n)
	for i := range order {
		order[i] = -1
	}
	for i, b := range rpo {
		order[b] = int32(i)
	}
	idom := make([]BlockID, n)
	for i := range idom {
		idom[i] = -1
	}
	idom[0] = 0
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
		for _, b := range rpo[1:] {
			nd := BlockID(-1)
			for _, p := range f.Blocks[b].Preds {
				if idom[p] < 0 {
					continue
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
	d := &domInfo{idom: idom, pre: make([]int32, n), post: make([]int32, n)}
	children := make([][]BlockID, n)
	for _, b := range rpo[1:] {
		children[idom[b]] = append(children[idom[b]], b)
	}
	// Number the tree iteratively: deep trees are common in big functions.
	type frame struct {
		b    BlockID
		next int
	}
	clock := int32(0)
	stack := []frame{{0, 0}}
	d.pre[0] = clock
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(children[top.b]) {
			c := children[top.b][top.next]
			top.next++
			clock++
			d.pre[c] = clock
			stack = append(stack, frame{c, 0})
			continue
		}
		clock++
		d.post[top.b] = clock
		stack = stack[:len(stack)-1]
	}
	return d
}

func (d *domInfo) reachable(b BlockID) bool { return b == 0 || d.idom[b] >= 0 }

func (d *domInfo) dominates(a, b BlockID) bool {
	return d.reachable(a) && d.reachable(b) && d.pre[a] <= d.pre[b] && d.post[b] <= d.post[a]
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
