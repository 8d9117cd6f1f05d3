package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Info is everything the checker learned about a program, in side tables
// keyed by syntax nodes (the tree is never modified). It is the input of
// the lowering (lir/linear) together with the files.
type Info struct {
	// Packages are all modules of the program, dependencies first and
	// the entry module last (the order in which globals are initialised).
	Packages []*Package
	// Main is the entry module; MainFunc its fn main (nil on error).
	Main     *Package
	MainFunc *Func

	// Types maps every expression (and type expression) to its type and,
	// for constant expressions, its value. An untyped literal is recorded
	// with the type it took from its context (u8 x = 3 records 3 as u8).
	// Parenthesised expressions are recorded as well as their contents.
	// A match used as a statement is recorded as a NoValue of type void;
	// a match used as a value has the type of its arms. (A table indexed
	// by the expressions' numbers: Types.Lookup(e).)
	Types ExprTable[TypeAndValue]

	// Defs maps declaring identifiers to their objects: variable, const,
	// type, function and method names, parameters, loop variables,
	// is-bindings, catch variables, struct fields. "_" is an identifier
	// like any other, as in the reference; only a match or select arm
	// gives it a meaning of its own.
	Defs map[*ast.Ident]Object
	// Uses maps identifiers that refer to an object (including the Sel of
	// a qualified alias.name and enum members) to it (Uses.At(id)).
	Uses ExprTable[Object]
	// Implicits maps nodes that declare an object without an identifier
	// of their own: a *ast.FuncLit to its *Func, a *ast.CatchExpr or
	// *ast.TryStmt without error name to its error *Var.
	Implicits map[ast.Node]Object
	// Scopes maps the nodes that open a scope (*ast.File, *ast.FuncType
	// of a declaration or literal, *ast.BlockStmt, *ast.ForCStmt,
	// *ast.ForInStmt, *ast.ForRangeStmt, *ast.MatchArm, *ast.CatchExpr,
	// *ast.TryStmt) to it.
	Scopes map[ast.Node]*Scope

	// FuncLits maps each closure literal to its *Func, whose Captures
	// lists the variables of enclosing functions it uses, in order of
	// first use in the source (Var.Captured, Var.Assigned and
	// Var.AddrTaken say how each must be stored).
	FuncLits map[*ast.FuncLit]*Func

	// Calls describes every call expression: what is called and how the
	// arguments are bound.
	Calls map[*ast.CallExpr]*Call
	// Selections describes every x.name: field, method, enum member,
	// tagged-union variant, module member, static method.
	Selections map[*ast.SelectorExpr]*Selection
	// Conversions describes every x as T.
	Conversions map[*ast.AsExpr]*Conversion
	// Implicit records the implicit conversions (types.md §11.1) applied
	// where a value is used: the expression maps to the type it is
	// converted to (boxing into any/union/interface, ref<T> to ptr<T>,
	// null into T?, a value into a named type with identical underlying
	// type). println/print arguments map to any.
	Implicit map[ast.Expr]Type
	// ForIns describes every for ... in loop over a collection.
	ForIns map[*ast.ForInStmt]*ForIn
	// CompoundOps maps x op= y to the operand type of op (also the type
	// of x); += on strings concatenates.
	CompoundOps map[*ast.AssignStmt]Type
	// Instances maps the identifier of a generic function or type at a
	// use to its type arguments and instantiated type.
	Instances map[*ast.Ident]Instance
	// InitOrder lists the global initialisations of all modules in the
	// order they must run (dependencies first, then declaration order;
	// global initialisers cannot refer to other globals).
	InitOrder []*Initializer
}

// Mode says what kind of thing an expression denotes.
type Mode uint8

// The expression modes.
const (
	NoValue   Mode = iota // a call of a void function, an invalid expression
	Value                 // a computed value
	Variable              // an assignable location: variable, field, element, *p
	Constant              // a constant expression; TypeAndValue.Value is set
	TypeExpr              // a type
	BuiltinFn             // a predeclared function name
	PkgExpr               // an import alias
)

func (m Mode) String() string {
	return [...]string{"novalue", "value", "var", "const", "type", "builtin", "module"}[m]
}

// TypeAndValue is the type of an expression and, when Mode is Constant,
// its value.
type TypeAndValue struct {
	Mode Mode
	Type Type
	// Value is the constant's value as a go/constant: Int, Float,
	// String or Bool kind. Integers are exact. A float constant is a
	// float64 (folding is done in float64 at every step, as the
	// reference does: 0.1 + 0.2 != 0.3), which Value holds exactly
	// except that -0.0 is 0 and ±Inf and NaN are of Unknown kind; Float
	// has it whole.
	Value constant.Value
	// Float is the value of a float constant, or of an integer constant
	// of float type (f64 x = 3), as a float64: -0.0 keeps its sign,
	// ±Inf and NaN are themselves. An f32 constant is the float64 the
	// program rounds to f32 (f32 x = 0.1 + 0.2 folds 0.1 + 0.2 in
	// float64). Zero for other constants.
	Float float64
}

// CallKind classifies a call.
type CallKind uint8

// The call kinds.
const (
	CallFunc          CallKind = iota + 1 // a top-level function: Func
	CallMethod                            // a user method with a receiver: Func, Recv
	CallStatic                            // a static method T.m(...): Func
	CallClosure                           // a call of a fn-typed value (variable, field, result)
	CallBuiltin                           // print/println/panic/assert/errorf: Builtin
	CallBuiltinMethod                     // a method of vec/map/set/string/chan/...: Method, Recv
	CallInterface                         // a dynamic call through an interface: Func (the abstract method), Recv
	CallVariant                           // a tagged-union constructor T.tag(args): Variant
)

func (k CallKind) String() string {
	return [...]string{"?", "func", "method", "static", "closure", "builtin",
		"builtin-method", "interface", "variant"}[k]
}

// Call describes one call expression.
type Call struct {
	Kind    CallKind
	Func    *Func     // CallFunc, CallMethod, CallStatic, CallInterface
	Builtin BuiltinID // CallBuiltin
	Method  BuiltinMethod
	Variant *Variant   // CallVariant
	Sig     *Signature // the signature called (instantiated for generics)
	// Recv is the receiver expression of a method call (the X of X.m),
	// and RecvAdjust how it is passed: as is, by address (&x for a *self
	// method on a value), or dereferenced (*p for a self method on a
	// pointer).
	Recv       ast.Expr
	RecvAdjust RecvAdjust
	// RecvType is the type T of a static call T.m(...) (CallStatic), an
	// instance for a generic T.
	RecvType Type
	// Rest is the index of the first argument that is packed into the
	// rest parameter's vec, or -1 when the callee is not variadic or the
	// call spreads a vec (Spread).
	Rest   int
	Spread bool // f(a, ...v): v is passed as the rest vec
	// Errable reports that the callee may raise an error (its signature
	// ends in '!').
	Errable bool
	// TypeArgs are the type arguments of a generic callee, explicit or
	// inferred.
	TypeArgs []Type
}

// RecvAdjust says how a method receiver is adapted (semantics.md §6.2).
type RecvAdjust uint8

// The receiver adaptations.
const (
	RecvAsIs  RecvAdjust = iota
	RecvAddr             // pass &x (a *self method called on a value)
	RecvDeref            // pass *p (a self method called on a ptr or ref)
)

// SelKind classifies x.name.
type SelKind uint8

// The selection kinds.
const (
	FieldSel   SelKind = iota + 1 // x.f of a struct value or pointer to struct: Obj is the field *Var
	MethodSel                     // x.m in x.m(...): Obj is the *Func (or nil for a built-in method)
	StaticSel                     // T.m in T.m(...): Obj is the *Func
	EnumSel                       // E.A: Obj is the member *Const
	VariantSel                    // T.tag of a tagged union: Variant
	ModuleSel                     // alias.name: Obj is the module's object
)

func (k SelKind) String() string {
	return [...]string{"?", "field", "method", "static", "enum", "variant", "module"}[k]
}

// Selection describes x.name.
type Selection struct {
	Kind    SelKind
	Obj     Object
	Variant *Variant
	// Indirect reports that x is a ptr or ref that the selection
	// dereferences automatically.
	Indirect bool
	// Recv is the type of x (for FieldSel and MethodSel).
	Recv Type
}

// ConvKind classifies an explicit conversion x as T.
type ConvKind uint8

// The conversion kinds (types.md §11.2).
const (
	ConvNumeric     ConvKind = iota + 1 // number to number (truncation, extension, IEEE)
	ConvStringBytes                     // string as [u8]: copy
	ConvBytesString                     // [u8] as string: copy
	ConvToAnyptr                        // non-float value as anyptr: bit copy
	ConvFromAnyptr                      // anyptr as non-float type: bit copy
	ConvAssert                          // any/union/interface/nullable as T: runtime check
	ConvNamed                           // between a named type and its underlying type, or identical types: no work
	ConvEnum                            // enum as its underlying integer type: no work
)

func (k ConvKind) String() string {
	return [...]string{"?", "numeric", "string->bytes", "bytes->string",
		"->anyptr", "anyptr->", "assert", "named", "enum"}[k]
}

// Conversion describes x as T.
type Conversion struct {
	Kind     ConvKind
	From, To Type
}

// IterKind is what a for ... in loop iterates over.
type IterKind uint8

// The iteration kinds (semantics.md §9.2).
const (
	IterVec    IterKind = iota + 1 // elements (and indexes) of a vec
	IterMap                        // keys (and values) of a map, in insertion order
	IterString                     // bytes (and byte indexes) of a string
	IterChan                       // values received from a channel
)

func (k IterKind) String() string {
	return [...]string{"?", "vec", "map", "string", "chan"}[k]
}

// ForIn describes for k[, v] in x.
type ForIn struct {
	Kind IterKind
	X    Type // the type of x (a pointer to a vec is not iterable)
	// Key and Value are the loop variables. For a vec or string with one
	// variable, Key is the element; with two, Key is the int index and
	// Value the element. For a map Key is the key and Value the value.
	Key, Value *Var
}

// Initializer is one global initialisation: Lhs = Rhs.
type Initializer struct {
	Lhs []*Var // one variable, or several for var (a, b) = ...
	Rhs ast.Expr
}

// Instance is a use of a generic function or type with its type
// arguments.
type Instance struct {
	TypeArgs []Type
	Type     Type
}

func newInfo(fset *lex.FileSet) *Info {
	return &Info{
		Types:       ExprTable[TypeAndValue]{fset: fset},
		Uses:        ExprTable[Object]{fset: fset},
		Defs:        map[*ast.Ident]Object{},
		Implicits:   map[ast.Node]Object{},
		Scopes:      map[ast.Node]*Scope{},
		FuncLits:    map[*ast.FuncLit]*Func{},
		Calls:       map[*ast.CallExpr]*Call{},
		Selections:  map[*ast.SelectorExpr]*Selection{},
		Conversions: map[*ast.AsExpr]*Conversion{},
		Implicit:    map[ast.Expr]Type{},
		ForIns:      map[*ast.ForInStmt]*ForIn{},
		CompoundOps: map[*ast.AssignStmt]Type{},
		Instances:   map[*ast.Ident]Instance{},
	}
}

// TypeOf returns the type of e, or nil if it was not recorded.
func (info *Info) TypeOf(e ast.Expr) Type {
	if tv, ok := info.Types.Lookup(e); ok {
		return tv.Type
	}
	if id, ok := e.(*ast.Ident); ok {
		if obj := info.ObjectOf(id); obj != nil {
			return obj.Type()
		}
	}
	return nil
}

// ObjectOf returns the object id defines or uses, or nil.
func (info *Info) ObjectOf(id *ast.Ident) Object {
	if obj := info.Defs[id]; obj != nil {
		return obj
	}
	if id == nil {
		return nil
	}
	return info.Uses.At(id)
}
