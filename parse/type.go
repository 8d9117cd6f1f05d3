package parse

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// parseType parses Type = SingleType ["?"].
func (p *parser) parseType() ast.Expr {
	t := p.parseSingleType()
	if p.tok == lex.QUESTION {
		t = &ast.NullableType{X: t, Question: p.pos}
		p.next()
	}
	return t
}

// parseSingleType parses a SingleType (§8.4).
func (p *parser) parseSingleType() ast.Expr {
	if !p.push() {
		return &ast.BadExpr{From: p.pos, To: p.pos}
	}
	defer p.pop()
	switch t := p.tok; {
	case t.IsTypeKeyword(), t == lex.ANY, t == lex.NULL:
		x := p.newIdent(p.pos, p.lit)
		p.next()
		return x
	case t == lex.CHAN:
		x := p.newIdent(p.pos, "chan")
		p.next()
		if p.tok != lex.LSS {
			p.errorExpected(lex.LSS)
			return x
		}
		return p.parseInst(x)
	case t == lex.LBRACK:
		return p.parseVecType()
	case t == lex.LPAREN:
		x := &ast.TupleType{Lparen: p.pos}
		p.next()
		x.Elems = append(x.Elems, p.parseType())
		for p.got(lex.COMMA) {
			x.Elems = append(x.Elems, p.parseType())
		}
		x.Rparen = p.expect(lex.RPAREN)
		return x
	case t == lex.LBRACE:
		lbrace := p.pos
		p.next()
		k := p.parseType()
		if p.got(lex.COLON) {
			v := p.parseType()
			return &ast.MapType{Lbrace: lbrace, Key: k, Value: v, Rbrace: p.expect(lex.RBRACE)}
		}
		return &ast.SetType{Lbrace: lbrace, Elem: k, Rbrace: p.expect(lex.RBRACE)}
	case t == lex.STRUCT:
		return p.parseStructType()
	case t == lex.FN:
		fn := p.pos
		p.next()
		return p.parseSignature(fn, false, false)
	case t == lex.IDENT:
		return p.parseNamedType()
	}
	p.errorf(p.pos, "ident '%s' is not a type", p.found())
	return &ast.BadExpr{From: p.pos, To: p.pos}
}

// parseNamedType parses ident ["." ident] [TypeArgs].
func (p *parser) parseNamedType() ast.Expr {
	var x ast.Expr = p.ident()
	if p.tok == lex.PERIOD && p.peek(1) == lex.IDENT {
		p.next()
		x = p.newSelector(x, p.ident())
	}
	if p.tok == lex.LSS {
		x = p.parseInst(x)
	}
	return x
}

// parseInst parses the type arguments "<" SingleType {"," SingleType} ">"
// of x.
func (p *parser) parseInst(x ast.Expr) ast.Expr {
	inst := &ast.InstExpr{X: x, Lt: p.pos}
	p.next()
	for {
		inst.Args = append(inst.Args, p.parseSingleType())
		if !p.got(lex.COMMA) {
			break
		}
	}
	inst.Gt = p.expect(lex.GTR)
	return inst
}

// parseVecType parses [T] or [T; N].
func (p *parser) parseVecType() ast.Expr {
	lbrack := p.pos
	p.next()
	elem := p.parseType()
	if p.tok == lex.SEMI && p.lit == ";" {
		p.next()
		n := p.parseBinary(lowestPrec, false)
		return &ast.ArrayType{Lbrack: lbrack, Elem: elem, Len: n, Rbrack: p.expect(lex.RBRACK)}
	}
	return &ast.VecType{Lbrack: lbrack, Elem: elem, Rbrack: p.expect(lex.RBRACK)}
}

// parseStructType parses struct { Type name [= Expr] T ... }.
func (p *parser) parseStructType() *ast.StructType {
	x := &ast.StructType{Struct: p.pos}
	p.next()
	x.Lbrace, x.Rbrace = p.bracedNames(func(seen map[string]bool) {
		f := p.namedField("struct field name", seen)
		if p.got(lex.ASSIGN) {
			fnDefault := p.tok == lex.FN && p.peek(1) == lex.LPAREN
			f.Default = p.parseExpr(true)
			if fnDefault {
				p.error(p.pos, "struct field default value cannot be a function definition, "+
					"use field assignment with fn identifier (e.g., 'f = fn_ident') instead.")
			}
		}
		x.Fields = append(x.Fields, f)
	})
	return x
}

// namedField parses "Type name", a struct field or a union member, and
// reports a name already in seen as "<what> 'name' exists".
func (p *parser) namedField(what string, seen map[string]bool) *ast.Field {
	f := &ast.Field{Type: p.parseDeclType()}
	f.Name = p.fieldName()
	// The reference finds duplicates once it has read the name: at the
	// token after it (so do the checks of the callers).
	p.repeated(seen, f.Name.Name, p.pos, what+" '%s' exists")
	return f
}

// fieldName parses a field name; like the reference, it reports a missing
// name as expected ident.
func (p *parser) fieldName() *ast.Ident {
	if p.tok.IsKeyword() {
		// Reserved words cannot name fields (syntax.md §3).
		p.errorExpected(lex.IDENT)
		x := p.newIdent(p.pos, p.lit)
		p.next()
		return x
	}
	return p.ident()
}

// parseTypeBody parses the right side of a type declaration.
func (p *parser) parseTypeBody() ast.Expr {
	switch p.tok {
	case lex.STRUCT:
		return p.parseStructType()
	case lex.UNION:
		return p.parseUnionType()
	case lex.INTERFACE:
		return p.parseInterfaceType()
	case lex.ENUM:
		return p.parseEnumType()
	}
	t := p.parseType()
	if p.tok != lex.OR {
		return t
	}
	if _, ok := t.(*ast.NullableType); ok {
		p.error(p.pos, "union type declaration cannot use '?'")
	}
	sum := &ast.SumType{Types: []ast.Expr{t}}
	for p.got(lex.OR) {
		sum.Types = append(sum.Types, p.parseSingleType())
	}
	return sum
}

func (p *parser) parseUnionType() *ast.UnionType {
	x := &ast.UnionType{Union: p.pos}
	p.next()
	x.Lbrace, x.Rbrace = p.bracedNames(func(seen map[string]bool) {
		x.Fields = append(x.Fields, p.namedField("union tag name", seen))
	})
	return x
}

func (p *parser) parseInterfaceType() *ast.InterfaceType {
	x := &ast.InterfaceType{Interface: p.pos}
	p.next()
	x.Lbrace, x.Rbrace = p.bracedNames(func(seen map[string]bool) {
		if p.tok != lex.FN {
			p.error(p.pos, "interface only supports fn and fx")
			return
		}
		x.Methods = append(x.Methods, p.parseIfaceMethod(seen))
	})
	return x
}

// parseIfaceMethod parses "fn" name [TypeParams] Signature, a method of
// an interface, and reports a name already in seen.
func (p *parser) parseIfaceMethod(seen map[string]bool) *ast.IfaceMethod {
	m := &ast.IfaceMethod{Fn: p.pos}
	p.next()
	m.Name = p.ident()
	if p.tok == lex.LSS {
		m.TypeParams = p.parseTypeParams()
	}
	m.Type = p.parseSignature(lex.NoPos, false, false)
	// At the token after the method, as the reference.
	p.repeated(seen, m.Name.Name, p.pos, "interface method '%s' exists")
	return m
}

func (p *parser) parseEnumType() *ast.EnumType {
	x := &ast.EnumType{Enum: p.pos}
	p.next()
	if p.got(lex.COLON) {
		tok := p.tok
		x.Base = p.parseSingleType()
		if tok.IsTypeKeyword() && !isIntegerType(tok) || tok == lex.ANY {
			p.error(p.pos, "enum only supports integer types") // at the {
		}
	}
	x.Lbrace = p.expect(lex.LBRACE)
	seen := map[string]bool{}
	for p.tok != lex.RBRACE && p.tok != lex.EOF {
		it := &ast.EnumItem{Name: p.ident()}
		p.repeated(seen, it.Name.Name, p.pos, "enum member '%s' already exists")
		if p.got(lex.ASSIGN) {
			it.Value = p.parseExpr(true)
		}
		x.Items = append(x.Items, it)
		if p.tok == lex.RBRACE || !p.commaOr() {
			break
		}
	}
	x.Rbrace = p.expect(lex.RBRACE)
	return x
}

// commaOr consumes the "," between list elements. It reports
// "expected ','" and returns false for anything else.
func (p *parser) commaOr() bool {
	if p.got(lex.COMMA) {
		return true
	}
	p.errorExpected(lex.COMMA)
	return false
}

// parseTypeParams parses "<" ident {"," ident} ">" of a generic
// declaration.
func (p *parser) parseTypeParams() []*ast.Ident {
	p.next()
	if p.tok == lex.GTR {
		p.error(p.pos, "type alias params cannot empty")
		p.next()
		return nil
	}
	var list []*ast.Ident
	seen := map[string]bool{}
	for {
		id := p.ident()
		p.repeated(seen, id.Name, p.pos, "generics param '%s' redeclared") // at the token after
		list = append(list, id)
		if p.tok == lex.COLON {
			p.error(p.tokenAfter(p.pos+1), "generic constraints must be declared with '#where'")
		}
		if !p.got(lex.COMMA) {
			break
		}
	}
	p.expect(lex.GTR)
	return list
}

// parseSignature parses "(" params ")" [":" Type] ["!"]. named requires
// parameter names (declarations and literals); self allows a receiver
// parameter first. Function types (named == false) allow names on all
// parameters or on none.
func (p *parser) parseSignature(fn lex.Pos, named, self bool) *ast.FuncType {
	ft := &ast.FuncType{Fn: fn, Lparen: p.expect(lex.LPAREN)}
	if named && p.isSelfParam() {
		ft.Self = p.parseSelfParam()
		if !self {
			p.error(p.pos, "keyword `self` can only be used in impl fn")
		}
		if p.tok != lex.RPAREN {
			p.expect(lex.COMMA)
		}
	}
	for p.tok != lex.RPAREN && p.tok != lex.EOF {
		ft.Params = append(ft.Params, p.parseParam(named))
		if p.tok != lex.COMMA {
			break
		}
		p.next()
	}
	p.checkParams(ft, named)
	ft.Rparen = p.expect(lex.RPAREN)
	if p.got(lex.COLON) {
		ft.Result = p.parseType()
	}
	if p.tok == lex.NOT {
		ft.Errable = p.pos
		p.next()
	}
	return ft
}

func (p *parser) isSelfParam() bool {
	if p.tok == lex.IDENT && p.lit == "self" {
		return true
	}
	return (p.tok == lex.MUL || p.tok == lex.AND) && p.peek(1) == lex.IDENT && p.file.Text(*p.at(p.i + 1)) == "self"
}

func (p *parser) parseSelfParam() *ast.SelfParam {
	s := &ast.SelfParam{}
	if p.tok != lex.IDENT {
		s.OpPos, s.Op = p.pos, p.tok
		p.next()
	}
	s.Self = p.pos
	p.next()
	return s
}

// parseDeclType parses the type of a parameter, field or typed
// variable, where A|B is not allowed (only in type X = A|B).
func (p *parser) parseDeclType() ast.Expr {
	t := p.parseType()
	if p.tok == lex.OR {
		p.error(p.pos, "union type only be declared in type alias")
	}
	return t
}

// parseParam parses [...] Type [name].
func (p *parser) parseParam(named bool) *ast.Param {
	par := &ast.Param{}
	if p.tok == lex.ELLIPSIS {
		par.Ellipsis = p.pos
		p.next()
		if p.tok == lex.RPAREN || p.tok == lex.COMMA {
			p.error(par.Ellipsis, "C variadic calls are currently supported only for windows_amd64")
			par.Type = &ast.BadExpr{From: p.pos, To: p.pos}
			return par
		}
	}
	par.Type = p.parseDeclType()
	switch {
	case p.tok == lex.IDENT:
		par.Name = p.ident()
	case named && p.tok != lex.RPAREN && p.tok != lex.COMMA:
		p.errorf(p.tokenAfter(p.pos+1), "parser variable definitions error, '%s' not a ident", p.found())
	case named:
		p.errorExpected(lex.IDENT)
	}
	return par
}

func (p *parser) checkParams(ft *ast.FuncType, named bool) {
	withName := 0
	for i, par := range ft.Params {
		if par.Ellipsis.IsValid() && i != len(ft.Params)-1 {
			// At the token after the parameter, as the reference.
			at := p.tokenAfter(par.End())
			if named {
				p.error(at, "can only use '...' as the final argument in the fn parsms")
			} else {
				p.error(at, "can only use '...' as the final argument in the fn parameters")
			}
		}
		if par.Name != nil {
			withName++
		}
	}
	if !named && withName != 0 && withName != len(ft.Params) {
		p.error(p.tokenAfter(p.pos+1), "fn with both named and unnamed formal parameters") // after the )
	}
}

func isIntegerType(tok lex.Token) bool {
	switch tok {
	case lex.INT_T, lex.UINT, lex.I8, lex.I16, lex.I32, lex.I64, lex.U8, lex.U16, lex.U32, lex.U64:
		return true
	}
	return false
}
