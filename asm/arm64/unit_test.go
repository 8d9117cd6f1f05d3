package arm64

import (
	"math/rand/v2"
	"testing"
)

// TestFPImm8 checks the fmov immediate encoder against the decoder for
// all 256 encodings and rejects values between them.
func TestFPImm8(t *testing.T) {
	for i := uint32(0); i < 256; i++ {
		v := fpImm8Value(i)
		got, ok := fpImm8(v)
		if !ok || got != i {
			t.Errorf("fpImm8(%v) = %#x, %v; want %#x", v, got, ok, i)
		}
	}
	for _, v := range []float64{0, 0.1, 32, 0.0625, 1.03125, -33} {
		if got, ok := fpImm8(v); ok {
			t.Errorf("fpImm8(%v) = %#x, want not encodable", v, got)
		}
	}
}

// TestBitmask checks that the value of every N:immr:imms that decodes
// encodes to fields that decode to the same value, for both widths, that
// there are 5334 distinct 64-bit bitmask immediates, and that
// random values are accepted exactly when some encoding produces them.
func TestBitmask(t *testing.T) {
	valid := map[uint64]bool{}
	for _, width := range []int{32, 64} {
		for n := uint32(0); n < 2; n++ {
			for immr := uint32(0); immr < 64; immr++ {
				for imms := uint32(0); imms < 64; imms++ {
					v, ok := decodeBitmask(n, immr, imms, width)
					if !ok || (width == 32 && (n == 1 || immr >= 32)) {
						continue
					}
					gn, gr, gs, ok := encodeBitmask(v, width)
					back, ok2 := decodeBitmask(gn, gr, gs, width)
					if !ok || !ok2 || back != v {
						t.Fatalf("width %d: %#x decodes from %d:%d:%d but encodes to %d:%d:%d (%v), which decodes to %#x", width, v, n, immr, imms, gn, gr, gs, ok, back)
					}
					if width == 64 {
						valid[v] = true
					}
				}
			}
		}
	}
	if len(valid) != 5334 {
		t.Errorf("%d distinct 64-bit bitmask immediates, want 5334", len(valid))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := r.Uint64()
		if r.IntN(2) == 0 {
			v >>= r.IntN(64)
		}
		if _, _, _, ok := encodeBitmask(v, 64); ok != valid[v] {
			t.Fatalf("encodeBitmask(%#x) ok=%v, want %v", v, ok, valid[v])
		}
	}
}

func TestParseReg(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want Reg
		ok   bool
	}{
		{"x0", X0, true}, {"X30", X30, true}, {"x31", 0, false}, {"w31", 0, false}, {"x01", 0, false},
		{"sp", SP, true}, {"WSP", WSP, true}, {"xzr", XZR, true}, {"wzr", WZR, true}, {"fp", X29, true},
		{"lr", X30, true}, {"ip0", X16, true}, {"ip1", X17, true}, {"d31", D31, true}, {"q32", 0, false},
		{"s7", S7, true}, {"b3", BReg(3), true}, {"h10", H(10), true}, {"x", 0, false}, {"x100", 0, false},
		{"foo", 0, false}, {"eq", 0, false},
	} {
		got, ok := parseReg(tc.s)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseReg(%q) = %v, %v; want %v, %v", tc.s, got, ok, tc.want, tc.ok)
		}
	}
}
