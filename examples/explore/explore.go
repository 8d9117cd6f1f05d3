// Package explore builds naturec explore's page: every stage of a Nature
// program's functions, from the source to the machine bytes, in one
// self-contained HTML file (inline CSS and a little plain JavaScript, no
// network references), with each line linked to the source line it came
// from.
//
// Build runs the pipeline through the stages' public APIs — load, sema,
// lir/linear, then lower/amd64 with its Options.Observe hook (every
// back-end stage of each function, each SSA pass included) and an
// Options.Allocate that keeps regalloc's interval dump — and returns the
// page as data (Page); Page.WriteHTML renders it, Handler serves it and
// rebuilds it when a source file changes. docs/explore.md describes the
// page.
package explore

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/linear"
	"github.com/naturekit/naturekit/load"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/regalloc"
	"github.com/naturekit/naturekit/sema"
)

// Options select what Build shows.
type Options struct {
	// Func limits the page to the function of that LIR name ("main.f";
	// "f" also matches "main.f"). "" selects every function whose
	// source is in the entry module's files.
	Func string
	// Backend are lower/amd64's options: Passes and Peephole as the
	// build uses them (naturec's -O0 and -passes). Observe, Allocate,
	// Workers and Verify are set by Build.
	Backend lower.Options
}

// A Page is everything the HTML page shows, as data.
type Page struct {
	Title   string   // the entry file's name
	Funcs   []*Func  // the selected functions, in module order
	Sources []string `json:"-"` // the program's source files, the standard library's left out
}

// A Func is one function through every stage.
type Func struct {
	Name   string // the LIR symbol, "main.sum"
	File   string // its source file
	Line   int    // first and last source line of its declaration
	End    int
	Panels []*Panel
	CFG    *Graph     // the control-flow graph after cfg.Build, nil if it failed
	Regs   *Intervals // regalloc's intervals, nil if allocation did not run
	Err    string     // the back end's error for this function, if any
}

// A Panel is one stage's text, line by line.
type Panel struct {
	Key   string // stable identifier: "source", "tokens", "ast", "types", "lir", "cfg", "ssa", "pass1.sccp", ..., "asm"
	Title string
	Lines []Line
}

// A Line is one line of a panel.
type Line struct {
	Text string
	// Src is the source line it came from (in Func.File), 0 if unknown.
	Src int
	// Changed marks a line of an SSA pass (or a later LIR stage) that
	// the previous stage did not have.
	Changed bool `json:",omitempty"`
	// Bytes is the machine code of an assembly line, in hex.
	Bytes string `json:",omitempty"`
}

// Build compiles the program at path (a .n file or a directory holding
// main.n) up to the machine code of each selected function and returns
// the page. Errors of the front end (syntax, types, lowering) are
// returned; an error of the back end is recorded in the function's Err
// and the stages it reached are shown.
func Build(path string, opts Options) (*Page, error) {
	entry, err := mainFile(path)
	if err != nil {
		return nil, err
	}
	lp, err := load.Load(entry, nil)
	if err != nil {
		return nil, err
	}
	info, err := lp.Check(&sema.Config{})
	if err != nil {
		return nil, err
	}
	mod, err := linear.Build(lp.Fset, lp.Entry.Files, info, &linear.Config{Library: lp.Std, StatementPos: true})
	if err != nil {
		return nil, err
	}
	fr := &frontEnd{fset: lp.Fset, info: info, files: lp.Entry.Files}
	funcs, err := selectFuncs(mod, opts.Func, fr)
	if err != nil {
		return nil, err
	}
	page := &Page{Title: entry}
	shown := map[ast.Decl]string{} // declarations whose front-end panels are on the page: by which function
	for _, m := range lp.Modules {
		if !m.Std() {
			for _, af := range m.Files {
				page.Sources = append(page.Sources, af.Name)
			}
		}
	}
	back := backEnd(mod, funcs, opts.Backend)
	for _, f := range funcs {
		page.Funcs = append(page.Funcs, buildFunc(f, back[f.Name], fr, shown))
	}
	return page, nil
}

// mainFile resolves a PATH as naturec does: a .n file, or a directory
// holding main.n.
func mainFile(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		p := filepath.Join(path, "main.n")
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s: no main.n in the directory", path)
		}
		return p, nil
	}
	return path, nil
}

// frontEnd is what the front-end panels need.
type frontEnd struct {
	fset  *lex.FileSet
	info  *sema.Info
	files []*ast.File
}

// decl returns the entry module's top-level declaration at file:line,
// with its file and line range.
func (fr *frontEnd) decl(file string, line int) (ast.Decl, *ast.File, int, int) {
	for _, af := range fr.files {
		if af.Name != file {
			continue
		}
		for _, d := range af.Decls {
			lo, hi := fr.fset.Position(d.Pos()).Line, fr.fset.Position(d.End()).Line
			if lo <= line && line <= hi {
				return d, af, lo, hi
			}
		}
	}
	return nil, nil, 0, 0
}

// selectFuncs returns the functions the page shows.
func selectFuncs(m *lir.Module, name string, fr *frontEnd) ([]*lir.Func, error) {
	if name != "" {
		f := m.Func(name)
		if f == nil {
			f = m.Func("main." + name)
		}
		if f == nil {
			return nil, fmt.Errorf("no function %q", name)
		}
		return []*lir.Func{f}, nil
	}
	var out []*lir.Func
	for _, f := range m.Funcs {
		if d, _, _, _ := fr.decl(f.Pos.File, f.Pos.Line); d != nil {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no function of %s in the program", filepath.Base(fr.files[0].Name))
	}
	return out, nil
}

// buildFunc runs one function through every stage.
//
// The front-end panels of a declaration are shown with the first of its
// functions only (shown): the instances of a generic function, the
// closures inside a function share its declaration. The others show its
// source and name the function that has the rest.
func buildFunc(f *lir.Func, back *backResult, fr *frontEnd, shown map[ast.Decl]string) *Func {
	out := &Func{Name: f.Name, File: f.Pos.File}
	d, af, lo, hi := fr.decl(f.Pos.File, f.Pos.Line)
	if d != nil {
		out.Line, out.End = lo, hi
		front := frontPanels(fr, af, d, lo, hi)
		if first, ok := shown[d]; ok {
			front = front[:1]
			front[0].Title += " (tokens and trees: see " + first + ")"
		} else {
			shown[d] = f.Name
		}
		out.Panels = append(out.Panels, front...)
	}
	out.Panels = append(out.Panels, lirPanel("lir", "LIR (lir/linear)", f, f.Pos.File, nil))
	prev := out.Panels[len(out.Panels)-1]
	for _, s := range back.stages {
		p := lirPanel(s.key, s.title, s.fn, f.Pos.File, prev)
		out.Panels = append(out.Panels, p)
		prev = p
		if s.key == "cfg" {
			out.CFG = graphOf(s.fn, f.Pos.File)
		}
	}
	if back.intervals != "" {
		out.Regs = parseIntervals(back.intervals)
	}
	if back.code != nil {
		out.Panels = append(out.Panels, asmPanel(back.code, f.Pos.File))
	}
	if back.err != nil {
		out.Err = back.err.Error()
	}
	return out
}

// frontPanels are the source, tokens, AST and typed AST of one
// declaration.
func frontPanels(fr *frontEnd, af *ast.File, d ast.Decl, lo, hi int) []*Panel {
	lf := fr.fset.File(af.Pos())
	src := &Panel{Key: "source", Title: "source"}
	for l := lo; l <= hi; l++ {
		src.Lines = append(src.Lines, Line{Text: strings.TrimRight(lf.LineText(l), "\r\n"), Src: l})
	}
	var toks bytes.Buffer
	lex.FprintTokens(&toks, lf) // scan errors were reported by the parser
	tk := &Panel{Key: "tokens", Title: "tokens (lex)"}
	for _, ln := range textLines(toks.String()) {
		if l := firstPos(ln); l >= lo && l <= hi {
			tk.Lines = append(tk.Lines, Line{Text: ln, Src: l})
		}
	}
	var tree, typed bytes.Buffer
	ast.Dump(&tree, fr.fset, d)
	sema.Fprint(&typed, fr.fset, d, fr.info)
	return []*Panel{src, tk, treePanel("ast", "AST (parse)", tree.String()), treePanel("types", "typed AST (sema)", typed.String())}
}

// posRE finds the first line:col of a dump line.
var posRE = regexp.MustCompile(`(?:^|[ =])(\d+):(\d+)\b`)

// firstPos returns the line of the first line:col in s, 0 if none.
func firstPos(s string) int {
	m := posRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// treePanel is an AST dump; a node without a position of its own takes
// its parent's (the line above it with less indentation).
func treePanel(key, title, text string) *Panel {
	p := &Panel{Key: key, Title: title}
	type frame struct{ indent, line int }
	var stack []frame
	for _, ln := range textLines(text) {
		ind := len(ln) - len(strings.TrimLeft(ln, " "))
		for len(stack) > 0 && stack[len(stack)-1].indent >= ind {
			stack = stack[:len(stack)-1]
		}
		l := firstPos(ln)
		if l == 0 && len(stack) > 0 {
			l = stack[len(stack)-1].line
		}
		stack = append(stack, frame{ind, l})
		p.Lines = append(p.Lines, Line{Text: ln, Src: l})
	}
	return p
}

func textLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// lirPanel prints f as lir's text form does, one line per instruction
// with its source position; lines prev does not have are marked.
func lirPanel(key, title string, f *lir.Func, file string, prev *Panel) *Panel {
	p := &Panel{Key: key, Title: title}
	head := strings.SplitN(f.String(), "\n", 2)[0]
	p.Lines = append(p.Lines, Line{Text: head, Src: f.Pos.Line})
	for i, s := range f.Slots {
		p.Lines = append(p.Lines, Line{Text: fmt.Sprintf("\tss%d = slot %d align %d", i, s.Size, s.Align)})
	}
	instr := func(id lir.InstrID) {
		in := f.Instrs[id]
		if l, ok := in.(*lir.Label); ok {
			p.Lines = append(p.Lines, Line{Text: f.BlockName(l.Block) + ":"})
			return
		}
		p.Lines = append(p.Lines, Line{Text: "\t" + f.FormatInstr(in), Src: srcLine(f.InstrPos(id), file)})
	}
	if f.Form == lir.Linear {
		for _, id := range f.Linear {
			instr(id)
		}
	} else {
		for b := range f.Blocks {
			p.Lines = append(p.Lines, Line{Text: f.BlockName(lir.BlockID(b)) + ":"})
			for _, id := range f.Blocks[b].Instrs {
				instr(id)
			}
		}
	}
	p.Lines = append(p.Lines, Line{Text: "}"})
	if prev != nil && isLIR(prev.Key) {
		markChanged(p, prev)
	}
	return p
}

func isLIR(key string) bool {
	return key == "lir" || key == "cfg" || key == "ssa" || strings.HasPrefix(key, "pass") || key == "lower" || key == "split" || key == "regalloc"
}

// markChanged marks the lines of p that prev does not have (as a
// multiset of texts: a line moved elsewhere is not a change).
func markChanged(p, prev *Panel) {
	have := map[string]int{}
	for _, l := range prev.Lines {
		have[l.Text]++
	}
	for i := range p.Lines {
		t := p.Lines[i].Text
		if have[t] > 0 {
			have[t]--
			continue
		}
		p.Lines[i].Changed = true
	}
}

// srcLine is p's line if p is in file.
func srcLine(p lir.Pos, file string) int {
	if p.IsValid() && p.File == file {
		return p.Line
	}
	return 0
}

// A stage is one back-end stage of one function, as Observe saw it.
type stage struct {
	key, title string
	fn         *lir.Func // a clone
}

// backResult is the back end's output for one function.
type backResult struct {
	stages    []stage
	intervals string         // regalloc's Result.Intervals
	code      *lower.Listing // the final assembly of the function
	err       error
}

// backEnd compiles the module through lower/amd64 as a build does (its
// module passes, such as inlining, see every function), one function at
// a time, and keeps every stage of the functions of funcs, by name. If
// the back end fails, the functions not compiled yet keep the stages
// they reached and the error.
func backEnd(m *lir.Module, funcs []*lir.Func, opts lower.Options) map[string]*backResult {
	res := map[string]*backResult{}
	for _, f := range funcs {
		res[f.Name] = &backResult{}
	}
	passes := map[string]int{}
	opts.Workers = 1
	opts.Verify = true
	opts.PCTable = false
	opts.Allocate = func(g *lir.Func, t *regalloc.Target) error {
		out, err := regalloc.Allocate(g, t)
		if r := res[g.Name]; r != nil && err == nil {
			r.intervals = out.Intervals()
		}
		return err
	}
	opts.Observe = func(s lower.Stage) {
		r := res[s.Func.Name]
		if r == nil {
			return
		}
		switch s.Name {
		case lower.StageEmit, lower.StagePeephole:
			r.code = &lower.Listing{Items: append([]lower.Item(nil), s.Code.Items...)}
			return
		}
		key, title := s.Name, s.Name
		switch s.Name {
		case lower.StageCFG:
			title = "CFG (cfg.Build)"
		case lower.StageSSA:
			title = "SSA (ssa.Build)"
		case lower.StagePass:
			passes[s.Func.Name]++
			key = fmt.Sprintf("pass%d.%s", passes[s.Func.Name], s.Pass)
			title = "SSA after " + s.Pass
		case lower.StageLower:
			title = "lowered LIR (lower/amd64.Lower)"
		case lower.StageSplit:
			title = "critical edges split"
		case lower.StageRegalloc:
			title = "registers allocated (regalloc)"
		}
		r.stages = append(r.stages, stage{key: key, title: title, fn: s.Func.Clone()})
	}
	if _, err := amd64.Generate(m, opts); err != nil {
		for _, r := range res {
			if r.code == nil {
				r.err = err
			}
		}
	}
	return res
}
