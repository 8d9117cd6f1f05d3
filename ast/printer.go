package ast

import (
	"bytes"
	"io"
	"strings"

	"github.com/naturekit/naturekit/lex"
)

// Fprint writes the canonical layout of node to w. For a *File the
// comments are printed too; positions (through fset) decide where
// comments go, where a single blank line separates statements as in the
// source, and whether a bracketed list is laid out one element per line.
// fset may be nil for trees built without positions.
//
// The canonical layout: four-space indentation; one declaration,
// statement, field or match arm per line; single spaces around binary
// operators, after commas and colons; a list whose first element started
// on a new line in the source is printed one element per line with a
// trailing comma, any other list on one line; parentheses exactly as
// written. Printing is idempotent: Fprint(Parse(Fprint(Parse(x)))) equals
// Fprint(Parse(x)).
func Fprint(w io.Writer, fset *lex.FileSet, node Node) error {
	p := &printer{fset: fset}
	if f, ok := node.(*File); ok {
		p.comments = f.Comments
	}
	p.node(node)
	if len(p.buf) > 0 && p.buf[len(p.buf)-1] != '\n' {
		p.buf = append(p.buf, '\n')
	}
	_, err := w.Write(p.buf)
	return err
}

// String returns the canonical text of a node without comments.
func String(fset *lex.FileSet, n Node) string {
	var b strings.Builder
	p := &printer{fset: fset}
	p.node(n)
	b.Write(p.buf)
	return strings.TrimSuffix(b.String(), "\n")
}

type printer struct {
	fset     *lex.FileSet
	buf      []byte
	indent   int
	comments []*Comment
	ci       int // index of the next comment to print
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }

// seq prints its arguments in order: a string as it is, a block with
// block, another statement with stmt and an expression with expr; nil
// prints nothing, as stmt and expr print nothing for nil.
func (p *printer) seq(parts ...any) {
	for _, x := range parts {
		switch x := x.(type) {
		case string:
			p.str(x)
		case *BlockStmt:
			p.block(x)
		case Stmt:
			p.stmt(x)
		case Expr:
			p.expr(x)
		}
	}
}

func (p *printer) newline() {
	p.buf = append(p.buf, '\n')
}

func (p *printer) writeIndent() {
	for range p.indent {
		p.buf = append(p.buf, "    "...)
	}
}

// line returns the source line of pos, or 0 when unknown.
func (p *printer) line(pos lex.Pos) int {
	if p.fset == nil || !pos.IsValid() {
		return 0
	}
	return p.fset.Position(pos).Line
}

// item is one element of a vertical list.
type item struct {
	node  Node
	print func()
}

// lines prints items one per line at the current indentation plus one,
// each followed by sep, with the comments that precede each item, the
// trailing comments on an item's last line, and single blank lines where
// the source had blank lines. open is the line of the list's opening
// bracket and close the position of its closing bracket: comments before
// close are printed inside the list.
func (p *printer) lines(items []item, sep string, open int, close lex.Pos) {
	p.indent++
	prev := open
	printed := false // something of this list is already printed
	for i, it := range items {
		prev, printed = p.leadingComments(it.node.Pos(), prev, printed)
		if l := p.line(it.node.Pos()); l > prev+1 && printed && prev > 0 {
			p.newline()
		}
		p.writeIndent()
		it.print()
		p.str(sep)
		if p.endsWithoutTerminator() {
			p.str(";")
		}
		printed = true
		prev = p.line(it.node.End())
		next := close
		if i+1 < len(items) {
			next = items[i+1].node.Pos()
		}
		prev = p.trailingComments(prev, next)
		p.newline()
	}
	p.leadingComments(close, prev, printed)
	p.indent--
}

// leadingComments prints, each on its own line, the comments before pos.
// prev is the source line printed last and printed whether the list has
// printed anything yet (no blank line comes first); it returns both
// updated.
func (p *printer) leadingComments(pos lex.Pos, prev int, printed bool) (int, bool) {
	for p.ci < len(p.comments) && (!pos.IsValid() || p.comments[p.ci].Pos() < pos) {
		c := p.comments[p.ci]
		p.ci++
		if l := p.line(c.Pos()); l > prev+1 && printed && prev > 0 {
			p.newline()
		}
		printed = true
		p.writeIndent()
		p.str(c.Text)
		p.newline()
		prev = max(prev, p.line(c.End()))
	}
	return prev, printed
}

// trailingComments appends the comments that start on source line l and
// before next to the current output line. It returns the source line
// where the last of them ends (l if there are none): a block comment may
// span lines, and what follows is measured from its end.
func (p *printer) trailingComments(l int, next lex.Pos) int {
	last := l
	for p.ci < len(p.comments) {
		c := p.comments[p.ci]
		if c.Pos() >= next || p.line(c.Pos()) != l || l == 0 {
			break
		}
		p.ci++
		p.str(" ")
		p.str(c.Text)
		last = max(last, p.line(c.End()))
	}
	return last
}

// endsWithoutTerminator reports whether the output ends with a word after
// which a line break does not end a statement (syntax.md §6): any.
func (p *printer) endsWithoutTerminator() bool {
	b := p.buf
	if len(b) < 3 || string(b[len(b)-3:]) != "any" {
		return false
	}
	return len(b) == 3 || !isWordByte(b[len(b)-4])
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// multiline reports whether a bracketed list is laid out vertically: its
// first element starts on a later line than the opening bracket.
func (p *printer) multiline(open lex.Pos, first Node) bool {
	if first == nil {
		return false
	}
	lo, lf := p.line(open), p.line(first.Pos())
	return lo > 0 && lf > lo
}

// list prints the elements of a bracketed list between open and close
// (the bracket texts), horizontally or vertically.
func (p *printer) list(openTok string, openPos lex.Pos, elems []Node, elem func(Node), closeTok string, closePos lex.Pos) {
	p.str(openTok)
	if len(elems) > 0 && p.multiline(openPos, elems[0]) {
		items := make([]item, len(elems))
		for i, e := range elems {
			items[i] = item{e, func() { elem(e) }}
		}
		p.newline()
		p.lines(items, ",", p.line(openPos), closePos)
		p.writeIndent()
	} else {
		for i, e := range elems {
			if i > 0 {
				p.str(", ")
			}
			elem(e)
		}
	}
	p.str(closeTok)
}

func exprNodes(list []Expr) []Node {
	out := make([]Node, len(list))
	for i, x := range list {
		out[i] = x
	}
	return out
}

func (p *printer) exprElem(n Node) { p.expr(n.(Expr)) }

// block prints { stmts }, or {} when empty and without comments. A block
// with one statement that was written on one line stays on one line if
// the statement prints on one line (fn(int x):int { return x * 2 }).
func (p *printer) block(b *BlockStmt) {
	if len(b.List) == 1 && p.line(b.Lbrace) > 0 && p.line(b.Lbrace) == p.line(b.Rbrace) &&
		!p.commentBefore(b.Rbrace) {
		start := len(p.buf)
		p.str("{ ")
		p.stmt(b.List[0])
		if !bytes.Contains(p.buf[start:], []byte{'\n'}) {
			p.str(" }")
			return
		}
		p.buf = p.buf[:start]
	}
	items := make([]item, len(b.List))
	for i, s := range b.List {
		items[i] = item{s, func() { p.stmt(s) }}
	}
	p.body(b.Lbrace, items, b.Rbrace)
}

// body prints { items } with one item per line.
func (p *printer) body(lbrace lex.Pos, items []item, rbrace lex.Pos) {
	if len(items) == 0 && !p.commentBefore(rbrace) {
		p.str("{}")
		return
	}
	p.str("{")
	p.newline()
	p.lines(items, "", p.line(lbrace), rbrace)
	p.writeIndent()
	p.str("}")
}

// commentBefore reports whether an unprinted comment precedes pos.
func (p *printer) commentBefore(pos lex.Pos) bool {
	return p.ci < len(p.comments) && pos.IsValid() && p.comments[p.ci].Pos() < pos
}

func (p *printer) node(n Node) {
	switch n := n.(type) {
	case *File:
		p.file(n)
	case Expr:
		p.expr(n)
	case Stmt:
		p.stmt(n)
	case Decl:
		p.decl(n)
	case *Comment:
		p.str(n.Text)
	case *MatchArm:
		p.arm(n)
	case *SelectArm:
		p.selectArm(n)
	case *Field:
		p.field(n)
	case *Param:
		p.param(n)
	case *Label:
		p.label(n)
	}
}

func (p *printer) file(f *File) {
	var items []item
	if f.Mod != nil {
		items = append(items, item{f.Mod, func() { p.decl(f.Mod) }})
	}
	for _, d := range f.Decls {
		items = append(items, item{d, func() { p.decl(d) }})
	}
	p.indent = -1
	p.lines(items, "", 0, lex.NoPos)
	p.indent = 0
	if len(p.buf) > 0 && p.buf[0] == '\n' {
		p.buf = p.buf[1:]
	}
}
