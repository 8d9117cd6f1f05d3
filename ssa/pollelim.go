package ssa

import "github.com/naturekit/naturekit/lir"

// PollBudget bounds the code PollElim lets run without a safepoint
// poll: a loop's most iterations times its instructions.
const PollBudget = 1 << 16

// PollElim removes the safepoint polls of innermost loops that run a
// small, constant number of iterations at most (mandelbrot's
// "for i < 50 && ...": a poll, a compare with memory and a branch, per
// iteration of a 50-iteration loop). A loop's poll is there so that a
// loop cannot keep the other coroutines and the collector waiting
// forever; one whose iterations are bounded by N is, for that purpose,
// straight-line code N times its body, and the poll of the code around
// it (the enclosing loop's back edge, the function's entry, the
// callee's entry for a call in the body) bounds the wait as it does for
// straight-line code.
//
// The bound is proved from the header: it ends in "br (cmp %i, C), T,
// E" with T in the loop and E outside, cmp one of slt, sle, ult, ule
// and C a constant; %i is a phi of the header whose value from outside
// the loop is a constant c0 (or a copy of one) and from every latch "add %i, s" with a
// constant s ≥ 1. Every iteration passes the header's test, and %i
// grows by at least 1 from one iteration to the next (c0 and C within
// ±2^29 and s ≤ 2^20 keep it from wrapping around in the compare's
// type, of 32 or 64 bits), so the loop runs at most C - c0 (+1 for sle
// and ule) times per entry. The loop is left alone when that
// many iterations times its instructions exceed PollBudget, or when it
// contains another loop (each iteration of which could then run a
// whole inner loop without a poll) or a cycle that avoids the header
// (irreducible control flow).
func PollElim(f *lir.Func) error {
	dom, headers, err := loopsOf(f, "pollelim")
	if err != nil || len(headers) == 0 {
		return err
	}
	isHeader := make([]bool, len(f.Blocks))
	for _, h := range headers {
		isHeader[h] = true
	}
	def := map[lir.Value]lir.Instr{}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if d := f.Instrs[id].Dest(); d != nil && d.Kind == lir.RegOperand {
				def[d.Value()] = f.Instrs[id]
			}
		}
	}
	inLoop := make([]bool, len(f.Blocks))
	for _, h := range headers {
		body := naturalLoop(f, dom, h, inLoop)
		if n := boundedTrips(f, h, inLoop, def); n > 0 && innermost(body, h, isHeader) && acyclicBelow(f, h, inLoop) {
			size := 0
			for _, b := range body {
				size += len(f.Blocks[b].Instrs)
			}
			if n*int64(size) <= PollBudget {
				for _, b := range body {
					ids := f.Blocks[b].Instrs
					kept := ids[:0]
					for _, id := range ids {
						if _, ok := f.Instrs[id].(*lir.Safepoint); !ok {
							kept = append(kept, id)
						}
					}
					f.Blocks[b].Instrs = kept
				}
			}
		}
		for _, b := range body {
			inLoop[b] = false
		}
	}
	return nil
}

// acyclicBelow reports whether the blocks of the loop headed by h (marked
// in inLoop) form no cycle that avoids h — none that an irreducible
// control flow could make without a header of its own — so that every
// iteration passes h's test.
func acyclicBelow(f *lir.Func, h lir.BlockID, inLoop []bool) bool {
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]uint8, len(f.Blocks))
	type frame struct {
		b    lir.BlockID
		next int
	}
	stack := []frame{{h, 0}}
	state[h] = onPath
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		succs := f.Blocks[top.b].Succs
		if top.next == len(succs) {
			state[top.b] = done
			stack = stack[:len(stack)-1]
			continue
		}
		s := succs[top.next]
		top.next++
		if s == h || !inLoop[s] {
			continue
		}
		switch state[s] {
		case onPath:
			return false
		case unseen:
			state[s] = onPath
			stack = append(stack, frame{s, 0})
		}
	}
	return true
}

// innermost reports whether the loop of body, headed by h, contains no
// other loop header.
func innermost(body []lir.BlockID, h lir.BlockID, isHeader []bool) bool {
	for _, b := range body {
		if b != h && isHeader[b] {
			return false
		}
	}
	return true
}

// boundedTrips returns the most iterations the loop headed by h (its
// blocks marked in inLoop) can run per entry, as PollElim proves it, or
// 0 when it proves no bound.
func boundedTrips(f *lir.Func, h lir.BlockID, inLoop []bool, def map[lir.Value]lir.Instr) int64 {
	br, ok := f.Terminator(h).(*lir.Branch)
	if !ok || br.Cond.Kind != lir.RegOperand || !inLoop[br.Then] || inLoop[br.Else] {
		return 0
	}
	cmp, ok := def[br.Cond.Value()].(*lir.Compare)
	if !ok || cmp.X.Kind != lir.RegOperand || cmp.Y.Kind != lir.IntOperand || !cmp.X.Type.IsInt() {
		return 0
	}
	phi, ok := def[cmp.X.Value()].(*lir.Phi)
	if !ok {
		return 0
	}
	var c0 int64
	seen := false
	for _, e := range phi.Edges {
		if !inLoop[e.Pred] {
			v := e.Val
			if c, ok := def[v.Value()].(*lir.Unary); ok && v.Kind == lir.RegOperand && c.Opcode == lir.OpCopy {
				v = c.X
			}
			if v.Kind != lir.IntOperand || seen && v.Imm != c0 {
				return 0
			}
			c0, seen = v.Imm, true
			continue
		}
		if e.Val.Kind != lir.RegOperand {
			return 0
		}
		add, ok := def[e.Val.Value()].(*lir.Binary)
		if !ok || add.Opcode != lir.OpAdd {
			return 0
		}
		x, s := add.X, add.Y
		if s.Kind == lir.RegOperand {
			x, s = s, x
		}
		if x.Kind != lir.RegOperand || x.Value() != phi.Dst.Value() || s.Kind != lir.IntOperand || s.Imm < 1 || s.Imm > 1<<20 {
			return 0
		}
	}
	if !seen || cmp.X.Type.Size() < 4 {
		return 0
	}
	// Start and limit as the compare sees them, both within ±2^29, so
	// that %i (at most the limit plus a step of at most 2^20) cannot wrap
	// around in 32 or 64 bits.
	t := cmp.X.Type
	var a, b int64
	switch cmp.Opcode {
	case lir.OpSLt, lir.OpSLe:
		a, b = lir.SignExtend(t, uint64(c0)), lir.SignExtend(t, uint64(cmp.Y.Imm))
	case lir.OpULt, lir.OpULe:
		ua, ub := lir.Truncate(t, uint64(c0)), lir.Truncate(t, uint64(cmp.Y.Imm))
		if ua > 1<<29 || ub > 1<<29 {
			return 0
		}
		a, b = int64(ua), int64(ub)
	default:
		return 0
	}
	const limit = 1 << 29
	if a < -limit || a > limit || b < -limit || b > limit {
		return 0
	}
	n := max(b-a, 0)
	if cmp.Opcode == lir.OpSLe || cmp.Opcode == lir.OpULe {
		n++
	}
	return max(n, 1)
}
