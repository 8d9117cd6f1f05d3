package lang

import (
	"testing"
	"unsafe"
)

// TestLayout checks the offset constants the compiler uses against the
// Go structs.
func TestLayout(t *testing.T) {
	var s String
	var v Vec
	var a Any
	var m Map
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
		{"AnyOffKind", unsafe.Offsetof(a.Kind), AnyOffKind},
		{"AnyOffValue", unsafe.Offsetof(a.Value), AnyOffValue},
		{"AnySize", unsafe.Sizeof(a), AnySize},
		{"MapSize", unsafe.Sizeof(m), MapSize},
		{"Map.Entries", unsafe.Offsetof(m.Entries), 0},
		{"Map.Index", unsafe.Offsetof(m.Index), 8}, // the two pointer words mapObj's mask covers
		{"entry", unsafe.Sizeof(entry{}), 16},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, Go layout says %d", c.name, c.want, c.got)
		}
	}
}
