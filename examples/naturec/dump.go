package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/lower/arm64"
	"github.com/naturekit/naturekit/parse"
	"github.com/naturekit/naturekit/sema"
)

// The stages dump can print, in pipeline order. Each is the text form of
// the data at that boundary (docs/internals.md).
const dumpStages = "tokens|ast|types|lir|cfg|ssa|lower|regalloc|asm"

// backEndStages maps the LIR stages dump prints after lir to the stages
// of the back end's own sequence (lower.Stage) they show: a function is
// printed as the last of its stages in the list left it. So ssa is the
// function as lowering receives it, after SSA construction and the SSA
// passes.
var backEndStages = map[string][]string{
	"cfg":      {lower.StageCFG},
	"ssa":      {lower.StageSSA, lower.StagePass},
	"lower":    {lower.StageLower},
	"regalloc": {lower.StageRegalloc},
}

func runDump(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("dump", flag.ContinueOnError)
	fl.SetOutput(stderr)
	stage := fl.String("stage", "ast", "stage to print: "+dumpStages)
	fn := fl.String("func", "", "print only the function `NAME` (LIR stages; main.NAME also matches)")
	var opts compileOptions
	optFlags(fl, &opts)
	fl.StringVar(&opts.target, "target", "linux_amd64", "back end of the cfg..asm stages: linux_amd64 or linux_arm64")
	_, path, status := programArgs(fl, args, stderr)
	if status != 0 {
		return status
	}
	if !strings.Contains("|"+dumpStages+"|", "|"+*stage+"|") {
		fmt.Fprintf(stderr, "naturec dump: unknown stage %q (want %s)\n", *stage, dumpStages)
		return 2
	}
	if err := dump(stdout, path, *stage, *fn, opts); err != nil {
		return reportCompileError(stderr, err)
	}
	return 0
}

// dump prints one stage of the program at path.
func dump(w io.Writer, path, stage, fn string, opts compileOptions) error {
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
		p, err := parseProgramFor(path, opts.target)
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
	p, err := frontEndFor(path, opts.target, nil)
	if err != nil {
		return err
	}
	m, err := selectFuncs(p.mod, fn)
	if err != nil {
		return err
	}
	if stage == "lir" {
		_, err = io.WriteString(w, m.String())
		return err
	}
	mc := amd64.Machine()
	switch opts.target {
	case "linux_amd64":
	case "linux_arm64":
		mc = arm64.Machine()
	default:
		return fmt.Errorf("unsupported target %q (want linux_amd64 or linux_arm64)", opts.target)
	}
	return dumpBackEnd(w, m, mc, stage, backendOptions(opts))
}

// dumpBackEnd runs the module through the back end mc as a build does, with
// lir.Verify after every stage, and prints each function as the stage
// left it (asm: the module's assembly). Functions that got that far are
// printed even when a later stage fails; the error follows them.
func dumpBackEnd(w io.Writer, m *lir.Module, mc *lower.Machine, stage string, opts lower.Options) error {
	var texts []string // per function, in module order
	last := ""         // the function texts[len(texts)-1] shows
	opts.Verify = true
	opts.Workers = 1 // Observe sees the functions in module order
	opts.Observe = func(s lower.Stage) {
		if !slices.Contains(backEndStages[stage], s.Name) {
			return
		}
		if len(texts) > 0 && last == s.Func.Name {
			texts = texts[:len(texts)-1]
		}
		texts, last = append(texts, s.Func.String()), s.Func.Name
	}
	l, err := lower.Generate(m, mc, opts)
	for _, t := range texts {
		if _, err := io.WriteString(w, t); err != nil {
			return err
		}
	}
	if err != nil {
		return err
	}
	if stage == "asm" {
		_, err = io.WriteString(w, l.String())
	}
	return err
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
