package sema

// Identical reports whether x and y are the same type. Named types are
// nominal (the same declaration, and for instances identical type
// arguments); int is i64, uint is u64 and float is f64; composite types
// are compared structurally.
func Identical(x, y Type) bool {
	return identical(x, y, 0)
}

func identical(x, y Type, depth int) bool {
	if x == y {
		return true
	}
	if x == nil || y == nil || depth > 100 {
		return false
	}
	switch x := x.(type) {
	case *Basic:
		y, ok := y.(*Basic)
		return ok && x.Kind == y.Kind
	case *Vec:
		y, ok := y.(*Vec)
		return ok && identical(x.Elem, y.Elem, depth+1)
	case *Array:
		y, ok := y.(*Array)
		return ok && x.Len == y.Len && identical(x.Elem, y.Elem, depth+1)
	case *Map:
		y, ok := y.(*Map)
		return ok && identical(x.Key, y.Key, depth+1) && identical(x.Elem, y.Elem, depth+1)
	case *Set:
		y, ok := y.(*Set)
		return ok && identical(x.Elem, y.Elem, depth+1)
	case *Chan:
		y, ok := y.(*Chan)
		return ok && identical(x.Elem, y.Elem, depth+1)
	case *Future:
		y, ok := y.(*Future)
		return ok && identical(x.Result, y.Result, depth+1)
	case *Pointer:
		y, ok := y.(*Pointer)
		return ok && x.Kind == y.Kind && identical(x.Elem, y.Elem, depth+1)
	case *Tuple:
		y, ok := y.(*Tuple)
		return ok && identicalList(x.Elems, y.Elems, depth)
	case *Union:
		y, ok := y.(*Union)
		if !ok || len(x.Terms) != len(y.Terms) {
			return false
		}
		// Unions are compared structurally, as sets of terms.
		for _, t := range x.Terms {
			if !containsType(y.Terms, t) {
				return false
			}
		}
		return true
	case *Signature:
		y, ok := y.(*Signature)
		if !ok || x.Errable != y.Errable || x.Variadic != y.Variadic || len(x.Params) != len(y.Params) {
			return false
		}
		for i := range x.Params {
			if !identical(x.Params[i].typ, y.Params[i].typ, depth+1) {
				return false
			}
		}
		return identical(x.Result, y.Result, depth+1)
	case *Struct:
		// Anonymous struct types are structural (types.md §5.1).
		y, ok := y.(*Struct)
		if !ok || len(x.Fields) != len(y.Fields) {
			return false
		}
		for i, f := range x.Fields {
			g := y.Fields[i]
			if f.name != g.name || !identical(f.typ, g.typ, depth+1) {
				return false
			}
		}
		return true
	case *Named:
		y, ok := y.(*Named)
		if !ok {
			return false
		}
		if x.Orig != nil && x.Orig == y.Orig {
			return identicalList(x.TypeArgs, y.TypeArgs, depth)
		}
		return false
	}
	return false
}

func identicalList(xs, ys []Type, depth int) bool {
	if len(xs) != len(ys) {
		return false
	}
	for i := range xs {
		if !identical(xs[i], ys[i], depth+1) {
			return false
		}
	}
	return true
}

func containsType(list []Type, t Type) bool {
	for _, u := range list {
		if Identical(u, t) {
			return true
		}
	}
	return false
}

func basicKind(t Type) BasicKind {
	if b, ok := t.(*Basic); ok { // most often, without a call
		return b.Kind
	}
	if t == nil {
		return Invalid
	}
	if b, ok := t.Underlying().(*Basic); ok {
		return b.Kind
	}
	return 0xff
}

// IsInteger reports whether t's underlying type is an integer type.
func IsInteger(t Type) bool {
	k := basicKind(t)
	return I8 <= k && k <= U64 || k == UntypedInt
}

// IsUnsigned reports whether t's underlying type is an unsigned integer
// type.
func IsUnsigned(t Type) bool {
	k := basicKind(t)
	return U8 <= k && k <= U64
}

// IsFloat reports whether t's underlying type is f32 or f64.
func IsFloat(t Type) bool {
	k := basicKind(t)
	return k == F32 || k == F64 || k == UntypedFloat
}

// IsNumeric reports whether t's underlying type is an integer or float
// type.
func IsNumeric(t Type) bool { return IsInteger(t) || IsFloat(t) }

// IsString reports whether t's underlying type is string.
func IsString(t Type) bool { return basicKind(t) == String }

// IsBool reports whether t's underlying type is bool.
func IsBool(t Type) bool { return basicKind(t) == Bool }

// IsVoid reports whether t is void.
func IsVoid(t Type) bool { return basicKind(t) == Void }

// isInvalid reports whether t is missing or the invalid type: an error
// was reported already, so no further error should mention it.
func isInvalid(t Type) bool { return t == nil || basicKind(t) == Invalid }

// IntBits returns the width in bits of an integer or float type, 0 for
// other types.
func IntBits(t Type) int {
	switch basicKind(t) {
	case I8, U8:
		return 8
	case I16, U16:
		return 16
	case I32, U32, F32:
		return 32
	case I64, U64, F64, UntypedInt, UntypedFloat, Anyptr:
		return 64
	}
	return 0
}

// Default returns the type an untyped constant type stands for when no
// context gives one: i64 for integers, f64 for floats (the reference's
// spellings of int and float literals); other types are returned
// unchanged.
func Default(t Type) Type {
	switch basicKind(t) {
	case UntypedInt:
		if b, ok := t.(*Basic); ok && b.Kind == UntypedInt {
			return Typ[I64]
		}
	case UntypedFloat:
		if b, ok := t.(*Basic); ok && b.Kind == UntypedFloat {
			return Typ[F64]
		}
	}
	return t
}

// isUntyped reports whether t is an untyped constant type.
func isUntyped(t Type) bool {
	b, ok := t.(*Basic)
	return ok && (b.Kind == UntypedInt || b.Kind == UntypedFloat)
}
