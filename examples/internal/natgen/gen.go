// Package natgen generates random, valid, terminating Nature programs for
// differential testing (the Csmith idea): each program is deterministic
// from its seed, has no undefined behaviour (divisors, shift counts,
// indexes and slice bounds are guarded; loops are bounded; calls form a
// DAG under a cost budget), depends on no timing, and prints a checksum of
// everything it computed. Reduce shrinks a program while a property of it
// (a mismatch) persists.
//
// Programs are written one statement per line, blocks opening with a line
// ending in "{" and closing with a line that starts with "}", which is
// what the line-based reducer relies on.
package natgen

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// Config selects what the generator may use.
type Config struct {
	// Oracle restricts programs to what the reference compiler
	// (nature 0.7.4) compiles and runs correctly, leaving out the
	// deliberate differences of spec/README.md (signed division of
	// negative values; literals on the left of binary operators).
	Oracle bool
	// Features lists the construct groups to use (Features() names
	// them); nil means all.
	Features []string
	// Funcs is the number of generated functions (default 4).
	Funcs int
}

// Program is one generated program.
type Program struct {
	Seed int64
	Text string
	// Counts is how many times each construct was generated.
	Counts map[string]int
}

// Features are the construct groups the generator knows, in the order
// they were added; Config.Features selects among them.
func Features() []string {
	return []string{"float", "string", "vec", "map", "set", "tup", "struct", "closure", "generic",
		"iface", "union", "match", "error", "defer", "coroutine"}
}

type kind int

const (
	kInt kind = iota
	kFloat
	kBool
	kString
)

type typ struct {
	name   string
	kind   kind
	bits   int
	signed bool
}

var (
	tInt    = &typ{"int", kInt, 64, true}
	tFloat  = &typ{"float", kFloat, 64, true}
	tBool   = &typ{"bool", kBool, 0, false}
	tString = &typ{"string", kString, 0, false}
	intTyps = []*typ{tInt,
		{"i8", kInt, 8, true}, {"i16", kInt, 16, true}, {"i32", kInt, 32, true}, {"i64", kInt, 64, true},
		{"u8", kInt, 8, false}, {"u16", kInt, 16, false}, {"u32", kInt, 32, false}, {"u64", kInt, 64, false}, {"uint", kInt, 64, false}}
)

type variable struct {
	name     string
	t        *typ
	readonly bool
}

type fnInfo struct {
	name   string
	params []*typ
	cost   int
}

type gen struct {
	r      *rand.Rand
	cfg    Config
	feat   map[string]bool
	b      strings.Builder
	indent int
	scopes [][]variable
	nvar   int
	funcs  []fnInfo
	counts map[string]int
	// cost estimates the work of the function being generated (its
	// statements times enclosing loop trip counts, callees included);
	// mult is the product of the enclosing loops' trip counts.
	cost, mult int
	loops      int // enclosing loops (for break/continue)
	depth      int // statement nesting
	needed     map[string]bool
}

const costBudget = 4000

// Generate returns the program of a seed.
func Generate(seed int64, cfg Config) *Program {
	if cfg.Funcs == 0 {
		cfg.Funcs = 4
	}
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x6e6174757265)), cfg: cfg, counts: map[string]int{}, needed: map[string]bool{}}
	g.feat = map[string]bool{}
	if cfg.Features == nil {
		cfg.Features = Features()
	}
	for _, f := range cfg.Features {
		g.feat[f] = true
	}
	for i := 0; i < cfg.Funcs; i++ {
		g.function(i)
	}
	g.mainFunc()
	var out strings.Builder
	if g.needed["co"] {
		out.WriteString("import co\n")
	}
	if g.feat["string"] {
		out.WriteString("import strings\n")
	}
	out.WriteString("\n")
	g.helpers(&out)
	out.WriteString(g.b.String())
	return &Program{Seed: seed, Text: out.String(), Counts: g.counts}
}

func (g *gen) count(what string) { g.counts[what]++ }

func (g *gen) line(format string, args ...any) {
	for i := 0; i < g.indent; i++ {
		g.b.WriteString("    ")
	}
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

func (g *gen) open(format string, args ...any) {
	g.line(format, args...)
	g.indent++
	g.scopes = append(g.scopes, nil)
}

func (g *gen) close(text string) {
	g.indent--
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.line("%s", text)
}

// reopen closes a block and opens its continuation ("} else {"), whose
// header text is computed in the scope after the closed block.
func (g *gen) reopen(header func() string) {
	g.indent--
	g.scopes = g.scopes[:len(g.scopes)-1]
	g.line("%s", header())
	g.indent++
	g.scopes = append(g.scopes, nil)
}

func (g *gen) n(k int) int { return g.r.IntN(k) }

func (g *gen) chance(pct int) bool { return g.r.IntN(100) < pct }

func (g *gen) fresh(prefix string) string {
	g.nvar++
	return prefix + "_" + strconv.Itoa(g.nvar)
}

func (g *gen) declare(name string, t *typ, readonly bool) {
	s := &g.scopes[len(g.scopes)-1]
	*s = append(*s, variable{name, t, readonly})
}

// vars returns the visible variables of a type (nil: every type).
func (g *gen) vars(t *typ, writable bool) []variable {
	var out []variable
	for _, s := range g.scopes {
		for _, v := range s {
			if (t == nil || v.t == t) && (!writable || !v.readonly) {
				out = append(out, v)
			}
		}
	}
	return out
}

func (g *gen) pickIntType() *typ {
	if g.chance(40) {
		return tInt
	}
	return intTyps[g.n(len(intTyps))]
}

// intLit is an in-range literal of an integer type, small mostly, the
// type's extremes sometimes.
func (g *gen) intLit(t *typ) (string, bool) {
	var v int64
	var u uint64
	neg := false
	switch g.n(6) {
	case 0: // maximum
		if t.signed {
			u = 1<<(t.bits-1) - 1
		} else if t.bits == 64 && g.cfg.Oracle {
			u = 1<<63 - 1 // the reference folds larger literals as signed
		} else if t.bits == 64 {
			u = ^uint64(0)
		} else {
			u = 1<<t.bits - 1
		}
		return strconv.FormatUint(u, 10), false
	case 1: // minimum (+1 for 64 bits: the magnitude would not lex)
		if !t.signed {
			return "0", false
		}
		if t.bits == 64 {
			return "-9223372036854775807", true
		}
		return "-" + strconv.FormatUint(1<<(t.bits-1), 10), true
	default:
		v = int64(g.n(100))
		if g.chance(20) {
			v = int64(g.n(1 << 20))
		}
		if t.bits < 64 {
			v &= 1<<(t.bits-1) - 1
		}
		if t.signed && g.chance(30) {
			neg = true
		}
	}
	if neg && v != 0 {
		return "-" + strconv.FormatInt(v, 10), true
	}
	return strconv.FormatInt(v, 10), false
}

// lit writes a literal of t; on the left of an operator (left), typed
// with as, as the reference needs.
func (g *gen) lit(t *typ, left bool) string {
	g.count("literal")
	switch t.kind {
	case kFloat:
		s := strconv.FormatFloat(float64(g.n(2000)-1000)/8, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		if strings.HasPrefix(s, "-") {
			s = "(" + s + ")"
		}
		return s
	case kBool:
		if g.chance(50) {
			return "true"
		}
		return "false"
	case kString:
		return g.strLit()
	}
	s, neg := g.intLit(t)
	if neg {
		s = "(" + s + ")"
	}
	if left && t != tInt {
		return "(" + s + " as " + t.name + ")"
	}
	return s
}

func (g *gen) strLit() string {
	const alpha = "abcxyzAB 09_"
	n := g.n(6)
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < n; i++ {
		b.WriteByte(alpha[g.n(len(alpha))])
	}
	b.WriteByte('\'')
	return b.String()
}

// expr is an expression of type t, depth bounding its size.
func (g *gen) expr(t *typ, depth int, left bool) string {
	switch t.kind {
	case kInt:
		return g.intExpr(t, depth, left)
	case kFloat:
		return g.floatExpr(depth, left)
	case kBool:
		return g.boolExpr(depth)
	default:
		return g.strExpr(depth)
	}
}

func (g *gen) leaf(t *typ, left bool) string {
	if vs := g.vars(t, false); len(vs) > 0 && g.chance(75) {
		return vs[g.n(len(vs))].name
	}
	return g.lit(t, left)
}

func (g *gen) intExpr(t *typ, depth int, left bool) string {
	if depth <= 0 || g.chance(25) {
		return g.leaf(t, left)
	}
	d := depth - 1
	switch g.n(12) {
	case 0, 1, 2, 3:
		ops := []string{"+", "-", "*", "&", "|", "^"}
		op := ops[g.n(len(ops))]
		g.count("int " + op)
		return "(" + g.intExpr(t, d, true) + " " + op + " " + g.intExpr(t, d, false) + ")"
	case 4:
		op := "<<"
		if g.chance(50) {
			op = ">>"
		}
		g.count("shift")
		return fmt.Sprintf("(%s %s (%s & %d))", g.intExpr(t, d, true), op, g.intExpr(t, d, true), t.bits-1)
	case 5:
		op := "/"
		if g.chance(40) {
			op = "%"
		}
		g.count("int " + op)
		a := g.intExpr(t, d, true)
		if t.signed && (g.cfg.Oracle || g.chance(30)) {
			// The reference divides negative dividends as unsigned.
			a = fmt.Sprintf("(%s & %d)", a, uint64(1)<<(t.bits-1)-1)
		}
		return fmt.Sprintf("(%s %s ((%s & 15) + 1))", a, op, g.intExpr(t, d, true))
	case 6:
		if t.signed && g.chance(50) {
			g.count("negate")
			return "(-" + g.intExpr(t, d, true) + ")"
		}
		g.count("complement")
		return "(~" + g.intExpr(t, d, true) + ")"
	case 7:
		g.count("ternary")
		return fmt.Sprintf("(%s ? %s : %s)", g.boolExpr(d), g.intExpr(t, d, left), g.intExpr(t, d, left))
	case 8:
		from := intTyps[g.n(len(intTyps))]
		inner := g.intExpr(from, d, true)
		if isLiteral(inner) {
			// a literal operand of as is range-checked against the target
			return g.lit(t, left)
		}
		g.count("int conversion")
		return fmt.Sprintf("(%s as %s)", inner, t.name)
	case 9:
		if f := g.callable(); f != nil {
			return g.call(*f, t, d)
		}
		return g.leaf(t, left)
	case 10:
		if g.feat["float"] && g.chance(50) {
			g.count("float to int")
			return fmt.Sprintf("(f2i(%s) as %s)", g.floatExpr(d, false), t.name)
		}
		if g.feat["string"] {
			return fmt.Sprintf("(%s as %s)", g.strInt(d), t.name)
		}
		return g.leaf(t, left)
	default:
		return g.leaf(t, left)
	}
}

// strInt is an int computed from a string.
func (g *gen) strInt(d int) string {
	s := g.strExpr(d)
	switch g.n(3) {
	case 0:
		g.count("string len")
		return "(" + s + ").len()"
	case 1:
		g.count("string index")
		return fmt.Sprintf("sbyte(%s, %s)", s, g.intExpr(tInt, d, false))
	default:
		g.count("string method")
		methods := []string{"find(%s)", "rfind(%s)"}
		return fmt.Sprintf("(%s).%s", s, fmt.Sprintf(methods[g.n(len(methods))], g.strExpr(d)))
	}
}

func (g *gen) floatExpr(depth int, left bool) string {
	if depth <= 0 || g.chance(25) {
		return g.leaf(tFloat, left)
	}
	d := depth - 1
	switch g.n(6) {
	case 0, 1:
		ops := []string{"+", "-", "*"}
		op := ops[g.n(len(ops))]
		g.count("float " + op)
		return "(" + g.floatExpr(d, true) + " " + op + " " + g.floatExpr(d, false) + ")"
	case 2:
		g.count("float /")
		b := g.floatExpr(d, true)
		return fmt.Sprintf("(%s / (%s * %s + 1.0))", g.floatExpr(d, true), b, b)
	case 3:
		g.count("int to float")
		return fmt.Sprintf("(%s as float)", g.intExpr(g.pickIntType(), d, true))
	case 4:
		g.count("f32 conversion")
		return fmt.Sprintf("((%s as f32) as float)", g.floatExpr(d, true))
	default:
		g.count("ternary")
		return fmt.Sprintf("(%s ? %s : %s)", g.boolExpr(d), g.floatExpr(d, left), g.floatExpr(d, left))
	}
}

func (g *gen) boolExpr(depth int) string {
	if depth <= 0 {
		return g.leaf(tBool, false)
	}
	d := depth - 1
	switch g.n(7) {
	case 0, 1, 2:
		t := g.pickIntType()
		ops := []string{"<", "<=", ">", ">=", "==", "!="}
		g.count("int compare")
		return "(" + g.intExpr(t, d, true) + " " + ops[g.n(len(ops))] + " " + g.intExpr(t, d, false) + ")"
	case 3:
		op := "&&"
		if g.chance(50) {
			op = "||"
		}
		g.count("logic " + op)
		return "(" + g.boolExpr(d) + " " + op + " " + g.boolExpr(d) + ")"
	case 4:
		g.count("not")
		return "(!" + g.boolExpr(d) + ")"
	case 5:
		if g.feat["float"] {
			ops := []string{"<", "<=", ">", ">="}
			g.count("float compare")
			return "(" + g.floatExpr(d, true) + " " + ops[g.n(len(ops))] + " " + g.floatExpr(d, false) + ")"
		}
		return g.leaf(tBool, false)
	default:
		if g.feat["string"] {
			ops := []string{"<", "==", "!=", ">="}
			g.count("string compare")
			return "(" + g.strExpr(d) + " " + ops[g.n(len(ops))] + " " + g.strExpr(d) + ")"
		}
		return g.leaf(tBool, false)
	}
}

func (g *gen) strExpr(depth int) string {
	if depth <= 0 || g.chance(30) {
		return g.leaf(tString, false)
	}
	d := depth - 1
	switch g.n(5) {
	case 0, 1:
		g.count("string concat")
		return "(" + g.strExpr(d) + " + " + g.strExpr(d) + ")"
	case 2:
		g.count("string slice")
		return fmt.Sprintf("ssub(%s, %s, %s)", g.strExpr(d), g.intExpr(tInt, d, false), g.intExpr(tInt, d, false))
	case 3:
		g.count("string method")
		switch g.n(4) {
		case 0:
			return "(" + g.strExpr(d) + ").to_upper()"
		case 1:
			return "(" + g.strExpr(d) + ").reverse()"
		case 2:
			// A replacement can square a string's length: clipped, so
			// that a chain of them cannot exhaust memory.
			return fmt.Sprintf("sclip((%s).replace(%s, %s))", g.strExpr(d), g.nonEmptyStr(), g.strExpr(d))
		default:
			return "(" + g.strExpr(d) + ").trim([' ', 'a'])"
		}
	default:
		return g.leaf(tString, false)
	}
}

// isLiteral reports whether e is made of integer literals only, which
// the compilers fold into one literal.
func isLiteral(e string) bool {
	return !strings.ContainsFunc(e, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'' })
}

func (g *gen) nonEmptyStr() string {
	s := g.strLit()
	if s == "''" {
		return "'a'"
	}
	return s
}

// callable picks an earlier function that fits in the cost budget.
func (g *gen) callable() *fnInfo {
	if len(g.funcs) == 0 {
		return nil
	}
	f := g.funcs[g.n(len(g.funcs))]
	if g.cost+f.cost*g.mult > costBudget {
		return nil
	}
	g.cost += f.cost * g.mult
	return &f
}

func (g *gen) call(f fnInfo, t *typ, d int) string {
	args := make([]string, len(f.params))
	for i, p := range f.params {
		args[i] = g.expr(p, d, false)
	}
	g.count("call")
	c := f.name + "(" + strings.Join(args, ", ") + ")"
	if t != tInt {
		c = "(" + c + " as " + t.name + ")"
	}
	return c
}

// mix folds an int expression into the checksum h.
func (g *gen) mix(e string) {
	g.line("h = h * 31 + %s", e)
}

func (g *gen) toInt(t *typ, e string) string {
	switch t.kind {
	case kFloat:
		return "f2i(" + e + ")"
	case kBool:
		return "(" + e + " ? 1 : 0)"
	case kString:
		return "(" + e + ").len()"
	}
	if t == tInt {
		return e
	}
	return "(" + e + " as int)"
}

func (g *gen) scalarTypes() []*typ {
	ts := append([]*typ{}, intTyps...)
	ts = append(ts, tBool)
	if g.feat["float"] {
		ts = append(ts, tFloat)
	}
	if g.feat["string"] {
		ts = append(ts, tString)
	}
	return ts
}

func (g *gen) function(i int) {
	name := fmt.Sprintf("f%d", i)
	var params []*typ
	var ps []string
	g.scopes = [][]variable{nil}
	g.cost, g.mult, g.loops, g.depth = 0, 1, 0, 0
	scalars := g.scalarTypes()
	for j := g.n(4); j > 0; j-- {
		t := scalars[g.n(len(scalars))]
		p := g.fresh("p")
		params = append(params, t)
		g.count("type " + t.name)
		ps = append(ps, t.name+" "+p)
		g.declare(p, t, false)
	}
	g.open("fn %s(%s):int {", name, strings.Join(ps, ", "))
	g.count("function")
	g.line("int h = %d", g.n(1000))
	g.declare("h", tInt, true)
	if g.feat["defer"] && g.chance(30) {
		g.count("defer")
		g.open("defer {")
		g.line("println('defer %s', h)", name)
		g.close("}")
	}
	for k := 3 + g.n(8); k > 0; k-- {
		g.stmt()
	}
	for _, v := range g.vars(nil, false) {
		if v.name != "h" && g.chance(50) {
			g.mix(g.toInt(v.t, v.name))
		}
	}
	g.line("return h")
	g.close("}")
	g.line("")
	g.funcs = append(g.funcs, fnInfo{name, params, g.cost + 1})
}

func (g *gen) mainFunc() {
	g.scopes = [][]variable{nil}
	g.cost, g.mult, g.loops = 0, 1, 0
	g.open("fn main() {")
	g.line("int h = 0")
	g.declare("h", tInt, true)
	for _, f := range g.funcs {
		for k := 1 + g.n(2); k > 0; k-- {
			g.line("h = h * 31 + %s", g.call(f, tInt, 2))
		}
	}
	g.line("println('checksum', h)")
	g.close("}")
}

func (g *gen) stmt() {
	g.cost += g.mult
	if g.cost > costBudget {
		return
	}
	var kinds []func()
	kinds = append(kinds, g.declStmt, g.declStmt, g.assignStmt, g.assignStmt, g.mixStmt)
	if g.depth < 3 {
		kinds = append(kinds, g.ifStmt, g.forStmt, g.whileStmt)
	}
	if g.loops > 0 {
		kinds = append(kinds, g.breakStmt)
	}
	kinds = append(kinds, g.printStmt)
	for _, f := range []string{"vec", "map", "set", "tup", "struct", "closure", "generic", "iface", "union", "match", "error", "coroutine"} {
		if g.feat[f] && g.depth < 2 {
			kinds = append(kinds, g.snippet(f))
		}
	}
	kinds[g.n(len(kinds))]()
}

func (g *gen) declStmt() {
	ts := g.scalarTypes()
	t := ts[g.n(len(ts))]
	name := g.fresh("v")
	g.count("declaration")
	g.count("type " + t.name)
	if t.kind == kInt && t != tInt || g.chance(60) {
		g.line("%s %s = %s", t.name, name, g.expr(t, 3, false))
	} else {
		g.line("var %s = %s", name, g.expr(t, 3, true))
	}
	g.declare(name, t, false)
}

func (g *gen) assignStmt() {
	vs := g.vars(nil, true)
	if len(vs) == 0 {
		g.declStmt()
		return
	}
	v := vs[g.n(len(vs))]
	g.count("assignment")
	if v.t.kind == kInt && g.chance(40) {
		ops := []string{"+=", "-=", "*=", "&=", "|=", "^="}
		g.line("%s %s %s", v.name, ops[g.n(len(ops))], g.expr(v.t, 2, false))
		return
	}
	if v.t.kind == kString {
		// A string assigned from itself (s = s + s) grows exponentially
		// in a loop or a function called in one, and the point where a
		// program runs out of memory differs between optimisation
		// levels: what an assignment adds is clipped, so strings grow
		// at most linearly with the work of the program.
		if g.chance(30) {
			g.line("%s += sclip(%s)", v.name, g.strExpr(2))
		} else {
			g.line("%s = sclip(%s)", v.name, g.expr(v.t, 3, false))
		}
		return
	}
	g.line("%s = %s", v.name, g.expr(v.t, 3, false))
}

func (g *gen) mixStmt() {
	ts := g.scalarTypes()
	t := ts[g.n(len(ts))]
	g.mix(g.toInt(t, g.expr(t, 3, true)))
}

func (g *gen) printStmt() {
	vs := g.vars(nil, false)
	var args []string
	for k := 1 + g.n(3); k > 0; k-- {
		args = append(args, vs[g.n(len(vs))].name)
	}
	g.count("println")
	g.line("println(%s)", strings.Join(args, ", "))
}

func (g *gen) block(n int) {
	g.depth++
	for k := 1 + g.n(n); k > 0; k-- {
		g.stmt()
	}
	g.depth--
}

func (g *gen) ifStmt() {
	g.count("if")
	g.open("if %s {", g.boolExpr(3))
	g.block(3)
	for g.chance(30) {
		g.count("else if")
		g.reopen(func() string { return "} else if " + g.boolExpr(2) + " {" })
		g.block(2)
	}
	if g.chance(50) {
		g.count("else")
		g.reopen(func() string { return "} else {" })
		g.block(3)
	}
	g.close("}")
}

func (g *gen) loopBody(trips int) {
	old := g.mult
	g.mult *= trips
	g.loops++
	g.block(4)
	g.loops--
	g.mult = old
}

func (g *gen) forStmt() {
	trips := 1 + g.n(6)
	i := g.fresh("i")
	g.count("for")
	g.open("for int %s = 0; %s < %d; %s += 1 {", i, i, trips, i)
	g.declare(i, tInt, true)
	g.loopBody(trips)
	g.close("}")
}

func (g *gen) whileStmt() {
	trips := 1 + g.n(6)
	w := g.fresh("w")
	g.count("for cond")
	g.line("int %s = 0", w)
	g.declare(w, tInt, true)
	g.open("for %s < %d {", w, trips)
	g.line("%s += 1", w)
	g.loopBody(trips)
	g.close("}")
}

func (g *gen) breakStmt() {
	kw := "break"
	if g.chance(50) {
		kw = "continue"
	}
	g.count(kw)
	g.open("if %s {", g.boolExpr(2))
	g.line("%s", kw)
	g.close("}")
}

// helpers writes the functions generated code calls.
func (g *gen) helpers(out *strings.Builder) {
	out.WriteString(`fn f2i(float f):int {
    if f != f {
        return 7
    }
    if f > 1000000000000.0 || f < -1000000000000.0 {
        return 3
    }
    return (f * 1000.0) as int
}

fn ssub(string s, int a, int b):string {
    int n = s.len() + 1
    int lo = (a & 1048575) % n
    int hi = (b & 1048575) % n
    if lo > hi {
        return s[hi..lo]
    }
    return s[lo..hi]
}

fn sbyte(string s, int i):u8 {
    if s.len() == 0 {
        return 0
    }
    return s[(i & 1048575) % s.len()]
}

fn idx(int i, int n):int {
    return (i & 1048575) % n
}

fn sclip(string s):string {
    if s.len() > 256 {
        return s[0..256]
    }
    return s
}

`)
	keys := make([]string, 0, len(g.needed))
	for k := range g.needed {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out.WriteString(snippetDecls[k])
	}
}
