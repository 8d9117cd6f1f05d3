package regalloc_test

import (
	"math/rand/v2"
	"strconv"

	"github.com/naturekit/naturekit/lir"
)

// genConfig shapes the random programs of the differential test.
type genConfig struct {
	ints, floats int // variables of each kind (ints at least 2)
	depth        int // nesting of ifs and loops
	stmts        int // statements per block of code
	minInstrs    int // keep adding statements until the function is this long
}

func smallConfig() genConfig { return genConfig{ints: 7, floats: 3, depth: 3, stmts: 5} }

// generate returns a random module with one function
//
//	func @f(%0:i64, %1:i64) i64 linear
//
// calling externs @ext(i64, i64) i64, @fext(f64) f64 and @observe(i64)
// (lowerMock then gives the calls fixed registers). Besides
// arithmetic, memory and control flow it swaps and rotates variables
// inside loops, which gives phis whose moves form cycles. Every program
// terminates.
func generate(seed uint64, c genConfig) *lir.Module {
	f := lir.NewFunc("f", lir.I64, lir.I64, lir.I64)
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x5bd1e995)), b: lir.NewBuilder(f), f: f, c: c}
	g.slot = lir.SlotAddr(f.NewSlot(64, 8))
	for i := range max(c.ints, 2) {
		v := f.NewValue(lir.I64)
		g.ints = append(g.ints, v)
		if i < 2 {
			g.b.Assign(v, g.b.Param(i))
		} else {
			g.b.Assign(v, lir.Int(lir.I64, g.r.Int64N(21)-10))
		}
	}
	for range c.floats {
		v := f.NewValue(lir.F64)
		g.floats = append(g.floats, v)
		g.b.Assign(v, lir.Float(lir.F64, float64(g.r.IntN(9))-4))
	}
	g.stmts(c.stmts)
	for c.minInstrs > 0 && len(f.Linear) < c.minInstrs {
		g.stmts(c.stmts)
	}
	res := f.Reg(g.ints[0])
	for _, v := range g.ints[1:] {
		res = g.b.Binary(lir.OpXor, res, f.Reg(v))
	}
	for _, v := range g.floats {
		res = g.b.Binary(lir.OpAdd, res, g.b.Convert(lir.OpFToSI, lir.I64, f.Reg(v)))
	}
	g.b.Return(res)
	return &lir.Module{Externs: []string{"observe", "ext", "fext"}, Funcs: []*lir.Func{f}}
}

type gen struct {
	r             *rand.Rand
	b             *lir.Builder
	f             *lir.Func
	c             genConfig
	ints, floats  []lir.Value
	slot          lir.Operand
	depth, labels int
}

func (g *gen) iv() lir.Value { return g.ints[g.r.IntN(len(g.ints))] }

func (g *gen) operand() lir.Operand {
	if g.r.IntN(5) == 0 {
		return lir.Int(lir.I64, g.r.Int64N(17)-8)
	}
	return g.f.Reg(g.iv())
}

func (g *gen) fv() (lir.Value, bool) {
	if len(g.floats) == 0 {
		return 0, false
	}
	return g.floats[g.r.IntN(len(g.floats))], true
}

func (g *gen) label() lir.BlockID {
	g.labels++
	return g.b.NewLabel("L" + strconv.Itoa(g.labels))
}

func (g *gen) stmts(n int) {
	for range n {
		g.stmt()
	}
}

// arith picks add, sub, mul, and, or, xor, shl, lshr or ashr.
func (g *gen) arith() lir.Op {
	k := lir.Op(g.r.IntN(9))
	if k < 3 {
		return lir.OpAdd + k
	}
	return lir.OpAnd + k - 3
}

func (g *gen) stmt() {
	b, f := g.b, g.f
	k := g.r.IntN(20)
	if g.depth >= g.c.depth && k >= 17 {
		k = g.r.IntN(17)
	}
	switch k {
	case 0, 1, 2:
		b.BinaryTo(g.iv(), g.arith(), g.operand(), g.operand())
	case 3:
		c := b.Compare(lir.OpEq+lir.Op(g.r.IntN(10)), g.operand(), g.operand())
		b.Emit(&lir.Convert{Opcode: lir.OpZExt, Dst: f.Reg(g.iv()), X: c})
	case 4:
		// A division whose divisor cannot be zero; sdiv and srem clobber $1.
		d := b.Binary(lir.OpOr, g.operand(), lir.Int(lir.I64, 1))
		b.BinaryTo(g.iv(), lir.OpSDiv+lir.Op(g.r.IntN(4)), g.operand(), d)
	case 5:
		s := b.Convert(lir.OpTrunc, lir.I32, g.operand())
		s = b.Binary(lir.OpMul, s, lir.Int(lir.I32, g.r.Int64N(1000)))
		b.Emit(&lir.Convert{Opcode: lir.OpSExt, Dst: f.Reg(g.iv()), X: s})
	case 6:
		b.Store(g.operand(), g.slot, 8*g.r.Int64N(8))
	case 7:
		b.Emit(&lir.Load{Dst: f.Reg(g.iv()), Addr: g.slot, Off: 8 * g.r.Int64N(8)})
	case 8:
		idx := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 7))
		p := b.Addr(g.slot, idx, 8, 0)
		if g.r.IntN(2) == 0 {
			b.Store(g.operand(), p, 0)
		} else {
			b.Emit(&lir.Load{Dst: f.Reg(g.iv()), Addr: p})
		}
	case 9:
		g.call()
	case 10:
		if g.r.IntN(3) == 0 {
			g.earlyReturn()
		} else {
			g.observe()
		}
	case 11, 12:
		g.float()
	case 13:
		g.swap()
	case 14:
		g.floatCall()
	case 15:
		// Many values live at once: a sum of fresh products.
		var vals []lir.Operand
		for range 3 + g.r.IntN(4) {
			vals = append(vals, b.Binary(lir.OpMul, g.operand(), g.operand()))
		}
		sum := vals[0]
		for _, v := range vals[1:] {
			sum = b.Binary(lir.OpAdd, sum, v)
		}
		b.Assign(g.iv(), sum)
	case 16:
		b.Assign(g.iv(), g.operand())
	case 17:
		g.ifElse()
	case 18, 19:
		g.loop()
	}
}

// call calls @ext(i64, i64) i64.
func (g *gen) call() {
	b := g.b
	r := b.Call(lir.OpCall, lir.I64, b.Symbol("ext"), g.operand(), g.operand())
	b.Assign(g.iv(), r)
}

// observe calls @observe(i64), which records its argument.
func (g *gen) observe() {
	b := g.b
	b.Call(lir.OpCall, lir.Void, b.Symbol("observe"), g.operand())
}

// floatCall calls @fext(f64) f64.
func (g *gen) floatCall() {
	v, ok := g.fv()
	if !ok {
		return
	}
	b := g.b
	r := b.Call(lir.OpCall, lir.F64, b.Symbol("fext"), g.f.Reg(v))
	w, _ := g.fv()
	b.Assign(w, r)
}

// float does arithmetic on float variables with small, exact values.
func (g *gen) float() {
	v, ok := g.fv()
	if !ok {
		return
	}
	b, f := g.b, g.f
	switch g.r.IntN(3) {
	case 0:
		x := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 0xff))
		b.Emit(&lir.Convert{Opcode: lir.OpSIToF, Dst: f.Reg(v), X: x})
	case 1:
		w, _ := g.fv()
		b.BinaryTo(v, lir.OpFAdd+lir.Op(g.r.IntN(3)), f.Reg(v), f.Reg(w))
		// Keep values small and exact: reduce modulo 1024 through an integer.
		i := b.Convert(lir.OpFToSI, lir.I64, f.Reg(v))
		i = b.Binary(lir.OpAnd, i, lir.Int(lir.I64, 1023))
		b.Emit(&lir.Convert{Opcode: lir.OpSIToF, Dst: f.Reg(v), X: i})
	case 2:
		b.Emit(&lir.Convert{Opcode: lir.OpFToSI, Dst: f.Reg(g.iv()), X: f.Reg(v)})
	}
}

// swap exchanges or rotates variables; in a loop the phis of the header
// then take each other's values.
func (g *gen) swap() {
	b, f := g.b, g.f
	vars := g.ints
	if len(g.floats) >= 2 && g.r.IntN(3) == 0 {
		vars = g.floats
	}
	n := 2 + g.r.IntN(2)
	perm := g.r.Perm(len(vars))
	if len(vars) < n {
		return
	}
	t := f.NewValue(f.Values[vars[perm[0]]].Type)
	b.Assign(t, f.Reg(vars[perm[0]]))
	for i := range n - 1 {
		b.Assign(vars[perm[i]], f.Reg(vars[perm[i+1]]))
	}
	b.Assign(vars[perm[n-1]], f.Reg(t))
}

// earlyReturn returns from the function if a condition holds: the
// values live across the calls after it are also live on a path to a
// return without a call.
func (g *gen) earlyReturn() {
	b := g.b
	ret, cont := g.label(), g.label()
	b.Branch(b.Compare(lir.OpSGt, g.operand(), g.operand()), ret, cont)
	b.Label(ret)
	b.Return(b.Binary(lir.OpXor, g.operand(), g.operand()))
	b.Label(cont)
}

func (g *gen) ifElse() {
	b := g.b
	g.depth++
	defer func() { g.depth-- }()
	then, els, done := g.label(), g.label(), g.label()
	b.Branch(b.Compare(lir.OpSLt, g.operand(), g.operand()), then, els)
	b.Label(then)
	g.stmts(1 + g.r.IntN(g.c.stmts))
	b.Jump(done)
	b.Label(els)
	if g.r.IntN(3) > 0 {
		g.stmts(1 + g.r.IntN(g.c.stmts))
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
	n := b.Binary(lir.OpAnd, f.Reg(g.iv()), lir.Int(lir.I64, 3))
	b.Label(head)
	b.Branch(b.Compare(lir.OpSLt, f.Reg(i), n), body, done)
	b.Label(body)
	g.stmts(1 + g.r.IntN(g.c.stmts))
	if g.r.IntN(2) == 0 {
		g.swap()
	}
	b.BinaryTo(i, lir.OpAdd, f.Reg(i), lir.Int(lir.I64, 1))
	b.Safepoint()
	b.Jump(head)
	b.Label(done)
}
