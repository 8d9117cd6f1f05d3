// Package ast declares the syntax tree of Nature source files, the second
// stage of the naturekit front end (lex → parse → ast → sema), and the two
// ways of turning a tree back into text:
//
//   - Fprint, the canonical printer: print(parse(x)) is the one canonical
//     layout of x, printing is idempotent, and comments survive. It is what
//     `naturec fmt` writes.
//   - Dump, a structural dump of the tree used by golden tests and by
//     `naturec dump --stage=ast`.
//
// Every node records where it starts (Pos) and ends (End) in a lex.FileSet.
// Nodes are plain data: later stages keep what they learn (types, resolved
// objects) in side tables keyed by node, and never mutate the tree.
//
// The node set follows spec/syntax.md. Type expressions are Exprs, as in
// go/ast, because Nature mixes them freely (f<int>(x), chan<int>.new(),
// box<int>{v: 1}); keyword types such as int and any are Idents.
package ast
