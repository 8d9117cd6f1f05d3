package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// match lowers a match expression or statement: the subject is
// evaluated once and the arms are tried in order; a value pattern is
// compared with ==, an is pattern tests the dynamic kind, and a match
// without subject tests each pattern as a condition (semantics.md §9.3).
func (fb *funcBuilder) match(e *ast.MatchExpr) lir.Operand {
	t := sema.Type(sema.Typ[sema.Void]) // a match statement has no type
	if tv, ok := fb.m.info.Types[e]; ok && tv.Type != nil {
		t = tv.Type
	}
	hasValue := lirType(t) != lir.Void
	var r lir.Value
	if hasValue {
		r = fb.temp(lirType(t))
	}
	var subj lir.Operand
	var st sema.Type
	if e.Subject != nil {
		st = fb.valueType(e.Subject)
		if isAggregate(st) {
			fb.unsupported(e.Subject, "matching a value of type "+st.String())
		}
		v := fb.temp(lirType(st))
		fb.b.Assign(v, fb.value(e.Subject))
		subj = fb.f.Reg(v)
	}
	done := fb.newLabel("endmatch")
	for _, arm := range e.Arms {
		body, next := fb.newLabel("arm"), fb.newLabel("nextarm")
		for _, p := range arm.Patterns {
			if id, ok := p.(*ast.Ident); ok && id.Name == "_" {
				fb.jump(body)
				break
			}
			var cond lir.Operand
			switch {
			case isPattern(p) != nil:
				is := isPattern(p)
				cond = fb.isTest(is, subj, st, fb.typeOf(is.Type))
			case e.Subject == nil:
				cond = fb.value(p)
			default:
				cond = fb.compare(lex.EQL, subj, fb.valueAs(p, st), st)
			}
			alt := fb.newLabel("alt")
			fb.branch(cond, body, alt)
			fb.label(alt)
		}
		if !fb.dead {
			fb.jump(next)
		}
		fb.label(body)
		for _, p := range arm.Patterns {
			if is := isPattern(p); is != nil && is.Bind != nil {
				fb.bindIs(is, subj, st)
			}
		}
		fb.armBody(arm.Body, t, hasValue, r)
		if !fb.dead {
			fb.jump(done)
		}
		fb.label(next)
	}
	// Matches are exhaustive: no arm matching cannot happen.
	fb.b.Unreachable()
	fb.dead = true
	fb.label(done)
	if !hasValue {
		return lir.Operand{}
	}
	return fb.f.Reg(r)
}

func isPattern(p ast.Expr) *ast.IsExpr {
	is, _ := p.(*ast.IsExpr)
	return is
}

// armBody lowers an arm's body; an arm's value is its expression, or the
// last expression statement of its block.
func (fb *funcBuilder) armBody(body ast.Node, t sema.Type, hasValue bool, r lir.Value) {
	switch b := body.(type) {
	case *ast.BlockStmt:
		list := b.List
		if hasValue && len(list) > 0 {
			if last, ok := list[len(list)-1].(*ast.ExprStmt); ok {
				fb.stmts(list[:len(list)-1])
				if !fb.dead {
					fb.b.Assign(r, fb.rvalueAs(last.X, t))
				}
				return
			}
		}
		fb.stmts(list)
	case ast.Expr:
		if !hasValue {
			fb.expr(b)
			return
		}
		v := fb.rvalueAs(b, t)
		if !fb.dead {
			fb.b.Assign(r, v)
		}
	default:
		fb.unsupported(body, "this match arm")
	}
}

// isExpr lowers x is T [name] in an expression: the test, and when it
// holds, the binding (which only the then-branch of an if can see).
func (fb *funcBuilder) isExpr(e *ast.IsExpr) lir.Operand {
	st := fb.valueType(e.X)
	v := fb.temp(lir.Ptr)
	fb.b.Assign(v, fb.value(e.X))
	cond := fb.isTest(e, fb.f.Reg(v), st, fb.typeOf(e.Type))
	if e.Bind == nil {
		return cond
	}
	c := fb.temp(lir.I8)
	fb.b.Assign(c, cond)
	bind, done := fb.newLabel("bind"), fb.newLabel("bound")
	fb.declareIsVar(e)
	fb.branch(fb.f.Reg(c), bind, done)
	fb.label(bind)
	fb.bindIs(e, fb.f.Reg(v), st)
	fb.label(done)
	return fb.f.Reg(c)
}

// isTest tests whether box x of type st (any, a union or a nullable)
// holds a value of type T. Boxes record only a Kind, so T must be told
// apart from the union's other terms by it.
func (fb *funcBuilder) isTest(n ast.Node, x lir.Operand, st, t sema.Type) lir.Operand {
	if !isBoxed(st) {
		fb.unsupported(n, "is on "+st.String())
	}
	kind := valueKind(t)
	if kind == kindNull {
		return fb.b.Compare(lir.OpEq, x, lir.Int(lir.Ptr, 0))
	}
	nonNull := fb.b.Compare(lir.OpNe, x, lir.Int(lir.Ptr, 0))
	if u, ok := st.Underlying().(*sema.Union); ok && len(u.Terms) == 2 && u.Nullable() {
		return nonNull // T? holds a T or null
	}
	if !kindIdentifies(st, t) {
		fb.unsupported(n, "telling "+t.String()+" from the other types of "+st.String())
	}
	r := fb.temp(lir.I8)
	fb.b.Assign(r, nonNull)
	load, done := fb.newLabel("kind"), fb.newLabel("kinddone")
	fb.branch(fb.f.Reg(r), load, done)
	fb.label(load)
	k := fb.b.Load(lir.I64, x, 0)
	fb.b.Assign(r, fb.b.Compare(lir.OpEq, k, lir.Int(lir.I64, kind)))
	fb.label(done)
	return fb.f.Reg(r)
}

// kindIdentifies reports whether a box of type st holding kind
// valueKind(t) can only hold a t.
func kindIdentifies(st, t sema.Type) bool {
	u, ok := st.Underlying().(*sema.Union)
	if !ok {
		return false // any: an i32 and an int are both KindInt
	}
	for _, term := range u.Terms {
		if !sema.Identical(term, t) && valueKind(term) == valueKind(t) {
			return false
		}
	}
	return true
}

// declareIsVar declares the variable of an is binding.
func (fb *funcBuilder) declareIsVar(e *ast.IsExpr) {
	id, ok := e.Bind.(*ast.Ident)
	if !ok {
		fb.unsupported(e.Bind, "destructuring in an is pattern")
	}
	if v, ok := fb.m.info.Defs[id].(*sema.Var); ok && v != nil && fb.vars[v] == nil {
		fb.declare(v, fb.zero(e, v.Type()))
	}
}

// bindIs assigns the value in box x to the variable of an is binding.
func (fb *funcBuilder) bindIs(e *ast.IsExpr, x lir.Operand, st sema.Type) {
	fb.declareIsVar(e)
	v := fb.m.info.Defs[e.Bind.(*ast.Ident)].(*sema.Var)
	if v == nil {
		return
	}
	fb.storeVar(e, v, fb.unbox(x, fb.typeOf(e.Type)))
}

// unbox returns the value of type t in box x.
func (fb *funcBuilder) unbox(x lir.Operand, t sema.Type) lir.Operand {
	if isBoxed(t) {
		return x
	}
	bits := fb.b.Load(lir.I64, x, 8)
	if lirType(t) == lir.F32 {
		f := fb.b.Convert(lir.OpBitcast, lir.F64, bits)
		return fb.b.Convert(lir.OpFTrunc, lir.F32, f)
	}
	return fb.fromBits(bits, t)
}

// assert lowers x as T from a box: the value when the box holds a T,
// else the panic "type assert failed" (builtins.md §5). The reference
// reports the end of the first token of x.
func (fb *funcBuilder) assert(e *ast.AsExpr, x lir.Operand, from, to sema.Type) lir.Operand {
	if !isBoxed(from) {
		fb.unsupported(e, "this type assertion")
	}
	ok, fail := fb.newLabel("assertok"), fb.newLabel("assertfail")
	v := fb.temp(lir.Ptr)
	fb.b.Assign(v, x)
	fb.branch(fb.isTest(e, fb.f.Reg(v), from, to), ok, fail)
	fb.label(fail)
	fb.rtcall(lir.Void, "Panic", fb.strConst("type assert failed"), fb.pos(fb.m.tokenEnd(e.X.Pos())))
	fb.b.Unreachable()
	fb.label(ok)
	return fb.unbox(fb.f.Reg(v), to)
}
