package parse

import (
	"sort"
	"strconv"

	"github.com/naturekit/naturekit/lex"
)

// Syntax errors print the position the reference compiler prints
// (spec/diagnostics.md §1.4): the line and column of the token's last
// byte, counted by the reference scanner's counter, which does not count
// string quotes, escape backslashes, the x and first digit of \xHH, or
// 0x/0o/0b prefixes. An inserted terminator sits one column after the
// previous token's text. Two quirks of that counter are not copied, as
// spec/README.md decides: it starts line 1 at column 1 instead of 0
// (shifting every column of line 1 by one), and it reports the end of the
// file at a column equal to its line number; naturekit gives the true
// column in both cases. The caret under the source line marks the real
// place.

// newError builds a syntax error at pos.
func (p *parser) newError(pos lex.Pos, msg string) *lex.Error {
	real := p.file.Position(pos)
	e := &lex.Error{Pos: real, Msg: msg, Line: p.file.LineText(real.Line), Caret: real.Column}
	if k, ok := p.tokenAt(pos); ok {
		e.Pos.Line, e.Pos.Column = p.refPos(k)
	}
	return e
}

// tokenAfter returns the position of the first token (an inserted
// terminator included) at or after end.
func (p *parser) tokenAfter(end lex.Pos) lex.Pos {
	k := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos >= end })
	if k < len(p.toks) {
		return p.toks[k].Pos
	}
	return end
}

// lastToken returns the position of the last real token before end.
func (p *parser) lastToken(end lex.Pos) lex.Pos {
	k := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos >= end })
	for k--; k >= 0; k-- {
		if !p.toks[k].Inserted() {
			return p.toks[k].Pos
		}
	}
	return end
}

// tokenAt finds the token that starts at pos.
func (p *parser) tokenAt(pos lex.Pos) (int, bool) {
	k := sort.Search(len(p.toks), func(i int) bool { return p.toks[i].Pos >= pos })
	return k, k < len(p.toks) && p.toks[k].Pos == pos
}

// refPos returns the reference line and column of token k.
func (p *parser) refPos(k int) (line, col int) {
	t := p.toks[k]
	switch {
	case t.Tok == lex.EOF:
		pos := p.file.Position(t.Pos)
		return pos.Line, pos.Column
	case t.Inserted() && k > 0:
		line, col = p.refPos(k - 1)
		prev := p.toks[k-1]
		return line, col + refLen(prev.Tok, p.file.Text(prev)) + 1
	}
	return p.refPosBefore(k, p.file.Offset(t.Pos)+int(t.Len))
}

// refPosBefore returns the reference line and column of the byte before
// offset end, inside or at the end of token k: the line's bytes up to
// it, without those the reference does not count (in token k, only
// those before end).
func (p *parser) refPosBefore(k, end int) (line, col int) {
	pos := p.file.Position(p.file.Pos(end - 1))
	lineStart := end - 1 - (pos.Column - 1)
	uncounted := 0
	for j := k; j >= 0; j-- {
		tj := p.toks[j]
		start := p.file.Offset(tj.Pos)
		if start+int(tj.Len) <= lineStart {
			break
		}
		text := p.file.Text(tj)
		if j == k {
			text = text[:end-start]
		}
		uncounted += lex.ReferenceUncounted(tj.Tok, text, start < lineStart)
	}
	return pos.Line, pos.Column - uncounted
}

// refScanErrors gives the scanner's errors inside a string literal (an
// unterminated one, a bad escape) the reference's column: that of the
// last byte its scanner read before the error, counted as refPos counts.
func (p *parser) refScanErrors() {
	for _, e := range p.errs {
		off := e.Pos.Offset
		k := sort.Search(len(p.toks), func(i int) bool { return p.file.Offset(p.toks[i].Pos) >= off }) - 1
		if k < 0 || p.toks[k].Tok != lex.STRING {
			continue
		}
		if start := p.file.Offset(p.toks[k].Pos); off <= start || off > start+int(p.toks[k].Len) {
			continue
		}
		e.Caret = e.Pos.Column
		e.Pos.Line, e.Pos.Column = p.refPosBefore(k, off)
	}
}

// refLen is the length the reference uses for a token's text when it
// places an inserted terminator after it: a string's decoded content, a
// prefixed number written in decimal, otherwise the text.
func refLen(tok lex.Token, lit string) int {
	switch tok {
	case lex.STRING:
		if s, err := lex.Unquote(lit); err == nil {
			return len(s)
		}
	case lex.INT:
		if v, err := lex.IntValue(lit); err == nil {
			return len(strconv.FormatUint(v, 10))
		}
	case lex.LABEL, lex.MACRO:
		return len(lit) - 1
	}
	return len(lit)
}
