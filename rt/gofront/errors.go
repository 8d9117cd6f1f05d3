package gofront

import (
	"cmp"
	"slices"
	"strings"

	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
)

// An Error is one thing the compiler rejects, at a source position
// ("file:line: message"): the package loader's errors (syntax, types,
// imports) and the compiler's own. Rejected constructs read "<what> is
// not allowed in the runtime (why)".
type Error = pkgload.Error

// ErrorList is the error Compile returns: every problem found, sorted by
// position, one per line.
type ErrorList []*Error

// MaxErrors bounds the errors one Compile reports.
const MaxErrors = 30

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sorted returns l sorted by position without duplicates, cut at
// MaxErrors.
func (l ErrorList) sorted() ErrorList {
	slices.SortStableFunc(l, func(x, y *Error) int {
		a, b := x.Pos, y.Pos
		return cmp.Or(strings.Compare(a.Filename, b.Filename), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	var out ErrorList
	for i, e := range l {
		if i > 0 && e.Pos.Filename == l[i-1].Pos.Filename && e.Pos.Line == l[i-1].Pos.Line && e.Msg == l[i-1].Msg {
			continue
		}
		out = append(out, e)
	}
	if len(out) > MaxErrors {
		out = out[:MaxErrors]
	}
	return out
}
