package ast

import "github.com/naturekit/naturekit/lex"

// Type expressions that have no expression form. Named types, keyword
// types, qualified names and instantiations (box<int>, vec<T>) are Ident,
// SelectorExpr and InstExpr.
type (
	// NullableType is X?.
	NullableType struct {
		exprID
		X        Expr
		Question lex.Pos
	}

	// VecType is [Elem].
	VecType struct {
		exprID
		Lbrack lex.Pos
		Elem   Expr
		Rbrack lex.Pos
	}

	// ArrayType is [Elem; Len].
	ArrayType struct {
		exprID
		Lbrack lex.Pos
		Elem   Expr
		Len    Expr
		Rbrack lex.Pos
	}

	// MapType is {Key: Value}.
	MapType struct {
		exprID
		Lbrace lex.Pos
		Key    Expr
		Value  Expr
		Rbrace lex.Pos
	}

	// SetType is {Elem}.
	SetType struct {
		exprID
		Lbrace lex.Pos
		Elem   Expr
		Rbrace lex.Pos
	}

	// TupleType is (A, B, ...).
	TupleType struct {
		exprID
		Lparen lex.Pos
		Elems  []Expr
		Rparen lex.Pos
	}

	// FuncType is the signature fn(params):Result! of a function type, a
	// function literal, or (without the fn keyword, Fn == NoPos) a
	// declaration. Errable records the '!'.
	FuncType struct {
		exprID
		Fn      lex.Pos
		Lparen  lex.Pos
		Self    *SelfParam // method receiver parameter, or nil
		Params  []*Param
		Rparen  lex.Pos
		Result  Expr    // nil: void
		Errable lex.Pos // position of '!', or NoPos
	}

	// StructType is struct { fields }.
	StructType struct {
		exprID
		Struct lex.Pos
		Lbrace lex.Pos
		Fields []*Field
		Rbrace lex.Pos
	}

	// UnionType is a tagged union union { T tag ... }.
	UnionType struct {
		exprID
		Union  lex.Pos
		Lbrace lex.Pos
		Fields []*Field
		Rbrace lex.Pos
	}

	// SumType is an untagged union A|B|C (right side of a type declaration).
	SumType struct {
		exprID
		Types []Expr
	}

	// InterfaceType is interface { fn m(...):T ... }.
	InterfaceType struct {
		exprID
		Interface lex.Pos
		Lbrace    lex.Pos
		Methods   []*IfaceMethod
		Rbrace    lex.Pos
	}

	// EnumType is enum[:Base] { A, B = 5, ... }.
	EnumType struct {
		exprID
		Enum   lex.Pos
		Base   Expr // nil: int
		Lbrace lex.Pos
		Items  []*EnumItem
		Rbrace lex.Pos
	}
)

// SelfParam is the receiver parameter self, *self or &self.
type SelfParam struct {
	OpPos lex.Pos
	Op    lex.Token // lex.ILLEGAL (plain self), lex.MUL or lex.AND
	Self  lex.Pos
}

// Param is one parameter: [...] Type [Name]. Name is nil only in
// function types.
type Param struct {
	Ellipsis lex.Pos
	Type     Expr
	Name     *Ident
}

// Field is a struct field (Type Name [= Default]) or a tagged-union
// member (Type Name).
type Field struct {
	Type    Expr
	Name    *Ident
	Default Expr
}

// IfaceMethod is one method of an interface.
type IfaceMethod struct {
	Fn         lex.Pos
	Name       *Ident
	TypeParams []*Ident
	Type       *FuncType
}

// EnumItem is Name [= Value].
type EnumItem struct {
	Name  *Ident
	Value Expr
}

func (x *SelfParam) Pos() lex.Pos {
	if x.OpPos.IsValid() {
		return x.OpPos
	}
	return x.Self
}
func (x *SelfParam) End() lex.Pos { return x.Self + 4 }

func (x *Param) Pos() lex.Pos {
	if x.Ellipsis.IsValid() {
		return x.Ellipsis
	}
	return x.Type.Pos()
}
func (x *Param) End() lex.Pos {
	if x.Name != nil {
		return x.Name.End()
	}
	return x.Type.End()
}

func (x *Field) Pos() lex.Pos { return x.Type.Pos() }
func (x *Field) End() lex.Pos {
	if x.Default != nil {
		return x.Default.End()
	}
	return x.Name.End()
}

func (x *IfaceMethod) Pos() lex.Pos { return x.Fn }
func (x *IfaceMethod) End() lex.Pos { return x.Type.End() }

func (x *EnumItem) Pos() lex.Pos { return x.Name.Pos() }
func (x *EnumItem) End() lex.Pos {
	if x.Value != nil {
		return x.Value.End()
	}
	return x.Name.End()
}

func (x *NullableType) Pos() lex.Pos  { return x.X.Pos() }
func (x *VecType) Pos() lex.Pos       { return x.Lbrack }
func (x *ArrayType) Pos() lex.Pos     { return x.Lbrack }
func (x *MapType) Pos() lex.Pos       { return x.Lbrace }
func (x *SetType) Pos() lex.Pos       { return x.Lbrace }
func (x *TupleType) Pos() lex.Pos     { return x.Lparen }
func (x *StructType) Pos() lex.Pos    { return x.Struct }
func (x *UnionType) Pos() lex.Pos     { return x.Union }
func (x *SumType) Pos() lex.Pos       { return x.Types[0].Pos() }
func (x *InterfaceType) Pos() lex.Pos { return x.Interface }
func (x *EnumType) Pos() lex.Pos      { return x.Enum }

// Pos implements Node.
func (x *FuncType) Pos() lex.Pos {
	if x.Fn.IsValid() {
		return x.Fn
	}
	return x.Lparen
}

func (x *NullableType) End() lex.Pos  { return x.Question + 1 }
func (x *VecType) End() lex.Pos       { return x.Rbrack + 1 }
func (x *ArrayType) End() lex.Pos     { return x.Rbrack + 1 }
func (x *MapType) End() lex.Pos       { return x.Rbrace + 1 }
func (x *SetType) End() lex.Pos       { return x.Rbrace + 1 }
func (x *TupleType) End() lex.Pos     { return x.Rparen + 1 }
func (x *StructType) End() lex.Pos    { return x.Rbrace + 1 }
func (x *UnionType) End() lex.Pos     { return x.Rbrace + 1 }
func (x *SumType) End() lex.Pos       { return x.Types[len(x.Types)-1].End() }
func (x *InterfaceType) End() lex.Pos { return x.Rbrace + 1 }
func (x *EnumType) End() lex.Pos      { return x.Rbrace + 1 }

// End implements Node.
func (x *FuncType) End() lex.Pos {
	switch {
	case x.Errable.IsValid():
		return x.Errable + 1
	case x.Result != nil:
		return x.Result.End()
	}
	return x.Rparen + 1
}

func (*NullableType) exprNode()  {}
func (*VecType) exprNode()       {}
func (*ArrayType) exprNode()     {}
func (*MapType) exprNode()       {}
func (*SetType) exprNode()       {}
func (*TupleType) exprNode()     {}
func (*FuncType) exprNode()      {}
func (*StructType) exprNode()    {}
func (*UnionType) exprNode()     {}
func (*SumType) exprNode()       {}
func (*InterfaceType) exprNode() {}
func (*EnumType) exprNode()      {}
