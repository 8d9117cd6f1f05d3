package sema

import (
	"sync"
	"testing"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

func TestExprTable(t *testing.T) {
	fset := lex.NewFileSet()
	tab := ExprTable[int]{fset: fset}
	a, b, c := &ast.Ident{Name: "a"}, &ast.Ident{Name: "b"}, &ast.BasicLit{Value: "1"}
	if _, ok := tab.Lookup(nil); ok {
		t.Error("nil found")
	}
	if _, ok := tab.Lookup(a); ok {
		t.Error("unrecorded found")
	}
	tab.set(a, 7)
	tab.setZero(b)
	tab.set(c, 9)
	tab.set(c, 10) // replaces
	for _, tc := range []struct {
		e    ast.Expr
		v    int
		have bool
	}{{a, 7, true}, {b, 0, true}, {c, 10, true}, {&ast.Ident{Name: "d"}, 0, false}} {
		if v, ok := tab.Lookup(tc.e); v != tc.v || ok != tc.have {
			t.Errorf("Lookup(%v) = %d, %v; want %d, %v", tc.e, v, ok, tc.v, tc.have)
		}
	}
	if tab.Len() != 3 {
		t.Errorf("Len = %d, want 3", tab.Len())
	}
	tab.set(b, 5) // a zero fact replaced by a value
	if v, ok := tab.Lookup(b); v != 5 || !ok || tab.Len() != 3 {
		t.Errorf("after set: %d %v, Len %d", v, ok, tab.Len())
	}
	if a.NodeID() == 0 || a.NodeID() == b.NodeID() || b.NodeID() == c.NodeID() {
		t.Errorf("numbers %d %d %d", a.NodeID(), b.NodeID(), c.NodeID())
	}
}

// TestConcurrentSameTree checks one parsed program in several goroutines
// at once: the checkers number its expressions as they go (ast.Number),
// and must agree on every fact (run under -race in CI).
func TestConcurrentSameTree(t *testing.T) {
	cases, err := golden.Conformance(conformanceDir, "t1_042_struct_methods.txtar")
	if err != nil || len(cases) != 1 {
		t.Fatal(err)
	}
	fset := lex.NewFileSet()
	f, err := parse.ParseFile(fset, "main.n", cases[0].Files["main.n"])
	if err != nil {
		t.Fatal(err)
	}
	infos := make([]*Info, 4)
	var wg sync.WaitGroup
	for i := range infos {
		wg.Add(1)
		go func() {
			defer wg.Done()
			infos[i], _ = Check(fset, []*ast.File{f}, nil)
		}()
	}
	wg.Wait()
	n := 0
	ast.Inspect(f, func(nd ast.Node) bool {
		e, ok := nd.(ast.Expr)
		if !ok {
			return true
		}
		tv0, ok0 := infos[0].Types.Lookup(e)
		if ok0 {
			n++
		}
		for _, info := range infos[1:] {
			tv, ok := info.Types.Lookup(e)
			if ok != ok0 || ok && TypeString(tv.Type, nil) != TypeString(tv0.Type, nil) {
				t.Errorf("%v: facts differ between checks", fset.Position(e.Pos()))
			}
		}
		return true
	})
	if n == 0 {
		t.Error("no expression typed")
	}
}
