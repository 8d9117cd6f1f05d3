package sema

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// An ExprTable holds one fact per expression, as Info.Types and
// Info.Uses do: the facts in a slice in the order they were recorded,
// and their indices in a slice indexed by the expressions' numbers in
// the file set (ast.Number), which the checker gives each expression it
// records something about. It replaces a Go map keyed by the nodes:
// hashing an interface key and growing a map of hundreds of thousands of
// entries was most of the cost of checking a large program
// (docs/bench-load.md). The zero ExprTable is empty; lookups of nil or of
// expressions never recorded report false.
type ExprTable[V any] struct {
	fset  *lex.FileSet
	idx   []int32 // by node number: 1 + the index of its fact in vals, 0 for none, -1 for the zero value
	vals  []V
	zeros int // facts that are the zero value, not in vals
}

// Lookup returns the fact recorded for e and whether there is one.
func (t *ExprTable[V]) Lookup(e ast.Expr) (V, bool) {
	if e != nil {
		if id := int(e.NodeID()); id < len(t.idx) {
			if i := t.idx[id]; i > 0 {
				return t.vals[i-1], true
			} else if i < 0 {
				var zero V
				return zero, true
			}
		}
	}
	var zero V
	return zero, false
}

// At returns the fact recorded for e, or the zero value.
func (t *ExprTable[V]) At(e ast.Expr) V {
	v, _ := t.Lookup(e)
	return v
}

// Len returns the number of expressions with a fact.
func (t *ExprTable[V]) Len() int { return len(t.vals) + t.zeros }

// set records v for e (not nil), numbering e if it has no number yet.
func (t *ExprTable[V]) set(e ast.Expr, v V) {
	id := int(ast.Number(e, t.fset))
	if id >= len(t.idx) {
		t.grow(id)
	}
	switch i := t.idx[id]; {
	case i > 0:
		t.vals[i-1] = v
		return
	case i < 0:
		t.zeros--
	}
	t.vals = append(t.vals, v)
	t.idx[id] = int32(len(t.vals))
}

// setZero records the zero value for e without storing it (a fact most
// expressions share, such as "does not fold"). e must not have a
// non-zero fact already.
func (t *ExprTable[V]) setZero(e ast.Expr) {
	id := int(ast.Number(e, t.fset))
	if id >= len(t.idx) {
		t.grow(id)
	}
	if t.idx[id] == 0 {
		t.idx[id] = -1
		t.zeros++
	}
}

// reserve makes room for about ids numbered expressions and vals facts,
// so that a large program's tables do not grow step by step.
func (t *ExprTable[V]) reserve(ids, vals int) {
	if ids > len(t.idx) {
		t.grow(ids)
	}
	if vals > cap(t.vals) {
		t.vals = append(make([]V, 0, vals), t.vals...)
	}
}

// grow makes room in idx for number id and the numbers given out so far.
func (t *ExprTable[V]) grow(id int) {
	n := max(id+1, 2*len(t.idx), 1024)
	if t.fset != nil {
		n = max(n, t.fset.NodeIDs()+1)
	}
	idx := make([]int32, n)
	copy(idx, t.idx)
	t.idx = idx
}
