// Package subsetcheck rejects Go constructs the runtime must not use.
//
// The runtime is compiled by naturekit's Go-subset compiler, which has no
// Go runtime underneath: no garbage-collected Go heap, no interfaces, no
// goroutines. The compiler (rt/gofront) rejects such code itself when
// it compiles the runtime; this checker is the quick guard that runs
// with the host tests, and it is stricter in places (it also rejects
// new, copy and clear). It type-checks each runtime package the way
// the native build sees it — with the naturekit build tag, so host-only
// files such as rt/sys/sys_host.go are left out and their bodiless native
// declarations are used instead, selecting files with package
// rt/gofront/internal/pkgload as the compiler does — and reports every use of:
//
//   - the builtins make, new, append, copy, clear, delete, close, panic,
//     recover, print and println;
//   - map, channel, interface and function-valued types, function values
//     (including method values) and function literals;
//   - go, defer, select, channel sends and receives;
//   - slice and map composite literals, and &T{...} (which escape);
//   - string concatenation, string conversions and ranging over strings;
//   - type assertions, type switches and generic type parameters;
//   - imports other than unsafe and the rt module's own packages.
//
// It is host code (tests run it); it is not itself part of the runtime.
package subsetcheck

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
)

// ModulePath is the rt module's import path prefix.
const ModulePath = pkgload.ModulePath

// A Violation is one forbidden construct.
type Violation struct {
	Pos token.Position
	Msg string
}

func (v Violation) String() string { return fmt.Sprintf("%s: %s", v.Pos, v.Msg) }

// Checker checks the packages of one module root.
type Checker struct {
	Root  string // directory of the rt module
	Arch  string // the native build's architecture: "" (amd64) or arm64
	Fset  *token.FileSet
	Files int // files checked so far

	pkgs       map[string]*types.Package
	violations []Violation
}

// CheckPackages checks the runtime packages at the given import paths
// (relative to the module root, e.g. "sys", "gc") and returns the
// violations sorted by position.
func CheckPackages(root string, rel ...string) ([]Violation, *Checker, error) {
	return CheckPackagesFor(root, "", rel...)
}

// CheckPackagesFor is CheckPackages for the native build for arch
// (amd64 when empty, arm64): the files with the other's suffix are left
// out.
func CheckPackagesFor(root, arch string, rel ...string) ([]Violation, *Checker, error) {
	c := &Checker{Root: root, Arch: arch, Fset: token.NewFileSet(), pkgs: map[string]*types.Package{}}
	for _, r := range rel {
		if _, err := c.load(ModulePath + "/" + r); err != nil {
			return nil, c, err
		}
	}
	sort.Slice(c.violations, func(i, j int) bool {
		a, b := c.violations[i].Pos, c.violations[j].Pos
		if a.Filename != b.Filename {
			return a.Filename < b.Filename
		}
		return a.Offset < b.Offset
	})
	return c.violations, c, nil
}

// Import implements types.Importer for the runtime's allowed imports.
func (c *Checker) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	if strings.HasPrefix(path, ModulePath+"/") {
		return c.load(path)
	}
	return nil, fmt.Errorf("import of %q is not allowed in runtime code", path)
}

func (c *Checker) load(path string) (*types.Package, error) {
	if p, ok := c.pkgs[path]; ok {
		if p == nil {
			return nil, fmt.Errorf("import cycle through %s", path)
		}
		return p, nil
	}
	c.pkgs[path] = nil
	dir := strings.TrimPrefix(path, ModulePath+"/")
	names, err := pkgload.FilesFor(os.DirFS(c.Root), dir, c.Arch)
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, name := range names {
		f, err := parser.ParseFile(c.Fset, filepath.Join(c.Root, filepath.FromSlash(name)), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	conf := types.Config{Importer: c, Error: func(err error) {
		if te, ok := err.(types.Error); ok {
			c.report(te.Pos, "%s", te.Msg)
		}
	}}
	pkg, _ := conf.Check(path, c.Fset, files, info)
	for _, f := range files {
		c.checkFile(f, info)
	}
	c.Files += len(files)
	c.pkgs[path] = pkg
	return pkg, nil
}

func (c *Checker) report(pos token.Pos, format string, args ...any) {
	c.violations = append(c.violations, Violation{c.Fset.Position(pos), fmt.Sprintf(format, args...)})
}

var forbiddenBuiltins = map[string]bool{
	"make": true, "new": true, "append": true, "copy": true, "clear": true,
	"delete": true, "close": true, "panic": true, "recover": true,
	"print": true, "println": true,
}

// forbiddenSyntax names the syntax the subset forbids wherever it
// stands; checkFile reports each such node at its position.
var forbiddenSyntax = map[reflect.Type]string{
	reflect.TypeFor[*ast.FuncLit]():        "function literal",
	reflect.TypeFor[*ast.GoStmt]():         "go statement",
	reflect.TypeFor[*ast.DeferStmt]():      "defer statement",
	reflect.TypeFor[*ast.SelectStmt]():     "select statement",
	reflect.TypeFor[*ast.SendStmt]():       "channel send",
	reflect.TypeFor[*ast.TypeAssertExpr](): "type assertion",
	reflect.TypeFor[*ast.TypeSwitchStmt](): "type switch",
}

func (c *Checker) checkFile(f *ast.File, info *types.Info) {
	// Function-typed expressions are allowed only as the callee of a call.
	callees := map[ast.Expr]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			callees[ast.Unparen(call.Fun)] = true
		}
		return true
	})
	ast.Inspect(f, func(n ast.Node) bool {
		if what, ok := forbiddenSyntax[reflect.TypeOf(n)]; ok {
			c.report(n.Pos(), "%s", what)
		}
		switch n := n.(type) {
		case *ast.FuncType:
			if n.TypeParams != nil {
				c.report(n.Pos(), "generic function")
			}
		case *ast.TypeSpec:
			if n.TypeParams != nil {
				c.report(n.Pos(), "generic type")
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				c.report(n.Pos(), "channel receive")
			}
			if _, ok := ast.Unparen(n.X).(*ast.CompositeLit); ok && n.Op == token.AND {
				c.report(n.Pos(), "address of composite literal (escapes to the Go heap)")
			}
		case *ast.CompositeLit:
			if t := info.Types[n].Type; t != nil {
				switch t.Underlying().(type) {
				case *types.Slice, *types.Map:
					c.report(n.Pos(), "%s literal", kindName(t))
				}
			}
		case *ast.BinaryExpr:
			if n.Op == token.ADD && isNonConstString(info, n) {
				c.report(n.Pos(), "string concatenation")
			}
		case *ast.AssignStmt:
			if n.Tok == token.ADD_ASSIGN && isString(info.Types[n.Lhs[0]].Type) {
				c.report(n.Pos(), "string concatenation")
			}
		case *ast.RangeStmt:
			if t := info.Types[n.X].Type; t != nil {
				switch u := t.Underlying().(type) {
				case *types.Basic:
					if u.Info()&types.IsString != 0 {
						c.report(n.Pos(), "range over string")
					}
				case *types.Map, *types.Chan, *types.Signature:
					c.report(n.Pos(), "range over %s", kindName(t))
				}
			}
		case *ast.CallExpr:
			c.checkCall(n, info)
		case *ast.Ident:
			if obj := info.Defs[n]; obj != nil {
				if _, isFunc := obj.(*types.Func); !isFunc {
					if bad := pkgload.ForbiddenType(obj.Type()); bad != "" {
						c.report(n.Pos(), "%s has a type with %s", n.Name, bad)
					}
				}
			}
		}
		if e, ok := n.(ast.Expr); ok {
			if tv, ok := info.Types[e]; ok && tv.IsValue() && !callees[e] {
				if _, isSig := tv.Type.Underlying().(*types.Signature); isSig {
					c.report(e.Pos(), "function value")
				}
			}
		}
		return true
	})
}

func (c *Checker) checkCall(call *ast.CallExpr, info *types.Info) {
	fun := ast.Unparen(call.Fun)
	if id, ok := fun.(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok && forbiddenBuiltins[b.Name()] {
			c.report(call.Pos(), "builtin %s", b.Name())
		}
	}
	if tv := info.Types[fun]; tv.IsType() && len(call.Args) == 1 {
		from := info.Types[call.Args[0]].Type
		if isString(tv.Type) != isString(from) && info.Types[call].Value == nil {
			c.report(call.Pos(), "string conversion")
		}
	}
}

func kindName(t types.Type) string {
	switch t.Underlying().(type) {
	case *types.Slice:
		return "slice"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "channel"
	case *types.Signature:
		return "function"
	}
	return t.String()
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isNonConstString(info *types.Info, e ast.Expr) bool {
	tv := info.Types[e]
	return isString(tv.Type) && tv.Value == nil
}
