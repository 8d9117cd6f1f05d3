package natgen

import (
	"fmt"
	"strings"
)

// snippetDecls are the top-level declarations a construct's snippets
// use, written once per program that uses them (gen.needed).
var snippetDecls = map[string]string{
	"struct": `type rec = struct {
    int a
    i8 b = 3
    string s
    [int] xs
}

fn rec.m(self, int x):int {
    return self.a * x + (self.b as int) + self.s.len() + self.xs.len()
}

fn rec.bump(*self, int d) {
    self.a += d
    self.xs.push(d)
}

`,
	"closure": `fn apply(fn(int):int f, int x):int {
    return f(f(x))
}

`,
	"generic": `fn gpick<T>(bool c, T a, T b):T {
    if c {
        return a
    }
    return b
}

#where T:numeric
fn gsum<T>([T] xs, T zero):T {
    T acc = zero
    for x in xs {
        acc = acc + x
    }
    return acc
}

type box<T> = struct {
    T val
    int n
}

fn box<T>.get(self):T {
    return self.val
}

fn box<T>.twice(*self, T v) {
    self.val = v
    self.n += 1
}

`,
	"iface": `type valuer = interface {
    fn val(int k):int
}

type va:valuer = struct {
    int x
}

fn va.val(*self, int k):int {
    self.x += 1
    return self.x * k + 1
}

type vb:valuer = struct {
    string s
}

fn vb.val(*self, int k):int {
    return self.s.len() + k
}

`,
	"union": `type uval = int|string|bool

type shape = union {
    int circle
    (int, int) line
    void dot
}

`,
	"error": `fn risky(int x):int! {
    if (x & 3) == 0 {
        throw errorf('risky %d', x & 255)
    }
    return x * 2
}

type myerr:throwable = struct {
    int code
}

fn myerr.msg(*self):string {
    return 'code'
}

fn risky2(int x):int! {
    defer {
        println('risky2 exit')
    }
    if (x & 7) == 1 {
        throw new myerr(code = x & 255)
    }
    return risky(x + 1) + 1
}

`,
	"coroutine": `fn producer(chan<int> ch, int base, int n):void! {
    for int i = 0; i < n; i += 1 {
        ch.send(base + i * 3)
    }
}

fn sq(int x):int {
    return x * x
}

`,
}

// snippet returns the statement generator of a construct group.
func (g *gen) snippet(f string) func() {
	return func() {
		if d, ok := snippetDecls[f]; ok && d != "" {
			g.needed[f] = true
		}
		switch f {
		case "vec":
			g.vecSnippet()
		case "map":
			g.mapSnippet()
		case "set":
			g.setSnippet()
		case "tup":
			g.tupSnippet()
		case "struct":
			g.structSnippet()
		case "closure":
			g.closureSnippet()
		case "generic":
			g.genericSnippet()
		case "iface":
			g.ifaceSnippet()
		case "union":
			g.unionSnippet()
		case "match":
			g.matchSnippet()
		case "error":
			g.errorSnippet()
		case "coroutine":
			g.needed["co"] = true
			g.coSnippet()
		}
	}
}

func (g *gen) exprs(t *typ, k, depth int) string {
	es := make([]string, k)
	for i := range es {
		es[i] = g.expr(t, depth, false)
	}
	return strings.Join(es, ", ")
}

func (g *gen) vecSnippet() {
	t := g.pickIntType()
	v := g.fresh("vec")
	g.count("vec")
	g.line("[%s] %s = [%s]", t.name, v, g.exprs(t, 1+g.n(4), 2))
	for k := g.n(3); k > 0; k-- {
		g.count("vec push")
		g.line("%s.push(%s)", v, g.expr(t, 2, false))
	}
	if g.chance(50) {
		g.count("vec index assign")
		g.line("%s[idx(%s, %s.len())] = %s", v, g.expr(tInt, 2, false), v, g.expr(t, 2, false))
	}
	if g.chance(30) {
		g.count("vec index caught")
		q := g.fresh("q")
		g.open("%s %s = %s[%s & 7] catch e {", t.name, q, v, g.expr(tInt, 1, true))
		g.line("h = h * 31 + e.msg().len()")
		g.line("%s", g.lit(t, false))
		g.close("}")
		g.declare(q, t, false)
	}
	if g.chance(30) {
		g.count("vec slice")
		g.line("%s = %s[idx(%s, %s.len())..]", v, v, g.expr(tInt, 1, false), v)
	}
	j, x := g.fresh("j"), g.fresh("x")
	g.count("for in vec")
	g.open("for %s, %s in %s {", j, x, v)
	g.declare(j, tInt, true)
	g.declare(x, t, true)
	g.mix(g.toInt(t, x) + " + " + j)
	g.loopBody(8)
	g.close("}")
	g.mix(v + ".len()")
}

func (g *gen) keyType() *typ {
	if g.feat["string"] && g.chance(30) {
		return tString
	}
	return g.pickIntType()
}

// collection declares an empty map or set (decl, given the key type's
// and the variable's names) of a key type it picks, counted as kind, and
// returns the key type and the variable.
func (g *gen) collection(kind, decl string) (*typ, string) {
	k := g.keyType()
	v := g.fresh(kind)
	g.count(kind)
	g.line(decl, k.name, v)
	return k, v
}

func (g *gen) mapSnippet() {
	k, m := g.collection("map", "{%s:int} %s = {}")
	for n := 1 + g.n(5); n > 0; n-- {
		val := g.expr(tInt, 2, false)
		if g.cfg.Oracle {
			// the reference compiler asserts on m[k] = (~x)
			val = g.typedVar(tInt)
		}
		g.line("%s[%s] = %s", m, g.expr(k, 1, false), val)
	}
	if g.chance(40) {
		g.count("map del")
		g.line("%s.del(%s)", m, g.expr(k, 1, false))
	}
	key := g.fresh("key")
	g.line("%s %s = %s", k.name, key, g.expr(k, 1, false))
	g.open("if %s.contains(%s) {", m, key)
	g.count("map read")
	g.mix(m + "[" + key + "]")
	g.close("}")
	kk, vv := g.fresh("k"), g.fresh("x")
	g.count("for in map")
	g.open("for %s, %s in %s {", kk, vv, m)
	g.mix(g.toInt(k, kk) + " + " + vv)
	g.close("}")
	g.mix(m + ".len()")
}

func (g *gen) setSnippet() {
	k, s := g.collection("set", "{%s} %s = {}")
	for n := 1 + g.n(5); n > 0; n-- {
		g.line("%s.add(%s)", s, g.expr(k, 1, false))
	}
	if g.chance(50) {
		g.line("%s.del(%s)", s, g.expr(k, 1, false))
	}
	for n := 1 + g.n(3); n > 0; n-- {
		g.mix("(" + s + ".contains(" + g.expr(k, 1, false) + ") ? 1 : 0)")
	}
}

func (g *gen) tupSnippet() {
	ts := g.scalarTypes()
	a, b := g.pickIntType(), ts[g.n(len(ts))]
	t := g.fresh("tup")
	g.count("tuple")
	g.line("(%s, %s) %s = (%s, %s)", a.name, b.name, t, g.expr(a, 2, false), g.expr(b, 2, false))
	if g.chance(50) {
		g.line("%s[0] = %s", t, g.expr(a, 2, false))
	}
	x, y := g.fresh("tx"), g.fresh("ty")
	g.count("tuple destructure")
	g.line("var (%s, %s) = %s", x, y, t)
	g.declare(x, a, false)
	g.declare(y, b, false)
	if vs := g.vars(a, true); len(vs) > 1 && g.chance(50) {
		p, q := vs[g.n(len(vs))], vs[g.n(len(vs))]
		if p.name != q.name {
			g.count("tuple swap")
			g.line("(%s, %s) = (%s, %s)", p.name, q.name, q.name, p.name)
		}
	}
	g.mix(g.toInt(a, t+"[0]") + " + " + g.toInt(b, t+"[1]"))
}

func (g *gen) structSnippet() {
	o := g.fresh("rec")
	g.count("struct")
	g.line("var %s = rec{a: %s, s: %s, xs: [%s]}", o, g.expr(tInt, 2, false), g.strLit(), g.exprs(tInt, g.n(3), 1))
	g.count("method")
	g.line("%s.bump(%s)", o, g.expr(tInt, 2, false))
	if g.chance(50) {
		g.line("%s.b = %s", o, g.expr(intTyps[1], 2, false))
	}
	c := g.fresh("rec")
	g.count("struct copy")
	g.line("var %s = %s", c, o)
	g.line("%s.a = %s", c, g.expr(tInt, 2, false))
	g.mix(fmt.Sprintf("%s.m(%s) + %s.a + %s.a", o, g.expr(tInt, 2, false), o, c))
	if g.chance(50) {
		r := g.fresh("ref")
		g.count("new")
		g.line("var %s = new rec(a = %s, s = %s)", r, g.expr(tInt, 2, false), g.strLit())
		g.line("%s.bump(%s)", r, g.expr(tInt, 1, false))
		g.mix(r + ".m(3)")
	}
}

func (g *gen) closureSnippet() {
	var cv string
	if vs := g.vars(tInt, true); len(vs) > 0 && g.chance(60) {
		cv = vs[g.n(len(vs))].name
	} else {
		cv = g.fresh("c")
		g.line("int %s = %s", cv, g.expr(tInt, 2, false))
		g.declare(cv, tInt, false)
	}
	f := g.fresh("fn")
	g.count("closure")
	g.open("var %s = fn(int x):int {", f)
	g.declare("x", tInt, false)
	g.line("%s += x", cv)
	g.line("return %s * %d + x", cv, g.n(9))
	g.close("}")
	g.mix(fmt.Sprintf("%s(%s) + %s(%s)", f, g.expr(tInt, 2, false), f, g.expr(tInt, 1, false)))
	if g.chance(40) {
		g.count("higher-order call")
		g.mix(fmt.Sprintf("apply(%s, %s)", f, g.expr(tInt, 1, false)))
	}
	g.mix(cv)
}

func (g *gen) genericSnippet() {
	ts := g.scalarTypes()
	t := ts[g.n(len(ts))]
	g.count("generic call")
	if t == tInt || t == tBool || t == tString || t == tFloat {
		g.mix(g.toInt(t, fmt.Sprintf("gpick(%s, %s, %s)", g.boolExpr(2), g.expr(t, 2, true), g.expr(t, 2, false))))
	} else {
		g.mix(g.toInt(t, fmt.Sprintf("gpick<%s>(%s, %s, %s)", t.name, g.boolExpr(2), g.expr(t, 2, false), g.expr(t, 2, false))))
	}
	if t.kind == kInt || t.kind == kFloat {
		g.count("generic constraint")
		g.mix(g.toInt(t, fmt.Sprintf("gsum<%s>([%s], %s)", t.name, g.exprs(t, 1+g.n(3), 1), g.lit(t, false))))
	}
	b := g.fresh("box")
	g.count("generic struct")
	g.line("var %s = box<%s>{val: %s, n: 1}", b, t.name, g.expr(t, 2, false))
	if g.chance(60) {
		g.line("%s.twice(%s)", b, g.expr(t, 2, false))
	}
	g.mix(g.toInt(t, b+".get()") + " + " + b + ".n")
}

func (g *gen) ifaceSnippet() {
	l := g.fresh("ifs")
	g.count("interface")
	g.line("[valuer] %s = [va{x: %s}, vb{s: %s}]", l, g.expr(tInt, 2, false), g.strExpr(1))
	if g.chance(50) {
		g.line("%s.push(new va(x = %s))", l, g.expr(tInt, 1, false))
	}
	q := g.fresh("q")
	g.open("for %s in %s {", q, l)
	g.count("dynamic call")
	g.mix(fmt.Sprintf("%s.val(%s)", q, g.expr(tInt, 1, false)))
	g.open("if %s is va {", q)
	g.count("interface is")
	g.mix("(" + q + " as va).x")
	g.close("}")
	g.close("}")
}

func (g *gen) unionSnippet() {
	switch g.n(4) {
	case 0, 1:
		u := g.fresh("u")
		g.count("union")
		ts := []*typ{tInt, tString, tBool}
		// an expected union type does not type an operand: the values
		// go through variables of their own type
		g.line("uval %s = %s", u, g.typedVar(ts[g.n(3)]))
		g.open("if %s {", g.boolExpr(2))
		g.line("%s = %s", u, g.typedVar(ts[g.n(3)]))
		g.close("}")
		m := g.fresh("m")
		g.count("match is")
		g.open("int %s = match %s {", m, u)
		g.line("is int n -> n")
		g.line("is string s -> s.len()")
		g.line("is bool b -> (b ? 1 : 2)")
		g.close("}")
		g.mix(m)
		g.mix("(" + u + " is string ? 5 : 6)")
		a := g.fresh("any")
		g.count("any")
		g.line("any %s = %s", a, u)
		g.open("if %s is int {", a)
		g.mix("(" + a + " as int)")
		g.close("}")
	case 2:
		n := g.fresh("opt")
		g.count("nullable")
		g.line("int? %s = null", n)
		g.open("if %s {", g.boolExpr(2))
		g.line("%s = %s", n, g.typedVar(tInt))
		g.close("}")
		g.mix("(" + n + " is null ? 0 : " + n + " as int)")
	default:
		s := g.fresh("sh")
		g.count("tagged union")
		cons := []string{
			"shape.circle(" + g.expr(tInt, 2, false) + ")",
			"shape.line(" + g.exprs(tInt, 2, 1) + ")",
			"shape.dot",
		}
		g.line("shape %s = %s", s, cons[g.n(3)])
		m := g.fresh("m")
		g.open("int %s = match %s {", m, s)
		g.line("is shape.circle r -> r * 3")
		g.line("is shape.line (a, b) -> a - b")
		g.line("is shape.dot -> 7")
		g.close("}")
		g.mix(m)
	}
}

func (g *gen) matchSnippet() {
	m := g.fresh("m")
	if g.feat["string"] && g.chance(30) {
		g.count("match string")
		g.open("int %s = match %s {", m, g.strExpr(2))
		g.line("%s -> %s", g.strLit(), g.expr(tInt, 1, false))
		g.line("%s | %s -> %s", g.strLit(), g.strLit(), g.expr(tInt, 1, false))
		g.line("_ -> %s", g.expr(tInt, 1, false))
		g.close("}")
		g.mix(m)
		return
	}
	g.count("match value")
	if g.chance(50) {
		g.open("int %s = match (%s & 3) {", m, g.expr(tInt, 2, true))
		g.line("0 -> %s", g.expr(tInt, 1, false))
		g.line("1 | 2 -> %s", g.expr(tInt, 1, false))
		g.line("_ -> %s", g.expr(tInt, 1, false))
		g.close("}")
		g.mix(m)
		return
	}
	g.count("match statement")
	g.open("match (%s & 3) {", g.expr(tInt, 2, true))
	for _, arm := range []string{"0", "1 | 3", "_"} {
		g.open("%s -> {", arm)
		g.block(2)
		g.close("}")
	}
	g.close("}")
}

func (g *gen) errorSnippet() {
	switch g.n(3) {
	case 0:
		g.count("catch")
		g.mix(g.catchDecl("risky("+g.expr(tInt, 2, false)+")", "-1", "h = h * 31 + err.msg().len()"))
	case 1:
		g.count("try catch")
		g.open("try {")
		g.mix("risky(" + g.expr(tInt, 2, false) + ")")
		g.mix("risky2(" + g.expr(tInt, 2, false) + ")")
		g.reopen(func() string { return "} catch err {" })
		g.line("h = h * 31 + err.msg().len()")
		g.count("error is")
		g.mix("(err is ref<myerr> ? 11 : 12)")
		g.close("}")
	default:
		g.count("catch")
		g.mix(g.catchDecl("risky2("+g.expr(tInt, 2, false)+")", "-2", "println('caught', err.msg())"))
	}
}

// typedVar declares a variable of type t holding a random expression
// and returns its name.
func (g *gen) typedVar(t *typ) string {
	v := g.fresh("v")
	g.line("%s %s = %s", t.name, v, g.expr(t, 2, false))
	g.declare(v, t, false)
	return v
}

// catchDecl declares an int holding the value of an errable call, or,
// when it throws, what the catch block (handler lines, then value)
// yields; it returns the variable's name.
func (g *gen) catchDecl(call, value string, handler ...string) string {
	e := g.fresh("e")
	g.open("int %s = %s catch err {", e, call)
	for _, l := range handler {
		g.line("%s", l)
	}
	g.line("%s", value)
	g.close("}")
	g.declare(e, tInt, false)
	return e
}

func (g *gen) coSnippet() {
	ch, p, s := g.fresh("ch"), g.fresh("pr"), g.fresh("s")
	n := 1 + g.n(5)
	g.count("coroutine")
	g.count("channel")
	if g.chance(50) {
		g.line("var %s = chan<int>.new()", ch)
	} else {
		g.line("var %s = chan<int>.new(%d)", ch, 1+g.n(4))
	}
	g.line("var %s = go producer(%s, %s, %d)", p, ch, g.expr(tInt, 2, false), n)
	g.line("int %s = 0", s)
	j := g.fresh("j")
	g.open("for int %s = 0; %s < %d; %s += 1 {", j, j, n, j)
	g.line("%s = %s * 7 + %s", s, s, g.catchDecl(ch+".recv()", "-1"))
	g.close("}")
	g.open("%s.await_void() catch err {", p)
	g.line("h = h * 31 + 5")
	g.close("}")
	g.mix(s)
	if g.chance(50) {
		f := g.fresh("fut")
		g.count("future")
		g.line("var %s = go sq(%s)", f, g.expr(tInt, 2, false))
		g.mix(g.catchDecl(f+".await()", "-1"))
	}
}
