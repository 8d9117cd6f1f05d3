// Package parse is the parser of the naturekit front end: it turns the
// tokens of one Nature source file (package lex) into an *ast.File.
//
// The parser is recursive descent with precedence climbing for binary
// operators, following spec/syntax.md §8 and its precedence table (§8.9).
// The file is scanned completely before parsing starts, so the parser can
// look ahead as far as it needs to resolve the ambiguities the grammar
// leaves open (§8.10): "<" as type arguments or less-than, typed
// declarations versus expression statements, struct literals versus
// blocks, tuples versus parenthesised expressions, C-style for headers.
// Lookahead uses small recognisers that walk the token slice without
// building nodes or reporting errors.
//
// Unlike the reference compiler, which stops at the first error, the
// parser recovers: after a syntax error it skips to the end of the
// statement or declaration (keeping braces balanced) and goes on, so one
// run reports every independent error. Message texts follow the
// reference compiler's catalogue (spec/diagnostics.md §3.2). Nesting is
// bounded: pathological input yields "expression nested too deeply"
// instead of exhausting the stack.
package parse
