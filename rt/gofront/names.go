package gofront

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// RepoPrefix is the import path prefix symbol names leave out.
const RepoPrefix = "github.com/naturekit/naturekit/"

// SymbolDirective, on a function's doc comment, names the function's
// symbol explicitly ("//naturekit:symbol main.main"). It is how a Go
// program names its entry point main.main, or supplies a stand-in for a
// runtime entry point in a test. A bodiless declaration with the
// directive refers to a function defined elsewhere under that name.
const SymbolDirective = "//naturekit:symbol "

// InlineDirective, on a function's doc comment, has the function
// inlined at every call of the module, up to inlineAlways instructions
// (inline.go): the pieces of a fast path written as functions of their
// own (the allocator's) that must not cost a call.
const InlineDirective = "//naturekit:inline"

// NoInlineDirective, on a function's doc comment, keeps the function
// from being inlined anywhere: a small function whose body grows once
// what it calls is inlined into it (the allocator's entry), which would
// otherwise be copied, grown, into each of its callers.
const NoInlineDirective = "//naturekit:noinline"

// PackageSymbol returns the symbol prefix of the package with import
// path p: the path without RepoPrefix, with "/" replaced by ".", so
// github.com/naturekit/naturekit/rt/sys becomes rt.sys.
func PackageSymbol(p string) string {
	return strings.ReplaceAll(strings.TrimPrefix(p, RepoPrefix), "/", ".")
}

// funcSymbol returns the symbol of a function or method: the package
// symbol, the receiver's type name for a method (pointer receiver or
// not), and the name: rt.sys.Write, rt.alloc.Heap.Alloc.
func funcSymbol(fn *ssa.Function) string {
	if name := directive(fn); name != "" {
		return name
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return fn.String()
	}
	name := PackageSymbol(obj.Pkg().Path()) + "."
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name += n.Obj().Name() + "."
		}
	}
	return name + obj.Name()
}

// globalSymbol returns the symbol of a package-level variable.
func globalSymbol(g *ssa.Global) string {
	return PackageSymbol(g.Pkg.Pkg.Path()) + "." + g.Name()
}

// directive returns the name a //naturekit:symbol comment gives fn, or "".
func directive(fn *ssa.Function) string {
	for _, c := range docComments(fn) {
		if name, ok := strings.CutPrefix(c.Text, SymbolDirective); ok {
			return strings.TrimSpace(name)
		}
	}
	return ""
}

// inlineDirective reports whether fn's doc comment has InlineDirective
// (always, true) or NoInlineDirective (never, false).
func inlineDirective(fn *ssa.Function) (inline, ok bool) {
	for _, c := range docComments(fn) {
		switch strings.TrimSpace(c.Text) {
		case InlineDirective:
			return true, true
		case NoInlineDirective:
			return false, true
		}
	}
	return false, false
}

// docComments returns the lines of fn's doc comment.
func docComments(fn *ssa.Function) []*ast.Comment {
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Doc == nil {
		return nil
	}
	return decl.Doc.List
}
