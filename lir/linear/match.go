package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// match lowers a match expression or statement: the subject is
// evaluated once and the arms are tried in order; a value pattern is
// compared with ==, an is pattern tests the dynamic kind, and a match
// without subject tests each pattern as a condition (semantics.md §9.3).
func (fb *funcBuilder) match(e *ast.MatchExpr) lir.Operand {
	t := fb.typeOf(e) // void for a match statement
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
				cond = fb.isPatternTest(isPattern(p), subj, st)
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
		// The arm is a block: its defers run after its value is made.
		fb.openBlock()
		fb.blockValue(b.List, t, hasValue, r)
		fb.closeBlock()
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

// blockValue lowers the statements of a block whose value, when
// hasValue, is that of its last statement if it is an expression
// statement, assigned to r; it reports whether the block ends so.
func (fb *funcBuilder) blockValue(list []ast.Stmt, t sema.Type, hasValue bool, r lir.Value) bool {
	if hasValue && len(list) > 0 {
		if last, ok := list[len(list)-1].(*ast.ExprStmt); ok {
			fb.stmts(list[:len(list)-1])
			if !fb.dead {
				fb.b.Assign(r, fb.rvalueAs(last.X, t))
			}
			return true
		}
	}
	fb.stmts(list)
	return false
}

// isExpr lowers x is T [name] in an expression: the test, and when it
// holds, the binding (which only the then-branch of an if can see).
func (fb *funcBuilder) isExpr(e *ast.IsExpr) lir.Operand {
	st := fb.valueType(e.X)
	v := fb.temp(lir.Ptr)
	fb.b.Assign(v, fb.value(e.X))
	cond := fb.isPatternTest(e, fb.f.Reg(v), st)
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

// isTest tests whether x, a value of static type st (any, a union, a
// nullable or an interface), holds a value of dynamic type t: boxes and
// method tables record the descriptor of the type the value had when it
// was converted, and descriptors are unique per type, so the test is one
// comparison of addresses.
func (fb *funcBuilder) isTest(n ast.Node, x lir.Operand, st, t sema.Type) lir.Operand {
	if isIface(st) {
		tab := fb.b.Load(lir.Ptr, x, abi.IfaceOffItab)
		dyn := fb.b.Load(lir.Ptr, tab, abi.ItabOffType)
		return fb.b.Compare(lir.OpEq, dyn, fb.typeDesc(n, t))
	}
	if !isBoxed(st) {
		fb.unsupported(n, "is on "+st.String())
	}
	if valueKind(t) == abi.KindNull {
		return fb.b.Compare(lir.OpEq, x, lir.Int(lir.Ptr, 0))
	}
	nonNull := fb.b.Compare(lir.OpNe, x, lir.Int(lir.Ptr, 0))
	if u, ok := st.Underlying().(*sema.Union); ok && len(u.Terms) == 2 && u.Nullable() {
		return nonNull // T? holds a T or null
	}
	desc := fb.typeDesc(n, t)
	r := fb.temp(lir.I8)
	fb.b.Assign(r, nonNull)
	load, done := fb.newLabel("type"), fb.newLabel("typedone")
	fb.branch(fb.f.Reg(r), load, done)
	fb.label(load)
	dyn := fb.b.Load(lir.Ptr, x, abi.AnyOffType)
	fb.b.Assign(r, fb.b.Compare(lir.OpEq, dyn, desc))
	fb.label(done)
	return fb.f.Reg(r)
}

// declareIsVar declares the variable of an is binding.
func (fb *funcBuilder) declareIsVar(e *ast.IsExpr) {
	fb.declarePattern(e.Bind) // a name, or a tuple pattern (tagged.go)
}

// bindIs assigns the value in box x to the variable of an is binding.
func (fb *funcBuilder) bindIs(e *ast.IsExpr, x lir.Operand, st sema.Type) {
	fb.declareIsVar(e)
	if taggedOf(st) != nil {
		fb.bindVariant(e, x, st) // a variant's payload (tagged.go)
		return
	}
	v := fb.m.info.Defs[e.Bind.(*ast.Ident)].(*sema.Var)
	if v == nil {
		return
	}
	fb.storeVar(e, v, fb.unboxFrom(x, st, fb.typeOf(e.Type)))
}

// unbox returns the value of type t in x, a box (Any) or an interface
// value (Iface) known to hold one: both keep the bits at offset 8. A
// struct or tuple is copied: the box keeps its own.
func (fb *funcBuilder) unbox(x lir.Operand, t sema.Type) lir.Operand {
	if isBoxed(t) {
		return x
	}
	v := fb.unboxBits(fb.b.Load(lir.I64, x, abi.AnyOffValue), t)
	if isAggregate(t) {
		v = fb.copyValue(v, t)
	}
	return v
}

// assert lowers x as T from a box or an interface value: the value when
// x holds a T, else the panic "type assert failed" (builtins.md §5) at
// the position the reference records for x (refEnd).
func (fb *funcBuilder) assert(e *ast.AsExpr, x lir.Operand, from, to sema.Type) lir.Operand {
	if sema.Identical(from, to) {
		return x // v as T in an instance where v is a T already (T = any)
	}
	if !isBoxed(from) && !isIface(from) {
		fb.unsupported(e, "this type assertion")
	}
	ok, fail := fb.newLabel("assertok"), fb.newLabel("assertfail")
	v := fb.temp(lir.Ptr)
	fb.b.Assign(v, x)
	fb.branch(fb.isTest(e, fb.f.Reg(v), from, to), ok, fail)
	fb.label(fail)
	if ctx := fb.catching(); ctx != nil {
		// An error a catch here intercepts (errors.go).
		fb.raiseRuntime(e, ctx, fb.strConst("type assert failed"))
	} else {
		fb.rtcall(lir.Void, "Panic", fb.strConst("type assert failed"), fb.pos(fb.m.refEnd(e.X)))
		fb.b.Unreachable()
	}
	fb.label(ok)
	return fb.unboxFrom(fb.f.Reg(v), from, to)
}
