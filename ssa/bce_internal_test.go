package ssa

import (
	"math"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// TestRelationTables checks BCE's mirrored and negation tables against
// lir.EvalCompare, on integers around zero and the signed and unsigned
// limits and on floats with a NaN: a mirrored comparison holds with the
// operands swapped exactly when the original holds, a negation exactly
// when it does not.
func TestRelationTables(t *testing.T) {
	ints := []uint64{0, 1, 2, math.MaxInt64, 1 << 63, math.MaxUint64 - 1, math.MaxUint64}
	floats := []uint64{lir.FloatBits(lir.F64, -1), lir.FloatBits(lir.F64, 0), lir.FloatBits(lir.F64, 2.5), lir.FloatBits(lir.F64, math.NaN())}
	check := func(op, swapped lir.Op, negated bool) {
		typ, vals := lir.I64, ints
		if op == lir.OpFGt || op == lir.OpFGe {
			typ, vals = lir.F64, floats
		}
		for _, x := range vals {
			for _, y := range vals {
				want := lir.EvalCompare(op, typ, x, y) != negated
				if got := lir.EvalCompare(swapped, typ, y, x); got != want {
					t.Errorf("%v %#x, %#x is %v, but %v %#x, %#x is %v (negation: %v)", op, x, y, !want, swapped, y, x, got, negated)
				}
			}
		}
	}
	for op, m := range mirrored {
		check(op, m, false)
	}
	for op, n := range negation {
		check(op, n, true)
	}
}
