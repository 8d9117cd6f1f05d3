package lir

// RenumberBlocks moves block old to perm[old] and rewrites every block
// reference (labels, jumps, branches, phi edges) to match. A block with
// perm[old] < 0 is deleted; phi edges from it are dropped, and no
// remaining jump may target it. Preds and Succs are recomputed for block
// form.
func (f *Func) RenumberBlocks(perm []BlockID) {
	var placed []InstrID
	if f.Form == Linear {
		placed = f.Linear
	} else {
		for old, p := range perm {
			if p >= 0 {
				placed = append(placed, f.Blocks[old].Instrs...)
			}
		}
	}
	n := 0
	for _, p := range perm {
		if p >= 0 {
			n++
		}
	}
	blocks := make([]Block, n)
	for old, p := range perm {
		if p >= 0 {
			blocks[p] = f.Blocks[old]
		}
	}
	f.Blocks = blocks
	renumber := func(b BlockID) BlockID {
		if b < 0 || int(b) >= len(perm) {
			return b
		}
		return perm[b]
	}
	for _, id := range placed {
		switch in := f.Instrs[id].(type) {
		case *Label:
			in.Block = renumber(in.Block)
		case *Jump:
			in.Target = renumber(in.Target)
		case *Branch:
			in.Then, in.Else = renumber(in.Then), renumber(in.Else)
		case *Phi:
			edges := in.Edges[:0]
			for _, e := range in.Edges {
				if e.Pred = renumber(e.Pred); e.Pred >= 0 {
					edges = append(edges, e)
				}
			}
			in.Edges = edges
		}
	}
	if f.Form != Linear {
		f.ComputeEdges()
	}
}

// RemovePhiEdge drops the edges from pred of the phis at the top of b,
// for when the edge pred->b disappears.
func (f *Func) RemovePhiEdge(b, pred BlockID) {
	for _, id := range f.Blocks[b].Instrs {
		phi, ok := f.Instrs[id].(*Phi)
		if !ok {
			break
		}
		edges := phi.Edges[:0]
		for _, e := range phi.Edges {
			if e.Pred != pred {
				edges = append(edges, e)
			}
		}
		phi.Edges = edges
	}
}

// RedirectPhiEdges makes the phis at the top of b take from block new
// what they took from old, for when the edge old->b is rerouted through
// new.
func (f *Func) RedirectPhiEdges(b, old, new BlockID) {
	for _, id := range f.Blocks[b].Instrs {
		phi, ok := f.Instrs[id].(*Phi)
		if !ok {
			break
		}
		for k := range phi.Edges {
			if phi.Edges[k].Pred == old {
				phi.Edges[k].Pred = new
			}
		}
	}
}

// ReplaceUses rewrites every read of register v to o in the placed
// instructions. It scans the whole function; passes that replace many
// registers should collect a substitution and apply it once.
func (f *Func) ReplaceUses(v Value, o Operand) {
	var rands []*Operand
	for _, id := range f.Code() {
		rands = f.Instrs[id].Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == RegOperand && Value(r.Index) == v {
				*r = o
			}
		}
	}
}

// Code returns the IDs of the instructions in program order: the linear
// sequence, or the blocks one after the other.
func (f *Func) Code() []InstrID {
	if f.Form == Linear {
		return f.Linear
	}
	var ids []InstrID
	for _, b := range f.Blocks {
		ids = append(ids, b.Instrs...)
	}
	return ids
}

// Clone returns a deep copy of f.
func (f *Func) Clone() *Func {
	g := *f
	g.Params = append([]Value(nil), f.Params...)
	g.Values = append([]ValueInfo(nil), f.Values...)
	g.Slots = append([]Slot(nil), f.Slots...)
	g.Syms = append([]string(nil), f.Syms...)
	g.posIdx = append([]int32(nil), f.posIdx...)
	g.posTab = append([]Pos(nil), f.posTab...)
	if f.Linear != nil {
		g.Linear = append([]InstrID{}, f.Linear...)
	}
	g.Blocks = make([]Block, len(f.Blocks))
	for i, b := range f.Blocks {
		g.Blocks[i] = Block{
			Name:   b.Name,
			Instrs: append([]InstrID(nil), b.Instrs...),
			Preds:  append([]BlockID(nil), b.Preds...),
			Succs:  append([]BlockID(nil), b.Succs...),
		}
	}
	var sl slabs
	for _, in := range f.Instrs {
		sl.count(in)
	}
	sl.alloc()
	g.Instrs = make([]Instr, len(f.Instrs))
	for i, in := range f.Instrs {
		g.Instrs[i] = sl.copy(in)
	}
	return &g
}

// CloneInstr returns a copy of in that shares no memory with it.
func CloneInstr(in Instr) Instr {
	var s slabs
	s.count(in)
	s.alloc()
	return s.copy(in)
}

// Compact rebuilds the instruction table with only the placed
// instructions, numbered and laid out in memory in program order.
// Passes leave deleted instructions behind in the table and add new ones
// at its end; compacting afterwards keeps the table small and lets a walk
// over the code read memory in order, which matters for the cache on
// large functions. The payloads are copied into one array per payload
// type, which is also much cheaper than allocating them one by one.
func (f *Func) Compact() {
	code := f.Code()
	var s slabs
	for _, id := range code {
		s.count(f.Instrs[id])
	}
	s.alloc()
	instrs := make([]Instr, len(code))
	for i, id := range code {
		instrs[i] = s.copy(f.Instrs[id])
	}
	if len(f.posIdx) > 0 {
		idx := make([]int32, len(code))
		for i, id := range code {
			if int(id) < len(f.posIdx) {
				idx[i] = f.posIdx[id]
			}
		}
		f.posIdx = idx
	}
	if f.Form == Linear {
		for i := range f.Linear {
			f.Linear[i] = InstrID(i)
		}
	} else {
		n := 0
		for b := range f.Blocks {
			ids := f.Blocks[b].Instrs
			for i := range ids {
				ids[i] = InstrID(n)
				n++
			}
		}
	}
	f.Instrs = instrs
}

// slabs holds the arrays Compact copies payloads into. Counting first
// sizes each array exactly, so the pointers into it stay valid.
type slabs struct {
	binary  slab[Binary]
	unary   slab[Unary]
	compare slab[Compare]
	convert slab[Convert]
	load    slab[Load]
	store   slab[Store]
	addr    slab[Addr]
	call    slab[Call]
	phi     slab[Phi]
	jump    slab[Jump]
	branch  slab[Branch]
	ret     slab[Return]
	label   slab[Label]
	args    slab[Operand]
	edges   slab[PhiEdge]
}

// A slab is an array of n elements of one type, filled in order.
type slab[T any] struct {
	n int
	a []T
}

func (s *slab[T]) alloc() { s.a = make([]T, 0, s.n) }

// place appends x and returns its address.
func (s *slab[T]) place(x T) *T {
	s.a = append(s.a, x)
	return &s.a[len(s.a)-1]
}

// placeAll appends xs and returns them as a slice with no room to grow,
// so that appending to it cannot overwrite the next element's.
func (s *slab[T]) placeAll(xs []T) []T {
	n := len(s.a)
	s.a = append(s.a, xs...)
	return s.a[n:len(s.a):len(s.a)]
}

func (s *slabs) count(in Instr) {
	switch in := in.(type) {
	case *Binary:
		s.binary.n++
	case *Unary:
		s.unary.n++
	case *Compare:
		s.compare.n++
	case *Convert:
		s.convert.n++
	case *Load:
		s.load.n++
	case *Store:
		s.store.n++
	case *Addr:
		s.addr.n++
	case *Call:
		s.call.n++
		s.args.n += len(in.Args)
	case *Phi:
		s.phi.n++
		s.edges.n += len(in.Edges)
	case *Jump:
		s.jump.n++
	case *Branch:
		s.branch.n++
	case *Return:
		s.ret.n++
	case *Label:
		s.label.n++
	}
}

// alloc makes the arrays, empty with the counted capacities.
func (s *slabs) alloc() {
	s.binary.alloc()
	s.unary.alloc()
	s.compare.alloc()
	s.convert.alloc()
	s.load.alloc()
	s.store.alloc()
	s.addr.alloc()
	s.call.alloc()
	s.phi.alloc()
	s.jump.alloc()
	s.branch.alloc()
	s.ret.alloc()
	s.label.alloc()
	s.args.alloc()
	s.edges.alloc()
}

// copy places a copy of in in its slab.
func (s *slabs) copy(in Instr) Instr {
	switch in := in.(type) {
	case *Binary:
		return s.binary.place(*in)
	case *Unary:
		return s.unary.place(*in)
	case *Compare:
		return s.compare.place(*in)
	case *Convert:
		return s.convert.place(*in)
	case *Load:
		return s.load.place(*in)
	case *Store:
		return s.store.place(*in)
	case *Addr:
		return s.addr.place(*in)
	case *Call:
		c := *in
		c.Args = s.args.placeAll(in.Args)
		return s.call.place(c)
	case *Phi:
		c := *in
		c.Edges = s.edges.placeAll(in.Edges)
		return s.phi.place(c)
	case *Jump:
		return s.jump.place(*in)
	case *Branch:
		return s.branch.place(*in)
	case *Return:
		return s.ret.place(*in)
	case *Label:
		return s.label.place(*in)
	case *Safepoint:
		return &Safepoint{}
	case *Unreachable:
		return &Unreachable{}
	}
	return in
}
