package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// Instructions carry the source position the reference would report for
// them (lir.Func.InstrPos): the back end turns the positions of calls,
// divisions and memory accesses into the executable's position table,
// which the runtime reads to report a fault (a division by zero, a nil
// dereference, a stack overflow) and to print backtraces. Each
// expression sets the builder's position to its own while it is lowered
// (refEnd: where the reference reports a runtime error in it) and puts
// the enclosing one's back afterwards, so an instruction has the
// position of the innermost expression that made it: a division the end
// of its right operand, a call the end of its last argument (what the
// reference's backtraces print), a field load the end of the selector's
// leftmost operand.

// srcPositions caches the positions of one module's instructions.
type srcPositions struct {
	at    map[lex.Pos]lir.Pos  // by the end position refEnd gives
	files map[*lex.File]string // the file names runtime messages print
}

// srcPos returns the position of the reference's column rules for the
// byte before end, as posString prints it.
func (m *moduleBuilder) srcPosAt(end lex.Pos) lir.Pos {
	c := &m.srcPos
	if p, ok := c.at[end]; ok {
		return p
	}
	var p lir.Pos
	if f := m.fset.File(end - 1); f != nil {
		name, ok := c.files[f]
		if !ok {
			name = f.Name()
			if m.conf.Path != nil {
				name = m.conf.Path(name)
			}
			if c.files == nil {
				c.files = map[*lex.File]string{}
			}
			c.files[f] = name
		}
		line, col := m.refColumn(f, end-1)
		p = lir.Pos{File: name, Line: line, Col: col}
	}
	if c.at == nil {
		c.at = map[lex.Pos]lir.Pos{}
	}
	c.at[end] = p
	return p
}

// enterPos makes e's position the builder's and returns the one it
// replaces, for leavePos. Names and literals keep the enclosing
// expression's position: they cannot fault (a captured variable's cell
// is never nil) and are most of the expressions, so their positions are
// not worth computing.
func (fb *funcBuilder) enterPos(e ast.Expr) lir.Pos {
	old := fb.b.Pos
	switch e.(type) {
	case nil, *ast.Ident, *ast.BasicLit:
	default:
		fb.b.Pos = fb.m.srcPosAt(fb.m.refEnd(e))
	}
	return old
}

// enterStmtPos makes the start of statement s the builder's position
// (Config.StatementPos) and returns the one it replaces, for leavePos.
func (fb *funcBuilder) enterStmtPos(s ast.Stmt) lir.Pos {
	old := fb.b.Pos
	fb.b.Pos = fb.m.funcPos(s.Pos())
	return old
}

// enterPosOf is enterPos for any e, names and literals included: for an
// operation whose position is that of e (x op= v has v's).
func (fb *funcBuilder) enterPosOf(e ast.Expr) lir.Pos {
	old := fb.b.Pos
	if e != nil {
		fb.b.Pos = fb.m.srcPosAt(fb.m.refEnd(e))
	}
	return old
}

// leavePos restores the position enterPos replaced.
func (fb *funcBuilder) leavePos(old lir.Pos) { fb.b.Pos = old }

// sourceName returns the name the reference's backtraces print for a
// function: module and name, without a method's receiver type
// (main.expect), and main.lambda for every closure.
func sourceName(fn *sema.Func) string {
	prefix := ""
	if fn.Pkg() != nil {
		prefix = fn.Pkg().Name + "."
	}
	if fn.Lit != nil {
		return prefix + "lambda"
	}
	return prefix + fn.Name()
}
