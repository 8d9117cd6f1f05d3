package ssa

import "github.com/naturekit/naturekit/lir"

// SCCP is sparse conditional constant propagation (Wegman and Zadeck).
// It runs two worklists at once, one of CFG edges found executable and
// one of SSA values whose lattice value dropped (unknown → constant →
// varying), so it finds the constants that hold given that branches on
// constants go one way, which separate constant folding and unreachable
// code removal cannot. Folding uses lir.Fold, the arithmetic the
// interpreter runs programs with.
//
// It replaces every use of a register found constant by the constant,
// branch conditions included; SimplifyBranches then folds those branches
// and DCE removes the dead definitions.
func SCCP(f *lir.Func) error {
	if err := needSSA(f, "sccp"); err != nil {
		return err
	}
	s := newSCCP(f)
	s.run()
	s.rewrite()
	return nil
}

type latticeState uint8

const (
	unknown  latticeState = iota // no definition has been seen to run (top)
	constant                     // always the constant c
	varying                      // not a constant (bottom)
)

type lattice struct {
	state latticeState
	c     lir.Operand
}

type sccp struct {
	f        *lir.Func
	blockOf  []lir.BlockID     // per instruction
	users    rows[lir.InstrID] // per register: the instructions reading it
	val      []lattice
	execB    []bool
	visited  []bool           // per instruction: evaluated at least once
	execE    []bool           // per edge into a block, parallel to its Preds, from edgeAt
	edgeAt   []int32          // per block: index in execE of its first incoming edge
	edgeWork [][2]lir.BlockID // a FIFO queue from edgeNext
	edgeNext int
	ssaWork  []lir.InstrID
	rands    []*lir.Operand
}

func newSCCP(f *lir.Func) *sccp {
	s := &sccp{
		f:       f,
		blockOf: blockOf(f),
		val:     make([]lattice, len(f.Values)),
		execB:   make([]bool, len(f.Blocks)),
		visited: make([]bool, len(f.Instrs)),
		edgeAt:  make([]int32, len(f.Blocks)+1),
	}
	for b := range f.Blocks {
		s.edgeAt[b+1] = s.edgeAt[b] + int32(len(f.Blocks[b].Preds))
	}
	s.execE = make([]bool, s.edgeAt[len(f.Blocks)])
	s.users.init(len(f.Values))
	for pass := range 2 {
		for b := range f.Blocks {
			for _, id := range f.Blocks[b].Instrs {
				s.rands = f.Instrs[id].Operands(s.rands[:0])
				for _, o := range s.rands {
					if o.Kind == lir.RegOperand {
						s.users.add(pass, o.Value(), id)
					}
				}
			}
		}
		if pass == 0 {
			s.users.alloc()
		}
	}
	for _, p := range f.Params {
		s.val[p] = lattice{state: varying}
	}
	return s
}

func (s *sccp) run() {
	s.visitBlock(0)
	for s.edgeNext < len(s.edgeWork) || len(s.ssaWork) > 0 {
		// First in, first out: blocks are then visited about in layout
		// order, both arms of an if close together, which reads memory
		// in order (a stack would leave every then-arm to the end).
		for s.edgeNext < len(s.edgeWork) {
			e := s.edgeWork[s.edgeNext]
			s.edgeNext++
			s.takeEdge(e[0], e[1])
		}
		for len(s.ssaWork) > 0 {
			id := s.ssaWork[len(s.ssaWork)-1]
			s.ssaWork = s.ssaWork[:len(s.ssaWork)-1]
			if b := s.blockOf[id]; b >= 0 && s.execB[b] {
				s.visit(id)
			}
		}
	}
}

func (s *sccp) takeEdge(from, to lir.BlockID) {
	for i, p := range s.f.Blocks[to].Preds {
		if p == from {
			e := s.edgeAt[to] + int32(i)
			if s.execE[e] {
				return
			}
			s.execE[e] = true
		}
	}
	if !s.execB[to] {
		s.visitBlock(to)
		return
	}
	// Only the phis can change when a known block gets a new edge.
	for _, id := range s.f.Blocks[to].Instrs {
		if _, ok := s.f.Instrs[id].(*lir.Phi); !ok {
			break
		}
		s.visit(id)
	}
}

func (s *sccp) visitBlock(b lir.BlockID) {
	s.execB[b] = true
	for _, id := range s.f.Blocks[b].Instrs {
		s.visit(id)
	}
}

// operand returns the lattice value of o.
func (s *sccp) operand(o lir.Operand) lattice {
	switch o.Kind {
	case lir.RegOperand:
		return s.val[o.Index]
	case lir.IntOperand, lir.FloatOperand:
		return lattice{state: constant, c: o}
	}
	return lattice{state: varying}
}

func (s *sccp) visit(id lir.InstrID) {
	s.visited[id] = true
	in := s.f.Instrs[id]
	b := s.blockOf[id]
	switch in := in.(type) {
	case *lir.Jump:
		s.edgeWork = append(s.edgeWork, [2]lir.BlockID{b, in.Target})
		return
	case *lir.Branch:
		c := s.operand(in.Cond)
		switch c.state {
		case constant:
			if isTrue(c.c) {
				s.edgeWork = append(s.edgeWork, [2]lir.BlockID{b, in.Then})
			} else {
				s.edgeWork = append(s.edgeWork, [2]lir.BlockID{b, in.Else})
			}
		case varying:
			s.edgeWork = append(s.edgeWork, [2]lir.BlockID{b, in.Then}, [2]lir.BlockID{b, in.Else})
		}
		return
	}
	d := in.Dest()
	if d == nil || d.Kind != lir.RegOperand {
		return
	}
	var nv lattice
	switch in := in.(type) {
	case *lir.Phi:
		nv = s.phi(b, in)
	case *lir.Binary, *lir.Unary, *lir.Compare, *lir.Convert:
		nv = s.fold(in)
	default:
		nv = lattice{state: varying}
	}
	s.lower(d.Value(), nv)
}

// lower moves v down the lattice to nv and, if it changed, queues the
// users evaluated before. The others have not run yet: they will see the
// new value when their block is first visited, so queueing them would
// only evaluate them twice.
func (s *sccp) lower(v lir.Value, nv lattice) {
	old := s.val[v]
	if nv.state <= old.state {
		return // values only go down; equal states keep the first constant
	}
	s.val[v] = nv
	for _, id := range s.users.row(int(v)) {
		if s.visited[id] {
			s.ssaWork = append(s.ssaWork, id)
		}
	}
}

func (s *sccp) phi(b lir.BlockID, phi *lir.Phi) lattice {
	res := lattice{state: unknown}
	preds := s.f.Blocks[b].Preds
	for _, e := range phi.Edges {
		for i, p := range preds {
			if p != e.Pred || !s.execE[s.edgeAt[b]+int32(i)] {
				continue
			}
			res = meet(res, s.operand(e.Val))
		}
	}
	return res
}

func meet(a, b lattice) lattice {
	switch {
	case a.state == unknown:
		return b
	case b.state == unknown:
		return a
	case a.state == varying || b.state == varying:
		return lattice{state: varying}
	case a.c != b.c:
		return lattice{state: varying}
	}
	return a
}

// fold evaluates a pure instruction over the lattice.
func (s *sccp) fold(in lir.Instr) lattice {
	s.rands = in.Operands(s.rands[:0])
	var consts [2]lir.Operand // the pure instructions have at most two operands
	for i, o := range s.rands {
		l := s.operand(*o)
		switch l.state {
		case unknown:
			return lattice{state: unknown}
		case varying:
			return lattice{state: varying}
		}
		consts[i] = l.c
	}
	c, ok := lir.Fold(in.Op(), in.Dest().Type, consts[0], consts[1])
	if !ok {
		return lattice{state: varying}
	}
	return lattice{state: constant, c: c}
}

// isTrue reports whether a constant branch condition is taken.
func isTrue(c lir.Operand) bool { return lir.ConstBits(c) != 0 }

// rewrite replaces the uses of constant registers, in one pass over the
// code in order.
func (s *sccp) rewrite() {
	for b := range s.f.Blocks {
		for _, id := range s.f.Blocks[b].Instrs {
			s.rands = s.f.Instrs[id].Operands(s.rands[:0])
			for _, o := range s.rands {
				if o.Kind == lir.RegOperand && s.val[o.Index].state == constant {
					*o = s.val[o.Index].c
				}
			}
		}
	}
}
