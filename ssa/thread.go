package ssa

import (
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
)

// Thread is jump threading through the blocks that && and || leave: a
// block D holding only a phi c and "br c, T, F", where the branch is c's
// one reader. For each predecessor P of D whose value of c is known on
// the edge P→D — a constant, or P's own branch condition when P
// branches on it to D on one side only (then it is false on the else
// edge, true on the then edge) — P goes straight to T or F instead.
// A predecessor that jumps to D unconditionally branches on its value
// of c itself. The targets' phis get, for P, what they took from D.
// D disappears once nothing enters it. So `for i < 50 && x <= 4.0`
// tests i and jumps out, tests x and branches, instead of materialising
// both tests in a register and testing it again.
//
// Left alone: loop headers (D dominating a predecessor; threading into
// the body would enter the loop beside its header), a P that already
// branches to the target (the target's phis could not tell the two
// edges apart), and D with more than the phi and the branch. Values a
// target reads are defined in blocks dominating D, and so dominating
// every predecessor of D: the new edges keep the SSA property.
func Thread(f *lir.Func) error {
	if err := needSSA(f, "thread"); err != nil {
		return err
	}
	uses, dead := liveUses(f)
	if !hasCandidate(f, dead) {
		return nil
	}
	// The dead phis go first: one may read a threaded block's phi, which
	// no longer dominates it afterwards.
	removeInstrs(f, func(id lir.InstrID) bool {
		phi, ok := f.Instrs[id].(*lir.Phi)
		return ok && phi.Dst.Kind == lir.RegOperand && dead[phi.Dst.Index]
	})
	var dom *lir.DomTree
	changed := false
	for b := 1; b < len(f.Blocks); b++ {
		if dom == nil {
			dom = lir.Dominators(f)
		}
		if threadBlock(f, lir.BlockID(b), uses, dom) {
			f.ComputeEdges()
			dom, changed = nil, true
		}
	}
	if changed {
		cfg.RemoveUnreachable(f)
	}
	return nil
}

// threadBlock threads the predecessors of d it can; it reports whether
// it changed anything.
func threadBlock(f *lir.Func, d lir.BlockID, uses []int32, dom *lir.DomTree) bool {
	ids := f.Blocks[d].Instrs
	if len(ids) != 2 {
		return false
	}
	phi, ok := f.Instrs[ids[0]].(*lir.Phi)
	br, ok2 := f.Instrs[ids[1]].(*lir.Branch)
	if !ok || !ok2 || phi.Dst.Kind != lir.RegOperand || br.Cond != phi.Dst || uses[phi.Dst.Index] != 1 ||
		br.Then == br.Else || br.Then == d || br.Else == d {
		return false
	}
	for _, p := range f.Blocks[d].Preds {
		if dom.Dominates(d, p) {
			return false
		}
	}
	changed := false
	for _, e := range append([]lir.PhiEdge(nil), phi.Edges...) {
		p, v := e.Pred, e.Val
		term := f.Terminator(p)
		target := lir.BlockID(-1)
		if v.Kind == lir.IntOperand {
			target = br.Else
			if isTrue(v) {
				target = br.Then
			}
		} else if pb, ok := term.(*lir.Branch); ok && pb.Cond == v && pb.Then != pb.Else {
			switch d {
			case pb.Then:
				target = br.Then
			case pb.Else:
				target = br.Else
			}
		}
		switch {
		case target >= 0:
			if hasSucc(f, p, target) {
				continue
			}
			lir.ReplaceTarget(term, d, target)
			copyPhiEdges(f, target, d, p)
		case isJumpTo(term, d) && v.Kind == lir.RegOperand:
			last := len(f.Blocks[p].Instrs) - 1
			old := f.Blocks[p].Instrs[last]
			nid := f.NewInstr(&lir.Branch{Cond: v, Then: br.Then, Else: br.Else})
			if pos := f.InstrPos(ids[1]); pos.IsValid() {
				f.SetInstrPos(nid, pos)
			} else if pos := f.InstrPos(old); pos.IsValid() {
				f.SetInstrPos(nid, pos)
			}
			f.Blocks[p].Instrs[last] = nid
			copyPhiEdges(f, br.Then, d, p)
			copyPhiEdges(f, br.Else, d, p)
		default:
			continue
		}
		f.RemovePhiEdge(d, p)
		changed = true
	}
	return changed
}

// hasCandidate reports whether some block has the shape Thread looks
// for once the dead phis are gone: a phi and a branch on it. (An
// inlined function returning a bool leaves dead phis beside the one
// the caller branches on: of the registers holding its callees'
// arguments.)
func hasCandidate(f *lir.Func, dead []bool) bool {
	for b := range f.Blocks {
		var phi *lir.Phi
		var br *lir.Branch
		n := 0
		for _, id := range f.Blocks[b].Instrs {
			switch in := f.Instrs[id].(type) {
			case *lir.Phi:
				if in.Dst.Kind == lir.RegOperand && dead[in.Dst.Index] {
					continue
				}
				phi = in
			case *lir.Branch:
				br = in
			}
			if n++; n > 2 {
				break
			}
		}
		if n == 2 && phi != nil && br != nil && br.Cond == phi.Dst {
			return true
		}
	}
	return false
}

// liveUses counts the readers of each register, leaving out the dead
// phis: those whose value nothing but dead phis reads (semi-pruned SSA
// puts a phi for the && temporary at the loop header, which DCE removes
// only later). It also returns which phi results are dead.
func liveUses(f *lir.Func) (uses []int32, dead []bool) {
	uses = make([]int32, len(f.Values))
	phiOf := make([]*lir.Phi, len(f.Values))
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if phi, ok := f.Instrs[id].(*lir.Phi); ok && phi.Dst.Kind == lir.RegOperand {
				phiOf[phi.Dst.Index] = phi
			}
		}
	}
	live := make([]bool, len(f.Values))
	var work []*lir.Phi
	use := func(o lir.Operand) {
		if o.Kind != lir.RegOperand {
			return
		}
		uses[o.Index]++
		if p := phiOf[o.Index]; p != nil && !live[o.Index] {
			live[o.Index] = true
			work = append(work, p)
		}
	}
	var rands []*lir.Operand
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if _, ok := in.(*lir.Phi); ok {
				continue
			}
			rands = in.Operands(rands[:0])
			for _, o := range rands {
				use(*o)
			}
		}
	}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for _, e := range p.Edges {
			use(e.Val)
		}
	}
	dead = make([]bool, len(f.Values))
	for v, p := range phiOf {
		dead[v] = p != nil && !live[v]
	}
	return uses, dead
}

func hasSucc(f *lir.Func, b, s lir.BlockID) bool {
	for _, x := range f.Blocks[b].Succs {
		if x == s {
			return true
		}
	}
	return false
}

func isJumpTo(in lir.Instr, b lir.BlockID) bool {
	j, ok := in.(*lir.Jump)
	return ok && j.Target == b
}

// copyPhiEdges gives the phis at the top of b an edge from pred with the
// value they take from from.
func copyPhiEdges(f *lir.Func, b, from, pred lir.BlockID) {
	for _, id := range f.Blocks[b].Instrs {
		phi, ok := f.Instrs[id].(*lir.Phi)
		if !ok {
			break
		}
		for _, e := range phi.Edges {
			if e.Pred == from {
				phi.Edges = append(phi.Edges, lir.PhiEdge{Pred: pred, Val: e.Val})
				break
			}
		}
	}
}
