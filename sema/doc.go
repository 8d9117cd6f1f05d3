// Package sema is the semantic analysis stage of naturekit: it resolves
// names, infers and checks types, and records what it learned about a
// Nature program in side tables keyed by syntax nodes, for the lowering
// to LIR (lir/linear) and for tools.
//
//	source .n ─lex─> tokens ─parse─> *ast.File ─sema.Check─> *sema.Info
//
// The model is go/types:
//
//   - Types are data (types.go): *Basic (bool, i8…u64 with int = i64,
//     uint = u64, float = f64, string, void, null, any, anyptr), *Vec,
//     *Array, *Map, *Set, *Tuple, *Struct, *Signature, *Pointer (ptr and
//     ref), *Union (T? is T|null), *Interface, *Enum, *TaggedUnion,
//     *Chan, *Future, *Named (every type declaration, and instances of
//     generic ones) and *TypeParam. Identical compares them.
//   - Objects (objects.go) are what names denote: *Var (local, parameter,
//     self, global, field; with the flags Captured, Assigned and
//     AddrTaken the lowering needs to place it), *Const (with its
//     value; enum members too), *Func (functions, methods,
//     closures, abstract interface methods), *TypeName, *Builtin
//     (println, …) and *PkgName (import aliases). A *Package is one
//     module; *Scope maps names to objects.
//   - Info (info.go) maps expressions to their types and constant values
//     (go/constant, and float64 for floats: constants are folded as the
//     reference folds them, floats in float64 with -0.0 kept),
//     identifiers to objects, and describes calls (which function, which
//     built-in method, how the receiver is adapted, where the rest
//     arguments start), selections, conversions, implicit conversions,
//     for-in loops, compound assignments, closure captures, generic
//     instances and the order of global initialisation.
//
// Check is the entry point. Its error is a lex.ErrorList of diagnostics
// file:line:col: message (plus source line and caret in lex.Print's full
// form) with the reference compiler's message texts (spec/diagnostics.md
// §3.4–§3.8); checking continues after an error where it safely can, so
// one run reports several.
//
// Checking follows the spec's stages: collect the top-level declarations
// of every module (so they are usable before their definition), resolve
// type declarations, signatures and constants, check interface
// implementations, then check global initialisers and the bodies of
// functions and methods in declaration order (a closure body with its
// enclosing function). Expected types flow down into expressions, which
// is how number literals and empty [] / {} get their types
// (types.md §12).
//
// Fprint writes the typed program as text: the structural dump of
// package ast with each expression annotated with its type (and constant
// value), which is naturec dump --stage=types.
package sema
