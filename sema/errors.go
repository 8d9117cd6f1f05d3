package sema

import (
	"fmt"

	"github.com/naturekit/naturekit/lex"
)

// errorList collects the diagnostics of one Check.
type errorList struct {
	fset *lex.FileSet
	list lex.ErrorList
	max  int
	seen map[errKey]bool
	toks map[*lex.File][]lex.Item // scanned on demand, for positions (refpos.go)
}

type errKey struct {
	pos lex.Pos
	msg string
}

// errTooMany stops checking once the error limit is reached.
type errTooMany struct{}

func (l *errorList) add(pos lex.Pos, msg string) {
	if l.seen == nil {
		l.seen = map[errKey]bool{}
	}
	k := errKey{pos, msg}
	if l.seen[k] {
		return
	}
	l.seen[k] = true
	if f := l.fset.File(pos); f != nil {
		real := f.Position(pos)
		e := &lex.Error{Pos: real, Msg: msg, Line: f.LineText(real.Line), Caret: real.Column}
		e.Pos.Line, e.Pos.Column = l.refPosition(f, pos)
		l.list = append(l.list, e)
	} else {
		l.list = append(l.list, &lex.Error{Msg: msg})
	}
	if l.max > 0 && len(l.list) >= l.max {
		panic(errTooMany{})
	}
}

func (l *errorList) err() error {
	if len(l.list) == 0 {
		return nil
	}
	l.list.Sort()
	return l.list
}

// errorf reports a diagnostic anchored at the token that starts at pos
// (refpos.go).
func (c *checker) errorf(pos lex.Pos, format string, args ...any) {
	c.errs.add(pos, fmt.Sprintf(format, args...))
}

// typeArgErrorf reports a wrong use of type arguments, which the
// reference finds while type checking: at c.errAt when it is set (the {
// of a struct literal), else at pos.
func (c *checker) typeArgErrorf(pos lex.Pos, format string, args ...any) {
	if c.errAt.IsValid() {
		pos = c.errAt
	}
	c.errs.add(pos, fmt.Sprintf(format, args...))
}
