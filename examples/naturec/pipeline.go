package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/linear"
	"github.com/naturekit/naturekit/load"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/lower/arm64"
	"github.com/naturekit/naturekit/sema"
	"github.com/naturekit/naturekit/ssa"
)

// The pipeline, in the order the diagram in ARCHITECTURE.md reads:
//
//	source ─parse─> *ast.File ─sema─> *sema.Info ─lir/linear─> *lir.Module
//	  ─lower/amd64 (cfg, ssa, lower, regalloc, emit)─> *asm.Object
//	  ─link (with the runtime object)─> executable
//
// Each step is one call into the stage's public API; the driver adds
// only file handling and error reporting.

// A program is a Nature program on its way through the pipeline.
type program struct {
	fset  *lex.FileSet
	prog  *load.Program // every module, from package load
	files []*ast.File   // the entry module's files
	info  *sema.Info
	mod   *lir.Module
	// target is the os_arch the program is loaded (file variants) and
	// lowered (C calls) for; "" is linux_amd64.
	target string
}

// compileOptions are the flags that change the generated code. The zero
// value (with a target) is the default build: optimised.
type compileOptions struct {
	target     string     // linux_amd64 or linux_arm64
	noOptimize bool       // -O0: no SSA passes, no peephole pass
	passes     []ssa.Pass // -passes: the SSA passes to run, if setPasses
	setPasses  bool       // -passes was given (possibly empty)
	noCache    bool       // rebuild the runtime object
	strip      bool       // -s: no debugging information (DWARF)
	// prepare, if not nil, rewrites the loaded program before it is
	// checked (naturec test).
	prepare func(*load.Program) error
}

// mainFile resolves a build PATH: a .n file, or a directory holding
// main.n.
func mainFile(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		path = filepath.Join(path, "main.n")
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("%s: no main.n in the directory", filepath.Dir(path))
		}
	}
	return path, nil
}

// parseProgram finds, reads and parses the program's modules: the
// entry file and everything it imports (package load).
func parseProgram(path string) (*program, error) { return parseProgramFor(path, "") }

// parseProgramFor is parseProgram for target ("" is linux_amd64).
func parseProgramFor(path, target string) (*program, error) {
	lp, err := load.Load(path, &load.Config{Target: target})
	if err != nil {
		return nil, err
	}
	return &program{fset: lp.Fset, prog: lp, files: lp.Entry.Files, target: target}, nil
}

// check runs semantic analysis on every module.
func (p *program) check() error {
	info, err := p.prog.Check(&sema.Config{})
	p.info = info
	return err
}

// linearize lowers the typed program to LIR. Runtime messages print
// source paths relative to the parent of the working directory, as the
// reference compiler does (spec/builtins.md §3.1).
func (p *program) linearize() error {
	base := sourceBase()
	path := func(name string) string {
		if p.prog.StdFile(name) {
			return name
		}
		abs, err := filepath.Abs(name)
		if err != nil {
			return name
		}
		if rel, err := filepath.Rel(base, abs); err == nil {
			return filepath.ToSlash(rel)
		}
		return name
	}
	messagePath := func(name string) string {
		if p.prog.StdFile(name) {
			// As the reference names its std packages' files in
			// messages: from the std folder (strings/strings.n).
			return strings.TrimPrefix(name, "std/")
		}
		return path(name)
	}
	conf := &linear.Config{Path: path, MessagePath: messagePath, Library: p.prog.Std, Target: p.target}
	m, err := linear.Build(p.fset, p.files, p.info, conf)
	p.mod = m
	return err
}

// sourceBase is the directory the source paths in runtime messages and
// in the DWARF are relative to: the parent of the working directory.
func sourceBase() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}

// backendOptions are lower/amd64's options for the optimisation flags:
// by default every SSA pass and the peephole pass, with -O0 neither;
// -passes replaces the list of SSA passes either way.
func backendOptions(opts compileOptions) lower.Options {
	o := lower.Options{Passes: ssa.Passes(), Peephole: true}
	if opts.noOptimize {
		o = lower.Options{}
	}
	if opts.setPasses {
		o.Passes = opts.passes
	}
	o.PCTable = true    // faults and backtraces report source positions
	o.Safepoints = true // the runtime can stop and preempt coroutines
	o.Barriers = true   // the runtime defines the collector's marking flag
	return o
}

// frontEnd takes a source file to LIR.
func frontEnd(path string) (*program, error) { return frontEndFor(path, "", nil) }

// frontEndFor is frontEnd for target with a step between loading and
// checking, if prepare is not nil: naturec test's rewrite of the loaded
// program.
func frontEndFor(path, target string, prepare func(*load.Program) error) (*program, error) {
	p, err := parseProgramFor(path, target)
	if err != nil {
		return nil, err
	}
	if prepare != nil {
		if err := prepare(p.prog); err != nil {
			return nil, err
		}
		p.files = p.prog.Entry.Files
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	if err := p.linearize(); err != nil {
		return nil, err
	}
	return p, nil
}

// buildExecutable compiles the program at path and links it with the
// runtime; it returns the executable's bytes.
func buildExecutable(path string, opts compileOptions) ([]byte, error) {
	compile := lower.Compile
	switch opts.target {
	case "linux_amd64":
	case "linux_arm64":
		compile = arm64.Compile
	default:
		return nil, fmt.Errorf("unsupported target %q (want linux_amd64 or linux_arm64)", opts.target)
	}
	p, err := frontEndFor(path, opts.target, opts.prepare)
	if err != nil {
		return nil, err
	}
	bo := backendOptions(opts)
	bo.DWARF = !opts.strip
	bo.CompDir = sourceBase()
	obj, err := compile(p.mod, bo)
	if err != nil {
		return nil, err
	}
	prog, err := asmobj.Convert("main.o", obj)
	if err != nil {
		return nil, err
	}
	rt, err := runtimeObject(opts)
	if err != nil {
		return nil, fmt.Errorf("runtime: %w", err)
	}
	syms := cSymbols(p.mod)
	if len(syms) == 0 {
		// build.Executable's link, stripped with -s.
		exe, err := link.Link(link.Config{StripDebug: opts.strip}, link.Input{Object: rt}, link.Input{Object: prog})
		if err != nil {
			return nil, positionLinkErrors(err, p.mod)
		}
		return exe, nil
	}
	cin, err := cInputs(opts.target, syms, p.prog.Links())
	if err != nil {
		return nil, err
	}
	inputs := append([]link.Input{{Object: rt}, {Object: prog}}, cin...)
	exe, err := link.Link(link.Config{Entry: "nk.cstart", StripDebug: opts.strip}, inputs...)
	if err != nil {
		return nil, positionLinkErrors(err, p.mod)
	}
	return exe, nil
}
