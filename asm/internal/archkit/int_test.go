package archkit

import (
	"testing"

	"github.com/naturekit/naturekit/asm"
)

// TestInt checks that Int agrees with asm.ParseExpr wherever it accepts.
func TestInt(t *testing.T) {
	for _, s := range []string{
		"0", "7", "-7", "+7", "- 7", "+\t7", "123456789012345678", "1234567890123456789",
		"0x0", "0X1f", "-0x10", "0xffffffffffffffff", "-0xffffffffffffffff", "0x7fffffffffffffff",
		"010", "0b1", "", "-", "x", "1x", "0x", "0xg", "1 ", " 1", "--1",
	} {
		v, ok := Int(s)
		e, err := asm.ParseExpr(s)
		if ok && (err != nil || !e.IsConst() || e.Add != v) {
			t.Errorf("Int(%q) = %d, but asm.ParseExpr gives %v, %v", s, v, e, err)
		}
	}
}
