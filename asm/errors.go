package asm

import (
	"fmt"
	"strings"
)

// A Pos is a source position: file name and 1-based line. The zero Pos
// (statements built through the Go API without SetPos) prints as "-".
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return "-"
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// An Error is a diagnostic at a source position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// An ErrorList is a list of errors in source order. Assemble returns one
// when anything is wrong; each entry prints as "file:line: message".
type ErrorList []*Error

// maxErrors bounds how many diagnostics one assembly collects.
const maxErrors = 50

func (l ErrorList) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns l as an error, or nil if l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
