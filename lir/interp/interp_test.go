package interp_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

// TestTraps checks that programs that go wrong stop with an error naming
// the function and instruction, and that traps wrap ErrTrap.
func TestTraps(t *testing.T) {
	tests := []struct {
		name, src, want string
		trap            bool
	}{
		{"div", `func @main(%0:i64) i64 cfg {
b0:
	%1:i64 = sdiv 1, %0
	ret %1
}`, "@main: %1:i64 = sdiv 1, %0: trap: division by zero", true},
		{"null", `func @main(%0:i64) i64 cfg {
b0:
	%1:ptr = bitcast.i64 %0
	%2:i64 = load [%1+8]
	ret %2
}`, "trap: access of 8 bytes at 0x8", true},
		{"unreachable", `func @main(%0:i64) i64 cfg {
b0:
	unreachable
}`, "trap: @main: unreachable executed", true},
		{"loop", `func @main(%0:i64) i64 cfg {
b0:
	jmp b0
}`, "@main: step limit 1000 exceeded", false},
		{"recursion", `func @main(%0:i64) i64 cfg {
b0:
	%1:i64 = call @main(i64 %0)
	ret %1
}`, "@main: call depth limit 100 exceeded", false},
		{"undefined", `func @main(%0:i64) i64 cfg {
b0:
	%1:i64 = call @nowhere(i64 %0)
	ret %1
}`, "call of undefined function @nowhere", false},
		{"indirect", `func @main(%0:i64) i64 cfg {
b0:
	%1:ptr = bitcast.i64 %0
	%2:i64 = callind %1()
	ret %2
}`, "trap: indirect call of 0x0", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := lir.Parse(tt.name, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			mc, err := interp.New(m, nil)
			if err != nil {
				t.Fatal(err)
			}
			mc.MaxSteps, mc.MaxDepth = 1000, 100
			_, err = mc.Call("main", 0)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v, want %q", err, tt.want)
			}
			if errors.Is(err, interp.ErrTrap) != tt.trap {
				t.Errorf("errors.Is(err, ErrTrap) = %v", !tt.trap)
			}
		})
	}
}

// TestFoldMatchesInterp checks lir.FoldInstr against running the instruction.
func TestFoldMatchesInterp(t *testing.T) {
	src := `func @main() i64 cfg {
b0:
	%0:i32 = mul -2147483648, -1
	%1:i64 = sext.i32 %0
	ret %1
}`
	m, err := lir.Parse("fold", src)
	if err != nil {
		t.Fatal(err)
	}
	mc, _ := interp.New(m, nil)
	r, err := mc.Call("main")
	if err != nil {
		t.Fatal(err)
	}
	f := m.Funcs[0]
	c, ok := lir.FoldInstr(f.Instrs[f.Blocks[0].Instrs[0]])
	if !ok || c.Imm != int64(r) {
		t.Errorf("FoldInstr = %v, %v; interpreter gives %d", c, ok, int64(r))
	}
}
