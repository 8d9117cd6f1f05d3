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
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Doc == nil {
		return ""
	}
	for _, c := range decl.Doc.List {
		if name, ok := strings.CutPrefix(c.Text, SymbolDirective); ok {
			return strings.TrimSpace(name)
		}
	}
	return ""
}
