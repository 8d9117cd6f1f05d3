package main

import (
	"errors"
	"regexp"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// Link errors that reach a user name a source position where there is
// one: the only symbols a Nature program refers to that the runtime may
// not define are the #linkid names of its external declarations (a
// function declared without a body and without #linkid is a compile
// error, lir/linear), and an undefined one is reported at the first call
// to it, with the position runtime messages use. Object names are
// main.o and runtime.o, never a temporary or cache path.

var undefinedRef = regexp.MustCompile(`^undefined reference to '([^']*)' \(from main\.o:`)

// positionLinkErrors rewrites the undefined references of err that come
// from the program's code as errors at the source position of a call.
func positionLinkErrors(err error, m *lir.Module) error {
	var errs []error
	if u, ok := err.(interface{ Unwrap() []error }); ok {
		errs = u.Unwrap()
	} else {
		return err
	}
	lines := make([]string, 0, len(errs))
	changed := false
	for _, e := range errs {
		msg := e.Error()
		if sm := undefinedRef.FindStringSubmatch(msg); sm != nil {
			if pos := firstCall(m, sm[1]); pos.IsValid() {
				msg = pos.String() + ": undefined reference to '" + sm[1] + "' (#linkid)"
				changed = true
			}
		}
		lines = append(lines, msg)
	}
	if !changed {
		return err
	}
	return errors.New(strings.Join(lines, "\n"))
}

// firstCall returns the position of the first call to sym in m that has
// one.
func firstCall(m *lir.Module, sym string) lir.Pos {
	if m == nil {
		return lir.Pos{}
	}
	for _, f := range m.Funcs {
		for _, id := range f.Code() {
			c, ok := f.Instrs[id].(*lir.Call)
			if !ok || c.Callee.Kind != lir.SymOperand || f.Syms[c.Callee.Index] != sym {
				continue
			}
			if p := f.InstrPos(id); p.IsValid() {
				return p
			}
		}
	}
	return lir.Pos{}
}
