package sema

import (
	"go/constant"
	"go/token"
	"math"
	"math/big"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// TestIntFastPaths checks the int64 fast paths of fitsInt and wrapInt
// against the same computation in big.Int, for every integer type.
func TestIntFastPaths(t *testing.T) {
	vals := []int64{0, 1, -1, 2, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769,
		65535, 65536, math.MaxInt32, math.MaxInt32 + 1, math.MinInt32, math.MinInt32 - 1,
		math.MaxUint32, math.MaxUint32 + 1, math.MaxInt64, math.MinInt64, math.MinInt64 + 1, 0x1234_5678_9abc_def0}
	for _, k := range []BasicKind{I8, I16, I32, I64, U8, U16, U32, U64} {
		typ := Typ[k]
		bits := uint(IntBits(typ))
		mod := new(big.Int).Lsh(big.NewInt(1), bits)
		lo, hi := big.NewInt(0), new(big.Int).Sub(mod, big.NewInt(1))
		if bits == 64 {
			lo = big.NewInt(math.MinInt64) // u64 takes negative literals, as the reference
		}
		if !IsUnsigned(typ) {
			half := new(big.Int).Rsh(mod, 1)
			lo, hi = new(big.Int).Neg(half), new(big.Int).Sub(half, big.NewInt(1))
		}
		for _, x := range vals {
			b := big.NewInt(x)
			v := constant.MakeInt64(x)
			if got, want := fitsInt(v, typ), b.Cmp(lo) >= 0 && b.Cmp(hi) <= 0; got != want {
				t.Errorf("fitsInt(%d, %s) = %v, want %v", x, typ, got, want)
			}
			m := new(big.Int).Mod(b, mod)
			if !IsUnsigned(typ) && m.Cmp(new(big.Int).Rsh(mod, 1)) >= 0 {
				m.Sub(m, mod)
			}
			if got := wrapInt(v, typ); constant.Compare(got, token.EQL, constant.Make(m)) == false {
				t.Errorf("wrapInt(%d, %s) = %v, want %v", x, typ, got, m)
			}
		}
	}
}

// TestFloatLiteralFastPath checks that float literals, parsed with
// strconv, get the float64 nearest to their exact value, as rounding the
// exact rational (go/constant) gives.
func TestFloatLiteralFastPath(t *testing.T) {
	for _, lit := range []string{"0.0", "1.5", "0.1", "3.141592653589793", "1e10", "1E-5", "2.5e+3",
		"9007199254740993.0", "9007199254740995.0", "4.9406564584124654e-324", "2.4703282292062327e-324",
		"2.4703282292062328e-324", "1e-400", "1.7976931348623157e308", "1.7976931348623159e308", "1e400",
		"123456789012345678901234567890.5", "0.000000000000000000000000000001"} {
		v, ok := literalValue(&ast.BasicLit{Kind: lex.FLOAT, Value: lit})
		if !ok || !v.float {
			t.Errorf("%s: not a float constant", lit)
			continue
		}
		want, _ := constant.Float64Val(constant.MakeFromLiteral(lit, token.FLOAT, 0))
		if math.Float64bits(v.f) != math.Float64bits(want) {
			t.Errorf("%s = %v, want %v", lit, v.f, want)
		}
	}
}
