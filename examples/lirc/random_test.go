package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	lower "github.com/naturekit/naturekit/lower/amd64"
)

var (
	batches   = flag.Int("batches", 25, "number of random modules TestDifferential compiles")
	batchSize = flag.Int("batch-size", 200, "random functions per module")
	seed      = flag.Uint64("seed", 1, "seed of the first random module")
)

// TestDifferential generates modules of random functions, compiles each
// with and without optimisation, and checks that the executables print
// what the interpreter prints. Many functions share one module so that
// one link and one process cover them all.
func TestDifferential(t *testing.T) {
	n := *batches
	if testing.Short() {
		n = min(n, 2)
	}
	for i := range n {
		s := *seed + uint64(i)
		src := randomModule(s, *batchSize)
		m, err := lir.Parse(fmt.Sprintf("random%d", s), src)
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", s, err, src)
		}
		want := interpret(t, m)
		for _, c := range configs {
			got := native(t, m, c.opts)
			if got != want {
				t.Fatalf("seed %d, %s: %s", s, c.name, firstFailure(t, m, c.opts))
			}
		}
	}
}

// firstFailure finds the first random function that computes something
// else natively than in the interpreter, compiling it alone with the
// functions it may call. Its callees all pass, so the bug is in it.
func firstFailure(t *testing.T, m *lir.Module, opts lower.Options) string {
	for i, f := range m.Funcs {
		if f.Name == "main" {
			break
		}
		var sb strings.Builder
		for _, g := range m.Funcs[:i+1] {
			sb.WriteString(g.String())
		}
		sb.WriteString("extern @print_i64\nfunc @main() i64 linear {\n")
		for k, in := range randomInputs {
			fmt.Fprintf(&sb, "\t%%%d:i64 = call @%s(i64 %d, i64 %d, f64 %d.5)\n\tcall @print_i64(i64 %%%d)\n", k, f.Name, in[0], in[1], in[0]%1000, k)
		}
		sb.WriteString("\tret 0\n}\n")
		one, err := lir.Parse("one", sb.String())
		if err != nil {
			return err.Error()
		}
		want, got := interpret(t, one), native(t, one, opts)
		if got != want {
			l, _ := lower.Generate(&lir.Module{Funcs: []*lir.Func{f}}, opts)
			return fmt.Sprintf("@%s: got %q, want %q\n%s\n%s", f.Name, got.stdout, want.stdout, f, l)
		}
	}
	return "no single function fails"
}

// randomInputs are the arguments main passes to every random function.
var randomInputs = [][2]int64{{0, 0}, {7, -3}, {-1 << 40, 12345}, {-1, 1<<63 - 1}}

// gen writes one random function in linear form.
type gen struct {
	r     *rand.Rand
	sb    strings.Builder
	ints  []string // registers holding i64 values
	flts  []string // registers holding f64 values
	next  int      // next register number
	label int
	index int  // the function's index: it may call functions before it
	slot  bool // ss0 is initialised
}

func (g *gen) reg() string {
	g.next++
	return fmt.Sprintf("%%%d", g.next-1)
}

func (g *gen) line(format string, args ...any) { fmt.Fprintf(&g.sb, "\t"+format+"\n", args...) }

// intOperand returns a register or a constant.
func (g *gen) intOperand() string {
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprint(g.r.Int64N(200) - 100)
	case 1:
		return fmt.Sprint(int64(g.r.Uint64()))
	}
	return g.ints[g.r.IntN(len(g.ints))]
}

func (g *gen) intReg() string { return g.ints[g.r.IntN(len(g.ints))] }

var (
	binOps    = []string{"add", "sub", "mul", "and", "or", "xor", "shl", "lshr", "ashr"}
	divOps    = []string{"sdiv", "udiv", "srem", "urem"}
	cmpOps    = []string{"eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"}
	fltOps    = []string{"fadd", "fsub", "fmul", "fdiv"}
	fcmpOps   = []string{"feq", "fne", "flt", "fle", "fgt", "fge"}
	narrow    = []string{"i8", "i16", "i32"}
	extension = []string{"sext", "zext"}
)

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// step emits one random piece of code.
func (g *gen) step() {
	switch g.r.IntN(13) {
	case 0, 1, 2:
		d := g.reg()
		g.line("%s:i64 = %s %s, %s", d, pick(g.r, binOps), g.intOperand(), g.intOperand())
		g.ints = append(g.ints, d)
	case 3:
		y := g.reg()
		g.line("%s:i64 = or %s, 1", y, g.intOperand())
		d := g.reg()
		g.line("%s:i64 = %s %s, %s", d, pick(g.r, divOps), g.intOperand(), y)
		g.ints = append(g.ints, d)
	case 4: // an operation in a narrow type
		t := pick(g.r, narrow)
		a, b, c, d := g.reg(), g.reg(), g.reg(), g.reg()
		g.line("%s:%s = trunc.i64 %s", a, t, g.intReg())
		g.line("%s:%s = trunc.i64 %s", b, t, g.intReg())
		op := pick(g.r, binOps)
		if g.r.IntN(3) == 0 {
			op = pick(g.r, divOps)
			g.line("%s:%s = or %s, 1", b, t, b)
		}
		g.line("%s:%s = %s %s, %s", c, t, op, a, b)
		g.line("%s:i64 = %s.%s %s", d, pick(g.r, extension), t, c)
		g.ints = append(g.ints, d)
	case 5: // a conditional
		c, d := g.reg(), g.reg()
		then, els, join := g.labels3()
		g.line("%s:i8 = %s.i64 %s, %s", c, pick(g.r, cmpOps), g.intReg(), g.intOperand())
		g.line("br %s, %s, %s", c, then, els)
		g.sb.WriteString(then + ":\n")
		g.line("%s:i64 = add %s, %s", d, g.intReg(), g.intOperand())
		g.line("jmp %s", join)
		g.sb.WriteString(els + ":\n")
		g.line("%s:i64 = copy %s", d, g.intOperand())
		g.sb.WriteString(join + ":\n")
		g.ints = append(g.ints, d)
	case 6: // a loop
		i, acc, c := g.reg(), g.reg(), g.reg()
		loop, body, done := g.labels3()
		x := g.intReg()
		g.line("%s:i64 = copy 0", i)
		g.line("%s:i64 = copy %s", acc, g.intReg())
		g.sb.WriteString(loop + ":\n")
		g.line("%s:i8 = slt.i64 %s, %d", c, i, g.r.IntN(5))
		g.line("br %s, %s, %s", c, body, done)
		g.sb.WriteString(body + ":\n")
		g.line("%s:i64 = %s %s, %s", acc, pick(g.r, binOps[:6]), acc, x)
		g.line("%s:i64 = add %s, 1", i, i)
		g.line("jmp %s", loop)
		g.sb.WriteString(done + ":\n")
		g.ints = append(g.ints, acc)
	case 7: // floats
		f, d := g.reg(), g.reg()
		g.line("%s:f64 = sitof.i64 %s", f, g.intReg())
		g.flts = append(g.flts, f)
		g.line("%s:f64 = %s %s, %s", d, pick(g.r, fltOps), g.flts[g.r.IntN(len(g.flts))], g.flts[g.r.IntN(len(g.flts))])
		g.flts = append(g.flts, d)
		n := g.reg()
		g.line("%s:i64 = ftosi.f64 %s", n, d)
		g.ints = append(g.ints, n)
	case 8: // a float compare
		c, d := g.reg(), g.reg()
		g.line("%s:i8 = %s.f64 %s, %s", c, pick(g.r, fcmpOps), g.flts[g.r.IntN(len(g.flts))], g.flts[g.r.IntN(len(g.flts))])
		g.line("%s:i64 = zext.i8 %s", d, c)
		g.ints = append(g.ints, d)
	case 9: // a call of an earlier function
		if g.index == 0 {
			return
		}
		d := g.reg()
		g.line("%s:i64 = call @f%d(i64 %s, i64 %s, f64 %s)", d, g.r.IntN(g.index), g.intReg(), g.intOperand(), g.flts[g.r.IntN(len(g.flts))])
		g.ints = append(g.ints, d)
	case 10: // memory
		if !g.slot {
			g.line("store.i64 0, [ss0]") // loads below may read any of the first 12 bytes
			g.line("store.i64 0, [ss0+8]")
			g.slot = true
		}
		t := pick(g.r, append(narrow, "i64"))
		d, e := g.reg(), g.reg()
		g.line("store.i64 %s, [ss0]", g.intReg())
		g.line("store.%s %s, [ss0+%d]", t, g.intOperand(), g.r.IntN(4))
		g.line("%s:%s = load [ss0+%d]", d, t, g.r.IntN(4))
		if t == "i64" {
			g.line("%s:i64 = copy %s", e, d)
		} else {
			g.line("%s:i64 = %s.%s %s", e, pick(g.r, extension), t, d)
		}
		g.ints = append(g.ints, e)
	case 11: // a shift by a variable of a narrow type
		t := pick(g.r, narrow)
		a, b, c, d := g.reg(), g.reg(), g.reg(), g.reg()
		g.line("%s:%s = trunc.i64 %s", a, t, g.intReg())
		g.line("%s:%s = trunc.i64 %s", b, t, g.intReg())
		g.line("%s:%s = %s %s, %s", c, t, pick(g.r, binOps[6:]), a, b)
		g.line("%s:i64 = sext.%s %s", d, t, c)
		g.ints = append(g.ints, d)
	case 12: // an early return, which may need no frame (shrink-wrapping)
		c, d := g.reg(), g.reg()
		ret, cont, _ := g.labels3()
		g.line("%s:i8 = %s.i64 %s, %s", c, pick(g.r, cmpOps), g.intReg(), g.intOperand())
		g.line("br %s, %s, %s", c, ret, cont)
		g.sb.WriteString(ret + ":\n")
		g.line("%s:i64 = %s %s, %s", d, pick(g.r, binOps[:6]), g.intReg(), g.intOperand())
		g.line("ret %s", d)
		g.sb.WriteString(cont + ":\n")
	}
}

func (g *gen) labels3() (string, string, string) {
	g.label += 3
	return fmt.Sprintf("L%d", g.label-3), fmt.Sprintf("L%d", g.label-2), fmt.Sprintf("L%d", g.label-1)
}

// randomFunc returns function @f<index>(i64, i64, f64) i64.
func randomFunc(r *rand.Rand, index int) string {
	g := &gen{r: r, index: index, next: 3, ints: []string{"%0", "%1"}, flts: []string{"%2"}}
	fmt.Fprintf(&g.sb, "func @f%d(%%0:i64, %%1:i64, %%2:f64) i64 linear {\n\tss0 = slot 16 align 8\n", index)
	for range 5 + r.IntN(25) {
		g.step()
	}
	acc := g.reg()
	g.line("%s:i64 = copy 0", acc)
	for _, v := range g.ints[max(0, len(g.ints)-6):] {
		g.line("%s:i64 = xor %s, %s", acc, acc, v)
		g.line("%s:i64 = mul %s, 31", acc, acc)
	}
	g.line("ret %s", acc)
	g.sb.WriteString("}\n")
	return g.sb.String()
}

// randomModule returns n random functions and a main that calls each
// with every input and prints the results.
func randomModule(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 0x6e6b))
	var sb strings.Builder
	sb.WriteString("extern @print_i64\n")
	for i := range n {
		sb.WriteString(randomFunc(r, i))
	}
	sb.WriteString("func @main() i64 linear {\n")
	for i := range n {
		for k, in := range randomInputs {
			fmt.Fprintf(&sb, "\t%%%d:i64 = call @f%d(i64 %d, i64 %d, f64 %d.5)\n", 4*i+k, i, in[0], in[1], in[0]%1000)
			fmt.Fprintf(&sb, "\tcall @print_i64(i64 %%%d)\n", 4*i+k)
		}
	}
	sb.WriteString("\tret 0\n}\n")
	return sb.String()
}
