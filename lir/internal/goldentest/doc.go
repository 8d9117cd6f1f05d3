// Package goldentest holds lir's golden tests (lir/testdata/*.txtar):
// the text format's round trip, the verifier, the interpreter and the
// error messages.
//
// It is a nested module so that the lir module requires nothing of
// naturekit's: its tests use the shared golden harness
// (internal/golden), which lir itself must not depend on.
package goldentest
