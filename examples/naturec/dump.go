package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/parse"
	"github.com/naturekit/naturekit/regalloc"
	"github.com/naturekit/naturekit/sema"
	"github.com/naturekit/naturekit/ssa"
)

// The stages dump can print, in pipeline order. Each is the text form of
// the data at that boundary (docs/internals.md).
const dumpStages = "tokens|ast|types|lir|cfg|ssa|lower|regalloc|asm"

func runDump(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("dump", flag.ContinueOnError)
	fl.SetOutput(stderr)
	stage := fl.String("stage", "ast", "stage to print: "+dumpStages)
	fn := fl.String("func", "", "print only the function `NAME` (LIR stages; main.NAME also matches)")
	optimize := fl.Bool("O", false, "run the SSA optimisations (ssa and later stages)")
	pos, err := parseInterspersed(fl, args, false)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if !strings.Contains("|"+dumpStages+"|", "|"+*stage+"|") {
		fmt.Fprintf(stderr, "naturec dump: unknown stage %q (want %s)\n", *stage, dumpStages)
		return 2
	}
	path, err := mainFile(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, "naturec dump:", err)
		return 2
	}
	if err := dump(stdout, path, *stage, *fn, *optimize); err != nil {
		return reportCompileError(stderr, err)
	}
	return 0
}

// dump prints one stage of the program at path.
func dump(w io.Writer, path, stage, fn string, optimize bool) error {
	switch stage {
	case "tokens":
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return lex.FprintTokens(w, lex.NewFileSet().AddFile(path, src))
	case "ast":
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := lex.NewFileSet()
		f, err := parse.ParseFile(fset, path, src)
		ast.Dump(w, fset, f)
		return err
	case "types":
		p, err := parseProgram(path)
		if err != nil {
			return err
		}
		if err := p.check(); err != nil {
			return err
		}
		for _, f := range p.files {
			if err := sema.Fprint(w, p.fset, f, p.info); err != nil {
				return err
			}
		}
		return nil
	}
	p, err := frontEnd(path)
	if err != nil {
		return err
	}
	m, err := selectFuncs(p.mod, fn)
	if err != nil {
		return err
	}
	opts := backendOptions(optimize)
	if stage == "asm" {
		l, err := lower.Generate(m, opts)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, l.String())
		return err
	}
	if stage == "lir" {
		_, err = io.WriteString(w, m.String())
		return err
	}
	for _, f := range m.Funcs {
		g := f.Clone()
		if err := throughStage(g, stage, opts); err != nil {
			return err
		}
		if _, err := io.WriteString(w, g.String()); err != nil {
			return err
		}
	}
	return nil
}

// selectFuncs keeps only the function named fn (all when fn is "").
func selectFuncs(m *lir.Module, fn string) (*lir.Module, error) {
	if fn == "" {
		return m, nil
	}
	f := m.Func(fn)
	if f == nil {
		f = m.Func("main." + fn)
	}
	if f == nil {
		return nil, fmt.Errorf("no function %q", fn)
	}
	sub := *m
	sub.Funcs = []*lir.Func{f}
	return &sub, nil
}

// throughStage runs one function through the back end up to stage.
func throughStage(f *lir.Func, stage string, opts lower.Options) error {
	if err := cfg.Build(f); err != nil || stage == "cfg" {
		return err
	}
	if err := ssa.Build(f); err != nil {
		return err
	}
	if err := ssa.Optimize(f, opts.Passes, false); err != nil || stage == "ssa" {
		return err
	}
	if err := lower.Lower(f); err != nil || stage == "lower" {
		return err
	}
	cfg.SplitCriticalEdges(f)
	_, err := regalloc.Allocate(f, lower.Target())
	return err
}
