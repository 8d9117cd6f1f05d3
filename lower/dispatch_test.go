package lower

import (
	"fmt"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/lir"
)

// recorder is a BlockEmitter that notes each call it gets.
type recorder struct {
	f     *lir.Func
	calls []string
}

func (r *recorder) note(format string, args ...any) {
	r.calls = append(r.calls, fmt.Sprintf(format, args...))
}

func (r *recorder) Prologue()         { r.note("prologue") }
func (r *recorder) Epilogue()         { r.note("epilogue") }
func (r *recorder) Jump(label string) { r.note("jump %s", label) }
func (r *recorder) Move(n int, o lir.Operand, t lir.Type) {
	r.note("move $%d %s %s", n, t, r.f.FormatOperand(o))
}
func (r *recorder) CompareBranch(c *lir.Compare, br *lir.Branch) { r.note("compare-branch") }
func (r *recorder) Branch(br *lir.Branch)                        { r.note("branch") }
func (r *recorder) SetCompare(c *lir.Compare)                    { r.note("set-compare") }
func (r *recorder) Binary(in *lir.Binary)                        { r.note("binary") }
func (r *recorder) Unary(in *lir.Unary)                          { r.note("unary %s", in.Opcode) }
func (r *recorder) Extend(signed bool, d int, x lir.Operand, from, to lir.Type) {
	r.note("extend %v $%d %s %s %s", signed, d, r.f.FormatOperand(x), from, to)
}
func (r *recorder) Bitcast(d int, x lir.Operand, from, to lir.Type) {
	r.note("bitcast $%d %s", d, r.f.FormatOperand(x))
}
func (r *recorder) FloatResize(dst, x lir.Operand) { r.note("float-resize") }
func (r *recorder) IntToFloat(signed bool, dst, x lir.Operand) {
	r.note("int-to-float %v %s", signed, r.f.FormatOperand(x))
}
func (r *recorder) FloatToInt(d int, x lir.Operand)  { r.note("float-to-int") }
func (r *recorder) FloatToUint(d int, x lir.Operand) { r.note("float-to-uint") }
func (r *recorder) Load(in *lir.Load)                { r.note("load") }
func (r *recorder) Store(in *lir.Store)              { r.note("store") }
func (r *recorder) Addr(in *lir.Addr)                { r.note("addr") }
func (r *recorder) CallSym(name string)              { r.note("call %s", name) }
func (r *recorder) CallReg(callee lir.Operand)       { r.note("call %s", r.f.FormatOperand(callee)) }
func (r *recorder) Barrier(in *lir.Store)            { r.note("barrier %s", r.f.FormatInstr(in)) }
func (r *recorder) Poll()                            { r.note("poll") }
func (r *recorder) Trap()                            { r.note("trap") }

// TestDispatch checks what the shared dispatch does before a target's
// method runs: a copy is a Move, a jump to the next block is nothing, a
// branch on a constant is a Jump, a return moves its value to the
// result register, a conversion that changes no bits is a Move and a
// non-register operand goes to the scratch register of its class, an
// extension to no more bits is a Move, a barriered store goes to
// Barrier and any other to Store, and a poll is emitted only where Polls says (not
// in the entry block of a function without calls).
func TestDispatch(t *testing.T) {
	m, err := lir.Parse("f", `func @f() i64 cfg {
b0:
	$1:i64 = copy $2
	safepoint
	$3:i64 = sext.i8 $4
	$3:i64 = sext.i64 $4
	$3:i64 = zext.i32 7
	$3:i16 = trunc.i64 $4
	$3:i64 = bitcast.ptr $4
	$3:i64 = bitcast.f64 $20
	$20:f64 = sitof.i64 5
	$20:f64 = uitof.i64 $3
	storewb.ptr $1, [$0+8]
	store.ptr $1, [$0]
	$0:i64 = call @g()
	jmp b1
b1:
	safepoint
	br 1, b3, b2
b2:
	br 0, b3, b4
b3:
	unreachable
b4:
	ret 9
}
`)
	if err != nil {
		t.Fatal(err)
	}
	f := m.Funcs[0]
	e := &Emitter{F: f, Out: &Listing{}, Safepoints: true,
		ABI: &ABI{IntResult: 0, FloatResult: 16}, ScratchGP: 11, ScratchFP: 31}
	r := &recorder{f: f}
	if err := e.EmitFunc(1, false, make([]bool, len(f.Blocks)), r); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"move $1 i64 $2",
		"extend true $3 $4 i8 i64",
		"move $3 i64 $4",
		"move $11 i32 7", "extend false $3 $11 i32 i64",
		"move $3 i16 $4",
		"move $3 i64 $4",
		"bitcast $3 $20",
		"move $11 i64 5", "int-to-float true $11",
		"int-to-float false $3",
		"barrier storewb.ptr $1, [$0+8]",
		"store",
		"call g",
		"poll",
		"jump .Lf.3",
		"jump .Lf.4",
		"trap",
		"move $0 i64 9", "epilogue",
	}
	if got := strings.Join(r.calls, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
}

// TestDispatchErrors checks the instructions the dispatch refuses.
func TestDispatchErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{"$0:ptr = addr @g, @h, 8, 0", "bad index"},
		{"$1:i64 = call @g()", "result not in the result register"},
	} {
		m, err := lir.Parse("f", "func @f() void cfg {\nb0:\n\t"+c.body+"\n\tret\n}\n")
		if err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		f := m.Funcs[0]
		e := &Emitter{F: f, Out: &Listing{}, ABI: &ABI{IntResult: 0, FloatResult: 16}}
		err = e.EmitFunc(1, false, make([]bool, len(f.Blocks)), &recorder{f: f})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", c.body, err, c.want)
		}
	}
}

// TestBarrierStores checks that BarrierStores turns the calls of the
// write barrier, and only those, into barriered stores.
func TestBarrierStores(t *testing.T) {
	m, err := lir.Parse("f", `func @f(%0:ptr, %1:ptr) void ssa {
b0:
	call @rt.lang.WriteBarrier(ptr %0, ptr %1)
	call @g(ptr %0, ptr %1)
	callind %1(ptr %0, ptr %1)
	ret
}
`)
	if err != nil {
		t.Fatal(err)
	}
	f := m.Funcs[0]
	BarrierStores(f)
	var got []string
	for _, id := range f.Code() {
		got = append(got, f.FormatInstr(f.Instrs[id]))
	}
	want := "storewb.ptr %1, [%0]\ncall @g(ptr %0, ptr %1)\ncallind %1(ptr %0, ptr %1)\nret"
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got\n%s\nwant\n%s", g, want)
	}
	if err := lir.Verify(f); err != nil {
		t.Error(err)
	}
}
