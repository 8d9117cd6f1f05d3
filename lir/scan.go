package lir

import (
	"fmt"
	"strconv"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tNewline
	tIdent  // letters, digits, '_' and '.'
	tReg    // %N
	tPhys   // $N
	tSym    // @name or @"quoted name"; text is @ and the name, unquoted
	tInt    // -12
	tFloat  // 1.5, -2e3
	tString // "quoted"
	tPunct  // one of ( ) { } [ ] , : = + -
)

type token struct {
	kind      tokKind
	text      string
	line, col int
}

// ErrorList is what Parse returns on bad input: each error names its
// place as file:line:col.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Pos, e.Msg) }

type scanner struct {
	file      string
	src       string
	off       int
	line, col int
	toks      []token
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// scan splits src into tokens. It stops at the first malformed token.
func scan(file, src string) ([]token, error) {
	s := &scanner{file: file, src: src, line: 1, col: 1}
	for {
		t, err := s.next()
		if err != nil {
			return nil, err
		}
		s.toks = append(s.toks, t)
		if t.kind == tEOF {
			return s.toks, nil
		}
	}
}

func (s *scanner) errorf(line, col int, format string, args ...any) error {
	return &Error{Pos: Pos{File: s.file, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

func (s *scanner) advance(n int) {
	for range n {
		if s.src[s.off] == '\n' {
			s.line++
			s.col = 1
		} else {
			s.col++
		}
		s.off++
	}
}

func (s *scanner) next() (token, error) {
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c == ' ' || c == '\t' || c == '\r' {
			s.advance(1)
			continue
		}
		if c == '#' || c == '/' && s.off+1 < len(s.src) && s.src[s.off+1] == '/' {
			for s.off < len(s.src) && s.src[s.off] != '\n' {
				s.advance(1)
			}
			continue
		}
		break
	}
	line, col := s.line, s.col
	tok := func(k tokKind, n int) token {
		t := token{kind: k, text: s.src[s.off : s.off+n], line: line, col: col}
		s.advance(n)
		return t
	}
	if s.off >= len(s.src) {
		return token{kind: tEOF, line: line, col: col}, nil
	}
	c := s.src[s.off]
	rest := s.src[s.off:]
	switch {
	case c == '\n':
		return tok(tNewline, 1), nil
	case c == '%' || c == '$':
		n := 1
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		if n == 1 {
			return token{}, s.errorf(line, col, "%q must be followed by a register number", c)
		}
		if c == '%' {
			return tok(tReg, n), nil
		}
		return tok(tPhys, n), nil
	case c == '@' && len(rest) > 1 && rest[1] == '"':
		// @"name": a symbol whose name has other characters.
		n, ok := closingQuote(rest, 2)
		if !ok {
			return token{}, s.errorf(line, col, "unterminated symbol name")
		}
		name, err := strconv.Unquote(rest[1 : n+1])
		if err != nil || name == "" {
			return token{}, s.errorf(line, col, "bad quoted symbol name %s", rest[1:n+1])
		}
		t := tok(tSym, n+1)
		t.text = "@" + name
		return t, nil
	case c == '@':
		n := 1
		for n < len(rest) && isIdentByte(rest[n]) {
			n++
		}
		if n == 1 {
			return token{}, s.errorf(line, col, "'@' must be followed by a symbol name")
		}
		return tok(tSym, n), nil
	case c == '"':
		n, ok := closingQuote(rest, 1)
		if !ok {
			return token{}, s.errorf(line, col, "unterminated string")
		}
		return tok(tString, n+1), nil
	case isDigit(c) || c == '-' && len(rest) > 1 && (isDigit(rest[1]) || rest[1] == 'i'):
		return s.number(line, col)
	case isIdentByte(c):
		n := 0
		for n < len(rest) && isIdentByte(rest[n]) {
			n++
		}
		return tok(tIdent, n), nil
	}
	switch c {
	case '(', ')', '{', '}', '[', ']', ',', ':', '=', '+', '-':
		return tok(tPunct, 1), nil
	}
	return token{}, s.errorf(line, col, "unexpected character %q", c)
}

func (s *scanner) number(line, col int) (token, error) {
	rest := s.src[s.off:]
	n := 0
	if rest[0] == '-' {
		n++
	}
	if rest[n:] == "inf" || len(rest) >= n+3 && rest[n:n+3] == "inf" && (len(rest) == n+3 || !isIdentByte(rest[n+3])) {
		t := token{kind: tFloat, text: rest[:n+3], line: line, col: col}
		s.advance(n + 3)
		return t, nil
	}
	kind := tInt
	for n < len(rest) {
		c := rest[n]
		switch {
		case isDigit(c):
		case c == '.' || c == 'e' || c == 'E':
			kind = tFloat
		case (c == '+' || c == '-') && (rest[n-1] == 'e' || rest[n-1] == 'E'):
		default:
			goto done
		}
		n++
	}
done:
	text := rest[:n]
	var err error
	if kind == tInt {
		_, err = strconv.ParseInt(text, 10, 64)
	} else {
		_, err = strconv.ParseFloat(text, 64)
	}
	if err != nil {
		return token{}, s.errorf(line, col, "malformed number %q", text)
	}
	t := token{kind: kind, text: text, line: line, col: col}
	s.advance(n)
	return t, nil
}

// closingQuote returns the index in rest of the '"' that ends the quoted
// text starting at index i (just after the opening quote), skipping
// backslash escapes; ok is false when the line or the text ends first.
func closingQuote(rest string, i int) (n int, ok bool) {
	n = i
	for n < len(rest) && rest[n] != '"' && rest[n] != '\n' {
		if rest[n] == '\\' && n+1 < len(rest) {
			n++
		}
		n++
	}
	return n, n < len(rest) && rest[n] == '"'
}
