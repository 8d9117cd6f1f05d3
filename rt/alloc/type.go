package alloc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// Type is a type descriptor: what the allocator and collector need to
// know about the values stored in an object.
//
// This file is the single source of truth for the descriptor layout. The
// compiler emits descriptors in exactly this layout into the data
// section; the Type* offset constants below are what it uses, and
// TestTypeLayout checks they agree with the Go struct. Change both, or
// neither.
type Type struct {
	// Size is the size in bytes of one value, a multiple of Align.
	Size uintptr
	// Align is the required alignment in bytes: a power of two no larger
	// than PageBytes. The allocator gives every object at least 8.
	Align uintptr
	// PtrBytes is the length of the prefix of a value that can hold
	// pointers: the offset just past the last pointer word. 0 means the
	// value holds no pointers and objects of this type are never scanned.
	PtrBytes uintptr
	// Hash identifies the type (for is/as and reflection); the allocator
	// does not look at it.
	Hash uint64
	// GCBits points to the pointer mask: one bit per 8-byte word of the
	// first PtrBytes bytes, least significant bit first in each byte; a
	// set bit means the word holds a pointer the collector must trace.
	// It may be nil only when PtrBytes is 0.
	GCBits *uint8
	// Kind classifies the type; the values are those of Go's
	// reflect.Kind so that both frontends can share them.
	Kind Kind
	_    [7]uint8
}

// TypeSize is the size of a Type: where rt/lang's descriptor fields
// begin. The offsets of Type's fields for the compiler are
// abi.TypeOff*; TestTypeLayout checks them against the struct.
const TypeSize = abi.TypeSize

// Kind is the kind of a type; the numbering is reflect.Kind's.
type Kind uint8

// Kinds the runtime distinguishes.
const (
	KindInvalid       Kind = abi.TypeKindInvalid
	KindBool          Kind = abi.TypeKindBool
	KindInt           Kind = abi.TypeKindInt
	KindInt8          Kind = abi.TypeKindInt8
	KindInt16         Kind = abi.TypeKindInt16
	KindInt32         Kind = abi.TypeKindInt32
	KindInt64         Kind = abi.TypeKindInt64
	KindUint          Kind = abi.TypeKindUint
	KindUint8         Kind = abi.TypeKindUint8
	KindUint16        Kind = abi.TypeKindUint16
	KindUint32        Kind = abi.TypeKindUint32
	KindUint64        Kind = abi.TypeKindUint64
	KindUintptr       Kind = abi.TypeKindUintptr
	KindFloat32       Kind = abi.TypeKindFloat32
	KindFloat64       Kind = abi.TypeKindFloat64
	KindArray         Kind = abi.TypeKindArray
	KindFunc          Kind = abi.TypeKindFunc
	KindInterface     Kind = abi.TypeKindInterface
	KindMap           Kind = abi.TypeKindMap
	KindPointer       Kind = abi.TypeKindPointer
	KindSlice         Kind = abi.TypeKindSlice
	KindString        Kind = abi.TypeKindString
	KindStruct        Kind = abi.TypeKindStruct
	KindUnsafePointer Kind = abi.TypeKindUnsafePointer
)

// maskWord returns bits 64j to 64j+63 of t's pointer mask: bit i is
// set when word 64j+i of a value holds a pointer.
func (t *Type) maskWord(j uintptr) uint64 {
	ptrWords := t.PtrBytes / PtrSize
	if ptrWords <= j*64 {
		return 0
	}
	var m uint64
	for b := uintptr(0); b < 8 && j*64+b*8 < ptrWords; b++ {
		m |= uint64(*(*uint8)(unsafe.Add(unsafe.Pointer(t.GCBits), j*8+b))) << (b * 8)
	}
	return m
}
