package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Object is a named entity: *Var, *Const, *Func, *TypeName, *Builtin or
// *PkgName.
type Object interface {
	Name() string
	Type() Type     // nil for *PkgName; a *Signature for *Builtin
	Pos() lex.Pos   // position of the declaring identifier, or NoPos
	Pkg() *Package  // declaring module, nil for predeclared objects
	Parent() *Scope // scope the object is declared in (nil for fields, methods)
	// Exported reports whether the object was declared pub.
	Exported() bool
	isObject()
}

type object struct {
	name   string
	typ    Type
	pos    lex.Pos
	pkg    *Package
	parent *Scope
	pub    bool
}

func (o *object) Name() string       { return o.name }
func (o *object) Type() Type         { return o.typ }
func (o *object) Pos() lex.Pos       { return o.pos }
func (o *object) Pkg() *Package      { return o.pkg }
func (o *object) Parent() *Scope     { return o.parent }
func (o *object) Exported() bool     { return o.pub }
func (o *object) isObject()          {}
func (o *object) setType(t Type)     { o.typ = t }
func (o *object) setParent(s *Scope) { o.parent = s }

// VarKind tells the roles of a *Var apart.
type VarKind uint8

// The variable kinds.
const (
	LocalVar  VarKind = iota // var x, typed declarations, loop and catch variables, is-bindings
	ParamVar                 // a function or closure parameter (rest parameters included)
	RecvVar                  // the self parameter of a method
	GlobalVar                // a module-level variable
	FieldVar                 // a struct field
)

func (k VarKind) String() string {
	switch k {
	case LocalVar:
		return "local"
	case ParamVar:
		return "param"
	case RecvVar:
		return "self"
	case GlobalVar:
		return "global"
	case FieldVar:
		return "field"
	}
	return "?"
}

// Var is a variable: a local, a parameter, the receiver, a global or a
// struct field.
type Var struct {
	object
	Kind VarKind
	// Index is the position of a field in its struct or of a parameter
	// in its signature.
	Index int
	// Default is a field's default value expression (typed in
	// Info.Types), or nil.
	Default ast.Expr
	// Func is the function (or closure) whose body declares a local or a
	// parameter; nil for globals and fields.
	Func *Func
	// Captured reports that a closure other than Func reads or writes the
	// variable (it is in that closure's Captures).
	Captured bool
	// Assigned reports that the variable itself gets a new value
	// anywhere after its declaration: =, compound assignment, tuple
	// assignment, the step of the for-in or for-range loop it is a
	// variable of (a loop has one variable for its whole run), or a
	// push or append on it (vec headers are immutable: those store a
	// new header back into the variable). Assigning a field or an
	// element of it, or pushing through a ptr to it, does not count. A
	// captured variable that is never assigned may be copied into the
	// closure; one that is must be shared.
	Assigned bool
	// AddrTaken reports that the address of the variable or of a part
	// of it is taken: &x, &x.f, or a *self method called on x or x.f.
	AddrTaken bool
}

// Const is a named constant: const X = ..., or an enum member (whose type
// is the enum's named type and Val its discriminant).
type Const struct {
	object
	// Val is the value as TypeAndValue.Value holds it, and Float the
	// value of a float constant as TypeAndValue.Float holds it.
	Val   constant.Value
	Float float64
	val   value // the folded value, for later folds
}

// setValue sets the constant's value.
func (k *Const) setValue(v value) {
	k.val = v
	k.Val, k.Float = v.exported(nil)
}

// value returns the constant's folded value.
func (k *Const) value() value {
	if k.val.float || k.val.c != nil {
		return k.val
	}
	return exactValue(k.Val)
}

// Func is a top-level function, a method (Recv != nil or static with
// RecvType set), a closure literal, or an abstract interface method
// (Decl == nil, Lit == nil).
type Func struct {
	object
	Decl *ast.FuncDecl // nil for closures and interface methods
	Lit  *ast.FuncLit  // set for closures
	// RecvType is the named (or built-in) type a method is declared on;
	// nil for functions and closures. For fn vec<T>.m it is the *Vec.
	RecvType Type
	// Outer is the function whose body contains a closure.
	Outer *Func
	// Captures are the variables of enclosing functions a closure uses,
	// itself or in a closure nested in it, in order of first use in the
	// source.
	Captures []*Var
	// LinkName is the #linkid symbol of an external declaration.
	LinkName string
}

// Signature returns f's type.
func (f *Func) Signature() *Signature {
	s, _ := f.typ.(*Signature)
	if s == nil {
		s = &Signature{Result: Typ[Void]}
	}
	return s
}

// FullName returns the qualified name used in messages and symbols:
// main.f, main.point.area, main.lambda_3 for closures.
func (f *Func) FullName() string {
	prefix := ""
	if f.pkg != nil {
		prefix = f.pkg.Name + "."
	}
	if f.RecvType != nil {
		return prefix + recvTypeName(f.RecvType) + "." + f.name
	}
	return prefix + f.name
}

func recvTypeName(t Type) string {
	if n, ok := t.(*Named); ok && n.Obj != nil {
		return n.Obj.name
	}
	return TypeString(t, nil)
}

// TypeName is a declared or predeclared type name. Its Type is a *Named,
// a *TypeParam, or a *Basic for the predeclared scalars.
type TypeName struct {
	object
	Decl *ast.TypeDecl // nil for predeclared and type parameters
	// Generic declarations are instantiated on use; Instances keeps one
	// *Named per distinct argument list, in order of first use.
	Instances []*Named
}

// BuiltinID identifies a predeclared function.
type BuiltinID uint8

// The predeclared functions (builtins.md §1).
const (
	BuiltinPrint BuiltinID = iota + 1
	BuiltinPrintln
	BuiltinPanic
	BuiltinAssert
	BuiltinErrorf
)

// Builtin is a predeclared function: print, println, panic, assert,
// errorf. Its Type is the declared signature (print is ...[any]).
type Builtin struct {
	object
	ID BuiltinID
}

// PkgName is an import alias: the name a file uses for an imported module.
type PkgName struct {
	object
	Imported *Package
	Decl     *ast.ImportDecl
}

// badImport is a selectively imported name that the module does not
// declare or does not export: using it reports Msg, as the reference
// does, while importing it alone is not an error.
type badImport struct {
	object
	Msg string
}

// Package is one module: the entry module "main" or an imported one.
type Package struct {
	Path  string // import path as written ('lib/util.n' or a.b); "" for the entry module
	Name  string // qualified display name used in messages and symbols (main, case.lib)
	Files []*ast.File
	Scope *Scope // top-level declarations of the module
	// Imports are the modules this one imports, in order of appearance.
	Imports []*Package
	// Funcs are the module's functions and methods with bodies in
	// declaration order (closures are in Info.FuncLits).
	Funcs []*Func
	// Globals are the module's global variables in declaration order.
	Globals []*Var
	// Types are the module's named types in declaration order.
	Types []*TypeName
}

// Scope maps names to objects. Module scopes are complete before any body
// is checked; a local scope receives its objects in source order while
// the body is checked, which gives the spec's rule that a local name is
// visible from the end of its declaration (semantics.md §2.2).
type Scope struct {
	parent   *Scope
	children []*Scope
	// The objects in insertion order, and the names they were inserted
	// under; a scope of more than smallScope names also has elems.
	order []Object
	names []string
	elems map[string]Object
	node  ast.Node // the node that opened the scope, nil for the universe
	fn    *Func    // function whose body (or parameter list) this is
}

// NewScope returns a scope nested in parent (nil for a root scope) for
// node.
func NewScope(parent *Scope, node ast.Node) *Scope {
	s := new(Scope)
	s.init(parent, node)
	return s
}

func (s *Scope) init(parent *Scope, node ast.Node) {
	s.parent, s.node = parent, node
	if parent != nil {
		parent.children = append(parent.children, s)
		s.fn = parent.fn
	}
}

// Parent returns the enclosing scope, nil for the universe.
func (s *Scope) Parent() *Scope { return s.parent }

// Children returns the nested scopes in creation order.
func (s *Scope) Children() []*Scope { return s.children }

// Node returns the syntax node that opened the scope (a *ast.File for a
// module scope, a function's *ast.FuncType, a block, a loop, ...).
func (s *Scope) Node() ast.Node { return s.node }

// Objects returns the scope's objects in insertion order.
func (s *Scope) Objects() []Object { return s.order }

// Lookup returns the object called name in s itself, or nil.
func (s *Scope) Lookup(name string) Object {
	if s.elems != nil {
		return s.elems[name]
	}
	for i, n := range s.names {
		if n == name {
			return s.order[i]
		}
	}
	return nil
}

// smallScope is the number of names up to which a scope is searched
// linearly (most block and function scopes), which is cheaper than
// hashing the name.
const smallScope = 8

// put adds obj under name, which must not be in s yet.
func (s *Scope) put(name string, obj Object) {
	if s.order == nil {
		// Most scopes hold a few names: one allocation each.
		s.order, s.names = make([]Object, 0, 4), make([]string, 0, 4)
	}
	s.order = append(s.order, obj)
	s.names = append(s.names, name)
	switch {
	case s.elems != nil:
		s.elems[name] = obj
	case len(s.names) > smallScope:
		s.elems = make(map[string]Object, 2*len(s.names))
		for i, n := range s.names {
			if _, dup := s.elems[n]; !dup {
				s.elems[n] = s.order[i]
			}
		}
	}
}

// LookupParent follows the scope chain from s outwards and returns the
// first object called name together with the scope it was found in.
func (s *Scope) LookupParent(name string) (*Scope, Object) {
	for ; s != nil; s = s.parent {
		if obj := s.Lookup(name); obj != nil {
			return s, obj
		}
	}
	return nil, nil
}

// Insert adds obj to s unless an object of the same name is already
// there, which it returns instead (the caller reports the redeclaration).
func (s *Scope) Insert(obj Object) Object {
	if old := s.Lookup(obj.Name()); old != nil {
		return old
	}
	s.put(obj.Name(), obj)
	if o, ok := obj.(interface{ setParent(*Scope) }); ok && obj.Parent() == nil {
		o.setParent(s)
	}
	return nil
}
