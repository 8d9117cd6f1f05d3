package parse

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Binary operator precedence (syntax.md §8.9), higher binds tighter.
const (
	lowestPrec = 1
	orPrec     = 3 // "|": match patterns stop below it
)

// binaryPrec holds the precedence of each binary operator token
// (syntax.md §8.9), higher binds tighter; 0 for the other tokens.
var binaryPrec = [...]int{
	lex.LOR: 1, lex.LAND: 2, lex.OR: 3, lex.XOR: 4, lex.AND: 5, lex.EQL: 6, lex.NEQ: 6,
	lex.LSS: 7, lex.LEQ: 7, lex.GTR: 7, lex.GEQ: 7, lex.SHL: 8,
	lex.ADD: 9, lex.SUB: 9, lex.MUL: 10, lex.QUO: 10, lex.REM: 10,
}

// binaryOp returns the binary operator at the current token and its
// precedence, or 0. Two adjacent ">" tokens form a shift right (the
// scanner never produces ">>" so that vec<vec<int>> closes twice).
func (p *parser) binaryOp() (lex.Token, int) {
	if p.tok == lex.GTR {
		if nx := p.at(p.i + 1); nx.Tok == lex.GTR && nx.Pos == p.pos+1 {
			return lex.SHR, binaryPrec[lex.SHL]
		}
	}
	if int(p.tok) < len(binaryPrec) && binaryPrec[p.tok] > 0 {
		return p.tok, binaryPrec[p.tok]
	}
	return 0, 0
}

// parseExpr parses an expression including ?: and catch. full marks the
// start of a "full" expression, where struct literals, go, match, fn
// literals and new may appear (§8.8).
func (p *parser) parseExpr(full bool) ast.Expr {
	x := p.parseTernary(full)
	for p.tok == lex.CATCH {
		x = p.parseCatch(x)
	}
	return x
}

func (p *parser) parseCatch(x ast.Expr) ast.Expr {
	c := &ast.CatchExpr{X: x, CatchPos: p.pos}
	p.next()
	if p.tok != lex.IDENT {
		p.errorf(p.pos, "parser variable definitions error, '%s' not a ident", p.found())
	}
	c.Err = p.ident()
	c.Body = p.parseBlock()
	return c
}

// parseTernary parses Binary ["?" Expr ":" Ternary] (right associative).
func (p *parser) parseTernary(full bool) ast.Expr {
	x := p.parseBinary(lowestPrec, full)
	if p.tok != lex.QUESTION {
		return x
	}
	if !p.push() {
		return x
	}
	defer p.pop()
	t := &ast.TernaryExpr{Cond: x, Question: p.pos}
	p.next()
	t.Then = p.parseTernary(true)
	t.Colon = p.expect(lex.COLON)
	t.Else = p.parseTernary(false)
	return t
}

// parseBinary parses binary operators of precedence >= prec1 by
// precedence climbing; operands are cast-level expressions.
func (p *parser) parseBinary(prec1 int, full bool) ast.Expr {
	x := p.parseCast(full)
	for {
		op, prec := p.binaryOp()
		if prec < prec1 {
			return x
		}
		pos := p.pos
		p.next()
		if op == lex.SHR {
			p.next()
		}
		if !p.push() {
			return x
		}
		y := p.parseBinary(prec+1, false)
		p.pop()
		x = p.newBinary(x, pos, op, y)
	}
}

// parseCast parses Unary { "as" SingleType | "is" IsTarget [bind] }:
// as and is bind tighter than every binary operator and looser than
// prefix operators.
func (p *parser) parseCast(full bool) ast.Expr {
	x := p.parseUnary(full)
	for {
		switch p.tok {
		case lex.AS:
			pos := p.pos
			p.next()
			x = &ast.AsExpr{X: x, AsPos: pos, Type: p.parseSingleType()}
		case lex.IS:
			x = p.parseIs(x)
		default:
			return x
		}
	}
}

// parseIs parses "is" IsTarget [ident | Bind]; x is nil in a match arm.
func (p *parser) parseIs(x ast.Expr) *ast.IsExpr {
	is := &ast.IsExpr{X: x, IsPos: p.pos}
	p.next()
	is.Type = p.parseSingleType()
	if p.tok == lex.PERIOD && p.peek(1) == lex.IDENT {
		// a variant of a tagged union of another module: alias.T.tag
		p.next()
		is.Type = p.newSelector(is.Type, p.ident())
	}
	switch p.tok {
	case lex.IDENT:
		is.Bind = p.ident()
	case lex.LPAREN:
		is.Bind = p.parseBind()
	}
	return is
}

// parseBind parses a destructuring pattern (a, (b, c)).
func (p *parser) parseBind() *ast.BindPattern {
	if !p.push() {
		return &ast.BindPattern{Lparen: p.pos, Rparen: p.pos}
	}
	defer p.pop()
	b := &ast.BindPattern{Lparen: p.pos}
	p.next()
	for {
		if p.tok == lex.LPAREN {
			b.Elts = append(b.Elts, p.parseBind())
		} else {
			b.Elts = append(b.Elts, p.ident())
		}
		if !p.got(lex.COMMA) || p.tok == lex.RPAREN {
			break
		}
	}
	b.Rparen = p.expect(lex.RPAREN)
	return b
}

// parseUnary parses ("-" | "!" | "~" | "&" | "*") Unary | Postfix.
func (p *parser) parseUnary(full bool) ast.Expr {
	switch p.tok {
	case lex.SUB, lex.NOT, lex.TILDE, lex.AND, lex.MUL:
		if !p.push() {
			return &ast.BadExpr{From: p.pos, To: p.pos}
		}
		defer p.pop()
		pos, op := p.pos, p.tok
		p.next()
		return &ast.UnaryExpr{OpPos: pos, Op: op, X: p.parseUnary(false)}
	}
	return p.parsePostfix(p.parsePrimary(full))
}

// parsePostfix parses member access, indexing, slicing, calls and type
// arguments after x.
func (p *parser) parsePostfix(x ast.Expr) ast.Expr {
	for {
		switch p.tok {
		case lex.PERIOD:
			p.next()
			x = p.newSelector(x, p.ident())
		case lex.LBRACK:
			x = p.parseIndex(x)
		case lex.LPAREN:
			x = p.parseCall(x)
		case lex.LSS:
			if !isGenericName(x) || !p.isTypeArgs() {
				return x
			}
			x = p.parseInst(x)
		default:
			return x
		}
	}
}

// isGenericName reports whether type arguments may follow x: a name or a
// qualified name.
func isGenericName(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return true
	case *ast.SelectorExpr:
		_, ok := x.X.(*ast.Ident)
		return ok
	}
	return false
}

func (p *parser) parseIndex(x ast.Expr) ast.Expr {
	lbrack := p.pos
	p.next()
	var low ast.Expr
	if p.tok != lex.RANGE {
		low = p.parseExpr(true)
	}
	if p.tok != lex.RANGE {
		return &ast.IndexExpr{X: x, Lbrack: lbrack, Index: low, Rbrack: p.expect(lex.RBRACK)}
	}
	p.next()
	s := &ast.SliceExpr{X: x, Lbrack: lbrack, Low: low}
	if p.tok != lex.RBRACK {
		s.High = p.parseExpr(true)
	}
	s.Rbrack = p.expect(lex.RBRACK)
	return s
}

func (p *parser) parseCall(fun ast.Expr) *ast.CallExpr {
	lparen, errs := p.start()
	c := p.calls.alloc()
	*c = ast.CallExpr{Fun: fun, Lparen: lparen}
	for p.tok != lex.RPAREN && p.tok != lex.EOF {
		// A spread argument that is not the last is reported at the
		// token after it, as the reference does.
		if p.tok == lex.ELLIPSIS {
			if c.Ellipsis.IsValid() {
				p.error(p.tokenAfter(c.Args[len(c.Args)-1].End()), "can only use '...' as the final argument in the list")
			}
			c.Ellipsis = p.pos
			p.next()
		} else if c.Ellipsis.IsValid() {
			p.error(p.tokenAfter(c.Args[len(c.Args)-1].End()), "can only use '...' as the final argument in the list")
		}
		c.Args = append(c.Args, p.parseExpr(true))
		if p.tok == lex.RPAREN || !p.commaOr() {
			break
		}
	}
	c.Rparen = p.closeList(lex.RPAREN, errs)
	return c
}

// parsePrimary parses an operand (§8.8 Primary, plus the five forms that
// only start a full expression).
func (p *parser) parsePrimary(full bool) ast.Expr {
	switch p.tok {
	case lex.IDENT:
		if full && p.lit == "new" && p.isNew() {
			return p.parseNew()
		}
		if full && p.isStructLit() {
			return p.parseStructLit()
		}
		return p.ident()
	case lex.INT, lex.FLOAT, lex.STRING, lex.TRUE, lex.FALSE, lex.NULL:
		x := p.newLit(p.pos, p.tok, p.lit)
		p.next()
		return x
	case lex.CHAN:
		x := p.newIdent(p.pos, "chan")
		p.next()
		return x
	case lex.MACRO:
		return p.parseMacro()
	case lex.LPAREN:
		return p.nested(p.parseParenOrTuple)
	case lex.LBRACK:
		return p.nested(p.parseVecLit)
	case lex.LBRACE:
		return p.nested(p.parseBraceLit)
	case lex.IS:
		p.error(p.pos, "is type must be specified in the match expression")
		return p.parseIs(nil)
	case lex.FN:
		if full {
			return p.parseFuncLit()
		}
	case lex.GO:
		if full {
			return p.parseGo()
		}
	case lex.MATCH:
		if full {
			return p.nested(p.parseMatch)
		}
	}
	p.errorf(p.pos, "cannot parser ident '%s'", p.found())
	bad := &ast.BadExpr{From: p.pos, To: p.pos}
	switch p.tok {
	case lex.SEMI, lex.EOF, lex.RBRACE, lex.RPAREN, lex.RBRACK, lex.COMMA:
		// Leave list and statement ends to the caller's recovery.
	default:
		p.next()
		bad.To = p.pos
	}
	return bad
}

// isNew reports whether the contextual word new starts a new expression:
// it must be followed by a name, a scalar type keyword or "[".
func (p *parser) isNew() bool {
	t := p.peek(1)
	return t == lex.IDENT || t == lex.LBRACK || t.IsTypeKeyword() && t != lex.VOID
}

func (p *parser) parseNew() ast.Expr {
	pos, errs := p.start()
	n := &ast.NewExpr{NewPos: pos}
	n.Type = p.parseType()
	n.Lparen = p.expect(lex.LPAREN)
	for p.tok != lex.RPAREN && p.tok != lex.EOF {
		if p.tok == lex.IDENT && p.peek(1) == lex.ASSIGN {
			kv := &ast.KeyValueExpr{Key: p.ident(), Sep: p.pos, SepTok: lex.ASSIGN}
			p.next()
			kv.Value = p.parseExpr(true)
			n.Args = append(n.Args, kv)
		} else {
			n.Args = append(n.Args, p.parseExpr(true))
		}
		if p.tok == lex.RPAREN || !p.commaOr() {
			break
		}
	}
	n.Rparen = p.closeList(lex.RPAREN, errs)
	return n
}

func (p *parser) parseStructLit() ast.Expr {
	errs := p.syntaxErrs
	s := &ast.StructLit{Type: p.parseNamedType(), Lbrace: p.pos}
	p.next()
	for p.tok != lex.RBRACE && p.tok != lex.EOF {
		kv := &ast.KeyValueExpr{Key: p.fieldName(), Sep: p.pos, SepTok: lex.COLON}
		p.expect(lex.COLON)
		kv.Value = p.parseExpr(true)
		s.Fields = append(s.Fields, kv)
		if p.tok == lex.RBRACE || !p.commaOr() {
			break
		}
	}
	s.Rbrace = p.closeList(lex.RBRACE, errs)
	return s
}

func (p *parser) parseParenOrTuple() ast.Expr {
	lparen, errs := p.start()
	x := p.parseExpr(true)
	if p.tok != lex.COMMA {
		if p.tok != lex.RPAREN && p.syntaxErrs == errs {
			// The reference reads "(" as a possible tuple: it asks for ",".
			p.errorExpected(lex.COMMA)
		}
		return &ast.ParenExpr{Lparen: lparen, X: x, Rparen: p.closeList(lex.RPAREN, errs)}
	}
	t := &ast.TupleExpr{Lparen: lparen, Elts: []ast.Expr{x}}
	for p.got(lex.COMMA) && p.tok != lex.RPAREN {
		t.Elts = append(t.Elts, p.parseExpr(true))
	}
	t.Rparen = p.closeList(lex.RPAREN, errs)
	return t
}

func (p *parser) parseVecLit() ast.Expr {
	lbrack, errs := p.start()
	if p.tok == lex.RBRACK {
		v := &ast.VecLit{Lbrack: lbrack, Rbrack: p.pos}
		p.next()
		return v
	}
	first := p.parseExpr(true)
	if p.tok == lex.SEMI && p.lit == ";" {
		p.next()
		r := &ast.RepeatLit{Lbrack: lbrack, Value: first, Count: p.parseExpr(true)}
		r.Rbrack = p.expect(lex.RBRACK)
		return r
	}
	v := &ast.VecLit{Lbrack: lbrack, Elts: []ast.Expr{first}}
	v.Elts = p.exprList(v.Elts, lex.RBRACK, nil)
	v.Rbrack = p.closeList(lex.RBRACK, errs)
	return v
}

// exprList continues a comma-separated list whose first element has been
// parsed, up to (not including) close. elem parses one element (nil: a
// full expression).
func (p *parser) exprList(list []ast.Expr, close lex.Token, elem func() ast.Expr) []ast.Expr {
	for p.tok != close && p.commaOr() && p.tok != close && p.tok != lex.EOF {
		if elem != nil {
			list = append(list, elem())
		} else {
			list = append(list, p.parseExpr(true))
		}
	}
	return list
}

func (p *parser) parseBraceLit() ast.Expr {
	lbrace, errs := p.start()
	b := &ast.BraceLit{Lbrace: lbrace}
	if p.tok == lex.RBRACE {
		b.Rbrace = p.pos
		p.next()
		return b
	}
	first := p.parseExpr(true)
	if p.tok != lex.COLON {
		b.Elts = p.exprList([]ast.Expr{first}, lex.RBRACE, nil)
		b.Rbrace = p.closeList(lex.RBRACE, errs)
		return b
	}
	entry := func(k ast.Expr) ast.Expr {
		kv := &ast.KeyValueExpr{Key: k, Sep: p.pos, SepTok: lex.COLON}
		p.expect(lex.COLON)
		kv.Value = p.parseExpr(true)
		return kv
	}
	b.Elts = p.exprList([]ast.Expr{entry(first)}, lex.RBRACE, func() ast.Expr {
		return entry(p.parseExpr(true))
	})
	b.Rbrace = p.closeList(lex.RBRACE, errs)
	return b
}

func (p *parser) parseFuncLit() ast.Expr {
	fn := p.pos
	p.next()
	if p.tok == lex.IDENT {
		p.error(p.pos, "closure fn cannot have a name")
		p.next()
	}
	ft := p.parseSignature(fn, true, false)
	return &ast.FuncLit{Type: ft, Body: p.parseBlock()}
}

func (p *parser) parseGo() ast.Expr {
	g := &ast.GoExpr{Go: p.pos}
	p.next()
	var callee ast.Expr
	if p.tok == lex.FN { // go fn(int id) { ... }(i): a lambda called at once
		callee = p.parseFuncLit()
	} else {
		callee = p.parsePrimary(false)
	}
	g.Call = p.parsePostfix(callee)
	if _, ok := g.Call.(*ast.CallExpr); !ok {
		p.error(p.pos, "go expr must be call") // after it, as the reference
	}
	return g
}

// parseMacro parses @name(args): a type argument for sizeof,
// reflect_hash and default, expressions for async.
func (p *parser) parseMacro() ast.Expr {
	m := &ast.MacroExpr{At: p.pos, Name: p.lit[1:]}
	_, errs := p.start()
	typeArg := false
	switch m.Name {
	case "sizeof", "reflect_hash", "default":
		typeArg = true
	case "async":
	default:
		p.errorf(p.pos, "macro '%s' not defined", m.Name) // at the (
	}
	m.Lparen = p.expect(lex.LPAREN)
	for p.tok != lex.RPAREN && p.tok != lex.EOF {
		if typeArg {
			m.Args = append(m.Args, p.parseType())
		} else {
			m.Args = append(m.Args, p.parseExpr(true))
		}
		if p.tok == lex.RPAREN || !p.commaOr() {
			break
		}
	}
	m.Rparen = p.closeList(lex.RPAREN, errs)
	if m.Name == "async" && len(m.Args) > 0 {
		if _, ok := m.Args[0].(*ast.CallExpr); !ok {
			p.error(m.Args[0].Pos(), "@async first arg must be call")
		}
	}
	return m
}

// parseMatch parses match [subject] { arms }.
func (p *parser) parseMatch() ast.Expr {
	m := &ast.MatchExpr{Match: p.pos}
	p.next()
	if p.tok != lex.LBRACE {
		m.Subject = p.parseBinary(lowestPrec, false)
	}
	m.Lbrace, m.Rbrace = p.braced(func() {
		m.Arms = append(m.Arms, p.parseArm(m.Subject != nil))
	})
	return m
}

func (p *parser) parseArm(subject bool) *ast.MatchArm {
	a := &ast.MatchArm{}
	for {
		a.Patterns = append(a.Patterns, p.parsePattern(subject))
		if !subject || !p.got(lex.OR) {
			break
		}
	}
	a.Arrow = p.expect(lex.ARROW)
	if p.tok == lex.LBRACE {
		a.Body = p.parseBlock()
	} else {
		a.Body = p.parseExpr(true)
	}
	return a
}

// parsePattern parses one match pattern: _, is T [bind], or an
// expression (stopping at "|" when the match has a subject).
func (p *parser) parsePattern(subject bool) ast.Expr {
	switch {
	case p.tok == lex.IDENT && p.lit == "_" && p.peek(1) == lex.ARROW:
		return p.ident()
	case p.tok == lex.IS:
		return p.parseIs(nil)
	case subject:
		return p.parseBinary(orPrec+1, false)
	}
	return p.parseTernary(false)
}
