package sema

import (
	"go/constant"
	"go/token"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// typ resolves a type expression and records it in Info.Types. Errors
// are reported and give Typ[Invalid].
func (c *checker) typ(e ast.Expr) Type {
	t := c.typInternal(e)
	if t == nil {
		t = Typ[Invalid]
	}
	c.record(e, TypeAndValue{Mode: TypeExpr, Type: t})
	return t
}

func (c *checker) typInternal(e ast.Expr) Type {
	if e == nil {
		return nil
	}
	if !c.enter(e) {
		return nil
	}
	// Not deferred: with this many returns the defer would not be
	// open-coded, and a panic (too many errors) ends the check anyway.
	t := c.typeExpr(e)
	c.leave()
	return t
}

// typeExpr resolves the type expression e (typInternal, inside its depth
// bound).
func (c *checker) typeExpr(e ast.Expr) Type {
	switch e := e.(type) {
	case *ast.Ident:
		return c.typeIdent(e)
	case *ast.SelectorExpr:
		return c.typeSelector(e)
	case *ast.InstExpr:
		return c.typeInst(e)
	case *ast.ParenExpr:
		return c.typ(e.X)
	case *ast.NullableType:
		return nullable(c.typ(e.X))
	case *ast.VecType:
		return &Vec{Elem: c.typ(e.Elem)}
	case *ast.ArrayType:
		elem := c.typ(e.Elem)
		n := c.arrayLen(e.Len)
		if n <= 0 {
			return nil // reported; the array type is invalid
		}
		return &Array{Elem: elem, Len: n}
	case *ast.MapType:
		return &Map{Key: c.typ(e.Key), Elem: c.typ(e.Value)}
	case *ast.SetType:
		return &Set{Elem: c.typ(e.Elem)}
	case *ast.TupleType:
		elems := make([]Type, len(e.Elems))
		for i, x := range e.Elems {
			elems[i] = c.typ(x)
		}
		return &Tuple{Elems: elems}
	case *ast.FuncType:
		return c.signature(e, nil, nil)
	case *ast.StructType:
		return c.structType(e)
	case *ast.UnionType:
		return c.taggedUnion(e)
	case *ast.SumType:
		u := &Union{}
		for _, x := range e.Types {
			t := c.typ(x)
			if !containsType(u.Terms, t) {
				u.Terms = append(u.Terms, t)
			}
		}
		return u
	case *ast.InterfaceType:
		return c.interfaceType(e, nil)
	case *ast.EnumType:
		return c.enumType(e, nil)
	case *ast.BasicLit:
		if e.Kind == lex.NULL {
			return Typ[Null]
		}
	case *ast.BadExpr:
		return nil
	}
	c.errorf(e.Pos(), "ident '%s' is not a type", exprText(e))
	return nil
}

// nullable returns T? (T|null); a type that is already nullable is kept.
func nullable(t Type) Type {
	if u, ok := t.(*Union); ok && u.Nullable() {
		return t
	}
	// Not isInvalid: a type being declared (tree? inside tree) has no
	// underlying type yet, and its nullable form is still a union.
	if b, ok := t.(*Basic); t == nil || ok && b.Kind == Invalid {
		return t
	}
	return &Union{Terms: []Type{t, Typ[Null]}}
}

func (c *checker) typeIdent(e *ast.Ident) Type {
	switch e.Name {
	case "vec", "map", "set", "tup", "chan":
		c.typeArgErrorf(e.Pos(), "typedef '%s' need param", e.Name)
		return nil
	case "ptr", "ref":
		c.errorf(e.Pos(), "%s<...> must contains arg type", e.Name)
		return nil
	}
	return c.namedType(e, nil)
}

// namedType resolves the type name id, instantiated with args if any.
func (c *checker) namedType(id *ast.Ident, args []ast.Expr) Type {
	obj := c.lookup(id.Name)
	if obj == nil {
		c.errorf(id.Pos(), "type '%s' undeclared", id.Name)
		return nil
	}
	c.use(id, obj)
	return c.typeOfTypeName(id, obj, args)
}

// typeOfTypeName returns the type obj denotes, instantiated with args
// (from an InstExpr, or nil).
func (c *checker) typeOfTypeName(e *ast.Ident, obj Object, args []ast.Expr) Type {
	tn, ok := obj.(*TypeName)
	if !ok {
		if _, isVar := obj.(*Var); isVar && obj.Pkg() != nil && obj.Parent() != nil && obj.Parent() != obj.Pkg().Scope {
			c.errorf(e.Pos(), "ident=%s not type", e.Name)
		} else {
			c.errorf(e.Pos(), "cannot reduction type %s", qualifiedObj(obj)+"(ident)")
		}
		return nil
	}
	c.objDecl(tn)
	n, isNamed := tn.typ.(*Named)
	if !isNamed || len(n.TypeParams) == 0 {
		if len(args) > 0 {
			c.typeArgErrorf(e.Pos(), "typedef '%s' args mismatch", qualifiedObj(tn))
			return nil
		}
		return tn.typ
	}
	if len(args) == 0 {
		if c.inTypeDeclOf(tn) {
			// A generic type referring to itself by bare name in its own
			// declaration means the current instance.
			return c.selfInstance(n)
		}
		c.typeArgErrorf(e.Pos(), "typedef '%s' need param", qualifiedObj(tn))
		return nil
	}
	if len(args) != len(n.TypeParams) {
		c.typeArgErrorf(e.Pos(), "typedef '%s' params mismatch", qualifiedObj(tn))
		return nil
	}
	targs := make([]Type, len(args))
	for i, a := range args {
		targs[i] = c.typ(a)
	}
	inst := instantiate(n, targs)
	c.info.Instances[e] = Instance{TypeArgs: targs, Type: inst}
	return inst
}

func (c *checker) inTypeDeclOf(tn *TypeName) bool {
	for _, d := range c.declStack {
		if d == Object(tn) {
			return true
		}
	}
	return false
}

// selfInstance is n instantiated with its own type parameters.
func (c *checker) selfInstance(n *Named) Type {
	args := make([]Type, len(n.TypeParams))
	for i, p := range n.TypeParams {
		args[i] = p
	}
	return instantiate(n, args)
}

func (c *checker) typeSelector(e *ast.SelectorExpr) Type {
	id, ok := e.X.(*ast.Ident)
	if !ok {
		c.errorf(e.Pos(), "ident '%s' is not a type", exprText(e))
		return nil
	}
	obj := c.lookup(id.Name)
	pn, ok := obj.(*PkgName)
	if !ok {
		c.errorf(id.Pos(), "module '%s' not found", id.Name)
		return nil
	}
	c.use(id, pn)
	return c.typeFromModule(e.Sel, pn, nil)
}

func (c *checker) typeFromModule(sel *ast.Ident, pn *PkgName, args []ast.Expr) Type {
	if pn.Imported == nil {
		return nil
	}
	m := pn.Imported.Scope.Lookup(sel.Name)
	if m == nil {
		c.errorf(sel.Pos(), "type '%s' undeclared", pn.name+"."+sel.Name)
		return nil
	}
	if !m.Exported() {
		c.errorf(sel.Pos(), "undefined: %s.%s", pn.name, sel.Name)
		return nil
	}
	c.use(sel, m)
	return c.typeOfTypeName(sel, m, args)
}

func (c *checker) typeInst(e *ast.InstExpr) Type {
	switch x := e.X.(type) {
	case *ast.Ident:
		if t, ok := c.builtinGeneric(x, e.Args); ok {
			return t
		}
		return c.namedType(x, e.Args)
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok {
			if pn, ok := c.lookup(id.Name).(*PkgName); ok {
				c.use(id, pn)
				return c.typeFromModule(x.Sel, pn, e.Args)
			}
		}
	}
	c.errorf(e.Pos(), "ident '%s' is not a type", exprText(e))
	return nil
}

// builtinGeneric resolves vec<T>, map<K,V>, set<T>, tup<...>, ptr<T>,
// ref<T>, chan<T>, nullable<T> and errable<T> unless the name is
// shadowed by a declaration.
func (c *checker) builtinGeneric(x *ast.Ident, args []ast.Expr) (Type, bool) {
	if obj := c.lookup(x.Name); obj != nil {
		if _, isUniverse := obj.(*TypeName); !isUniverse || obj.Pkg() != nil {
			return nil, false
		}
	}
	want := map[string]int{"vec": 1, "set": 1, "ptr": 1, "ref": 1, "chan": 1, "nullable": 1, "errable": 1, "map": 2, "tup": -1, "anyptr": 0, "future_t": 1}
	n, ok := want[x.Name]
	if !ok {
		return nil, false
	}
	if x.Name == "anyptr" {
		c.errorf(x.Pos(), "anyptr cannot contains arg")
		return nil, true
	}
	if n >= 0 && len(args) != n {
		c.typeArgErrorf(x.Pos(), "typedef '%s' params mismatch", x.Name)
		return nil, true
	}
	ts := make([]Type, len(args))
	for i, a := range args {
		ts[i] = c.typ(a)
	}
	switch x.Name {
	case "vec":
		return &Vec{Elem: ts[0]}, true
	case "set":
		return &Set{Elem: ts[0]}, true
	case "ptr":
		return &Pointer{Kind: Ptr, Elem: ts[0]}, true
	case "ref":
		return &Pointer{Kind: Ref, Elem: ts[0]}, true
	case "chan":
		return &Chan{Elem: ts[0]}, true
	case "nullable":
		return nullable(ts[0]), true
	case "errable":
		return &Union{Terms: []Type{c.univ.errort, ts[0]}}, true
	case "map":
		return &Map{Key: ts[0], Elem: ts[1]}, true
	case "future_t":
		return &Future{Result: ts[0]}, true
	}
	return &Tuple{Elems: ts}, true
}

// arrayLen evaluates the length of [T;N]: an integer literal or constant
// greater than zero; 0 after an error.
func (c *checker) arrayLen(e ast.Expr) int64 {
	v, ok := c.foldConst(e)
	if !ok {
		c.errorf(c.last(e), "array length must be declared using constants or literals")
		return 0
	}
	if v.kind() != constant.Int {
		c.errorf(c.last(e), "array length must be declared integer type")
		return 0
	}
	n, exact := constant.Int64Val(v.c)
	if !exact || n <= 0 {
		// The reference reports it where the value was written: the
		// literal, or the value of the constant.
		pos := c.last(e)
		if id, ok := e.(*ast.Ident); ok {
			if k, ok := c.lookup(id.Name).(*Const); ok && c.decls[k] != nil {
				if d, ok := c.decls[k].decl.(*ast.ConstDecl); ok && d.Value != nil {
					pos = c.last(d.Value)
				}
			}
		}
		c.errorf(pos, "array length Initialization failed")
		return 0
	}
	c.record(e, constantTV(Int, v))
	return n
}

// signature resolves a function type. recv is the receiver's type for
// methods (nil otherwise); tparams the type parameters in scope.
func (c *checker) signature(ft *ast.FuncType, recv Type, tparams []*TypeParam) *Signature {
	sig := &Signature{TypeParams: tparams, Result: Typ[Void]}
	if ft.Self != nil && recv != nil {
		mode, t := RecvValue, recv
		switch ft.Self.Op {
		case lex.MUL:
			mode, t = RecvPtr, &Pointer{Kind: Ptr, Elem: recv}
		case lex.AND:
			mode, t = RecvRef, &Pointer{Kind: Ref, Elem: recv}
		}
		sig.RecvMode = mode
		sig.Recv = &Var{object: object{name: "self", typ: t, pos: ft.Self.Self, pkg: c.pkg}, Kind: RecvVar}
	} else if ft.Self != nil {
		c.errorf(ft.Self.Pos(), "keyword `self` can only be used in impl fn")
	}
	for i, p := range ft.Params {
		t := c.typ(p.Type)
		v := &Var{object: object{typ: t, pkg: c.pkg}, Kind: ParamVar, Index: i}
		if p.Name != nil {
			v.name, v.pos = p.Name.Name, p.Name.Pos()
		}
		if p.Ellipsis.IsValid() {
			if i != len(ft.Params)-1 {
				c.errorf(p.Pos(), "can only use '...' as the final argument in the fn parsms")
			}
			if _, ok := t.Underlying().(*Vec); !ok && !isInvalid(t) {
				c.errorf(p.Pos(), "type inconsistency, expect=%s, actual=%s", "vec", longType(t))
			}
			sig.Variadic = true
		}
		sig.Params = append(sig.Params, v)
	}
	if ft.Result != nil {
		sig.Result = c.typ(ft.Result)
	}
	sig.Errable = ft.Errable.IsValid()
	return sig
}

func (c *checker) structType(e *ast.StructType) *Struct {
	s := &Struct{}
	for i, f := range e.Fields {
		t := c.typ(f.Type)
		v := &Var{object: object{name: f.Name.Name, typ: t, pos: f.Name.Pos(), pkg: c.pkg}, Kind: FieldVar, Index: i, Default: f.Default}
		if old, _ := s.Field(v.name); old != nil {
			c.errorf(f.Name.Pos(), "struct field name '%s' exists", v.name)
		}
		c.def(f.Name, v)
		s.Fields = append(s.Fields, v)
	}
	return s
}

func (c *checker) taggedUnion(e *ast.UnionType) *TaggedUnion {
	u := &TaggedUnion{}
	for i, f := range e.Fields {
		t := c.typ(f.Type)
		if u.Variant(f.Name.Name) != nil {
			c.errorf(f.Name.Pos(), "union tag name '%s' exists", f.Name.Name)
		}
		u.Variants = append(u.Variants, &Variant{Name: f.Name.Name, Payload: t, Index: i})
	}
	return u
}

func (c *checker) interfaceType(e *ast.InterfaceType, self *Named) *Interface {
	it := &Interface{}
	for _, m := range e.Methods {
		var tps []*TypeParam
		for i, tp := range m.TypeParams {
			tps = append(tps, c.newTypeParam(tp, i))
		}
		var sig *Signature
		c.withTypeParams(tps, func() { sig = c.signature(m.Type, nil, tps) })
		f := &Func{object: object{name: m.Name.Name, typ: sig, pos: m.Name.Pos(), pkg: c.pkg}, RecvType: self}
		for _, old := range it.Methods {
			if old.name == f.name {
				c.errorf(m.Name.Pos(), "interface method '%s' exists", f.name)
			}
		}
		c.def(m.Name, f)
		it.Methods = append(it.Methods, f)
	}
	return it
}

func (c *checker) enumType(e *ast.EnumType, self *Named) *Enum {
	en := &Enum{Base: Typ[I64]}
	if e.Base != nil {
		t := c.typ(e.Base)
		b, ok := t.(*Basic)
		if !ok || !IsInteger(b) {
			if !isInvalid(t) {
				c.errorf(e.Lbrace, "enum only supports integer types")
			}
		} else {
			en.Base = b
		}
	}
	var typ Type = en
	if self != nil {
		typ = self
	}
	next := constant.MakeInt64(0)
	for _, item := range e.Items {
		if item.Value != nil {
			if v, ok := c.foldConst(item.Value); ok && v.kind() == constant.Int {
				next = v.c
				c.record(item.Value, constantTV(en.Base, v))
			} else {
				c.errorf(item.Value.Pos(), "enum member '%s' value must be a integer literal", item.Name.Name)
			}
		}
		val := wrapInt(next, en.Base)
		k := &Const{object: object{name: item.Name.Name, typ: typ, pos: item.Name.Pos(), pkg: c.pkg, pub: true}, Val: val}
		if en.Member(k.name) != nil {
			c.errorf(c.afterToken(item.Name.Pos()), "enum member '%s' already exists", k.name)
		}
		c.def(item.Name, k)
		en.Members = append(en.Members, k)
		next = constant.BinaryOp(val, token.ADD, constant.MakeInt64(1))
	}
	return en
}
