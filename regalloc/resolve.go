package regalloc

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// edgeMoves holds the parallel moves data-flow resolution places at the
// start and at the end (before the terminator) of each block.
type edgeMoves struct {
	atStart, atEnd [][]move
}

// resolve computes the moves on every control-flow edge (Wimmer and
// Franz, resolveDataFlow): a value live across the edge whose location
// differs at the two ends is moved, and each phi of the successor gets
// its operand for the edge moved into its location, which is how phis
// disappear. With critical edges split, an edge either leaves a block
// with one successor, and the moves go before its jump, or enters a
// block with one predecessor, and they go at its top.
func (a *allocator) resolve() (*edgeMoves, error) {
	f := a.f
	em := &edgeMoves{atStart: make([][]move, len(f.Blocks)), atEnd: make([][]move, len(f.Blocks))}
	for _, b := range a.order {
		for _, s := range f.Blocks[b].Succs {
			moves := a.edge(b, s)
			switch {
			case len(moves) == 0:
			case len(f.Blocks[b].Succs) == 1:
				em.atEnd[b] = moves
			case len(f.Blocks[s].Preds) == 1:
				em.atStart[s] = moves
			default:
				return nil, fmt.Errorf("regalloc: @%s: critical edge %s -> %s (run cfg.SplitCriticalEdges)", f.Name, f.BlockName(b), f.BlockName(s))
			}
		}
	}
	return em, nil
}

// edge returns the moves for the edge b->s.
func (a *allocator) edge(b, s lir.BlockID) []move {
	f := a.f
	var moves []move
	end, start := a.to[b]-2, a.from[s] // b's terminator; s's start
	at := s                            // the block the moves go to (see resolve)
	if len(f.Blocks[b].Succs) == 1 {
		at = b
	}
	for _, v := range a.liveIn[s] {
		it := a.vint[v]
		if src, dst := where(it.partAt(end)), where(it.partAt(start)); src != dst {
			if m := (move{dst: dst, src: src, typ: it.typ}); !homeStore(it, m, at) {
				moves = append(moves, m)
			}
		}
	}
	for _, id := range f.Blocks[s].Instrs {
		phi, ok := f.Instrs[id].(*lir.Phi)
		if !ok {
			break
		}
		d := a.vint[phi.Dst.Value()]
		if d == nil {
			continue // nobody reads the phi
		}
		m := move{dst: where(d.partAt(start)), typ: d.typ}
		for _, e := range phi.Edges {
			if e.Pred != b {
				continue
			}
			if e.Val.Kind == lir.RegOperand {
				m.src = where(a.vint[e.Val.Value()].partAt(end))
			} else {
				m.src, m.op = loc{kind: fromOperand}, e.Val
			}
		}
		if m.src != m.dst {
			moves = append(moves, m)
		}
	}
	return moves
}

// paramMoves returns the moves that bring the parameters from the
// function's virtual parameter registers (the only virtual registers
// allocated code reads) to their locations.
func (a *allocator) paramMoves() []move {
	var moves []move
	for _, p := range a.f.Params {
		it := a.vint[p]
		if it == nil {
			continue
		}
		moves = append(moves, move{dst: where(it.partAt(a.from[0])), src: loc{kind: fromOperand}, op: a.f.Reg(p), typ: it.typ})
	}
	return moves
}

// splitMoves returns the moves between consecutive parts of a split
// interval, keyed by the odd position where they happen, for splits in
// the middle of a block; splits at block boundaries are resolved on the
// edges.
func (a *allocator) splitMoves() map[int][]move {
	moves := map[int][]move{}
	for _, root := range a.vint {
		if root == nil {
			continue
		}
		prev := root
		for _, part := range root.children {
			if s := part.start(); s == prev.end() && s%2 == 1 && a.inBlock(s) {
				if src, dst := where(prev), where(part); src != dst {
					if m := (move{dst: dst, src: src, typ: root.typ}); !homeStore(root, m, a.blockOf(s)) {
						moves[s] = append(moves[s], m)
					}
				}
			}
			prev = part
		}
	}
	return moves
}
