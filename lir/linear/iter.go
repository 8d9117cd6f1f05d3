package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// forIn lowers for k[, v] in x over a vec, map or string. The loop
// variables are declared once for the whole loop (one variable per
// loop, spec/semantics.md §5) and assigned at the top of each iteration
// from a hidden index.
func (fb *funcBuilder) forIn(s *ast.ForInStmt) {
	fi := fb.m.info.ForIns[s]
	if fi == nil {
		fb.unsupported(s, "this for-in loop")
	}
	if fb.sub != nil { // a generic instance: iterate over the concrete type
		inst := *fi
		inst.X = fb.subst(fi.X)
		fi = &inst
	}
	var next func(i lir.Operand) (lir.Operand, lir.Operand)
	var length func() lir.Operand
	switch fi.Kind {
	case sema.IterVec:
		length, next = fb.vecIter(s, fi)
	case sema.IterMap:
		length, next = fb.mapIter(s, fi)
	case sema.IterString:
		length, next = fb.stringIter(s)
	case sema.IterChan:
		fb.chanIter(s, fi) // coroutine.go
		return
	default:
		fb.unsupported(s, "for-in over "+fi.Kind.String())
	}
	key, val := fi.Key, fi.Value
	if key != nil {
		fb.declare(key, fb.zero(s, fb.varType(key)))
	}
	if val != nil {
		fb.declare(val, fb.zero(s, fb.varType(val)))
	}
	i := fb.temp(lir.I64)
	fb.b.Assign(i, lir.Int(lir.I64, 0))
	head, body, cont, done := fb.newLabel("loop"), fb.newLabel("body"), fb.newLabel("next"), fb.newLabel("endloop")
	fb.label(head)
	fb.branch(fb.b.Compare(lir.OpSLt, fb.f.Reg(i), length()), body, done)
	fb.label(body)
	k, v := next(fb.f.Reg(i))
	fb.iterVar(s, key, k)
	fb.iterVar(s, val, v)
	fb.loopBody(s.Body, done, cont)
	fb.label(cont)
	fb.b.BinaryTo(i, lir.OpAdd, fb.f.Reg(i), lir.Int(lir.I64, 1))
	fb.backEdge(head)
	fb.label(done)
}

// iterVar gives loop variable v (if any) the value x for this
// iteration. A variable that lives in a cell (a closure captures it) gets
// a new cell each iteration, so that each closure sees its own element,
// as the reference does for strings and structs (a captured int element
// crashes the reference; spec/README.md: it works).
func (fb *funcBuilder) iterVar(s *ast.ForInStmt, v *sema.Var, x lir.Operand) {
	switch {
	case v == nil:
	case inCell(v):
		lv := fb.vars[v]
		fb.declare(v, x)
		nv := fb.vars[v]
		fb.b.Assign(lv.reg, fb.f.Reg(nv.reg))
		fb.vars[v] = lv
	default:
		fb.storeVar(s, v, x)
	}
}

// vecIter iterates over a vec's elements. A vec held in a variable is
// read again before each iteration, so pushes in the body extend the
// loop (spec/semantics.md §9.2); elements are copies.
func (fb *funcBuilder) vecIter(s *ast.ForInStmt, fi *sema.ForIn) (func() lir.Operand, func(lir.Operand) (lir.Operand, lir.Operand)) {
	vt, ok := fi.X.Underlying().(*sema.Vec)
	if !ok {
		fb.unsupported(s.X, "iterating over "+fi.X.String())
	}
	vec := fb.temp(lir.Ptr)
	reread := isLocation(s.X)
	if !reread {
		fb.b.Assign(vec, fb.value(s.X))
	}
	length := func() lir.Operand {
		if reread {
			fb.b.Assign(vec, fb.value(s.X))
		}
		return fb.vecLen(fb.f.Reg(vec))
	}
	size := int64(lirType(vt.Elem).Size())
	next := func(i lir.Operand) (lir.Operand, lir.Operand) {
		data := fb.b.Load(lir.Ptr, fb.f.Reg(vec), abi.VecOffData)
		x := fb.b.Load(lirType(vt.Elem), fb.b.Addr(data, i, size, 0), 0)
		if isAggregate(vt.Elem) {
			x = fb.copyValue(x, vt.Elem)
		}
		if fi.Value != nil {
			return i, x
		}
		return x, lir.Operand{}
	}
	return length, next
}

// mapIter iterates over a map's entries in insertion order.
func (fb *funcBuilder) mapIter(s *ast.ForInStmt, fi *sema.ForIn) (func() lir.Operand, func(lir.Operand) (lir.Operand, lir.Operand)) {
	mt, ok := fi.X.Underlying().(*sema.Map)
	if !ok {
		fb.unsupported(s.X, "iterating over "+fi.X.String())
	}
	m := fb.temp(lir.Ptr)
	fb.b.Assign(m, fb.value(s.X))
	length := func() lir.Operand { return fb.rtcall(lir.I64, "MapLen", fb.f.Reg(m)) }
	next := func(i lir.Operand) (lir.Operand, lir.Operand) {
		k := fb.fromBits(fb.rtcall(lir.I64, "MapKeyAt", fb.f.Reg(m), i), mt.Key)
		var v lir.Operand
		if fi.Value != nil {
			v = fb.fromBits(fb.rtcall(lir.I64, "MapValueAt", fb.f.Reg(m), i), mt.Elem)
			if isAggregate(mt.Elem) {
				v = fb.copyValue(v, mt.Elem)
			}
		}
		return k, v
	}
	return length, next
}

// stringIter iterates over a string's bytes.
func (fb *funcBuilder) stringIter(s *ast.ForInStmt) (func() lir.Operand, func(lir.Operand) (lir.Operand, lir.Operand)) {
	str := fb.temp(lir.Ptr)
	fb.b.Assign(str, fb.value(s.X))
	n := fb.temp(lir.I64)
	fb.b.Assign(n, fb.stringLen(fb.f.Reg(str)))
	length := func() lir.Operand { return fb.f.Reg(n) }
	next := func(i lir.Operand) (lir.Operand, lir.Operand) {
		data := fb.b.Load(lir.Ptr, fb.f.Reg(str), abi.StringOffData)
		c := fb.b.Load(lir.I8, fb.b.Addr(data, i, 1, 0), 0)
		if s.Value != nil {
			return i, c
		}
		return c, lir.Operand{}
	}
	return length, next
}
