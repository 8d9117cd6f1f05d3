package main

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// barrierModule stores pointers through calls of rt.lang.WriteBarrier,
// which the module defines itself (store, and count the calls; the call
// it never makes keeps ssa's inline pass from expanding it), with the
// collector's marking flag nk.gc.marking set to FLAG.
const barrierModule = `
extern @print_i64
data @nk.gc.marking align 8 {
	i32 FLAG
	zero 4
}
data @calls align 8 {
	i64 0
}
data @cells align 8 {
	zero 64
}
func @rt.lang.WriteBarrier(%0:ptr, %1:ptr) void linear {
	%4:i8 = eq.ptr %0, 0
	br %4, never, store
never:
	call @rt.lang.WriteBarrier(ptr %1, ptr %0)
store:
	store.ptr %1, [%0]
	%2:i64 = load [@calls]
	%3:i64 = add %2, 1
	store.i64 %3, [@calls]
	ret
}
func @main() i64 linear {
	%0:i64 = copy 0
	%1:i64 = copy 7
loop:
	%2:ptr = addr @cells, %0, 8, 0
	%3:ptr = addr @cells, %1, 8, 0
	call @rt.lang.WriteBarrier(ptr %2, ptr %3)
	%0:i64 = add %0, 1
	%1:i64 = sub %1, 1
	%4:i8 = slt.i64 %0, 8
	br %4, loop, done
done:
	%5:i64 = copy 0
	%6:i64 = copy 0
sum:
	%7:ptr = addr @cells, %6, 8, 0
	%8:ptr = load [%7]
	%12:i64 = sub 7, %6
	%13:ptr = addr @cells, %12, 8, 0
	%14:i8 = eq.ptr %8, %13
	%9:i64 = zext.i8 %14
	%5:i64 = add %5, %9
	%6:i64 = add %6, 1
	%10:i8 = slt.i64 %6, 8
	br %10, sum, summed
summed:
	call @print_i64(i64 %5)
	%11:i64 = load [@calls]
	call @print_i64(i64 %11)
	ret 0
}
`

// TestBarrierPaths compiles the stores of barrierModule with the write
// barrier's test inline (lower.Options.Barriers) on both targets, and
// runs them with the flag set — every store takes the out-of-line call,
// the path the collector's marking will take, which no Nature program
// reaches while cycles stop the world — and with it clear: the stores
// are made, without a call.
func TestBarrierPaths(t *testing.T) {
	for _, flag := range []string{"1", "0"} {
		m, err := lir.Parse("barrier.lir", strings.ReplaceAll(barrierModule, "FLAG", flag))
		if err != nil {
			t.Fatal(err)
		}
		want := interpret(t, m) // the calls, as the flag set gives
		if flag == "0" {
			want.stdout = want.stdout[:strings.Index(want.stdout, "\n")+1] + "0\n"
		}
		for _, c := range configs {
			c.opts.Barriers = true
			if got := native(t, m, c); got != want {
				t.Errorf("flag %s, %s: got stdout %q status %d, want %q status %d", flag, c.name, got.stdout, got.status, want.stdout, want.status)
			}
		}
	}
}
