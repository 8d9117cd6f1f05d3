package regalloc_test

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/regalloc"
)

// TestErrors checks that Allocate rejects what it cannot allocate with
// an error that says why, and never panics.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not ssa", `func @f(%0:i64) i64 cfg {
b0:
	ret %0
}`, "is in cfg form, not ssa"},
		{"critical edge", `func @f(%0:i64) i64 ssa {
b0:
	%1:i64 = add %0, 1
	br %0, b1, b2
b1:
	br %0, b2, b3
b2:
	%2:i64 = phi [b0: %0], [b1: %1]
	ret %2
b3:
	ret %1
}`, "critical edge b1 -> b2"},
		{"physical register across blocks", `func @f(%0:i64) i64 ssa {
b0:
	$0:i64 = copy %0
	jmp b1
b1:
	ret $0
}`, "physical register $0 is live into block b1"},
		{"too few registers", `func @f(%0:i64) i64 ssa {
b0:
	$0:i64 = copy %0
	$1:i64 = copy %0
	$2:i64 = copy %0
	%1:i64 = add %0, 1
	%2:i64 = add $0, $1
	%3:i64 = add %2, $2
	ret %1
}`, "no GP register left"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := lir.ParseFunc(tt.name, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = regalloc.Allocate(f, mockTarget())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
	bad := mockTarget()
	bad.Scratch[regalloc.GP] = r0
	f, _ := lir.ParseFunc("f", "func @f() void ssa {\nb0:\n\tret\n}")
	if _, err := regalloc.Allocate(f, bad); err == nil || !strings.Contains(err.Error(), "scratch") {
		t.Errorf("allocatable scratch register: got %v", err)
	}
}

// TestDeterministic allocates the same function twice.
func TestDeterministic(t *testing.T) {
	out := func() string {
		f := randprog.Generate(42, smallConfig()).Funcs[0]
		if err := toSSA(f); err != nil {
			t.Fatal(err)
		}
		res, err := regalloc.Allocate(f, mockTarget())
		if err != nil {
			t.Fatal(err)
		}
		return res.Intervals() + f.String()
	}
	if a, b := out(), out(); a != b {
		t.Error("two allocations of the same function differ")
	}
}

// TestUnallocatablePhysical checks that physical registers the target
// never allocates (a stack pointer) may be read anywhere, also live into
// later blocks: no value can be in them, so they constrain nothing.
func TestUnallocatablePhysical(t *testing.T) {
	const sp = 7
	target := mockTarget()
	target.Regs = append(target.Regs, regalloc.Reg{Name: "sp", Class: regalloc.GP})
	src := `func @f(%0:i64) i64 ssa {
entry:
	%1:ptr = copy $7
	%2:i64 = load [%1]
	br %0, more, done
more:
	%3:ptr = add $7, 8
	%4:i64 = load [%3]
	$0:i64 = copy %4
	ret $0
done:
	$0:i64 = copy %2
	ret $0
}`
	f, err := lir.ParseFunc("f", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := regalloc.Allocate(f, target); err != nil {
		t.Fatalf("Allocate: %v", err)
	}
	if got := f.String(); !strings.Contains(got, "$7") {
		t.Errorf("the reads of $%d are gone:\n%s", sp, got)
	}
}
