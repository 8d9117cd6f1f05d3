package gofront

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

// TestPromoteThroughCopies checks that a result block written through
// a copy of its slot's address (what an inlined callee's stores look
// like) becomes registers, that a slot whose address copy is used
// otherwise, or that shares its copy with another slot, stays in
// memory, and that each function returns the same before and after.
func TestPromoteThroughCopies(t *testing.T) {
	// An inlined callee's stores of two results through %1, and the
	// caller's loads of them.
	block := `
func @f(%0:i64) i64 linear {
	ss0 = slot 16 align 8
	%1:ptr = copy ss0
	%6:ptr = addr %1, 0, 1, 8
	store.i64 %0, [%1]
	%2:i64 = add %0, 1
	store.i64 %2, [%1+8]
	%3:i64 = load [ss0]
	%4:i64 = load [ss0+8]
	%5:i64 = mul %3, %4
	ret %5
}`
	for _, tc := range []struct {
		name, src string
		promoted  bool
	}{
		{"result block", block, true},
		{"address used", strings.Replace(block, "[%1+8]", "[%6]", 1), false},
		{"two slots", `
func @f(%0:i64) i64 linear {
	ss0 = slot 8 align 8
	ss1 = slot 8 align 8
	%1:ptr = copy ss0
	store.i64 %0, [%1]
	%1:ptr = copy ss1
	%2:i64 = add %0, 1
	store.i64 %2, [%1]
	%3:i64 = load [ss0]
	%4:i64 = load [ss1]
	%5:i64 = mul %3, %4
	ret %5
}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := func(f *lir.Func) uint64 {
				m, err := interp.New(&lir.Module{Funcs: []*lir.Func{f}}, nil)
				if err != nil {
					t.Fatal(err)
				}
				r, err := m.Call("f", 6)
				if err != nil {
					t.Fatalf("%v\n%s", err, f)
				}
				return r
			}
			f, err := lir.ParseFunc("in.lir", tc.src)
			if err != nil {
				t.Fatal(err)
			}
			want := run(f.Clone())
			promoteSlots(f)
			if err := lir.Verify(f); err != nil {
				t.Fatalf("%v\n%s", err, f)
			}
			text := f.String()
			if got := !strings.Contains(text, "[ss0") && !strings.Contains(text, "[%1"); got != tc.promoted {
				t.Errorf("promoted = %v, want %v:\n%s", got, tc.promoted, text)
			}
			if got := run(f); got != want {
				t.Errorf("returns %d, want %d:\n%s", got, want, text)
			}
		})
	}
}
