package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// String is the header of a Nature string. Compiled code holds a
// *String; nil means the empty string. Headers are immutable once made.
// Strings made by the runtime are one heap object: the header followed by
// its bytes (Data points just past the header), so one allocation makes
// a string and the collector needs no pointer bits for it.
type String struct {
	Data unsafe.Pointer // the bytes, not NUL-terminated in general
	Len  int64
}

// Vec is the header of a Nature vec. Compiled code holds a *Vec; nil
// means an empty vec (len 0, cap 0). Headers are immutable: operations
// that change the length or capacity return a new header, and headers
// share element buffers, which gives Go-slice semantics
// (spec/builtins.md §6).
type Vec struct {
	Data unsafe.Pointer // element buffer, shared between headers
	Len  int64
	Cap  int64
	Elem int64 // element size (1, 2, 4 or 8), plus VecElemPtr
}

// VecElemPtr is added to Vec.Elem when the elements are pointers the
// collector must trace.
const VecElemPtr = abi.VecElemPtr

// Any is an any, union or nullable box: the value's type descriptor and
// the value's bits. Boxes are immutable once made. nil is null.
type Any struct {
	Type  *Type  // the dynamic type: what is and as compare
	Value uint64 // the bits: floats as f64 bits (f32 widened), pointers as addresses
}

// Iface is an interface value: the method table of its dynamic type for
// the interface, and the value's bits (for a struct value a pointer to
// the interface's own copy, for ref<T> and ptr<T> the object shared).
// It has Any's shape; only the first word differs, and Itab.Type is
// the dynamic type.
type Iface struct {
	Itab  *Itab
	Value uint64
}

// Value kinds: of a type descriptor's Value (how a boxed value prints and
// whether it is traced), of map and set keys and of the runtime's own value
// formatting.
const (
	KindBool   = abi.KindBool   // 0 or 1
	KindInt    = abi.KindInt    // signed integer, sign-extended to 64 bits
	KindUint   = abi.KindUint   // unsigned integer, zero-extended
	KindFloat  = abi.KindFloat  // f64 bits (f32 is widened first)
	KindString = abi.KindString // *String
	KindNull   = abi.KindNull   // no value
	KindPtr    = abi.KindPtr    // any other value: printed as C %p
	KindHex    = abi.KindHex    // simple enum: printed as 0x + lowercase hex, also for 0
)

// Map is a map<K,V>; compiled code holds a *Map and only touches it
// through the Map* entry points. Entries are kept in insertion order in a
// dense array (so iteration is by position), found through an
// open-addressing index of 64-bit slots: the high half holds 32 bits of
// the key's hash, the low half the entry's position plus one (0 = empty).
// A set<T> is a Map whose values are unused.
type Map struct {
	Entries unsafe.Pointer // [Cap]entry
	Index   unsafe.Pointer // [Mask+1]uint64, nil until the first insert
	Len     int64
	Cap     int64
	Mask    int64 // index slots - 1
	KeyKind int64 // how keys hash and compare: KindString by content, others by bits
	ValPtr  int64 // 1 when values are pointers the collector must trace
}

// entry is one key/value pair of a Map.
type entry struct {
	key uint64
	val uint64
}

// Byte offsets and sizes of the layouts, for the compiler. TestLayout
// checks them against the Go structs.
const (
	StringOffData = abi.StringOffData
	StringOffLen  = abi.StringOffLen
	StringSize    = abi.StringSize

	VecOffData = abi.VecOffData
	VecOffLen  = abi.VecOffLen
	VecOffCap  = abi.VecOffCap
	VecOffElem = abi.VecOffElem
	VecSize    = abi.VecSize

	AnyOffType  = abi.AnyOffType
	AnyOffValue = abi.AnyOffValue
	AnySize     = abi.AnySize

	IfaceOffItab  = abi.IfaceOffItab
	IfaceOffValue = abi.IfaceOffValue
	IfaceSize     = abi.IfaceSize

	MapSize = abi.MapSize

	// ClosureOffFn is where a closure object keeps its code address;
	// captured values follow, laid out by the compiler.
	ClosureOffFn = abi.ClosureOffFn
)
