package regalloc_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/regalloc"
	"github.com/naturekit/naturekit/ssa"
)

var seeds = randprog.SeedFlags("programs", 5000, "random programs TestDifferential allocates")

// smallConfig shapes the random programs of the differential test:
// every feature of lir/randprog, and more variables than the mock
// target has registers. Calls (@ext, @fext, @observe) get fixed
// registers from lowerMock; swaps and rotations in loops give phis
// whose moves form cycles; early returns give values live across calls
// that are also live on a path to a return without one.
func smallConfig() randprog.Config {
	c := randprog.All()
	c.Vars, c.Floats, c.Stmts = 7, 3, 5
	return c
}

// TestDifferential generates random programs in lowered form, builds
// SSA, splits critical edges, allocates them for the mock target and
// checks that the interpreter sees the same behaviour (result, values
// passed to @observe, traps) before and after allocation. The allocated
// code runs with every caller-saved register overwritten after each
// call, as a real callee may do, so a value wrongly kept in one shows.
func TestDifferential(t *testing.T) {
	for seed := range seeds.All(1, testing.Short(), 300) {
		if err := checkProgram(seed, smallConfig()); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

// TestDifferentialFewVars uses fewer variables than registers, where
// values mostly stay in registers and hints decide more.
func TestDifferentialFewVars(t *testing.T) {
	c := smallConfig()
	c.Vars, c.Floats, c.Stmts = 2, 1, 4
	for seed := range seeds.All(3, false, 0) {
		if err := checkProgram(seed, c); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
	}
}

func checkProgram(seed uint64, c randprog.Config) error {
	m := randprog.Generate(seed, c)
	f := m.Funcs[0]
	if err := toSSA(f); err != nil {
		return err
	}
	want := behaviour(m, f, nil)
	res, err := regalloc.Allocate(f, mockTarget())
	if err != nil {
		return fmt.Errorf("%v\n%s", err, f)
	}
	if err := checkAllocated(f); err != nil {
		return fmt.Errorf("%v\n%s\n%s", err, res.Intervals(), f)
	}
	if got := behaviour(m, f, mockTarget()); got != want {
		return fmt.Errorf("allocation changed the behaviour:\nwant %s\ngot  %s\n%s\n%s", want, got, res.Intervals(), f)
	}
	return nil
}

// toSSA takes a function from linear to SSA form with critical edges
// split and lowers it for the mock target, as the allocator wants it.
func toSSA(f *lir.Func) error {
	if f.Form == lir.Linear {
		if err := cfg.Build(f); err != nil {
			return err
		}
	}
	if f.Form == lir.CFG {
		if err := ssa.Build(f); err != nil {
			return err
		}
	}
	cfg.SplitCriticalEdges(f)
	lowerMock(f)
	return lir.Verify(f)
}

// checkAllocated checks the allocated form: it verifies, has no phis,
// and reads virtual registers only to copy parameters at the top of the
// entry block.
func checkAllocated(f *lir.Func) error {
	if err := lir.Verify(f); err != nil {
		return err
	}
	if f.Form != lir.CFG {
		return fmt.Errorf("form %s after allocation", f.Form)
	}
	var rands []*lir.Operand
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if _, ok := in.(*lir.Phi); ok {
				return fmt.Errorf("phi left: %s", f.FormatInstr(in))
			}
			rands = in.Operands(rands[:0])
			if d := in.Dest(); d != nil {
				rands = append(rands, d)
			}
			for _, o := range rands {
				if o.Kind != lir.RegOperand {
					continue
				}
				if u, ok := in.(*lir.Unary); !ok || b != 0 || u.Opcode != lir.OpCopy || o != &u.X || !isParam(f, o.Value()) {
					return fmt.Errorf("virtual register left: %s", f.FormatInstr(in))
				}
			}
		}
	}
	return nil
}

func isParam(f *lir.Func, v lir.Value) bool {
	for _, p := range f.Params {
		if p == v {
			return true
		}
	}
	return false
}

// poisonCalls returns a copy of f in which every call is followed by
// writes of junk to the caller-saved registers it does not return in.
func poisonCalls(f *lir.Func, t *regalloc.Target) *lir.Func {
	g := f.Clone()
	for b := range g.Blocks {
		var out []lir.InstrID
		for _, id := range g.Blocks[b].Instrs {
			out = append(out, id)
			call, ok := g.Instrs[id].(*lir.Call)
			if !ok {
				continue
			}
			for _, r := range t.CallerSaved {
				if call.Dst.Kind == lir.PhysOperand && int(call.Dst.Index) == r {
					continue
				}
				junk := lir.Int(lir.I64, 0x5eed_dead_beef+int64(r))
				if t.Regs[r].Class == regalloc.FP {
					junk = lir.Float(lir.F64, math.Pi*float64(r))
					out = append(out, g.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: lir.Phys(r, lir.F64), X: junk}))
					continue
				}
				out = append(out, g.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: lir.Phys(r, lir.I64), X: junk}))
			}
		}
		g.Blocks[b].Instrs = out
	}
	return g
}

// behaviour runs f on every input and summarises what it did. With a
// target, caller-saved registers are poisoned after calls.
func behaviour(m *lir.Module, f *lir.Func, t *regalloc.Target) string {
	if t != nil {
		f = poisonCalls(f, t)
	}
	return randprog.Behaviour(m, f, smallConfig(), 200000)
}
