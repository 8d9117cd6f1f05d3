package sema

// The universe: predeclared types, constraint interfaces and built-in
// functions. It is built anew for every Check (objects carry per-check
// state such as Instances), so there is no shared mutable state.

// universe holds the predeclared objects of one check.
type universe struct {
	scope     *Scope
	errort    *Named // struct { string message; bool is_panic }
	throwable *Named // interface { fn msg():string }
	markers   map[string]*Named
	errorMsg  *Func // throwable.msg
}

func newUniverse() *universe {
	u := &universe{scope: NewScope(nil, nil), markers: map[string]*Named{}}
	for _, b := range Typ[Bool:UntypedInt] {
		u.typeName(b.Name, b)
	}
	u.typeName("int", Int)
	u.typeName("uint", Uint)
	u.typeName("float", Float)

	// throwable and errort (builtins.md §4.1).
	msgSig := &Signature{Result: Typ[String]}
	u.errorMsg = &Func{object: object{name: "msg", typ: msgSig}}
	u.throwable = u.named("throwable", &Interface{Methods: []*Func{u.errorMsg}})
	errStruct := &Struct{Fields: []*Var{
		{object: object{name: "message", typ: Typ[String]}, Kind: FieldVar, Index: 0},
		{object: object{name: "is_panic", typ: Typ[Bool]}, Kind: FieldVar, Index: 1},
	}}
	u.errort = u.named("errort", errStruct)
	u.errort.Impls = []Type{u.throwable}
	errMsg := &Func{object: object{name: "msg", typ: &Signature{RecvMode: RecvRef, Result: Typ[String]}}, RecvType: u.errort}
	u.errort.Methods = []*Func{errMsg}
	u.named("trace_t", &Struct{Fields: []*Var{
		{object: object{name: "path", typ: Typ[String]}, Kind: FieldVar, Index: 0},
		{object: object{name: "ident", typ: Typ[String]}, Kind: FieldVar, Index: 1},
		{object: object{name: "line", typ: Int}, Kind: FieldVar, Index: 2},
		{object: object{name: "column", typ: Int}, Kind: FieldVar, Index: 3},
	}})
	for _, m := range []string{"numeric", "addable", "comparable", "equatable", "nonvoid"} {
		u.markers[m] = u.named(m, &Interface{Marker: m})
	}

	anyRest := []*Var{{object: object{name: "args", typ: &Vec{Elem: Typ[Any]}}, Kind: ParamVar}}
	u.builtin("print", BuiltinPrint, &Signature{Params: anyRest, Variadic: true, Result: Typ[Void]})
	u.builtin("println", BuiltinPrintln, &Signature{Params: anyRest, Variadic: true, Result: Typ[Void]})
	u.builtin("panic", BuiltinPanic, &Signature{Params: params(Typ[String]), Result: Typ[Void]})
	u.builtin("assert", BuiltinAssert, &Signature{Params: params(Typ[Bool]), Result: Typ[Void]})
	u.builtin("errorf", BuiltinErrorf, &Signature{
		Params:   append(params(Typ[String]), &Var{object: object{name: "args", typ: &Vec{Elem: Typ[Any]}}, Kind: ParamVar, Index: 1}),
		Variadic: true,
		Result:   &Pointer{Kind: Ref, Elem: u.errort},
	})
	return u
}

func (u *universe) typeName(name string, t Type) *TypeName {
	obj := &TypeName{object: object{name: name, typ: t}}
	u.scope.Insert(obj)
	return obj
}

func (u *universe) named(name string, under Type) *Named {
	obj := &TypeName{object: object{name: name}}
	n := NewNamed(obj, under)
	u.scope.Insert(obj)
	return n
}

func (u *universe) builtin(name string, id BuiltinID, sig *Signature) {
	u.scope.Insert(&Builtin{object: object{name: name, typ: sig}, ID: id})
}

// params returns unnamed parameters of the given types.
func params(types ...Type) []*Var {
	out := make([]*Var, len(types))
	for i, t := range types {
		out[i] = &Var{object: object{typ: t}, Kind: ParamVar, Index: i}
	}
	return out
}
