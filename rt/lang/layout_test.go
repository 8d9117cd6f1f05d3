package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// TestLayout checks the offset constants the compiler uses against the
// Go structs.
func TestLayout(t *testing.T) {
	var s String
	var v Vec
	var a Any
	var m Map
	var f Iface
	var ty Type
	var it TypeItem
	var tab Itab
	var fr ErrFrame
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"StringOffData", unsafe.Offsetof(s.Data), StringOffData},
		{"StringOffLen", unsafe.Offsetof(s.Len), StringOffLen},
		{"StringSize", unsafe.Sizeof(s), StringSize},
		{"VecOffData", unsafe.Offsetof(v.Data), VecOffData},
		{"VecOffLen", unsafe.Offsetof(v.Len), VecOffLen},
		{"VecOffCap", unsafe.Offsetof(v.Cap), VecOffCap},
		{"VecOffElem", unsafe.Offsetof(v.Elem), VecOffElem},
		{"VecSize", unsafe.Sizeof(v), VecSize},
		{"AnyOffType", unsafe.Offsetof(a.Type), AnyOffType},
		{"AnyOffValue", unsafe.Offsetof(a.Value), AnyOffValue},
		{"AnySize", unsafe.Sizeof(a), AnySize},
		{"IfaceOffItab", unsafe.Offsetof(f.Itab), IfaceOffItab},
		{"IfaceOffValue", unsafe.Offsetof(f.Value), IfaceOffValue},
		{"IfaceSize", unsafe.Sizeof(f), IfaceSize},
		{"TypeOffNKind", unsafe.Offsetof(ty.NKind), TypeOffNKind},
		{"TypeOffValue", unsafe.Offsetof(ty.Value), TypeOffValue},
		{"TypeOffName", unsafe.Offsetof(ty.Name), TypeOffName},
		{"TypeOffElem", unsafe.Offsetof(ty.Elem), TypeOffElem},
		{"TypeOffKey", unsafe.Offsetof(ty.Key), TypeOffKey},
		{"TypeOffLen", unsafe.Offsetof(ty.Len), TypeOffLen},
		{"TypeOffItems", unsafe.Offsetof(ty.Items), TypeOffItems},
		{"TypeOffNItems", unsafe.Offsetof(ty.NItems), TypeOffNItems},
		{"TypeOffItabs", unsafe.Offsetof(ty.Itabs), TypeOffItabs},
		{"TypeOffNItabs", unsafe.Offsetof(ty.NItabs), TypeOffNItabs},
		{"TypeOffRefSize", unsafe.Offsetof(ty.RefSize), TypeOffRefSize},
		{"TypeOffRefAlign", unsafe.Offsetof(ty.RefAlign), TypeOffRefAlign},
		{"TypeDescSize", unsafe.Sizeof(ty), TypeDescSize},
		{"Type.Mem", unsafe.Sizeof(ty.Mem), alloc.TypeSize},
		{"TypeItemOffName", unsafe.Offsetof(it.Name), TypeItemOffName},
		{"TypeItemOffType", unsafe.Offsetof(it.Type), TypeItemOffType},
		{"TypeItemOffOffset", unsafe.Offsetof(it.Offset), TypeItemOffOffset},
		{"TypeItemSize", unsafe.Sizeof(it), TypeItemSize},
		{"ItabOffType", unsafe.Offsetof(tab.Type), ItabOffType},
		{"ItabOffIface", unsafe.Offsetof(tab.Iface), ItabOffIface},
		{"ItabOffFn", unsafe.Sizeof(tab), ItabOffFn},
		{"MapSize", unsafe.Sizeof(m), MapSize},
		{"Map.Entries", unsafe.Offsetof(m.Entries), 0},
		{"Map.Index", unsafe.Offsetof(m.Index), 8}, // the two pointer words mapObj's mask covers
		{"entry", unsafe.Sizeof(entry{}), 16},
		{"ErrFrameOffName", unsafe.Offsetof(fr.Name), ErrFrameOffName},
		{"ErrFrameOffPos", unsafe.Offsetof(fr.Pos), ErrFrameOffPos},
		{"ErrFrameSize", unsafe.Sizeof(fr), ErrFrameSize},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, Go layout says %d", c.name, c.want, c.got)
		}
	}
}
