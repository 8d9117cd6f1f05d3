package parse

import (
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/lex"
)

// TestPathologicalInputs repeats constructs that stress lookahead,
// recovery and nesting 20,000 times. Each file must be rejected or parsed
// in time linear in its length: a quadratic path shows as a parse of
// 20,000 units taking a hundred times as long as one of 2,000. The
// figure is a ratio of best-of-three times, so a loaded machine, which
// slows both, does not make it fail; a linear parser stays near 10.
func TestPathologicalInputs(t *testing.T) {
	units := []string{"for ", "a<", "fn(", "(", "[", "{", "-", "a.", "a+", "x?",
		"match x {", "if x {", "f(", "fn main() {", "[int;", "vec<", "x is ",
		"a ? b : ", "new T(", "T{a: ", "@sizeof(", "'a", "/*", "#where T: ",
		"import a.", "type t = struct {", "(a, ", "a<b, ", "} else {"}
	for _, unit := range units {
		small := parseTime(unit, 2000)
		large := parseTime(unit, 20000)
		if large > 200*time.Millisecond && large > 40*small {
			t.Errorf("%q: x 2000 in %v, x 20000 in %v: not linear", unit, small, large)
		}
	}
}

// parseTime returns the least time of three parses of n copies of unit
// in a function body.
func parseTime(unit string, n int) time.Duration {
	src := []byte("fn main() {\n" + strings.Repeat(unit, n) + "\n}\n")
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		ParseFile(lex.NewFileSet(), "f.n", src)
		best = min(best, time.Since(t0))
	}
	return best
}
