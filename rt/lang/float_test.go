package lang

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// manual is a heap configuration that never collects on its own.
var manual = gcConfigManual()

// formatFloat returns what the runtime prints for f.
func formatFloat(r *testRT, f float64) string {
	r.nout = 0
	r.PrintFloat(f)
	s := string(r.out[:r.nout])
	r.nout = 0
	return s
}

// checkFloat compares the runtime's %f with fmt's, which is exact and
// rounds ties to even like musl's printf.
func checkFloat(t *testing.T, r *testRT, f float64) {
	t.Helper()
	want := fmt.Sprintf("%f", f)
	if math.IsNaN(f) {
		want = "nan"
		if math.Signbit(f) {
			want = "-nan"
		}
	} else if math.IsInf(f, 0) {
		want = "inf"
		if f < 0 {
			want = "-inf"
		}
	}
	if got := formatFloat(r, f); got != want {
		t.Errorf("%%f of %v (bits %#x) = %q, want %q", f, math.Float64bits(f), got, want)
	}
}

func TestFloatEdges(t *testing.T) {
	r := newRT(t, manual)
	edges := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.5, 1.5, 2.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
		0.0078125, 0.0234375, 0.0000005, 0.0000015, 0.0000025, 0.0000004999999999,
		0.9999995, 0.99999949999999, 0.9999994999999999, 9.9999995, 999999.9999995,
		1e6, 1e15, 1e20, 1e21, 1e22, 1e23, 123456.789, 0.000001, 0.0000004, 2.5e-7,
		1 << 52, 1 << 53, 1<<53 + 2, 1 << 63, 1 << 64, 18446744073709549568, 16777217,
		math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308,
		2.225073858507201e-308, 1e308, 1.7976931348623157e308, 4.9e-324,
		math.Pi, math.E, -math.Pi * 1e10, 4503599627370495.5, 4503599627370496.5,
		0.5 + 1e-16, 1e-7, 5e-7, 4.999999999999999e-7, 5.000000000000001e-7,
		math.Inf(1), math.Inf(-1), math.NaN(), math.Float64frombits(0xfff8000000000000),
		float64(float32(0.1)), float64(float32(16777216.0)), float64(float32(1.0) / 3),
	}
	for _, f := range edges {
		checkFloat(t, r, f)
		checkFloat(t, r, -f)
	}
	// Every power of two, and its neighbours.
	for e := -1074; e <= 1023; e++ {
		f := math.Ldexp(1, e)
		checkFloat(t, r, f)
		checkFloat(t, r, math.Nextafter(f, 0))
		checkFloat(t, r, math.Nextafter(f, math.Inf(1)))
	}
	// Values whose seventh decimal is a 5, exactly or nearly: ties and
	// near-ties of the rounding.
	for i := 0; i < 2000; i++ {
		f := (float64(i) + 0.5) / 1e6
		checkFloat(t, r, f)
		checkFloat(t, r, math.Nextafter(f, 0))
		checkFloat(t, r, math.Nextafter(f, 1))
		g := float64(i)/64 + 1.0/128 // exact binary ties at the 7th decimal
		checkFloat(t, r, g)
	}
}

func TestFloatRandom(t *testing.T) {
	r := newRT(t, manual)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 200000
	if testing.Short() {
		n = 20000
	}
	for i := 0; i < n; i++ {
		var f float64
		switch i % 4 {
		case 0: // any bits: the whole exponent range, denormals, NaNs
			f = math.Float64frombits(rng.Uint64())
		case 1: // moderate magnitudes, where the decimals matter
			f = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(24)-8))
		case 2: // denormals
			f = math.Float64frombits(rng.Uint64() >> 12)
		case 3: // few decimals: exact ties are common
			f = float64(rng.Int64N(1<<40)) / float64(uint64(1)<<rng.IntN(40))
		}
		checkFloat(t, r, f)
	}
}
