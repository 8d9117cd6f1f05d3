package ssa

import (
	"math"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
)

// BCE removes branches whose outcome the branches above them already
// decide: bounds checks repeated on the same index, and the check of an
// induction variable against the bound the loop condition tested. A
// block with a single predecessor that ends in "br %c, T, E" is entered
// only when %c is true (T) or false (E); that fact holds in every block
// the block dominates. A later branch is folded into a jump when those
// facts imply its condition:
//
//   - the same condition register, or a compare of the same operands
//     with the same relation (or the negated one, for integers);
//   - "ult i, n" (the inline bounds check) where "slt i, m" holds with m
//     equal to n, or both constants with m ≤ n, and i is known not to be
//     negative;
//   - "slt i, n" where "slt i, m" holds, both constants with m ≤ n.
//
// An i64 is known not negative when it is a non-negative constant, a
// copy of one, a zext, an "and" with a non-negative constant, a logical right shift by
// at least one, an "add x, c" of a non-negative x and constant c ≥ 0
// that cannot overflow (x < m holds where the add is, and m - 1 + c
// fits), an add or mul of two such registers each below a constant where
// the operation is, whose sum or product fits, or a phi all of whose inputs are known not negative assuming
// the phi is (a loop counter starting at 0 and counting up to a bound).
// The folded branch drops the phi edges of the edge that went away and
// unreachable blocks are removed, as in SimplifyBranches.
func BCE(f *lir.Func) error {
	if err := needSSA(f, "bce"); err != nil {
		return err
	}
	k := &knowledge{
		f:    f,
		dom:  lir.Dominators(f),
		def:  make([]lir.InstrID, len(f.Values)),
		blk:  make([]lir.BlockID, len(f.Values)),
		edge: make([]fact, len(f.Blocks)),
	}
	for v := range k.def {
		k.def[v] = -1
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if d := f.Instrs[id].Dest(); d != nil && d.Kind == lir.RegOperand {
				k.def[d.Index] = id
				k.blk[d.Index] = lir.BlockID(b)
			}
		}
		preds := f.Blocks[b].Preds
		if len(preds) != 1 || preds[0] == lir.BlockID(b) {
			continue
		}
		br, ok := f.Terminator(preds[0]).(*lir.Branch)
		if !ok || br.Then == br.Else || br.Cond.Kind != lir.RegOperand {
			continue
		}
		k.edge[b] = fact{ok: true, cond: br.Cond.Value(), truth: lir.BlockID(b) == br.Then}
	}
	changed := false
	for b := range f.Blocks {
		if !k.dom.Reachable(lir.BlockID(b)) {
			continue
		}
		ids := f.Blocks[b].Instrs
		br, ok := f.Instrs[ids[len(ids)-1]].(*lir.Branch)
		if !ok || br.Cond.Kind != lir.RegOperand || br.Then == br.Else {
			continue
		}
		if truth, known := k.decide(lir.BlockID(b), br.Cond.Value()); known {
			v := int64(0)
			if truth {
				v = 1
			}
			br.Cond = lir.Int(br.Cond.Type, v)
			changed = foldBranch(f, lir.BlockID(b)) || changed
		}
	}
	if changed {
		f.ComputeEdges()
		cfg.RemoveUnreachable(f)
	}
	return nil
}

// A fact is a condition register known true or false on entry to a block.
type fact struct {
	ok    bool
	cond  lir.Value
	truth bool
}

// A relation is "X op Y" for a compare op, with the greater-than forms
// turned around into less-than ones.
type relation struct {
	op   lir.Op
	x, y lir.Operand
}

type knowledge struct {
	f    *lir.Func
	dom  *lir.DomTree
	def  []lir.InstrID // per register: its defining instruction, -1 if none
	blk  []lir.BlockID // per register: its defining block
	edge []fact        // per block: what its single incoming edge decides
}

// decide reports whether the facts holding in block b fix the value of
// condition register c, and to what.
func (k *knowledge) decide(b lir.BlockID, c lir.Value) (truth, known bool) {
	target, isRel := k.relationOf(c)
	for blk := b; blk >= 0; blk = k.dom.Idom[blk] {
		if e := k.edge[blk]; e.ok && e.cond == c {
			return e.truth, true
		}
		if !isRel {
			continue
		}
		have, ok := k.edgeRelation(blk)
		if !ok {
			continue
		}
		if k.implies(have, target) {
			return true, true
		}
		if neg, ok := negate(target); ok && k.implies(have, neg) {
			return false, true
		}
	}
	return false, false
}

// edgeRelation returns the relation that holds on entry to block b
// because of its incoming edge: the relation of the branch's condition,
// negated on the false edge.
func (k *knowledge) edgeRelation(b lir.BlockID) (relation, bool) {
	e := k.edge[b]
	if !e.ok {
		return relation{}, false
	}
	have, ok := k.relationOf(e.cond)
	if ok && !e.truth {
		have, ok = negate(have)
	}
	return have, ok
}

// relationOf returns the relation register c was computed by.
func (k *knowledge) relationOf(c lir.Value) (relation, bool) {
	id := k.def[c]
	if id < 0 {
		return relation{}, false
	}
	cmp, ok := k.f.Instrs[id].(*lir.Compare)
	if !ok {
		return relation{}, false
	}
	return normalize(relation{cmp.Opcode, cmp.X, cmp.Y}), true
}

// mirrored is the less-than comparison that holds with the operands
// swapped, for each greater-than one: x > y is y < x.
var mirrored = map[lir.Op]lir.Op{
	lir.OpSGt: lir.OpSLt, lir.OpSGe: lir.OpSLe,
	lir.OpUGt: lir.OpULt, lir.OpUGe: lir.OpULe,
	lir.OpFGt: lir.OpFLt, lir.OpFGe: lir.OpFLe,
}

// negation is the comparison that holds exactly when one does not, with
// the operands swapped: not (x < y) is y <= x, not (x == y) is y != x.
// Float comparisons have none (NaN is unordered).
var negation = map[lir.Op]lir.Op{
	lir.OpEq: lir.OpNe, lir.OpNe: lir.OpEq,
	lir.OpSLt: lir.OpSLe, lir.OpSLe: lir.OpSLt,
	lir.OpULt: lir.OpULe, lir.OpULe: lir.OpULt,
}

// normalize writes r with a less-than comparison for a greater-than one,
// and a commutative one's operands in operandLess order.
func normalize(r relation) relation {
	if op, ok := mirrored[r.op]; ok {
		return relation{op, r.y, r.x}
	}
	if r.op.IsCommutative() && operandLess(r.y, r.x) {
		r.x, r.y = r.y, r.x
	}
	return r
}

// negate returns the relation that holds exactly when r does not; float
// relations have none.
func negate(r relation) (relation, bool) {
	op, ok := negation[r.op]
	if !ok {
		return relation{}, false
	}
	return normalize(relation{op, r.y, r.x}), true
}

// implies reports whether have holding proves want.
func (k *knowledge) implies(have, want relation) bool {
	if have == want {
		return true
	}
	if have.op != lir.OpSLt || have.x != want.x || have.x.Type != lir.I64 || have.y.Type != lir.I64 {
		return false
	}
	// have: i < m (signed).
	boundOK := have.y == want.y ||
		have.y.Kind == lir.IntOperand && want.y.Kind == lir.IntOperand && have.y.Imm <= want.y.Imm
	switch want.op {
	case lir.OpSLt:
		return boundOK
	case lir.OpULt:
		return boundOK && k.nonNegative(want.x, nil)
	}
	return false
}

// nonNegative reports whether the i64 operand o is never negative;
// assumed lists the phis being assumed non-negative.
func (k *knowledge) nonNegative(o lir.Operand, assumed []lir.Value) bool {
	if o.Type != lir.I64 {
		return false
	}
	switch o.Kind {
	case lir.IntOperand:
		return o.Imm >= 0
	case lir.RegOperand:
	default:
		return false
	}
	v := o.Value()
	id := k.def[v]
	if id < 0 {
		return false
	}
	switch in := k.f.Instrs[id].(type) {
	case *lir.Unary:
		return in.Opcode == lir.OpCopy && k.nonNegative(in.X, assumed)
	case *lir.Convert:
		return in.Opcode == lir.OpZExt
	case *lir.Binary:
		switch in.Opcode {
		case lir.OpAnd:
			return isNonNegConst(in.X) || isNonNegConst(in.Y)
		case lir.OpLShr:
			return in.Y.Kind == lir.IntOperand && in.Y.Imm&63 >= 1
		case lir.OpAdd:
			x, c := in.X, in.Y
			if x.Kind == lir.IntOperand {
				x, c = c, x
			}
			if isNonNegConst(c) {
				return k.nonNegative(x, assumed) && (c.Imm == 0 || k.boundedBelowMax(k.blk[v], x, c.Imm))
			}
			// Two non-negative registers, each below a constant bound
			// where the add is, whose sum cannot overflow.
			bx, okx := k.upperBound(k.blk[v], x)
			by, oky := k.upperBound(k.blk[v], c)
			return okx && oky && bx <= math.MaxInt64-by &&
				k.nonNegative(x, assumed) && k.nonNegative(c, assumed)
		case lir.OpMul:
			bx, okx := k.upperBound(k.blk[v], in.X)
			by, oky := k.upperBound(k.blk[v], in.Y)
			return okx && oky && (bx == 0 || by <= math.MaxInt64/bx) &&
				k.nonNegative(in.X, assumed) && k.nonNegative(in.Y, assumed)
		}
	case *lir.Phi:
		for _, a := range assumed {
			if a == v {
				return true
			}
		}
		assumed = append(assumed, v)
		for _, e := range in.Edges {
			if !k.nonNegative(e.Val, assumed) {
				return false
			}
		}
		return true
	}
	return false
}

// boundedBelowMax reports whether x + c cannot overflow in block b:
// "slt x, m" holds there, with m - 1 + c ≤ MaxInt64 (always so for c = 1).
func (k *knowledge) boundedBelowMax(b lir.BlockID, x lir.Operand, c int64) bool {
	for blk := b; blk >= 0; blk = k.dom.Idom[blk] {
		have, ok := k.edgeRelation(blk)
		if !ok || have.op != lir.OpSLt || have.x != x {
			continue
		}
		if c == 1 || have.y.Kind == lir.IntOperand && have.y.Imm-1 <= math.MaxInt64-c {
			return true
		}
	}
	return false
}

// upperBound returns a constant m with x < m in block b, from a
// dominating "slt x, m" (or x itself, a constant).
func (k *knowledge) upperBound(b lir.BlockID, x lir.Operand) (int64, bool) {
	if x.Kind == lir.IntOperand && x.Type == lir.I64 {
		return x.Imm + 1, x.Imm < math.MaxInt64
	}
	for blk := b; blk >= 0; blk = k.dom.Idom[blk] {
		have, ok := k.edgeRelation(blk)
		if ok && have.op == lir.OpSLt && have.x == x && have.y.Kind == lir.IntOperand {
			return have.y.Imm, true
		}
	}
	return 0, false
}

func isNonNegConst(o lir.Operand) bool {
	return o.Kind == lir.IntOperand && o.Type == lir.I64 && o.Imm >= 0
}
