package sema

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// funcBody checks the body of a function, method or closure. The
// parameters and the top level of the body share one scope (semantics.md
// §2.2).
func (c *checker) funcBody(f *Func, ft *ast.FuncType, body *ast.BlockStmt) {
	sig := f.Signature()
	c.fn = &funcCtx{
		obj:     f,
		sig:     sig,
		outer:   c.fn,
		errable: sig.Errable || (f.Decl != nil && f.RecvType == nil && f.name == "main" && f.pkg == c.info.Main),
	}
	c.openScope(ft)
	for _, tp := range sig.TypeParams {
		c.scope.Insert(tp.Obj)
	}
	if sig.Recv != nil {
		sig.Recv.Func = f
		c.scope.Insert(sig.Recv)
		c.locals++
		if ft.Self != nil {
			c.info.Implicits[ft.Self] = sig.Recv
		}
	}
	for i, p := range sig.Params {
		p.Func = f
		if p.name == "" {
			continue
		}
		if i < len(ft.Params) && ft.Params[i].Name != nil {
			c.def(ft.Params[i].Name, p)
		}
		if c.scope.Insert(p) != nil {
			c.errorf(p.pos, "redeclare ident '%s'", p.name)
		}
		c.locals++
	}
	c.stmtList(body.List)
	c.closeScope()
	c.sortCaptures()
	if !IsVoid(sig.Result) && !isInvalid(sig.Result) && !terminatesList(body.List) {
		pos := ft.Pos()
		if f.Decl != nil {
			pos = f.Decl.Fn
		}
		c.errorf(pos, "fn %s missing return", f.FullName())
	}
}

func (c *checker) stmtList(list []ast.Stmt) {
	for _, s := range list {
		c.stmt(s)
	}
}

func (c *checker) block(b *ast.BlockStmt) {
	if b == nil {
		return
	}
	c.openScope(b)
	c.stmtList(b.List)
	c.closeScope()
}

func (c *checker) stmt(s ast.Stmt) {
	if !c.enter(s) {
		return
	}
	defer c.leave()
	switch s := s.(type) {
	case *ast.ExprStmt:
		c.exprStmt(s)
	case *ast.VarDecl:
		c.localVar(s)
	case *ast.ConstDecl:
		c.localConst(s)
	case *ast.TypeDecl:
		c.localType(s)
	case *ast.AssignStmt:
		c.assignStmt(s)
	case *ast.BlockStmt:
		c.block(s)
	case *ast.IfStmt:
		c.ifStmt(s)
	case *ast.ForStmt:
		c.condition(s.Cond)
		c.loopBody(s.Body)
	case *ast.ForCStmt:
		c.openScope(s)
		if s.Init != nil {
			c.stmt(s.Init)
		}
		if s.Cond != nil {
			c.condition(s.Cond)
		}
		if s.Post != nil {
			c.stmt(s.Post)
		}
		c.loopBody(s.Body)
		c.closeScope()
	case *ast.ForInStmt:
		c.forIn(s)
	case *ast.ForRangeStmt:
		c.forRange(s)
	case *ast.ReturnStmt:
		c.returnStmt(s)
	case *ast.BranchStmt:
		c.branch(s)
	case *ast.ThrowStmt:
		c.throwStmt(s)
	case *ast.TryStmt:
		c.tryStmt(s)
	case *ast.DeferStmt:
		c.deferStmt(s)
	case *ast.SelectStmt:
		c.selectStmt(s)
	case *ast.BadStmt, nil:
	}
}

func (c *checker) exprStmt(s *ast.ExprStmt) {
	switch x := s.X.(type) {
	case *ast.MatchExpr:
		c.record(x, c.match(x, nil, true).typeAndValue())
		return
	case *ast.CatchExpr:
		c.catchExpr(x, nil)
		return
	}
	c.exprVoid(s.X, nil)
}

func (c *checker) loopBody(b *ast.BlockStmt) {
	if c.fn != nil {
		c.fn.loops++
		defer func() { c.fn.loops-- }()
	}
	c.block(b)
}

// newLocal makes a local variable of the current function.
func (c *checker) newLocal(id *ast.Ident, t Type) *Var {
	v := &Var{object: object{name: id.Name, typ: t, pos: id.Pos(), pkg: c.pkg}, Kind: LocalVar}
	if c.fn != nil {
		v.Func = c.fn.obj
	}
	return v
}

// declare inserts a local object into the current scope.
func (c *checker) declare(id *ast.Ident, obj Object) {
	if id != nil {
		c.declareAt(id, obj, id.Pos())
	}
}

// declareAt is declare with the anchor of a redeclaration error: the
// reference reports it at the last node of a variable's initialiser
// (the last node of the body of a closure).
func (c *checker) declareAt(id *ast.Ident, obj Object, pos lex.Pos) {
	c.def(id, obj)
	if id == nil {
		return
	}
	switch obj.(type) {
	case *Var, *Const:
		c.locals++ // the reference numbers closures with its locals
	}
	if c.scope.Insert(obj) != nil {
		c.errorf(pos, "redeclare ident '%s'", id.Name)
	}
}

// initEnd is the anchor of a redeclaration of a variable initialised
// with e.
func (c *checker) initEnd(e ast.Expr) lex.Pos {
	if lit, ok := ast.Unparen(e).(*ast.FuncLit); ok && lit.Body != nil && len(lit.Body.List) > 0 {
		return c.lastNode(lit.Body)
	}
	return c.last(e)
}

func (c *checker) localVar(d *ast.VarDecl) {
	if d.Value == nil {
		return
	}
	if d.Bind != nil {
		x := c.expr(d.Value, nil)
		var vars []struct {
			id *ast.Ident
			v  *Var
		}
		c.bindTuple(d.Bind, x.typ, c.last(d.Value), func(id *ast.Ident, t Type) {
			vars = append(vars, struct {
				id *ast.Ident
				v  *Var
			}{id, c.newLocal(id, t)})
		})
		for _, p := range vars {
			c.declare(p.id, p.v)
		}
		return
	}
	var t Type
	if d.Type != nil {
		t = c.typ(d.Type)
		if IsVoid(t) {
			c.errorf(d.Type.Pos(), "cannot assign to void")
			t = Typ[Invalid]
		}
		c.checkValue(d.Value, t)
	} else {
		x := c.expr(d.Value, nil)
		t = c.inferredType(d.Value, x)
	}
	if d.Name != nil {
		c.declareAt(d.Name, c.newLocal(d.Name, t), c.initEnd(d.Value))
	}
}

// inferredType is the type of var x = value.
func (c *checker) inferredType(e ast.Expr, x operand) Type {
	if x.mode == NoValue && IsVoid(x.typ) {
		c.errorf(c.last(e), "cannot assign void to var")
		return Typ[Invalid]
	}
	if x.mode == TypeExpr || x.mode == BuiltinFn || x.mode == PkgExpr {
		c.errorf(c.last(e), "type inconsistency, expect=%s, actual=%s", "value", exprText(e))
		return Typ[Invalid]
	}
	return x.typ
}

// bindTuple matches a destructuring pattern against type t and calls
// bind for every identifier with its element type; pos anchors the
// errors (the last node of the value).
func (c *checker) bindTuple(b *ast.BindPattern, t Type, pos lex.Pos, bind func(*ast.Ident, Type)) {
	tup, ok := t.Underlying().(*Tuple)
	if !ok {
		if !isInvalid(t) {
			c.errorf(pos, "cannot assign type '%s' to tuple", longType(t))
		}
		for _, id := range bindIdents(b) {
			bind(id, Typ[Invalid])
		}
		return
	}
	if len(tup.Elems) != len(b.Elts) {
		c.errorf(pos, "tuple destr length != tuple operand length")
	}
	for i, e := range b.Elts {
		et := Type(Typ[Invalid])
		if i < len(tup.Elems) {
			et = tup.Elems[i]
		}
		switch e := e.(type) {
		case *ast.Ident:
			bind(e, et)
		case *ast.BindPattern:
			c.bindTuple(e, et, pos, bind)
		}
	}
}

func (c *checker) localConst(d *ast.ConstDecl) {
	if d.Name == nil {
		return
	}
	k := &Const{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: c.pkg}}
	c.constDecl(k, d)
	c.declare(d.Name, k)
}

func (c *checker) localType(d *ast.TypeDecl) {
	if d.Name == nil {
		return
	}
	if len(d.TypeParams) > 0 {
		c.errorf(d.Pos(), "local typedef cannot with params")
	}
	if len(d.Impls) > 0 {
		c.errorf(d.Pos(), "local typedef cannot with impls")
	}
	tn := &TypeName{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: c.pkg}, Decl: d}
	NewNamed(tn, nil)
	c.declare(d.Name, tn)
	c.declStack = append(c.declStack, tn)
	c.typeDecl(tn, d)
	c.declStack = c.declStack[:len(c.declStack)-1]
}

func (c *checker) ifStmt(s *ast.IfStmt) {
	binds := c.conditionBinds(s.Cond)
	c.openScope(s.Body)
	for _, b := range binds {
		c.declare(b.id, b.v)
	}
	c.stmtList(s.Body.List)
	c.closeScope()
	switch e := s.Else.(type) {
	case *ast.IfStmt:
		c.ifStmt(e)
	case *ast.BlockStmt:
		c.block(e)
	}
}

type condBind struct {
	id *ast.Ident
	v  *Var
}

// conditionBinds checks an if condition and returns the variables its
// is-test binds (visible only in the then-block, semantics.md §9.1).
func (c *checker) conditionBinds(cond ast.Expr) []condBind {
	saved, savedCount := c.binds, c.isCount
	c.binds, c.isCount = nil, 0
	c.condition(cond)
	binds, count := c.binds, c.isCount
	c.binds, c.isCount = saved, savedCount
	if count > 1 {
		c.errorf(c.secondIs(cond), "condition expr cannot contains multiple is expr")
	}
	return binds
}

// condition checks a bool condition.
func (c *checker) condition(e ast.Expr) {
	x := c.expr(e, Typ[Bool])
	if tp, ok := x.typ.(*TypeParam); ok {
		c.errorf(c.last(e), "generic param '%s' cannot be used as bool value", tp.Obj.name)
		return
	}
	c.assignOperand(e, x, Typ[Bool])
}

func (c *checker) forIn(s *ast.ForInStmt) {
	x := c.expr(s.X, nil)
	t := x.typ
	fi := &ForIn{X: t}
	var keyT, valT Type = Typ[Invalid], nil
	switch u := t.Underlying().(type) {
	case *Vec:
		fi.Kind, keyT, valT = IterVec, u.Elem, u.Elem
	case *Map:
		fi.Kind, keyT, valT = IterMap, u.Key, u.Elem
	case *Chan:
		fi.Kind, keyT = IterChan, u.Elem
		if s.Value != nil {
			c.errorf(c.last(s.X), "for chan only have one receive parameter")
		}
	case *Basic:
		if u.Kind == String {
			fi.Kind, keyT, valT = IterString, Typ[U8], Typ[U8]
		}
	}
	if fi.Kind == 0 && !isInvalid(t) {
		c.errorf(c.last(s.X), "for in iterate type must be map/list/string/chan, actual=%s", longType(t))
	}
	if s.Value != nil && (fi.Kind == IterVec || fi.Kind == IterString) {
		keyT = Int
	}
	if valT == nil {
		valT = Typ[Invalid]
	}
	c.openScope(s)
	// A loop has one variable for its whole run, which each iteration
	// assigns.
	fi.Key = c.newLocal(s.Key, keyT)
	fi.Key.Assigned = true
	c.declare(s.Key, fi.Key)
	if s.Value != nil {
		fi.Value = c.newLocal(s.Value, valT)
		fi.Value.Assigned = true
		c.declare(s.Value, fi.Value)
	}
	c.info.ForIns[s] = fi
	c.loopBody(s.Body)
	c.closeScope()
}

func (c *checker) forRange(s *ast.ForRangeStmt) {
	var t Type
	if isUntypedConstExpr(s.High) && !isUntypedConstExpr(s.Low) {
		// The loop variable has the type of the end; an untyped end takes
		// the type of a typed start.
		lo := c.expr(s.Low, nil)
		t = c.expr(s.High, lo.typ).typ
	} else {
		t = c.expr(s.High, nil).typ
		if IsInteger(t) {
			c.checkValue(s.Low, t)
		} else {
			c.expr(s.Low, nil)
		}
	}
	if !IsInteger(t) && !isInvalid(t) {
		c.errorf(c.last(s.High), "for range end type must be integer, actual=%s", longType(t))
	}
	c.openScope(s)
	key := c.newLocal(s.Key, t)
	key.Assigned = true // by each iteration
	c.declare(s.Key, key)
	c.loopBody(s.Body)
	c.closeScope()
}

// isUntypedConstExpr reports whether e is a plain literal (or a sign and
// a literal), whose type comes from context.
func isUntypedConstExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.BasicLit:
		return e.Kind == lex.INT || e.Kind == lex.FLOAT
	case *ast.UnaryExpr:
		return e.Op == lex.SUB && isUntypedConstExpr(e.X)
	case *ast.ParenExpr:
		return isUntypedConstExpr(e.X)
	}
	return false
}

func (c *checker) returnStmt(s *ast.ReturnStmt) {
	if c.fn == nil {
		return
	}
	if c.fn.deferDepth > 0 {
		c.errorf(s.Pos(), "return/break/continue/throw/ret are not allowed inside defer block")
	}
	want := c.fn.sig.Result
	if s.Result == nil {
		if !IsVoid(want) && !isInvalid(want) {
			c.errorf(s.Pos(), "fn expect return type: %s, but got void", longType(want))
		}
		return
	}
	if IsVoid(want) {
		x := c.expr(s.Result, nil)
		if !isInvalid(x.typ) {
			// The expected void reaches the left operand first.
			c.errorf(c.lastLeft(s.Result), "type inconsistency, expect=void, actual=%s", longType(x.typ))
		}
		return
	}
	c.checkValue(s.Result, want)
}

func (c *checker) branch(s *ast.BranchStmt) {
	if c.fn != nil && c.fn.deferDepth > 0 {
		c.errorf(s.Pos(), "return/break/continue/throw/ret are not allowed inside defer block")
		return
	}
	if c.fn == nil || c.fn.loops == 0 {
		if s.Tok == lex.BREAK {
			c.errorf(s.Pos(), "break must use in for stmt body")
		} else {
			c.errorf(s.Pos(), "continue must use in for stmt")
		}
	}
}

func (c *checker) throwStmt(s *ast.ThrowStmt) {
	if c.fn == nil {
		return
	}
	if c.fn.deferDepth > 0 {
		c.errorf(s.Pos(), "return/break/continue/throw/ret are not allowed inside defer block")
	}
	if !c.fn.errable {
		name := c.fn.obj.name
		if c.fn.obj.Lit != nil {
			name = "lambda"
		}
		c.errorf(s.Pos(), "can't use throw stmt in a fn without an errable! declaration. example: fn %s(...):%s!", name, shortType(c.fn.sig.Result))
	}
	x := c.expr(s.X, nil)
	c.assignOperand(s.X, x, c.univ.throwable)
}

func (c *checker) tryStmt(s *ast.TryStmt) {
	if c.fn != nil {
		c.fn.catching++
	}
	c.block(s.Body)
	if c.fn != nil {
		c.fn.catching--
	}
	c.openScope(s)
	c.errVar(s, s.Err)
	c.stmtList(s.Handler.List)
	c.closeScope()
}

// errVar declares the error variable of catch/try (type throwable).
func (c *checker) errVar(n ast.Node, id *ast.Ident) {
	if id == nil {
		return
	}
	v := c.newLocal(id, c.univ.throwable)
	c.declare(id, v)
	c.info.Implicits[n] = v
}

func (c *checker) deferStmt(s *ast.DeferStmt) {
	if c.fn != nil {
		c.fn.deferDepth++
		loops := c.fn.loops
		c.fn.loops = 0
		defer func() { c.fn.deferDepth--; c.fn.loops = loops }()
	}
	c.stmt(s.Body)
}

func (c *checker) selectStmt(s *ast.SelectStmt) {
	for i, arm := range s.Arms {
		if id, ok := arm.Call.(*ast.Ident); ok && id.Name == "_" {
			if i != len(s.Arms)-1 {
				c.errorf(s.Select, "default case '_' must be the last one in a 'select' expression")
			}
			c.block(arm.Body)
			continue
		}
		x := c.exprVoid(arm.Call, nil)
		c.openScope(arm.Body)
		if arm.Var != nil {
			t := x.typ
			if IsVoid(t) {
				c.errorf(c.last(arm.Call), "variable declaration cannot use type '%s'", "void")
				t = Typ[Invalid]
			}
			c.declare(arm.Var, c.newLocal(arm.Var, t))
		}
		c.stmtList(arm.Body.List)
		c.closeScope()
	}
}

// terminatesList reports whether a statement list cannot complete
// normally (semantics.md §4.2): it ends in return or throw, an if/else
// whose branches all terminate, or a match whose arms all terminate.
func terminatesList(list []ast.Stmt) bool {
	for i := len(list) - 1; i >= 0; i-- {
		if terminates(list[i]) {
			return true
		}
	}
	return false
}

func terminates(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt, *ast.ThrowStmt:
		return true
	case *ast.BlockStmt:
		return terminatesList(s.List)
	case *ast.IfStmt:
		if s.Else == nil {
			return false
		}
		return terminatesList(s.Body.List) && terminates(s.Else)
	case *ast.ExprStmt:
		if m, ok := s.X.(*ast.MatchExpr); ok {
			return matchTerminates(m)
		}
	case *ast.TryStmt:
		return terminatesList(s.Body.List) && terminatesList(s.Handler.List)
	}
	return false
}

func matchTerminates(m *ast.MatchExpr) bool {
	if len(m.Arms) == 0 {
		return false
	}
	for _, arm := range m.Arms {
		b, ok := arm.Body.(*ast.BlockStmt)
		if !ok || !terminatesList(b.List) {
			return false
		}
	}
	return true
}
