package asm

// Byte classes for scanning source text. The text parser looks at every
// byte of its input, so a table lookup replaces chains of comparisons.
const (
	classSym      = 1 << iota // may appear in a symbol name
	classSymStart             // may start a symbol name
	classSpecial              // '"', '\\'', '/' or ';': may start a literal, a comment or a new statement
	classHash                 // '#': a comment on architectures where it starts one
	classBlank                // space, tab, carriage return, vertical tab, form feed
	classUpper                // an upper-case ASCII letter
)

// charClass maps every byte to its classes. It is computed once and
// never changes.
var charClass = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] |= classSym | classSymStart
		t[c-'a'+'A'] |= classSym | classSymStart | classUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] |= classSym
	}
	for _, c := range "_.$" {
		t[c] |= classSym | classSymStart
	}
	t['@'] |= classSym
	for _, c := range "\"'/;" {
		t[c] |= classSpecial
	}
	t['#'] |= classHash
	for _, c := range " \t\r\v\f" {
		t[c] |= classBlank
	}
	return t
}()
