package parse

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// parseBlock parses { Stmt T ... }.
func (p *parser) parseBlock() *ast.BlockStmt {
	b := p.blocks.alloc()
	*b = ast.BlockStmt{Lbrace: p.pos}
	if p.tok != lex.LBRACE {
		p.errorExpected(lex.LBRACE)
		b.Rbrace = p.pos
		return b
	}
	if !p.push() {
		b.Rbrace = p.pos
		return b
	}
	defer p.pop()
	p.next()
	b.List = p.parseStmtList()
	if p.tok == lex.EOF {
		// The reference tries to read one more statement.
		p.errorf(p.pos, "cannot parser ident '%s'", p.found())
	}
	b.Rbrace = p.expect(lex.RBRACE)
	return b
}

// terminatedList calls item for each member of a list of members ended
// by terminators (statements, declarations, fields, arms) up to close or
// EOF, skipping empty members. After a member with a syntax error it
// skips to the next statement boundary; otherwise it expects a
// terminator. It always makes progress.
func (p *parser) terminatedList(close lex.Token, item func()) {
	for p.tok != close && p.tok != lex.EOF {
		if p.got(lex.SEMI) {
			continue
		}
		start, errs := p.i, p.syntaxErrs
		item()
		if p.syntaxErrs > errs {
			p.sync()
		} else {
			p.terminator()
		}
		if p.i == start {
			p.next()
		}
	}
}

// braced parses "{" members "}", calling item for each member as
// terminatedList does, and returns the positions of the braces.
func (p *parser) braced(item func()) (lbrace, rbrace lex.Pos) {
	lbrace = p.expect(lex.LBRACE)
	p.terminatedList(lex.RBRACE, item)
	return lbrace, p.expect(lex.RBRACE)
}

// bracedNames is braced for members whose names must differ (struct
// fields, union members, interface methods): item gets the names of the
// members before it, to report and add its own (repeated).
func (p *parser) bracedNames(item func(seen map[string]bool)) (lbrace, rbrace lex.Pos) {
	seen := map[string]bool{}
	return p.braced(func() { item(seen) })
}

// parseStmtList parses statements up to "}" or EOF, recovering from errors
// at statement boundaries.
func (p *parser) parseStmtList() []ast.Stmt {
	// The statements are collected on p.stmts, shared by nested lists,
	// and copied out once: one allocation per list.
	start := len(p.stmts)
	p.terminatedList(lex.RBRACE, func() {
		if s := p.parseStmt(); s != nil {
			p.stmts = append(p.stmts, s)
		}
	})
	var list []ast.Stmt
	if n := len(p.stmts) - start; n > 0 {
		list = make([]ast.Stmt, n)
		copy(list, p.stmts[start:])
		clear(p.stmts[start:])
		p.stmts = p.stmts[:start]
	}
	return list
}

// parseStmt parses one statement of a function body.
func (p *parser) parseStmt() ast.Stmt {
	switch p.tok {
	case lex.VAR:
		return p.parseVarDecl(lex.NoPos)
	case lex.CONST:
		return p.parseConstDecl(lex.NoPos)
	case lex.TYPE:
		return p.parseTypeDecl(nil, lex.NoPos)
	case lex.IF:
		return p.parseIf()
	case lex.FOR:
		return p.parseFor()
	case lex.RETURN:
		r := &ast.ReturnStmt{Return: p.pos}
		p.next()
		if !p.atStmtEnd() {
			r.Result = p.parseExpr(true)
		}
		return r
	case lex.BREAK, lex.CONTINUE:
		s := &ast.BranchStmt{TokPos: p.pos, Tok: p.tok}
		p.next()
		return s
	case lex.THROW:
		t := &ast.ThrowStmt{Throw: p.pos}
		p.next()
		t.X = p.parseExpr(true)
		return t
	case lex.TRY:
		return p.parseTry()
	case lex.DEFER:
		return p.parseDefer()
	case lex.SELECT:
		return p.parseSelect()
	case lex.TEST:
		p.error(p.pos, "test block can only appear at global scope")
		return nil
	case lex.PUB:
		p.error(p.pos, "pub can only be used at the top level")
		return nil
	case lex.LET:
		p.error(p.pos, "let is not supported")
		return nil
	}
	if p.isTypedDecl() {
		return p.parseTypedVarDecl(lex.NoPos)
	}
	return p.parseSimpleStmt()
}

// parseSimpleStmt parses an expression statement or an assignment.
func (p *parser) parseSimpleStmt() ast.Stmt {
	from := p.pos
	x := p.parseExpr(true)
	if _, bad := x.(*ast.BadExpr); bad {
		return &ast.BadStmt{From: from, To: p.pos}
	}
	if !p.tok.IsAssignOp() {
		return &ast.ExprStmt{X: x}
	}
	if _, ok := x.(*ast.CatchExpr); ok {
		p.error(p.pos, "catch cannot assign")
	}
	if t, ok := x.(*ast.TupleExpr); ok && !assignable(t) {
		p.error(t.Rparen, "tuple destr src operand assign failed")
	}
	a := p.assigns.alloc()
	*a = ast.AssignStmt{Lhs: x, OpPos: p.pos, Op: p.tok}
	p.next()
	// Only a plain "=" takes the statement-like forms (§8.7).
	a.Rhs = p.parseExpr(a.Op == lex.ASSIGN)
	return a
}

// parseVarDecl parses var name = Expr or var (a, b) = Expr.
func (p *parser) parseVarDecl(pub lex.Pos) *ast.VarDecl {
	d := &ast.VarDecl{Pub: pub, Var: p.pos}
	p.next()
	if p.tok == lex.LPAREN {
		if pub.IsValid() {
			p.error(p.pos, "pub cannot be applied to tuple destructuring") // at the (
		}
		d.Bind = p.parseBind()
	} else {
		d.Name = p.ident()
	}
	d.Assign = p.expect(lex.ASSIGN)
	d.Value = p.parseExpr(true)
	return d
}

// parseTypedVarDecl parses Type name = Expr.
func (p *parser) parseTypedVarDecl(pub lex.Pos) *ast.VarDecl {
	d := &ast.VarDecl{Pub: pub, Type: p.parseDeclType()}
	d.Name = p.ident()
	if p.tok == lex.LPAREN {
		p.error(p.pos, "only support var (a, b) this form decl assign")
	}
	d.Assign = p.expect(lex.ASSIGN)
	d.Value = p.parseExpr(true)
	return d
}

func (p *parser) parseConstDecl(pub lex.Pos) *ast.ConstDecl {
	d := &ast.ConstDecl{Pub: pub, Const: p.pos}
	p.next()
	d.Name = p.ident()
	p.expect(lex.ASSIGN)
	d.Value = p.parseExpr(true)
	return d
}

func (p *parser) parseIf() *ast.IfStmt {
	s := &ast.IfStmt{If: p.pos}
	p.next()
	s.Cond = p.parseTernary(false)
	s.Body = p.parseBlock()
	if p.got(lex.ELSE) {
		if p.tok == lex.IF {
			s.Else = p.parseIf()
		} else {
			s.Else = p.parseBlock()
		}
	}
	return s
}

// parseFor parses the four loop forms (§8.7).
func (p *parser) parseFor() ast.Stmt {
	pos := p.pos
	switch n := p.cForSemis(); {
	case n == 1:
		p.error(p.tokenAfter(pos+1), "for stmt exception")
		return nil
	case n >= 2:
		return p.parseCFor()
	}
	p.next()
	if p.tok == lex.IDENT && (p.peek(1) == lex.IN || p.peek(1) == lex.COMMA) {
		return p.parseForIn(pos)
	}
	return &ast.ForStmt{For: pos, Cond: p.parseTernary(false), Body: p.parseBlock()}
}

func (p *parser) parseCFor() ast.Stmt {
	s := &ast.ForCStmt{For: p.pos}
	p.next()
	s.Init = p.parseStmt()
	p.expect(lex.SEMI)
	s.Cond = p.parseTernary(false)
	p.expect(lex.SEMI)
	s.Post = p.parseStmt()
	s.Body = p.parseBlock()
	return s
}

func (p *parser) parseForIn(pos lex.Pos) ast.Stmt {
	key := p.ident()
	var value *ast.Ident
	if p.got(lex.COMMA) {
		value = p.ident()
	}
	in := p.expect(lex.IN)
	x := p.parseCast(false)
	if p.tok != lex.RANGE {
		return &ast.ForInStmt{For: pos, Key: key, Value: value, In: in, X: x, Body: p.parseBlock()}
	}
	p.next()
	high := p.parseCast(false)
	if value != nil {
		// Reported once the range is read, at its last token.
		p.error(p.lastToken(high.End()), "for range only supports one iterator variable")
	}
	return &ast.ForRangeStmt{For: pos, Key: key, In: in, Low: x, High: high, Body: p.parseBlock()}
}

func (p *parser) parseTry() ast.Stmt {
	s := &ast.TryStmt{Try: p.pos}
	p.next()
	s.Body = p.parseBlock()
	s.Catch = p.expect(lex.CATCH)
	s.Err = p.ident()
	s.Handler = p.parseBlock()
	return s
}

func (p *parser) parseDefer() ast.Stmt {
	s := &ast.DeferStmt{Defer: p.pos}
	p.next()
	switch {
	case p.tok == lex.LBRACE:
		s.Body = p.parseBlock()
	case p.atStmtEnd():
		p.error(p.pos, "defer must have statement body")
		s.Body = &ast.BadStmt{From: p.pos, To: p.pos}
	default:
		s.Body = p.parseStmt()
		if s.Body == nil {
			s.Body = &ast.BadStmt{From: s.Defer, To: p.pos}
		}
	}
	return s
}

func (p *parser) parseSelect() ast.Stmt {
	s := &ast.SelectStmt{Select: p.pos}
	p.next()
	calls := 0
	s.Lbrace, s.Rbrace = p.braced(func() {
		a := p.parseSelectArm()
		s.Arms = append(s.Arms, a)
		if id, ok := a.Call.(*ast.Ident); !ok || id.Name != "_" {
			calls++
		}
	})
	if calls == 0 && p.syntaxErrs == 0 {
		p.error(s.Select, "select must contains on_call case")
	}
	return s
}

func (p *parser) parseSelectArm() *ast.SelectArm {
	a := &ast.SelectArm{}
	if p.tok == lex.IDENT && p.lit == "_" {
		a.Call = p.ident()
	} else {
		pos := p.pos
		a.Call = p.parsePostfix(p.parsePrimary(false))
		c, ok := a.Call.(*ast.CallExpr)
		var sel *ast.SelectorExpr
		if ok {
			sel, ok = c.Fun.(*ast.SelectorExpr)
		}
		switch {
		case !ok:
			p.error(pos, "select case must be chan select call")
		case sel.Sel.Name != "on_recv" && sel.Sel.Name != "on_send":
			p.error(sel.Sel.Pos(), "only on_recv or on_send can be used in select case")
		}
	}
	a.Arrow = p.expect(lex.ARROW)
	if p.tok == lex.IDENT {
		a.Var = p.ident()
	}
	a.Body = p.parseBlock()
	return a
}

// assignable reports whether every element of a tuple assignment target
// can be assigned to.
func assignable(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr:
		return true
	case *ast.UnaryExpr:
		return x.Op == lex.MUL
	case *ast.ParenExpr:
		return assignable(x.X)
	case *ast.TupleExpr:
		for _, e := range x.Elts {
			if !assignable(e) {
				return false
			}
		}
		return true
	}
	return false
}
