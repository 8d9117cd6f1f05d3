package gofront

import (
	"go/constant"
	"go/token"
	"testing"
)

// TestFlip checks flip's two comparisons against go/constant's.
func TestFlip(t *testing.T) {
	for _, op := range []token.Token{token.LSS, token.LEQ, token.GTR, token.GEQ} {
		neg, swapped := flip(op)
		for a := int64(-1); a <= 1; a++ {
			for b := int64(-1); b <= 1; b++ {
				x, y := constant.MakeInt64(a), constant.MakeInt64(b)
				holds := constant.Compare(x, op, y)
				if constant.Compare(x, neg, y) == holds {
					t.Errorf("%d %v %d: negated %v agrees with it", a, op, b, neg)
				}
				if constant.Compare(y, swapped, x) != holds {
					t.Errorf("%d %v %d: swapped %v differs", a, op, b, swapped)
				}
			}
		}
	}
	if neg, swapped := flip(token.EQL); neg != token.ILLEGAL || swapped != token.EQL {
		t.Errorf("flip(==) = %v, %v; want ILLEGAL, ==", neg, swapped)
	}
}
