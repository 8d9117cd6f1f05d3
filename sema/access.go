package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
)

// selector checks x.name used as a value (not called): a field, an enum
// member, a variant without payload, a module member.
func (c *checker) selector(e *ast.SelectorExpr, want Type) operand {
	if obj, ok := c.moduleMember(e); ok {
		if obj == nil {
			return invalidOp
		}
		return c.objectOperand(e.Sel, obj)
	}
	if t, ok := c.typeOperandWant(e.X, want); ok {
		return c.typeMember(e, t)
	}
	if c.undeclaredX(e) {
		return invalidOp
	}
	x := c.expr(e.X, nil)
	if isInvalid(x.typ) {
		return invalidOp
	}
	if op, ok := c.field(e, x); ok {
		return op
	}
	if c.hasMethod(x.typ, e.Sel.Name) {
		c.errorf(c.last(e.X), "method '%s' cannot be used as a value", e.Sel.Name)
		return invalidOp
	}
	c.noField(e, x.typ)
	return invalidOp
}

// undeclaredX reports an undeclared name x in x.y, at the . as the
// reference does.
func (c *checker) undeclaredX(e *ast.SelectorExpr) bool {
	id, ok := e.X.(*ast.Ident)
	if !ok || c.lookup(id.Name) != nil {
		return false
	}
	if _, ok := c.keywordType(id); ok {
		return false
	}
	c.errorf(c.anchor(e), "identifier '%s' undeclared ", id.Name)
	return true
}

// moduleMember resolves alias.name; ok is false when e.X is not an
// import alias.
func (c *checker) moduleMember(e *ast.SelectorExpr) (Object, bool) {
	id, ok := e.X.(*ast.Ident)
	if !ok {
		return nil, false
	}
	pn, ok := c.lookup(id.Name).(*PkgName)
	if !ok {
		return nil, false
	}
	c.use(id, pn)
	c.record(id, TypeAndValue{Mode: PkgExpr, Type: Typ[Invalid]})
	if pn.Imported == nil {
		return nil, true
	}
	obj := pn.Imported.Scope.Lookup(e.Sel.Name)
	if obj == nil {
		c.errorf(c.anchor(e), "identifier '%s.%s' undeclared ", pn.Imported.Name, e.Sel.Name)
		return nil, true
	}
	if !obj.Exported() {
		c.errorf(c.anchor(e), "undefined: %s.%s", id.Name, e.Sel.Name)
		return nil, true
	}
	c.use(e.Sel, obj)
	c.info.Selections[e] = &Selection{Kind: ModuleSel, Obj: obj}
	return obj, true
}

// objectOperand is the operand a resolved object denotes.
func (c *checker) objectOperand(id *ast.Ident, obj Object) operand {
	c.objDecl(obj)
	switch obj := obj.(type) {
	case *Var:
		return operand{mode: Variable, typ: nonNil(obj.typ)}
	case *Const:
		if obj.Val == nil {
			return invalidOp
		}
		return c.constant(id, obj.value(), nil)
	case *Func:
		return operand{mode: Value, typ: obj.Signature()}
	case *TypeName:
		return operand{mode: TypeExpr, typ: nonNil(obj.typ)}
	}
	return invalidOp
}

// typeOperandWant is typeOperand where a generic type named without
// arguments (maybe.some(x) in a function returning maybe<string>) takes
// them from the expected type.
func (c *checker) typeOperandWant(e ast.Expr, want Type) (Type, bool) {
	if t := c.bareGeneric(e, want); t != nil {
		return t, true
	}
	return c.typeOperand(e)
}

// bareGeneric returns want if e names the generic type want instantiates.
func (c *checker) bareGeneric(e ast.Expr, want Type) Type {
	id, ok := e.(*ast.Ident)
	if !ok || want == nil {
		return nil
	}
	wn, ok := want.(*Named)
	if !ok || wn.Orig == nil {
		return nil
	}
	tn, ok := c.lookup(id.Name).(*TypeName)
	if !ok || tn != wn.Orig.Obj {
		return nil
	}
	c.use(id, tn)
	c.record(id, TypeAndValue{Mode: TypeExpr, Type: want})
	return want
}

// typeOperand reports whether e denotes a type (T, alias.T, T<args>,
// vec<int>, ...) and resolves it.
func (c *checker) typeOperand(e ast.Expr) (Type, bool) {
	switch x := e.(type) {
	case *ast.Ident:
		obj := c.lookup(x.Name)
		if _, ok := obj.(*TypeName); !ok {
			return nil, false
		}
	case *ast.InstExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			obj := c.lookup(id.Name)
			if _, ok := obj.(*TypeName); !ok && obj != nil {
				return nil, false
			}
			if obj == nil {
				switch id.Name {
				case "vec", "map", "set", "chan", "tup", "ptr", "ref":
				default:
					return nil, false
				}
			} else if f, isFunc := obj.(*Func); isFunc && f != nil {
				return nil, false
			}
		}
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok {
			return nil, false
		}
		pn, ok := c.lookup(id.Name).(*PkgName)
		if !ok || pn.Imported == nil {
			return nil, false
		}
		if _, ok := pn.Imported.Scope.Lookup(x.Sel.Name).(*TypeName); !ok {
			return nil, false
		}
	default:
		return nil, false
	}
	return c.typ(e), true
}

// typeMember checks T.name used as a value: an enum member or a tagged
// union variant without payload.
func (c *checker) typeMember(e *ast.SelectorExpr, t Type) operand {
	if isInvalid(t) {
		return invalidOp
	}
	switch u := t.Underlying().(type) {
	case *Enum:
		m := u.Member(e.Sel.Name)
		if m == nil {
			c.errorf(c.anchor(e), "enum '%s' has no member '%s'", shortType(t), e.Sel.Name)
			return invalidOp
		}
		c.use(e.Sel, m)
		c.info.Selections[e] = &Selection{Kind: EnumSel, Obj: m}
		return operand{mode: Constant, typ: t, val: m.value()}
	case *TaggedUnion:
		v := u.Variant(e.Sel.Name)
		if v == nil {
			c.errorf(e.Sel.Pos(), "enum '%s' has no variant '%s'", shortType(t), e.Sel.Name)
			return invalidOp
		}
		c.info.Selections[e] = &Selection{Kind: VariantSel, Variant: v}
		if !IsVoid(v.Payload) {
			c.errorf(e.Sel.Pos(), "variant '%s' needs a payload", v.Name)
		}
		return valueOf(t)
	}
	if n, ok := t.(*Named); ok && n.Method(e.Sel.Name) != nil {
		c.errorf(e.Sel.Pos(), "method '%s' cannot be used as a value", e.Sel.Name)
		return invalidOp
	}
	c.errorf(e.Sel.Pos(), "type %s no property '%s'", longType(t), e.Sel.Name)
	return invalidOp
}

// field resolves x.f on a struct or a pointer to a struct.
func (c *checker) field(e *ast.SelectorExpr, x operand) (operand, bool) {
	t := x.typ
	indirect := false
	if p, ok := t.Underlying().(*Pointer); ok {
		t, indirect = p.Elem, true
	}
	st, ok := t.Underlying().(*Struct)
	if !ok {
		return operand{}, false
	}
	f, _ := st.Field(e.Sel.Name)
	if f == nil {
		return operand{}, false
	}
	c.use(e.Sel, f)
	c.info.Selections[e] = &Selection{Kind: FieldSel, Obj: f, Indirect: indirect, Recv: x.typ}
	mode := x.mode
	if indirect {
		mode = Variable
	}
	if mode != Variable {
		mode = Value
	}
	return operand{mode: mode, typ: f.typ}, true
}

// noField reports a missing field or method.
func (c *checker) noField(e *ast.SelectorExpr, t Type) {
	base := t
	if p, ok := t.Underlying().(*Pointer); ok {
		base = p.Elem
	}
	if _, ok := base.Underlying().(*Struct); ok {
		c.errorf(c.last(e.X), "type %s no property '%s'", longType(base), e.Sel.Name)
		return
	}
	c.errorf(c.last(e.X), "no field named '%s' found in type '%s'", e.Sel.Name, longType(t))
}

func (c *checker) index(e *ast.IndexExpr) operand {
	x := c.expr(e.X, nil)
	return c.indexOf(e, x)
}

// indexOf checks x[i] for a vec, array, map, string or tuple (a pointer
// to an array is dereferenced automatically).
func (c *checker) indexOf(e *ast.IndexExpr, x operand) operand {
	if isInvalid(x.typ) {
		c.expr(e.Index, nil)
		return invalidOp
	}
	t := x.typ
	mode := Variable
	if p, ok := t.Underlying().(*Pointer); ok {
		if _, isArr := p.Elem.Underlying().(*Array); isArr {
			t = p.Elem
		}
	}
	switch u := t.Underlying().(type) {
	case *Vec:
		c.checkValue(e.Index, Typ[I64])
		return operand{mode: mode, typ: u.Elem}
	case *Array:
		c.checkValue(e.Index, Typ[I64])
		if x.mode != Variable && t == x.typ {
			mode = Value
		}
		return operand{mode: mode, typ: u.Elem}
	case *Map:
		c.checkValue(e.Index, u.Key)
		return operand{mode: mode, typ: u.Elem}
	case *Basic:
		if u.Kind == String {
			c.checkValue(e.Index, Typ[I64])
			return valueOf(Typ[U8])
		}
	case *Tuple:
		v, ok := c.foldConst(e.Index)
		if !ok || v.kind() != constant.Int {
			c.expr(e.Index, Typ[I64])
			c.errorf(e.Index.Pos(), "tuple index field must int immediate value")
			return invalidOp
		}
		c.constant(e.Index, v, Typ[I64])
		i, exact := constant.Int64Val(v.c)
		if !exact || i < 0 || i >= int64(len(u.Elems)) {
			c.errorf(e.Index.Pos(), "tuple index field '%s' not in tuples", v)
			return invalidOp
		}
		if x.mode != Variable {
			mode = Value
		}
		return operand{mode: mode, typ: u.Elems[i]}
	}
	c.expr(e.Index, nil)
	c.errorf(c.last(e.X), "access only support must map|vec|tup, cannot '%s'", longType(x.typ))
	return invalidOp
}

func (c *checker) slice(e *ast.SliceExpr) operand {
	x := c.expr(e.X, nil)
	if e.Low != nil {
		c.checkValue(e.Low, Typ[I64])
	}
	if e.High != nil {
		c.checkValue(e.High, Typ[I64])
	}
	if isInvalid(x.typ) {
		return invalidOp
	}
	switch x.typ.Underlying().(type) {
	case *Vec:
		return valueOf(x.typ)
	case *Basic:
		if IsString(x.typ) {
			return valueOf(x.typ)
		}
	}
	c.errorf(e.Lbrack, "slice only support vec|string, cannot '%s'", longType(x.typ))
	return invalidOp
}

// instExpr checks f<T> used as a value: an explicitly instantiated
// generic function.
func (c *checker) instExpr(e *ast.InstExpr) operand {
	f, targs := c.genericCallee(e)
	if f == nil {
		return invalidOp
	}
	sig := f.Signature()
	if len(targs) != len(sig.TypeParams) {
		c.errorf(e.Pos(), "cannot infer generics param '%s'", sig.TypeParams[len(targs)].Obj.name)
		return invalidOp
	}
	return valueOf(substSignature(sig, sig.TypeParams, targs, 0))
}

// genericCallee resolves f<T, U> to the function and the type arguments.
func (c *checker) genericCallee(e *ast.InstExpr) (*Func, []Type) {
	var f *Func
	switch x := e.X.(type) {
	case *ast.Ident:
		obj := c.lookup(x.Name)
		if obj == nil {
			c.errorf(x.Pos(), "identifier '%s' undeclared ", x.Name)
			return nil, nil
		}
		c.use(x, obj)
		f, _ = obj.(*Func)
	case *ast.SelectorExpr:
		if obj, ok := c.moduleMember(x); ok {
			f, _ = obj.(*Func)
		}
	}
	if f == nil {
		c.errorf(e.Pos(), "cannot call non-fn")
		return nil, nil
	}
	c.objDecl(f)
	sig := f.Signature()
	if len(e.Args) > len(sig.TypeParams) {
		c.errorf(e.Lt, "too many generics args")
		return nil, nil
	}
	targs := make([]Type, len(e.Args))
	for i, a := range e.Args {
		targs[i] = c.typ(a)
	}
	return f, targs
}
