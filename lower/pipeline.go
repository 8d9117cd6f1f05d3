package lower

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
	"github.com/naturekit/naturekit/ssa"
)

// An Allocator assigns registers to a lowered function in place, as
// regalloc.Allocate does.
type Allocator func(f *lir.Func, t *regalloc.Target) error

// DefaultAllocator returns the allocator Compile uses when
// Options.Allocate is nil: package regalloc's.
func DefaultAllocator() Allocator {
	return func(f *lir.Func, t *regalloc.Target) error {
		_, err := regalloc.Allocate(f, t)
		return err
	}
}

// Options control Compile.
type Options struct {
	// Passes are the SSA optimisations run before lowering, in order
	// (nil: none; ssa.Passes() for all).
	Passes []ssa.Pass
	// Peephole runs the target's peephole pass over each function's
	// instructions.
	Peephole bool
	// Verify runs lir.Verify after every stage that produces LIR (every
	// stage before StageEmit, each SSA pass included); the first failure
	// is returned as an error naming the function and the stage.
	Verify bool
	// Allocate is the register allocator; nil means regalloc.Allocate.
	// It must be safe to call from several goroutines at once.
	Allocate Allocator
	// Workers is the number of functions compiled in parallel; zero
	// means runtime.GOMAXPROCS(0). The output does not depend on it.
	Workers int
	// Observe, when not nil, is called after every stage of each
	// function's sequence that runs and succeeds (see Stage), before
	// Verify checks its result, so that a stage that breaks the LIR can
	// be seen. The function and code it is shown belong to the
	// compilation and change after it returns: print or clone them.
	// Functions are compiled on Workers goroutines, so Observe must be
	// safe for concurrent use; the calls for one function come in stage
	// order, and with Workers set to 1 the functions come in module
	// order.
	Observe func(Stage)
	// PCTable adds the position table (pctab.go) under the global
	// symbol PCTableSymbol: what a Nature program's runtime reads to
	// report faults at their source positions and to walk the stack.
	// One object of an executable may have it.
	PCTable bool
	// Safepoints makes every lir.Safepoint poll the runtime: a test of
	// the 32-bit word SafepointFlagSymbol and, when it is set, a call of
	// SafepointSlowSymbol, which saves and restores every register
	// itself (so a safepoint is not a call for the register allocator).
	// Without it a safepoint emits nothing, as a program without a
	// Nature runtime needs.
	Safepoints bool
	// Barriers inlines the collector's write barrier: after the SSA
	// passes, a call of WriteBarrierSymbol(slot, val) becomes a
	// barriered store (lir.Store with Barrier, BarrierStores), a store
	// for the register allocator, emitted as a test of the 32-bit word
	// GCMarkingSymbol and, when it is 0, the store itself; only while it
	// is set does the store go through BarrierSlowSymbol, out of line,
	// which preserves every register. Without it the call is a call, as
	// a program without a Nature runtime needs.
	Barriers bool
	// DWARF adds debugging information (debug.go): a line table, a
	// compile unit per source file with a subprogram per function and,
	// for a target with Machine.Unwind, call frame information.
	DWARF bool
	// CompDir is the directory the source files' relative names are
	// relative to, for DWARF (DW_AT_comp_dir).
	CompDir string
}

// The runtime's side of a safepoint (Options.Safepoints): a 32-bit flag
// that is non-zero while some processor must stop (a collection, a
// preemption), and the routine a set flag calls, which preserves every
// register. rt/lang defines both (safepoint_<arch>.asm).
const (
	SafepointFlagSymbol = "nk.safepoint.flag"
	SafepointSlowSymbol = "nk.safepoint.slow"
)

// The runtime's side of the write barrier (Options.Barriers): the
// collector's 32-bit marking flag, non-zero only while a cycle marks
// and changed only with the world stopped (rt/abi GCMarkingSymbol;
// rt/lang's marking_<arch>.asm), and the entry point that stores
// through the barrier (docs/runtime-abi.md, "The write barrier").
const (
	GCMarkingSymbol    = "nk.gc.marking"
	WriteBarrierSymbol = "rt.lang.WriteBarrier"
)

// The stages of the back end, in the order it runs them on each
// function (the names Stage.Name takes):
const (
	StageCFG      = "cfg"      // cfg.Build, for a function in linear form
	StageSSA      = "ssa"      // ssa.Build, for a function in CFG form
	StagePass     = "pass"     // one SSA pass of Options.Passes (Stage.Pass)
	StageLower    = "lower"    // the target's Lower
	StageSplit    = "split"    // cfg.SplitCriticalEdges
	StageRegalloc = "regalloc" // Options.Allocate
	StageEmit     = "emit"     // the target's Emit (Stage.Code)
	StagePeephole = "peephole" // the target's Peephole, with Options.Peephole (Stage.Code)
)

// A Stage is one step of a function's way through the back end, as
// Options.Observe sees it just after the step.
type Stage struct {
	// Name is one of the Stage* constants.
	Name string
	// Pass is the SSA pass's name for StagePass (a pass may run more
	// than once: ssa.Passes() has copyprop twice), "" otherwise.
	Pass string
	// Func is the function as the stage left it; after StageRegalloc it
	// no longer changes.
	Func *lir.Func
	// Code is the function's assembly for StageEmit and StagePeephole,
	// nil before.
	Code *Listing
}

// String returns the stage's name, "pass NAME" for an SSA pass.
func (s Stage) String() string {
	if s.Name == StagePass {
		return StagePass + " " + s.Pass
	}
	return s.Name
}

// A Machine is one target of the back end: what the shared pipeline
// calls at the stages that depend on the instruction set.
type Machine struct {
	// Name is the target's name in errors ("amd64").
	Name string
	// Arch assembles the Listing's instructions.
	Arch asm.Arch
	// Syntax is the first line of the listing's text, if any (amd64's
	// ".intel_syntax noprefix").
	Syntax string
	// Target returns the register description for regalloc.
	Target func() *regalloc.Target
	// Lower rewrites an SSA function into machine-legal SSA.
	Lower func(f *lir.Func) error
	// Emit appends the code of an allocated function to l.
	Emit func(f *lir.Func, l *Listing, opts Options) error
	// Peephole improves one function's items (Options.Peephole).
	Peephole func(items []Item) []Item
	// Unwind describes the target's call frames for DWARF's call frame
	// information; nil leaves it out.
	Unwind *Unwind
}

// Compile compiles a module into an object: code in .text, data globals
// in .data, read-only ones and float constants in .rodata, every
// function and global a global symbol. The module is not changed. The
// same module and options always give the same bytes.
func Compile(m *lir.Module, mc *Machine, opts Options) (*asm.Object, error) {
	l, err := Generate(m, mc, opts)
	if err != nil {
		return nil, err
	}
	b := asm.NewBuilder(mc.Arch)
	l.Build(b)
	return b.Assemble()
}

// modulePasses runs the module passes among passes (ssa.Pass.Module,
// such as inlining) over a copy of m, in order, before any function is
// compiled; m itself is not changed (module passes replace the
// functions they change).
func modulePasses(m *lir.Module, passes []ssa.Pass) (*lir.Module, error) {
	copied := false
	for _, p := range passes {
		if p.Module == nil {
			continue
		}
		if !copied {
			c := *m
			c.Funcs = append([]*lir.Func(nil), m.Funcs...)
			m, copied = &c, true
		}
		if err := p.Module(m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Generate compiles a module into a Listing, the assembly Compile
// assembles.
func Generate(m *lir.Module, mc *Machine, opts Options) (*Listing, error) {
	alloc := opts.Allocate
	if alloc == nil {
		alloc = DefaultAllocator()
	}
	if alloc == nil {
		return nil, errors.New("lower/" + mc.Name + ": no register allocator")
	}
	m, err := modulePasses(m, opts.Passes)
	if err != nil {
		return nil, err
	}
	funcs, code, err := compileFuncs(m.Funcs, mc, opts, alloc)
	if err != nil {
		return nil, err
	}
	n := 1
	for _, c := range code {
		n += len(c.Items)
		if opts.PCTable {
			n += pcTableItems(c)
		}
	}
	l := &Listing{Syntax: mc.Syntax, Items: make([]Item, 0, n+16)}
	l.Items = append(l.Items, Item{Kind: ItemSection, Name: ".text"})
	for _, c := range code {
		l.Items = append(l.Items, c.Items...)
	}
	globals := append(append([]*lir.Global(nil), m.Globals...), ConstGlobals(m, funcs)...)
	for _, ro := range []bool{false, true} {
		section := ".data"
		if ro {
			section = ".rodata"
		}
		first := true
		for _, g := range globals {
			if g.ReadOnly != ro {
				continue
			}
			if first {
				l.Items = append(l.Items, Item{Kind: ItemSection, Name: section})
				first = false
			}
			data(l, g)
		}
	}
	if opts.PCTable {
		pcTable(l, code)
	}
	if opts.DWARF {
		debugInfo(l, code, mc, opts.CompDir)
	}
	return l, nil
}

// compileFuncs runs the back end over every function, in parallel (the
// functions are independent and the target description is read-only),
// and returns the back end's output and each function's code in module
// order, so the result does not depend on scheduling. The first error in
// module order wins.
func compileFuncs(fs []*lir.Func, mc *Machine, opts Options, alloc Allocator) ([]*lir.Func, []*Listing, error) {
	target := mc.Target()
	funcs := make([]*lir.Func, len(fs))
	code := make([]*Listing, len(fs))
	errs := make([]error, len(fs))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(fs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				funcs[i], code[i], errs[i] = compileFunc(fs[i], mc, target, opts, alloc)
			}
		}()
	}
	for i := range fs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return funcs, code, nil
}

// compileFunc takes a copy of f through the back end and emits it.
func compileFunc(f *lir.Func, mc *Machine, target *regalloc.Target, opts Options, alloc Allocator) (*lir.Func, *Listing, error) {
	g, err := Backend(f.Clone(), mc.Lower, target, opts, alloc)
	if err != nil {
		return nil, nil, err
	}
	l := &Listing{Syntax: mc.Syntax}
	if err := mc.Emit(g, l, opts); err != nil {
		return nil, nil, err
	}
	observe(opts, Stage{Name: StageEmit, Func: g, Code: l})
	if opts.Peephole && mc.Peephole != nil {
		l.Items = mc.Peephole(l.Items)
		observe(opts, Stage{Name: StagePeephole, Func: g, Code: l})
	}
	if opts.DWARF {
		debugFunc(l, g, mc)
	}
	return g, l, nil
}

// Backend takes one function from any form through the back end up to
// emission: cfg.Build and ssa.Build as needed, the SSA passes, lowerFn,
// critical edge splitting and register allocation (the stages StageCFG
// to StageRegalloc, observed and verified as opts say). It returns f,
// rewritten in place.
func Backend(f *lir.Func, lowerFn func(*lir.Func) error, target *regalloc.Target, opts Options, alloc Allocator) (*lir.Func, error) {
	if alloc == nil {
		alloc = DefaultAllocator()
	}
	done := func(s Stage, err error) error {
		if err != nil {
			return fmt.Errorf("@%s: %s: %w", f.Name, s, err)
		}
		s.Func = f
		observe(opts, s)
		if opts.Verify {
			if err := verify(f); err != nil {
				return fmt.Errorf("@%s: after %s: %w", f.Name, s, err)
			}
		}
		return nil
	}
	if f.Form == lir.Linear {
		if err := done(Stage{Name: StageCFG}, cfg.Build(f)); err != nil {
			return nil, err
		}
	}
	if f.Form == lir.CFG {
		if err := done(Stage{Name: StageSSA}, ssa.Build(f)); err != nil {
			return nil, err
		}
	}
	for _, p := range opts.Passes {
		if err := done(Stage{Name: StagePass, Pass: p.Name}, p.Run(f)); err != nil {
			return nil, err
		}
	}
	if opts.Barriers {
		BarrierStores(f)
	}
	if err := done(Stage{Name: StageLower}, lowerFn(f)); err != nil {
		return nil, err
	}
	cfg.SplitCriticalEdges(f)
	if err := done(Stage{Name: StageSplit}, nil); err != nil {
		return nil, err
	}
	if err := done(Stage{Name: StageRegalloc}, alloc(f, target)); err != nil {
		return nil, err
	}
	return f, nil
}

func observe(opts Options, s Stage) {
	if opts.Observe != nil {
		opts.Observe(s)
	}
}

// verify runs lir.Verify, reporting a panic in it as an error.
func verify(f *lir.Func) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("lir.Verify panicked: %v", r)
		}
	}()
	return lir.Verify(f)
}
