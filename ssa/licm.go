package ssa

import "github.com/naturekit/naturekit/lir"

// LICM is loop-invariant code motion: a pure instruction inside a loop
// (arithmetic that cannot trap, conversions, address computations; not
// compares, which lowering wants next to their branch, nor loads, calls
// or anything with an effect) whose operands are all computed outside the
// loop, or by instructions already hoisted, moves to the loop's
// preheader, so it runs once instead of once per iteration. A loop is
// the natural loop of each back edge (an edge to a block that dominates
// its source); its preheader is the single predecessor of the header
// from outside the loop, when it ends in a jump, or else a new block
// inserted on that edge. Loops whose header has several predecessors
// from outside are left alone. Moving a pure, non-trapping computation
// to a place that dominates the loop cannot change what the program
// does; inner loops are processed first, so code can move out of several
// levels.
func LICM(f *lir.Func) error {
	if err := needSSA(f, "licm"); err != nil {
		return err
	}
	// Give every loop entered from one block a preheader first, then
	// hoist with the dominator tree of the final graph.
	inLoop := make([]bool, len(f.Blocks))
	dom := lir.Dominators(f)
	n := len(f.Blocks)
	for _, h := range loopHeaders(f, dom) {
		body := naturalLoop(f, dom, h, inLoop)
		preheader(f, h, inLoop)
		inLoop = append(inLoop, make([]bool, len(f.Blocks)-len(inLoop))...)
		for _, b := range body {
			inLoop[b] = false
		}
	}
	if len(f.Blocks) > n {
		placePreheaders(f, n)
	}
	dom = lir.Dominators(f)
	headers := loopHeaders(f, dom)
	if len(headers) == 0 {
		return nil
	}
	defBlock := make([]lir.BlockID, len(f.Values))
	for v := range defBlock {
		defBlock[v] = -1
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if d := f.Instrs[id].Dest(); d != nil && d.Kind == lir.RegOperand {
				defBlock[d.Index] = lir.BlockID(b)
			}
		}
	}
	var rands []*lir.Operand
	for _, h := range headers {
		body := naturalLoop(f, dom, h, inLoop)
		if pre := preheader(f, h, inLoop); pre >= 0 && len(f.Blocks[pre].Succs) == 1 {
			// Blocks of the loop in reverse postorder, so definitions
			// are seen before their uses.
			for _, b := range dom.RPO {
				if !inLoop[b] {
					continue
				}
				ids := f.Blocks[b].Instrs
				kept := ids[:0]
				for _, id := range ids {
					in := f.Instrs[id]
					if hoistable(in) && invariant(in, inLoop, defBlock, &rands) {
						pids := f.Blocks[pre].Instrs
						n := len(pids)
						pids = append(pids, pids[n-1])
						pids[n-1] = id
						f.Blocks[pre].Instrs = pids
						defBlock[in.Dest().Index] = pre
						continue
					}
					kept = append(kept, id)
				}
				f.Blocks[b].Instrs = kept
			}
		}
		for _, b := range body {
			inLoop[b] = false
		}
	}
	return nil
}

// loopHeaders returns the blocks some back edge enters, innermost
// (latest in reverse postorder) first.
func loopHeaders(f *lir.Func, dom *lir.DomTree) []lir.BlockID {
	var headers []lir.BlockID
	for i := len(dom.RPO) - 1; i >= 0; i-- {
		h := dom.RPO[i]
		for _, p := range f.Blocks[h].Preds {
			if dom.Dominates(h, p) {
				headers = append(headers, h)
				break
			}
		}
	}
	return headers
}

// naturalLoop marks in inLoop, and returns, the blocks of the loop headed
// by h: h and every block that reaches a back edge's source without
// passing through h.
func naturalLoop(f *lir.Func, dom *lir.DomTree, h lir.BlockID, inLoop []bool) []lir.BlockID {
	body := []lir.BlockID{h}
	inLoop[h] = true
	var work []lir.BlockID
	// Blocks added since dom was computed are preheaders: reachable,
	// outside the loop.
	known := func(b lir.BlockID) bool { return int(b) < len(dom.Idom) }
	for _, p := range f.Blocks[h].Preds {
		if known(p) && dom.Dominates(h, p) && !inLoop[p] {
			inLoop[p] = true
			body = append(body, p)
			work = append(work, p)
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range f.Blocks[b].Preds {
			if !inLoop[p] && (!known(p) || dom.Reachable(p)) {
				inLoop[p] = true
				body = append(body, p)
				work = append(work, p)
			}
		}
	}
	return body
}

// preheader returns the block that enters the loop headed by h from
// outside, splitting the edge if that block has other successors; -1 if
// the loop is entered from several blocks.
func preheader(f *lir.Func, h lir.BlockID, inLoop []bool) lir.BlockID {
	pre := lir.BlockID(-1)
	for _, p := range f.Blocks[h].Preds {
		if inLoop[p] {
			continue
		}
		if pre >= 0 {
			return -1
		}
		pre = p
	}
	if pre < 0 {
		return -1
	}
	if len(f.Blocks[pre].Succs) == 1 {
		return pre
	}
	nb := f.NewBlock(f.BlockName(h) + ".pre")
	f.Blocks[nb].Instrs = []lir.InstrID{f.NewInstr(&lir.Jump{Target: h})}
	f.Blocks[nb].Preds = []lir.BlockID{pre}
	f.Blocks[nb].Succs = []lir.BlockID{h}
	lir.ReplaceTarget(f.Terminator(pre), h, nb)
	for i, s := range f.Blocks[pre].Succs {
		if s == h {
			f.Blocks[pre].Succs[i] = nb
		}
	}
	for i, p := range f.Blocks[h].Preds {
		if p == pre {
			f.Blocks[h].Preds[i] = nb
		}
	}
	f.RedirectPhiEdges(h, pre, nb)
	return nb
}

// hoistable reports whether in may run where it did not before: pure and
// unable to trap.
func hoistable(in lir.Instr) bool {
	switch in := in.(type) {
	case *lir.Binary:
		return !lir.HasSideEffects(in)
	case *lir.Unary, *lir.Convert, *lir.Addr:
		return in.Dest().Kind == lir.RegOperand
	}
	return false
}

// invariant reports whether every register in reads is defined outside
// the loop.
func invariant(in lir.Instr, inLoop []bool, defBlock []lir.BlockID, rands *[]*lir.Operand) bool {
	*rands = in.Operands((*rands)[:0])
	for _, o := range *rands {
		if o.Kind == lir.PhysOperand {
			return false
		}
		if o.Kind != lir.RegOperand {
			continue
		}
		if b := defBlock[o.Index]; b >= 0 && inLoop[b] {
			return false
		}
	}
	return true
}

// placePreheaders lays each block added from n on (a preheader, whose
// successor is its loop's header) out just before its header, so that
// it falls through into the loop.
func placePreheaders(f *lir.Func, n int) {
	before := make([][]lir.BlockID, n)
	for b := n; b < len(f.Blocks); b++ {
		h := f.Blocks[b].Succs[0]
		before[h] = append(before[h], lir.BlockID(b))
	}
	perm := make([]lir.BlockID, len(f.Blocks))
	next := lir.BlockID(0)
	for b := 0; b < n; b++ {
		for _, p := range before[b] {
			perm[p] = next
			next++
		}
		perm[b] = next
		next++
	}
	f.RenumberBlocks(perm)
}
