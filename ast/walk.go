package ast

// Visitor is called by Walk for each node. If Visit returns a non-nil
// visitor w, Walk visits the node's children with w and then calls
// w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n in depth-first, source order.
func Walk(v Visitor, n Node) {
	if v = v.Visit(n); v == nil {
		return
	}
	children(n, func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

type inspector func(Node) bool

func (f inspector) Visit(n Node) Visitor {
	if f(n) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at n, calling f for each node; if f
// returns false the node's children are skipped. After the children of a
// node, f is called with nil.
func Inspect(n Node, f func(Node) bool) { Walk(inspector(f), n) }

// children calls f for each non-nil child of n, in source order.
func children(n Node, f func(Node)) {
	switch n := n.(type) {
	case *File:
		opt(f, n.Mod)
		each(f, n.Decls)
	case *Comment, *Ident, *BasicLit, *BadExpr, *BadStmt, *BadDecl, *BranchStmt, *SelfParam:
	case *ParenExpr:
		f(n.X)
	case *TupleExpr:
		each(f, n.Elts)
	case *VecLit:
		each(f, n.Elts)
	case *RepeatLit:
		f(n.Value)
		f(n.Count)
	case *BraceLit:
		each(f, n.Elts)
	case *KeyValueExpr:
		f(n.Key)
		f(n.Value)
	case *StructLit:
		f(n.Type)
		each(f, n.Fields)
	case *SelectorExpr:
		f(n.X)
		f(n.Sel)
	case *IndexExpr:
		f(n.X)
		f(n.Index)
	case *SliceExpr:
		f(n.X)
		opt(f, n.Low)
		opt(f, n.High)
	case *InstExpr:
		f(n.X)
		each(f, n.Args)
	case *CallExpr:
		f(n.Fun)
		each(f, n.Args)
	case *UnaryExpr:
		f(n.X)
	case *BinaryExpr:
		f(n.X)
		f(n.Y)
	case *AsExpr:
		f(n.X)
		f(n.Type)
	case *IsExpr:
		opt(f, n.X)
		f(n.Type)
		opt(f, n.Bind)
	case *BindPattern:
		each(f, n.Elts)
	case *TernaryExpr:
		f(n.Cond)
		f(n.Then)
		f(n.Else)
	case *CatchExpr:
		f(n.X)
		opt(f, n.Err)
		opt(f, n.Body)
	case *FuncLit:
		f(n.Type)
		opt(f, n.Body)
	case *NewExpr:
		f(n.Type)
		each(f, n.Args)
	case *MatchExpr:
		opt(f, n.Subject)
		each(f, n.Arms)
	case *MatchArm:
		each(f, n.Patterns)
		f(n.Body)
	case *GoExpr:
		f(n.Call)
	case *MacroExpr:
		each(f, n.Args)
	case *NullableType:
		f(n.X)
	case *VecType:
		f(n.Elem)
	case *ArrayType:
		f(n.Elem)
		f(n.Len)
	case *MapType:
		f(n.Key)
		f(n.Value)
	case *SetType:
		f(n.Elem)
	case *TupleType:
		each(f, n.Elems)
	case *FuncType:
		opt(f, n.Self)
		each(f, n.Params)
		opt(f, n.Result)
	case *Param:
		f(n.Type)
		opt(f, n.Name)
	case *StructType:
		each(f, n.Fields)
	case *UnionType:
		each(f, n.Fields)
	case *Field:
		f(n.Type)
		f(n.Name)
		opt(f, n.Default)
	case *SumType:
		each(f, n.Types)
	case *InterfaceType:
		each(f, n.Methods)
	case *IfaceMethod:
		f(n.Name)
		each(f, n.TypeParams)
		f(n.Type)
	case *EnumType:
		opt(f, n.Base)
		each(f, n.Items)
	case *EnumItem:
		f(n.Name)
		opt(f, n.Value)
	case *ExprStmt:
		f(n.X)
	case *AssignStmt:
		f(n.Lhs)
		f(n.Rhs)
	case *BlockStmt:
		each(f, n.List)
	case *IfStmt:
		f(n.Cond)
		f(n.Body)
		opt(f, n.Else)
	case *ForStmt:
		f(n.Cond)
		f(n.Body)
	case *ForCStmt:
		f(n.Init)
		opt(f, n.Cond)
		f(n.Post)
		f(n.Body)
	case *ForInStmt:
		f(n.Key)
		opt(f, n.Value)
		f(n.X)
		f(n.Body)
	case *ForRangeStmt:
		f(n.Key)
		f(n.Low)
		f(n.High)
		f(n.Body)
	case *ReturnStmt:
		opt(f, n.Result)
	case *ThrowStmt:
		f(n.X)
	case *TryStmt:
		f(n.Body)
		opt(f, n.Err)
		f(n.Handler)
	case *DeferStmt:
		f(n.Body)
	case *SelectStmt:
		each(f, n.Arms)
	case *SelectArm:
		f(n.Call)
		opt(f, n.Var)
		f(n.Body)
	case *ModDecl:
		f(n.Name)
	case *ImportDecl:
		opt(f, n.Path)
		each(f, n.Module)
		each(f, n.Items)
		opt(f, n.Alias)
	case *ImportItem:
		f(n.Name)
		opt(f, n.Alias)
	case *VarDecl:
		opt(f, n.Type)
		opt(f, n.Name)
		opt(f, n.Bind)
		f(n.Value)
	case *ConstDecl:
		f(n.Name)
		f(n.Value)
	case *TypeDecl:
		each(f, n.Labels)
		f(n.Name)
		each(f, n.TypeParams)
		each(f, n.Impls)
		f(n.Type)
	case *FuncDecl:
		each(f, n.Labels)
		opt(f, n.Recv)
		f(n.Name)
		each(f, n.TypeParams)
		f(n.Type)
		opt(f, n.Body)
	case *Receiver:
		f(n.Type)
		each(f, n.TypeParams)
	case *Label:
		opt(f, n.Arg)
		each(f, n.Where)
	case *WhereItem:
		f(n.Param)
		each(f, n.Constraints)
	case *TestDecl:
		f(n.Name)
		f(n.Body)
	}
}

// opt calls f for x unless x is nil: an optional child.
func opt[T comparable](f func(Node), x T) {
	var none T
	if x != none {
		f(any(x).(Node))
	}
}

// each calls f for every node of list.
func each[T Node](f func(Node), list []T) {
	for _, x := range list {
		f(x)
	}
}

// Unparen returns e with any enclosing parentheses removed.
func Unparen(e Expr) Expr {
	for {
		p, ok := e.(*ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

// LastOperand returns the operand the reference compiler's parser reads
// last before it makes e, where runtime errors in e and many diagnostics
// are placed: the operand of a parenthesis, selector, conversion (as) or
// unary operator, the right operand of a binary operator, the index of
// an index expression, the else branch of a ternary, the value of a
// key-value pair, and the last argument, element or field of a call, a
// new, or a vec, tuple, brace or struct literal. It returns nil for
// other expressions and for empty lists.
func LastOperand(e Expr) Expr {
	switch x := e.(type) {
	case *ParenExpr:
		return x.X
	case *SelectorExpr:
		return x.X
	case *AsExpr:
		return x.X
	case *UnaryExpr:
		return x.X
	case *BinaryExpr:
		return x.Y
	case *IndexExpr:
		return x.Index
	case *TernaryExpr:
		return x.Else
	case *KeyValueExpr:
		return x.Value
	case *CallExpr:
		return lastOf(x.Args)
	case *NewExpr:
		return lastOf(x.Args)
	case *VecLit:
		return lastOf(x.Elts)
	case *TupleExpr:
		return lastOf(x.Elts)
	case *BraceLit:
		return lastOf(x.Elts)
	case *StructLit:
		return lastOf(x.Fields)
	}
	return nil
}

// lastOf returns the last of list, or nil when it is empty.
func lastOf[T Expr](list []T) Expr {
	if len(list) == 0 {
		return nil
	}
	return list[len(list)-1]
}
