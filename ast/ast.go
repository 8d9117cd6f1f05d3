package ast

import "github.com/naturekit/naturekit/lex"

// Node is implemented by every syntax tree node.
type Node interface {
	Pos() lex.Pos // first byte of the node
	End() lex.Pos // first byte after the node
}

// Expr is an expression or a type expression.
type Expr interface {
	Node
	// NodeID is the expression's number in its file set (Number), or 0
	// if it has none yet.
	NodeID() uint32
	exprNode()
	exprIDRef() *exprID
}

// Stmt is a statement inside a function body.
type Stmt interface {
	Node
	stmtNode()
}

// Decl is a top-level declaration. Local declarations (var, const, type)
// are both Decl and Stmt.
type Decl interface {
	Node
	declNode()
}

// Comment is one // or /* */ comment.
type Comment struct {
	Slash lex.Pos
	Text  string // as written, including // or /* */
}

// Pos implements Node.
func (c *Comment) Pos() lex.Pos { return c.Slash }

// End implements Node.
func (c *Comment) End() lex.Pos { return c.Slash + lex.Pos(len(c.Text)) }

// File is one parsed source file.
type File struct {
	Name     string     // file name as given to the parser
	Mod      *ModDecl   // "mod name" first line, or nil
	Decls    []Decl     // top-level declarations in source order
	Comments []*Comment // every comment of the file, in source order
	FileEnd  lex.Pos    // end of the file
}

// Pos implements Node.
func (f *File) Pos() lex.Pos {
	if f.Mod != nil {
		return f.Mod.Pos()
	}
	if len(f.Decls) > 0 {
		return f.Decls[0].Pos()
	}
	return f.FileEnd
}

// End implements Node.
func (f *File) End() lex.Pos { return f.FileEnd }
