package lex

// ReferenceUncounted is the number of bytes of a token the Nature
// reference compiler's column counter skips on the token's last line:
// the quotes of a string literal, the backslash (and the x and digits
// of \x escapes) of its escape sequences, the prefix of 0x/0o/0b
// integers (spec/builtins.md §3.2). continued marks a raw string that
// started on an earlier line (only its closing quote is on this line).
// lit may be the start of a literal: the text a scanner error ends.
// Syntax errors (package parse) and run-time positions (package
// lir/linear) both reproduce the counter.
func ReferenceUncounted(tok Token, lit string, continued bool) int {
	switch tok {
	case STRING:
		if continued {
			return 1
		}
		n, body := 1, lit[1:] // an unterminated literal has one quote
		if len(body) > 0 && body[len(body)-1] == lit[0] {
			n, body = 2, body[:len(body)-1]
		}
		if lit[0] != '`' {
			for i := 0; i < len(body); i++ {
				if body[i] != '\\' {
					continue
				}
				if i+1 < len(body) && body[i+1] == 'x' {
					n += min(3, len(body)-i) // \, x and the first digit, as far as read
					i += 3
				} else {
					n++ // the backslash, also a last one (the text before an error)
					i++
				}
			}
		}
		return n
	case INT:
		if len(lit) > 2 && lit[0] == '0' && (lit[1] == 'x' || lit[1] == 'o' || lit[1] == 'b') {
			return 2
		}
	}
	return 0
}
