package sema

import "slices"

// instantiate returns the instance of the generic named type orig with
// the type arguments args, creating it on first use. Instances are kept
// on the TypeName, so a recursive generic type (a list whose node refers
// to list<T>) instantiates to itself instead of looping.
func instantiate(orig *Named, args []Type) *Named {
	if orig.Orig != nil {
		orig = orig.Orig
	}
	for _, inst := range orig.Obj.Instances {
		if identicalList(inst.TypeArgs, args, 0) {
			return inst
		}
	}
	inst := &Named{Obj: orig.Obj, TypeArgs: args, Orig: orig, Impls: orig.Impls}
	orig.Obj.Instances = append(orig.Obj.Instances, inst)
	if orig.underlying != nil {
		inst.underlying = Typ[Invalid] // guards the recursion below
		inst.underlying = substitute(orig.underlying, orig.TypeParams, args, 0)
	}
	return inst
}

// resolveInstance computes an instance's underlying type once the
// generic declaration's underlying type is known (instances created
// while the declaration is being resolved).
func resolveInstance(n *Named) {
	if n.Orig != nil && n.underlying == nil && n.Orig.underlying != nil {
		n.underlying = Typ[Invalid]
		n.underlying = substitute(n.Orig.underlying, n.Orig.TypeParams, n.TypeArgs, 0)
	}
}

// Subst returns t with the type parameters params replaced by args (the
// lowering instantiates a generic body with it). Instances of generic
// named types are shared with those the checker made (one *Named per
// distinct argument list, kept on the TypeName), so instantiating a
// recursive generic type terminates and the same instance is the same
// pointer; other types without parameters are returned unchanged. A
// *Signature's parameters are copied when their types change.
func Subst(t Type, params []*TypeParam, args []Type) Type {
	return substitute(t, params, args, 0)
}

// substitute replaces the type parameters params by args in t. Types
// without parameters are returned unchanged (shared).
func substitute(t Type, params []*TypeParam, args []Type, depth int) Type {
	if len(params) == 0 || t == nil || depth > 64 {
		return t
	}
	sub := func(t Type) Type { return substitute(t, params, args, depth+1) }
	switch t := t.(type) {
	case *TypeParam:
		for i, p := range params {
			if p == t && i < len(args) {
				return args[i]
			}
		}
		return t
	case *Vec:
		if e := sub(t.Elem); e != t.Elem {
			return &Vec{Elem: e}
		}
	case *Array:
		if e := sub(t.Elem); e != t.Elem {
			return &Array{Elem: e, Len: t.Len}
		}
	case *Set:
		if e := sub(t.Elem); e != t.Elem {
			return &Set{Elem: e}
		}
	case *Chan:
		if e := sub(t.Elem); e != t.Elem {
			return &Chan{Elem: e}
		}
	case *Future:
		if e := sub(t.Result); e != t.Result {
			return &Future{Result: e}
		}
	case *Pointer:
		if e := sub(t.Elem); e != t.Elem {
			return &Pointer{Kind: t.Kind, Elem: e}
		}
	case *Map:
		k, e := sub(t.Key), sub(t.Elem)
		if k != t.Key || e != t.Elem {
			return &Map{Key: k, Elem: e}
		}
	case *Tuple:
		if elems, changed := substEach(t.Elems, sub); changed {
			return &Tuple{Elems: elems}
		}
	case *Union:
		if terms, changed := substEach(t.Terms, sub); changed {
			return &Union{Terms: terms}
		}
	case *Struct:
		if fields, changed := substEach(t.Fields, func(f *Var) *Var { return substVar(f, sub) }); changed {
			return &Struct{Fields: fields}
		}
	case *TaggedUnion:
		vs, changed := substEach(t.Variants, func(v *Variant) *Variant {
			if p := sub(v.Payload); p != v.Payload {
				return &Variant{Name: v.Name, Payload: p, Index: v.Index}
			}
			return v
		})
		if changed {
			return &TaggedUnion{Variants: vs}
		}
	case *Signature:
		return substSignature(t, params, args, depth)
	case *Named:
		if len(t.TypeArgs) > 0 {
			if targs, changed := substEach(t.TypeArgs, sub); changed {
				return instantiate(t, targs)
			}
		}
	case *Interface:
		ms, changed := substEach(t.Methods, func(m *Func) *Func {
			if s := sub(m.typ); s != m.typ {
				g := *m
				g.typ = s
				return &g
			}
			return m
		})
		if changed {
			return &Interface{Methods: ms, Embedded: t.Embedded, Marker: t.Marker}
		}
	}
	return t
}

// substEach returns xs with each element replaced by sub's result and
// whether any of them changed; when none did it returns xs itself.
func substEach[T comparable](xs []T, sub func(T) T) ([]T, bool) {
	var out []T
	for i, x := range xs {
		if y := sub(x); y != x {
			if out == nil {
				out = slices.Clone(xs)
			}
			out[i] = y
		}
	}
	if out == nil {
		return xs, false
	}
	return out, true
}

// substVar returns v, or a copy of v whose type is sub's result when
// that is another type.
func substVar(v *Var, sub func(Type) Type) *Var {
	t := sub(v.typ)
	if t == v.typ {
		return v
	}
	w := *v
	w.typ = t
	return &w
}

func substSignature(s *Signature, params []*TypeParam, args []Type, depth int) *Signature {
	sub := func(t Type) Type { return substitute(t, params, args, depth+1) }
	out := *s
	var changed bool
	out.Params, changed = substEach(s.Params, func(p *Var) *Var { return substVar(p, sub) })
	if s.Recv != nil {
		if r := substVar(s.Recv, sub); r != s.Recv {
			changed = true
			out.Recv = r
		}
	}
	if r := sub(s.Result); r != s.Result {
		changed = true
		out.Result = r
	}
	if !changed {
		return s
	}
	// The substituted parameters are no longer parameters of the result.
	var rest []*TypeParam
	for _, tp := range s.TypeParams {
		keep := true
		for _, p := range params {
			if p == tp {
				keep = false
			}
		}
		if keep {
			rest = append(rest, tp)
		}
	}
	out.TypeParams = rest
	return &out
}
