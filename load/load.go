package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
	"github.com/naturekit/naturekit/sema"
	"github.com/naturekit/naturekit/std"
)

// Config controls a Load. The zero value loads for linux_amd64 from the
// process's working directory with the embedded standard library.
type Config struct {
	// Dir is the build's working directory: where package.toml is
	// looked for (then in the entry file's directory), and what the
	// module names of a single-file build are relative to
	// (spec/semantics.md §12.1, diagnostics.md §2.3). "" means the
	// process's working directory.
	Dir string
	// Target is the os_arch whose file variants are used
	// (x.linux_amd64.n); "" means linux_amd64.
	Target string
	// Std is the standard library, one directory per package; nil means
	// the library embedded in the compiler (package std).
	Std fs.FS
	// NoPrelude leaves out the standard modules every program has (the
	// string methods of std strings).
	NoPrelude bool
}

// preludeModules lists the standard modules loaded with every program
// although nothing imports them: the reference's builtin package
// imports them, so their methods on built-in types are visible
// everywhere.
func preludeModules() []string { return []string{"strings"} }

// A Program is every module of a program, parsed, with the result of
// every import.
type Program struct {
	Fset *lex.FileSet
	// Entry is the module holding the entry file: "main" in a
	// single-file build, the package module it belongs to in a package.
	Entry *Module
	// Prelude are the standard modules every program has (Config.NoPrelude).
	Prelude []*Module
	// Modules are all modules: the prelude and the entry, then what they
	// import, breadth first, in the order of the imports.
	Modules []*Module
	// Package is the build's package (package.toml in Config.Dir), nil
	// for a single-file build.
	Package *Package
	// Packages are the packages of the program's modules: the build's,
	// its dependencies and the standard library's, in order of first use.
	Packages []*Package

	imports map[importKey]resolved
}

// A Module is one module of the program: a file, or the files of a
// directory module.
type Module struct {
	// Key identifies the module (two imports of one module share it).
	Key string
	// Name is the module's qualified name in messages and symbols:
	// "main", "case.geo.shapes" (single-file builds), "shop.store"
	// (packages), "strings" (standard library).
	Name string
	// Files are the module's files, in path order.
	Files []*ast.File
	// Package is the module's package, nil for the files of a
	// single-file build.
	Package *Package
}

// Std reports whether m belongs to the standard library.
func (m *Module) Std() bool { return m.Package != nil && m.Package.Std }

// importKey names one import: the importing file and the path as
// written (quoted path unquoted, or dotted).
type importKey struct {
	file *ast.File
	path string
}

// resolved is the outcome of one import: a module, or the reference's
// message for why there is none.
type resolved struct {
	mod *Module
	err string
}

// Load finds, reads and parses every module of the program whose entry
// file is entry. The error, if any, is a lex.ErrorList of the syntax
// errors of every file and of the package's layout errors; imports that
// do not resolve are not errors of Load: Check reports them where they
// are written. The Program is returned even with errors.
func Load(entry string, conf *Config) (*Program, error) {
	l, err := newLoader(entry, conf)
	if err != nil {
		return nil, err
	}
	l.run()
	return l.prog, l.errs.Err()
}

// loader is the state of one Load.
type loader struct {
	conf     Config
	prog     *Program
	entryArg string // the entry path as given
	entryAbs string
	wd       string // absolute working directory

	mu   sync.Mutex
	mods map[string]*Module
	pkgs map[string]*Package // by key: "std:name" or the root directory
	errs lex.ErrorList
	// Files to parse, taken by a pool of workers (parseAll): a worker's
	// stack, grown by the parser's recursion, serves many files.
	queue   []parseJob
	pending int        // files queued or being parsed
	ready   *sync.Cond // on mu: a file was queued, or pending fell to 0
	workers int
	scanned map[*Package]bool
}

func newLoader(entry string, conf *Config) (*loader, error) {
	l := &loader{
		entryArg: entry,
		mods:     map[string]*Module{},
		pkgs:     map[string]*Package{},
		scanned:  map[*Package]bool{},
		workers:  runtime.GOMAXPROCS(0),
	}
	l.ready = sync.NewCond(&l.mu)
	if conf != nil {
		l.conf = *conf
	}
	if l.conf.Target == "" {
		l.conf.Target = "linux_amd64"
	}
	if l.conf.Std == nil {
		l.conf.Std = std.FS
	}
	wd := l.conf.Dir
	if wd == "" {
		var err error
		if wd, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	wd, err := filepath.Abs(wd)
	if err != nil {
		return nil, err
	}
	l.wd = wd
	if l.entryAbs, err = filepath.Abs(entry); err != nil {
		return nil, err
	}
	if st, err := os.Stat(l.entryAbs); err != nil {
		return nil, fmt.Errorf("entry file=%s not found", entry)
	} else if st.IsDir() {
		return nil, fmt.Errorf("entry %s is a directory", entry)
	}
	l.prog = &Program{Fset: lex.NewFileSet(), imports: map[importKey]resolved{}}
	return l, nil
}

// run loads the entry module and everything it needs.
func (l *loader) run() {
	root := l.wd
	if !isFile(os.DirFS(root), "package.toml") {
		// The reference looks in the working directory only; a
		// package built from elsewhere is found at its entry file.
		root = filepath.Dir(l.entryAbs)
	}
	if isFile(os.DirFS(root), "package.toml") {
		pkg, err := l.diskPackage(root)
		if err != nil {
			l.errs = append(l.errs, err)
			return
		}
		l.prog.Package = pkg
		l.prog.Entry = l.packageEntry(pkg)
	} else {
		src := []fileSrc{{name: l.entryArg, abs: l.entryAbs}}
		l.prog.Entry = l.module("", "main", nil, src)
	}
	if l.prog.Entry == nil {
		return
	}
	if !l.conf.NoPrelude {
		for _, p := range preludeModules() {
			r := l.resolveDotted(nil, p)
			if r.mod != nil {
				l.prog.Prelude = append(l.prog.Prelude, r.mod)
			}
		}
	}
	l.parseAll()
	l.order()
	l.errs.Sort()
}

// fileSrc says where a module's file is: in a package (pkg and its
// slash path rel), or on disk (abs) for a single-file build.
type fileSrc struct {
	name string // in the file set and messages
	pkg  *Package
	rel  string
	abs  string
}

// module returns the module with key, creating it and starting to
// parse its files if it is new.
func (l *loader) module(key, name string, pkg *Package, files []fileSrc) *Module {
	l.mu.Lock()
	if m, ok := l.mods[key]; ok {
		l.mu.Unlock()
		return m
	}
	m := &Module{Key: key, Name: name, Files: make([]*ast.File, len(files)), Package: pkg}
	l.mods[key] = m
	l.mu.Unlock()
	l.mu.Lock()
	for i, f := range files {
		l.queue = append(l.queue, parseJob{m, i, f})
		l.pending++
	}
	l.ready.Broadcast()
	l.mu.Unlock()
	return m
}

// A parseJob is file i of module m, to parse.
type parseJob struct {
	m   *Module
	i   int
	src fileSrc
}

// parseAll parses the queued files, and those their imports queue, on
// l.workers goroutines, and returns when none is left.
func (l *loader) parseAll() {
	var wg sync.WaitGroup
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				l.mu.Lock()
				for len(l.queue) == 0 && l.pending > 0 {
					l.ready.Wait()
				}
				if len(l.queue) == 0 {
					l.mu.Unlock()
					return
				}
				j := l.queue[0]
				l.queue = l.queue[1:]
				l.mu.Unlock()
				l.parseFile(j.m, j.i, j.src)
				l.mu.Lock()
				if l.pending--; l.pending == 0 {
					l.ready.Broadcast()
				}
				l.mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// parseFile reads and parses file i of m, then resolves its imports
// (which starts loading the modules they name).
func (l *loader) parseFile(m *Module, i int, src fileSrc) {
	data, err := l.read(src)
	var f *ast.File
	if err == nil {
		f, err = parse.ParseFile(l.prog.Fset, src.name, data)
	}
	if f == nil {
		l.addErr(&lex.Error{Pos: lex.Position{Filename: src.name}, Msg: err.Error()})
		return
	}
	m.Files[i] = f
	if err != nil {
		l.addErr(err)
	}
	if m.Package == nil && f.Mod != nil {
		// A mod line needs a package (M1), reported at the end of `mod`.
		p := l.prog.Fset.Position(f.Mod.Mod)
		p.Column += 2
		l.addErr(&lex.Error{Pos: p, Msg: "cannot use 'mod' without package.toml", Caret: p.Column - 2,
			Line: l.prog.Fset.File(f.Mod.Mod).LineText(p.Line)})
	}
	for _, d := range f.Decls {
		imp, ok := d.(*ast.ImportDecl)
		if !ok {
			continue
		}
		ipath := importPath(imp)
		if ipath == "" {
			continue
		}
		var r resolved
		if imp.Path != nil {
			r = l.resolveQuoted(m, src, ipath)
		} else {
			r = l.resolveDotted(m, ipath)
		}
		l.mu.Lock()
		l.prog.imports[importKey{f, ipath}] = r
		l.mu.Unlock()
	}
}

// read returns the source of a file.
func (l *loader) read(src fileSrc) ([]byte, error) {
	if src.pkg == nil {
		return os.ReadFile(src.abs)
	}
	lay := src.pkg.layout
	if lay != nil {
		if data, ok := lay.src[src.rel]; ok {
			return data, nil
		}
	}
	return fs.ReadFile(src.pkg.fsys, src.rel)
}

func (l *loader) addErr(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var list lex.ErrorList
	var one *lex.Error
	switch {
	case errors.As(err, &list):
		l.errs = append(l.errs, list...)
	case errors.As(err, &one):
		l.errs = append(l.errs, one)
	default:
		l.errs = append(l.errs, &lex.Error{Msg: err.Error()})
	}
}

// importPath is the path of an import as sema spells it: the unquoted
// file path, or the dotted module path.
func importPath(d *ast.ImportDecl) string {
	if d.Path != nil {
		s, err := lex.Unquote(d.Path.Value)
		if err != nil {
			return ""
		}
		return s
	}
	parts := make([]string, len(d.Module))
	for i, id := range d.Module {
		parts[i] = id.Name
	}
	return strings.Join(parts, ".")
}

// fileName is the name a file on disk gets in the file set: relative
// to the entry's directory, joined to the entry path as given (so
// "main.n" imports "geo/shapes.n"), or absolute outside it.
func (l *loader) fileName(abs string) string {
	rel, err := filepath.Rel(filepath.Dir(l.entryAbs), abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.Join(filepath.Dir(l.entryArg), rel)
}

// singleName is the module name of an imported file in a single-file
// build: its path relative to the parent of the working directory,
// without .n, with / as . (diagnostics.md §2.3).
func (l *loader) singleName(abs string) string {
	p := strings.TrimSuffix(abs, ".n")
	parent := filepath.Dir(l.wd)
	if rel, err := filepath.Rel(parent, p); err == nil && !strings.HasPrefix(rel, "..") {
		p = rel
	} else {
		p = strings.TrimPrefix(p, string(filepath.Separator))
	}
	return strings.ReplaceAll(filepath.ToSlash(p), "/", ".")
}

// resolveQuoted resolves import 'p' written in a file of module m.
func (l *loader) resolveQuoted(m *Module, from fileSrc, p string) resolved {
	switch {
	case !strings.HasSuffix(p, ".n"):
		return resolved{err: "import file suffix must .n"}
	case strings.HasPrefix(p, "."):
		return resolved{err: fmt.Sprintf("cannot use path=%s begin with '.'", p)}
	case strings.HasPrefix(p, "/"):
		return resolved{err: fmt.Sprintf("cannot use absolute path=%s", p)}
	}
	if m.Package == nil {
		abs := filepath.Join(filepath.Dir(from.abs), filepath.FromSlash(p))
		if st, err := os.Stat(abs); err != nil || st.IsDir() {
			return resolved{err: fmt.Sprintf("source file=%s not found", p)}
		}
		return resolved{mod: l.module("file:"+abs, l.singleName(abs), nil, []fileSrc{{name: l.fileName(abs), abs: abs}})}
	}
	pkg := m.Package
	lay := l.layoutOf(pkg)
	target := path.Clean(path.Join(path.Dir(from.rel), p))
	file := target
	if lay.owner[file] == nil {
		slot, _ := slotOf(target)
		file = lay.active[slot]
	}
	spec := lay.owner[file]
	switch {
	case spec == nil:
		return resolved{err: fmt.Sprintf("cannot import '%s': not found in package '%s'", p, pkg.Name)}
	case spec.dir:
		name := pkg.modName(spec.path)
		if mod := l.pkgModule(pkg, spec); mod == m {
			return resolved{err: fmt.Sprintf("cannot import '%s': module %s cannot import itself", p, name)}
		}
		return resolved{err: fmt.Sprintf("cannot import '%s': it is part of module %s, use 'import %s'", p, name, name)}
	}
	mod := l.pkgModule(pkg, spec)
	if mod == m {
		return resolved{err: fmt.Sprintf("cannot import '%s': module %s cannot import itself", p, mod.Name)}
	}
	return resolved{mod: mod}
}

// resolveDotted resolves import a.b.c written in module m (nil for the
// prelude).
func (l *loader) resolveDotted(m *Module, p string) resolved {
	first, rest, _ := strings.Cut(p, ".")
	var pkg *Package
	var cur *Package
	if m != nil {
		cur = m.Package
	}
	switch {
	case cur != nil && first == cur.Name:
		pkg = cur
	case cur != nil && cur.deps[first] != (dep{}):
		var err error
		if pkg, err = l.depPackage(cur, first); err != nil {
			return resolved{err: err.Error()}
		}
	default:
		pkg = l.stdPackage(first)
		if pkg == nil {
			switch {
			case cur == nil && !sema.IsStdPackage(first):
				return resolved{err: fmt.Sprintf("cannot 'import %s', not found package.toml", first)}
			}
			return resolved{err: fmt.Sprintf("import package '%s' not found", first)}
		}
	}
	lay := l.layoutOf(pkg)
	if spec := lay.modules[rest]; spec != nil {
		mod := l.pkgModule(pkg, spec)
		if mod == m {
			return resolved{err: fmt.Sprintf("module %s cannot import itself", mod.Name)}
		}
		return resolved{mod: mod}
	}
	if spec := lay.parts[rest]; spec != nil {
		name := pkg.modName(spec.path)
		return resolved{err: fmt.Sprintf("'%s' is not a module, it is part of %s, use 'import %s'", p, name, name)}
	}
	return resolved{err: fmt.Sprintf("cannot import '%s': module not found", p)}
}

// pkgModule returns the module of a package's layout entry.
func (l *loader) pkgModule(pkg *Package, spec *modSpec) *Module {
	key := "pkg:" + pkg.key() + ":" + spec.path
	files := make([]fileSrc, len(spec.files))
	for i, f := range spec.files {
		files[i] = fileSrc{name: pkg.fileName(f), pkg: pkg, rel: f}
		if !pkg.Std {
			files[i].abs = filepath.Join(pkg.Dir, filepath.FromSlash(f))
		}
	}
	return l.module(key, pkg.modName(spec.path), pkg, files)
}

// key identifies a package among the program's.
func (pkg *Package) key() string {
	if pkg.Std {
		return "std/" + pkg.Dir
	}
	return pkg.Dir
}

// layoutOf scans pkg (once) and reports its layout errors.
func (l *loader) layoutOf(pkg *Package) *layout {
	lay := pkg.scan(l.conf.Target)
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.scanned[pkg] {
		l.scanned[pkg] = true
		l.prog.Packages = append(l.prog.Packages, pkg)
		for _, e := range lay.errs {
			l.errs = append(l.errs, &lex.Error{Pos: lex.Position{Filename: pkg.fileName(e.file), Line: 1, Column: 1}, Msg: e.msg})
		}
	}
	return lay
}

// stdPackage returns the standard package name, or nil.
func (l *loader) stdPackage(name string) *Package {
	if !isIdent(name) {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	key := "std:" + name
	if pkg, ok := l.pkgs[key]; ok {
		return pkg
	}
	st, err := fs.Stat(l.conf.Std, name)
	if err != nil || !st.IsDir() {
		l.pkgs[key] = nil
		return nil
	}
	sub, err := fs.Sub(l.conf.Std, name)
	if err != nil {
		return nil
	}
	pkg := &Package{Name: name, Dir: name, Std: true, fsys: sub,
		fileName: func(f string) string { return "std/" + name + "/" + f }}
	l.pkgs[key] = pkg
	return pkg
}

// diskPackage reads the package whose package.toml is in dir.
func (l *loader) diskPackage(dir string) (*Package, *lex.Error) {
	l.mu.Lock()
	if pkg, ok := l.pkgs[dir]; ok {
		l.mu.Unlock()
		return pkg, nil
	}
	l.mu.Unlock()
	tomlPath := filepath.Join(dir, "package.toml")
	name := l.fileName(tomlPath)
	bad := func(msg string) (*Package, *lex.Error) {
		return nil, &lex.Error{Pos: lex.Position{Filename: name, Line: 1, Column: 1}, Msg: msg}
	}
	data, err := os.ReadFile(tomlPath)
	if err != nil {
		return bad(fmt.Sprintf("package.toml=%s not found", tomlPath))
	}
	doc, err := parseTOML(string(data))
	if err != nil {
		var te *tomlError
		if errors.As(err, &te) {
			return nil, &lex.Error{Pos: lex.Position{Filename: name, Line: te.line, Column: 1}, Msg: "cannot parse package.toml: " + te.msg}
		}
		return bad("cannot parse package.toml: " + err.Error())
	}
	pname, _ := doc["name"].(string)
	if pname == "" {
		return bad(fmt.Sprintf("package.toml in '%s' must have a 'name' field", dir))
	}
	pkg := &Package{Name: pname, Dir: dir, fsys: os.DirFS(dir), toml: tomlPath, deps: map[string]dep{}}
	pkg.fileName = func(f string) string { return l.fileName(filepath.Join(dir, filepath.FromSlash(f))) }
	if deps, ok := doc["dependencies"].(map[string]any); ok {
		for k, v := range deps {
			t, _ := v.(map[string]any)
			var d dep
			d.typ, _ = t["type"].(string)
			d.path, _ = t["path"].(string)
			d.version, _ = t["version"].(string)
			if d == (dep{}) {
				d.typ = "?"
			}
			pkg.deps[k] = d
		}
	}
	if links, ok := doc["links"].(map[string]any); ok {
		var names []string
		for k := range links {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			t, _ := links[k].(map[string]any)
			if p, ok := t[l.conf.Target].(string); ok && p != "" {
				if !filepath.IsAbs(p) {
					p = filepath.Join(dir, filepath.FromSlash(p))
				}
				pkg.Links = append(pkg.Links, p)
			}
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if old, ok := l.pkgs[dir]; ok {
		return old, nil
	}
	l.pkgs[dir] = pkg
	return pkg, nil
}

// depPackage returns dependency name of package cur. A local
// dependency's path is relative to cur's root; one without a path is
// looked up where the reference's package manager keeps sources.
func (l *loader) depPackage(cur *Package, name string) (*Package, error) {
	d := cur.deps[name]
	var dir string
	switch {
	case d.path != "":
		dir = d.path
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(cur.Dir, filepath.FromSlash(dir))
		}
	default:
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".nature", "package", "sources", name+"@"+d.version)
	}
	dir = filepath.Clean(dir)
	if !isFile(os.DirFS(dir), "package.toml") {
		return nil, fmt.Errorf("package.toml=%s not found", filepath.Join(dir, "package.toml"))
	}
	pkg, lerr := l.diskPackage(dir)
	if lerr != nil {
		return nil, errors.New(lerr.Msg)
	}
	return pkg, nil
}

// packageEntry returns the module of the entry file in the build's
// package.
func (l *loader) packageEntry(pkg *Package) *Module {
	rel, err := filepath.Rel(pkg.Dir, l.entryAbs)
	if err != nil || strings.HasPrefix(rel, "..") {
		l.errs = append(l.errs, &lex.Error{Pos: lex.Position{Filename: l.entryArg, Line: 1, Column: 1},
			Msg: fmt.Sprintf("build entry '%s' is not part of package '%s'", l.entryArg, pkg.Name)})
		return nil
	}
	rel = filepath.ToSlash(rel)
	lay := l.layoutOf(pkg)
	file := rel
	if lay.owner[file] == nil {
		slot, suffix := slotOf(rel)
		file = lay.active[slot]
		if suffix != "" && file != "" && file != rel {
			l.errs = append(l.errs, &lex.Error{Pos: lex.Position{Filename: l.entryArg, Line: 1, Column: 1},
				Msg: fmt.Sprintf("build entry '%s' is not active for target %s, active source is '%s'", l.entryArg, l.conf.Target, file)})
			return nil
		}
	}
	spec := lay.owner[file]
	if spec == nil {
		if len(lay.errs) == 0 {
			l.errs = append(l.errs, &lex.Error{Pos: lex.Position{Filename: l.entryArg, Line: 1, Column: 1},
				Msg: fmt.Sprintf("build entry '%s' is not active for target %s", l.entryArg, l.conf.Target)})
		}
		return nil
	}
	return l.pkgModule(pkg, spec)
}

// order fills Program.Modules: prelude and entry, then their imports
// breadth first in the order they are written.
func (l *loader) order() {
	p := l.prog
	p.Packages = nil
	seenPkg := map[*Package]bool{}
	seen := map[*Module]bool{}
	queue := append(append([]*Module{}, p.Prelude...), p.Entry)
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		if m == nil || seen[m] {
			continue
		}
		seen[m] = true
		p.Modules = append(p.Modules, m)
		if m.Package != nil && !seenPkg[m.Package] {
			seenPkg[m.Package] = true
			p.Packages = append(p.Packages, m.Package)
		}
		for _, f := range m.Files {
			if f == nil {
				continue
			}
			for _, d := range f.Decls {
				if imp, ok := d.(*ast.ImportDecl); ok {
					if r := p.imports[importKey{f, importPath(imp)}]; r.mod != nil {
						queue = append(queue, r.mod)
					}
				}
			}
		}
	}
}

// slotOf returns the layout slot of the package file rel (its directory
// and its name without the target suffix) and that suffix.
func slotOf(rel string) (slot, suffix string) {
	slot, suffix = targetSuffix(strings.TrimSuffix(path.Base(rel), ".n"))
	if dir := path.Dir(rel); dir != "." {
		slot = dir + "/" + slot
	}
	return slot, suffix
}
