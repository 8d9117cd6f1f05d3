package parse

import (
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/lex"
)

// TestPathologicalInputs repeats constructs that stress lookahead,
// recovery and nesting 20,000 times. Each file must be rejected or parsed
// quickly: a quadratic path would take seconds (the generous limit allows
// for a loaded machine).
func TestPathologicalInputs(t *testing.T) {
	units := []string{"for ", "a<", "fn(", "(", "[", "{", "-", "a.", "a+", "x?",
		"match x {", "if x {", "f(", "fn main() {", "[int;", "vec<", "x is ",
		"a ? b : ", "new T(", "T{a: ", "@sizeof(", "'a", "/*", "#where T: ",
		"import a.", "type t = struct {", "(a, ", "a<b, ", "} else {"}
	for _, unit := range units {
		src := "fn main() {\n" + strings.Repeat(unit, 20000) + "\n}\n"
		t0 := time.Now()
		ParseFile(lex.NewFileSet(), "f.n", []byte(src))
		if d := time.Since(t0); d > 2*time.Second {
			t.Errorf("%q x 20000: %v", unit, d)
		}
	}
}
