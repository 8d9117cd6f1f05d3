package load

import (
	"errors"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/sema"
)

// Check type-checks the loaded program with sema, one shared universe
// for all modules, each module checked once. conf may be nil; its
// ModuleName, ModuleKey, Importer and Prelude are set from the
// program. Imports that did not resolve are reported here, at the
// import, with the reference's message.
func (p *Program) Check(conf *sema.Config) (*sema.Info, error) {
	var c sema.Config
	if conf != nil {
		c = *conf
	}
	c.ModuleName = p.Entry.Name
	c.ModuleKey = p.Entry.Key
	c.Importer = p.importer
	c.Prelude = nil
	for _, m := range p.Prelude {
		c.Prelude = append(c.Prelude, m.Key)
	}
	return sema.Check(p.Fset, p.Entry.Files, &c)
}

// importer serves sema the modules Load resolved. A nil from asks for a
// prelude module by key.
func (p *Program) importer(path string, from *ast.File) (*sema.Module, error) {
	if from == nil {
		for _, m := range p.Prelude {
			if m.Key == path {
				return semaModule(m), nil
			}
		}
		return nil, nil
	}
	r, ok := p.imports[importKey{from, path}]
	switch {
	case !ok:
		return nil, nil
	case r.err != "":
		return nil, errors.New(r.err)
	}
	return semaModule(r.mod), nil
}

func semaModule(m *Module) *sema.Module {
	return &sema.Module{Key: m.Key, Name: m.Name, Files: m.Files}
}

// StdFile reports whether the file named name (as in the file set)
// belongs to the standard library.
func (p *Program) StdFile(name string) bool {
	for _, m := range p.Modules {
		if !m.Std() {
			continue
		}
		for _, f := range m.Files {
			if f != nil && f.Name == name {
				return true
			}
		}
	}
	return false
}

// Links returns the archives the program's packages name in their
// [links] tables for the target, in package order.
func (p *Program) Links() []string {
	var out []string
	for _, pkg := range p.Packages {
		out = append(out, pkg.Links...)
	}
	return out
}

// Std reports whether pkg, a module of the checked program, belongs to
// the standard library.
func (p *Program) Std(pkg *sema.Package) bool {
	if pkg == nil || len(pkg.Files) == 0 {
		return false
	}
	for _, m := range p.Modules {
		if m.Std() && len(m.Files) > 0 && m.Files[0] == pkg.Files[0] {
			return true
		}
	}
	return false
}
