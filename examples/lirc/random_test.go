package main

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	back "github.com/naturekit/naturekit/lower"
)

var (
	batches   = randprog.SeedFlags("batches", 25, "random modules TestDifferential compiles")
	batchSize = flag.Int("batch-size", 200, "random functions per module")
	// arm64 executables run under qemu-aarch64-static, about six times
	// slower than the amd64 ones; all 25 modules (5000 functions) take
	// about 20 s more than amd64's alone.
	arm64Batches = flag.Int("arm64-batches", 25, "how many of the random modules TestDifferential also runs on arm64 (under qemu)")
)

// TestDifferential generates modules of random functions, compiles each
// with and without optimisation, and checks that the executables print
// what the interpreter prints. Many functions share one module so that
// one link and one process cover them all.
func TestDifferential(t *testing.T) {
	k := 0
	for s := range batches.All(1, testing.Short(), 2) {
		k++
		src := randomModule(s, *batchSize)
		m, err := lir.Parse(fmt.Sprintf("random%d", s), src)
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", s, err, src)
		}
		want := interpret(t, m)
		for _, c := range configs {
			if c.target == "arm64" && k > *arm64Batches {
				continue
			}
			got := native(t, m, c)
			if got != want {
				t.Fatalf("seed %d, %s: %s", s, c.name, firstFailure(t, m, c))
			}
		}
	}
}

// firstFailure finds the first random function that computes something
// else natively than in the interpreter, compiling it alone with the
// functions it may call. Its callees all pass, so the bug is in it.
func firstFailure(t *testing.T, m *lir.Module, c config) string {
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
		want, got := interpret(t, one), native(t, one, c)
		if got != want {
			mc, _, _ := machine(c.target)
			l, _ := back.Generate(&lir.Module{Funcs: []*lir.Func{f}}, mc, c.opts)
			return fmt.Sprintf("@%s: got %q, want %q\n%s\n%s", f.Name, got.stdout, want.stdout, f, l)
		}
	}
	return "no single function fails"
}

// randomInputs are the arguments main passes to every random function.
var randomInputs = [][2]int64{{0, 0}, {7, -3}, {-1 << 40, 12345}, {-1, 1<<63 - 1}}

// randomConfig shapes the random functions: lir/randprog with every
// feature the executables can run (not the externs @ext and @fext,
// which lirc's runtime does not have) and calls between the functions;
// values are observed through print_i64.
func randomConfig(n int) randprog.Config {
	c := randprog.All()
	c.Calls = false
	c.Funcs, c.FloatParam, c.Observe = n, true, "print_i64"
	return c
}

// randomModule returns n random functions and a main that calls each
// with every input and prints the results.
func randomModule(seed uint64, n int) string {
	var sb strings.Builder
	sb.WriteString(randprog.Generate(seed, randomConfig(n)).String())
	sb.WriteString("\nfunc @main() i64 linear {\n")
	for i := range n {
		for k, in := range randomInputs {
			fmt.Fprintf(&sb, "\t%%%d:i64 = call @%s(i64 %d, i64 %d, f64 %d.5)\n", 4*i+k, randprog.FuncName(i), in[0], in[1], in[0]%1000)
			fmt.Fprintf(&sb, "\tcall @print_i64(i64 %%%d)\n", 4*i+k)
		}
	}
	sb.WriteString("\tret 0\n}\n")
	return sb.String()
}
