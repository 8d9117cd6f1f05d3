package sema

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Config controls a Check.
type Config struct {
	// ModuleName is the display name of the entry module, "main" by
	// default (diagnostics.md §2.3).
	ModuleName string
	// ModuleKey is the Module.Key of the entry module, so that an import
	// of it (a package's root module imported by one of its
	// sub-modules) is the entry module itself. "" (the default) is a key
	// no import returns.
	ModuleKey string
	// Prelude are modules loaded with the program although nothing
	// imports them (the standard library's methods on built-in types):
	// each is an import path the Importer resolves with a nil file.
	// They are loaded before the entry module.
	Prelude []string
	// Importer loads imported modules. Nil means that no module can be
	// imported: every import is reported as not found.
	Importer Importer
	// MaxErrors stops checking after that many diagnostics (0: 50).
	MaxErrors int
	// NoMain skips the check that the entry module declares fn main
	// (for libraries and tests).
	NoMain bool
}

// Importer loads the module named by an import declaration. path is
// the import path as written: a quoted file path ('lib/util.n', relative
// to the importing file's directory) or a dotted module path (fmt,
// geo.shapes). from is the importing file. The files must be parsed
// into the FileSet given to Check.
type Importer func(path string, from *ast.File) (*Module, error)

// Module is what an Importer returns.
type Module struct {
	// Key identifies the module: two imports with equal keys (say the
	// cleaned absolute path) are the same module, checked once.
	Key string
	// Name is the module's display name (case.lib, geo.shapes), used to
	// qualify its names in messages and symbols.
	Name  string
	Files []*ast.File
}

// Check type-checks a program: files are the entry module (one file, or
// all files of a directory module); imported modules are loaded through
// conf.Importer. It returns the facts learned, even when there were
// errors (they are then partial), and an error that is a sorted
// lex.ErrorList of diagnostics "file:line:col: message" with the source
// line (print it with lex.Print). conf may be nil.
//
// Check never panics on bad input and keeps no state between calls, so
// several programs may be checked concurrently.
func Check(fset *lex.FileSet, files []*ast.File, conf *Config) (*Info, error) {
	if conf == nil {
		conf = &Config{}
	}
	c := newChecker(fset, conf)
	c.run(files)
	return c.info, c.errs.err()
}
