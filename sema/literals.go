package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Composite literals take their type from the expected type when there
// is one ([] and {} need it), else from their first element.

func (c *checker) tupleLit(e *ast.TupleExpr, want Type) operand {
	if len(e.Elts) < 2 {
		c.errorf(e.Pos(), "tuple elements must be at least two")
	}
	var wt *Tuple
	if want != nil {
		wt, _ = want.Underlying().(*Tuple)
	}
	elems := make([]Type, len(e.Elts))
	for i, x := range e.Elts {
		var ew Type
		if wt != nil && i < len(wt.Elems) {
			ew = wt.Elems[i]
		}
		op := c.expr(x, ew)
		if ew != nil && c.assignOperand(x, op, ew) {
			elems[i] = ew
		} else {
			elems[i] = op.typ
		}
	}
	if wt != nil && len(wt.Elems) == len(elems) && identicalList(wt.Elems, elems, 0) {
		return valueOf(want)
	}
	return valueOf(&Tuple{Elems: elems})
}

// elemWant returns the element type of the expected type of a [...]
// literal and whether it is an array.
func elemWant(want Type) (elem Type, arr *Array, named bool) {
	if want == nil {
		return nil, nil, false
	}
	switch u := want.Underlying().(type) {
	case *Vec:
		return u.Elem, nil, true
	case *Array:
		return u.Elem, u, true
	case *Basic:
		if u.Kind == Any {
			return Typ[Any], nil, false
		}
	}
	return nil, nil, false
}

func (c *checker) vecLit(e *ast.VecLit, want Type) operand {
	if want != nil && isInvalid(want) && len(e.Elts) == 0 {
		return invalidOp // the expected type had an error already
	}
	elem, arr, fromWant := elemWant(want)
	if elem == nil && len(e.Elts) == 0 {
		c.errorf(e.Pos(), "vec element type not confirm")
		return invalidOp
	}
	for i, x := range e.Elts {
		op := c.expr(x, elem)
		if elem == nil {
			if isInvalid(op.typ) {
				return invalidOp
			}
			elem = op.typ
			if i == 0 && op.mode == NoValue {
				c.errorf(x.Pos(), "vec element type not confirm")
				return invalidOp
			}
			continue
		}
		c.assignOperand(x, op, elem)
	}
	if arr != nil {
		if int64(len(e.Elts)) > arr.Len {
			c.errorf(e.Pos(), "array literal length overflow, expect=%d, actual=%d", arr.Len, len(e.Elts))
		} else if int64(len(e.Elts)) < arr.Len && !hasZero(arr.Elem) {
			// The rest is zero-filled, which a ref or fn cannot be.
			c.errorf(c.last(e), "type '%s' must assign default value", longType(arr.Elem))
		}
		return valueOf(want)
	}
	if fromWant {
		return valueOf(want)
	}
	return valueOf(&Vec{Elem: elem})
}

// repeatLit checks [value; count]: an array [T;count] where an array is
// expected (count a constant, the array's length), else a vec of count
// copies (count any int), as the reference types it.
func (c *checker) repeatLit(e *ast.RepeatLit, want Type) operand {
	elem, arr, fromWant := elemWant(want)
	op := c.expr(e.Value, elem)
	if elem != nil {
		c.assignOperand(e.Value, op, elem)
	} else {
		elem = op.typ
	}
	if arr == nil {
		c.checkValue(e.Count, Int)
		if isInvalid(elem) {
			return invalidOp
		}
		if elem == Typ[I64] && op.mode == Constant {
			elem = Int // the reference types [1; n] as [int]
		}
		if fromWant {
			return valueOf(want)
		}
		return valueOf(&Vec{Elem: elem})
	}
	v, ok := c.foldConst(e.Count)
	if !ok || v.kind() != constant.Int {
		c.expr(e.Count, Int)
		c.errorf(c.last(e.Count), "array length of the declaration must be a constant")
		return invalidOp
	}
	c.constant(e.Count, v, Int)
	n, _ := constant.Int64Val(v.c)
	if n <= 0 {
		c.errorf(c.last(e.Count), "array length must be greater than 0")
		return invalidOp
	}
	if n != arr.Len {
		c.errorf(c.last(e.Count), "type inconsistency, expect=%s, actual=%s", longType(want), longType(&Array{Elem: arr.Elem, Len: n}))
		return invalidOp
	}
	return valueOf(want)
}

func (c *checker) braceLit(e *ast.BraceLit, want Type) operand {
	var wu Type
	if want != nil {
		wu = want.Underlying()
	}
	switch w := wu.(type) {
	case *Map:
		for _, x := range e.Elts {
			kv, ok := x.(*ast.KeyValueExpr)
			if !ok {
				c.errorf(x.Pos(), "type inconsistency, expect=%s, actual=%s", longType(want), "set")
				c.expr(x, nil)
				continue
			}
			c.checkValue(kv.Key, w.Key)
			c.checkValue(kv.Value, w.Elem)
		}
		return valueOf(want)
	case *Set:
		for _, x := range e.Elts {
			if kv, ok := x.(*ast.KeyValueExpr); ok {
				c.errorf(kv.Pos(), "type inconsistency, expect=%s, actual=%s", longType(want), "map")
				continue
			}
			c.checkValue(x, w.Elem)
		}
		return valueOf(want)
	}
	if len(e.Elts) == 0 && want != nil && isInvalid(want) {
		return invalidOp // the expected type had an error already
	}
	if len(e.Elts) == 0 {
		name := "unknown"
		if want != nil && !isInvalid(want) {
			name = longType(want)
		}
		c.errorf(e.Pos(), "{} cannot ref type %s", name)
		return invalidOp
	}
	if _, isMap := e.Elts[0].(*ast.KeyValueExpr); isMap {
		var kt, vt Type
		for _, x := range e.Elts {
			kv, ok := x.(*ast.KeyValueExpr)
			if !ok {
				c.errorf(x.Pos(), "map key/value type cannot confirm")
				continue
			}
			k := c.expr(kv.Key, kt)
			v := c.expr(kv.Value, vt)
			if kt == nil {
				kt, vt = k.typ, v.typ
				continue
			}
			c.assignOperand(kv.Key, k, kt)
			c.assignOperand(kv.Value, v, vt)
		}
		return valueOf(&Map{Key: nonNil(kt), Elem: nonNil(vt)})
	}
	var et Type
	for _, x := range e.Elts {
		if _, ok := x.(*ast.KeyValueExpr); ok {
			c.errorf(x.Pos(), "set element type not confirm")
			continue
		}
		op := c.expr(x, et)
		if et == nil {
			et = op.typ
			continue
		}
		c.assignOperand(x, op, et)
	}
	return valueOf(&Set{Elem: nonNil(et)})
}

func (c *checker) structLit(e *ast.StructLit) operand {
	// The reference reports the errors of the type at the {.
	saved := c.errAt
	c.errAt = e.Lbrace
	t := c.typ(e.Type)
	c.errAt = saved
	if isInvalid(t) {
		for _, f := range e.Fields {
			c.expr(f.Value, nil)
		}
		return invalidOp
	}
	st, ok := t.Underlying().(*Struct)
	if !ok {
		c.errorf(e.Lbrace, "'%s' not struct, cannot struct new", longType(t))
		return invalidOp
	}
	c.structFields(st, e.Fields, e.Lbrace)
	return valueOf(t)
}

// structFields checks the name: value (or name = value) list of a
// struct literal or new: known fields, values of the field types, and
// fields without a zero value given (types.md §5.2).
func (c *checker) structFields(st *Struct, fields []*ast.KeyValueExpr, pos lex.Pos) {
	given := map[string]bool{}
	prev := pos // the node checked last, where an unknown field is reported
	for _, kv := range fields {
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			c.errorf(kv.Key.Pos(), "struct field name must be an identifier")
			c.expr(kv.Value, nil)
			continue
		}
		f, _ := st.Field(id.Name)
		if f == nil {
			c.errorf(prev, "not found property '%s'", id.Name)
			c.expr(kv.Value, nil)
			continue
		}
		c.use(id, f)
		given[id.Name] = true
		c.checkValue(kv.Value, f.typ)
		prev = c.last(kv.Value)
	}
	if len(fields) > 0 {
		pos = c.last(fields[len(fields)-1].Value)
	}
	for _, f := range st.Fields {
		if !given[f.name] && f.Default == nil && !hasZero(f.typ) {
			c.errorf(pos, "struct field '%s' must be assigned default value", f.name)
		}
	}
}

// hasZero reports whether t has a zero value (types.md §1): fn, ref,
// interfaces and non-nullable unions do not.
func hasZero(t Type) bool {
	switch u := t.Underlying().(type) {
	case *Signature, *Interface:
		return false
	case *Pointer:
		return u.Kind == Ptr
	case *Union:
		return u.Nullable()
	}
	return true
}

// checkFieldDefaults types the default expressions of a struct type's
// fields (they are evaluated at every literal).
func (c *checker) checkFieldDefaults(st *Struct) {
	for _, f := range st.Fields {
		if f.Default == nil {
			continue
		}
		if _, isLit := f.Default.(*ast.FuncLit); isLit {
			c.errorf(f.Default.Pos(), "struct field default value cannot be a fn def, use fn def ident instead")
			continue
		}
		c.checkValue(f.Default, f.typ)
	}
}
