package ast

import "github.com/naturekit/naturekit/lex"

// Expressions. Each is also used as a type expression where that makes
// sense (Ident, SelectorExpr, InstExpr).
type (
	// BadExpr stands for an expression that failed to parse.
	BadExpr struct {
		exprID
		From, To lex.Pos
	}

	// Ident is a name, including keyword types (int, string, any, void,
	// null as a type) and contextual names (vec, self, _, chan).
	Ident struct {
		exprID
		NamePos lex.Pos
		Name    string
	}

	// BasicLit is an INT, FLOAT or STRING literal, or true/false/null
	// (Kind TRUE, FALSE, NULL). Value is the source text.
	BasicLit struct {
		exprID
		ValuePos lex.Pos
		Kind     lex.Token
		Value    string
	}

	// ParenExpr is (X). The printer keeps the parentheses as written.
	ParenExpr struct {
		exprID
		Lparen lex.Pos
		X      Expr
		Rparen lex.Pos
	}

	// TupleExpr is (a, b, ...): a tuple value, or a tuple assignment target.
	TupleExpr struct {
		exprID
		Lparen lex.Pos
		Elts   []Expr
		Rparen lex.Pos
	}

	// VecLit is [a, b, ...] (a vec or, by context, an array value).
	VecLit struct {
		exprID
		Lbrack lex.Pos
		Elts   []Expr
		Rbrack lex.Pos
	}

	// RepeatLit is [value; count].
	RepeatLit struct {
		exprID
		Lbrack lex.Pos
		Value  Expr
		Count  Expr
		Rbrack lex.Pos
	}

	// BraceLit is {k: v, ...} (a map: every Elt is a *KeyValueExpr),
	// {a, b} (a set) or {} (map or set by context).
	BraceLit struct {
		exprID
		Lbrace lex.Pos
		Elts   []Expr
		Rbrace lex.Pos
	}

	// KeyValueExpr is key: value in a map literal or a struct literal
	// (where Key is an *Ident), or name = value in new T(...) (Assign).
	KeyValueExpr struct {
		exprID
		Key    Expr
		Sep    lex.Pos   // position of ':' or '='
		SepTok lex.Token // lex.COLON or lex.ASSIGN
		Value  Expr
	}

	// StructLit is T{field: value, ...}; Type is an Ident, SelectorExpr or
	// InstExpr.
	StructLit struct {
		exprID
		Type   Expr
		Lbrace lex.Pos
		Fields []*KeyValueExpr
		Rbrace lex.Pos
	}

	// SelectorExpr is X.Sel.
	SelectorExpr struct {
		exprID
		X   Expr
		Sel *Ident
	}

	// IndexExpr is X[Index].
	IndexExpr struct {
		exprID
		X      Expr
		Lbrack lex.Pos
		Index  Expr
		Rbrack lex.Pos
	}

	// SliceExpr is X[Low..High]; either bound may be nil.
	SliceExpr struct {
		exprID
		X      Expr
		Lbrack lex.Pos
		Low    Expr
		High   Expr
		Rbrack lex.Pos
	}

	// InstExpr is X<Args>: type arguments of a generic function or type
	// (f<int>, box<int>, vec<string>, map<string, int>).
	InstExpr struct {
		exprID
		X    Expr
		Lt   lex.Pos
		Args []Expr
		Gt   lex.Pos
	}

	// CallExpr is Fun(Args). Ellipsis is set when the last argument is
	// spread (f(...v)).
	CallExpr struct {
		exprID
		Fun      Expr
		Lparen   lex.Pos
		Args     []Expr
		Ellipsis lex.Pos
		Rparen   lex.Pos
	}

	// UnaryExpr is Op X for Op in - ! ~ & *.
	UnaryExpr struct {
		exprID
		OpPos lex.Pos
		Op    lex.Token
		X     Expr
	}

	// BinaryExpr is X Op Y.
	BinaryExpr struct {
		exprID
		X     Expr
		OpPos lex.Pos
		Op    lex.Token
		Y     Expr
	}

	// AsExpr is X as Type.
	AsExpr struct {
		exprID
		X     Expr
		AsPos lex.Pos
		Type  Expr
	}

	// IsExpr is X is Type [Bind]. X is nil for a match arm pattern
	// (is T). Bind is nil, an *Ident or a *BindPattern.
	IsExpr struct {
		exprID
		X     Expr
		IsPos lex.Pos
		Type  Expr
		Bind  Expr
	}

	// BindPattern is (a, (b, c)): a tuple destructuring pattern.
	BindPattern struct {
		exprID
		Lparen lex.Pos
		Elts   []Expr // *Ident or *BindPattern
		Rparen lex.Pos
	}

	// TernaryExpr is Cond ? Then : Else.
	TernaryExpr struct {
		exprID
		Cond     Expr
		Question lex.Pos
		Then     Expr
		Colon    lex.Pos
		Else     Expr
	}

	// CatchExpr is X catch Err { Body }.
	CatchExpr struct {
		exprID
		X        Expr
		CatchPos lex.Pos
		Err      *Ident
		Body     *BlockStmt
	}

	// FuncLit is fn(params):T! { body }.
	FuncLit struct {
		exprID
		Type *FuncType
		Body *BlockStmt
	}

	// NewExpr is new Type(Args); an arg is name = value (*KeyValueExpr),
	// a bare field name, or a single initial value.
	NewExpr struct {
		exprID
		NewPos lex.Pos
		Type   Expr
		Lparen lex.Pos
		Args   []Expr
		Rparen lex.Pos
	}

	// MatchExpr is match Subject { arms }; Subject may be nil.
	MatchExpr struct {
		exprID
		Match   lex.Pos
		Subject Expr
		Lbrace  lex.Pos
		Arms    []*MatchArm
		Rbrace  lex.Pos
	}

	// GoExpr is go Call.
	GoExpr struct {
		exprID
		Go   lex.Pos
		Call Expr
	}

	// MacroExpr is @name(args): @sizeof(T), @reflect_hash(T), @default(T)
	// (a type argument) or @async(call, expr).
	MacroExpr struct {
		exprID
		At     lex.Pos
		Name   string // without '@'
		Lparen lex.Pos
		Args   []Expr
		Rparen lex.Pos
	}
)

// MatchArm is Patterns -> Body, where Body is an Expr or a *BlockStmt
// and the default pattern is the Ident "_".
type MatchArm struct {
	Patterns []Expr
	Arrow    lex.Pos
	Body     Node
}

// Pos implements Node.
func (a *MatchArm) Pos() lex.Pos { return a.Patterns[0].Pos() }

// End implements Node.
func (a *MatchArm) End() lex.Pos { return a.Body.End() }

func (x *BadExpr) Pos() lex.Pos      { return x.From }
func (x *Ident) Pos() lex.Pos        { return x.NamePos }
func (x *BasicLit) Pos() lex.Pos     { return x.ValuePos }
func (x *ParenExpr) Pos() lex.Pos    { return x.Lparen }
func (x *TupleExpr) Pos() lex.Pos    { return x.Lparen }
func (x *VecLit) Pos() lex.Pos       { return x.Lbrack }
func (x *RepeatLit) Pos() lex.Pos    { return x.Lbrack }
func (x *BraceLit) Pos() lex.Pos     { return x.Lbrace }
func (x *KeyValueExpr) Pos() lex.Pos { return x.Key.Pos() }
func (x *StructLit) Pos() lex.Pos    { return x.Type.Pos() }
func (x *SelectorExpr) Pos() lex.Pos { return x.X.Pos() }
func (x *IndexExpr) Pos() lex.Pos    { return x.X.Pos() }
func (x *SliceExpr) Pos() lex.Pos    { return x.X.Pos() }
func (x *InstExpr) Pos() lex.Pos     { return x.X.Pos() }
func (x *CallExpr) Pos() lex.Pos     { return x.Fun.Pos() }
func (x *UnaryExpr) Pos() lex.Pos    { return x.OpPos }
func (x *BinaryExpr) Pos() lex.Pos   { return x.X.Pos() }
func (x *AsExpr) Pos() lex.Pos       { return x.X.Pos() }
func (x *BindPattern) Pos() lex.Pos  { return x.Lparen }
func (x *TernaryExpr) Pos() lex.Pos  { return x.Cond.Pos() }
func (x *CatchExpr) Pos() lex.Pos    { return x.X.Pos() }
func (x *FuncLit) Pos() lex.Pos      { return x.Type.Pos() }
func (x *NewExpr) Pos() lex.Pos      { return x.NewPos }
func (x *MatchExpr) Pos() lex.Pos    { return x.Match }
func (x *GoExpr) Pos() lex.Pos       { return x.Go }
func (x *MacroExpr) Pos() lex.Pos    { return x.At }

// Pos implements Node.
func (x *IsExpr) Pos() lex.Pos {
	if x.X != nil {
		return x.X.Pos()
	}
	return x.IsPos
}

func (x *BadExpr) End() lex.Pos      { return x.To }
func (x *Ident) End() lex.Pos        { return x.NamePos + lex.Pos(len(x.Name)) }
func (x *BasicLit) End() lex.Pos     { return x.ValuePos + lex.Pos(len(x.Value)) }
func (x *ParenExpr) End() lex.Pos    { return x.Rparen + 1 }
func (x *TupleExpr) End() lex.Pos    { return x.Rparen + 1 }
func (x *VecLit) End() lex.Pos       { return x.Rbrack + 1 }
func (x *RepeatLit) End() lex.Pos    { return x.Rbrack + 1 }
func (x *BraceLit) End() lex.Pos     { return x.Rbrace + 1 }
func (x *KeyValueExpr) End() lex.Pos { return x.Value.End() }
func (x *StructLit) End() lex.Pos    { return x.Rbrace + 1 }
func (x *SelectorExpr) End() lex.Pos { return x.Sel.End() }
func (x *IndexExpr) End() lex.Pos    { return x.Rbrack + 1 }
func (x *SliceExpr) End() lex.Pos    { return x.Rbrack + 1 }
func (x *InstExpr) End() lex.Pos     { return x.Gt + 1 }
func (x *CallExpr) End() lex.Pos     { return x.Rparen + 1 }
func (x *UnaryExpr) End() lex.Pos    { return x.X.End() }
func (x *BinaryExpr) End() lex.Pos   { return x.Y.End() }
func (x *AsExpr) End() lex.Pos       { return x.Type.End() }
func (x *BindPattern) End() lex.Pos  { return x.Rparen + 1 }
func (x *TernaryExpr) End() lex.Pos  { return x.Else.End() }
func (x *CatchExpr) End() lex.Pos    { return x.Body.End() }
func (x *FuncLit) End() lex.Pos      { return x.Body.End() }
func (x *NewExpr) End() lex.Pos      { return x.Rparen + 1 }
func (x *MatchExpr) End() lex.Pos    { return x.Rbrace + 1 }
func (x *GoExpr) End() lex.Pos       { return x.Call.End() }
func (x *MacroExpr) End() lex.Pos    { return x.Rparen + 1 }

// End implements Node.
func (x *IsExpr) End() lex.Pos {
	if x.Bind != nil {
		return x.Bind.End()
	}
	return x.Type.End()
}

func (*BadExpr) exprNode()      {}
func (*Ident) exprNode()        {}
func (*BasicLit) exprNode()     {}
func (*ParenExpr) exprNode()    {}
func (*TupleExpr) exprNode()    {}
func (*VecLit) exprNode()       {}
func (*RepeatLit) exprNode()    {}
func (*BraceLit) exprNode()     {}
func (*KeyValueExpr) exprNode() {}
func (*StructLit) exprNode()    {}
func (*SelectorExpr) exprNode() {}
func (*IndexExpr) exprNode()    {}
func (*SliceExpr) exprNode()    {}
func (*InstExpr) exprNode()     {}
func (*CallExpr) exprNode()     {}
func (*UnaryExpr) exprNode()    {}
func (*BinaryExpr) exprNode()   {}
func (*AsExpr) exprNode()       {}
func (*IsExpr) exprNode()       {}
func (*BindPattern) exprNode()  {}
func (*TernaryExpr) exprNode()  {}
func (*CatchExpr) exprNode()    {}
func (*FuncLit) exprNode()      {}
func (*NewExpr) exprNode()      {}
func (*MatchExpr) exprNode()    {}
func (*GoExpr) exprNode()       {}
func (*MacroExpr) exprNode()    {}
