package parse

import (
	"bytes"

	"github.com/naturekit/naturekit/lex"
)

// The recognisers below decide the ambiguities of syntax.md §8.10 by
// walking the token slice from index i. They build nothing and report
// nothing; each returns the index after what it recognised, or -1.

// skipType recognises Type = SingleType ["?"].
func (p *parser) skipType(i, depth int) int {
	i = p.skipSingleType(i, depth)
	if i >= 0 && p.at(i).Tok == lex.QUESTION {
		i++
	}
	return i
}

// skipSingleType recognises a SingleType (§8.4).
func (p *parser) skipSingleType(i, depth int) int {
	if depth > maxNest {
		return -1
	}
	depth++
	switch t := p.at(i).Tok; {
	case t.IsTypeKeyword(), t == lex.ANY, t == lex.NULL:
		return i + 1
	case t == lex.CHAN:
		return p.skipTypeArgs(i+1, depth, nil)
	case t == lex.LBRACK:
		j := p.skipType(i+1, depth)
		if j < 0 {
			return -1
		}
		if p.at(j).Tok == lex.SEMI && !p.at(j).Inserted() {
			j = p.skipArrayLen(j + 1)
		}
		return p.skipTok(j, lex.RBRACK)
	case t == lex.LPAREN:
		j := p.skipType(i+1, depth)
		for j >= 0 && p.at(j).Tok == lex.COMMA {
			j = p.skipType(j+1, depth)
		}
		return p.skipTok(j, lex.RPAREN)
	case t == lex.LBRACE:
		j := p.skipType(i+1, depth)
		if j >= 0 && p.at(j).Tok == lex.COLON {
			j = p.skipType(j+1, depth)
		}
		return p.skipTok(j, lex.RBRACE)
	case t == lex.STRUCT:
		return p.skipBalanced(i+1, lex.LBRACE, lex.RBRACE)
	case t == lex.FN:
		j := p.skipBalanced(i+1, lex.LPAREN, lex.RPAREN)
		if j >= 0 && p.at(j).Tok == lex.COLON {
			j = p.skipType(j+1, depth)
		}
		if j >= 0 && p.at(j).Tok == lex.NOT {
			j++
		}
		return j
	case t == lex.IDENT:
		return p.skipNamedType(i, depth)
	}
	return -1
}

// skipNamedType recognises ident ["." ident] ["<" SingleType {"," SingleType} ">"].
// A "<" that does not open a type list is left alone.
func (p *parser) skipNamedType(i, depth int) int {
	if p.at(i).Tok != lex.IDENT {
		return -1
	}
	i++
	if p.at(i).Tok == lex.PERIOD && p.at(i+1).Tok == lex.IDENT {
		i += 2
	}
	if p.at(i).Tok == lex.LSS {
		if j := p.skipTypeArgs(i, depth, nil); j >= 0 {
			return j
		}
	}
	return i
}

// skipTypeArgs recognises "<" SingleType {"," SingleType} ">" at i and
// stores the number of types in *n if n is non-nil.
func (p *parser) skipTypeArgs(i, depth int, n *int) int {
	if p.at(i).Tok != lex.LSS {
		return -1
	}
	// Memoised: in "a < b < c < ..." every "<" would otherwise rescan
	// the rest of the chain, which is quadratic.
	if m, ok := p.typeArgs[i]; ok {
		if n != nil {
			*n = m.n
		}
		return m.end
	}
	if p.typeArgs == nil {
		p.typeArgs = map[int]typeArgsResult{}
	}
	end, count := p.scanTypeArgs(i, depth)
	p.typeArgs[i] = typeArgsResult{end, count}
	if n != nil {
		*n = count
	}
	return end
}

// typeArgsResult is a memoised result of skipTypeArgs.
type typeArgsResult struct{ end, n int }

func (p *parser) scanTypeArgs(i, depth int) (end, count int) {
	for {
		i = p.skipSingleType(i+1, depth)
		if i < 0 {
			return -1, 0
		}
		count++
		if p.at(i).Tok != lex.COMMA {
			break
		}
	}
	return p.skipTok(i, lex.GTR), count
}

// skipArrayLen recognises the length of [T; N]: an int literal or a
// (possibly qualified) constant name, or a float, string or negative
// literal (which the checker rejects).
func (p *parser) skipArrayLen(i int) int {
	switch p.at(i).Tok {
	case lex.INT, lex.FLOAT, lex.STRING:
		return i + 1
	case lex.SUB:
		if t := p.at(i + 1).Tok; t == lex.INT || t == lex.FLOAT {
			return i + 2
		}
	case lex.IDENT:
		if p.at(i+1).Tok == lex.PERIOD && p.at(i+2).Tok == lex.IDENT {
			return i + 3
		}
		return i + 1
	}
	return -1
}

func (p *parser) skipTok(i int, tok lex.Token) int {
	if i >= 0 && p.at(i).Tok == tok {
		return i + 1
	}
	return -1
}

// skipBalanced skips open ... close starting at i, counting nesting.
func (p *parser) skipBalanced(i int, open, close lex.Token) int {
	if p.at(i).Tok != open {
		return -1
	}
	depth := 0
	for ; ; i++ {
		switch p.at(i).Tok {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return i + 1
			}
		case lex.EOF:
			return -1
		}
	}
}

// isTypedDecl reports whether the statement at the current token is a
// typed declaration "Type name ..." (§8.10 rule 2).
func (p *parser) isTypedDecl() bool {
	switch t := p.tok; {
	case t.IsTypeKeyword(), t == lex.ANY, t == lex.CHAN, t == lex.NULL, t == lex.IDENT,
		t == lex.LBRACK, t == lex.LPAREN, t == lex.LBRACE, t == lex.FN, t == lex.STRUCT:
	default:
		return false
	}
	j := p.skipType(p.i, 0)
	if j >= 0 && p.at(j).Tok == lex.OR && (p.tok.IsTypeKeyword() || p.tok == lex.ANY || p.tok == lex.NULL) {
		return true // int|string u = 3: a declaration, its union type an error
	}
	return j >= 0 && p.at(j).Tok == lex.IDENT
}

// isStructLit reports whether a struct literal T{...} starts here
// (§8.10 rule 3).
func (p *parser) isStructLit() bool {
	j := p.skipNamedType(p.i, 0)
	return j >= 0 && p.at(j).Tok == lex.LBRACE
}

// isTypeArgs reports whether the "<" at the current token opens a type
// argument list (§8.10 rule 1): one type closed by ">", or several closed
// by ">" that is followed by "(", "{" or ".".
func (p *parser) isTypeArgs() bool {
	n := 0
	j := p.skipTypeArgs(p.i, 0, &n)
	if j < 0 {
		return false
	}
	if n == 1 {
		return true
	}
	switch p.at(j).Tok {
	case lex.LPAREN, lex.LBRACE, lex.PERIOD:
		return true
	}
	return false
}

// cForSemis counts the explicit ";" at bracket depth 0 on the line of the
// current "for" token: the reference recognises a C-style header by
// finding two of them (§8.7).
func (p *parser) cForSemis() int {
	// The line ends at its line break (which belongs to it).
	src, off := p.file.Source(), p.file.Offset(p.pos)
	end := len(src)
	if k := bytes.IndexByte(src[off:], '\n'); k >= 0 {
		end = off + k
	}
	lineEnd := p.file.Pos(end)
	n, depth := 0, 0
	for i := p.i + 1; ; i++ {
		t := p.at(i)
		if t.Tok == lex.EOF || t.Pos > lineEnd {
			return n
		}
		switch t.Tok {
		case lex.LPAREN, lex.LBRACK, lex.LBRACE:
			depth++
		case lex.RPAREN, lex.RBRACK, lex.RBRACE:
			depth--
		case lex.SEMI:
			if depth == 0 && !t.Inserted() {
				n++
			}
		}
	}
}
