package lir_test

import (
	"reflect"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// TestDominators checks the tree of a loop inside an if, with an
// unreachable block, and that CloneInstr copies every instruction of it
// without sharing memory.
func TestDominators(t *testing.T) {
	f, err := lir.ParseFunc("dom", `func @f(%0:i64) i64 cfg {
entry:
	br %0, then, done
then:
	jmp loop
loop:
	%1:i8 = slt.i64 %0, 3
	br %1, loop, done
dead:
	jmp done
done:
	ret %0
}`)
	if err != nil {
		t.Fatal(err)
	}
	d := lir.Dominators(f)
	want := "entry: idom - children [then done]\n" +
		"then: idom entry children [loop]\n" +
		"loop: idom then children []\n" +
		"dead: idom unreachable children []\n" +
		"done: idom entry children []\n"
	if got := d.Format(f); got != want {
		t.Errorf("Format:\n%s\nwant\n%s", got, want)
	}
	const entry, then, loop, dead, done = 0, 1, 2, 3, 4
	for _, c := range []struct {
		a, b lir.BlockID
		want bool
	}{
		{entry, done, true}, {then, loop, true}, {loop, loop, true},
		{loop, done, false}, {then, done, false}, {dead, done, false}, {entry, dead, false},
	} {
		if got := d.Dominates(c.a, c.b); got != c.want {
			t.Errorf("Dominates(%s, %s) = %v", f.BlockName(c.a), f.BlockName(c.b), got)
		}
	}
	if got := d.Preorder(); !reflect.DeepEqual(got, []lir.BlockID{entry, then, loop, done}) {
		t.Errorf("Preorder = %v", got)
	}

	for _, in := range f.Instrs {
		c := lir.CloneInstr(in)
		if !reflect.DeepEqual(c, in) || c == in {
			t.Errorf("CloneInstr(%s) = %s", f.FormatInstr(in), f.FormatInstr(c))
		}
	}
	call := &lir.Call{Opcode: lir.OpCall, Args: []lir.Operand{lir.Int(lir.I64, 1)}}
	c := lir.CloneInstr(call).(*lir.Call)
	c.Args[0] = lir.Int(lir.I64, 2)
	if call.Args[0].Imm != 1 {
		t.Error("CloneInstr shares a call's arguments")
	}
}
