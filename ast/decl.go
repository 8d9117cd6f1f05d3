package ast

import "github.com/naturekit/naturekit/lex"

// Declarations. VarDecl, ConstDecl and TypeDecl also appear as statements
// inside function bodies.
type (
	// BadDecl stands for a declaration that failed to parse.
	BadDecl struct {
		From, To lex.Pos
	}

	// ModDecl is "mod name", the first line of a module file.
	ModDecl struct {
		Mod  lex.Pos
		Name *Ident
	}

	// ImportDecl is one import. Exactly one of Path (a STRING literal) and
	// Module (a dotted module path) is set. Selective imports have Items
	// (Lbrace valid); otherwise Alias is the "as" name: an *Ident, the
	// Ident "*", or nil.
	ImportDecl struct {
		Import lex.Pos
		Path   *BasicLit
		Module []*Ident
		Lbrace lex.Pos
		Items  []*ImportItem
		Rbrace lex.Pos
		Alias  *Ident
	}

	// VarDecl is var Name = Value, Type Name = Value, or the destructuring
	// var (a, b) = Value (Bind set, Name nil). Type is nil for var.
	VarDecl struct {
		Pub    lex.Pos
		Var    lex.Pos // position of "var", or NoPos for a typed form
		Type   Expr
		Name   *Ident
		Bind   *BindPattern
		Assign lex.Pos
		Value  Expr
	}

	// ConstDecl is const Name = Value.
	ConstDecl struct {
		Pub   lex.Pos
		Const lex.Pos
		Name  *Ident
		Value Expr
	}

	// TypeDecl is [labels] type Name<TypeParams>: Impls = Type.
	TypeDecl struct {
		Labels     []*Label
		Pub        lex.Pos
		TypePos    lex.Pos
		Name       *Ident
		TypeParams []*Ident
		Impls      []Expr
		Assign     lex.Pos
		Type       Expr
	}

	// FuncDecl is a function, method (Recv set) or body-less external
	// declaration (Body nil).
	FuncDecl struct {
		Labels     []*Label
		Pub        lex.Pos
		Fn         lex.Pos
		Recv       *Receiver
		Name       *Ident
		TypeParams []*Ident
		Type       *FuncType
		Body       *BlockStmt
	}

	// TestDecl is test name { body }; Name is an *Ident or a STRING
	// *BasicLit.
	TestDecl struct {
		Test lex.Pos
		Name Expr
		Body *BlockStmt
	}
)

// ImportItem is name [as alias] in a selective import.
type ImportItem struct {
	Name  *Ident
	Alias *Ident
}

// Pos implements Node.
func (x *ImportItem) Pos() lex.Pos { return x.Name.Pos() }

// End implements Node.
func (x *ImportItem) End() lex.Pos {
	if x.Alias != nil {
		return x.Alias.End()
	}
	return x.Name.End()
}

// Receiver is the Type<Params>. part of a method declaration. Type is an
// Ident (possibly a keyword type such as string or vec).
type Receiver struct {
	Type       *Ident
	TypeParams []*Ident
	Dot        lex.Pos
}

// Pos implements Node.
func (x *Receiver) Pos() lex.Pos { return x.Type.Pos() }

// End implements Node.
func (x *Receiver) End() lex.Pos { return x.Dot + 1 }

// Label is a #name line item: #linkid sym, #runtime_use name, #local,
// or #where T: a & b, U: c.
type Label struct {
	Hash  lex.Pos
	Name  string // without '#'
	Arg   Expr   // an *Ident or STRING *BasicLit, or nil
	Where []*WhereItem
}

// Pos implements Node.
func (x *Label) Pos() lex.Pos { return x.Hash }

// End implements Node.
func (x *Label) End() lex.Pos {
	switch {
	case len(x.Where) > 0:
		return x.Where[len(x.Where)-1].End()
	case x.Arg != nil:
		return x.Arg.End()
	}
	return x.Hash + lex.Pos(len(x.Name)+1)
}

// WhereItem is Param: C1 & C2 in a #where label.
type WhereItem struct {
	Param       *Ident
	Constraints []Expr
}

// Pos implements Node.
func (x *WhereItem) Pos() lex.Pos { return x.Param.Pos() }

// End implements Node.
func (x *WhereItem) End() lex.Pos { return x.Constraints[len(x.Constraints)-1].End() }

func (d *BadDecl) Pos() lex.Pos    { return d.From }
func (d *ModDecl) Pos() lex.Pos    { return d.Mod }
func (d *ImportDecl) Pos() lex.Pos { return d.Import }
func (d *TestDecl) Pos() lex.Pos   { return d.Test }

func (d *VarDecl) Pos() lex.Pos   { return declPos(nil, d.Pub, d.Keyword()) }
func (d *ConstDecl) Pos() lex.Pos { return declPos(nil, d.Pub, d.Keyword()) }
func (d *TypeDecl) Pos() lex.Pos  { return declPos(d.Labels, d.Pub, d.Keyword()) }
func (d *FuncDecl) Pos() lex.Pos  { return declPos(d.Labels, d.Pub, d.Keyword()) }

// Keyword returns the position of the declaration's first token after
// its labels and pub: var, or the type of a typed variable.
func (d *VarDecl) Keyword() lex.Pos {
	if d.Var.IsValid() || d.Type == nil {
		return d.Var
	}
	return d.Type.Pos()
}

// Keyword returns the position of const.
func (d *ConstDecl) Keyword() lex.Pos { return d.Const }

// Keyword returns the position of type.
func (d *TypeDecl) Keyword() lex.Pos { return d.TypePos }

// Keyword returns the position of fn.
func (d *FuncDecl) Keyword() lex.Pos { return d.Fn }

// declPos returns the start of a declaration whose keyword is at kw: its
// first label, else pub, else kw.
func declPos(labels []*Label, pub, kw lex.Pos) lex.Pos {
	switch {
	case len(labels) > 0:
		return labels[0].Pos()
	case pub.IsValid():
		return pub
	}
	return kw
}

func (d *BadDecl) End() lex.Pos   { return d.To }
func (d *ModDecl) End() lex.Pos   { return d.Name.End() }
func (d *VarDecl) End() lex.Pos   { return d.Value.End() }
func (d *ConstDecl) End() lex.Pos { return d.Value.End() }
func (d *TypeDecl) End() lex.Pos  { return d.Type.End() }
func (d *TestDecl) End() lex.Pos  { return d.Body.End() }

// End implements Node.
func (d *ImportDecl) End() lex.Pos {
	switch {
	case d.Lbrace.IsValid():
		return d.Rbrace + 1
	case d.Alias != nil:
		return d.Alias.End()
	case d.Path != nil:
		return d.Path.End()
	}
	return d.Module[len(d.Module)-1].End()
}

// End implements Node.
func (d *FuncDecl) End() lex.Pos {
	if d.Body != nil {
		return d.Body.End()
	}
	return d.Type.End()
}

func (*BadDecl) declNode()    {}
func (*ModDecl) declNode()    {}
func (*ImportDecl) declNode() {}
func (*VarDecl) declNode()    {}
func (*ConstDecl) declNode()  {}
func (*TypeDecl) declNode()   {}
func (*FuncDecl) declNode()   {}
func (*TestDecl) declNode()   {}

func (*BadDecl) stmtNode()   {}
func (*VarDecl) stmtNode()   {}
func (*ConstDecl) stmtNode() {}
func (*TypeDecl) stmtNode()  {}
