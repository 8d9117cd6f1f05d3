package load

import (
	"fmt"
	"strconv"
	"strings"
)

// The subset of TOML that package.toml files use: comments, key = value
// pairs, [table] and [a.b] headers, basic ("...") and literal ('...')
// strings, integers, floats, booleans, arrays and inline tables. Keys
// are bare or quoted, optionally dotted. A table is a map[string]any;
// values are string, int64, float64, bool, []any or map[string]any.

// tomlError is a syntax error on a line of the document.
type tomlError struct {
	line int
	msg  string
}

func (e *tomlError) Error() string { return fmt.Sprintf("line %d: %s", e.line, e.msg) }

// parseTOML parses a document into its root table.
func parseTOML(src string) (map[string]any, error) {
	p := &tomlParser{src: src, line: 1}
	root := map[string]any{}
	cur := root
	for {
		p.skipBlank()
		if p.eof() {
			return root, nil
		}
		if p.peek() == '[' {
			t, err := p.header(root)
			if err != nil {
				return nil, err
			}
			cur = t
		} else if err := p.keyValue(cur); err != nil {
			return nil, err
		}
		if err := p.endOfLine(); err != nil {
			return nil, err
		}
	}
}

type tomlParser struct {
	src  string
	pos  int
	line int
}

func (p *tomlParser) eof() bool { return p.pos >= len(p.src) }

func (p *tomlParser) peek() byte {
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

func (p *tomlParser) errorf(format string, args ...any) error {
	return &tomlError{line: p.line, msg: fmt.Sprintf(format, args...)}
}

// skipSpace skips blanks and tabs on the current line.
func (p *tomlParser) skipSpace() {
	for !p.eof() && (p.peek() == ' ' || p.peek() == '\t') {
		p.pos++
	}
}

// skipBlank skips whitespace, newlines and comments.
func (p *tomlParser) skipBlank() {
	for !p.eof() {
		switch c := p.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			p.pos++
		case c == '\n':
			p.pos++
			p.line++
		case c == '#':
			for !p.eof() && p.peek() != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

// endOfLine accepts spaces and a comment up to the end of the line.
func (p *tomlParser) endOfLine() error {
	p.skipSpace()
	if p.peek() == '#' {
		for !p.eof() && p.peek() != '\n' {
			p.pos++
		}
	}
	if p.peek() == '\r' {
		p.pos++
	}
	if !p.eof() && p.peek() != '\n' {
		return p.errorf("unexpected %q after a value", p.peek())
	}
	return nil
}

// header parses [a.b] and returns the table it opens.
func (p *tomlParser) header(root map[string]any) (map[string]any, error) {
	p.pos++ // [
	if p.peek() == '[' {
		return nil, p.errorf("arrays of tables are not supported")
	}
	p.skipSpace()
	keys, err := p.key()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.peek() != ']' {
		return nil, p.errorf("expected ']'")
	}
	p.pos++
	return p.subtable(root, keys)
}

// subtable returns the table at the dotted path keys below t, creating
// the tables that do not exist.
func (p *tomlParser) subtable(t map[string]any, keys []string) (map[string]any, error) {
	for _, k := range keys {
		switch v := t[k].(type) {
		case nil:
			n := map[string]any{}
			t[k] = n
			t = n
		case map[string]any:
			t = v
		default:
			return nil, p.errorf("key %q is not a table", k)
		}
	}
	return t, nil
}

// keyValue parses key = value into t.
func (p *tomlParser) keyValue(t map[string]any) error {
	keys, err := p.key()
	if err != nil {
		return err
	}
	p.skipSpace()
	if p.peek() != '=' {
		return p.errorf("expected '=' after key")
	}
	p.pos++
	p.skipSpace()
	v, err := p.value()
	if err != nil {
		return err
	}
	t, err = p.subtable(t, keys[:len(keys)-1])
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	if _, dup := t[last]; dup {
		return p.errorf("duplicate key %q", last)
	}
	t[last] = v
	return nil
}

// key parses a dotted key.
func (p *tomlParser) key() ([]string, error) {
	var keys []string
	for {
		p.skipSpace()
		var k string
		switch c := p.peek(); {
		case c == '"' || c == '\'':
			s, err := p.str()
			if err != nil {
				return nil, err
			}
			k = s
		case isBareKey(c):
			start := p.pos
			for !p.eof() && isBareKey(p.peek()) {
				p.pos++
			}
			k = p.src[start:p.pos]
		default:
			return nil, p.errorf("expected a key")
		}
		keys = append(keys, k)
		p.skipSpace()
		if p.peek() != '.' {
			return keys, nil
		}
		p.pos++
	}
}

func isBareKey(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// value parses one value.
func (p *tomlParser) value() (any, error) {
	switch c := p.peek(); {
	case c == '"' || c == '\'':
		return p.str()
	case c == '[':
		return p.array()
	case c == '{':
		return p.inlineTable()
	case c == 't' && strings.HasPrefix(p.src[p.pos:], "true"):
		p.pos += 4
		return true, nil
	case c == 'f' && strings.HasPrefix(p.src[p.pos:], "false"):
		p.pos += 5
		return false, nil
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		start := p.pos
		for !p.eof() && strings.IndexByte("+-0123456789._eExob", p.peek()) >= 0 {
			p.pos++
		}
		lit := strings.ReplaceAll(p.src[start:p.pos], "_", "")
		if n, err := strconv.ParseInt(lit, 0, 64); err == nil {
			return n, nil
		}
		if f, err := strconv.ParseFloat(lit, 64); err == nil {
			return f, nil
		}
		return nil, p.errorf("bad number %q", lit)
	}
	return nil, p.errorf("expected a value")
}

// str parses a basic or literal string on one line.
func (p *tomlParser) str() (string, error) {
	q := p.peek()
	p.pos++
	var b strings.Builder
	for {
		if p.eof() || p.peek() == '\n' {
			return "", p.errorf("unterminated string")
		}
		c := p.peek()
		p.pos++
		switch {
		case c == q:
			return b.String(), nil
		case c == '\\' && q == '"':
			if p.eof() {
				return "", p.errorf("unterminated string")
			}
			e := p.peek()
			p.pos++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '\\', '"':
				b.WriteByte(e)
			default:
				return "", p.errorf("unknown escape \\%c", e)
			}
		default:
			b.WriteByte(c)
		}
	}
}

// array parses [v, v, ...], which may span lines.
func (p *tomlParser) array() ([]any, error) {
	p.pos++
	out := []any{}
	for {
		p.skipBlank()
		if p.peek() == ']' {
			p.pos++
			return out, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.skipBlank()
		switch p.peek() {
		case ',':
			p.pos++
		case ']':
		default:
			return nil, p.errorf("expected ',' or ']' in an array")
		}
	}
}

// inlineTable parses { k = v, ... } on one line.
func (p *tomlParser) inlineTable() (map[string]any, error) {
	p.pos++
	t := map[string]any{}
	p.skipSpace()
	if p.peek() == '}' {
		p.pos++
		return t, nil
	}
	for {
		p.skipSpace()
		if err := p.keyValue(t); err != nil {
			return nil, err
		}
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return t, nil
		default:
			return nil, p.errorf("expected ',' or '}' in an inline table")
		}
	}
}
