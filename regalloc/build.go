package regalloc

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// buildIntervals constructs the intervals in one backward pass over the
// blocks (Wimmer and Franz, BuildIntervals): a value live out of a block
// covers the whole block until a definition shortens it; a use extends
// its value back to the block start until the definition is met. Phi
// results are defined at the start of their block, parameters at the
// start of the entry. Physical-register operands and the registers calls
// destroy become ranges of the fixed intervals.
func (a *allocator) buildIntervals() error {
	f := a.f
	a.vint = make([]*interval, len(f.Values))
	a.fixed = make([]*interval, len(a.t.Regs))
	for c := range NumClasses {
		for _, r := range a.alloc[c] {
			a.nextID++
			a.fixed[r] = &interval{id: a.nextID, value: -1, class: Class(c), fixed: true, reg: r, hintReg: -1, slot: -1}
			a.fixed[r].root = a.fixed[r]
		}
	}
	live := newValueSet(len(f.Values))
	physEnd := make([]int, len(a.t.Regs)) // per register: where its current fixed range ends, or -1
	var clobbers []int
	for i := len(a.order) - 1; i >= 0; i-- {
		b := a.order[i]
		a.liveOut(b, live)
		for _, v := range live.items {
			a.interval(v).addRange(a.from[b], a.to[b])
		}
		for r := range physEnd {
			physEnd[r] = -1
		}
		for p := a.to[b] - 2; p > a.from[b]; p -= 2 {
			in := f.Instrs[a.code[p/2]]
			a.output(in, p, live, physEnd)
			clobbers = a.clobbered(in, clobbers[:0])
			for _, r := range clobbers {
				if fx := a.fixed[r]; fx != nil {
					fx.addRange(p, p+1)
				}
			}
			a.inputs(in, p, b, live, physEnd)
			a.hints(in)
		}
		for _, id := range f.Blocks[b].Instrs {
			phi, ok := f.Instrs[id].(*lir.Phi)
			if !ok {
				break
			}
			a.phiHints(phi)
			if live.has(phi.Dst.Value()) {
				live.remove(phi.Dst.Value())
				a.interval(phi.Dst.Value()).setFrom(a.from[b])
			}
		}
		for r, end := range physEnd {
			if end < 0 {
				continue
			}
			if i > 0 {
				return fmt.Errorf("regalloc: @%s: physical register $%d is live into block %s; lowering must keep physical registers within a block", f.Name, r, f.BlockName(b))
			}
			a.fixed[r].addRange(a.from[b], end)
		}
	}
	for v, it := range a.vint {
		if it == nil {
			continue
		}
		if len(it.ranges) == 0 { // a phi nobody reads: no moves, no location
			a.vint[v] = nil
			continue
		}
		it.reverseBuilt()
	}
	for _, it := range a.fixed {
		if it != nil {
			it.reverseBuilt()
		}
	}
	return nil
}

// liveOut sets live to the values live on exit from b: those live into
// a successor, and the operands the successors' phis take from b.
func (a *allocator) liveOut(b lir.BlockID, live *valueSet) {
	f := a.f
	live.clear()
	for _, s := range f.Blocks[b].Succs {
		for _, v := range a.liveIn[s] {
			live.add(v)
		}
		for _, id := range f.Blocks[s].Instrs {
			phi, ok := f.Instrs[id].(*lir.Phi)
			if !ok {
				break
			}
			for _, e := range phi.Edges {
				if e.Pred == b && e.Val.Kind == lir.RegOperand {
					live.add(e.Val.Value())
				}
			}
		}
	}
}

// interval returns the interval of value v, creating it.
func (a *allocator) interval(v lir.Value) *interval {
	if it := a.vint[v]; it != nil {
		return it
	}
	a.nextID++
	t := a.f.Values[v].Type
	it := &interval{id: a.nextID, value: v, typ: t, class: ClassOf(t), reg: -1, slot: -1, hintReg: -1}
	it.root = it
	a.vint[v] = it
	return it
}

// output handles the destination of the instruction at p: a value's
// interval starts there (or, if it is never read, lives just there); a
// physical register's fixed range runs from p to its last read.
func (a *allocator) output(in lir.Instr, p int, live *valueSet, physEnd []int) {
	d := in.Dest()
	if d == nil {
		return
	}
	switch d.Kind {
	case lir.RegOperand:
		it := a.interval(d.Value())
		if live.has(d.Value()) {
			it.setFrom(p)
			live.remove(d.Value())
		} else {
			it.addRange(p, p+1)
		}
		it.addUse(p)
	case lir.PhysOperand:
		r := int(d.Index)
		if !a.hasFixed(r) {
			return
		}
		end := physEnd[r]
		if end < 0 {
			end = p + 1
		}
		a.fixed[r].addRange(p, end)
		physEnd[r] = -1
	}
}

// inputs handles the operands the instruction at p reads.
func (a *allocator) inputs(in lir.Instr, p int, b lir.BlockID, live *valueSet, physEnd []int) {
	a.rands = in.Operands(a.rands[:0])
	for _, o := range a.rands {
		switch o.Kind {
		case lir.RegOperand:
			it := a.interval(o.Value())
			if !live.has(o.Value()) {
				live.add(o.Value())
				it.addRange(a.from[b], p)
			}
			it.addUse(p)
		case lir.PhysOperand:
			// Only allocatable registers have fixed intervals. Others
			// (a stack or frame pointer) never hold a value, so reading
			// them constrains nothing, wherever they are live.
			if r := int(o.Index); a.hasFixed(r) && physEnd[r] < 0 {
				physEnd[r] = p
			}
		}
	}
}

// hasFixed reports whether register r has a fixed interval: whether it
// is allocatable.
func (a *allocator) hasFixed(r int) bool { return r >= 0 && r < len(a.fixed) && a.fixed[r] != nil }

// clobbered appends the registers the instruction destroys besides its
// destination: every caller-saved register at a call, and what the
// Target's Clobbers reports.
func (a *allocator) clobbered(in lir.Instr, dst []int) []int {
	if _, ok := in.(*lir.Call); ok {
		dst = append(dst, a.t.CallerSaved...)
	}
	if a.t.Clobbers != nil {
		dst = a.t.Clobbers(in, dst)
	}
	return dst
}

// hints records the register preferences a copy implies: both sides of
// a copy in one register make the copy disappear.
func (a *allocator) hints(in lir.Instr) {
	u, ok := in.(*lir.Unary)
	if !ok || u.Opcode != lir.OpCopy {
		return
	}
	d, x := u.Dst, u.X
	switch {
	case d.Kind == lir.RegOperand && x.Kind == lir.RegOperand:
		a.interval(d.Value()).hint = a.interval(x.Value())
	case d.Kind == lir.RegOperand && x.Kind == lir.PhysOperand:
		a.interval(d.Value()).hintReg = int(x.Index)
	case d.Kind == lir.PhysOperand && x.Kind == lir.RegOperand:
		if it := a.interval(x.Value()); it.hintReg < 0 {
			it.hintReg = int(d.Index)
		}
	}
}

// phiHints makes a phi prefer the register of its first operand, and
// operands defined later (around a loop) prefer the phi's register.
func (a *allocator) phiHints(phi *lir.Phi) {
	d := a.interval(phi.Dst.Value())
	for _, e := range phi.Edges {
		if e.Val.Kind != lir.RegOperand {
			continue
		}
		x := a.interval(e.Val.Value())
		if d.hint == nil {
			d.hint = x
		} else if x.hint == nil {
			x.hint = d
		}
	}
}

// A valueSet is a sparse set of values (Briggs and Torczon): clearing
// and iterating cost the number of members, not the number of values.
type valueSet struct {
	items []lir.Value
	index []int32
}

func newValueSet(n int) *valueSet { return &valueSet{index: make([]int32, n)} }

func (s *valueSet) has(v lir.Value) bool {
	i := s.index[v]
	return int(i) < len(s.items) && s.items[i] == v
}

func (s *valueSet) add(v lir.Value) {
	if !s.has(v) {
		s.index[v] = int32(len(s.items))
		s.items = append(s.items, v)
	}
}

func (s *valueSet) remove(v lir.Value) {
	if !s.has(v) {
		return
	}
	i := s.index[v]
	last := s.items[len(s.items)-1]
	s.items[i] = last
	s.index[last] = i
	s.items = s.items[:len(s.items)-1]
}

func (s *valueSet) clear() { s.items = s.items[:0] }
