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
	Elem int64 // element size (1, 2, 4 or 8), plus abi.VecElemPtr
}

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
	KeyKind int64 // how keys hash and compare: abi.KindString by content, others by bits
	ValPtr  int64 // 1 when values are pointers the collector must trace
}

// entry is one key/value pair of a Map.
type entry struct {
	key uint64
	val uint64
}
