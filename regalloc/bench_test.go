package regalloc_test

import (
	"fmt"
	"testing"

	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/regalloc"
)

// BenchmarkAllocate allocates large generated functions (the random
// programs of the differential test, grown to 10k and 100k
// instructions) for the mock target. Building SSA is outside the timer;
// each iteration allocates a fresh clone.
func BenchmarkAllocate(b *testing.B) {
	for _, size := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("instrs=%d", size), func(b *testing.B) {
			c := smallConfig()
			c.MinInstrs = size
			f := randprog.Generate(1, c).Funcs[0]
			if err := toSSA(f); err != nil {
				b.Fatal(err)
			}
			n := 0
			for _, blk := range f.Blocks {
				n += len(blk.Instrs)
			}
			t := mockTarget()
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				g := f.Clone()
				b.StartTimer()
				if _, err := regalloc.Allocate(g, t); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "instrs")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/instr")
		})
	}
}

// TestLarge allocates one large function and checks it against the
// interpreter, so that the benchmark's input is known to be handled
// correctly.
func TestLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large function")
	}
	c := smallConfig()
	c.MinInstrs = 20_000
	m := randprog.Generate(7, c)
	f := m.Funcs[0]
	if err := toSSA(f); err != nil {
		t.Fatal(err)
	}
	want := behaviour(m, f, nil)
	if _, err := regalloc.Allocate(f, mockTarget()); err != nil {
		t.Fatal(err)
	}
	if err := checkAllocated(f); err != nil {
		t.Fatal(err)
	}
	if got := behaviour(m, f, mockTarget()); got != want {
		t.Fatalf("allocation changed the behaviour:\nwant %s\ngot  %s", want, got)
	}
}
