package gofront

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io/fs"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/gofront/internal/pkgload"
)

// Config says what to compile.
type Config struct {
	// FS is the rt module's source tree: rt.Sources in a compiler
	// binary, os.DirFS of the checkout in tests. Import path
	// github.com/naturekit/naturekit/rt/x is directory x of FS.
	FS fs.FS
	// Packages are the import paths to compile. The rt packages they
	// import are compiled too; every package is compiled once.
	Packages []string
	// NoInline turns off the inlining of small functions (inline.go).
	NoInline bool
	// Arch is the target's architecture, which selects the files with
	// an architecture suffix: "" (amd64) or "arm64".
	Arch string
}

// Compile compiles the packages cfg names, and their dependencies, into
// one LIR module in linear form: a function per Go function and method
// with a body, a data global per package-level variable, read-only
// globals for string constants, and externs for the bodiless
// declarations (the assembly stubs of rt/sys, or functions named with
// SymbolDirective). On failure it returns an ErrorList.
func Compile(cfg Config) (*lir.Module, error) {
	ld := pkgload.NewLoader(cfg.FS)
	ld.Arch = cfg.Arch
	if err := ld.Load(cfg.Packages...); err != nil {
		return nil, loadErrors(ld.Errors)
	}
	c := newCompiler(ld.Fset)
	c.build(ld.Packages())
	for _, p := range ld.Packages() {
		c.pkg(p)
	}
	if len(c.errs) > 0 {
		return nil, c.errs.sorted()
	}
	c.finish()
	if !cfg.NoInline {
		inline(c.mod, c.inlining)
		for _, f := range c.mod.Funcs {
			promoteSlots(f)
		}
	}
	return c.mod, nil
}

func loadErrors(errs []*pkgload.Error) ErrorList {
	return append(ErrorList(nil), errs...).sorted()
}

// compiler holds the state of one Compile call.
type compiler struct {
	fset   *token.FileSet
	layout layout
	prog   *ssa.Program
	pkgs   map[*pkgload.Package]*ssa.Package
	mod    *lir.Module
	errs   ErrorList

	externs map[string]bool
	// inlining: true for the functions with InlineDirective, false
	// for those with NoInlineDirective.
	inlining map[string]bool
	strs     map[string]string // string constant -> global
	nstrs    map[string]int    // strings per package symbol
}

func newCompiler(fset *token.FileSet) *compiler {
	return &compiler{
		fset:     fset,
		layout:   newLayout(),
		prog:     ssa.NewProgram(fset, ssa.BuildSerially),
		pkgs:     map[*pkgload.Package]*ssa.Package{},
		mod:      &lir.Module{},
		externs:  map[string]bool{},
		inlining: map[string]bool{},
		strs:     map[string]string{},
		nstrs:    map[string]int{},
	}
}

func (c *compiler) errorf(pos token.Pos, format string, args ...any) {
	c.errs = append(c.errs, &Error{Pos: c.fset.Position(pos), Msg: fmt.Sprintf(format, args...)})
}

// build creates the SSA form of every package.
func (c *compiler) build(pkgs []*pkgload.Package) {
	c.prog.CreatePackage(types.Unsafe, nil, nil, true)
	for _, p := range pkgs {
		c.pkgs[p] = c.prog.CreatePackage(p.Types, p.Files, p.Info, true)
	}
	for _, p := range pkgs {
		c.pkgs[p].Build()
	}
}

// pkg compiles one package: its variables, then its functions and
// methods in source order.
func (c *compiler) pkg(p *pkgload.Package) {
	sp := c.pkgs[p]
	c.checkDecls(p)
	var members []ssa.Member
	for _, m := range sp.Members {
		members = append(members, m)
	}
	sort.Slice(members, func(i, j int) bool { return members[i].Pos() < members[j].Pos() })
	for _, m := range members {
		switch m := m.(type) {
		case *ssa.Global:
			c.global(p, m)
		case *ssa.Function:
			if m.Name() == "init" && m.Synthetic != "" {
				continue // the package initialiser: variables are data instead
			}
			c.function(m)
		case *ssa.Type:
			c.methods(m)
		}
	}
}

// methods compiles the methods declared on a named type.
func (c *compiler) methods(t *ssa.Type) {
	named, ok := t.Type().(*types.Named)
	if !ok {
		return
	}
	for i := 0; i < named.NumMethods(); i++ {
		if fn := c.prog.FuncValue(named.Method(i)); fn != nil {
			c.function(fn)
		}
	}
}

// checkDecls rejects declarations the SSA form hides: generics and init
// functions.
func (c *compiler) checkDecls(p *pkgload.Package) {
	for _, f := range p.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				switch {
				case d.Type.TypeParams != nil:
					c.errorf(d.Pos(), "generic function %s is not allowed in the runtime (generics)", d.Name.Name)
				case d.Recv == nil && d.Name.Name == "init":
					c.errorf(d.Pos(), "init function is not allowed in the runtime (package variables are initialised data)")
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					if ts, ok := s.(*ast.TypeSpec); ok && ts.TypeParams != nil {
						c.errorf(ts.Pos(), "generic type %s is not allowed in the runtime (generics)", ts.Name.Name)
					}
				}
			}
		}
	}
}

// isGeneric reports whether fn is or belongs to generic code.
func isGeneric(fn *ssa.Function) bool {
	if fn.TypeParams().Len() > 0 || fn.Origin() != nil {
		return true
	}
	if recv := fn.Signature.Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok && n.TypeParams().Len() > 0 {
			return true
		}
	}
	return false
}

// finish adds the externs and orders the module deterministically.
func (c *compiler) finish() {
	defined := map[string]bool{}
	for _, f := range c.mod.Funcs {
		defined[f.Name] = true
	}
	for name := range c.externs {
		if !defined[name] {
			c.mod.Externs = append(c.mod.Externs, name)
		}
	}
	sort.Strings(c.mod.Externs)
}

// stringGlobal returns the read-only global holding the bytes of s,
// named after the package symbol pkg that first needs it.
func (c *compiler) stringGlobal(pkg, s string) string {
	if name, ok := c.strs[s]; ok {
		return name
	}
	name := fmt.Sprintf("%s..str.%d", pkg, c.nstrs[pkg])
	c.nstrs[pkg]++
	c.strs[s] = name
	c.mod.Globals = append(c.mod.Globals, &lir.Global{
		Name: name, ReadOnly: true, Align: 1,
		Items: []lir.DataItem{{Kind: lir.DataBytes, Bytes: []byte(s)}},
	})
	return name
}
