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
	switch in := in.(type) {
	case *Binary:
		c := *in
		return &c
	case *Unary:
		c := *in
		return &c
	case *Compare:
		c := *in
		return &c
	case *Convert:
		c := *in
		return &c
	case *Load:
		c := *in
		return &c
	case *Store:
		c := *in
		return &c
	case *Addr:
		c := *in
		return &c
	case *Call:
		c := *in
		c.Args = append([]Operand(nil), in.Args...)
		return &c
	case *Phi:
		c := *in
		c.Edges = append([]PhiEdge(nil), in.Edges...)
		return &c
	case *Safepoint:
		return &Safepoint{}
	case *Label:
		c := *in
		return &c
	case *Jump:
		c := *in
		return &c
	case *Branch:
		c := *in
		return &c
	case *Return:
		c := *in
		return &c
	case *Unreachable:
		return &Unreachable{}
	}
	return in
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
	binary  []Binary
	unary   []Unary
	compare []Compare
	convert []Convert
	load    []Load
	store   []Store
	addr    []Addr
	call    []Call
	phi     []Phi
	jump    []Jump
	branch  []Branch
	ret     []Return
	label   []Label
	args    []Operand
	edges   []PhiEdge
	n       struct {
		binary, unary, compare, convert, load, store, addr, call int
		phi, jump, branch, ret, label, args, edges               int
	}
}

func (s *slabs) count(in Instr) {
	switch in := in.(type) {
	case *Binary:
		s.n.binary++
	case *Unary:
		s.n.unary++
	case *Compare:
		s.n.compare++
	case *Convert:
		s.n.convert++
	case *Load:
		s.n.load++
	case *Store:
		s.n.store++
	case *Addr:
		s.n.addr++
	case *Call:
		s.n.call++
		s.n.args += len(in.Args)
	case *Phi:
		s.n.phi++
		s.n.edges += len(in.Edges)
	case *Jump:
		s.n.jump++
	case *Branch:
		s.n.branch++
	case *Return:
		s.n.ret++
	case *Label:
		s.n.label++
	}
}

// alloc makes the arrays, empty with the counted capacities.
func (s *slabs) alloc() {
	s.binary = make([]Binary, 0, s.n.binary)
	s.unary = make([]Unary, 0, s.n.unary)
	s.compare = make([]Compare, 0, s.n.compare)
	s.convert = make([]Convert, 0, s.n.convert)
	s.load = make([]Load, 0, s.n.load)
	s.store = make([]Store, 0, s.n.store)
	s.addr = make([]Addr, 0, s.n.addr)
	s.call = make([]Call, 0, s.n.call)
	s.phi = make([]Phi, 0, s.n.phi)
	s.jump = make([]Jump, 0, s.n.jump)
	s.branch = make([]Branch, 0, s.n.branch)
	s.ret = make([]Return, 0, s.n.ret)
	s.label = make([]Label, 0, s.n.label)
	s.args = make([]Operand, 0, s.n.args)
	s.edges = make([]PhiEdge, 0, s.n.edges)
}

// copy places a copy of in in its slab.
func (s *slabs) copy(in Instr) Instr {
	switch in := in.(type) {
	case *Binary:
		s.binary = append(s.binary, *in)
		return &s.binary[len(s.binary)-1]
	case *Unary:
		s.unary = append(s.unary, *in)
		return &s.unary[len(s.unary)-1]
	case *Compare:
		s.compare = append(s.compare, *in)
		return &s.compare[len(s.compare)-1]
	case *Convert:
		s.convert = append(s.convert, *in)
		return &s.convert[len(s.convert)-1]
	case *Load:
		s.load = append(s.load, *in)
		return &s.load[len(s.load)-1]
	case *Store:
		s.store = append(s.store, *in)
		return &s.store[len(s.store)-1]
	case *Addr:
		s.addr = append(s.addr, *in)
		return &s.addr[len(s.addr)-1]
	case *Call:
		c := *in
		n := len(s.args)
		s.args = append(s.args, in.Args...)
		c.Args = s.args[n:len(s.args):len(s.args)] // full slice: appends must not spill into the next call's
		s.call = append(s.call, c)
		return &s.call[len(s.call)-1]
	case *Phi:
		c := *in
		n := len(s.edges)
		s.edges = append(s.edges, in.Edges...)
		c.Edges = s.edges[n:len(s.edges):len(s.edges)]
		s.phi = append(s.phi, c)
		return &s.phi[len(s.phi)-1]
	case *Jump:
		s.jump = append(s.jump, *in)
		return &s.jump[len(s.jump)-1]
	case *Branch:
		s.branch = append(s.branch, *in)
		return &s.branch[len(s.branch)-1]
	case *Return:
		s.ret = append(s.ret, *in)
		return &s.ret[len(s.ret)-1]
	case *Label:
		s.label = append(s.label, *in)
		return &s.label[len(s.label)-1]
	}
	return CloneInstr(in)
}
