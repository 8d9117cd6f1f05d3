package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// Type is a Nature type descriptor (docs/runtime-abi.md, "Type
// descriptors"): the allocator's descriptor, so an object of the type
// can be allocated with it, followed by what the language needs at run
// time. The compiler emits one per type the program uses at run time,
// read-only and deduplicated module-wide: two descriptors are the same
// type exactly when their addresses are equal.
type Type struct {
	Mem    alloc.Type     // size, alignment, pointer mask, identity hash, Go kind
	NKind  int64          // the Nature kind (NKind*)
	Value  int64          // Kind* of a value of the type: how a box of it prints and whether it is traced
	Name   *String        // the type as the reference spells it
	Elem   *Type          // vec, set, array, chan, ptr, ref element; map value; fn result; T of T?
	Key    *Type          // map key
	Len    int64          // array length
	Items  unsafe.Pointer // [NItems]TypeItem: fields, elements, terms, parameters, methods
	NItems int64
	Itabs  unsafe.Pointer // [NItabs]*Itab: method tables of the interfaces the type implements
	NItabs int64
	// The reference's size and alignment of a value (reflect's
	// type_t.size and its field offsets).
	RefSize, RefAlign int64
}

// TypeItem is one field, tuple element, union term, fn parameter or
// interface method of a type.
type TypeItem struct {
	Name   *String // field or method name, nil otherwise
	Type   *Type
	Offset int64 // byte offset of a field or element in the object
}

// Itab is the method table of one dynamic type for one interface. Fn
// (the code addresses, in the interface's method order) follows the two
// words; compiled code calls through it.
type Itab struct {
	Type  *Type // the dynamic type
	Iface *Type // the interface
}

// traced reports whether a box of a value of type t holds a pointer the
// collector must trace.
func (t *Type) traced() bool { return keyIsPtr(t.Value) }

// itab returns t's method table for interface iface, or nil.
func (t *Type) itab(iface *Type) *Itab {
	for i := int64(0); i < t.NItabs; i++ {
		it := *(**Itab)(unsafe.Add(t.Itabs, i*8))
		if it.Iface == iface {
			return it
		}
	}
	return nil
}
