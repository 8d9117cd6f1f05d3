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
		l.list.Add(f, pos, msg)
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

// errorf reports a diagnostic at pos.
func (c *checker) errorf(pos lex.Pos, format string, args ...any) {
	c.errs.add(pos, fmt.Sprintf(format, args...))
}
