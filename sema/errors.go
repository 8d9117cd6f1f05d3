package sema

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/naturekit/naturekit/lex"
)

// errorList collects the diagnostics of one Check.
type errorList struct {
	fset *lex.FileSet
	list lex.ErrorList
	max  int
	seen map[errKey]bool
	toks map[*lex.File][]lex.Item // scanned on demand, for positions (refpos.go)
	// stage orders the diagnostics as the reference's pipeline finds
	// them (errStage); globals marks those of global initialisers,
	// which it type-checks before the functions.
	stage   map[*lex.Error]errOrder
	globals bool
	// after and depth are set while a closure's body is checked: its
	// type errors come after those of its enclosing function, which
	// ends at after.
	after lex.Pos
	depth int
}

// errOrder is where a diagnostic comes in the reference's order.
type errOrder struct {
	stage int
	after lex.Position // the end of the enclosing function, for a closure
	depth int
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
		if l.stage == nil {
			l.stage = map[*lex.Error]errOrder{}
		}
		o := errOrder{stage: errStage(msg, l.globals), after: e.Pos}
		if af := l.fset.File(l.after); af != nil && o.stage == stageTypes {
			o.after, o.depth = af.Position(l.after), l.depth
			o.after.Line, o.after.Column = l.refPosition(af, l.after)
		}
		l.stage[e] = o
	} else {
		l.list = append(l.list, &lex.Error{Msg: msg})
	}
	if l.max > 0 && len(l.list) >= l.max {
		panic(errTooMany{})
	}
}

// err returns the diagnostics in the order the reference would find
// them: by stage of its pipeline (spec/diagnostics.md §1.2), then by
// position, so that the first one is the one it reports.
func (l *errorList) err() error {
	if len(l.list) == 0 {
		return nil
	}
	l.list.Sort()
	slices.SortStableFunc(l.list, func(x, y *lex.Error) int {
		a, b := l.orderOf(x), l.orderOf(y)
		return cmp.Or(cmp.Compare(a.stage, b.stage), a.after.Compare(b.after), cmp.Compare(a.depth, b.depth))
	})
	return l.list
}

func (l *errorList) orderOf(e *lex.Error) errOrder {
	if o, ok := l.stage[e]; ok {
		return o
	}
	return errOrder{stage: stageTypes, after: e.Pos}
}

// The stages of the reference's pipeline, in order.
const (
	stageAnalyzer = iota // names, scopes, declarations
	stageImpls           // interface implementations
	stageGlobals         // type checking of global initialisers
	stageTypes           // type checking of functions
	stageLowering        // break and continue outside a loop, zero values
	stageFlow            // missing return, match arm without a result
)

// errStage classifies a diagnostic by the stage of the reference that
// reports it.
func errStage(msg string, global bool) int {
	has := func(s string) bool { return strings.Contains(msg, s) }
	pre := func(s string) bool { return strings.HasPrefix(msg, s) }
	switch {
	case pre("identifier '") && has("' undeclared"), pre("undefined: "),
		pre("type '") && strings.HasSuffix(msg, "' undeclared"), pre("module '"),
		pre("ident="), pre("array length Initialization"), pre("array length must be declared"),
		pre("redeclare ident"), pre("ident '") && has("redeclared"),
		pre("const cannot be initialized"), pre(" const initialization cycle"),
		pre("condition expr cannot contains"), pre("default case '_'"),
		pre("closure fn cannot appear"), pre("local typedef"), pre("return/break/continue/throw/ret"),
		pre("impl type '"), pre("fn 'main' is undeclared"), pre("fn main must have"),
		pre("symbol '"), pre("import "), pre("cannot 'import "), pre("source file="),
		pre("anyptr cannot contains arg"), pre("ptr<...>"), pre("ref<...>"):
		return stageAnalyzer
	case has("' for interface '"), has("' mismatch interface '"), has("' impl target '"), pre("duplicate method"):
		return stageImpls
	case pre("break must use"), pre("continue must use"), has("' must assign default value"):
		return stageLowering
	case has(" missing return"), pre("match missing result"):
		return stageFlow
	}
	if global {
		return stageGlobals
	}
	return stageTypes
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
