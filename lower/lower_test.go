package lower

import (
	"slices"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// TestClassify checks the argument locations of a convention with two
// integer and one float register: registers in order per class, the
// rest in consecutive 8-byte stack words whatever their type.
func TestClassify(t *testing.T) {
	abi := ABI{IntArgs: []int{7, 6}, FloatArgs: []int{16}, IntResult: 0, FloatResult: 16}
	got := abi.Classify([]lir.Type{lir.I64, lir.F64, lir.I8, lir.F32, lir.Ptr, lir.I32})
	want := []ArgLoc{{Reg: 7}, {Reg: 16}, {Reg: 6}, {Reg: -1, Stack: 0}, {Reg: -1, Stack: 8}, {Reg: -1, Stack: 16}}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("argument %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if abi.ResultReg(lir.F32) != 16 || abi.ResultReg(lir.I16) != 0 {
		t.Error("wrong result registers")
	}
}

// TestArgSymbol checks the names of the argument pseudo-symbols.
func TestArgSymbol(t *testing.T) {
	for _, c := range []struct {
		name     string
		incoming bool
		off      int64
		ok       bool
	}{
		{argSym(inArgPrefix, 16), true, 16, true},
		{argSym(outArgPrefix, 8), false, 8, true},
		{"nk.inarg.x", false, 0, false},
		{"main.f", false, 0, false},
	} {
		in, off, ok := ArgSymbol(c.name)
		if in != c.incoming || off != c.off || ok != c.ok {
			t.Errorf("%s: got %v %d %v", c.name, in, off, ok)
		}
	}
}

// TestShrinkWrap checks the frame region of a function whose entry
// branches to a frameless return (block 1) and to a block that needs the
// frame (block 2) and then joins block 3: the prologue goes at block 2
// only, and block 3, entered from 2 alone, runs with the frame.
func TestShrinkWrap(t *testing.T) {
	f, err := lir.Parse("f", `func @f(%0:i64) i64 cfg {
b0:
	br %0, b1, b2
b1:
	ret 0
b2:
	jmp b3
b3:
	ret 1
}
`)
	if err != nil {
		t.Fatal(err)
	}
	in, wrap := ShrinkWrap(f.Funcs[0], true, []bool{false, false, true, false})
	if want := []bool{false, false, true, true}; !slices.Equal(in, want) {
		t.Errorf("inFrame %v, want %v", in, want)
	}
	if want := []bool{false, false, true, false}; !slices.Equal(wrap, want) {
		t.Errorf("wrap %v, want %v", wrap, want)
	}
	in, _ = ShrinkWrap(f.Funcs[0], true, []bool{true, false, false, false})
	if !slices.Equal(in, []bool{true, true, true, true}) {
		t.Errorf("a frame at the entry covers every block: %v", in)
	}
}
