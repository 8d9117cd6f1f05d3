// Package randprog generates random well-formed LIR functions in linear
// form, for differential testing of the middle end and for benchmarks.
//
// A generated module has one function,
//
//	func @f(%0:i64, %1:i64) i64 linear
//
// and an extern @observe(i64) it calls to make intermediate values
// visible. The body mutates a handful of i64 variables (registers assigned
// many times, as a front end's variables are) with integer arithmetic,
// comparisons, i32 and f64 round trips, divisions guarded against zero,
// loads and stores through a stack slot, if/else, and loops whose trip
// counts are bounded by small constants, so every program terminates.
package randprog

import (
	"math/rand/v2"

	"github.com/naturekit/naturekit/lir"
)

// Config shapes the programs.
type Config struct {
	Vars     int // number of i64 variables (at least 2)
	MaxDepth int // nesting depth of ifs and loops
	Stmts    int // statements per block of code
	// MinInstrs, if positive, keeps adding top-level statements until the
	// function has at least this many instructions (for benchmarks).
	MinInstrs int
}

// Small returns the configuration of the property tests.
func Small() Config { return Config{Vars: 4, MaxDepth: 3, Stmts: 4} }

// Generate returns the module generated from seed.
func Generate(seed uint64, c Config) *lir.Module {
	f := lir.NewFunc("f", lir.I64, lir.I64, lir.I64)
	g := &gen{
		r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		b: lir.NewBuilder(f),
		f: f,
		c: c,
	}
	g.slot = lir.SlotAddr(f.NewSlot(64, 8))
	g.observe = g.b.Symbol("observe")
	for i := range max(c.Vars, 2) {
		v := f.NewValue(lir.I64)
		g.vars = append(g.vars, v)
		switch i {
		case 0, 1:
			g.b.Assign(v, g.b.Param(i))
		default:
			g.b.Assign(v, lir.Int(lir.I64, g.r.Int64N(21)-10))
		}
	}
	g.stmts(c.Stmts)
	for c.MinInstrs > 0 && len(f.Linear) < c.MinInstrs {
		g.stmts(c.Stmts)
	}
	res := f.Reg(g.vars[0])
	for _, v := range g.vars[1:] {
		res = g.b.Binary(lir.OpXor, res, f.Reg(v))
	}
	g.b.Return(res)
	return &lir.Module{Externs: []string{"observe"}, Funcs: []*lir.Func{f}}
}

type gen struct {
	r       *rand.Rand
	b       *lir.Builder
	f       *lir.Func
	c       Config
	vars    []lir.Value
	slot    lir.Operand
	observe lir.Operand
	depth   int
	labels  int
}

func (g *gen) v() lir.Value { return g.vars[g.r.IntN(len(g.vars))] }

// operand is a variable or, sometimes, a small constant.
func (g *gen) operand() lir.Operand {
	if g.r.IntN(4) == 0 {
		return lir.Int(lir.I64, g.r.Int64N(17)-8)
	}
	return g.f.Reg(g.v())
}

func (g *gen) label() lir.BlockID {
	g.labels++
	return g.b.NewLabel("L" + itoa(g.labels))
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func (g *gen) stmts(n int) {
	for range n {
		g.stmt()
	}
}

// opIn picks an opcode from the range [lo, hi] (opcodes of a kind are
// numbered consecutively in lir).
func (g *gen) opIn(lo, hi lir.Op) lir.Op { return lo + lir.Op(g.r.IntN(int(hi-lo)+1)) }

// arith picks add, sub, mul, and, or, xor, shl, lshr or ashr, skipping
// the divisions numbered between mul and and: those need guards.
func (g *gen) arith() lir.Op {
	k := lir.Op(g.r.IntN(9))
	if k < 3 {
		return lir.OpAdd + k
	}
	return lir.OpAnd + k - 3
}

func (g *gen) div() lir.Op  { return g.opIn(lir.OpSDiv, lir.OpURem) } // sdiv udiv srem urem
func (g *gen) cond() lir.Op { return g.opIn(lir.OpEq, lir.OpUGe) }    // integer compares

func (g *gen) stmt() {
	b, f := g.b, g.f
	k := g.r.IntN(16)
	if g.depth >= g.c.MaxDepth && k >= 13 {
		k = g.r.IntN(13)
	}
	switch k {
	case 0, 1, 2:
		b.BinaryTo(g.v(), g.arith(), g.operand(), g.operand())
	case 3:
		// Constant arithmetic, for SCCP.
		x := lir.Int(lir.I64, g.r.Int64N(100))
		t := b.Binary(lir.OpAdd, x, lir.Int(lir.I64, g.r.Int64N(100)))
		b.BinaryTo(g.v(), lir.OpMul, t, g.operand())
	case 4:
		c := b.Compare(g.cond(), g.operand(), g.operand())
		b.Emit(&lir.Convert{Opcode: lir.OpZExt, Dst: f.Reg(g.v()), X: c})
	case 5:
		// A division whose divisor cannot be zero.
		d := b.Binary(lir.OpOr, g.operand(), lir.Int(lir.I64, 1))
		b.BinaryTo(g.v(), g.div(), g.operand(), d)
	case 6:
		g.guardedDiv()
	case 7:
		// An i32 round trip.
		s := b.Convert(lir.OpTrunc, lir.I32, g.operand())
		s = b.Binary(lir.OpMul, s, lir.Int(lir.I32, g.r.Int64N(1000)))
		b.Emit(&lir.Convert{Opcode: lir.OpSExt, Dst: f.Reg(g.v()), X: s})
	case 8:
		off := 8 * g.r.Int64N(8)
		b.Store(g.operand(), g.slot, off)
	case 9:
		b.Emit(&lir.Load{Dst: f.Reg(g.v()), Addr: g.slot, Off: 8 * g.r.Int64N(8)})
	case 10:
		// Indexed memory through an address computation.
		idx := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 7))
		p := b.Addr(g.slot, idx, 8, 0)
		if g.r.IntN(2) == 0 {
			b.Store(g.operand(), p, 0)
		} else {
			b.Emit(&lir.Load{Dst: f.Reg(g.v()), Addr: p})
		}
	case 11:
		b.Call(lir.OpCall, lir.Void, g.observe, g.operand())
	case 12:
		// A float round trip with small values, exact in f64.
		x := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 0xffff))
		fl := b.Convert(lir.OpSIToF, lir.F64, x)
		fl = b.Binary(lir.OpFMul, fl, lir.Float(lir.F64, 1.5))
		b.Emit(&lir.Convert{Opcode: lir.OpFToSI, Dst: f.Reg(g.v()), X: fl})
	case 13, 14:
		g.ifElse()
	case 15:
		g.loop()
	}
}

func (g *gen) guardedDiv() {
	b := g.b
	d := g.operand()
	then, done := g.label(), g.label()
	nz := b.Compare(lir.OpNe, d, lir.Int(lir.I64, 0))
	b.Branch(nz, then, done)
	b.Label(then)
	b.BinaryTo(g.v(), g.div(), g.operand(), d)
	b.Label(done) // falls through from then
}

func (g *gen) branchCond() lir.Operand {
	if g.r.IntN(5) == 0 {
		return lir.Int(lir.I8, g.r.Int64N(2)) // a constant branch
	}
	return g.b.Compare(g.cond(), g.operand(), g.operand())
}

func (g *gen) ifElse() {
	b := g.b
	g.depth++
	defer func() { g.depth-- }()
	then, els, done := g.label(), g.label(), g.label()
	b.Branch(g.branchCond(), then, els)
	b.Label(then)
	g.stmts(1 + g.r.IntN(g.c.Stmts))
	b.Jump(done)
	b.Label(els)
	if g.r.IntN(3) > 0 {
		g.stmts(1 + g.r.IntN(g.c.Stmts))
	}
	b.Label(done)
}

func (g *gen) loop() {
	b, f := g.b, g.f
	g.depth++
	defer func() { g.depth-- }()
	head, body, done := g.label(), g.label(), g.label()
	i := f.NewValue(lir.I64)
	b.Assign(i, lir.Int(lir.I64, 0))
	var n lir.Operand
	if g.r.IntN(2) == 0 {
		n = lir.Int(lir.I64, g.r.Int64N(5))
	} else {
		n = b.Binary(lir.OpAnd, f.Reg(g.v()), lir.Int(lir.I64, 3))
	}
	b.Label(head)
	b.Branch(b.Compare(lir.OpSLt, f.Reg(i), n), body, done)
	b.Label(body)
	g.stmts(1 + g.r.IntN(g.c.Stmts))
	b.BinaryTo(i, lir.OpAdd, f.Reg(i), lir.Int(lir.I64, 1))
	b.Safepoint()
	b.Jump(head)
	b.Label(done)
}
