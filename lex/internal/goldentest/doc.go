// Package goldentest holds lex's golden tests (lex/testdata/*.txtar).
//
// It is a nested module so that the lex module requires nothing of
// naturekit's: its tests use the shared golden harness
// (internal/golden), which lex itself must not depend on.
package goldentest
