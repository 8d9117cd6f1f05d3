package ast

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/lex"
)

// sample builds, without positions, the tree of
//
//	fn add(int a, int b):int { return a + b * 2 }
func sample() *File {
	id := func(s string) *Ident { return &Ident{Name: s} }
	return &File{Decls: []Decl{&FuncDecl{
		Name: id("add"),
		Type: &FuncType{
			Params: []*Param{{Type: id("int"), Name: id("a")}, {Type: id("int"), Name: id("b")}},
			Result: id("int"),
		},
		Body: &BlockStmt{List: []Stmt{&ReturnStmt{Result: &BinaryExpr{
			X:  id("a"),
			Op: lex.ADD,
			Y:  &BinaryExpr{X: id("b"), Op: lex.MUL, Y: &BasicLit{Kind: lex.INT, Value: "2"}},
		}}}},
	}}}
}

func TestPrintWithoutPositions(t *testing.T) {
	var b strings.Builder
	if err := Fprint(&b, nil, sample()); err != nil {
		t.Fatal(err)
	}
	want := "fn add(int a, int b):int {\n    return a + b * 2\n}\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInspectOrder(t *testing.T) {
	var names []string
	Inspect(sample(), func(n Node) bool {
		if id, ok := n.(*Ident); ok {
			names = append(names, id.Name)
		}
		return true
	})
	want := []string{"add", "int", "a", "int", "b", "int", "a", "b"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInspectSkip(t *testing.T) {
	count := 0
	Inspect(sample(), func(n Node) bool {
		if n != nil {
			count++
		}
		_, isFunc := n.(*FuncType)
		return !isFunc
	})
	// File, FuncDecl, Ident add, FuncType (children skipped), BlockStmt,
	// ReturnStmt, 2 BinaryExpr, 2 Idents, BasicLit.
	if count != 11 {
		t.Errorf("visited %d nodes, want 11", count)
	}
}

func TestDumpWithoutPositions(t *testing.T) {
	var b strings.Builder
	Dump(&b, nil, &BinaryExpr{X: &Ident{Name: "a"}, Op: lex.ADD, Y: &BasicLit{Kind: lex.INT, Value: "1"}})
	want := "BinaryExpr Op=+\n  X:\n    Ident Name=\"a\"\n  Y:\n    BasicLit Kind=INT Value=\"1\"\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUnaryPrintingKeepsTokensApart(t *testing.T) {
	x := &UnaryExpr{Op: lex.AND, X: &UnaryExpr{Op: lex.AND, X: &Ident{Name: "x"}}}
	y := &UnaryExpr{Op: lex.SUB, X: &UnaryExpr{Op: lex.SUB, X: &Ident{Name: "y"}}}
	if got := String(nil, x) + " " + String(nil, y); got != "& &x - -y" {
		t.Errorf("got %q", got)
	}
}
