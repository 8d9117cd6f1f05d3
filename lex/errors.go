package lex

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Error is one diagnostic: a position, a message and, when the source is
// known, the text of the offending line.
//
// Pos is the position printed in the first line. The parser sets it to
// the reference compiler's convention (spec/diagnostics.md §1.4), which
// can differ from the place of the problem in the source; Line and Caret
// always show that place.
type Error struct {
	Pos   Position
	Msg   string
	Line  string // source line of the problem, without its line break
	Caret int    // 1-based byte column of the problem in Line; 0 means Pos.Column
}

// Error returns the first line of the diagnostic, "file:line:col: message".
func (e *Error) Error() string {
	if e.Pos.IsValid() || e.Pos.Filename != "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Msg
}

// Detail returns the full diagnostic: the first line, the source line and
// a caret under the column. Tabs in the source are kept in the caret
// line's padding so the caret lines up in a terminal.
func (e *Error) Detail() string {
	s := e.Error()
	col := e.Caret
	if col == 0 {
		col = e.Pos.Column
	}
	if e.Line == "" || col < 1 {
		return s
	}
	var pad strings.Builder
	for i := 0; i < col-1 && i < len(e.Line); i++ {
		if e.Line[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return s + "\n" + e.Line + "\n" + pad.String() + "^"
}

// ErrorList is a list of diagnostics. It implements error.
type ErrorList []*Error

// Add appends a diagnostic at pos in file f.
func (l *ErrorList) Add(f *File, pos Pos, msg string) {
	p := f.Position(pos)
	*l = append(*l, &Error{Pos: p, Msg: msg, Line: f.LineText(p.Line)})
}

// Sort orders the list by file, line and column, keeping the insertion
// order of diagnostics at the same place.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int { return a.Pos.Compare(b.Pos) })
}

// Error returns the first diagnostic and a count of the rest.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0], len(l)-1)
}

// Err returns l as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Print writes every diagnostic of err in its full form (see Error.Detail)
// to w, one after another. Errors that are not lex errors print as their
// Error text.
func Print(w io.Writer, err error) {
	switch e := err.(type) {
	case ErrorList:
		for _, x := range e {
			fmt.Fprintln(w, x.Detail())
		}
	case *Error:
		fmt.Fprintln(w, e.Detail())
	default:
		if err != nil {
			fmt.Fprintln(w, err)
		}
	}
}
