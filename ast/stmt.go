package ast

import "github.com/naturekit/naturekit/lex"

// Statements.
type (
	// BadStmt stands for a statement that failed to parse.
	BadStmt struct {
		From, To lex.Pos
	}

	// ExprStmt is an expression used as a statement (calls, match, go,
	// catch, macros).
	ExprStmt struct {
		X Expr
	}

	// AssignStmt is Lhs Op Rhs for = and the compound operators. A tuple
	// assignment has a *TupleExpr Lhs.
	AssignStmt struct {
		Lhs   Expr
		OpPos lex.Pos
		Op    lex.Token
		Rhs   Expr
	}

	// BlockStmt is { List }.
	BlockStmt struct {
		Lbrace lex.Pos
		List   []Stmt
		Rbrace lex.Pos
	}

	// IfStmt is if Cond Body [else Else]; Else is an *IfStmt or *BlockStmt.
	IfStmt struct {
		If   lex.Pos
		Cond Expr
		Body *BlockStmt
		Else Stmt
	}

	// ForStmt is the condition loop for Cond { Body }.
	ForStmt struct {
		For  lex.Pos
		Cond Expr
		Body *BlockStmt
	}

	// ForCStmt is the C-style loop for Init; Cond; Post { Body }.
	ForCStmt struct {
		For  lex.Pos
		Init Stmt
		Cond Expr
		Post Stmt
		Body *BlockStmt
	}

	// ForInStmt is for Key[, Value] in X { Body }.
	ForInStmt struct {
		For   lex.Pos
		Key   *Ident
		Value *Ident // nil with one variable
		In    lex.Pos
		X     Expr
		Body  *BlockStmt
	}

	// ForRangeStmt is for Key in Low..High { Body }.
	ForRangeStmt struct {
		For  lex.Pos
		Key  *Ident
		In   lex.Pos
		Low  Expr
		High Expr
		Body *BlockStmt
	}

	// ReturnStmt is return [Result].
	ReturnStmt struct {
		Return lex.Pos
		Result Expr
	}

	// BranchStmt is break or continue.
	BranchStmt struct {
		TokPos lex.Pos
		Tok    lex.Token
	}

	// ThrowStmt is throw X.
	ThrowStmt struct {
		Throw lex.Pos
		X     Expr
	}

	// TryStmt is try Body catch Err Handler.
	TryStmt struct {
		Try     lex.Pos
		Body    *BlockStmt
		Catch   lex.Pos
		Err     *Ident
		Handler *BlockStmt
	}

	// DeferStmt is defer Body; Body is a *BlockStmt or a single statement.
	DeferStmt struct {
		Defer lex.Pos
		Body  Stmt
	}

	// SelectStmt is select { arms }.
	SelectStmt struct {
		Select lex.Pos
		Lbrace lex.Pos
		Arms   []*SelectArm
		Rbrace lex.Pos
	}
)

// SelectArm is Call -> [Var] Body, or the default arm _ -> Body (Call is
// the Ident "_").
type SelectArm struct {
	Call  Expr
	Arrow lex.Pos
	Var   *Ident
	Body  *BlockStmt
}

// Pos implements Node.
func (a *SelectArm) Pos() lex.Pos { return a.Call.Pos() }

// End implements Node.
func (a *SelectArm) End() lex.Pos { return a.Body.End() }

func (s *BadStmt) Pos() lex.Pos      { return s.From }
func (s *ExprStmt) Pos() lex.Pos     { return s.X.Pos() }
func (s *AssignStmt) Pos() lex.Pos   { return s.Lhs.Pos() }
func (s *BlockStmt) Pos() lex.Pos    { return s.Lbrace }
func (s *IfStmt) Pos() lex.Pos       { return s.If }
func (s *ForStmt) Pos() lex.Pos      { return s.For }
func (s *ForCStmt) Pos() lex.Pos     { return s.For }
func (s *ForInStmt) Pos() lex.Pos    { return s.For }
func (s *ForRangeStmt) Pos() lex.Pos { return s.For }
func (s *ReturnStmt) Pos() lex.Pos   { return s.Return }
func (s *BranchStmt) Pos() lex.Pos   { return s.TokPos }
func (s *ThrowStmt) Pos() lex.Pos    { return s.Throw }
func (s *TryStmt) Pos() lex.Pos      { return s.Try }
func (s *DeferStmt) Pos() lex.Pos    { return s.Defer }
func (s *SelectStmt) Pos() lex.Pos   { return s.Select }

func (s *BadStmt) End() lex.Pos      { return s.To }
func (s *ExprStmt) End() lex.Pos     { return s.X.End() }
func (s *AssignStmt) End() lex.Pos   { return s.Rhs.End() }
func (s *BlockStmt) End() lex.Pos    { return s.Rbrace + 1 }
func (s *ForStmt) End() lex.Pos      { return s.Body.End() }
func (s *ForCStmt) End() lex.Pos     { return s.Body.End() }
func (s *ForInStmt) End() lex.Pos    { return s.Body.End() }
func (s *ForRangeStmt) End() lex.Pos { return s.Body.End() }
func (s *BranchStmt) End() lex.Pos   { return s.TokPos + lex.Pos(len(s.Tok.String())) }
func (s *ThrowStmt) End() lex.Pos    { return s.X.End() }
func (s *TryStmt) End() lex.Pos      { return s.Handler.End() }
func (s *DeferStmt) End() lex.Pos    { return s.Body.End() }
func (s *SelectStmt) End() lex.Pos   { return s.Rbrace + 1 }

// End implements Node.
func (s *IfStmt) End() lex.Pos {
	if s.Else != nil {
		return s.Else.End()
	}
	return s.Body.End()
}

// End implements Node.
func (s *ReturnStmt) End() lex.Pos {
	if s.Result != nil {
		return s.Result.End()
	}
	return s.Return + 6
}

func (*BadStmt) stmtNode()      {}
func (*ExprStmt) stmtNode()     {}
func (*AssignStmt) stmtNode()   {}
func (*BlockStmt) stmtNode()    {}
func (*IfStmt) stmtNode()       {}
func (*ForStmt) stmtNode()      {}
func (*ForCStmt) stmtNode()     {}
func (*ForInStmt) stmtNode()    {}
func (*ForRangeStmt) stmtNode() {}
func (*ReturnStmt) stmtNode()   {}
func (*BranchStmt) stmtNode()   {}
func (*ThrowStmt) stmtNode()    {}
func (*TryStmt) stmtNode()      {}
func (*DeferStmt) stmtNode()    {}
func (*SelectStmt) stmtNode()   {}
