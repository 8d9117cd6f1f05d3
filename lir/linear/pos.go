package linear

import (
	"sort"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
)

// Runtime errors print the position the reference compiler records for
// the failing node: the line and column of the last byte of the last
// token the node spans, counted the way the reference scanner counts
// columns. That counter skips string quotes, the backslash of an escape
// (and the x and first digit of \xHH) and the 0x/0o/0b prefix of a
// number, so every token after such a token on the same line is shifted
// left (spec/builtins.md §3.2; package parse's refpos.go does the same
// for syntax errors).

// refColumn returns the reference line and column of the byte at p.
func (m *moduleBuilder) refColumn(f *lex.File, p lex.Pos) (line, col int) {
	pos := f.Position(p)
	toks := m.fileTokens(f)
	lineStart := p - lex.Pos(pos.Column-1)
	// The token containing p, then every earlier token on the line.
	k := sort.Search(len(toks), func(i int) bool { return toks[i].Pos+lex.Pos(toks[i].Len) > p })
	uncounted := 0
	for j := min(k, len(toks)-1); j >= 0; j-- {
		t := toks[j]
		if t.Pos > p {
			continue
		}
		if t.Pos+lex.Pos(t.Len) <= lineStart {
			break
		}
		uncounted += lex.ReferenceUncounted(t.Tok, f.Text(t), t.Pos < lineStart)
	}
	col = pos.Column - uncounted
	if col < 1 {
		col = 1
	}
	return pos.Line, col
}

// tokenEnd returns the position just after the token that starts at p,
// or p if no token does.
func (m *moduleBuilder) tokenEnd(p lex.Pos) lex.Pos {
	f := m.fset.File(p)
	if f == nil {
		return p
	}
	toks := m.fileTokens(f)
	k := sort.Search(len(toks), func(i int) bool { return toks[i].Pos >= p })
	if k < len(toks) && toks[k].Pos == p && toks[k].Len > 0 {
		return p + lex.Pos(toks[k].Len)
	}
	return p + 1
}

// fileTokens returns the tokens of f, scanning it on first use.
func (m *moduleBuilder) fileTokens(f *lex.File) []lex.Item {
	toks, ok := m.tokens[f]
	if !ok {
		toks, _, _ = lex.ScanFile(f)
		m.tokens[f] = toks
	}
	return toks
}

// funcPos returns the source position of a function for lir.Func.Pos.
func (m *moduleBuilder) funcPos(p lex.Pos) lir.Pos {
	pos := m.fset.Position(p)
	if !pos.IsValid() {
		return lir.Pos{}
	}
	name := pos.Filename
	if m.conf.Path != nil {
		name = m.conf.Path(name)
	}
	return lir.Pos{File: name, Line: pos.Line, Col: pos.Column}
}

// refEnd returns the end of the last token the reference's parser had
// consumed when it made node e, which is where it reports a runtime
// error in e (spec/builtins.md §3.2): the end of ast.LastOperand(e),
// followed down — a selector, a conversion or a unary operator is made
// right after its operand, a binary operator or an index after its right
// side, a ternary after its else branch, a call, a literal or new after
// its last argument, element or field (get([v, v]) as int, get(box{f:
// v}) as int and get(new box(f = v)) as int report the last v) — and a
// call without arguments after its callee, or its '(' when it calls a
// plain name (b.fail() is b's). So the index of v[s.head] reports the
// end of s, that of v[f(i)] the end of i, that of v[-i] the end of i.
// An operation on constants (1 + 5, -5, 'a' + 'b') is the reference's
// literal folded from it, placed at its operator: it ends there.
func (m *moduleBuilder) refEnd(e ast.Expr) lex.Pos {
	for {
		if end, ok := m.foldedEnd(e); ok {
			return end
		}
		if x, ok := e.(*ast.CallExpr); ok && len(x.Args) == 0 {
			if _, ok := ast.Unparen(x.Fun).(*ast.Ident); ok {
				return x.Lparen + 1
			}
			e = x.Fun
			continue
		}
		next := ast.LastOperand(e)
		if next == nil {
			return e.End()
		}
		e = next
	}
}

// foldedEnd returns the end of the operator of e, an arithmetic
// operation (or parenthesised one) that folds to a constant.
func (m *moduleBuilder) foldedEnd(e ast.Expr) (lex.Pos, bool) {
	var op lex.Pos
	var tok lex.Token
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case lex.EQL, lex.NEQ, lex.LSS, lex.LEQ, lex.GTR, lex.GEQ, lex.LAND, lex.LOR:
			return 0, false // not folded by the reference
		}
		op, tok = x.OpPos, x.Op
	case *ast.UnaryExpr:
		op, tok = x.OpPos, x.Op
	default:
		return 0, false
	}
	if tv, ok := m.info.Types.Lookup(ast.Unparen(e)); !ok || tv.Value == nil {
		return 0, false
	}
	return op + lex.Pos(len(tok.String())), true
}
