package linear

import (
	"slices"

	"github.com/naturekit/naturekit/sema"
)

// @sizeof(T) is the size the reference compiler stores a T in
// (spec/builtins.md, runtime-model.md §2): C-like layouts with natural
// alignment and the reference's header sizes, which are not the sizes of
// this compiler's representation (a string is one pointer here, 48
// bytes there). It is a constant computed from the type alone.

// refSize returns the reference's size and alignment of type t.
func refSize(t sema.Type) (size, align int64) {
	return refSizer{}.size(t)
}

// refSizer computes refSize, holding the named types it is inside of: a
// struct may hold itself through a nullable (tree? left in tree), whose
// payload the reference stores inline; the inner occurrence counts as
// empty, which gives the size the reference's type descriptors carry
// (40 for struct{int; tree? left; tree? right}; its @sizeof is 72).
type refSizer struct {
	inside []*sema.Named
}

func (z refSizer) size(t sema.Type) (size, align int64) {
	if n, ok := t.(*sema.Named); ok {
		if slices.Contains(z.inside, n) {
			return 0, 1
		}
		z.inside = append(z.inside[:len(z.inside):len(z.inside)], n)
	}
	switch u := t.Underlying().(type) {
	case *sema.Basic:
		switch u.Kind {
		case sema.Bool, sema.I8, sema.U8:
			return 1, 1
		case sema.I16, sema.U16:
			return 2, 2
		case sema.I32, sema.U32, sema.F32:
			return 4, 4
		case sema.String:
			return 48, 8 // {data, length, capacity, element_size, type_hash, allocator}
		case sema.Any:
			return 16, 8 // {rtype, value}
		case sema.Void, sema.Null:
			return 0, 1
		}
		return 8, 8
	case *sema.Enum:
		return z.size(u.Base)
	case *sema.Vec:
		return 48, 8
	case *sema.Map:
		return 56, 8
	case *sema.Set:
		return 40, 8
	case *sema.Array:
		s, a := z.size(u.Elem)
		return s * u.Len, a
	case *sema.Tuple:
		return z.layout(u.Elems)
	case *sema.Struct:
		ts := make([]sema.Type, len(u.Fields))
		for i, f := range u.Fields {
			ts[i] = f.Type()
		}
		return z.layout(ts)
	case *sema.Union:
		// {rtype, payload}: the largest member inline, at least a word.
		var most int64
		for _, m := range u.Terms {
			s, _ := z.size(m)
			most = max(most, s)
		}
		return 8 + max(8, roundUp(most, 8)), 8
	case *sema.TaggedUnion:
		// {tag hash, payload}, the same rule as untagged unions.
		var most int64
		for _, v := range u.Variants {
			s, _ := z.size(v.Payload)
			most = max(most, s)
		}
		return 8 + max(8, roundUp(most, 8)), 8
	case *sema.Interface:
		return 32, 8 // {value, methods, rtype, method_count}
	}
	return 8, 8 // fn, ref, ptr, chan, future: one pointer
}

// layout returns the size and alignment of members laid out in
// order, each at its natural alignment, the total rounded to the largest.
func (z refSizer) layout(ts []sema.Type) (size, align int64) {
	align = 1
	for _, t := range ts {
		s, a := z.size(t)
		size = roundUp(size, a) + s
		align = max(align, a)
	}
	return roundUp(size, align), align
}

func roundUp(n, a int64) int64 {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}
