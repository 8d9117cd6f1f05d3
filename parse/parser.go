package parse

import (
	"fmt"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// maxNest bounds the nesting of expressions, types and blocks.
const maxNest = 1000

// parser holds the state of one ParseFile call.
type parser struct {
	file *lex.File
	toks []lex.Item // the whole file, ending with EOF
	i    int        // index of the current token

	// The current token, copied from toks[i].
	pos lex.Pos
	tok lex.Token
	lit string

	errs        lex.ErrorList
	syntaxErrs  int  // parser errors reported (not counting scanner errors)
	lastErrLine int  // line of the last reported parser error
	recovering  bool // an error was reported and sync has not run since
	bailed      bool // nesting limit hit: the rest of the file is skipped
	nest        int
	typeArgs    map[int]typeArgsResult // memo of skipTypeArgs by token index
	stmts       []ast.Stmt             // the statements of the lists being parsed (parseStmtList)
	// Blocks of the most common nodes (slab).
	idents    slab[ast.Ident]
	lits      slab[ast.BasicLit]
	binaries  slab[ast.BinaryExpr]
	calls     slab[ast.CallExpr]
	selectors slab[ast.SelectorExpr]
	blocks    slab[ast.BlockStmt]
	assigns   slab[ast.AssignStmt]
}

// slab hands out zeroed nodes from blocks: the most common nodes cost
// one allocation per block instead of one each.
type slab[T any] struct{ free []T }

func (s *slab[T]) alloc() *T {
	if len(s.free) == 0 {
		s.free = make([]T, 128)
	}
	x := &s.free[0]
	s.free = s.free[1:]
	return x
}

// newIdent returns a new identifier node.
func (p *parser) newIdent(pos lex.Pos, name string) *ast.Ident {
	x := p.idents.alloc()
	x.NamePos, x.Name = pos, name
	return x
}

func (p *parser) newLit(pos lex.Pos, kind lex.Token, value string) *ast.BasicLit {
	x := p.lits.alloc()
	x.ValuePos, x.Kind, x.Value = pos, kind, value
	return x
}

func (p *parser) newSelector(x ast.Expr, sel *ast.Ident) *ast.SelectorExpr {
	s := p.selectors.alloc()
	s.X, s.Sel = x, sel
	return s
}

func (p *parser) newBinary(x ast.Expr, pos lex.Pos, op lex.Token, y ast.Expr) *ast.BinaryExpr {
	b := p.binaries.alloc()
	b.X, b.OpPos, b.Op, b.Y = x, pos, op, y
	return b
}

// ParseFile parses the source of one file, adding it to fset under the
// given name. It returns the syntax tree, as complete as recovery allows,
// and a lex.ErrorList of every scan and syntax error (sorted), or nil.
func ParseFile(fset *lex.FileSet, filename string, src []byte) (*ast.File, error) {
	f := fset.AddFile(filename, src)
	var p parser
	p.file = f
	comments := p.scan()
	file := p.parseFile()
	for _, c := range comments {
		file.Comments = append(file.Comments, &ast.Comment{Slash: c.Pos, Text: c.Text})
	}
	p.errs.Sort()
	return file, p.errs.Err()
}

// scan fills p.toks with the whole file.
func (p *parser) scan() []lex.Comment {
	items, comments, errs := lex.ScanFile(p.file)
	p.errs = errs
	p.toks = items
	p.refScanErrors()
	p.i = -1
	p.next()
	return comments
}

// next advances to the next token; at EOF it stays there.
func (p *parser) next() {
	if p.i < len(p.toks)-1 {
		p.i++
	}
	t := &p.toks[p.i]
	p.pos, p.tok, p.lit = t.Pos, t.Tok, p.file.Text(*t)
}

// at returns the token k positions after index i (EOF past the end).
func (p *parser) at(i int) *lex.Item {
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	return &p.toks[i]
}

// peek returns the kind of the token k positions ahead.
func (p *parser) peek(k int) lex.Token { return p.at(p.i + k).Tok }

// reset moves back (or forward) to token index i.
func (p *parser) reset(i int) {
	p.i = i - 1
	p.next()
}

// error reports a syntax error at pos. Only the first error of a
// statement and of a line is kept: later ones are almost always
// consequences of it. syntaxErrs counts them all, so callers still see
// that the statement failed.
func (p *parser) error(pos lex.Pos, msg string) {
	line := p.file.Line(pos)
	drop := p.bailed || p.recovering || p.syntaxErrs > 0 && line == p.lastErrLine
	p.syntaxErrs++
	p.recovering = true
	if drop {
		return
	}
	p.lastErrLine = line
	p.errs = append(p.errs, p.newError(pos, msg))
}

func (p *parser) errorf(pos lex.Pos, format string, args ...any) {
	p.error(pos, fmt.Sprintf(format, args...))
}

// repeated adds name to seen, the names of a list so far (fields,
// members, methods, type parameters), and reports it at pos with
// format, which takes the name, if the list has it already.
func (p *parser) repeated(seen map[string]bool, name string, pos lex.Pos, format string) {
	if seen[name] {
		p.errorf(pos, format, name)
	}
	seen[name] = true
}

// found is how the reference names the current token in messages: ";" for
// a terminator, EOF, a string's content without quotes, a label or macro
// without its sigil, and the text of anything else.
func (p *parser) found() string {
	switch p.tok {
	case lex.SEMI:
		return ";"
	case lex.EOF:
		return "EOF"
	case lex.STRING:
		if len(p.lit) >= 2 {
			return p.lit[1 : len(p.lit)-1]
		}
	case lex.LABEL, lex.MACRO:
		return p.lit[1:]
	}
	if p.lit != "" {
		return p.lit
	}
	return p.tok.String()
}

// expected names a token kind the way the reference does.
func expected(tok lex.Token) string {
	switch tok {
	case lex.IDENT:
		return "ident_literal"
	case lex.STRING:
		return "string_literal"
	case lex.INT:
		return "int_literal"
	case lex.FLOAT:
		return "float_literal"
	}
	return tok.String()
}

func (p *parser) errorExpected(tok lex.Token) {
	p.errorf(p.pos, "expected '%s' found '%s'", expected(tok), p.found())
}

// expect consumes a token of kind tok and returns its position, or reports
// an error and consumes nothing.
func (p *parser) expect(tok lex.Token) lex.Pos {
	pos := p.pos
	if p.tok != tok {
		p.errorExpected(tok)
		return pos
	}
	p.next()
	return pos
}

// got consumes the current token if it has kind tok.
func (p *parser) got(tok lex.Token) bool {
	if p.tok == tok {
		p.next()
		return true
	}
	return false
}

// ident parses an identifier; on error it returns an Ident named "_"
// at the current position.
func (p *parser) ident() *ast.Ident {
	pos, name := p.pos, "_"
	if p.tok == lex.IDENT {
		name = p.lit
		p.next()
	} else {
		p.errorExpected(lex.IDENT)
	}
	return p.newIdent(pos, name)
}

// push enters one level of nesting. When the limit is exceeded it reports
// the error and jumps to EOF, which unwinds every caller.
func (p *parser) push() bool {
	p.nest++
	if p.nest > maxNest {
		p.error(p.pos, "expression nested too deeply")
		p.bailed = true
		p.reset(len(p.toks) - 1)
		return false
	}
	return true
}

func (p *parser) pop() { p.nest-- }

// nested runs parse one level of nesting deeper; past the limit it
// returns a BadExpr at the current token instead.
func (p *parser) nested(parse func() ast.Expr) ast.Expr {
	if !p.push() {
		return &ast.BadExpr{From: p.pos, To: p.pos}
	}
	defer p.pop()
	return parse()
}

// atStmtEnd reports whether the current token ends a statement.
func (p *parser) atStmtEnd() bool {
	return p.tok == lex.SEMI || p.tok == lex.RBRACE || p.tok == lex.EOF
}

// terminator consumes the end of a statement or declaration: a ";", or
// nothing before "}" or EOF. Otherwise it reports the reference's P2
// error at the end of the previous token and resynchronises.
func (p *parser) terminator() {
	switch p.tok {
	case lex.SEMI:
		p.next()
	case lex.RBRACE, lex.EOF:
	default:
		p.error(p.toks[max(p.i-1, 0)].Pos, "excepted ';' or '}' at end of statement")
		p.sync()
	}
}

// sync skips to the end of the current statement: past the next ";" or
// up to the "}" that closes the enclosing block, skipping balanced
// brackets.
func (p *parser) sync() {
	defer func() { p.recovering = false }()
	depth := 0
	for {
		switch p.tok {
		case lex.EOF:
			return
		case lex.LBRACE, lex.LPAREN, lex.LBRACK:
			depth++
		case lex.RPAREN, lex.RBRACK:
			depth = max(depth-1, 0)
		case lex.RBRACE:
			if depth == 0 {
				return
			}
			depth--
		case lex.SEMI:
			if depth == 0 {
				p.next()
				return
			}
		}
		p.next()
	}
}

// start consumes the token that begins a list closeList ends (its
// opening bracket, or the new or @macro before it), and returns the
// token's position and the error count closeList compares with.
func (p *parser) start() (lex.Pos, int) {
	pos, errs := p.pos, p.syntaxErrs
	p.next()
	return pos, errs
}

// closeList consumes the closing token of a bracketed list that began
// when p.syntaxErrs was errs. After an error inside the list it skips to
// the list's end so that recovery does not start in the middle of it; it
// stops early at a line end or a "}" that cannot belong to the list.
func (p *parser) closeList(close lex.Token, errs int) lex.Pos {
	if p.tok != close && p.syntaxErrs > errs {
		depth := 0
	loop:
		for p.tok != lex.EOF {
			switch p.tok {
			case lex.LBRACE, lex.LPAREN, lex.LBRACK:
				depth++
			case lex.RBRACE, lex.RPAREN, lex.RBRACK:
				if depth == 0 {
					break loop
				}
				depth--
			case lex.SEMI:
				if depth == 0 {
					break loop
				}
			}
			p.next()
		}
	}
	return p.expect(close)
}

// parseFile parses a whole file.
func (p *parser) parseFile() *ast.File {
	f := &ast.File{Name: p.file.Name()}
	for p.tok == lex.SEMI {
		p.next()
	}
	if p.tok == lex.IDENT && p.lit == "mod" && p.peek(1) == lex.IDENT &&
		p.file.Line(p.pos) == p.file.Line(p.at(p.i+1).Pos) {
		f.Mod = &ast.ModDecl{Mod: p.pos}
		p.next()
		f.Mod.Name = p.ident()
		p.terminator()
	}
	p.terminatedList(lex.EOF, func() {
		if d := p.parseDecl(); d != nil {
			f.Decls = append(f.Decls, d)
		}
	})
	f.FileEnd = p.pos
	return f
}
