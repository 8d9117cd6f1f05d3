package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gc"
)

// ifaceTables is a dynamic type implementing two interfaces, with its
// method tables (two code words each) listed in its descriptor, as the
// compiler emits them.
type ifaceTables struct {
	point, shape, named Type
	shapeTab, namedTab  struct {
		Itab
		fn [2]uintptr
	}
	itabs [2]*Itab
}

func newIfaceTables() *ifaceTables {
	x := &ifaceTables{}
	x.point = Type{NKind: abi.NKindStruct, Value: abi.KindPtr}
	x.shape = Type{NKind: abi.NKindInterface, Value: abi.KindPtr}
	x.named = Type{NKind: abi.NKindInterface, Value: abi.KindPtr}
	x.shapeTab.Itab = Itab{Type: &x.point, Iface: &x.shape}
	x.shapeTab.fn = [2]uintptr{0x1000, 0x2000}
	x.namedTab.Itab = Itab{Type: &x.point, Iface: &x.named}
	x.namedTab.fn = [2]uintptr{0x3000, 0x4000}
	x.itabs = [2]*Itab{&x.shapeTab.Itab, &x.namedTab.Itab}
	x.point.Itabs = unsafe.Pointer(&x.itabs[0])
	x.point.NItabs = 2
	return x
}

// TestIface boxes a value into an interface, converts it to the other
// interface its type implements, and checks the method tables and the
// value survive a collection through the boxes alone.
func TestIface(t *testing.T) {
	r := newRT(t, gcConfigManual())
	x := newIfaceTables()
	obj := r.str("payload")
	v := r.IfaceBox(&x.shapeTab.Itab, bitsOf(unsafe.Pointer(obj)))
	r.root(0, unsafe.Pointer(v))
	w := r.IfaceConv(v, &x.named)
	r.root(1, unsafe.Pointer(w))
	if r.IfaceConv(v, &x.shape) != v {
		t.Error("converting to the same interface made a new value")
	}
	r.Collect()
	if w.Itab != &x.namedTab.Itab || w.Itab.Type != &x.point {
		t.Fatalf("converted value has method table %p, want %p", w.Itab, &x.namedTab.Itab)
	}
	fn := *(*uintptr)(unsafe.Add(unsafe.Pointer(w.Itab), abi.ItabOffFn+8))
	if fn != 0x4000 {
		t.Errorf("second method of named is %#x, want 0x4000", fn)
	}
	if goString((*String)(ptrOf(w.Value))) != "payload" || goString((*String)(ptrOf(v.Value))) != "payload" {
		t.Error("the boxed string did not survive the collection")
	}
	if r.IfaceConv(nil, &x.named) != nil {
		t.Error("a nil interface value converted to non-nil")
	}
}

// TestIfaceConvMissing: a conversion the compiler did not provide a table
// for is an internal error.
func TestIfaceConvMissing(t *testing.T) {
	expectExit(t, "missing", "", 2, func(r *Runtime) {
		x := newIfaceTables()
		other := Type{NKind: abi.NKindInterface}
		v := r.IfaceBox(&x.shapeTab.Itab, 1)
		r.IfaceConv(v, &other)
	})
}

// TestAnyBoxTraced: a box of a pointer type keeps its value alive, a box
// of a scalar type holds plain bits.
func TestAnyBoxTraced(t *testing.T) {
	r := newRT(t, gc.Config{GOGC: -1})
	s := r.AnyBox(kt(abi.KindString), bitsOf(unsafe.Pointer(r.str("kept"))))
	r.root(0, unsafe.Pointer(s))
	n := r.AnyBox(kt(abi.KindInt), 0xdead)
	r.root(1, unsafe.Pointer(n))
	r.Collect()
	r.PrintAny(s)
	r.PrintByte(' ')
	r.PrintAny(n)
	if got := r.output(); got != "kept 57005" {
		t.Errorf("printed %q", got)
	}
}
