package asm

import (
	"fmt"
	"strconv"
	"strings"
)

// An Expr is a relocatable expression as assemblers allow it: a constant,
// optionally plus one symbol and minus one symbol.
//
//	5            Expr{Add: 5}
//	foo+8        Expr{Sym: "foo", Add: 8}
//	.L2-.L1      Expr{Sym: ".L2", Minus: ".L1"}
//	foo-.        Expr{Sym: "foo", Minus: "."}
//
// The symbol "." is the location of the statement being assembled.
// A difference of two symbols defined in the same section is a constant
// once the layout is known; "sym - ." becomes a PC-relative relocation.
type Expr struct {
	Sym   string
	Minus string
	Add   int64
}

// Const returns a constant expression.
func Const(v int64) Expr { return Expr{Add: v} }

// SymOff returns the expression sym+off.
func SymOff(sym string, off int64) Expr { return Expr{Sym: sym, Add: off} }

// IsConst reports whether e has no symbol.
func (e Expr) IsConst() bool { return e.Sym == "" && e.Minus == "" }

// String formats e so that ParseExpr reads it back; a symbol name with
// other characters than IsSymbolName allows is quoted (QuoteSymbol).
func (e Expr) String() string {
	var b strings.Builder
	if e.Sym != "" {
		b.WriteString(QuoteSymbol(e.Sym))
	}
	if e.Minus != "" {
		b.WriteString("-")
		b.WriteString(QuoteSymbol(e.Minus))
	}
	switch {
	case b.Len() == 0:
		b.WriteString(strconv.FormatInt(e.Add, 10))
	case e.Add > 0:
		b.WriteString("+")
		b.WriteString(strconv.FormatInt(e.Add, 10))
	case e.Add < 0:
		b.WriteString(strconv.FormatInt(e.Add, 10))
	}
	return b.String()
}

// ParseExpr parses an expression: integers (decimal, 0x hex, 0b binary,
// 0o or leading-0 octal, 'c' characters), symbol names, ".", unary - + ~,
// binary * / % << >> & | ^ + - with C precedence, and parentheses.
// Operators other than + and - need constant operands, and the result may
// contain at most one added and one subtracted symbol.
func ParseExpr(s string) (Expr, error) {
	p := exprParser{src: s}
	v, err := p.parse(0)
	if err != nil {
		return Expr{}, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return Expr{}, fmt.Errorf("unexpected %q in expression %q", p.src[p.pos:], s)
	}
	return v.expr(s)
}

// IsSymbolName reports whether s is a valid symbol name.
func IsSymbolName(s string) bool {
	if s == "" || !isSymStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isSymChar(s[i]) {
			return false
		}
	}
	return true
}

// ValidSymbolName reports whether s may name a symbol: a name
// IsSymbolName accepts, or any other non-empty name without NUL and
// newline bytes, which the text form writes quoted as GNU as does
// ("main.box<int>.get"; QuoteSymbol).
func ValidSymbolName(s string) bool {
	return IsSymbolName(s) || s != "" && strings.IndexByte(s, 0) < 0 && strings.IndexByte(s, '\n') < 0
}

// QuoteSymbol returns symbol name s as the text form writes it: as it is
// if IsSymbolName accepts it, else in double quotes with '"' and '\\'
// escaped by a backslash, which GNU as and Assemble read as one symbol.
func QuoteSymbol(s string) string {
	if IsSymbolName(s) {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// unquoteSymbol reads the quoted symbol name s starts with ('"' at s[0])
// and returns the name and the length of its text, or ok false.
func unquoteSymbol(s string) (name string, n int, ok bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		case c == '"':
			name = b.String()
			return name, i + 1, ValidSymbolName(name)
		case c == '\n' || c == 0:
			return "", 0, false
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

func isSymStart(c byte) bool { return charClass[c]&classSymStart != 0 }

func isSymChar(c byte) bool { return charClass[c]&classSym != 0 }

// linear is an expression value under evaluation: a constant plus a
// weighted sum of symbols.
type linear struct {
	add  int64
	syms map[string]int64 // symbol -> coefficient; nil when constant
}

func (l linear) isConst() bool {
	for _, k := range l.syms {
		if k != 0 {
			return false
		}
	}
	return true
}

func (l linear) scale(k int64) linear {
	r := linear{add: l.add * k}
	for s, c := range l.syms {
		r.addSym(s, c*k)
	}
	return r
}

func (l *linear) addSym(s string, c int64) {
	if l.syms == nil {
		l.syms = map[string]int64{}
	}
	l.syms[s] += c
}

func (l linear) plus(m linear, sign int64) linear {
	r := l.scale(1)
	r.add += sign * m.add
	for s, c := range m.syms {
		r.addSym(s, sign*c)
	}
	return r
}

func (l linear) expr(src string) (Expr, error) {
	e := Expr{Add: l.add}
	for s, c := range l.syms {
		switch {
		case c == 0:
		case c == 1 && e.Sym == "":
			e.Sym = s
		case c == -1 && e.Minus == "":
			e.Minus = s
		default:
			return Expr{}, fmt.Errorf("expression %q is not a constant, symbol+constant or symbol difference", src)
		}
	}
	if e.Sym == "" && e.Minus != "" {
		return Expr{}, fmt.Errorf("expression %q negates a symbol", src)
	}
	return e, nil
}

type exprParser struct {
	src   string
	pos   int
	depth int
}

// Binary operator precedence, C-like: higher binds tighter.
var binaryPrec = map[string]int{
	"|": 1, "^": 2, "&": 3, "<<": 4, ">>": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}

func (p *exprParser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

func (p *exprParser) peekOp() string {
	p.skipSpace()
	rest := p.src[p.pos:]
	for _, op := range []string{"<<", ">>", "|", "^", "&", "+", "-", "*", "/", "%"} {
		if strings.HasPrefix(rest, op) {
			return op
		}
	}
	return ""
}

func (p *exprParser) parse(minPrec int) (linear, error) {
	left, err := p.unary()
	if err != nil {
		return linear{}, err
	}
	for {
		op := p.peekOp()
		prec, ok := binaryPrec[op]
		if !ok || prec <= minPrec {
			return left, nil
		}
		p.pos += len(op)
		right, err := p.parse(prec)
		if err != nil {
			return linear{}, err
		}
		if left, err = apply(op, left, right); err != nil {
			return linear{}, fmt.Errorf("%v in expression %q", err, p.src)
		}
	}
}

func apply(op string, a, b linear) (linear, error) {
	switch op {
	case "+":
		return a.plus(b, 1), nil
	case "-":
		return a.plus(b, -1), nil
	}
	if op == "*" && a.isConst() {
		return b.scale(a.add), nil
	}
	if op == "*" && b.isConst() {
		return a.scale(b.add), nil
	}
	if !a.isConst() || !b.isConst() {
		return linear{}, fmt.Errorf("operator %s needs constant operands", op)
	}
	x, y := a.add, b.add
	var v int64
	switch op {
	case "/", "%":
		if y == 0 {
			return linear{}, fmt.Errorf("division by zero")
		}
		if op == "/" {
			v = x / y
		} else {
			v = x % y
		}
	case "<<":
		v = x << uint64(y&63)
	case ">>":
		v = x >> uint64(y&63)
	case "&":
		v = x & y
	case "|":
		v = x | y
	case "^":
		v = x ^ y
	}
	return linear{add: v}, nil
}

const maxExprDepth = 100

func (p *exprParser) unary() (linear, error) {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return linear{}, fmt.Errorf("missing operand in expression %q", p.src)
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxExprDepth {
		return linear{}, fmt.Errorf("expression %q nested too deeply", p.src)
	}
	switch c := p.src[p.pos]; {
	case c == '-' || c == '+' || c == '~':
		p.pos++
		v, err := p.unary()
		if err != nil {
			return linear{}, err
		}
		switch c {
		case '-':
			return v.scale(-1), nil
		case '~':
			if !v.isConst() {
				return linear{}, fmt.Errorf("operator ~ needs a constant operand in %q", p.src)
			}
			return linear{add: ^v.add}, nil
		}
		return v, nil
	case c == '(':
		p.pos++
		v, err := p.parse(0)
		if err != nil {
			return linear{}, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ')' {
			return linear{}, fmt.Errorf("missing ) in expression %q", p.src)
		}
		p.pos++
		return v, nil
	case c == '\'':
		return p.char()
	case '0' <= c && c <= '9':
		return p.number()
	case isSymStart(c):
		start := p.pos
		for p.pos < len(p.src) && isSymChar(p.src[p.pos]) {
			p.pos++
		}
		var l linear
		l.addSym(p.src[start:p.pos], 1)
		return l, nil
	case c == '"':
		name, n, ok := unquoteSymbol(p.src[p.pos:])
		if !ok {
			return linear{}, fmt.Errorf("bad quoted symbol name in expression %q", p.src)
		}
		p.pos += n
		var l linear
		l.addSym(name, 1)
		return l, nil
	default:
		return linear{}, fmt.Errorf("unexpected %q in expression %q", c, p.src)
	}
}

func (p *exprParser) number() (linear, error) {
	start := p.pos
	for p.pos < len(p.src) && (isSymChar(p.src[p.pos])) {
		p.pos++
	}
	text := p.src[start:p.pos]
	v, err := ParseInt(text)
	if err != nil {
		return linear{}, err
	}
	return linear{add: v}, nil
}

// ParseInt parses an integer literal as GNU as writes them: decimal, 0x
// hex, 0b binary, 0o or leading-0 octal. Values up to 2^64-1 are accepted
// and wrap to int64.
func ParseInt(text string) (int64, error) {
	base, digits := 10, text
	switch {
	case len(text) > 2 && (text[:2] == "0x" || text[:2] == "0X"):
		base, digits = 16, text[2:]
	case len(text) > 2 && (text[:2] == "0b" || text[:2] == "0B"):
		base, digits = 2, text[2:]
	case len(text) > 2 && (text[:2] == "0o" || text[:2] == "0O"):
		base, digits = 8, text[2:]
	case len(text) > 1 && text[0] == '0':
		base, digits = 8, text[1:]
	}
	u, err := strconv.ParseUint(digits, base, 64)
	if err != nil {
		return 0, fmt.Errorf("bad number %q", text)
	}
	return int64(u), nil
}

func (p *exprParser) char() (linear, error) {
	// 'c' or '\n' style; GNU as also accepts a lone 'c without the closing quote.
	rest := p.src[p.pos+1:]
	if rest == "" {
		return linear{}, fmt.Errorf("bad character constant in %q", p.src)
	}
	b, n, err := unescapeOne(rest)
	if err != nil {
		return linear{}, err
	}
	p.pos += 1 + n
	if p.pos < len(p.src) && p.src[p.pos] == '\'' {
		p.pos++
	}
	return linear{add: int64(b)}, nil
}

// escapeLetters are the letters of GNU as's one-letter escapes, and
// escapeBytes the bytes they stand for: \n, \t, \r, \b, \f, \v, \a
// (bell) and \e (escape). Any other escaped byte but x, X and the octal
// digits stands for itself.
const escapeLetters, escapeBytes = "ntrbfvae", "\n\t\r\b\f\v\a\x1b"

// unescapeOne decodes one possibly escaped byte at the start of s, as in
// GNU as strings, and returns it with the number of bytes consumed.
func unescapeOne(s string) (byte, int, error) {
	if s[0] != '\\' {
		return s[0], 1, nil
	}
	if len(s) < 2 {
		return 0, 0, fmt.Errorf("unterminated escape")
	}
	c := s[1]
	if i := strings.IndexByte(escapeLetters, c); i >= 0 {
		return escapeBytes[i], 2, nil
	}
	switch c {
	case 'x', 'X':
		n, v := 2, 0
		for n < len(s) && isHex(s[n]) {
			v = v*16 + hexVal(s[n])
			n++
		}
		if n == 2 {
			return 0, 0, fmt.Errorf("\\x with no hex digits")
		}
		return byte(v), n, nil
	case '0', '1', '2', '3', '4', '5', '6', '7':
		n, v := 1, 0
		for n < len(s) && n < 4 && '0' <= s[n] && s[n] <= '7' {
			v = v*8 + int(s[n]-'0')
			n++
		}
		return byte(v), n, nil
	default:
		return c, 2, nil
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}
