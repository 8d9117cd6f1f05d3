package lex

import (
	"fmt"
	"strconv"
	"strings"
)

// ErrorHandler receives scan errors. pos is the place of the problem.
type ErrorHandler func(pos Pos, msg string)

// Comment is a comment as written, "// ..." (without the line break) or
// "/* ... */".
type Comment struct {
	Pos  Pos
	Text string
}

// End returns the position just after the comment.
func (c Comment) End() Pos { return c.Pos + Pos(len(c.Text)) }

// A Scanner tokenises one file. It works on bytes (syntax.md §1): non-ASCII
// bytes are allowed only in strings and comments. Comments do not appear
// in the token stream; they are collected and returned by Comments.
//
// The zero Scanner is not usable; call Init.
type Scanner struct {
	file *File
	src  string // the file's source; substrings of it are token literals
	err  ErrorHandler

	ch       int // current byte, or -1 at end of file
	offset   int // offset of ch
	rdOffset int // offset after ch

	// Statement termination state (syntax.md §6).
	insertSemi bool  // a line break after the last token ends a statement
	prev       Token // the last token returned

	comments   []Comment
	ErrorCount int // number of errors reported
}

// Init prepares s to scan file, whose source is file.Source(). Errors go
// to err, which may be nil.
func (s *Scanner) Init(file *File, err ErrorHandler) {
	*s = Scanner{file: file, src: file.text, err: err, ch: ' '}
	s.next()
}

// Comments returns the comments seen so far, in source order.
func (s *Scanner) Comments() []Comment { return s.comments }

func (s *Scanner) error(off int, msg string) {
	s.ErrorCount++
	if s.err != nil {
		s.err(s.file.Pos(off), msg)
	}
}

// next advances to the next byte, recording line starts.
func (s *Scanner) next() {
	if s.rdOffset >= len(s.src) {
		if s.ch == '\n' {
			s.file.AddLine(s.rdOffset)
		}
		s.offset = len(s.src)
		s.ch = -1
		return
	}
	if s.ch == '\n' {
		s.file.AddLine(s.rdOffset)
	}
	s.offset = s.rdOffset
	s.ch = int(s.src[s.rdOffset])
	s.rdOffset++
}

func (s *Scanner) peek() int {
	if s.rdOffset < len(s.src) {
		return int(s.src[s.rdOffset])
	}
	return -1
}

func isLetter(ch int) bool {
	return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || ch == '_'
}

func isDigit(ch int) bool { return '0' <= ch && ch <= '9' }

func isHex(ch int) bool {
	return isDigit(ch) || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F'
}

// endsStatement reports whether a line break after tok ends the statement
// (syntax.md §6, rule 2). `*` counts only directly after `as`
// (`import 'x.n' as *`), which the caller checks.
func endsStatement(tok Token) bool {
	switch tok {
	case IDENT, INT, FLOAT, STRING, LABEL, TRUE, FALSE, NULL,
		BREAK, CONTINUE, RETURN, RPAREN, RBRACK, RBRACE, GTR, NOT, QUESTION:
		return true
	}
	return tok.IsTypeKeyword()
}

// Scan returns the next token: its position, kind and literal text. The
// literal is the source text for identifiers, literals (strings with their
// quotes), labels and macros (with their # or @), reserved words, and ";"
// or "\n" for a written or an inserted SEMI; it is "" for operators. At
// the end of the file Scan returns EOF, forever.
func (s *Scanner) Scan() (pos Pos, tok Token, lit string) {
	start, tok, inserted := s.scan()
	switch {
	case inserted:
		lit = "\n"
	case tok == EOF:
	case tok.IsOperator() && tok != SEMI:
		// "" for operators, as documented.
	default:
		lit = s.src[start:s.offset]
	}
	return s.file.Pos(start), tok, lit
}

// scan scans the next token and returns the offset of its first byte
// and its kind; its text is s.src[start:s.offset], except for an
// inserted SEMI (inserted true, start at the line break) and EOF.
func (s *Scanner) scan() (start int, tok Token, inserted bool) {
	if nl, ok := s.skipSpace(); ok {
		s.insertSemi = false
		s.prev = SEMI
		return nl, SEMI, true
	}
	start = s.offset
	switch ch := s.ch; {
	case isLetter(ch):
		tok = Lookup(s.scanWord())
	case isDigit(ch):
		tok, _ = s.scanNumber()
	default:
		s.next()
		switch ch {
		case -1:
			tok = EOF
		case '\'', '"':
			tok = STRING
			s.scanString(start, ch)
		case '`':
			tok = STRING
			s.scanRaw(start)
		case '#', '@':
			tok, _ = s.scanLabel(start, ch)
		default:
			tok = s.scanOperator(ch)
			if tok == ILLEGAL {
				// One error for a whole UTF-8 sequence, not one per byte.
				for ch >= 0xC0 && s.ch >= 0x80 && s.ch < 0xC0 {
					s.next()
				}
				s.error(start, "special characters are not recognized")
			}
		}
	}
	s.insertSemi = endsStatement(tok) || tok == MUL && s.prev == AS
	s.prev = tok
	return start, tok, false
}

// skipSpace skips white space and comments. If a line break ends the
// previous statement and the next token is not ".", it returns the offset
// of that line break and true: the caller then produces an inserted SEMI.
func (s *Scanner) skipSpace() (nl int, insert bool) {
	nl = -1
	for {
		switch s.ch {
		case ' ', '\t', '\r':
			i := s.rdOffset
			for i < len(s.src) && (s.src[i] == ' ' || s.src[i] == '\t' || s.src[i] == '\r') {
				i++
			}
			s.jump(i)
		case '\n':
			if nl < 0 {
				nl = s.offset
			}
			s.next()
		case '/':
			switch s.peek() {
			case '/':
				s.scanLineComment()
			case '*':
				s.scanBlockComment()
			default:
				return nl, s.insertAt(nl)
			}
		default:
			return nl, s.insertAt(nl)
		}
	}
}

// insertAt decides the terminator for a line break at nl (-1: none) now
// that s.ch is the first byte of the next token. A leading "." continues
// the line (method chains), ".." and "..." do not.
func (s *Scanner) insertAt(nl int) bool {
	if nl < 0 || !s.insertSemi {
		return false
	}
	return s.ch != '.' || s.peek() == '.'
}

func (s *Scanner) scanLineComment() {
	start := s.offset
	i := strings.IndexByte(s.src[start:], '\n')
	if i < 0 {
		i = len(s.src) - start
	}
	s.jump(start + i)
	end := s.offset
	if end > start && s.src[end-1] == '\r' {
		end--
	}
	s.comments = append(s.comments, Comment{s.file.Pos(start), s.src[start:end]})
}

// scanBlockComment scans a /* */ comment. Comments do not nest, and line
// breaks inside them never end a statement.
func (s *Scanner) scanBlockComment() {
	start := s.offset
	s.next()
	s.next()
	for {
		if s.ch < 0 {
			s.error(start, "unterminated comment")
			break
		}
		if s.ch == '*' && s.peek() == '/' {
			s.next()
			s.next()
			break
		}
		s.next()
	}
	s.comments = append(s.comments, Comment{s.file.Pos(start), s.src[start:s.offset]})
}

func (s *Scanner) scanWord() string {
	start := s.offset
	i := s.rdOffset
	for i < len(s.src) && isWordByte(s.src[i]) {
		i++
	}
	s.jump(i)
	return s.src[start:s.offset]
}

// jump moves to offset off, which must not be past a line break that has
// not been recorded (callers only skip bytes within a line).
func (s *Scanner) jump(off int) {
	if off >= len(s.src) {
		s.offset, s.rdOffset, s.ch = len(s.src), len(s.src), -1
		return
	}
	s.offset, s.rdOffset, s.ch = off, off+1, int(s.src[off])
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || '0' <= c && c <= '9'
}

func (s *Scanner) scanLabel(start, sigil int) (Token, string) {
	if !isLetter(s.ch) {
		s.error(start, "special characters are not recognized")
		return ILLEGAL, s.src[start:s.offset]
	}
	s.scanWord()
	if sigil == '#' {
		return LABEL, s.src[start:s.offset]
	}
	return MACRO, s.src[start:s.offset]
}

// scanNumber scans an integer or float literal (syntax.md §5.1, §5.2).
// Only lowercase 0x, 0o and 0b are prefixes; a leading 0 means C octal;
// there are no digit separators and no suffixes.
func (s *Scanner) scanNumber() (Token, string) {
	start := s.offset
	if s.ch == '0' {
		switch s.peek() {
		case 'x', 'o', 'b':
			base := 16
			if s.peek() == 'o' {
				base = 8
			} else if s.peek() == 'b' {
				base = 2
			}
			s.next()
			s.next()
			return INT, s.scanPrefixed(start, base)
		}
	}
	for isDigit(s.ch) {
		s.next()
	}
	tok := INT
	if s.ch == '.' && isDigit(s.peek()) {
		tok = FLOAT
		s.next()
		for isDigit(s.ch) {
			s.next()
		}
	}
	if s.ch == 'e' || s.ch == 'E' {
		// Only an exponent if digits follow; otherwise e starts a word.
		i := s.rdOffset
		if i < len(s.src) && (s.src[i] == '+' || s.src[i] == '-') {
			i++
		}
		if i < len(s.src) && isDigit(int(s.src[i])) {
			tok = FLOAT
			for s.offset < i {
				s.next()
			}
			for isDigit(s.ch) {
				s.next()
			}
		}
	}
	lit := s.src[start:s.offset]
	if tok == INT && len(lit) > 1 && lit[0] == '0' {
		if _, err := strconv.ParseUint(lit[1:], 8, 64); err != nil {
			s.error(start, fmt.Sprintf("Invalid number `%s`", lit))
		}
	}
	return tok, lit
}

func (s *Scanner) scanPrefixed(start, base int) string {
	digits := s.offset
	for isHex(s.ch) || isLetter(s.ch) {
		s.next()
	}
	lit := s.src[start:s.offset]
	if _, err := strconv.ParseUint(s.src[digits:s.offset], base, 64); err != nil {
		s.error(start, fmt.Sprintf("Invalid number `%s`", s.src[digits:s.offset]))
	}
	return lit
}

// scanString scans a '...' or "..." literal whose opening quote is at
// start. Escapes are checked here so that every bad escape is reported;
// Unquote decodes them.
func (s *Scanner) scanString(start, quote int) string {
	for {
		switch s.ch {
		case quote:
			s.next()
			return s.src[start:s.offset]
		case '\n', -1:
			s.error(s.offset, "string cannot newline")
			return s.src[start:s.offset]
		case '\\':
			s.next()
			s.scanEscape()
		default:
			s.next()
		}
	}
}

func (s *Scanner) scanEscape() {
	off := s.offset
	switch s.ch {
	case 'n', 't', 'r', 'b', 'f', 'a', 'v', '0', '\\', '\'', '"':
		s.next()
	case 'x':
		s.next()
		if s.rdOffset >= len(s.src) {
			s.error(off, "incomplete hex escape sequence")
			return
		}
		a, b := s.ch, s.peek()
		if !isHex(a) || !isHex(b) {
			s.error(off, fmt.Sprintf("invalid hex escape sequence \\x%c%c", a, b))
			return // let the caller see the bytes (they may be a quote or \n)
		}
		s.next()
		s.next()
	case -1, '\n':
		s.error(off, "string cannot newline")
	default:
		s.error(off, fmt.Sprintf("unknown escape char %c", s.ch))
		s.next()
	}
}

// scanRaw scans a `...` literal: no escapes, may span lines.
func (s *Scanner) scanRaw(start int) string {
	for s.ch != '`' {
		if s.ch < 0 {
			s.error(start, "raw string literal not terminated")
			return s.src[start:s.offset]
		}
		s.next()
	}
	s.next()
	return s.src[start:s.offset]
}

// An operator is what a character that starts one can make: tok
// alone, assign followed by "=" (if not ILLEGAL), double followed by
// second (if not 0: &&, ||, ->).
type operator struct {
	tok, assign, double Token
	second              byte
}

// operators holds the operators by their first character, but for the
// three scanOperator scans itself (. < >).
var operators = [...]operator{
	'(': {tok: LPAREN}, ')': {tok: RPAREN}, '[': {tok: LBRACK}, ']': {tok: RBRACK},
	'{': {tok: LBRACE}, '}': {tok: RBRACE}, ',': {tok: COMMA}, ';': {tok: SEMI},
	':': {tok: COLON}, '?': {tok: QUESTION}, '~': {tok: TILDE},
	'+': {tok: ADD, assign: ADD_ASSIGN}, '*': {tok: MUL, assign: MUL_ASSIGN},
	'/': {tok: QUO, assign: QUO_ASSIGN}, '%': {tok: REM, assign: REM_ASSIGN},
	'^': {tok: XOR, assign: XOR_ASSIGN}, '=': {tok: ASSIGN, assign: EQL},
	'!': {tok: NOT, assign: NEQ},
	'-': {tok: SUB, assign: SUB_ASSIGN, second: '>', double: ARROW},
	'&': {tok: AND, assign: AND_ASSIGN, second: '&', double: LAND},
	'|': {tok: OR, assign: OR_ASSIGN, second: '|', double: LOR},
}

// scanOperator scans the operator that starts with ch (already consumed).
func (s *Scanner) scanOperator(ch int) Token {
	switch ch {
	case '.':
		if s.ch == '.' {
			s.next()
			if s.ch == '.' {
				s.next()
				return ELLIPSIS
			}
			return RANGE
		}
		return PERIOD
	case '<':
		if s.ch == '<' {
			s.next()
			return s.switch2(SHL, SHL_ASSIGN)
		}
		return s.switch2(LSS, LEQ)
	case '>':
		// No ">>" token: vec<vec<int>> must close two type lists. ">>="
		// is one token.
		if s.ch == '>' && s.peek() == '=' {
			s.next()
			s.next()
			return SHR_ASSIGN
		}
		return s.switch2(GTR, GEQ)
	}
	if ch < 0 || ch >= len(operators) {
		return ILLEGAL
	}
	op := &operators[ch]
	switch {
	case op.second != 0 && s.ch == int(op.second):
		s.next()
		return op.double
	case op.assign != ILLEGAL:
		return s.switch2(op.tok, op.assign)
	}
	return op.tok
}

// switch2 returns tok1 followed by "=" as tok2, else tok0.
func (s *Scanner) switch2(tok0, tok2 Token) Token {
	if s.ch == '=' {
		s.next()
		return tok2
	}
	return tok0
}
