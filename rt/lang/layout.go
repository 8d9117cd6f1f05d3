package lang

import "unsafe"

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
const VecElemPtr = 256

// Any is an any (or union) box: a kind and the value's bits.
type Any struct {
	Kind  int64  // one of the Kind constants
	Value uint64 // the bits: floats as f64 bits, pointers as addresses
}

// Kinds of Any.Kind, of map and set keys and of the runtime's own value
// formatting.
const (
	KindBool   = 1 // 0 or 1
	KindInt    = 2 // signed integer, sign-extended to 64 bits
	KindUint   = 3 // unsigned integer, zero-extended
	KindFloat  = 4 // f64 bits (f32 is widened first)
	KindString = 5 // *String
	KindNull   = 6 // no value
	KindPtr    = 7 // any other value: printed as C %p
	KindHex    = 8 // simple enum: printed as 0x + lowercase hex, also for 0
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
	StringOffData = 0
	StringOffLen  = 8
	StringSize    = 16

	VecOffData = 0
	VecOffLen  = 8
	VecOffCap  = 16
	VecOffElem = 24
	VecSize    = 32

	AnyOffKind  = 0
	AnyOffValue = 8
	AnySize     = 16

	MapSize = 56

	// ClosureOffFn is where a closure object keeps its code address;
	// captured values follow, laid out by the compiler.
	ClosureOffFn = 0
)
