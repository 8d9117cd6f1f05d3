package sema

import (
	"sort"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Diagnostics print the position the reference compiler prints
// (spec/diagnostics.md §1.4.4): every error is anchored at a token — the
// token the reference's checker had last entered when the check failed —
// and the first line gives that token's line and the column of its last
// byte, counted by the reference scanner's counter (string quotes,
// escape backslashes and 0x/0o/0b prefixes are not counted, so a token
// after a string on the same line moves left). As for syntax errors
// (package parse), line 1 is not shifted by one and the caret under the
// source line marks the real start of the anchor token.
//
// errorf takes the anchor as the position of the token's first byte;
// the helpers below find the anchors of syntax nodes.

// fileTokens returns the tokens of f, scanning it on first use.
func (l *errorList) fileTokens(f *lex.File) []lex.Item {
	if toks, ok := l.toks[f]; ok {
		return toks
	}
	if l.toks == nil {
		l.toks = map[*lex.File][]lex.Item{}
	}
	var toks []lex.Item
	if f.Source() != nil {
		toks, _, _ = lex.ScanFile(f)
	}
	l.toks[f] = toks
	return toks
}

// tokenIndex returns the index of the real (not inserted) token that
// contains p, or -1.
func tokenIndex(toks []lex.Item, p lex.Pos) int {
	k := sort.Search(len(toks), func(i int) bool { return toks[i].Pos+lex.Pos(max(toks[i].Len, 1)) > p })
	for ; k < len(toks); k++ {
		t := toks[k]
		if t.Pos > p {
			return -1
		}
		if !t.Inserted() && t.Tok != lex.EOF {
			return k
		}
	}
	return -1
}

// refPosition returns the reference line and column of an error
// anchored at the token containing p (the real position of p when no
// token contains it).
func (l *errorList) refPosition(f *lex.File, p lex.Pos) (line, col int) {
	real := f.Position(p)
	toks := l.fileTokens(f)
	k := tokenIndex(toks, p)
	if k < 0 {
		return real.Line, real.Column
	}
	t := toks[k]
	end := f.Offset(t.Pos) + int(t.Len) - 1 // offset of the last byte
	pos := f.Position(f.Pos(end))
	lineStart := end - (pos.Column - 1)
	uncounted := 0
	for j := k; j >= 0; j-- {
		tj := toks[j]
		start := f.Offset(tj.Pos)
		if start+int(tj.Len) <= lineStart {
			break
		}
		if tj.Inserted() {
			continue
		}
		uncounted += lex.ReferenceUncounted(tj.Tok, f.Text(tj), start < lineStart)
	}
	return pos.Line, max(pos.Column-uncounted, 1)
}

// token returns the real token at index k of p's file relative to the
// token containing p (k = -1: the token before it, 1: the one after),
// skipping inserted terminators; NoPos when there is none.
func (c *checker) token(p lex.Pos, k int) lex.Pos {
	f := c.fset.File(p)
	if f == nil {
		return lex.NoPos
	}
	toks := c.errs.fileTokens(f)
	i := tokenIndex(toks, p)
	if i < 0 {
		return lex.NoPos
	}
	step := 1
	if k < 0 {
		step, k = -1, -k
	}
	for k > 0 {
		i += step
		if i < 0 || i >= len(toks) || toks[i].Tok == lex.EOF {
			return lex.NoPos
		}
		if !toks[i].Inserted() {
			k--
		}
	}
	return toks[i].Pos
}

// dotBefore returns the position of the "." before the name at p when
// only spaces separate them on the same line, NoPos otherwise. It finds
// the anchor of a selector without scanning the file: the checker takes
// anchors of selectors whether or not an error follows.
func (c *checker) dotBefore(p lex.Pos) lex.Pos {
	f := c.fset.File(p)
	if f == nil {
		return lex.NoPos
	}
	src, off := f.Source(), f.Offset(p)
	for off > 0 && off <= len(src) && (src[off-1] == ' ' || src[off-1] == '\t') {
		off--
	}
	if off > 0 && off <= len(src) && src[off-1] == '.' {
		return f.Pos(off - 1)
	}
	return lex.NoPos
}

// afterToken returns the token after the one at p (p itself if there is
// none): where the reference's parser reports a duplicate it finds once
// it has read the name.
func (c *checker) afterToken(p lex.Pos) lex.Pos {
	if q := c.token(p, 1); q.IsValid() {
		return q
	}
	return p
}

// anchor returns the token the reference anchors a node on: the
// operator of a unary or binary expression, the ( of a call, the [ of
// an index, the . of a selector, the keyword of as/is, the ? of a
// ternary, catch, the opening bracket of a literal, the { of a struct
// literal, the token after the ) of a tuple literal, and the first token
// of anything else (identifiers, literals, statements, types, fn).
func (c *checker) anchor(n ast.Node) lex.Pos {
	switch n := n.(type) {
	case nil:
		return lex.NoPos
	case *ast.ParenExpr:
		return c.anchor(n.X)
	case *ast.UnaryExpr:
		return n.OpPos
	case *ast.BinaryExpr:
		return n.OpPos
	case *ast.CallExpr:
		return n.Lparen
	case *ast.IndexExpr:
		return n.Lbrack
	case *ast.SliceExpr:
		return n.Lbrack
	case *ast.SelectorExpr:
		if p := c.dotBefore(n.Sel.Pos()); p.IsValid() {
			return p
		}
		if p := c.token(n.Sel.Pos(), -1); p.IsValid() {
			return p
		}
		return n.Sel.Pos()
	case *ast.AsExpr:
		return n.AsPos
	case *ast.IsExpr:
		return n.IsPos
	case *ast.TernaryExpr:
		return n.Question
	case *ast.CatchExpr:
		return n.CatchPos
	case *ast.StructLit:
		return n.Lbrace
	case *ast.TupleExpr:
		if p := c.token(n.Rparen, 1); p.IsValid() {
			return p
		}
		return n.Rparen
	case *ast.InstExpr:
		return c.anchor(n.X)
	}
	return n.Pos()
}

// last returns the anchor of the last node the reference enters while
// it checks e: the right-most leaf, in the order it visits children
// (left operand before right, callee before arguments, receiver of a
// selector, the value of the last field or element). Where e is a
// mismatch as a whole (its type is wrong for the context), that is
// where the reference reports it.
func (c *checker) last(e ast.Expr) lex.Pos {
	for {
		if c.isFolded(e) {
			return c.anchor(e)
		}
		switch x := e.(type) {
		case nil:
			return lex.NoPos
		case *ast.CallExpr:
			if len(x.Args) == 0 {
				// A method's receiver is checked again as its first
				// argument, which enters only its top node.
				if sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr); ok {
					if s := c.info.Selections[sel]; s != nil && s.Kind == MethodSel {
						return c.anchor(sel.X)
					}
				}
				e = x.Fun
				continue
			}
			if call := c.info.Calls[x]; call != nil && len(call.TypeArgs) > 0 {
				// The arguments of a generic function are checked
				// again once its type arguments are inferred.
				return c.anchor(x.Args[len(x.Args)-1])
			}
			e = x.Args[len(x.Args)-1]
		case *ast.SliceExpr:
			switch {
			case x.High != nil:
				e = x.High
			case x.Low != nil:
				e = x.Low
			default:
				e = x.X
			}
		case *ast.SelectorExpr:
			if _, isType := c.info.Types.Lookup(x.X); isType && c.info.Types.At(x.X).Mode == TypeExpr {
				return c.anchor(x)
			}
			e = x.X
		case *ast.InstExpr:
			e = x.X
		case *ast.IsExpr:
			if x.X == nil {
				return x.IsPos
			}
			e = x.X
		case *ast.CatchExpr:
			if x.Body != nil && len(x.Body.List) > 0 {
				return c.lastNode(x.Body)
			}
			e = x.X
		default:
			// The operand that ends e; an empty literal or new is its
			// own anchor (its opening bracket or new).
			if e = ast.LastOperand(x); e == nil {
				return c.anchor(x)
			}
		}
	}
}

// lastLeft is last for an expression checked against an expected type
// that it does not have: an arithmetic operator passes the expected
// type to its left operand, where the mismatch is found.
func (c *checker) lastLeft(e ast.Expr) lex.Pos {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.BinaryExpr:
			switch x.Op {
			case lex.ADD, lex.SUB, lex.MUL, lex.QUO, lex.REM, lex.AND, lex.OR, lex.XOR, lex.SHL, lex.SHR:
				if !c.isFolded(x) {
					e = x.X
					continue
				}
			}
		}
		return c.last(e)
	}
}

// lastNode is last for a statement or a match arm body: the last node
// the reference enters while it checks n.
func (c *checker) lastNode(n ast.Node) lex.Pos {
	switch n := n.(type) {
	case nil:
		return lex.NoPos
	case ast.Expr:
		return c.last(n)
	case *ast.ExprStmt:
		return c.last(n.X)
	case *ast.VarDecl:
		if n.Value != nil {
			return c.last(n.Value)
		}
	case *ast.ConstDecl:
		if n.Value != nil {
			return c.last(n.Value)
		}
	case *ast.AssignStmt:
		return c.last(n.Rhs)
	case *ast.ReturnStmt:
		if n.Result != nil {
			return c.last(n.Result)
		}
	case *ast.ThrowStmt:
		return c.last(n.X)
	case *ast.BlockStmt:
		if len(n.List) > 0 {
			return c.lastNode(n.List[len(n.List)-1])
		}
	case *ast.IfStmt:
		if n.Else != nil {
			return c.lastNode(n.Else)
		}
		if len(n.Body.List) > 0 {
			return c.lastNode(n.Body)
		}
		return c.last(n.Cond)
	case *ast.ForStmt:
		return c.lastNode(n.Body)
	case *ast.ForCStmt:
		return c.lastNode(n.Body)
	case *ast.ForInStmt:
		return c.lastNode(n.Body)
	case *ast.ForRangeStmt:
		return c.lastNode(n.Body)
	case *ast.DeferStmt:
		return c.lastNode(n.Body)
	}
	return c.anchor(n)
}

// secondIs is where the reference reports a second is test in a
// condition: the subject of that test.
func (c *checker) secondIs(cond ast.Expr) lex.Pos {
	var found []*ast.IsExpr
	ast.Inspect(cond, func(n ast.Node) bool {
		if is, ok := n.(*ast.IsExpr); ok {
			found = append(found, is)
		}
		return len(found) < 2
	})
	if len(found) < 2 || found[1].X == nil {
		return c.anchor(cond)
	}
	return c.last(found[1].X)
}
