package parse

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// parseDecl parses one top-level declaration, or returns nil after an
// error.
func (p *parser) parseDecl() ast.Decl {
	switch p.tok {
	case lex.IMPORT:
		return p.parseImport()
	case lex.LABEL:
		return p.parseLabeled()
	case lex.TEST:
		return p.parseTest()
	case lex.IDENT:
		if p.lit == "mod" && p.peek(1) == lex.IDENT {
			p.error(p.pos, "'mod' declaration must be the first statement of the file")
			return nil
		}
	}
	pub := lex.NoPos
	if p.tok == lex.PUB {
		pub = p.pos
		p.next()
	}
	switch p.tok {
	case lex.FN:
		if p.peek(1) != lex.LPAREN {
			return p.parseFuncDecl(nil, pub)
		}
	case lex.TYPE:
		return p.parseTypeDecl(nil, pub)
	case lex.CONST:
		return p.parseConstDecl(pub)
	case lex.VAR:
		return p.parseVarDecl(pub)
	}
	if p.isTypedDecl() {
		return p.parseTypedVarDecl(pub)
	}
	p.error(p.pos, "non-declaration statement outside fn body")
	return nil
}

// parseLabeled parses a label line and the fn or type it applies to.
func (p *parser) parseLabeled() ast.Decl {
	labels := p.parseLabels()
	p.got(lex.SEMI)
	pub := lex.NoPos
	if p.tok == lex.PUB {
		pub = p.pos
		p.next()
	}
	var where *ast.Label
	for _, l := range labels {
		if l.Name == "where" {
			where = l
		}
	}
	switch p.tok {
	case lex.FN:
		d := p.parseFuncDecl(labels, pub)
		if where != nil {
			p.checkWhere(where, d)
		}
		return d
	case lex.TYPE:
		if where != nil {
			p.error(p.pos, "#where can only be applied to fn/fx")
		}
		return p.parseTypeDecl(labels, pub)
	}
	if where != nil { // whatever follows it, as the reference says
		p.error(p.pos, "#where can only be applied to fn/fx")
		return nil
	}
	p.error(p.pos, "the label can only be applied to type alias or fn/fx.")
	return nil
}

// checkWhere checks the #where label of a function once its header is
// parsed; the reference reports its errors at the ( of the parameters.
func (p *parser) checkWhere(where *ast.Label, d *ast.FuncDecl) {
	at := where.Pos()
	if d.Type != nil && d.Type.Lparen.IsValid() {
		at = d.Type.Lparen
	}
	// A method of a generic type has its receiver's type parameters
	// too (fn range<T>.of(T a, T b)).
	params := d.TypeParams
	if d.Recv != nil {
		params = append(append([]*ast.Ident(nil), d.Recv.TypeParams...), params...)
	}
	if len(params) == 0 {
		p.error(at, "#where can only be used with generic fn")
		return
	}
	for _, w := range where.Where {
		found := false
		for _, tp := range params {
			found = found || tp.Name == w.Param.Name
		}
		if !found {
			p.errorf(at, "generic param '%s' not found", w.Param.Name)
		}
	}
}

// parseLabels parses the labels of one line.
func (p *parser) parseLabels() []*ast.Label {
	var list []*ast.Label
	for p.tok == lex.LABEL {
		l := &ast.Label{Hash: p.pos, Name: p.lit[1:]}
		p.next()
		switch l.Name {
		case "where":
			for _, prev := range list {
				if prev.Name == "where" {
					p.error(l.Hash, "#where redeclared")
				}
			}
			l.Where = p.parseWhere()
		case "linkid":
			if p.tok == lex.IDENT || p.tok == lex.STRING {
				l.Arg = p.parseLabelArg()
			} else {
				p.errorExpected(lex.IDENT)
			}
		default:
			if p.tok == lex.IDENT || p.tok == lex.STRING {
				l.Arg = p.parseLabelArg()
			}
		}
		list = append(list, l)
	}
	return list
}

func (p *parser) parseLabelArg() ast.Expr {
	if p.tok == lex.STRING {
		x := p.newLit(p.pos, lex.STRING, p.lit)
		p.next()
		return x
	}
	return p.ident()
}

// parseWhere parses the items of #where T: a & b, U: c.
func (p *parser) parseWhere() []*ast.WhereItem {
	if p.tok != lex.IDENT {
		p.error(p.pos, "#where must declare at least one generic constraint")
		return nil
	}
	var items []*ast.WhereItem
	seen := map[string]bool{}
	for p.tok == lex.IDENT {
		w := &ast.WhereItem{Param: p.ident()}
		p.expect(lex.COLON)
		w.Constraints = append(w.Constraints, p.parseSingleType())
		for p.got(lex.AND) {
			w.Constraints = append(w.Constraints, p.parseSingleType())
		}
		// The reference finds the repetition once the item is read: at
		// the token after its constraints.
		p.repeated(seen, w.Param.Name, p.pos, "generic param '%s' constraint redeclared")
		if p.tok == lex.OR {
			p.error(p.pos, "generic constraints only support '&' with interface constraints")
		}
		items = append(items, w)
		if !p.got(lex.COMMA) {
			break
		}
	}
	return items
}

// parseImport parses the forms of §8.2.
func (p *parser) parseImport() ast.Decl {
	d := &ast.ImportDecl{Import: p.pos}
	p.next()
	switch p.tok {
	case lex.STRING:
		d.Path = p.newLit(p.pos, lex.STRING, p.lit)
		p.next()
	case lex.IDENT:
		d.Module = p.parseModulePath()
	default:
		p.error(p.tokenAfter(p.pos+1), "import token must string")
		return nil
	}
	switch {
	case p.tok == lex.PERIOD && p.peek(1) == lex.LBRACE:
		p.next()
		p.parseImportItems(d)
	case p.tok == lex.AS:
		p.next()
		switch p.tok {
		case lex.IDENT:
			d.Alias = p.ident()
		case lex.MUL:
			d.Alias = p.newIdent(p.pos, "*")
			p.next()
		default:
			p.error(p.tokenAfter(p.pos+1), "import as must ident")
		}
	}
	return d
}

// parseModulePath parses ident {"." ident} with no space around the dots.
func (p *parser) parseModulePath() []*ast.Ident {
	path := []*ast.Ident{p.ident()}
	for p.tok == lex.PERIOD && p.peek(1) != lex.LBRACE {
		if p.pos != path[len(path)-1].End() {
			p.error(p.pos, "spaces are not allowed before '.' in import paths")
		}
		dot := p.pos
		p.next()
		if p.pos != dot+1 {
			p.error(p.pos, "spaces are not allowed after '.' in import paths")
		}
		path = append(path, p.ident())
	}
	return path
}

// parseImportItems parses .{name [as alias], ...}; the list may span lines
// without a trailing comma.
func (p *parser) parseImportItems(d *ast.ImportDecl) {
	d.Lbrace = p.pos
	p.next()
	skip := func() {
		for p.got(lex.SEMI) {
		}
	}
	skip()
	for p.tok != lex.RBRACE && p.tok != lex.EOF {
		it := &ast.ImportItem{Name: p.ident()}
		if p.got(lex.AS) {
			it.Alias = p.ident()
		}
		d.Items = append(d.Items, it)
		skip()
		if p.tok == lex.RBRACE || !p.commaOr() {
			break
		}
		skip()
	}
	d.Rbrace = p.expect(lex.RBRACE)
}

func (p *parser) parseTest() ast.Decl {
	d := &ast.TestDecl{Test: p.pos}
	p.next()
	switch p.tok {
	case lex.IDENT:
		d.Name = p.ident()
	case lex.STRING:
		d.Name = p.newLit(p.pos, lex.STRING, p.lit)
		p.next()
	default:
		p.error(p.pos, "test name must be ident or string literal")
		return nil
	}
	d.Body = p.parseBlock()
	return d
}

// parseTypeDecl parses type name<params>: impls = body.
func (p *parser) parseTypeDecl(labels []*ast.Label, pub lex.Pos) *ast.TypeDecl {
	d := &ast.TypeDecl{Labels: labels, Pub: pub, TypePos: p.pos}
	p.next()
	d.Name = p.ident()
	if p.tok == lex.LSS {
		d.TypeParams = p.parseTypeParams()
	}
	if p.got(lex.COLON) {
		for {
			d.Impls = append(d.Impls, p.parseType())
			if !p.got(lex.COMMA) {
				break
			}
		}
	}
	d.Assign = p.expect(lex.ASSIGN)
	d.Type = p.parseTypeBody()
	return d
}

// parseFuncDecl parses fn [Recv.]name[<T>](params)[:T][!] [body].
func (p *parser) parseFuncDecl(labels []*ast.Label, pub lex.Pos) *ast.FuncDecl {
	d := &ast.FuncDecl{Labels: labels, Pub: pub, Fn: p.pos}
	p.next()
	first := p.funcName()
	var params []*ast.Ident
	if p.tok == lex.LSS {
		params = p.parseTypeParams()
	}
	if p.tok == lex.PERIOD {
		switch first.Name {
		case "void", "null", "var":
			p.errorf(p.pos, "type '%s' cannot impl fn", first.Name) // at the .
		}
		d.Recv = &ast.Receiver{Type: first, TypeParams: params, Dot: p.pos}
		p.next()
		d.Name = p.ident()
		params = nil
		if p.tok == lex.LSS {
			params = p.parseTypeParams()
		}
	} else {
		d.Name = first
	}
	d.TypeParams = params
	d.Type = p.parseSignature(lex.NoPos, true, d.Recv != nil)
	switch {
	case p.tok == lex.LBRACE:
		d.Body = p.parseBlock()
	case !p.atStmtEnd():
		p.errorExpected(lex.LBRACE) // fn f() -> int {
	}
	return d
}

// funcName parses the first name after fn: a function name, or a receiver
// type, which may be a type keyword (string, int, chan, ...).
func (p *parser) funcName() *ast.Ident {
	if p.tok.IsTypeKeyword() || p.tok == lex.CHAN || p.tok == lex.VAR || p.tok == lex.NULL {
		if p.peek(1) == lex.PERIOD || p.peek(1) == lex.LSS {
			x := p.newIdent(p.pos, p.lit)
			p.next()
			return x
		}
	}
	return p.ident()
}
