package lang

import (
	"testing"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/internal/layouttest"
)

// TestLayout checks the offset constants the compiler uses against the
// Go structs.
func TestLayout(t *testing.T) {
	layouttest.Check(t, String{}, abi.StringSize, abi.StringOffData, abi.StringOffLen)
	layouttest.Check(t, Vec{}, abi.VecSize, abi.VecOffData, abi.VecOffLen, abi.VecOffCap, abi.VecOffElem)
	layouttest.Check(t, Any{}, abi.AnySize, abi.AnyOffType, abi.AnyOffValue)
	layouttest.Check(t, Iface{}, abi.IfaceSize, abi.IfaceOffItab, abi.IfaceOffValue)
	// Type begins with the allocator's descriptor, Mem.
	layouttest.Check(t, Type{}, abi.TypeDescSize, 0, abi.TypeOffNKind, abi.TypeOffValue, abi.TypeOffName,
		abi.TypeOffElem, abi.TypeOffKey, abi.TypeOffLen, abi.TypeOffItems, abi.TypeOffNItems,
		abi.TypeOffItabs, abi.TypeOffNItabs, abi.TypeOffRefSize, abi.TypeOffRefAlign)
	layouttest.Check(t, TypeItem{}, abi.TypeItemSize, abi.TypeItemOffName, abi.TypeItemOffType, abi.TypeItemOffOffset)
	// The code addresses follow an Itab's two words.
	layouttest.Check(t, Itab{}, abi.ItabOffFn, abi.ItabOffType, abi.ItabOffIface)
	// Entries and Index are the two pointer words mapObj's mask covers.
	layouttest.Check(t, Map{}, abi.MapSize, 0, 8)
	layouttest.Check(t, entry{}, 16)
	layouttest.Check(t, ErrFrame{}, abi.ErrFrameSize, abi.ErrFrameOffName, abi.ErrFrameOffPos)
}
