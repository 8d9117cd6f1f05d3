package regalloc

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// movesTarget has four GP and two FP registers to move between, and a
// scratch register per class.
func movesTarget() *Target {
	return &Target{
		Name: "moves",
		Regs: []Reg{
			{Name: "a", Class: GP}, {Name: "b", Class: GP}, {Name: "c", Class: GP}, {Name: "d", Class: GP},
			{Name: "s", Class: GP}, {Name: "x", Class: FP}, {Name: "y", Class: FP}, {Name: "t", Class: FP},
		},
		Allocatable: [NumClasses][]int{{0, 1, 2, 3}, {5, 6}},
		Scratch:     [NumClasses]int{4, 7},
	}
}

// locations are the places the tests move between: four GP registers,
// three slots, two FP registers.
var locations = []loc{
	{inReg, 0}, {inReg, 1}, {inReg, 2}, {inReg, 3},
	{inSlot, 0}, {inSlot, 1}, {inSlot, 2},
}

// TestSequentializePermutations runs every permutation of up to five of
// the locations as a parallel move (each location receives the value of
// another: cycles of every length, through registers and memory), plus
// random partial moves with fan-out and constants, and checks that the
// emitted sequence leaves every location as the parallel move would.
func TestSequentializePermutations(t *testing.T) {
	for n := 1; n <= 5; n++ {
		for _, set := range subsets(len(locations), n) {
			permute(set, func(perm []int) {
				var moves []move
				for i, to := range perm {
					moves = append(moves, move{dst: locations[set[i]], src: locations[to], typ: lir.I64})
				}
				checkParallel(t, moves)
			})
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var moves []move
		written := map[loc]bool{}
		for range r.IntN(8) {
			dst := locations[r.IntN(len(locations))]
			if written[dst] {
				continue
			}
			written[dst] = true
			m := move{dst: dst, src: locations[r.IntN(len(locations))], typ: lir.I64}
			if r.IntN(5) == 0 {
				m.src, m.op = loc{kind: fromOperand}, lir.Int(lir.I64, r.Int64N(1000))
			}
			moves = append(moves, m)
		}
		checkParallel(t, moves)
	}
}

// TestSequentializeFloat swaps the two FP registers and two slots.
func TestSequentializeFloat(t *testing.T) {
	x, y := loc{inReg, 5}, loc{inReg, 6}
	s0, s1 := loc{inSlot, 0}, loc{inSlot, 1}
	checkParallel(t, []move{{dst: x, src: y, typ: lir.F64}, {dst: y, src: x, typ: lir.F64}})
	checkParallel(t, []move{{dst: s0, src: s1, typ: lir.F64}, {dst: s1, src: s0, typ: lir.F64}, {dst: x, src: y, typ: lir.F64}, {dst: y, src: x, typ: lir.F64}})
	checkParallel(t, []move{{dst: s0, src: x, typ: lir.F64}, {dst: x, src: s0, typ: lir.F64}})
}

// checkParallel sequentializes moves, runs the result on a model machine
// whose every location starts with a distinct value, and compares the
// outcome with the parallel semantics.
func checkParallel(t *testing.T, moves []move) {
	t.Helper()
	f := &lir.Func{Name: "m"}
	for range 3 {
		f.NewSlot(8, 8)
	}
	a := &allocator{f: f, t: movesTarget(), res: &Result{}, tempSlot: [NumClasses]lir.SlotID{-1, -1}}
	var code []lir.Instr
	a.sequentialize(moves, func(in lir.Instr) { code = append(code, in) })

	regs := map[int]uint64{}
	slots := map[int]uint64{}
	for i := range 8 {
		regs[i] = uint64(100 + i)
	}
	for i := range len(f.Slots) {
		slots[i] = uint64(200 + i)
	}
	value := func(l loc, op lir.Operand) uint64 {
		switch l.kind {
		case inReg:
			return regs[int(l.n)]
		case inSlot:
			return slots[int(l.n)]
		}
		return uint64(op.Imm)
	}
	want := map[loc]uint64{}
	for _, l := range append(locations, loc{inReg, 5}, loc{inReg, 6}) {
		want[l] = value(l, lir.Operand{})
	}
	for _, m := range moves {
		want[m.dst] = value(m.src, m.op)
	}
	read := func(o lir.Operand) uint64 {
		switch o.Kind {
		case lir.PhysOperand:
			return regs[int(o.Index)]
		case lir.IntOperand:
			return uint64(o.Imm)
		}
		panic(fmt.Sprintf("operand %v", o))
	}
	for _, in := range code {
		switch in := in.(type) {
		case *lir.Unary:
			regs[int(in.Dst.Index)] = read(in.X)
		case *lir.Load:
			regs[int(in.Dst.Index)] = slots[int(in.Addr.Index)]
		case *lir.Store:
			slots[int(in.Addr.Index)] = read(in.Val)
		default:
			t.Fatalf("unexpected instruction %T", in)
		}
	}
	for l, w := range want {
		if got := value(l, lir.Operand{}); got != w {
			var text string
			for _, in := range code {
				text += "\n\t" + f.FormatInstr(in)
			}
			t.Fatalf("moves %v: location %v holds %d, want %d; code:%s", moves, l, got, w, text)
		}
	}
}

// subsets returns the n-element subsets of 0..k-1.
func subsets(k, n int) [][]int {
	if n == 0 {
		return [][]int{nil}
	}
	var out [][]int
	for first := 0; first <= k-n; first++ {
		for _, rest := range subsets(k-first-1, n-1) {
			s := []int{first}
			for _, x := range rest {
				s = append(s, first+1+x)
			}
			out = append(out, s)
		}
	}
	return out
}

// permute calls fn with every permutation of set.
func permute(set []int, fn func([]int)) {
	p := append([]int(nil), set...)
	var rec func(int)
	rec = func(i int) {
		if i == len(p) {
			fn(p)
			return
		}
		for j := i; j < len(p); j++ {
			p[i], p[j] = p[j], p[i]
			rec(i + 1)
			p[i], p[j] = p[j], p[i]
		}
	}
	rec(0)
}
