package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// checkValue checks e against the expected type t (declarations,
// arguments, returns, fields, elements).
func (c *checker) checkValue(e ast.Expr, t Type) operand {
	x := c.expr(e, t)
	c.assignOperand(e, x, t)
	return x
}

// assignOperand reports whether x can be used where a t is expected
// (types.md §11.1), records the implicit conversion if there is one, and
// reports the reference's message if not.
func (c *checker) assignOperand(e ast.Expr, x operand, t Type) bool {
	if isInvalid(x.typ) || isInvalid(t) {
		return false
	}
	switch x.mode {
	case TypeExpr, PkgExpr, BuiltinFn:
		c.errorf(c.last(e), "type inconsistency, expect=%s, actual=%s", longType(t), exprText(e))
		return false
	}
	if Identical(x.typ, t) {
		return true
	}
	iface := t
	if u, ok := t.Underlying().(*Union); ok && u.Nullable() && len(u.Terms) == 2 {
		// T? of an interface T: the messages are T's.
		for _, term := range u.Terms {
			if _, ok := term.Underlying().(*Interface); ok && basicKind(x.typ) != Null {
				iface = term
			}
		}
	}
	if it, ok := iface.Underlying().(*Interface); ok && it.Marker == "" {
		if _, isIface := x.typ.Underlying().(*Interface); !isIface {
			for _, m := range it.AllMethods() {
				if len(m.Signature().TypeParams) > 0 {
					c.errorf(c.last(e), "interface '%s' contains generic method '%s', cannot be used as dynamic dispatch.", shortType(iface), m.name)
					return false
				}
			}
		}
	}
	if c.assignable(x.typ, t) {
		c.info.Implicit[e] = t
		return true
	}
	if u, ok := iface.Underlying().(*Interface); ok && u.Marker == "" {
		if n := namedOf(x.typ); n != nil {
			// ref<dog> is named by what it points to, as the reference does.
			c.errorf(c.last(e), "type '%s' not impl '%s' interface", longType(n), longType(iface))
		} else {
			c.errorf(c.last(e), "type '%s' cannot casting to interface '%s'", longType(x.typ), shortType(iface))
		}
		return false
	}
	if _, ok := t.Underlying().(*Union); ok {
		if _, isUnion := x.typ.Underlying().(*Union); !isUnion {
			c.errorf(c.last(e), "union type not contains '%s'", longType(x.typ))
			return false
		}
	}
	actual := longType(x.typ)
	switch ast.Unparen(e).(type) {
	case *ast.VecLit, *ast.TupleExpr, *ast.BraceLit, *ast.RepeatLit:
		// A composite literal checked against int, uint or float takes
		// that name (diagnostics.md §2.1 rule 6).
		if t == Int || t == Uint || t == Float {
			actual = t.String() + "(" + actual + ")"
		}
	}
	c.errorf(c.last(e), "type inconsistency, expect=%s, actual=%s", longType(t), actual)
	return false
}

// assignable reports whether a value of type v converts implicitly to t.
func (c *checker) assignable(v, t Type) bool {
	if Identical(v, t) {
		return true
	}
	if _, ok := t.(*TypeParam); ok {
		return false
	}
	if tp, ok := v.(*TypeParam); ok {
		// A T boxes into any, into a union that has T as a term (T?,
		// T|string), and into an interface it is constrained to.
		switch tu := t.Underlying().(type) {
		case *Union:
			return containsType(tu.Terms, v)
		case *Interface:
			for _, ct := range tp.Constraints {
				if Identical(ct, t) && tu.Marker == "" {
					return true
				}
			}
		}
		return basicKind(t) == Any
	}
	vu, tu := v.Underlying(), t.Underlying()
	if IsVoid(v) {
		return false
	}
	if basicKind(t) == Any {
		return true
	}
	if basicKind(v) == Null {
		switch tu := tu.(type) {
		case *Pointer:
			return tu.Kind == Ptr
		case *Union:
			return tu.Nullable()
		case *Basic:
			return tu.Kind == Anyptr
		}
		return false
	}
	if vp, ok := vu.(*Pointer); ok {
		if tp, ok := tu.(*Pointer); ok && vp.Kind == Ref && tp.Kind == Ptr && Identical(vp.Elem, tp.Elem) {
			return true
		}
	}
	switch tu := tu.(type) {
	case *Union:
		if vun, ok := vu.(*Union); ok {
			for _, term := range vun.Terms {
				if !containsType(tu.Terms, term) {
					return false
				}
			}
			return true
		}
		if containsType(tu.Terms, v) {
			return true
		}
		for _, term := range tu.Terms {
			if _, isIface := term.Underlying().(*Interface); isIface && c.implements(v, term) {
				return true
			}
		}
		return false
	case *Interface:
		return c.implements(v, t)
	}
	// A value of an unnamed composite type converts to a named type with
	// the same underlying type (a fn literal to a named fn type, a vec
	// literal to a named vec type).
	_, vNamed := v.(*Named)
	_, tNamed := t.(*Named)
	if vNamed != tNamed {
		if _, isBasic := vu.(*Basic); !isBasic && Identical(vu, tu) {
			return true
		}
	}
	return false
}

// namedOf returns the named type of v, ptr<v> or ref<v>, or nil.
func namedOf(v Type) *Named {
	if p, ok := v.(*Pointer); ok {
		v = p.Elem
	}
	n, _ := v.(*Named)
	return n
}

// implements reports whether values of v convert to the interface t: v
// (or what v points to) declares t or an interface extending t, or v is
// an interface extending t.
func (c *checker) implements(v, t Type) bool {
	if tp, ok := v.(*TypeParam); ok {
		// A type parameter implements what its constraints extend.
		for _, ct := range tp.Constraints {
			if extends(ct, t, 0) {
				return true
			}
		}
		return false
	}
	if _, ok := v.Underlying().(*Interface); ok {
		return extends(v, t, 0)
	}
	n := namedOf(v)
	if n == nil {
		return false
	}
	for _, impl := range n.Impls {
		if extends(impl, t, 0) {
			return true
		}
	}
	return false
}

// extends reports whether interface x is t or extends it.
func extends(x, t Type, depth int) bool {
	if Identical(x, t) {
		return true
	}
	if depth > 32 {
		return false
	}
	it, ok := x.Underlying().(*Interface)
	if !ok {
		return false
	}
	for _, e := range it.Embedded {
		if extends(e, t, depth+1) {
			return true
		}
	}
	return false
}

// assignStmt checks = and the compound assignments.
func (c *checker) assignStmt(s *ast.AssignStmt) {
	if tup, ok := s.Lhs.(*ast.TupleExpr); ok && s.Op == lex.ASSIGN {
		c.tupleAssign(s, tup)
		return
	}
	lhs := c.lhs(s.Lhs)
	if s.Op == lex.ASSIGN {
		if isInvalid(lhs) {
			c.expr(s.Rhs, nil)
			return
		}
		c.checkValue(s.Rhs, lhs)
		return
	}
	// x op= y is x = x op y with the operand type of x.
	y := c.expr(s.Rhs, lhs)
	if isInvalid(lhs) || isInvalid(y.typ) {
		return
	}
	c.info.CompoundOps[s] = lhs
	if tp, ok := lhs.(*TypeParam); ok {
		// As in binary: the constraint unlocks the operator.
		need := "numeric"
		if s.Op == lex.ADD_ASSIGN {
			need = "addable"
		}
		c.needConstraint(c.last(s.Rhs), tp, compoundOp(s.Op), need)
		if !Identical(lhs, y.typ) {
			c.errorf(c.last(s.Rhs), "type inconsistency, expect=%s, actual=%s", longType(lhs), longType(y.typ))
		}
		return
	}
	if !Identical(lhs, y.typ) {
		c.errorf(c.last(s.Rhs), "type inconsistency, expect=%s, actual=%s", longType(lhs), longType(y.typ))
		return
	}
	switch s.Op {
	case lex.ADD_ASSIGN:
		if !IsNumeric(lhs) && !IsString(lhs) {
			c.errorf(s.OpPos, "binary operator '+' only support number operand, actual '%s + %s'", shortType(lhs), shortType(y.typ))
		}
	case lex.SUB_ASSIGN, lex.MUL_ASSIGN, lex.QUO_ASSIGN:
		if !IsNumeric(lhs) {
			c.errorf(s.OpPos, "binary operator '%s' only support number operand, actual '%s %s %s'", compoundOp(s.Op), shortType(lhs), compoundOp(s.Op), shortType(y.typ))
		}
	default:
		if !IsInteger(lhs) {
			c.errorf(s.OpPos, "binary operator '%s' only integer operand", compoundOp(s.Op))
		}
	}
}

func compoundOp(op lex.Token) string {
	s := op.String()
	return s[:len(s)-1]
}

// lhs checks an assignment target and returns its type.
func (c *checker) lhs(e ast.Expr) Type {
	switch x := e.(type) {
	case *ast.IndexExpr:
		xt := c.expr(x.X, nil)
		if IsString(xt.typ) {
			c.expr(x.Index, Typ[I64])
			c.record(e, TypeAndValue{Mode: Value, Type: Typ[U8]})
			c.errorf(c.last(x.Index), "string cannot chane element")
			return Typ[Invalid]
		}
		op := c.indexOf(x, xt)
		c.record(e, op.typeAndValue())
		return c.checkAssignable(e, op)
	case *ast.UnaryExpr:
		if x.Op != lex.MUL {
			c.expr(e, nil)
			c.errorf(x.Pos(), "unary operand cannot used in left")
			return Typ[Invalid]
		}
	case *ast.BasicLit:
		c.errorf(x.Pos(), "operand cannot used in left")
		return Typ[Invalid]
	}
	x := c.expr(e, nil)
	return c.checkAssignable(e, x)
}

func (c *checker) checkAssignable(e ast.Expr, x operand) Type {
	if isInvalid(x.typ) {
		return Typ[Invalid]
	}
	if x.mode != Variable {
		at := e.Pos()
		if sel, ok := ast.Unparen(e).(*ast.SelectorExpr); ok {
			at = c.anchor(sel) // util.LIMIT = 5: at the ., as the reference
		}
		c.errorf(at, "operand cannot used in left")
		return Typ[Invalid]
	}
	c.markAssigned(e)
	return x.typ
}

// markAssigned records that the variable e names, if it is one, gets a
// new value (an assignment to a field or element changes the variable's
// value, not the variable).
func (c *checker) markAssigned(e ast.Expr) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := c.info.Uses.At(id).(*Var); ok {
			v.Assigned = true
		}
	}
}

// tupleAssign checks (a, b) = value.
func (c *checker) tupleAssign(s *ast.AssignStmt, tup *ast.TupleExpr) {
	var targets []Type
	var collect func(t *ast.TupleExpr) Type
	collect = func(t *ast.TupleExpr) Type {
		elems := make([]Type, len(t.Elts))
		for i, e := range t.Elts {
			if inner, ok := e.(*ast.TupleExpr); ok {
				elems[i] = collect(inner)
				continue
			}
			lt := c.lhs(e)
			if lt == nil {
				lt = Typ[Invalid]
			}
			elems[i] = lt
			targets = append(targets, lt)
		}
		tt := &Tuple{Elems: elems}
		c.record(t, TypeAndValue{Mode: Variable, Type: tt})
		return tt
	}
	want := collect(tup)
	x := c.expr(s.Rhs, want)
	rt, ok := x.typ.Underlying().(*Tuple)
	if !ok {
		if !isInvalid(x.typ) {
			c.errorf(c.last(s.Rhs), "cannot assign type '%s' to tuple", longType(x.typ))
		}
		return
	}
	wt := want.(*Tuple)
	if len(rt.Elems) != len(wt.Elems) {
		c.errorf(c.last(s.Rhs), "tuple destr length != tuple operand length")
		return
	}
	for i := range rt.Elems {
		if isInvalid(wt.Elems[i]) || isInvalid(rt.Elems[i]) {
			continue
		}
		if !c.assignable(rt.Elems[i], wt.Elems[i]) {
			c.errorf(tup.Elts[i].Pos(), "type inconsistency, expect=%s, actual=%s", longType(wt.Elems[i]), longType(rt.Elems[i]))
		}
	}
}

// globalInit checks that a global initialiser can be evaluated at
// compile time (semantics.md §3.1, diagnostics.md §3.7).
func (c *checker) globalInit(e ast.Expr) {
	if tv, ok := c.info.Types.Lookup(e); ok && tv.Mode == Constant {
		if tv.Value != nil && tv.Value.Kind() == constant.String && constant.StringVal(tv.Value) != "" {
			c.errorf(c.anchor(e), "global string initializer must be empty")
		}
		return
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		c.globalInit(e.X)
	case *ast.BasicLit:
	case *ast.Ident:
		switch obj := c.info.Uses.At(e).(type) {
		case *Var:
			c.errorf(c.anchor(e), "global initializer cannot reference global var '%s'", qualifiedObj(obj))
		case *Func, *Builtin:
			c.errorf(c.anchor(e), "global initializer cannot reference ident '%s'", qualifiedObj(obj))
		}
	case *ast.CallExpr:
		c.errorf(c.anchor(e), "global initializer expression type=58 is not compile-time evaluable")
	case *ast.NewExpr:
		c.errorf(c.anchor(e), "global initializer expression type=15 is not compile-time evaluable")
	case *ast.FuncLit:
		c.errorf(c.anchor(e), "closure fn cannot appear in global initializer")
	case *ast.VecLit:
		t := c.info.TypeOf(e)
		if _, isArray := nonNil(t).Underlying().(*Array); isArray {
			for _, x := range e.Elts {
				c.globalInit(x)
			}
		} else if len(e.Elts) > 0 {
			c.errorf(c.anchor(e), "global vec initializer must be empty")
		}
	case *ast.BraceLit:
		if len(e.Elts) > 0 {
			if _, isMap := nonNil(c.info.TypeOf(e)).Underlying().(*Map); isMap {
				c.errorf(c.anchor(e), "global map initializer must be empty")
			} else {
				c.errorf(c.anchor(e), "global set initializer must be empty")
			}
		}
	case *ast.StructLit:
		for _, f := range e.Fields {
			c.globalInit(f.Value)
		}
	case *ast.TupleExpr:
		for _, x := range e.Elts {
			c.globalInit(x)
		}
	case *ast.RepeatLit:
		c.globalInit(e.Value)
	case *ast.AsExpr:
		c.globalInit(e.X)
	case *ast.MacroExpr:
		if e.Name != "reflect_hash" && e.Name != "sizeof" && e.Name != "default" {
			c.errorf(c.anchor(e), "global initializer expression type=58 is not compile-time evaluable")
		}
	case *ast.UnaryExpr:
		c.globalInit(e.X)
	case *ast.BinaryExpr:
		c.globalInit(e.X)
		c.globalInit(e.Y)
	default:
		c.errorf(c.anchor(e), "global initializer must fold to literal before layout")
	}
}
