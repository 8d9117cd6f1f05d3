// Package randprog generates random valid LIR functions for testing
// compilers: differential tests that run a function in lir/interp before
// and after a transformation (optimisation passes, register allocation,
// native code generation) and compare what it did, and benchmarks that
// need big functions. Generation is deterministic: the same seed and
// Config give the same module, so a failing seed reproduces.
//
// A generated module has one function,
//
//	func @f(%0:i64, %1:i64) i64 linear
//
// (with Config.FloatParam a third parameter %2:f64; with Config.Funcs > 1
// the functions @f0, @f1, ..., each of which may call those before it)
// and declares the externs it calls: @observe(i64), which makes
// intermediate values visible, and with Config.Calls @ext(i64, i64) i64
// and @fext(f64) f64. Externs implements them for the interpreter.
//
// The body mutates a handful of variables (registers assigned many
// times, as a front end's variables are) with integer arithmetic,
// constant arithmetic (for constant propagation), comparisons, i32 (or
// i8, i16, i32) round trips, divisions guarded against zero, loads and
// stores through a stack slot (zeroed on entry), address arithmetic,
// float round trips, if/else with some constant conditions, and loops
// whose trip counts are bounded by small constants. Every program
// terminates without trapping. Config switches on more: float
// variables, calls, early returns, swaps and rotations of variables
// (phis whose moves form cycles), narrow types, wide constants.
package randprog

import (
	"math/rand/v2"
	"strconv"

	"github.com/naturekit/naturekit/lir"
)

// Config shapes the programs. The zero value of every switch leaves the
// feature out.
type Config struct {
	Vars     int // number of i64 variables (at least 2)
	Floats   int // number of f64 variables and float arithmetic on them
	MaxDepth int // nesting depth of ifs and loops
	Stmts    int // statements per block of code
	// MinInstrs, if positive, keeps adding top-level statements until the
	// function has at least this many instructions (for benchmarks).
	MinInstrs int

	// Funcs is the number of functions. Up to 1 gives the single
	// function @f; more give @f0, @f1, ..., and each may call the
	// functions before it (outside loops, so run time stays bounded).
	Funcs int
	// FloatParam adds the parameter %2:f64, the first float variable's
	// initial value (it implies Floats ≥ 1).
	FloatParam bool
	// Observe names the extern that makes values visible; "" means
	// "observe".
	Observe string
	// Calls adds calls of the externs @ext(i64, i64) i64 and, with float
	// variables, @fext(f64) f64.
	Calls bool
	// EarlyReturns adds returns from inside the body.
	EarlyReturns bool
	// Swaps adds swaps and rotations of variables; in loops the phis of
	// the header then take each other's values.
	Swaps bool
	// Narrow does arithmetic (divisions and shifts included) and memory
	// accesses in i8, i16 and i32 too, at unaligned offsets.
	Narrow bool
	// WideConsts makes some operands arbitrary 64-bit constants.
	WideConsts bool
	// Rotates adds rotations: rotr by a variable, and the shift pairs
	// x>>k op x<<k2 (op or, xor or add) that ssa.Rotate turns into rotr
	// when k + k2 is the width, and some where it is not.
	Rotates bool
	// ShortCircuit makes some branch conditions, loop conditions
	// included, a && or || of two tests: an i8 variable set by the first
	// and, on one side, by the second (what ssa.Thread threads).
	ShortCircuit bool
}

// Small returns a configuration for property tests: few variables,
// small blocks, no optional features.
func Small() Config { return Config{Vars: 4, MaxDepth: 3, Stmts: 4} }

// All returns Small with every optional feature of a single function
// switched on (Floats 2, Calls, EarlyReturns, Swaps, Narrow, WideConsts,
// Rotates, ShortCircuit).
func All() Config {
	c := Small()
	c.Floats = 2
	c.Calls, c.EarlyReturns, c.Swaps, c.Narrow, c.WideConsts, c.Rotates = true, true, true, true, true, true
	c.ShortCircuit = true
	return c
}

// ObserveName returns the name of the extern that makes values visible.
func (c Config) ObserveName() string {
	if c.Observe == "" {
		return "observe"
	}
	return c.Observe
}

// Generate returns the module generated from seed.
func Generate(seed uint64, c Config) *lir.Module {
	if c.FloatParam {
		c.Floats = max(c.Floats, 1)
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	m := &lir.Module{Externs: []string{c.ObserveName()}}
	if c.Calls {
		m.Externs = append(m.Externs, "ext", "fext")
	}
	if c.Funcs <= 1 {
		m.Funcs = []*lir.Func{generateFunc(r, c, "f", 0)}
		return m
	}
	for i := range c.Funcs {
		m.Funcs = append(m.Funcs, generateFunc(r, c, FuncName(i), i))
	}
	return m
}

// FuncName returns the name of function i of a module with Config.Funcs
// > 1.
func FuncName(i int) string { return "f" + strconv.Itoa(i) }

func generateFunc(r *rand.Rand, c Config, name string, index int) *lir.Func {
	params := []lir.Type{lir.I64, lir.I64}
	if c.FloatParam {
		params = append(params, lir.F64)
	}
	f := lir.NewFunc(name, lir.I64, params...)
	g := &gen{r: r, b: lir.NewBuilder(f), f: f, c: c, index: index}
	g.kinds, g.simple = g.table()
	g.slot = lir.SlotAddr(f.NewSlot(slotSize, 8))
	for off := int64(0); off < slotSize; off += 8 {
		g.b.Store(lir.Int(lir.I64, 0), g.slot, off)
	}
	for i := range max(c.Vars, 2) {
		v := f.NewValue(lir.I64)
		g.ints = append(g.ints, v)
		if i < 2 {
			g.b.Assign(v, g.b.Param(i))
		} else {
			g.b.Assign(v, lir.Int(lir.I64, g.r.Int64N(21)-10))
		}
	}
	for i := range c.Floats {
		v := f.NewValue(lir.F64)
		g.floats = append(g.floats, v)
		if i == 0 && c.FloatParam {
			g.b.Assign(v, g.b.Param(2))
		} else {
			g.b.Assign(v, lir.Float(lir.F64, float64(g.r.IntN(9))-4))
		}
	}
	g.stmts(c.Stmts)
	for c.MinInstrs > 0 && len(f.Linear) < c.MinInstrs {
		g.stmts(c.Stmts)
	}
	g.b.Return(g.result())
	return f
}

// slotSize is the size of the stack slot programs load from and store to.
const slotSize = 64

type gen struct {
	r      *rand.Rand
	b      *lir.Builder
	f      *lir.Func
	c      Config
	index  int // the function's index in the module
	kinds  []kind
	simple int // kinds[:simple] open no block of code

	ints, floats     []lir.Value
	slot             lir.Operand
	depth, loopDepth int
	labels           int
}

// A kind is a kind of statement, picked with probability proportional
// to its weight.
type kind struct {
	weight int
	emit   func(*gen)
}

// table returns the kinds of statements the configuration allows, those
// that nest code last.
func (g *gen) table() ([]kind, int) {
	c := g.c
	kinds := []kind{
		{3, (*gen).arith},
		{1, (*gen).constArith},
		{1, (*gen).compare},
		{1, (*gen).safeDiv},
		{1, (*gen).guardedDiv},
		{1, (*gen).narrow},
		{1, (*gen).store},
		{1, (*gen).load},
		{1, (*gen).indexed},
		{1, (*gen).observe},
		{1, (*gen).floatRoundTrip},
		{1, (*gen).assign},
		{1, (*gen).manyLive},
	}
	add := func(on bool, k kind) {
		if on {
			kinds = append(kinds, k)
		}
	}
	add(c.Floats > 0, kind{2, (*gen).float})
	add(c.Calls, kind{1, (*gen).call})
	add(c.Calls && c.Floats > 0, kind{1, (*gen).floatCall})
	add(c.EarlyReturns, kind{1, (*gen).earlyReturn})
	add(c.Swaps, kind{1, (*gen).swap})
	add(c.Rotates, kind{1, (*gen).rotate})
	add(g.index > 0, kind{1, (*gen).callEarlier})
	simple := len(kinds)
	kinds = append(kinds, kind{2, (*gen).ifElse}, kind{2, (*gen).loop})
	return kinds, simple
}

func (g *gen) stmts(n int) {
	for range n {
		g.stmt()
	}
}

func (g *gen) stmt() {
	kinds := g.kinds
	if g.depth >= g.c.MaxDepth {
		kinds = kinds[:g.simple]
	}
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	n := g.r.IntN(total)
	for _, k := range kinds {
		if n < k.weight {
			k.emit(g)
			return
		}
		n -= k.weight
	}
}

// result combines every variable into the return value.
func (g *gen) result() lir.Operand {
	b, f := g.b, g.f
	res := f.Reg(g.ints[0])
	for _, v := range g.ints[1:] {
		res = b.Binary(lir.OpXor, res, f.Reg(v))
	}
	for _, v := range g.floats {
		res = b.Binary(lir.OpAdd, res, b.Convert(lir.OpFToSI, lir.I64, f.Reg(v)))
	}
	return res
}

func (g *gen) iv() lir.Value { return g.ints[g.r.IntN(len(g.ints))] }
func (g *gen) fv() lir.Value { return g.floats[g.r.IntN(len(g.floats))] }

// operand is an integer variable or, sometimes, a constant: small, or
// with WideConsts any 64-bit value.
func (g *gen) operand() lir.Operand {
	if g.r.IntN(5) > 0 {
		return g.f.Reg(g.iv())
	}
	if g.c.WideConsts && g.r.IntN(2) == 0 {
		return lir.Int(lir.I64, int64(g.r.Uint64()))
	}
	return lir.Int(lir.I64, g.r.Int64N(17)-8)
}

func (g *gen) label() lir.BlockID {
	g.labels++
	return g.b.NewLabel("L" + strconv.Itoa(g.labels))
}

// opIn picks an opcode from the range [lo, hi] (opcodes of a kind are
// numbered consecutively in lir).
func (g *gen) opIn(lo, hi lir.Op) lir.Op { return lo + lir.Op(g.r.IntN(int(hi-lo)+1)) }

// arithOp picks add, sub, mul, and, or, xor, shl, lshr or ashr, skipping
// the divisions numbered between mul and and: those need guards.
func (g *gen) arithOp() lir.Op {
	k := lir.Op(g.r.IntN(9))
	if k < 3 {
		return lir.OpAdd + k
	}
	return lir.OpAnd + k - 3
}

func (g *gen) divOp() lir.Op  { return g.opIn(lir.OpSDiv, lir.OpURem) } // sdiv udiv srem urem
func (g *gen) condOp() lir.Op { return g.opIn(lir.OpEq, lir.OpUGe) }    // integer compares

// narrowType picks the type of a narrow operation: i32, or with Narrow
// any of i8, i16, i32.
func (g *gen) narrowType() lir.Type {
	if !g.c.Narrow {
		return lir.I32
	}
	return [...]lir.Type{lir.I8, lir.I16, lir.I32}[g.r.IntN(3)]
}

// extend widens x to i64 into the variable v, sign- or zero-extending.
func (g *gen) extend(v lir.Value, x lir.Operand) {
	op := lir.OpSExt
	if g.r.IntN(2) == 0 {
		op = lir.OpZExt
	}
	g.b.Emit(&lir.Convert{Opcode: op, Dst: g.f.Reg(v), X: x})
}

func (g *gen) arith() { g.b.BinaryTo(g.iv(), g.arithOp(), g.operand(), g.operand()) }

// constArith computes from constants only, for constant propagation.
func (g *gen) constArith() {
	b := g.b
	x := lir.Int(lir.I64, g.r.Int64N(100))
	t := b.Binary(lir.OpAdd, x, lir.Int(lir.I64, g.r.Int64N(100)))
	b.BinaryTo(g.iv(), lir.OpMul, t, g.operand())
}

func (g *gen) compare() {
	c := g.b.Compare(g.condOp(), g.operand(), g.operand())
	g.b.Emit(&lir.Convert{Opcode: lir.OpZExt, Dst: g.f.Reg(g.iv()), X: c})
}

// safeDiv divides by a divisor that cannot be zero.
func (g *gen) safeDiv() {
	d := g.b.Binary(lir.OpOr, g.operand(), lir.Int(lir.I64, 1))
	g.b.BinaryTo(g.iv(), g.divOp(), g.operand(), d)
}

// guardedDiv divides only if the divisor is not zero. The divisor is
// copied where it is used, so that the division is its last use: a
// target on which a division destroys a register (regalloc's mock
// target, with three) then needs only two registers for it.
func (g *gen) guardedDiv() {
	b := g.b
	d := g.operand()
	then, done := g.label(), g.label()
	nz := b.Compare(lir.OpNe, d, lir.Int(lir.I64, 0))
	b.Branch(nz, then, done)
	b.Label(then)
	b.BinaryTo(g.iv(), g.divOp(), g.operand(), b.Unary(lir.OpCopy, d))
	b.Label(done) // falls through from then
}

// narrow computes in a narrower type and extends the result back.
func (g *gen) narrow() {
	b := g.b
	t := g.narrowType()
	x := b.Convert(lir.OpTrunc, t, g.operand())
	y := lir.Int(t, g.r.Int64N(100))
	if g.r.IntN(3) > 0 {
		y = b.Convert(lir.OpTrunc, t, g.operand())
	}
	op := g.arithOp()
	if g.r.IntN(3) == 0 {
		op = g.divOp()
		y = b.Binary(lir.OpOr, y, lir.Int(t, 1))
	}
	g.extend(g.iv(), b.Binary(op, x, y))
}

// rotate rotates a variable, in i64 or a narrow type: by a variable
// count (rotr), or written with two shifts by constants that add up to
// the width, mostly, or to something else.
func (g *gen) rotate() {
	b := g.b
	t := lir.I64
	if g.r.IntN(2) == 0 {
		t = g.narrowType()
	}
	x := g.operand()
	if t != lir.I64 {
		x = b.Convert(lir.OpTrunc, t, x)
	}
	w := int64(t.Size() * 8)
	var res lir.Operand
	if g.r.IntN(4) == 0 {
		y := g.operand()
		if t != lir.I64 {
			y = b.Convert(lir.OpTrunc, t, y)
		}
		res = b.Binary(lir.OpRotr, x, y)
	} else {
		k := g.r.Int64N(w + 2)
		k2 := w - k%w
		if g.r.IntN(5) == 0 {
			k2 = g.r.Int64N(w + 2)
		}
		r := b.Binary(lir.OpLShr, x, lir.Int(t, k))
		l := b.Binary(lir.OpShl, x, lir.Int(t, k2))
		if g.r.IntN(2) == 0 {
			r, l = l, r
		}
		res = b.Binary([...]lir.Op{lir.OpOr, lir.OpXor, lir.OpAdd}[g.r.IntN(3)], r, l)
	}
	if t == lir.I64 {
		b.Assign(g.iv(), res)
		return
	}
	g.extend(g.iv(), res)
}

// access picks the type and offset of a memory access to the slot: an
// aligned i64, or with Narrow any type at any offset.
func (g *gen) access() (lir.Type, int64) {
	if !g.c.Narrow || g.r.IntN(2) == 0 {
		return lir.I64, 8 * g.r.Int64N(slotSize/8)
	}
	t := [...]lir.Type{lir.I8, lir.I16, lir.I32, lir.I64}[g.r.IntN(4)]
	return t, g.r.Int64N(slotSize - int64(t.Size()) + 1)
}

func (g *gen) store() {
	t, off := g.access()
	v := g.operand()
	if t != lir.I64 {
		v = g.b.Convert(lir.OpTrunc, t, v)
	}
	g.b.Store(v, g.slot, off)
}

func (g *gen) load() {
	t, off := g.access()
	if t == lir.I64 {
		g.b.Emit(&lir.Load{Dst: g.f.Reg(g.iv()), Addr: g.slot, Off: off})
		return
	}
	g.extend(g.iv(), g.b.Load(t, g.slot, off))
}

// indexed accesses memory through an address computation.
func (g *gen) indexed() {
	b := g.b
	idx := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 7))
	p := b.Addr(g.slot, idx, 8, 0)
	if g.r.IntN(2) == 0 {
		b.Store(g.operand(), p, 0)
	} else {
		b.Emit(&lir.Load{Dst: g.f.Reg(g.iv()), Addr: p})
	}
}

// observe calls the extern that records its argument.
func (g *gen) observe() {
	b := g.b
	b.Call(lir.OpCall, lir.Void, b.Symbol(g.c.ObserveName()), g.operand())
}

// floatRoundTrip goes through f64 with small values, exact in f64.
func (g *gen) floatRoundTrip() {
	b := g.b
	x := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 0xffff))
	fl := b.Convert(lir.OpSIToF, lir.F64, x)
	fl = b.Binary(lir.OpFMul, fl, lir.Float(lir.F64, 1.5))
	b.Emit(&lir.Convert{Opcode: lir.OpFToSI, Dst: g.f.Reg(g.iv()), X: fl})
}

func (g *gen) assign() { g.b.Assign(g.iv(), g.operand()) }

// manyLive keeps many values live at once: a sum of fresh products.
func (g *gen) manyLive() {
	b := g.b
	var vals []lir.Operand
	for range 3 + g.r.IntN(4) {
		vals = append(vals, b.Binary(lir.OpMul, g.operand(), g.operand()))
	}
	sum := vals[0]
	for _, v := range vals[1:] {
		sum = b.Binary(lir.OpAdd, sum, v)
	}
	b.Assign(g.iv(), sum)
}

// float does arithmetic on float variables, keeping values small and
// exact.
func (g *gen) float() {
	b, f := g.b, g.f
	v := g.fv()
	switch g.r.IntN(4) {
	case 0:
		x := b.Binary(lir.OpAnd, g.operand(), lir.Int(lir.I64, 0xff))
		b.Emit(&lir.Convert{Opcode: lir.OpSIToF, Dst: f.Reg(v), X: x})
	case 1:
		b.BinaryTo(v, g.opIn(lir.OpFAdd, lir.OpFMul), f.Reg(v), f.Reg(g.fv()))
		// Reduce modulo 1024 through an integer.
		i := b.Convert(lir.OpFToSI, lir.I64, f.Reg(v))
		i = b.Binary(lir.OpAnd, i, lir.Int(lir.I64, 1023))
		b.Emit(&lir.Convert{Opcode: lir.OpSIToF, Dst: f.Reg(v), X: i})
	case 2:
		b.Emit(&lir.Convert{Opcode: lir.OpFToSI, Dst: f.Reg(g.iv()), X: f.Reg(v)})
	case 3:
		c := b.Compare(g.opIn(lir.OpFEq, lir.OpFGe), f.Reg(v), f.Reg(g.fv()))
		b.Emit(&lir.Convert{Opcode: lir.OpZExt, Dst: f.Reg(g.iv()), X: c})
	}
}

// call calls @ext(i64, i64) i64.
func (g *gen) call() {
	b := g.b
	r := b.Call(lir.OpCall, lir.I64, b.Symbol("ext"), g.operand(), g.operand())
	b.Assign(g.iv(), r)
}

// floatCall calls @fext(f64) f64.
func (g *gen) floatCall() {
	b := g.b
	r := b.Call(lir.OpCall, lir.F64, b.Symbol("fext"), g.f.Reg(g.fv()))
	b.Assign(g.fv(), r)
}

// callEarlier calls a function before this one in the module.
func (g *gen) callEarlier() {
	if g.loopDepth > 0 {
		g.arith()
		return
	}
	b := g.b
	args := []lir.Operand{g.f.Reg(g.iv()), g.operand()}
	if g.c.FloatParam {
		args = append(args, g.f.Reg(g.fv()))
	}
	r := b.Call(lir.OpCall, lir.I64, b.Symbol(FuncName(g.r.IntN(g.index))), args...)
	b.Assign(g.iv(), r)
}

// earlyReturn returns from the function if a condition holds: the
// values live across later calls are then also live on a path to a
// return without a call.
func (g *gen) earlyReturn() {
	b := g.b
	ret, cont := g.label(), g.label()
	b.Branch(b.Compare(g.condOp(), g.operand(), g.operand()), ret, cont)
	b.Label(ret)
	b.Return(b.Binary(lir.OpXor, g.operand(), g.operand()))
	b.Label(cont)
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

func (g *gen) branchCond() lir.Operand {
	if g.c.ShortCircuit && g.r.IntN(4) == 0 {
		first := g.b.Compare(g.condOp(), g.operand(), g.operand())
		if g.r.IntN(4) == 0 {
			first = lir.Int(lir.I8, g.r.Int64N(2))
		}
		return g.shortCircuit(first, g.r.IntN(2) == 0)
	}
	if g.r.IntN(5) == 0 {
		return lir.Int(lir.I8, g.r.Int64N(2)) // a constant branch
	}
	return g.b.Compare(g.condOp(), g.operand(), g.operand())
}

// shortCircuit returns first && x (and) or first || x, x a new test, as
// an i8 variable: set to first, then, when first does not decide, to x.
func (g *gen) shortCircuit(first lir.Operand, and bool) lir.Operand {
	b, f := g.b, g.f
	c := f.NewValue(lir.I8)
	b.Assign(c, first)
	rhs, join := g.label(), g.label()
	if and {
		b.Branch(f.Reg(c), rhs, join)
	} else {
		b.Branch(f.Reg(c), join, rhs)
	}
	b.Label(rhs)
	b.Assign(c, b.Compare(g.condOp(), g.operand(), g.operand()))
	b.Label(join)
	return f.Reg(c)
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

// loop runs its body at most 4 times.
func (g *gen) loop() {
	b, f := g.b, g.f
	g.depth++
	g.loopDepth++
	defer func() { g.depth--; g.loopDepth-- }()
	head, body, done := g.label(), g.label(), g.label()
	i := f.NewValue(lir.I64)
	b.Assign(i, lir.Int(lir.I64, 0))
	var n lir.Operand
	if g.r.IntN(2) == 0 {
		n = lir.Int(lir.I64, g.r.Int64N(5))
	} else {
		n = b.Binary(lir.OpAnd, f.Reg(g.iv()), lir.Int(lir.I64, 3))
	}
	b.Label(head)
	cond := b.Compare(lir.OpSLt, f.Reg(i), n)
	if g.c.ShortCircuit && g.r.IntN(3) == 0 {
		// i < n && x (not ||: i < n would no longer bound the loop).
		cond = g.shortCircuit(cond, true)
	}
	b.Branch(cond, body, done)
	b.Label(body)
	g.stmts(1 + g.r.IntN(g.c.Stmts))
	if g.c.Swaps && g.r.IntN(2) == 0 {
		g.swap()
	}
	b.BinaryTo(i, lir.OpAdd, f.Reg(i), lir.Int(lir.I64, 1))
	b.Safepoint()
	b.Jump(head)
	b.Label(done)
}
