package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// stmts lowers a statement list; code after a return, break or
// continue is never reached and is not lowered.
func (fb *funcBuilder) stmts(list []ast.Stmt) {
	for _, s := range list {
		if fb.dead {
			return
		}
		fb.stmt(s)
	}
}

// stmt lowers one statement.
func (fb *funcBuilder) stmt(s ast.Stmt) {
	if fb.m.conf.StatementPos {
		defer fb.leavePos(fb.enterStmtPos(s))
	}
	switch s := s.(type) {
	case *ast.ExprStmt:
		if c, ok := s.X.(*ast.CatchExpr); ok {
			fb.catchExpr(c, true) // errors.go
			return
		}
		fb.expr(s.X)
	case *ast.VarDecl:
		fb.varDecl(s)
	case *ast.ConstDecl, *ast.TypeDecl:
		// Constants are folded into their uses; local types have no code.
	case *ast.AssignStmt:
		fb.assign(s)
	case *ast.BlockStmt:
		fb.block(s.List)
	case *ast.IfStmt:
		fb.ifStmt(s)
	case *ast.ForStmt:
		fb.forCond(s)
	case *ast.ForCStmt:
		fb.forC(s)
	case *ast.ForRangeStmt:
		fb.forRange(s)
	case *ast.ForInStmt:
		fb.forIn(s)
	case *ast.ReturnStmt:
		fb.returnStmt(s)
	case *ast.BranchStmt:
		fb.branchStmt(s)
	case *ast.ThrowStmt:
		fb.throwStmt(s) // errors.go
	case *ast.TryStmt:
		fb.tryStmt(s) // errors.go
	case *ast.DeferStmt:
		fb.deferStmt(s) // defer.go
	case *ast.SelectStmt:
		fb.selectStmt(s) // coroutine.go
	default:
		fb.unsupported(s, "this statement")
	}
}

// varDecl lowers var x = v, T x = v and var (a, b) = v.
func (fb *funcBuilder) varDecl(d *ast.VarDecl) {
	if d.Bind != nil {
		fb.bind(d.Bind, fb.value(d.Value), fb.valueType(d.Value))
		return
	}
	v, _ := fb.m.info.Defs[d.Name].(*sema.Var)
	var val lir.Operand
	switch {
	case d.Value != nil && v != nil:
		val = fb.rvalueAs(d.Value, fb.varType(v))
	case d.Value != nil:
		fb.expr(d.Value)
		return
	case v != nil:
		val = fb.zero(d, fb.varType(v))
	}
	fb.declare(v, val)
	if v != nil {
		fb.keepLen(v) // access.go
	}
}

// bind declares the variables of a destructuring pattern from the
// elements of tuple tup of type t.
func (fb *funcBuilder) bind(p *ast.BindPattern, tup lir.Operand, t sema.Type) {
	elems := fields(t)
	if len(elems) != len(p.Elts) {
		fb.unsupported(p, "this destructuring")
	}
	l := aggregateLayout(t)
	for i, e := range p.Elts {
		x := fb.b.Load(l.ts[i], tup, l.offs[i])
		switch e := e.(type) {
		case *ast.Ident:
			if v, ok := fb.m.info.Defs[e].(*sema.Var); ok && v != nil {
				if isAggregate(elems[i]) {
					x = fb.copyValue(x, elems[i])
				}
				fb.declare(v, x)
			}
		case *ast.BindPattern:
			fb.bind(e, x, elems[i])
		default:
			fb.unsupported(e, "this pattern")
		}
	}
}

// assign lowers x = v, x op= v and (a, b) = v. Reading and storing x
// have the position of x (a nil pointer on the left is reported there),
// the operation of x op= v that of v, as in x = x op v (srcpos.go).
// vecAssign lowers v[i] = x as the reference runs it: v, i and x are
// evaluated first, then the index is checked — an index out of range is
// reported at the end of x (the last argument of its vec_assign call).
func (fb *funcBuilder) vecAssign(ix *ast.IndexExpr, vt *sema.Vec, rhs ast.Expr) {
	v := fb.hold(fb.value(ix.X))
	i := fb.hold(fb.index64(ix.Index))
	x := fb.hold(fb.rvalueAs(rhs, vt.Elem))
	n, _ := fb.knownLen(ix.X)
	addr := fb.vecElemAddr(ix, v, i, n, fb.knownData(ix.X), int64(lirType(vt.Elem).Size()), fb.m.refEnd(rhs))
	fb.store(&lvalue{kind: lvMem, t: vt.Elem, node: ix, base: addr}, x)
}

func (fb *funcBuilder) assign(s *ast.AssignStmt) {
	defer fb.leavePos(fb.enterPosOf(s.Lhs))
	if s.Op == lex.ASSIGN {
		if tup, ok := ast.Unparen(s.Lhs).(*ast.TupleExpr); ok {
			fb.tupleAssign(tup, s.Rhs)
			return
		}
		if ix, ok := ast.Unparen(s.Lhs).(*ast.IndexExpr); ok {
			if vt, ok := fb.typeOf(ix.X).Underlying().(*sema.Vec); ok {
				fb.vecAssign(ix, vt, s.Rhs)
				return
			}
		}
		lv := fb.lvalue(s.Lhs)
		fb.store(lv, fb.rvalueAs(s.Rhs, lv.t))
		return
	}
	op, ok := compoundOps[s.Op]
	if !ok {
		fb.unsupported(s, "operator "+s.Op.String())
	}
	t := fb.subst(fb.m.info.CompoundOps[s])
	if t == nil {
		t = fb.typeOf(s.Lhs)
	}
	lv := fb.lvalue(s.Lhs)
	var old lir.Operand
	if lv.kind == lvMap {
		old = fb.loadOrZero(lv)
	} else {
		old = fb.load(lv)
	}
	y := fb.value(s.Rhs)
	at := fb.enterPosOf(s.Rhs)
	v := fb.arith(s, op, old, y, t)
	fb.leavePos(at)
	fb.store(lv, v)
}

var compoundOps = map[lex.Token]lex.Token{
	lex.ADD_ASSIGN: lex.ADD, lex.SUB_ASSIGN: lex.SUB, lex.MUL_ASSIGN: lex.MUL,
	lex.QUO_ASSIGN: lex.QUO, lex.REM_ASSIGN: lex.REM, lex.AND_ASSIGN: lex.AND,
	lex.OR_ASSIGN: lex.OR, lex.XOR_ASSIGN: lex.XOR, lex.SHL_ASSIGN: lex.SHL,
	lex.SHR_ASSIGN: lex.SHR,
}

// tupleAssign lowers (a, b) = v: the right side is evaluated completely
// before any target is written, so (x, y) = (y, x) swaps.
func (fb *funcBuilder) tupleAssign(lhs *ast.TupleExpr, rhs ast.Expr) {
	var vals []lir.Operand
	if r, ok := ast.Unparen(rhs).(*ast.TupleExpr); ok && len(r.Elts) == len(lhs.Elts) {
		for _, e := range r.Elts {
			v := fb.rvalue(e)
			if v.Kind == lir.RegOperand {
				// Keep the value: a later target may reassign its register.
				t := fb.temp(v.Type)
				fb.b.Assign(t, v)
				v = fb.f.Reg(t)
			}
			vals = append(vals, v)
		}
	} else {
		t := fb.valueType(rhs)
		tup := fb.value(rhs)
		l := aggregateLayout(t)
		if len(l.ts) != len(lhs.Elts) {
			fb.unsupported(lhs, "this tuple assignment")
		}
		elems := fields(t)
		for i := range lhs.Elts {
			v := fb.b.Load(l.ts[i], tup, l.offs[i])
			if isAggregate(elems[i]) {
				v = fb.copyValue(v, elems[i])
			}
			vals = append(vals, v)
		}
	}
	for i, e := range lhs.Elts {
		if t, ok := ast.Unparen(e).(*ast.TupleExpr); ok {
			fb.unsupported(t, "nested tuple assignment")
		}
		fb.store(fb.lvalue(e), vals[i])
	}
}

// ifStmt lowers if/else chains.
func (fb *funcBuilder) ifStmt(s *ast.IfStmt) {
	then, done := fb.newLabel("then"), fb.newLabel("endif")
	els := done
	if s.Else != nil {
		els = fb.newLabel("else")
	}
	fb.branch(fb.value(s.Cond), then, els)
	fb.label(then)
	fb.block(s.Body.List)
	if s.Else != nil {
		if !fb.dead {
			fb.jump(done)
		}
		fb.label(els)
		fb.stmt(s.Else)
	}
	fb.label(done)
}

// loopBody lowers a loop body with break going to brk and continue to
// cont.
func (fb *funcBuilder) loopBody(body *ast.BlockStmt, brk, cont lir.BlockID) {
	fb.loops = append(fb.loops, loop{brk: brk, cont: cont, depth: len(fb.flow.blocks)})
	fb.block(body.List)
	fb.loops = fb.loops[:len(fb.loops)-1]
}

// backEdge jumps back to a loop's head; the safepoint lets a collector
// stop a loop that makes no calls.
func (fb *funcBuilder) backEdge(head lir.BlockID) {
	if fb.dead {
		return
	}
	fb.b.Safepoint()
	fb.jump(head)
}

// forCond lowers for cond { body } (cond may be absent).
func (fb *funcBuilder) forCond(s *ast.ForStmt) {
	fb.condLoop(s.Cond, s.Body, nil)
}

// forC lowers for init; cond; post { body }.
func (fb *funcBuilder) forC(s *ast.ForCStmt) {
	if s.Init != nil {
		fb.stmt(s.Init)
	}
	fb.condLoop(s.Cond, s.Body, s.Post)
}

// condLoop lowers a loop that tests cond (if not nil) before every
// iteration of body and runs post (if not nil) after each, on continue
// too.
func (fb *funcBuilder) condLoop(cond ast.Expr, body *ast.BlockStmt, post ast.Stmt) {
	head, bodyL := fb.newLabel("loop"), fb.newLabel("body")
	cont := head
	if post != nil {
		cont = fb.newLabel("next")
	}
	done := fb.newLabel("endloop")
	fb.label(head)
	if cond != nil {
		fb.branch(fb.value(cond), bodyL, done)
	}
	fb.label(bodyL)
	fb.loopBody(body, done, cont)
	if post != nil {
		fb.label(cont)
		fb.stmt(post)
	}
	fb.backEdge(head)
	fb.label(done)
}

// forRange lowers for i in a..b: one variable i starting at a, the bound
// b evaluated before every iteration (spec/semantics.md §9.2).
func (fb *funcBuilder) forRange(s *ast.ForRangeStmt) {
	v, _ := fb.m.info.Defs[s.Key].(*sema.Var)
	if v == nil {
		fb.unsupported(s, "a range loop without a variable")
	}
	t := fb.varType(v)
	fb.declare(v, fb.valueAs(s.Low, t))
	head, body, cont, done := fb.newLabel("loop"), fb.newLabel("body"), fb.newLabel("next"), fb.newLabel("endloop")
	fb.label(head)
	hi := fb.valueAs(s.High, t)
	fb.branch(fb.compare(lex.LSS, fb.loadVar(s, v), hi, t), body, done)
	fb.label(body)
	fb.loopBody(s.Body, done, cont)
	fb.label(cont)
	fb.storeVar(s, v, fb.b.Binary(lir.OpAdd, fb.loadVar(s, v), lir.Int(lirType(t), 1)))
	fb.backEdge(head)
	fb.label(done)
}

// returnStmt lowers return [v]: v is evaluated, then the defers of
// every block run (defer.go), then the function returns. (The reference
// reads a returned local variable after the defers: spec/semantics.md
// §4.2 advises against it, and docs/linear.md says why we do not.)
func (fb *funcBuilder) returnStmt(s *ast.ReturnStmt) {
	var v lir.Operand
	if s.Result == nil || fb.f.Result == lir.Void {
		if s.Result != nil {
			fb.expr(s.Result)
		}
	} else {
		v = fb.rvalueAs(s.Result, fb.sig.Result)
	}
	if fb.dead {
		return
	}
	if !fb.pendingDefers(0) {
		fb.b.Return(v)
		fb.dead = true
		return
	}
	v = fb.hold(v)
	fb.runDefers(0)
	if fb.dead {
		return
	}
	fb.b.Return(v)
	fb.dead = true
}

// branchStmt lowers break and continue.
func (fb *funcBuilder) branchStmt(s *ast.BranchStmt) {
	if len(fb.loops) == 0 {
		fb.unsupported(s, s.Tok.String()+" outside a loop")
	}
	l := fb.loops[len(fb.loops)-1]
	fb.runDefers(l.depth)
	if fb.dead {
		return
	}
	if s.Tok == lex.BREAK {
		fb.jump(l.brk)
	} else {
		fb.jump(l.cont)
	}
}
