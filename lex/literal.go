package lex

import (
	"errors"
	"strconv"
	"strings"
)

// escapeLetters are the bytes that may follow a backslash in a string
// literal but x (a hex escape), and escapeBytes the bytes they stand for.
const escapeLetters, escapeBytes = "ntrbfav0\\'\"", "\n\t\r\b\f\a\v\x00\\'\""

// Unquote returns the value of a STRING literal: the bytes between the
// quotes with escapes decoded ('...' and "..."), or the raw bytes (`...`).
func Unquote(lit string) (string, error) {
	if len(lit) < 2 || lit[0] != lit[len(lit)-1] {
		return "", errors.New("malformed string literal")
	}
	q, body := lit[0], lit[1:len(lit)-1]
	if q == '`' || !strings.Contains(body, "\\") {
		return body, nil
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(body) {
			return "", errors.New("incomplete escape")
		}
		if j := strings.IndexByte(escapeLetters, body[i]); j >= 0 {
			b.WriteByte(escapeBytes[j])
			continue
		}
		switch body[i] {
		case 'x':
			if i+2 >= len(body) {
				return "", errors.New("incomplete hex escape sequence")
			}
			v, err := strconv.ParseUint(body[i+1:i+3], 16, 8)
			if err != nil {
				return "", errors.New("invalid hex escape sequence")
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			return "", errors.New("unknown escape char " + string(body[i]))
		}
	}
	return b.String(), nil
}

// IntValue returns the value of an INT literal. Leading-zero literals are
// C octal (syntax.md §5.1). Decimal literals above 2^64-1 are an error here;
// the reference saturates them, which is for the type checker to mimic.
func IntValue(lit string) (uint64, error) {
	switch {
	case strings.HasPrefix(lit, "0x"):
		return strconv.ParseUint(lit[2:], 16, 64)
	case strings.HasPrefix(lit, "0o"):
		return strconv.ParseUint(lit[2:], 8, 64)
	case strings.HasPrefix(lit, "0b"):
		return strconv.ParseUint(lit[2:], 2, 64)
	case len(lit) > 1 && lit[0] == '0':
		return strconv.ParseUint(lit[1:], 8, 64)
	}
	return strconv.ParseUint(lit, 10, 64)
}
