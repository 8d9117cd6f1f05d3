package regalloc

import "github.com/naturekit/naturekit/lir"

// Values live across a call need a callee-saved register, which the
// function must save before its first write and restore before it
// returns. If the value is also live on a path that returns without a
// call (the base case of a recursion, an early exit), keeping it in the
// callee-saved register there makes that path pay for the save too,
// although nothing on it needs the register. Back ends that place the
// saves only where they are needed (shrink-wrapping) profit when the
// value lives in a caller-saved register up to the call and moves to
// the callee-saved one before it: one move on the calling path instead
// of the saves on the quick one. This is the allocator's side of
// shrink-wrapping, like LLVM's reluctance to use a callee-saved
// register for the first time ("CSR cost") where a split avoids it.

// maxQuickScan bounds how many blocks quickExitEnd looks at per
// interval, keeping the walk near-linear on huge functions.
const maxQuickScan = 64

// computeQuickExits marks the blocks from whose start a return can be
// reached without executing a call.
func (a *allocator) computeQuickExits() {
	f := a.f
	a.quickExit = make([]bool, len(f.Blocks))
	hasCall := make([]bool, len(f.Blocks))
	var work []lir.BlockID
	for b, blk := range f.Blocks {
		for _, id := range blk.Instrs {
			if _, ok := f.Instrs[id].(*lir.Call); ok {
				hasCall[b] = true
				break
			}
		}
		if hasCall[b] || len(blk.Instrs) == 0 {
			continue
		}
		if _, ok := f.Instrs[blk.Instrs[len(blk.Instrs)-1]].(*lir.Return); ok {
			a.quickExit[b] = true
			work = append(work, lir.BlockID(b))
		}
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		for _, p := range f.Blocks[b].Preds {
			if !a.quickExit[p] && !hasCall[p] {
				a.quickExit[p] = true
				work = append(work, p)
			}
		}
	}
}

// quickExitEnd returns the last position before end at which cur is
// live in a quick-exit block outside loops, or -1 if there is none.
// (In a loop, a block that can reach a return without a call is
// usually also reached after one; the quick paths worth keeping
// frameless are those outside loops.) It returns maxPos when it cannot
// tell cheaply (cur spans too many blocks).
func (a *allocator) quickExitEnd(cur *interval, end int) int {
	last := -1
	n := 0
	for i := a.index[a.blockOf(cur.start())]; i < len(a.order); i++ {
		b := a.order[i]
		if a.from[b] >= end {
			break
		}
		if n++; n > maxQuickScan {
			return maxPos
		}
		if !a.quickExit[b] || a.depth[b] > 0 {
			continue
		}
		// The last range of cur that overlaps [from, to) of b. If cur
		// is live out of b, its last instruction counts: the split may
		// then go on b's outgoing edges.
		k := cur.find(a.to[b] - 1)
		if k < len(cur.ranges) && cur.ranges[k].from < a.to[b] {
			last = a.to[b] - 2
		} else if k > 0 && cur.ranges[k-1].to > a.from[b] {
			last = cur.ranges[k-1].to - 1
		}
	}
	return min(last, end-1)
}

// quickTail returns the index of the first range of cur after a
// lifetime hole that starts a quick-exit block outside loops, or
// len(cur.ranges). Such a block comes after the rest of cur in the
// block order but is entered from before it, as the base case is in
// "br n >= 2, recurse, base".
func (a *allocator) quickTail(cur *interval) int {
	for i := 1; i < len(cur.ranges) && i <= maxQuickScan; i++ {
		from := cur.ranges[i].from
		if b := a.blockOf(from); from == a.from[b] && a.quickExit[b] && a.depth[b] == 0 {
			return i
		}
	}
	return len(cur.ranges)
}

// callerSavedFirst is tried when the register chosen for all of cur is
// callee-saved. If cur is live in a quick-exit block and a caller-saved
// register is free through the last such position, cur takes that
// register up to a split before it is needed again (typically at a
// call), and the rest of cur is allocated later, usually to the
// callee-saved register. A part of cur in a quick-exit block that
// comes after the calls in the block order (quickTail) is split off at
// its lifetime hole and allocated on its own, which gives it a
// caller-saved register too. It reports whether it assigned a register.
func (a *allocator) callerSavedFirst(cur *interval) bool {
	tail := a.quickTail(cur)
	end := cur.end()
	if tail < len(cur.ranges) {
		end = cur.ranges[tail-1].to
	}
	q := a.quickExitEnd(cur, end)
	if q < cur.start() || q == maxPos {
		return false
	}
	reg := -1
	if h := a.hintReg(cur); h >= 0 && !a.t.Regs[h].CalleeSaved && a.free[h] > q {
		reg = h
	}
	if reg < 0 {
		for _, r := range a.alloc[cur.class] {
			if !a.t.Regs[r].CalleeSaved && a.free[r] > q && (reg < 0 || a.free[r] > a.free[reg]) {
				reg = r
			}
		}
	}
	if reg < 0 {
		return false
	}
	s := -1 // where the caller-saved part ends, if before end
	if a.free[reg] < end {
		limit := oddAtOrBefore(a.free[reg])
		if limit <= q || limit <= cur.start() {
			return false
		}
		// The move to the callee-saved register is on the calling path
		// anyway: made as early as possible, it frees the caller-saved
		// register for the values computed before the call (its
		// arguments), unless that would put it in a deeper loop.
		s = a.optimalSplitPos(q+1, limit)
		if early := q + 1 + q%2; early < s && a.depth[a.blockOf(early)] <= a.depth[a.blockOf(s)] {
			s = early
		}
		// A quick exit is taken at most once per call of the function;
		// a move in a loop would be paid on every iteration (and a loop
		// around the split would need a move back on its back edge).
		if a.depth[a.blockOf(s)] > 0 {
			return false
		}
	}
	if tail < len(cur.ranges) {
		// The tail is entered from the quick part, where cur is in reg.
		t := a.split(cur, cur.ranges[tail].from-1) // in the hole: no move
		t.hintReg = reg
		a.push(t)
	}
	cur.reg = reg
	if s >= 0 {
		a.push(a.split(cur, s))
	}
	return true
}
