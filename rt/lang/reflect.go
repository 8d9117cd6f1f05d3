package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// Reflection (std/reflect, std/json): descriptors found by identity hash
// in the program's type table (abi.TypeTableSymbol, emitted by the
// compiler when the program uses @reflect_hash), and what Nature code
// reads of them. docs/runtime-abi.md, "Reflection and json", lists these
// entry points.

// typeTable is the table's header; the descriptors follow, in
// increasing Hash order.
type typeTable struct {
	N int64
}

// TypeByHash returns the descriptor whose Hash is h, or nil when the
// program has none (reflect.typeof_hash).
func TypeByHash(h int64) *Type {
	tab := (*typeTable)(sys.TypeTable())
	if tab == nil {
		return nil
	}
	base := unsafe.Add(unsafe.Pointer(tab), 8)
	lo, hi := int64(0), tab.N
	for lo < hi {
		mid := lo + (hi-lo)/2
		t := *(**Type)(unsafe.Add(base, mid*8))
		switch {
		case int64(t.Mem.Hash) == h:
			return t
		case int64(t.Mem.Hash) < h:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return nil
}

// Which property TypeInfo returns.
const (
	TypeInfoSize    = 0 // the reference's storage size
	TypeInfoAlign   = 1 // the reference's alignment
	TypeInfoHash    = 2
	TypeInfoKind    = 3 // the Nature kind (NKind*)
	TypeInfoNHashes = 4 // the number of component types TypeHashAt lists
	TypeInfoNFields = 5 // the number of struct fields
)

// TypeInfo returns one property of descriptor t (TypeInfo*).
func TypeInfo(t *Type, which int64) int64 {
	switch which {
	case TypeInfoSize:
		return t.RefSize
	case TypeInfoAlign:
		return t.RefAlign
	case TypeInfoHash:
		return int64(t.Mem.Hash)
	case TypeInfoKind:
		return t.NKind
	case TypeInfoNHashes:
		return t.componentCount()
	case TypeInfoNFields:
		if t.NKind == abi.NKindStruct {
			return t.NItems
		}
	}
	return 0
}

// componentCount returns how many component types t has in reflect's
// type_t.hashes: the element of a vec, set, array, chan, ref or ptr;
// key and value of a map; the elements of a tuple; the terms of a union.
func (t *Type) componentCount() int64 {
	switch t.NKind {
	case abi.NKindVec, abi.NKindSet, abi.NKindArr, abi.NKindChan, abi.NKindRef, abi.NKindPtr:
		return 1
	case abi.NKindMap:
		return 2
	case abi.NKindTup, abi.NKindUnion:
		return t.NItems
	}
	return 0
}

// item returns t's item i.
func (t *Type) item(i int64) *TypeItem {
	return (*TypeItem)(unsafe.Add(t.Items, i*abi.TypeItemSize))
}

// TypeHashAt returns the hash of component i of t (see componentCount),
// or of field i of a struct; 0 when there is none.
func TypeHashAt(t *Type, i int64) int64 {
	var c *Type
	switch t.NKind {
	case abi.NKindMap:
		c = t.Key
		if i == 1 {
			c = t.Elem
		}
	case abi.NKindTup, abi.NKindUnion, abi.NKindStruct:
		if i >= 0 && i < t.NItems {
			c = t.item(i).Type
		}
	default:
		if i == 0 {
			c = t.Elem
		}
	}
	if c == nil {
		return 0
	}
	return int64(c.Mem.Hash)
}

// TypeFieldName returns the name of field i of struct t.
func TypeFieldName(t *Type, i int64) *String {
	if t.NKind != abi.NKindStruct || i < 0 || i >= t.NItems {
		return nil
	}
	return t.item(i).Name
}

// KindName returns the reference's name of Nature kind k
// (reflect's type_t.to_string, json's "unsupported type" message).
func KindName(k int64) *String {
	return process().constString(kindName(k))
}

func kindName(k int64) string {
	switch k {
	case abi.NKindNull:
		return "null"
	case abi.NKindBool:
		return "bool"
	case abi.NKindI8:
		return "i8"
	case abi.NKindU8:
		return "u8"
	case abi.NKindI16:
		return "i16"
	case abi.NKindU16:
		return "u16"
	case abi.NKindI32:
		return "i32"
	case abi.NKindU32:
		return "u32"
	case abi.NKindI64:
		return "i64"
	case abi.NKindU64:
		return "u64"
	case abi.NKindF32:
		return "f32"
	case abi.NKindF64:
		return "f64"
	case abi.NKindString:
		return "string"
	case abi.NKindVec:
		return "vec"
	case abi.NKindArr:
		return "arr"
	case abi.NKindMap:
		return "map"
	case abi.NKindSet:
		return "set"
	case abi.NKindTup:
		return "tup"
	case abi.NKindStruct:
		return "struct"
	case abi.NKindFn:
		return "fn"
	case abi.NKindChan:
		return "chan"
	case abi.NKindCoroutine:
		return "coroutine_t"
	case abi.NKindRef:
		return "ref"
	case abi.NKindPtr:
		return "ptr"
	case abi.NKindAnyptr:
		return "anyptr"
	case abi.NKindAny:
		return "any"
	case abi.NKindUnion:
		return "union"
	}
	return "unknown"
}

// ValueLen returns the length of the vec, map or set v of type t
// (reflect's value_t.len), 0 for other kinds.
func ValueLen(t *Type, v *Any) int64 {
	if v == nil {
		return 0
	}
	switch t.NKind {
	case abi.NKindVec:
		return VecLen((*Vec)(ptrOf(v.Value)))
	case abi.NKindMap, abi.NKindSet:
		return MapLen((*Map)(ptrOf(v.Value)))
	}
	return 0
}
