package linear

import (
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// lirType returns the register type of a Nature type: every Nature value
// fits in one register (docs/runtime-abi.md, "Values").
func lirType(t sema.Type) lir.Type {
	switch u := t.Underlying().(type) {
	case *sema.Basic:
		switch u.Kind {
		case sema.Bool, sema.I8, sema.U8:
			return lir.I8
		case sema.I16, sema.U16:
			return lir.I16
		case sema.I32, sema.U32:
			return lir.I32
		case sema.I64, sema.U64, sema.UntypedInt, sema.Anyptr:
			return lir.I64
		case sema.F32:
			return lir.F32
		case sema.F64, sema.UntypedFloat:
			return lir.F64
		case sema.Void:
			return lir.Void
		}
		return lir.Ptr // string, null, any
	case *sema.Enum:
		return lirType(u.Base)
	}
	return lir.Ptr
}

// isPointer reports whether values of type t are pointers the collector
// must trace. anyptr is a plain machine word.
func isPointer(t sema.Type) bool {
	if b, ok := t.Underlying().(*sema.Basic); ok {
		switch b.Kind {
		case sema.String, sema.Any, sema.Null:
			return true
		}
		return false
	}
	return lirType(t) == lir.Ptr
}

// isSigned reports whether t is a signed integer type (enums included).
func isSigned(t sema.Type) bool {
	if e, ok := t.Underlying().(*sema.Enum); ok {
		return isSigned(e.Base)
	}
	return sema.IsInteger(t) && !sema.IsUnsigned(t)
}

// isAggregate reports whether t is a struct, tuple or fixed array: a
// pointer to a heap object that the compiler copies to give value
// semantics.
func isAggregate(t sema.Type) bool {
	switch t.Underlying().(type) {
	case *sema.Struct, *sema.Tuple, *sema.Array:
		return true
	}
	return false
}

// isBoxed reports whether values of t are Any boxes: any, unions and
// nullables.
func isBoxed(t sema.Type) bool {
	switch u := t.Underlying().(type) {
	case *sema.Union:
		return true
	case *sema.Basic:
		return u.Kind == sema.Any
	}
	return false
}

// valueKind returns the Kind a value of type t is boxed, hashed and
// printed as.
func valueKind(t sema.Type) int64 {
	switch {
	case sema.IsBool(t):
		return abi.KindBool
	case sema.IsFloat(t):
		return abi.KindFloat
	case sema.IsUnsigned(t):
		return abi.KindUint
	case sema.IsInteger(t), isEnum(t):
		return abi.KindInt
	case sema.IsString(t):
		return abi.KindString
	}
	if b, ok := t.Underlying().(*sema.Basic); ok && b.Kind == sema.Null {
		return abi.KindNull
	}
	return abi.KindPtr
}

func isEnum(t sema.Type) bool {
	_, ok := t.Underlying().(*sema.Enum)
	return ok
}

// elemArg returns the elem argument of the vec entry points for elements
// of type t: their size, plus abi.VecElemPtr for traced pointers.
func elemArg(t sema.Type) int64 {
	n := int64(lirType(t).Size())
	if isPointer(t) {
		n += abi.VecElemPtr
	}
	return n
}

// fields returns the member types of a struct or tuple in layout order.
func fields(t sema.Type) []sema.Type {
	switch u := t.Underlying().(type) {
	case *sema.Struct:
		ts := make([]sema.Type, len(u.Fields))
		for i, f := range u.Fields {
			ts[i] = f.Type()
		}
		return ts
	case *sema.Tuple:
		return u.Elems
	}
	return nil
}

// A layout is the shape of a heap object the compiler allocates: a
// struct, a tuple, a closure or a cell. Each member is one register-sized
// value at its natural alignment (C layout); the object is padded to a
// multiple of 8 bytes.
type layout struct {
	offs []int64
	ts   []lir.Type
	ptrs []bool // member i is traced by the collector
	size int64
}

// newLayout lays out members of the given register types.
func newLayout(ts []lir.Type, ptrs []bool) *layout {
	l := &layout{ts: ts, ptrs: ptrs}
	for _, t := range ts {
		sz := int64(t.Size())
		l.size = (l.size + sz - 1) / sz * sz
		l.offs = append(l.offs, l.size)
		l.size += sz
	}
	l.size = (l.size + 7) / 8 * 8
	if l.size == 0 {
		l.size = 8
	}
	return l
}

// aggregateLayout lays out a struct or tuple type.
func aggregateLayout(t sema.Type) *layout {
	fs := fields(t)
	ts := make([]lir.Type, len(fs))
	ptrs := make([]bool, len(fs))
	for i, f := range fs {
		ts[i], ptrs[i] = lirType(f), isPointer(f)
	}
	return newLayout(ts, ptrs)
}

// key returns a string identifying the layout's size and pointer map, so
// objects of equal shape share one type descriptor.
func (l *layout) key() string {
	buf := make([]byte, 0, 16)
	buf = appendInt(buf, l.size)
	for i, p := range l.ptrs {
		if p {
			buf = append(buf, ',')
			buf = appendInt(buf, l.offs[i])
		}
	}
	return string(buf)
}

// ptrBytes returns the length of the prefix of the object that holds
// pointers, and the pointer mask of that prefix (rt/alloc.Type).
func (l *layout) ptrBytes() (int64, []byte) {
	var end int64
	for i, p := range l.ptrs {
		if p {
			end = l.offs[i] + 8
		}
	}
	if end == 0 {
		return 0, nil
	}
	words := end / 8
	mask := make([]byte, (words+7)/8)
	for i, p := range l.ptrs {
		if p {
			w := l.offs[i] / 8
			mask[w/8] |= 1 << (w % 8)
		}
	}
	return end, mask
}

func appendInt(buf []byte, n int64) []byte {
	if n >= 10 {
		buf = appendInt(buf, n/10)
	}
	return append(buf, byte('0'+n%10))
}

// withType gives a constant operand type t; registers keep their type.
func withType(o lir.Operand, t lir.Type) lir.Operand {
	if o.Kind == lir.IntOperand || o.Kind == lir.FloatOperand {
		o.Type = t
	}
	return o
}
