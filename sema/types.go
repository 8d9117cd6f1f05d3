package sema

import "slices"

// Type is a Nature type. The concrete types are the pointer types below
// (*Basic, *Vec, *Array, *Map, *Set, *Tuple, *Struct, *Signature,
// *Pointer, *Union, *Interface, *Enum, *TaggedUnion, *Chan, *Future,
// *Named, *TypeParam). Two types are the same type when Identical reports
// so; pointer equality is not enough (two [int] written in two places are
// two *Vec values).
type Type interface {
	// Underlying returns the type a named type stands for; every other
	// type is its own underlying type. The result is never a *Named.
	Underlying() Type
	// String returns the type in Nature source syntax: int, [u8],
	// {string:int}, (int, bool), fn(int):string!, ptr<point>, int?,
	// main.point for named types (see TypeString for the options).
	String() string
}

// BasicKind is the kind of a predeclared scalar type.
type BasicKind uint8

// The basic kinds. int, uint and float are not kinds of their own: they
// are the same types as i64, u64 and f64 (types.md §2.1) and only keep
// their spelling for messages (Basic.Name).
const (
	Invalid BasicKind = iota // the type of an expression that had an error

	Bool
	I8
	I16
	I32
	I64
	U8
	U16
	U32
	U64
	F32
	F64
	String
	Void   // only as a result type
	Null   // the type of the null literal
	Any    // boxed value plus type descriptor
	Anyptr // untyped machine word

	// UntypedInt and UntypedFloat are the types of integer and float
	// constants before they meet an expected type. They appear only as the
	// type of Const objects; every expression recorded in Info.Types has
	// a typed type (a literal with no context defaults to int or float).
	UntypedInt
	UntypedFloat
)

// Basic is a predeclared scalar type.
type Basic struct {
	Kind BasicKind
	Name string // spelling: "int" and "i64" are both Kind I64
}

// Typ holds the predeclared basic types indexed by kind; Typ[I64] is
// spelled i64. The aliases int, uint and float are Int, Uint and Float.
// These are shared, immutable values.
var Typ = [...]*Basic{
	Invalid:      {Invalid, "invalid"},
	Bool:         {Bool, "bool"},
	I8:           {I8, "i8"},
	I16:          {I16, "i16"},
	I32:          {I32, "i32"},
	I64:          {I64, "i64"},
	U8:           {U8, "u8"},
	U16:          {U16, "u16"},
	U32:          {U32, "u32"},
	U64:          {U64, "u64"},
	F32:          {F32, "f32"},
	F64:          {F64, "f64"},
	String:       {String, "string"},
	Void:         {Void, "void"},
	Null:         {Null, "null"},
	Any:          {Any, "any"},
	Anyptr:       {Anyptr, "anyptr"},
	UntypedInt:   {UntypedInt, "untyped int"},
	UntypedFloat: {UntypedFloat, "untyped float"},
}

// The int, uint and float spellings of I64, U64 and F64.
var (
	Int   = &Basic{I64, "int"}
	Uint  = &Basic{U64, "uint"}
	Float = &Basic{F64, "float"}
)

// Vec is the growable vector [Elem] (also written vec<Elem>).
type Vec struct{ Elem Type }

// Array is the fixed array [Elem;Len].
type Array struct {
	Elem Type
	Len  int64
}

// Map is the hash map {Key:Elem} (also map<Key,Elem>).
type Map struct{ Key, Elem Type }

// Set is the hash set {Elem} (also set<Elem>).
type Set struct{ Elem Type }

// Tuple is (A, B, ...) with at least two elements in valid programs.
type Tuple struct{ Elems []Type }

// Struct is a struct type. Fields are *Var objects of kind FieldVar in
// declaration order; Field.Index is their position.
type Struct struct {
	Fields []*Var
}

// RecvMode is the receiver form of a method: self, *self or &self.
type RecvMode uint8

// The receiver forms (semantics.md §6.2).
const (
	RecvNone  RecvMode = iota // a static method or a plain function
	RecvValue                 // self: the receiver is a copy of T
	RecvPtr                   // *self: the receiver is ptr<T>
	RecvRef                   // &self: the receiver is ref<T>
)

// Signature is a function type fn(Params):Result[!], and the type of
// every function, method and closure.
type Signature struct {
	// Recv is the self parameter of a method (nil for functions, static
	// methods and function types). Its type is T, ptr<T> or ref<T>
	// according to RecvMode.
	Recv     *Var
	RecvMode RecvMode
	// TypeParams are the type parameters of a generic function or method
	// (the receiver type's parameters first).
	TypeParams []*TypeParam
	Params     []*Var // names may be empty in function types
	Result     Type   // Typ[Void] when there is no result; never nil
	Errable    bool   // the result was marked '!'
	// Variadic reports that the last parameter is a rest parameter
	// ...[T]; its type is the *Vec.
	Variadic bool
}

// PointerKind tells ptr<T> from ref<T>.
type PointerKind uint8

// The pointer kinds.
const (
	Ptr PointerKind = iota // ptr<T>: nullable, unchecked
	Ref                    // ref<T>: non-null, GC-managed (new T)
)

// String returns "ptr" or "ref", as the type is written.
func (k PointerKind) String() string {
	if k == Ref {
		return "ref"
	}
	return "ptr"
}

// Pointer is ptr<Elem> or ref<Elem>.
type Pointer struct {
	Kind PointerKind
	Elem Type
}

// Union is an untagged union A|B|... ; T? is the union T|null and reports
// Nullable. Terms are kept in written order; a union never contains
// itself or another union flattened into it (types.md §7.1).
type Union struct {
	Terms []Type
}

// Interface is an interface type: the methods it declares, plus those of
// the interfaces it extends (type rw: reader, writer = interface {...}).
type Interface struct {
	Methods  []*Func  // declared methods, abstract (no body)
	Embedded []*Named // extended interfaces
	// Marker is set for the predeclared constraint interfaces numeric,
	// addable, comparable, equatable and nonvoid: they have no methods and
	// are satisfied according to types.md §6.3.
	Marker string
}

// Enum is enum[:Base] { A, B = 5, ... }. Members are constants of the
// enum's named type, in declaration order.
type Enum struct {
	Base    *Basic // an integer type; int by default
	Members []*Const
}

// TaggedUnion is union { T tag ... }.
type TaggedUnion struct {
	Variants []*Variant
}

// Variant is one member of a tagged union: PayloadType Name. Payload is
// Typ[Void] for a member without a payload.
type Variant struct {
	Name    string
	Payload Type
	Index   int
}

// Chan is chan<Elem>.
type Chan struct{ Elem Type }

// Future is the built-in future_t<Result> that go and @async return
// (always behind a ref).
type Future struct{ Result Type }

// Named is a type introduced by a type declaration (every declaration
// makes a new nominal type, types.md §6.1), or an instance of a generic
// one (Orig != nil, TypeArgs set).
type Named struct {
	Obj        *TypeName
	TypeParams []*TypeParam // of a generic declaration
	TypeArgs   []Type       // of an instance
	Orig       *Named       // the generic declaration an instance comes from
	underlying Type
	// Methods are the methods declared with fn T.name (static ones
	// included), in declaration order.
	Methods []*Func
	// Impls are the interfaces listed after ':' in the declaration.
	Impls []Type
}

// TypeParam is a type parameter T of a generic function or type.
type TypeParam struct {
	Obj         *TypeName
	Index       int
	Constraints []Type // interfaces from #where, combined with '&'
}

// NewNamed returns a named type for obj with the given underlying type,
// which may be nil and set later with SetUnderlying (types may refer to
// themselves through pointers).
func NewNamed(obj *TypeName, underlying Type) *Named {
	n := &Named{Obj: obj, underlying: underlying}
	if obj != nil && obj.typ == nil {
		obj.typ = n
	}
	return n
}

// SetUnderlying sets the underlying type of n. A named underlying type is
// replaced by its own underlying type.
func (n *Named) SetUnderlying(t Type) {
	if t != nil {
		t = t.Underlying()
	}
	n.underlying = t
}

// Underlying implements Type. It is Typ[Invalid] while the declaration
// is being resolved.
func (n *Named) Underlying() Type {
	resolveInstance(n)
	if n.underlying == nil {
		return Typ[Invalid]
	}
	return n.underlying
}

// Method returns the method of n (or of its generic origin) called name.
func (n *Named) Method(name string) *Func {
	for ; n != nil; n = n.Orig {
		if i := indexByName(n.Methods, name); i >= 0 {
			return n.Methods[i]
		}
	}
	return nil
}

// Nullable reports whether null is one of u's terms.
func (u *Union) Nullable() bool {
	for _, t := range u.Terms {
		if b, ok := t.(*Basic); ok && b.Kind == Null {
			return true
		}
	}
	return false
}

// Field returns the field called name and its index, or nil, -1.
func (s *Struct) Field(name string) (*Var, int) {
	i := indexByName(s.Fields, name)
	if i < 0 {
		return nil, -1
	}
	return s.Fields[i], i
}

// Variant returns the variant called name, or nil.
func (u *TaggedUnion) Variant(name string) *Variant {
	if i := slices.IndexFunc(u.Variants, func(v *Variant) bool { return v.Name == name }); i >= 0 {
		return u.Variants[i]
	}
	return nil
}

// Member returns the enum member called name, or nil.
func (e *Enum) Member(name string) *Const {
	if i := indexByName(e.Members, name); i >= 0 {
		return e.Members[i]
	}
	return nil
}

// indexByName returns the position of the first of objs called name, or -1:
// the one search behind methods, fields and enum members.
func indexByName[T interface{ Name() string }](objs []T, name string) int {
	return slices.IndexFunc(objs, func(o T) bool { return o.Name() == name })
}

// AllMethods returns the methods of i and of the interfaces it extends,
// depth first, each name once.
func (i *Interface) AllMethods() []*Func {
	var out []*Func
	seen := map[string]bool{}
	var walk func(*Interface, int)
	walk = func(i *Interface, depth int) {
		if depth > 64 { // a cyclic declaration was reported already
			return
		}
		for _, m := range i.Methods {
			if !seen[m.name] {
				seen[m.name] = true
				out = append(out, m)
			}
		}
		for _, e := range i.Embedded {
			if ei, ok := e.Underlying().(*Interface); ok {
				walk(ei, depth+1)
			}
		}
	}
	walk(i, 0)
	return out
}

// TypeParts returns the types t is written with, in source order: the
// element of a vec, array, set, chan or pointer, a future's result, a
// map's key and element, a tuple's elements, a union's terms, a named
// type's type arguments, a signature's parameters and result. Other
// types (basic types, structs, interfaces, enums, tagged unions, type
// parameters) have none.
func TypeParts(t Type) []Type {
	switch t := t.(type) {
	case *Vec:
		return []Type{t.Elem}
	case *Array:
		return []Type{t.Elem}
	case *Set:
		return []Type{t.Elem}
	case *Chan:
		return []Type{t.Elem}
	case *Future:
		return []Type{t.Result}
	case *Pointer:
		return []Type{t.Elem}
	case *Map:
		return []Type{t.Key, t.Elem}
	case *Tuple:
		return t.Elems
	case *Union:
		return t.Terms
	case *Named:
		return t.TypeArgs
	case *Signature:
		parts := make([]Type, 0, len(t.Params)+1)
		for _, p := range t.Params {
			parts = append(parts, p.typ)
		}
		return append(parts, t.Result)
	}
	return nil
}

func (t *Basic) Underlying() Type       { return t }
func (t *Vec) Underlying() Type         { return t }
func (t *Array) Underlying() Type       { return t }
func (t *Map) Underlying() Type         { return t }
func (t *Set) Underlying() Type         { return t }
func (t *Tuple) Underlying() Type       { return t }
func (t *Struct) Underlying() Type      { return t }
func (t *Signature) Underlying() Type   { return t }
func (t *Pointer) Underlying() Type     { return t }
func (t *Union) Underlying() Type       { return t }
func (t *Interface) Underlying() Type   { return t }
func (t *Enum) Underlying() Type        { return t }
func (t *TaggedUnion) Underlying() Type { return t }
func (t *Chan) Underlying() Type        { return t }
func (t *Future) Underlying() Type      { return t }
func (t *TypeParam) Underlying() Type   { return t }

func (t *Basic) String() string       { return TypeString(t, nil) }
func (t *Vec) String() string         { return TypeString(t, nil) }
func (t *Array) String() string       { return TypeString(t, nil) }
func (t *Map) String() string         { return TypeString(t, nil) }
func (t *Set) String() string         { return TypeString(t, nil) }
func (t *Tuple) String() string       { return TypeString(t, nil) }
func (t *Struct) String() string      { return TypeString(t, nil) }
func (t *Signature) String() string   { return TypeString(t, nil) }
func (t *Pointer) String() string     { return TypeString(t, nil) }
func (t *Union) String() string       { return TypeString(t, nil) }
func (t *Interface) String() string   { return TypeString(t, nil) }
func (t *Enum) String() string        { return TypeString(t, nil) }
func (t *TaggedUnion) String() string { return TypeString(t, nil) }
func (t *Chan) String() string        { return TypeString(t, nil) }
func (t *Future) String() string      { return TypeString(t, nil) }
func (t *Named) String() string       { return TypeString(t, nil) }
func (t *TypeParam) String() string   { return TypeString(t, nil) }
