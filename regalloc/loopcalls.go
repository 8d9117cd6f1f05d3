package regalloc

import (
	"slices"

	"github.com/naturekit/naturekit/lir"
)

// Calls in loops. A value live across a call needs a callee-saved
// register or memory. When more values are live across a call in a loop
// than the class has callee-saved registers, the walk alone decides
// badly: it meets the values in order of their start, gives the
// callee-saved registers to the first (usually loop invariants defined
// before the loop) and, at the call, splits and spills whichever holder
// it meets there, inside the loop. A value live around the loop and
// spilled inside it is then stored and reloaded on every iteration, on
// the paths without the call too (resolution moves on every edge into
// the part after the split).
//
// homeLoopValues decides before the walk instead: at each call in a
// loop with too many values live across it, the values with the fewest
// uses in the loop (weighted by loop depth; among equal ones, those
// first used farthest from the loop's start, which sit behind more
// branches) live in memory through the loop, their home: stored once
// on the edges into the loop, loaded into a register just before each
// use in the loop, and let go after it. Letting go costs nothing: the
// value's spill slot holds it everywhere in the loop (the loop is
// entered only through its header, where the value is in memory, and
// only this value is ever stored in the slot), so the moves from a
// register back to the slot inside the loop are dropped (homeStore).
// Only loop invariants can live there: values defined before the loop
// and live into its header.

// Bounds that keep the pre-pass near-linear on huge functions: at most
// maxLoopCalls calls looked at, fewer where each call times the values
// of the function exceeds maxLoopWork, and no pre-pass at all in a
// function of more than maxLoops loops (each loop's body is a slice
// over all blocks).
const (
	maxLoopCalls = 64
	maxLoopWork  = 1 << 20
	maxLoops     = 64
)

// A loop is a natural loop: its header and the blocks of its body.
type loop struct {
	header lir.BlockID
	body   []bool // per block
	size   int
}

// loops returns the natural loops with a single entry (their header),
// one per header, the bodies of back edges sharing a header merged.
func (a *allocator) loops() []*loop {
	f := a.f
	byHeader := map[lir.BlockID]*loop{}
	var out []*loop
	var work []lir.BlockID
	for _, e := range a.backEdges {
		p, h := e[0], e[1]
		l := byHeader[h]
		if l == nil {
			l = &loop{header: h, body: make([]bool, len(f.Blocks))}
			l.body[h] = true
			l.size = 1
			byHeader[h] = l
			out = append(out, l)
		}
		work = append(work[:0], p)
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			if l.body[b] {
				continue
			}
			l.body[b] = true
			l.size++
			work = append(work, f.Blocks[b].Preds...)
		}
	}
	// Keep the loops entered only through their header (all of them in
	// a reducible graph): the argument of homeStore needs it.
	return slices.DeleteFunc(out, func(l *loop) bool {
		for b, in := range l.body {
			if !in || lir.BlockID(b) == l.header {
				continue
			}
			for _, p := range f.Blocks[b].Preds {
				if !l.body[p] {
					return true
				}
			}
		}
		return false
	})
}

// homeLoopValues is the pre-pass of the walk for class c (see above):
// it splits each value it sends home at the loop's entry and around its
// uses in the loop, and marks the parts that stay in memory.
func (a *allocator) homeLoopValues(c Class) {
	k := 0
	for _, r := range a.alloc[c] {
		if a.t.Regs[r].CalleeSaved {
			k++
		}
	}
	if k == 0 || len(a.backEdges) == 0 || len(a.backEdges) > maxLoops {
		return // no callee-saved register to compete for, no loop, or too many
	}
	limit := min(maxLoopCalls, maxLoopWork/max(len(a.vint), 1))
	var calls []int
	for i, id := range a.code {
		if len(calls) >= limit {
			break
		}
		if id < 0 || a.depth[a.blockAt[i]] == 0 {
			continue
		}
		if _, ok := a.f.Instrs[id].(*lir.Call); ok {
			calls = append(calls, 2*i)
		}
	}
	if len(calls) == 0 {
		return
	}
	loops := a.loops()
	// Outer loops first: a value is sent home through the outermost
	// loop around the call it is invariant in.
	slices.SortStableFunc(loops, func(x, y *loop) int { return y.size - x.size })
	type candidate struct {
		it     *interval
		l      *loop
		weight int
		first  int
	}
	var live []*interval
	var cands []candidate
	for _, p := range calls {
		b := a.blockOf(p)
		live, cands = live[:0], cands[:0]
		for _, it := range a.vint {
			if it == nil || it.class != c || it.home != nil || it.start() >= p || it.end() <= p+1 || !it.covers(p+1) {
				continue
			}
			live = append(live, it)
		}
		if len(live) <= k {
			continue
		}
		for _, it := range live {
			for _, l := range loops {
				h := a.from[l.header]
				if !l.body[b] || it.start() >= h || !it.covers(h) {
					continue
				}
				cd := candidate{it: it, l: l, first: -1}
				for _, u := range it.uses {
					if ub := a.blockOf(u); u > h && l.body[ub] {
						cd.weight += 1 << (2 * min(a.depth[ub], 8))
						if cd.first < 0 {
							cd.first = u
						}
					}
				}
				cands = append(cands, cd)
				break
			}
		}
		slices.SortStableFunc(cands, func(x, y candidate) int {
			if x.weight != y.weight {
				return x.weight - y.weight
			}
			return y.first - x.first
		})
		// A value not used in the loop is left to the walk, which
		// spills it before the loop by itself (its next use is the
		// farthest), but it counts as one of those in memory.
		for _, cd := range cands[:min(len(cands), len(live)-k)] {
			if cd.weight > 0 {
				a.sendHome(cd.it, cd.l)
			}
		}
	}
}

// sendHome splits it, a value live into l's header and defined before
// it, so that it is in memory from the loop's entry on, except in short
// parts around its uses in the loop.
func (a *allocator) sendHome(it *interval, l *loop) {
	it.home = l.body
	cur := a.split(it, a.from[l.header]-1)
	cur.forceMem = true
	for len(cur.uses) > 0 {
		u := cur.uses[0]
		if !l.body[a.blockOf(u)] {
			break
		}
		reg := cur
		if u-1 > cur.start() {
			reg = a.split(cur, u-1)
		}
		reg.forceMem = false
		// Uses of adjacent instructions share the register part, so
		// that every part left in memory reaches a later use.
		last := u
		for _, v := range reg.uses {
			if v > last && v <= last+2 {
				last = v
			}
		}
		if last+1 >= reg.end() {
			return
		}
		cur = a.split(reg, last+1)
		cur.forceMem = true
	}
}

// homeStore reports whether the move m of it's value, placed in block
// b, stores a register into the spill slot where the slot already holds
// the value (see above): such a move is left out.
func homeStore(it *interval, m move, b lir.BlockID) bool {
	home := it.root.home
	return home != nil && home[b] && m.src.kind == inReg && m.dst.kind == inSlot
}
