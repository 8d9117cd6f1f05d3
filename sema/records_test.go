package sema

import (
	"go/constant"
	"math"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/ast"
)

// varInit returns the initialiser of local var name in info's main
// module.
func varInit(t *testing.T, info *Info, name string) ast.Expr {
	t.Helper()
	var init ast.Expr
	for _, f := range info.Main.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if d, ok := n.(*ast.VarDecl); ok && d.Name != nil && d.Name.Name == name {
				init = d.Value
			}
			return init == nil
		})
	}
	if init == nil {
		t.Fatalf("no var %s", name)
	}
	return init
}

// TestFloatConstants checks the float64 values of folded constants
// (TypeAndValue.Float), which the typed dump cannot show bit for bit.
func TestFloatConstants(t *testing.T) {
	src := `const Z = -0.0
const BIG = 1e308 * 10.0
fn main() {
    f64 a = Z
    f64 b = -Z
    f64 c = 0.0 * -1.0
    var d = -0.0 as f32
    f64 f = 0.1 + 0.2
    var g = BIG
    var h = -BIG
    var i = BIG - BIG
    var j = 1e400
    var k = 1e-400 * -1.0
    f64 l = 9007199254740993
    f64 m = 18446744073709551615
    var n = 1e39 as f32
    f32 o = 0.1
    var p = 7 / 2.0
}
`
	info, err := parseAndCheck([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	negZero := math.Copysign(0, -1)
	tenth := 0.1 // a variable: Go folds 0.1 + 0.2 exactly
	for _, tc := range []struct {
		name string
		want float64
	}{
		{"a", negZero},
		{"b", 0},
		{"c", negZero},
		{"d", negZero},
		{"f", tenth + 0.2},
		{"g", math.Inf(1)},
		{"h", math.Inf(-1)},
		{"i", negNaN},
		{"j", math.Inf(1)},
		{"k", negZero},
		{"l", 9007199254740992},
		{"m", 18446744073709551616},
		{"n", math.Inf(1)},
		{"o", 0.1}, // rounded to f32 by whoever stores it
		{"p", 3.5},
	} {
		tv := info.Types.At(varInit(t, info, tc.name))
		if tv.Mode != Constant || tv.Value == nil {
			t.Errorf("%s: not a constant: %+v", tc.name, tv)
			continue
		}
		if math.Float64bits(tv.Float) != math.Float64bits(tc.want) {
			t.Errorf("%s: Float = %v (%#x), want %v (%#x)", tc.name, tv.Float, math.Float64bits(tv.Float), tc.want, math.Float64bits(tc.want))
		}
		finite := !math.IsInf(tc.want, 0) && !math.IsNaN(tc.want)
		if finite != (tv.Value.Kind() != constant.Unknown) {
			t.Errorf("%s: Value %v of kind %v", tc.name, tv.Value, tv.Value.Kind())
		}
		if f, _ := constant.Float64Val(constant.ToFloat(tv.Value)); finite && f != tc.want {
			t.Errorf("%s: Value = %v, want %v", tc.name, f, tc.want)
		}
	}
	// The reference folds in double: 0.1 + 0.2 is not 0.3.
	if f := info.Types.At(varInit(t, info, "f")).Float; f == 0.3 {
		t.Errorf("0.1 + 0.2 folded exactly")
	}
	for _, name := range []string{"Z", "BIG"} {
		k, _ := info.Main.Scope.Lookup(name).(*Const)
		if k == nil {
			t.Fatalf("no const %s", name)
		}
		if name == "Z" && !math.Signbit(k.Float) || name == "BIG" && !math.IsInf(k.Float, 1) {
			t.Errorf("const %s: Float = %v", name, k.Float)
		}
	}
}

// TestFloatToIntConstant checks that a float constant converts to an
// integer as at run time (truncated to an int64 as cvttsd2si does, then
// wrapped), as the reference does, without a range error.
func TestFloatToIntConstant(t *testing.T) {
	src := `fn main() {
    var a = 300.5 as i8
    var b = -1.5 as u8
    var c = 1e20 as u64
    var d = 1e30 as int
    var e = -129.9 as i8
    var f = 2.9 as int
}
`
	info, err := parseAndCheck([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a": "44", "b": "255", "c": "9223372036854775808",
		"d": "-9223372036854775808", "e": "127", "f": "2",
	} {
		tv := info.Types.At(varInit(t, info, name))
		if tv.Value == nil || tv.Value.ExactString() != want {
			t.Errorf("%s = %v, want %s", name, tv.Value, want)
		}
	}
}

// TestRecords checks the facts the lowering reads instead of analysing
// the tree again: capture sets in source order, assigned variables and
// the type of a match statement.
func TestRecords(t *testing.T) {
	src := `fn main() {
    int lo = 1
    int hi = 3
    [int] v = []
    [int] w = []
    ptr<[int]> p = &w
    var f = fn():int {
        var t = 0
        for i in lo..hi {
            t += i
        }
        var g = fn() {
            v.push(t)
            p.push(1)
        }
        g()
        return t
    }
    f()
    match lo {
        1 -> println("one")
        _ -> {}
    }
}
`
	info, err := parseAndCheck([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]*Var{}
	for id, obj := range info.Defs {
		if v, ok := obj.(*Var); ok {
			vars[id.Name] = v
		}
	}
	var lits []*Func
	var match *ast.MatchExpr
	ast.Inspect(info.Main.Files[0], func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, info.FuncLits[n])
		case *ast.MatchExpr:
			match = n
		}
		return true
	})
	captures := func(f *Func) string {
		var names []string
		for _, v := range f.Captures {
			names = append(names, v.Name())
		}
		return strings.Join(names, " ")
	}
	// for in lo..hi checks hi before lo; the order is the source's.
	if got := captures(lits[0]); got != "lo hi v p" {
		t.Errorf("captures of f: %s", got)
	}
	if got := captures(lits[1]); got != "v t p" {
		t.Errorf("captures of g: %s", got)
	}
	for name, want := range map[string]bool{
		"lo": false, "hi": false, "v": true, "w": false, "p": false, "t": true, "i": true, "f": false,
	} {
		if vars[name].Assigned != want {
			t.Errorf("%s: Assigned = %v, want %v", name, vars[name].Assigned, want)
		}
	}
	if !vars["w"].AddrTaken || !vars["t"].Captured || vars["f"].Captured {
		t.Errorf("w addr %v, t captured %v, f captured %v", vars["w"].AddrTaken, vars["t"].Captured, vars["f"].Captured)
	}
	if tv, ok := info.Types.Lookup(match); !ok || tv.Mode != NoValue || !IsVoid(tv.Type) {
		t.Errorf("match statement recorded as %+v, %v", tv, ok)
	}
}
