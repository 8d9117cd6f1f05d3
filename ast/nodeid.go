package ast

import (
	"sync/atomic"

	"github.com/naturekit/naturekit/lex"
)

// exprID is embedded in every expression node: the node's number in its
// file set, given the first time a tool asks for one (Number), so that
// tables of facts about expressions (sema.Info) can be slices indexed by
// it instead of maps keyed by the nodes. Printing and dumping ignore it.
type exprID struct{ id atomic.Uint32 }

// NodeID returns the expression's number, or 0 if it has none yet.
func (x *exprID) NodeID() uint32 { return x.id.Load() }

func (x *exprID) exprIDRef() *exprID { return x }

// Number returns the number of e, giving it the next free number of fset
// (lex.FileSet.NewNodeID) if it has none. fset must be the file set e was
// parsed into: numbers are unique within one file set only. It is the
// only change ever made to a node after parsing, and it is safe for
// concurrent use: two goroutines numbering the same node get the same
// number.
func Number(e Expr, fset *lex.FileSet) uint32 {
	x := e.exprIDRef()
	if id := x.id.Load(); id != 0 {
		return id
	}
	x.id.CompareAndSwap(0, fset.NewNodeID())
	return x.id.Load()
}
