package regalloc

import (
	"container/heap"
	"fmt"
	"slices"
)

// walk assigns registers of class c to the intervals of that class in
// order of their start (Wimmer and Mössenböck, LinearScan). At each
// interval's start, the intervals holding registers are sorted into
// active (live here) and inactive (in a lifetime hole here); fixed
// intervals are inactive from the beginning. An interval gets a free
// register if one is free long enough, or else the register used
// farthest away, whose holders are split and spilled.
func (a *allocator) walk(c Class) error {
	a.unhandled = a.unhandled[:0]
	a.active = a.active[:0]
	a.inactive = a.inactive[:0]
	a.homeLoopValues(c)
	for _, it := range a.vint {
		if it != nil && it.class == c {
			a.unhandled = append(a.unhandled, it)
			a.unhandled = append(a.unhandled, it.children...)
		}
	}
	heap.Init(&a.unhandled)
	for _, r := range a.alloc[c] {
		if fx := a.fixed[r]; len(fx.ranges) > 0 {
			a.inactive = append(a.inactive, fx)
		}
	}
	if a.free == nil {
		a.free = make([]int, len(a.t.Regs))
		a.use = make([]int, len(a.t.Regs))
	}
	for a.unhandled.Len() > 0 {
		cur := heap.Pop(&a.unhandled).(*interval)
		a.advance(cur.start())
		if cur.forceMem {
			if err := a.spillUntilUse(cur, cur.nextUse(cur.start())); err != nil {
				return err
			}
			continue
		}
		if !a.tryAllocateFreeReg(cur) {
			if err := a.allocateBlockedReg(cur); err != nil {
				return err
			}
		}
		if cur.reg >= 0 {
			a.active = append(a.active, cur)
		}
	}
	return nil
}

// advance moves intervals between active, inactive and handled for
// position pos.
func (a *allocator) advance(pos int) {
	var back []*interval // active intervals entering a hole
	a.active = slices.DeleteFunc(a.active, func(it *interval) bool {
		if it.end() <= pos {
			return true
		}
		if !it.covers(pos) {
			back = append(back, it)
			return true
		}
		return false
	})
	a.inactive = slices.DeleteFunc(a.inactive, func(it *interval) bool {
		if it.end() <= pos {
			return true
		}
		if it.covers(pos) {
			a.active = append(a.active, it)
			return true
		}
		return false
	})
	a.inactive = append(a.inactive, back...)
}

// tryAllocateFreeReg gives cur a register that no other interval needs
// for all of cur, preferring cur's hint; failing that, the register free
// longest, with cur split where that register is needed again. It
// reports false if every register is taken at cur's start.
func (a *allocator) tryAllocateFreeReg(cur *interval) bool {
	regs := a.alloc[cur.class]
	for _, r := range regs {
		a.free[r] = maxPos
	}
	for _, it := range a.active {
		a.free[it.reg] = 0
	}
	for _, it := range a.inactive {
		if p := it.nextIntersection(cur); p >= 0 {
			a.free[it.reg] = min(a.free[it.reg], p)
		}
	}
	end := cur.end()
	if h := a.hintReg(cur); h >= 0 && a.free[h] >= end {
		if a.t.Regs[h].CalleeSaved && a.callerSavedFirst(cur) {
			return true
		}
		cur.reg = h
		return true
	}
	reg := regs[0]
	for _, r := range regs[1:] {
		if a.free[r] > a.free[reg] {
			reg = r
		}
	}
	if a.free[reg] >= end {
		if a.t.Regs[reg].CalleeSaved && a.callerSavedFirst(cur) {
			return true
		}
		cur.reg = reg
		return true
	}
	// A register that is taken again before cur's first use would only
	// hold cur where it does not need one; leave cur to
	// allocateBlockedReg, which keeps it in memory until that use.
	if a.free[reg] <= cur.nextUse(cur.start()) {
		return false
	}
	// The register is free for the first part of cur only. Splitting
	// happens at an odd position, where the move goes.
	limit := oddAtOrBefore(a.free[reg])
	if limit <= cur.start() {
		return false
	}
	cur.reg = reg
	a.push(a.split(cur, a.optimalSplitPos(cur.start()+1, limit)))
	return true
}

// hintReg returns the register cur would like, or -1.
func (a *allocator) hintReg(cur *interval) int {
	if r := cur.hintReg; r >= 0 && r < len(a.t.Regs) && slices.Contains(a.alloc[cur.class], r) {
		return r
	}
	if h := cur.hint; h != nil && h.class == cur.class {
		if p := h.root.partAt(cur.start()); p.reg >= 0 {
			return p.reg
		}
	}
	return -1
}

// allocateBlockedReg handles cur when no register is free at its start
// (Wimmer and Mössenböck, allocateBlockedReg). It finds the register
// whose next use by another value is farthest away. If that is before
// cur's own first use, cur goes to memory until shortly before that
// use; otherwise cur takes the register and the values holding it are
// split and spilled. A fixed interval that needs the register later
// splits cur before that.
func (a *allocator) allocateBlockedReg(cur *interval) error {
	regs := a.alloc[cur.class]
	block := a.free // reused: the position where each register is blocked by a fixed interval
	for _, r := range regs {
		a.use[r], block[r] = maxPos, maxPos
	}
	pos := cur.start()
	for _, it := range a.active {
		if it.fixed {
			a.use[it.reg], block[it.reg] = 0, 0
		} else {
			a.use[it.reg] = min(a.use[it.reg], it.nextUse(pos))
		}
	}
	for _, it := range a.inactive {
		p := it.nextIntersection(cur)
		if p < 0 {
			continue
		}
		if it.fixed {
			block[it.reg] = min(block[it.reg], p)
			a.use[it.reg] = min(a.use[it.reg], p)
		} else {
			a.use[it.reg] = min(a.use[it.reg], it.nextUse(pos))
		}
	}
	reg := regs[0]
	for _, r := range regs[1:] {
		if a.use[r] > a.use[reg] {
			reg = r
		}
	}
	first := cur.nextUse(pos)
	if a.use[reg] < first {
		return a.spillUntilUse(cur, first)
	}
	if block[reg] <= pos {
		return a.noRegister(cur)
	}
	cur.reg = reg
	if block[reg] < cur.end() {
		limit := oddAtOrBefore(block[reg])
		if limit <= pos {
			return a.noRegister(cur)
		}
		a.push(a.split(cur, a.optimalSplitPos(pos+1, limit)))
	}
	return a.evict(cur)
}

// spillUntilUse puts cur in memory up to its first use, first, where
// it needs a register again.
func (a *allocator) spillUntilUse(cur *interval, first int) error {
	pos := cur.start()
	if first <= pos+1 {
		return a.noRegister(cur)
	}
	a.spill(cur)
	if first < maxPos {
		a.push(a.split(cur, a.optimalSplitPos(pos+1, first-1)))
	}
	return nil
}

// evict takes cur's register away from the other values that hold it
// where cur is live: they are split at cur's start and continue in
// memory until their next use.
func (a *allocator) evict(cur *interval) error {
	var err error
	pos := cur.start()
	a.active = slices.DeleteFunc(a.active, func(it *interval) bool {
		if it.fixed || it.reg != cur.reg {
			return false
		}
		if e := a.splitAndSpill(it, pos); e != nil {
			err = e
		}
		return true
	})
	a.inactive = slices.DeleteFunc(a.inactive, func(it *interval) bool {
		if it.fixed || it.reg != cur.reg || it.nextIntersection(cur) < 0 {
			return false
		}
		if e := a.splitAndSpill(it, pos); e != nil {
			err = e
		}
		return true
	})
	return err
}

func (a *allocator) noRegister(cur *interval) error {
	return fmt.Errorf("regalloc: @%s: no %s register left for %%%d at position %d (an instruction needs more registers than the target has)",
		a.f.Name, className(cur.class), cur.value, cur.start())
}

func className(c Class) string {
	if c == FP {
		return "FP"
	}
	return "GP"
}

// push adds a split-off part to the intervals still to allocate.
func (a *allocator) push(it *interval) { heap.Push(&a.unhandled, it) }

// oddAtOrBefore returns the last odd position not after pos: a position
// between instructions, where a move can go.
func oddAtOrBefore(pos int) int {
	if pos%2 == 0 {
		return pos - 1
	}
	return pos
}

// An intervalHeap orders the unhandled intervals by start, ties by
// creation, so allocation is deterministic.
type intervalHeap []*interval

func (h intervalHeap) Len() int { return len(h) }
func (h intervalHeap) Less(i, j int) bool {
	si, sj := h[i].start(), h[j].start()
	return si < sj || si == sj && h[i].id < h[j].id
}
func (h intervalHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *intervalHeap) Push(x any)   { *h = append(*h, x.(*interval)) }
func (h *intervalHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
