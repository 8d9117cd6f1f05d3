// Package pkgload finds, parses and type-checks runtime packages the way
// a native build sees them: with the naturekit build tag for linux and
// the target's architecture (amd64 unless a Loader says arm64), so that
// host-only files (rt/sys/sys_host.go) are left out, their native
// counterparts (rt/sys/sys_native.go) are used instead, and files with
// an architecture suffix (ucontext_arm64.go) follow the target.
//
// Sources come from an fs.FS rooted at the rt module, so the same code
// serves the test-time subset checker (os.DirFS of the checkout) and the
// Go-subset compiler inside a naturec binary (the sources embedded by
// package rt), which must not need a Go toolchain.
//
// It is host code; it is not itself part of the runtime.
package pkgload

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/build"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// ModulePath is the rt module's import path.
const ModulePath = "github.com/naturekit/naturekit/rt"

// Tag is the build tag that selects the native file set.
const Tag = "naturekit"

// DefaultArch is the architecture of a Loader or Files call that names
// none.
const DefaultArch = "amd64"

// context returns the build context of a native linux/arch build that
// reads files from fsys.
func context(fsys fs.FS, arch string) *build.Context {
	if arch == "" {
		arch = DefaultArch
	}
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.CgoEnabled = "linux", arch, false
	ctx.BuildTags = []string{Tag}
	ctx.OpenFile = func(name string) (io.ReadCloser, error) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	ctx.JoinPath = path.Join
	return &ctx
}

// Files returns the names (relative to fsys, sorted) of the non-test Go
// files of directory dir that a native linux/amd64 build compiles.
func Files(fsys fs.FS, dir string) ([]string, error) { return FilesFor(fsys, dir, DefaultArch) }

// FilesFor is Files for a native build for architecture arch (amd64,
// arm64).
func FilesFor(fsys fs.FS, dir, arch string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	ctx := context(fsys, arch)
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, name); err != nil || !ok {
			continue
		}
		names = append(names, path.Join(dir, name))
	}
	sort.Strings(names)
	return names, nil
}

// Dir returns the directory, relative to the module root, of the rt
// package with import path p, or false if p is not in the rt module.
func Dir(p string) (string, bool) {
	if p == ModulePath {
		return ".", true
	}
	rel, ok := strings.CutPrefix(p, ModulePath+"/")
	return rel, ok
}

// A Package is a parsed and type-checked runtime package.
type Package struct {
	Path    string
	Dir     string // relative to the module root
	Files   []*ast.File
	Types   *types.Package
	Info    *types.Info
	Imports []*Package // in order of import path
}

// An Error is a problem with a package's sources: a syntax or type
// error, or a forbidden import.
type Error struct {
	Pos token.Position
	Msg string
}

func (e *Error) Error() string {
	if !e.Pos.IsValid() {
		return e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.Pos.Filename, e.Pos.Line, e.Msg)
}

// A Loader loads runtime packages and their dependencies, each once.
type Loader struct {
	FS   fs.FS  // the rt module's root
	Arch string // the target's GOARCH: "" (amd64) or arm64
	Fset *token.FileSet
	// Errors collects every error found, in the order found; Load
	// returns an error if it is not empty.
	Errors []*Error

	pkgs  map[string]*Package
	order []*Package
}

// NewLoader returns a Loader reading from fsys.
func NewLoader(fsys fs.FS) *Loader {
	return &Loader{FS: fsys, Fset: token.NewFileSet(), pkgs: map[string]*Package{}}
}

// Load loads the packages with the given import paths and everything
// they import. It returns an error (the first of l.Errors) if any
// package has errors.
func (l *Loader) Load(paths ...string) error {
	for _, p := range paths {
		l.load(p, token.NoPos)
	}
	if len(l.Errors) > 0 {
		return l.Errors[0]
	}
	return nil
}

// Packages returns the loaded packages, dependencies before the
// packages that import them.
func (l *Loader) Packages() []*Package { return l.order }

func (l *Loader) errorf(pos token.Pos, format string, args ...any) {
	l.Errors = append(l.Errors, &Error{l.Fset.Position(pos), fmt.Sprintf(format, args...)})
}

func (l *Loader) load(p string, from token.Pos) *Package {
	if pkg, ok := l.pkgs[p]; ok {
		if pkg == nil {
			l.errorf(from, "import cycle through %s", p)
		}
		return pkg
	}
	dir, ok := Dir(p)
	if !ok {
		l.errorf(from, "import of %q is not allowed in the runtime (only unsafe and rt packages)", p)
		return nil
	}
	l.pkgs[p] = nil
	names, err := FilesFor(l.FS, dir, l.Arch)
	if err == nil && len(names) == 0 {
		err = fmt.Errorf("no Go files for the naturekit build")
	}
	if err != nil {
		l.errorf(from, "package %s: %v", p, err)
		return nil
	}
	pkg := &Package{Path: p, Dir: dir}
	for _, name := range names {
		src, err := fs.ReadFile(l.FS, name)
		if err != nil {
			l.errorf(from, "%v", err)
			return nil
		}
		f, err := parser.ParseFile(l.Fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			l.syntaxErrors(err)
			return nil
		}
		pkg.Files = append(pkg.Files, f)
	}
	l.check(pkg)
	l.pkgs[p] = pkg
	l.order = append(l.order, pkg)
	return pkg
}

func (l *Loader) syntaxErrors(err error) {
	for _, e := range unwrapList(err) {
		l.Errors = append(l.Errors, e)
	}
}

func (l *Loader) check(pkg *Package) {
	imports := map[string]*Package{}
	for _, f := range pkg.Files {
		for _, spec := range f.Imports {
			ip := strings.Trim(spec.Path.Value, "\"`")
			if ip == "unsafe" || imports[ip] != nil {
				continue
			}
			if dep := l.load(ip, spec.Pos()); dep != nil {
				imports[ip] = dep
			}
		}
	}
	var paths []string
	for ip := range imports {
		paths = append(paths, ip)
	}
	sort.Strings(paths)
	for _, ip := range paths {
		pkg.Imports = append(pkg.Imports, imports[ip])
	}
	pkg.Info = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{
		Importer: importer(func(ip string) (*types.Package, error) {
			if ip == "unsafe" {
				return types.Unsafe, nil
			}
			if dep := imports[ip]; dep != nil && dep.Types != nil {
				return dep.Types, nil
			}
			return nil, fmt.Errorf("cannot import %q", ip)
		}),
		Sizes: types.SizesFor("gc", "amd64"),
		Error: func(err error) {
			// A failed import was reported already.
			if te, ok := err.(types.Error); ok && !strings.HasPrefix(te.Msg, "could not import") {
				l.errorf(te.Pos, "%s", te.Msg)
			}
		},
	}
	pkg.Types, _ = conf.Check(pkg.Path, l.Fset, pkg.Files, pkg.Info)
}

type importer func(string) (*types.Package, error)

func (f importer) Import(p string) (*types.Package, error) { return f(p) }

// unwrapList turns a go/scanner error list into Errors.
func unwrapList(err error) []*Error {
	if list, ok := err.(scanner.ErrorList); ok {
		var out []*Error
		for _, e := range list {
			out = append(out, &Error{e.Pos, e.Msg})
		}
		return out
	}
	return []*Error{{Msg: err.Error()}}
}

// ForbiddenType names what makes values of type t impossible in the
// runtime's restricted Go ("interfaces", "maps", "channels", "function
// values", "complex numbers", "generics"), looking through pointers,
// slices, arrays, structs and tuples, or returns "".
func ForbiddenType(t types.Type) string {
	return forbiddenIn(t, map[types.Type]bool{})
}

func forbiddenIn(t types.Type, seen map[types.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Interface:
		return "interfaces"
	case *types.Map:
		return "maps"
	case *types.Chan:
		return "channels"
	case *types.Signature:
		return "function values"
	case *types.Basic:
		if u.Info()&types.IsComplex != 0 {
			return "complex numbers"
		}
	case *types.Pointer:
		return forbiddenIn(u.Elem(), seen)
	case *types.Slice:
		return forbiddenIn(u.Elem(), seen)
	case *types.Array:
		return forbiddenIn(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if bad := forbiddenIn(u.Field(i).Type(), seen); bad != "" {
				return bad
			}
		}
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if bad := forbiddenIn(u.At(i).Type(), seen); bad != "" {
				return bad
			}
		}
	case *types.TypeParam:
		return "generics"
	}
	return ""
}
