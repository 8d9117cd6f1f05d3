package amd64

import (
	"testing"

	"github.com/naturekit/naturekit/asm"
)

// TestNewArgs checks that an Inst gives back the operands it was built
// from, of every type.
func TestNewArgs(t *testing.T) {
	args := []Operand{
		RAX, X15, Int(-5), Offset("foo", 8),
		Mem{Size: 3, Seg: GS, Base: R13, Index: RCX, Scale: 8, Disp: asm.Expr{Sym: "a", Minus: "b", Add: -7}},
		RIPRel(16, "bar", 4), Label(".L1"), Rel{asm.SymOff("f", 2)}, nil,
	}
	for i := range args {
		for j := i; j <= len(args) && j <= i+maxArgs; j++ {
			in := New(MOV, args[i:j]...)
			got := in.Args()
			if len(got) != j-i {
				t.Fatalf("New(MOV, %v...).Args() = %v", args[i:j], got)
			}
			for k := range got {
				if got[k] != args[i+k] {
					t.Errorf("New(MOV, %v...).Args()[%d] = %#v, want %#v", args[i:j], k, got[k], args[i+k])
				}
			}
		}
	}
}

// TestNewPanics checks that New rejects what an Inst cannot hold.
func TestNewPanics(t *testing.T) {
	for _, args := range [][]Operand{{RAX, RAX, RAX, RAX}, {new(Mem)}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(ADD, %v...) does not panic", args)
				}
			}()
			New(ADD, args...)
		}()
	}
}
