package lang

import (
	"reflect"
	"testing"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
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

// TestAllocAsmOffsets checks the offsets of rt/alloc's structs that
// Alloc's hand-written fast path uses (alloc_amd64.asm) against the
// structs, and the constants it builds in.
func TestAllocAsmOffsets(t *testing.T) {
	layouttest.CheckAsmFile(t, "alloc_amd64.asm", 15, map[string]reflect.Type{
		"Type":  reflect.TypeFor[alloc.Type](),
		"Span":  reflect.TypeFor[alloc.Span](),
		"Cache": reflect.TypeFor[alloc.Cache](),
	})
	// "and eax, 15": cacheWord % bitWords.
	if f, _ := reflect.TypeFor[alloc.Span]().FieldByName("allocBits"); f.Type.Len() != 16 {
		t.Errorf("Span.allocBits has %d words, alloc_amd64.asm says 16", f.Type.Len())
	}
}
