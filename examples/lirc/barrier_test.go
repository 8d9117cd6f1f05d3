package main

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
	back "github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/regalloc"
	"github.com/naturekit/naturekit/rt"
)

// barrierModule stores pointers through calls of rt.lang.WriteBarrier,
// which the module defines itself (store, and count the calls; the call
// it never makes keeps ssa's inline pass from expanding it), with the
// collector's marking flag nk.gc.marking set to FLAG.
const barrierModule = `
extern @print_i64
extern @print_f64
data @seed align 8 {
	i64 3
}
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
data @junk align 8 {
	zero 16
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
CLOBBER	ret
}
PRESSURE
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
	%15:ptr = addr @cells, 0, 8, 0
	%16:ptr = addr @cells, 1, 8, 0
	call @pressure(ptr %15, ptr %16)
	ret 0
}
`

// TestBarrierPaths compiles the stores of barrierModule with the write
// barrier inline (lower.Options.Barriers: barriered stores) on both
// targets, linked with the runtime's slow path (rt/lang's
// barrier_<arch>.asm), and runs them with the flag set — every store
// takes the out-of-line call, the path the collector's marking takes —
// and with it clear: the stores are made, without a call. @pressure
// keeps more integer and float values live across a barriered store
// than either target has registers, and the module's WriteBarrier
// writes as many, so every register the slow path must preserve holds
// a live value while the call runs.
func TestBarrierPaths(t *testing.T) {
	clobber, pressure := pressureCode()
	for _, flag := range []string{"1", "0"} {
		src := strings.NewReplacer("FLAG", flag, "CLOBBER", clobber, "PRESSURE", pressure).Replace(barrierModule)
		m, err := lir.Parse("barrier.lir", src)
		if err != nil {
			t.Fatal(err)
		}
		want := interpret(t, m) // the calls, as the flag set gives
		if flag == "0" {
			lines := strings.SplitAfter(want.stdout, "\n")
			lines[1] = "0\n"
			want.stdout = strings.Join(lines, "")
		}
		for _, c := range configs {
			c.opts.Barriers = true
			if flag == "1" {
				checkLiveAcross(t, m, c)
			}
			if got := nativeWithBarrier(t, m, c); got != want {
				t.Errorf("flag %s, %s: got stdout %q status %d, want %q status %d", flag, c.name, got.stdout, got.status, want.stdout, want.status)
			}
		}
	}
}

// pressureCode returns code for barrierModule: the end of a
// WriteBarrier that writes liveInts integer and liveFloats float
// values, all live at once (others than @pressure's), and stores their
// sums in @junk, and @pressure(slot,
// val), which keeps as many live across a barriered store of val at
// slot and prints their sums.
func pressureCode() (clobber, pressure string) {
	const liveInts, liveFloats = 32, 34
	values := func(b *strings.Builder, first, seed, odd int) {
		fmt.Fprintf(b, "\t%%%d:i64 = load [@seed]\n", seed)
		for k := range liveInts {
			fmt.Fprintf(b, "\t%%%d:i64 = mul %%%d, %d\n", first+k, seed, 2*k+odd)
		}
		for k := range liveFloats {
			fmt.Fprintf(b, "\t%%%d:f64 = sitof.i64 %%%d\n", first+100+k, first+k%liveInts)
			fmt.Fprintf(b, "\t%%%d:f64 = fmul %%%d, %d.25\n", first+200+k, first+100+k, k+1)
		}
	}
	sums := func(b *strings.Builder, first, isum, fsum int) {
		fmt.Fprintf(b, "\t%%%d:i64 = copy 0\n", isum)
		for k := range liveInts {
			fmt.Fprintf(b, "\t%%%d:i64 = mul %%%d, %d\n", isum+1, isum, 3)
			fmt.Fprintf(b, "\t%%%d:i64 = add %%%d, %%%d\n", isum, isum+1, first+k)
		}
		fmt.Fprintf(b, "\t%%%d:f64 = copy 0.0\n", fsum)
		for k := range liveFloats {
			fmt.Fprintf(b, "\t%%%d:f64 = fadd %%%d, %%%d\n", fsum, fsum, first+100+k)
			fmt.Fprintf(b, "\t%%%d:f64 = fadd %%%d, %%%d\n", fsum, fsum, first+200+k)
		}
	}
	var c strings.Builder
	values(&c, 1000, 999, 7)
	sums(&c, 1000, 1500, 1600)
	c.WriteString("\tstore.i64 %1500, [@junk]\n\tstore.f64 %1600, [@junk+8]\n")
	var p strings.Builder
	p.WriteString("func @pressure(%0:ptr, %1:ptr) void linear {\n")
	values(&p, 1000, 999, 5)
	// Two stores, so that the slot is not in the slow path's first
	// argument register in both.
	p.WriteString("\t%1699:ptr = addr %0, 0, 8, 16\n\tcall @rt.lang.WriteBarrier(ptr %1699, ptr %1)\n")
	p.WriteString("\tcall @rt.lang.WriteBarrier(ptr %0, ptr %1699)\n")
	sums(&p, 1000, 1500, 1600)
	// The slots and the values, live after the stores too: the stored
	// pointers read back and compared (5 = 1 + 4: both stored, and the
	// slots differ).
	p.WriteString("\t%1700:ptr = load [%1699]\n\t%1701:i8 = eq.ptr %1700, %1\n\t%1702:i64 = zext.i8 %1701\n")
	p.WriteString("\t%1703:i8 = eq.ptr %0, %1699\n\t%1704:i64 = zext.i8 %1703\n\t%1704:i64 = mul %1704, 2\n\t%1702:i64 = add %1702, %1704\n")
	p.WriteString("\t%1705:ptr = load [%0]\n\t%1703:i8 = eq.ptr %1705, %1699\n\t%1704:i64 = zext.i8 %1703\n\t%1704:i64 = mul %1704, 4\n\t%1702:i64 = add %1702, %1704\n")
	p.WriteString("\tcall @print_i64(i64 %1702)\n")
	p.WriteString("\tcall @print_i64(i64 %1500)\n\tcall @print_f64(f64 %1600)\n\tret\n}\n")
	return c.String(), p.String()
}

// nativeWithBarrier is native, with the runtime's barrier slow path
// (rt/lang's barrier_<arch>.asm) linked in.
func nativeWithBarrier(t *testing.T, m *lir.Module, c config) result {
	t.Helper()
	stub, err := fs.ReadFile(rt.Sources, "lang/barrier_"+c.target+".asm")
	if err != nil {
		t.Fatal(err)
	}
	exe, err := buildWith(c.target, m, c.opts, string(stub))
	if err != nil {
		t.Fatal(err)
	}
	return runBuilt(t, exe, c)
}

// checkLiveAcross compiles m for c and checks that in @pressure every
// allocatable caller-saved register of the target holds a value live
// across the last barriered store: what the slow path must preserve.
func checkLiveAcross(t *testing.T, m *lir.Module, c config) {
	t.Helper()
	mc, _, err := machine(c.target)
	if err != nil {
		t.Fatal(err)
	}
	target := mc.Target()
	var live map[int]bool
	opts := c.opts
	opts.Workers = 1
	opts.Observe = func(s back.Stage) {
		if s.Name != back.StageRegalloc || s.Func.Name != "pressure" {
			return
		}
		f := s.Func
		var written map[int]bool
		var rands []*lir.Operand
		for _, id := range f.Code() {
			in := f.Instrs[id]
			if st, ok := in.(*lir.Store); ok && st.Barrier {
				live, written = map[int]bool{}, map[int]bool{} // live across the last one
				continue
			}
			if live == nil {
				continue
			}
			for _, o := range in.Operands(rands[:0]) {
				if o.Kind == lir.PhysOperand && !written[int(o.Index)] {
					live[int(o.Index)] = true
				}
			}
			if d := in.Dest(); d != nil && d.Kind == lir.PhysOperand {
				written[int(d.Index)] = true
			}
		}
	}
	if _, err := back.Generate(m, mc, opts); err != nil {
		t.Fatal(err)
	}
	allocatable := map[int]bool{}
	for cl := range regalloc.NumClasses {
		for _, r := range target.Allocatable[cl] {
			allocatable[r] = true
		}
	}
	var missing []string
	for _, r := range target.CallerSaved {
		if allocatable[r] && !live[r] {
			missing = append(missing, target.Regs[r].Name)
		}
	}
	if live == nil || len(missing) > 0 {
		t.Errorf("%s: caller-saved registers not live across the barriered store of @pressure: %v", c.name, missing)
	}
}
