package sema

import (
	"fmt"
	"path"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// checker is the state of one Check.
type checker struct {
	fset *lex.FileSet
	conf *Config
	info *Info
	errs errorList
	univ *universe

	modules   map[string]*Package // by Module.Key
	decls     map[Object]*declInfo
	methods   map[*Package][]*methodDecl // by module, in declaration order
	scopeSlab []Scope                    // free scopes, allocated in blocks by openScope
	// methodScopes are the file scopes of the methods.
	methodScopes map[*Func]*Scope
	// builtinMethods are user methods declared on built-in types (fn
	// string.x, fn vec<T>.y, fn int.z), visible everywhere (semantics.md
	// §6.3), keyed by builtinKey.
	builtinMethods map[string][]*Func
	// tests are each module's test blocks, checked as functions but
	// never lowered (collect).
	tests map[*Package][]*Func

	// The position of the checker: module, scope, function.
	pkg   *Package
	scope *Scope
	fn    *funcCtx

	declStack []Object             // declarations being resolved, for cycles
	depth     int                  // recursion depth, bounded by maxDepth
	folds     ExprTable[fold]      // what foldConst learnt
	locals    int                  // closures and local names declared in the module so far
	binds     []condBind           // is-bindings of the condition being checked
	cycles    int                  // declaration cycles reported
	isCount   int                  // is-tests with bindings in that condition
	fileOf    map[*ast.File]*Scope // file scopes
	// constUses are the constant names being resolved, outermost first
	// (for the position of a cycle).
	constUses []constUse
	// errAt, when valid, is the anchor of type argument errors (those
	// of the type of a struct literal are reported at its {).
	errAt lex.Pos
	// badConstraint marks type parameters with a #where constraint that
	// is not an interface (an error at each call).
	badConstraint map[*TypeParam]bool
}

type constUse struct {
	pos lex.Pos
	obj *Const
}

// declInfo remembers where a top-level object was declared, so it can be
// resolved on first use (declarations are usable before their
// definition).
type declInfo struct {
	pkg   *Package
	scope *Scope // the file scope
	decl  ast.Node
	state uint8 // 0 unresolved, 1 resolving, 2 done
}

type methodDecl struct {
	pkg   *Package
	scope *Scope
	decl  *ast.FuncDecl
	obj   *Func
}

// funcCtx is the function whose body is being checked.
type funcCtx struct {
	obj        *Func
	sig        *Signature
	outer      *funcCtx
	errable    bool // may throw and call errable functions freely
	loops      int  // enclosing loops (for break/continue)
	catching   int  // inside the left operand of catch or a try block
	deferDepth int  // inside a defer body
	// captured maps the captures of a closure (obj.Captures) to their
	// first use in the source.
	captured map[*Var]lex.Pos
}

// maxDepth bounds the recursion over deeply nested input; beyond it the
// checker reports one error and gives up on the subtree.
const maxDepth = 50000

func newChecker(fset *lex.FileSet, conf *Config) *checker {
	max := conf.MaxErrors
	if max <= 0 {
		max = 50
	}
	return &checker{
		fset:           fset,
		conf:           conf,
		info:           newInfo(fset),
		errs:           errorList{fset: fset, max: max},
		univ:           newUniverse(),
		modules:        map[string]*Package{},
		decls:          map[Object]*declInfo{},
		builtinMethods: map[string][]*Func{},
		methods:        map[*Package][]*methodDecl{},
		methodScopes:   map[*Func]*Scope{},
		tests:          map[*Package][]*Func{},
		folds:          ExprTable[fold]{fset: fset},
		fileOf:         map[*ast.File]*Scope{},
		badConstraint:  map[*TypeParam]bool{},
	}
}

// run checks the program whose entry module is files.
func (c *checker) run(files []*ast.File) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(errTooMany); ok {
				return
			}
			// A checker bug must not crash the caller: report it as a
			// diagnostic (the fuzz test fails on it).
			c.errs.list = append(c.errs.list, &lex.Error{Msg: fmt.Sprintf("internal error: %v", r)})
		}
	}()
	name := c.conf.ModuleName
	if name == "" {
		name = "main"
	}
	for _, path := range c.conf.Prelude {
		if c.conf.Importer == nil {
			break
		}
		if m, err := c.conf.Importer(path, nil); err == nil && m != nil && c.modules[m.Key] == nil {
			c.loadModule(m, path)
		}
	}
	main := c.loadModule(&Module{Key: c.conf.ModuleKey, Name: name, Files: files}, "")
	c.info.Main = main
	c.presize()
	// Each stage runs over every module before the next starts.
	for _, stage := range []func(*Package){c.resolveModule, c.resolveMethods, c.checkImpls, c.checkDefaults, c.checkGlobals, c.checkBodies} {
		for _, pkg := range c.info.Packages {
			stage(pkg)
		}
	}
	if !c.conf.NoMain {
		c.checkMain(main)
	}
}

// presize gives the fact tables room for the whole program once every
// module is loaded, so that they do not grow step by step while a large
// program is checked: in typical code about one numbered expression per
// 5 bytes of source, one typed expression per 6 and one identifier use
// per 10 (docs/bench-load.md).
func (c *checker) presize() {
	n := 0
	for _, pkg := range c.info.Packages {
		for _, f := range pkg.Files {
			if f == nil {
				continue
			}
			if lf := c.fset.File(f.FileEnd); lf != nil {
				n += lf.Size()
			}
		}
	}
	ids := c.fset.NodeIDs() + n/5
	c.info.Types.reserve(ids, n/6)
	c.info.Uses.reserve(ids, n/10)
	c.folds.reserve(ids, 0)
	// The maps, sized for one definition per 45 bytes, one scope per 80,
	// one call per 110 and one selector per 90.
	c.info.Defs = presized(c.info.Defs, n/45)
	c.info.Scopes = presized(c.info.Scopes, n/80)
	c.info.Calls = presized(c.info.Calls, n/110)
	c.info.Selections = presized(c.info.Selections, n/90)
}

// presized returns a map with room for n entries holding those of m.
func presized[K comparable, V any](m map[K]V, n int) map[K]V {
	if n <= len(m) {
		return m
	}
	r := make(map[K]V, n)
	for k, v := range m {
		r[k] = v
	}
	return r
}

// loadModule creates the package of m, declares its top-level names and
// loads its imports (depth first, so that dependencies come first in
// Info.Packages). The names are declared first: a module in an import
// cycle may be imported while it is loading, and a module's own
// declarations hide the names its files import.
func (c *checker) loadModule(m *Module, path string) *Package {
	if pkg := c.modules[m.Key]; pkg != nil && m.Key != "" {
		return pkg
	}
	pkg := &Package{Path: path, Name: m.Name, Files: m.Files}
	pkg.Scope = NewScope(c.univ.scope, nil)
	c.modules[m.Key] = pkg
	for _, f := range m.Files {
		if f == nil {
			continue
		}
		fs := NewScope(pkg.Scope, f)
		c.fileOf[f] = fs
		c.info.Scopes[f] = fs
		for _, d := range f.Decls {
			c.collect(pkg, fs, d)
		}
	}
	for _, f := range m.Files {
		if f == nil {
			continue
		}
		for _, d := range f.Decls {
			if imp, ok := d.(*ast.ImportDecl); ok {
				c.importDecl(pkg, c.fileOf[f], f, imp)
			}
		}
	}
	c.info.Packages = append(c.info.Packages, pkg)
	return pkg
}

// importDecl resolves one import and declares its alias (or its names,
// for selective and * imports) in the file scope.
func (c *checker) importDecl(pkg *Package, fs *Scope, f *ast.File, d *ast.ImportDecl) {
	ipath := importPath(d)
	if ipath == "" {
		return
	}
	var m *Module
	var err error
	if c.conf.Importer != nil {
		m, err = c.conf.Importer(ipath, f)
	}
	if m == nil || err != nil {
		msg := "import '" + ipath + "' not found"
		first := strings.Split(ipath, ".")[0]
		switch {
		case d.Path != nil:
			msg = "source file=" + ipath + " not found"
		case err == nil && !IsStdPackage(first):
			// Neither a standard package nor (the importer found
			// nothing) one of this build's.
			msg = "cannot 'import " + first + "', not found package.toml"
		case err == nil:
			msg = "import package '" + first + "' not found"
		}
		if err != nil {
			msg = err.Error()
		}
		c.errorf(d.Pos(), "%s", msg)
		// Declare the alias anyway, so its uses report nothing more.
		if d.Alias == nil || d.Alias.Name != "*" {
			fs.Insert(&PkgName{object: object{name: defaultAlias(ipath, d), pos: d.Pos(), pkg: pkg}, Decl: d})
		}
		return
	}
	if c.modules[m.Key] == nil {
		c.loadModule(m, ipath)
	}
	imp := c.modules[m.Key]
	if imp == pkg {
		c.errorf(d.Pos(), "module %s cannot import itself", pkg.Name)
		return
	}
	pkg.Imports = append(pkg.Imports, imp)
	// As in the reference, the module's own declarations win over
	// imported names, a later alias replaces an earlier one, the first
	// of two `as *` imports declaring a name wins, and a selected name
	// the module lacks (or does not export) is an error only where it
	// is used.
	switch {
	case d.Lbrace.IsValid():
		for _, item := range d.Items {
			name := item.Name
			if item.Alias != nil {
				name = item.Alias
			}
			obj := imp.Scope.Lookup(item.Name.Name)
			switch {
			case obj == nil:
				obj = &badImport{object: object{name: name.Name, pos: name.Pos(), pkg: pkg},
					Msg: fmt.Sprintf("symbol '%s' not found in module", item.Name.Name)}
			case !obj.Exported():
				obj = &badImport{object: object{name: name.Name, pos: name.Pos(), pkg: pkg},
					Msg: fmt.Sprintf("undefined: %s", item.Name.Name)}
			default:
				c.use(item.Name, obj)
			}
			if pkg.Scope.Lookup(name.Name) != nil {
				continue
			}
			if fs.insertAlias(name.Name, obj) != nil {
				c.errorf(d.Pos(), "import item '%s' conflicts with existing import", name.Name)
			}
		}
	case d.Alias != nil && d.Alias.Name == "*":
		for _, obj := range imp.Scope.Objects() {
			if obj.Exported() && pkg.Scope.Lookup(obj.Name()) == nil {
				fs.insertAlias(obj.Name(), obj)
			}
		}
	default:
		name := defaultAlias(ipath, d)
		pn := &PkgName{object: object{name: name, pos: d.Pos(), pkg: pkg}, Imported: imp, Decl: d}
		if d.Alias != nil {
			c.def(d.Alias, pn)
		}
		if pkg.Scope.Lookup(name) != nil {
			return
		}
		if _, isAlias := fs.Lookup(name).(*PkgName); isAlias {
			fs.replaceAlias(pn)
			return
		}
		fs.Insert(pn)
	}
}

// IsStdPackage reports whether name is a package of the reference's
// standard library (spec/stdlib.md), embedded in std or not yet.
func IsStdPackage(name string) bool {
	switch name {
	case "allocator", "base64", "builtin", "co", "crypto", "elf", "fmt", "fs", "http", "io",
		"json", "libc", "mem", "net", "os", "path", "process", "reflect", "runtime",
		"strings", "syscall", "testing", "time", "unsafe":
		return true
	}
	return false
}

// insertAlias declares obj under name in a file scope without changing
// the object's own scope.
func (s *Scope) insertAlias(name string, obj Object) Object {
	if old := s.Lookup(name); old != nil {
		return old
	}
	s.put(name, obj)
	return nil
}

// replaceAlias puts import alias pn in the place of the alias of the
// same name in a file scope.
func (s *Scope) replaceAlias(pn *PkgName) {
	old := s.Lookup(pn.name)
	if s.elems != nil {
		s.elems[pn.name] = pn
	}
	for i, o := range s.order {
		if o == old {
			s.order[i] = pn
		}
	}
}

func importPath(d *ast.ImportDecl) string {
	if d.Path != nil {
		if s, err := lex.Unquote(d.Path.Value); err == nil {
			return s
		}
		return ""
	}
	parts := make([]string, len(d.Module))
	for i, id := range d.Module {
		parts[i] = id.Name
	}
	return strings.Join(parts, ".")
}

func defaultAlias(ipath string, d *ast.ImportDecl) string {
	if d.Alias != nil {
		return d.Alias.Name
	}
	if d.Path != nil {
		return strings.TrimSuffix(path.Base(ipath), ".n")
	}
	return d.Module[len(d.Module)-1].Name
}

// collect declares the objects of one top-level declaration in the
// module scope.
func (c *checker) collect(pkg *Package, fs *Scope, d ast.Decl) {
	declare := func(id *ast.Ident, obj Object, node ast.Node) bool {
		if id == nil {
			return false
		}
		c.def(id, obj)
		if old := pkg.Scope.Insert(obj); old != nil {
			c.errorf(declKeyword(node), "ident '%s.%s' redeclared", pkg.Name, id.Name)
			return false
		}
		c.decls[obj] = &declInfo{pkg: pkg, scope: fs, decl: node}
		return true
	}
	switch d := d.(type) {
	case *ast.VarDecl:
		if d.Bind != nil {
			for _, id := range bindIdents(d.Bind) {
				v := &Var{object: object{name: id.Name, pos: id.Pos(), pkg: pkg, pub: d.Pub.IsValid()}, Kind: GlobalVar}
				if declare(id, v, d) {
					pkg.Globals = append(pkg.Globals, v)
				}
			}
			return
		}
		if d.Name == nil {
			return
		}
		v := &Var{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: pkg, pub: d.Pub.IsValid()}, Kind: GlobalVar}
		if declare(d.Name, v, d) {
			pkg.Globals = append(pkg.Globals, v)
		}
	case *ast.ConstDecl:
		if d.Name == nil {
			return
		}
		k := &Const{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: pkg, pub: d.Pub.IsValid()}}
		declare(d.Name, k, d)
	case *ast.TypeDecl:
		if d.Name == nil {
			return
		}
		tn := &TypeName{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: pkg, pub: d.Pub.IsValid()}, Decl: d}
		NewNamed(tn, nil) // declared before resolution, so types may refer to themselves
		if declare(d.Name, tn, d) {
			pkg.Types = append(pkg.Types, tn)
		}
	case *ast.FuncDecl:
		if d.Name == nil || d.Type == nil {
			return
		}
		f := &Func{object: object{name: d.Name.Name, pos: d.Name.Pos(), pkg: pkg, pub: d.Pub.IsValid()}, Decl: d}
		for _, l := range d.Labels {
			if l.Name == "linkid" && l.Arg != nil {
				f.LinkName = exprText(l.Arg)
			}
		}
		if d.Recv != nil {
			c.def(d.Name, f)
			m := &methodDecl{pkg: pkg, scope: fs, decl: d, obj: f}
			c.methods[pkg] = append(c.methods[pkg], m)
			c.methodScopes[f] = fs
			if d.Body != nil {
				pkg.Funcs = append(pkg.Funcs, f)
			}
			return
		}
		if declare(d.Name, f, d) && d.Body != nil {
			pkg.Funcs = append(pkg.Funcs, f)
		}
	case *ast.TestDecl:
		if d.Body == nil {
			return
		}
		// A test block is checked as the body of an errable void
		// function without a name in scope; it is never lowered (the
		// reference's build checks and ignores it; naturec test turns
		// the blocks into functions before checking, load's tests.go).
		fd := &ast.FuncDecl{Fn: d.Test, Name: &ast.Ident{NamePos: d.Test, Name: "test"},
			Type: &ast.FuncType{Fn: d.Test, Errable: d.Test}, Body: d.Body}
		f := &Func{object: object{name: "test", pos: d.Test, pkg: pkg}, Decl: fd}
		f.typ = &Signature{Result: Typ[Void], Errable: true}
		c.decls[f] = &declInfo{pkg: pkg, scope: fs, decl: fd, state: 2}
		c.tests[pkg] = append(c.tests[pkg], f)
	}
}

// declKeyword returns the first token of a top-level declaration after
// pub and labels (var, const, type, fn, or the type of a typed global),
// where the reference reports that its name is redeclared.
func declKeyword(d ast.Node) lex.Pos {
	if d, ok := d.(interface{ Keyword() lex.Pos }); ok {
		return d.Keyword()
	}
	return d.Pos()
}

// bindIdents returns the identifiers of a destructuring pattern in order.
func bindIdents(b *ast.BindPattern) []*ast.Ident {
	var out []*ast.Ident
	for _, e := range b.Elts {
		switch e := e.(type) {
		case *ast.Ident:
			out = append(out, e)
		case *ast.BindPattern:
			out = append(out, bindIdents(e)...)
		}
	}
	return out
}

// resolveModule resolves every top-level declaration of pkg (types,
// constants, function signatures, global types).
func (c *checker) resolveModule(pkg *Package) {
	for _, obj := range pkg.Scope.Objects() {
		if _, isVar := obj.(*Var); isVar {
			continue // globals are checked with their initialisers
		}
		c.objDecl(obj)
	}
}

// objDecl resolves a top-level object on first use.
func (c *checker) objDecl(obj Object) {
	d := c.decls[obj]
	if d == nil || d.state == 2 {
		return
	}
	if d.state == 1 {
		c.cycle(obj)
		return
	}
	d.state = 1
	saved := c.save()
	c.pkg, c.scope, c.fn = d.pkg, d.scope, nil
	c.declStack = append(c.declStack, obj)
	switch obj := obj.(type) {
	case *TypeName:
		c.typeDecl(obj, d.decl.(*ast.TypeDecl))
	case *Const:
		c.constDecl(obj, d.decl.(*ast.ConstDecl))
	case *Func:
		c.funcDecl(obj, d.decl.(*ast.FuncDecl))
	case *Var:
		c.globalDecl(obj, d.decl.(*ast.VarDecl))
	}
	c.declStack = c.declStack[:len(c.declStack)-1]
	c.restore(saved)
	d.state = 2
}

// cycle reports a declaration that depends on itself.
func (c *checker) cycle(obj Object) {
	switch obj := obj.(type) {
	case *Const:
		// The reference reports the cycle in the value of the constant
		// it started from, at the name through which it went round.
		pos := obj.Pos()
		for i, u := range c.constUses {
			if i == 0 {
				pos = u.pos
			}
			if u.obj == obj && i+1 < len(c.constUses) {
				pos = c.constUses[i+1].pos
				break
			}
		}
		c.cycles++
		c.errorf(pos, " const initialization cycle")
		obj.typ = Typ[Invalid]
	case *TypeName:
		// A type may refer to itself (through pointers); by-value cycles
		// are found by containsByValue once it is resolved.
	case *Var:
		c.errorf(obj.Pos(), "global initializer cannot reference global var '%s'", qualifiedObj(obj))
		obj.typ = Typ[Invalid]
	}
}

type savedPos struct {
	pkg   *Package
	scope *Scope
	fn    *funcCtx
}

func (c *checker) save() savedPos     { return savedPos{c.pkg, c.scope, c.fn} }
func (c *checker) restore(s savedPos) { c.pkg, c.scope, c.fn = s.pkg, s.scope, s.fn }
func (c *checker) openScope(n ast.Node) {
	if len(c.scopeSlab) == 0 {
		c.scopeSlab = make([]Scope, 64)
	}
	s := &c.scopeSlab[0]
	c.scopeSlab = c.scopeSlab[1:]
	s.init(c.scope, n)
	c.scope = s
	if n != nil {
		c.info.Scopes[n] = c.scope
	}
}
func (c *checker) closeScope() { c.scope = c.scope.parent }

// lookup resolves a plain name from the current scope outwards.
func (c *checker) lookup(name string) Object {
	if c.scope == nil {
		return nil
	}
	_, obj := c.scope.LookupParent(name)
	return obj
}

func (c *checker) use(id *ast.Ident, obj Object) {
	if id != nil && obj != nil {
		c.info.Uses.set(id, obj)
	}
}

func (c *checker) def(id *ast.Ident, obj Object) {
	if id != nil {
		c.info.Defs[id] = obj
	}
}

func (c *checker) record(e ast.Expr, tv TypeAndValue) {
	if e != nil {
		c.info.Types.set(e, tv)
	}
}

// enter bounds recursion on pathological nesting; n is the node being
// entered, where the error is reported.
func (c *checker) enter(n ast.Node) bool {
	c.depth++
	if c.depth > maxDepth {
		if c.depth == maxDepth+1 {
			// n.Pos() only here: it walks down a chain of binary
			// expressions, which would make checking quadratic.
			c.errs.add(n.Pos(), "expression nested too deeply")
		}
		return false
	}
	return true
}

func (c *checker) leave() { c.depth-- }

// qualifiedObj returns module.name for messages.
func qualifiedObj(obj Object) string {
	if obj.Pkg() != nil {
		return obj.Pkg().Name + "." + obj.Name()
	}
	return obj.Name()
}

// exprText returns a short source-like text of e for messages.
func exprText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.BasicLit:
		if e.Kind == lex.STRING {
			if s, err := lex.Unquote(e.Value); err == nil {
				return s
			}
		}
		return e.Value
	case *ast.SelectorExpr:
		return exprText(e.X) + "." + e.Sel.Name
	case *ast.InstExpr:
		return exprText(e.X)
	case *ast.ParenExpr:
		return exprText(e.X)
	case *ast.CallExpr:
		return exprText(e.Fun)
	}
	return "expr"
}
