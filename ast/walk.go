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
	expr := func(x Expr) {
		if x != nil {
			f(x)
		}
	}
	exprs := func(list []Expr) {
		for _, x := range list {
			f(x)
		}
	}
	ident := func(x *Ident) {
		if x != nil {
			f(x)
		}
	}
	idents := func(list []*Ident) {
		for _, x := range list {
			f(x)
		}
	}
	block := func(b *BlockStmt) {
		if b != nil {
			f(b)
		}
	}
	labels := func(list []*Label) {
		for _, x := range list {
			f(x)
		}
	}
	switch n := n.(type) {
	case *File:
		if n.Mod != nil {
			f(n.Mod)
		}
		for _, d := range n.Decls {
			f(d)
		}
	case *Comment, *Ident, *BasicLit, *BadExpr, *BadStmt, *BadDecl, *BranchStmt, *SelfParam:
	case *ParenExpr:
		f(n.X)
	case *TupleExpr:
		exprs(n.Elts)
	case *VecLit:
		exprs(n.Elts)
	case *RepeatLit:
		f(n.Value)
		f(n.Count)
	case *BraceLit:
		exprs(n.Elts)
	case *KeyValueExpr:
		f(n.Key)
		f(n.Value)
	case *StructLit:
		f(n.Type)
		for _, x := range n.Fields {
			f(x)
		}
	case *SelectorExpr:
		f(n.X)
		f(n.Sel)
	case *IndexExpr:
		f(n.X)
		f(n.Index)
	case *SliceExpr:
		f(n.X)
		expr(n.Low)
		expr(n.High)
	case *InstExpr:
		f(n.X)
		exprs(n.Args)
	case *CallExpr:
		f(n.Fun)
		exprs(n.Args)
	case *UnaryExpr:
		f(n.X)
	case *BinaryExpr:
		f(n.X)
		f(n.Y)
	case *AsExpr:
		f(n.X)
		f(n.Type)
	case *IsExpr:
		expr(n.X)
		f(n.Type)
		expr(n.Bind)
	case *BindPattern:
		exprs(n.Elts)
	case *TernaryExpr:
		f(n.Cond)
		f(n.Then)
		f(n.Else)
	case *CatchExpr:
		f(n.X)
		ident(n.Err)
		block(n.Body)
	case *FuncLit:
		f(n.Type)
		block(n.Body)
	case *NewExpr:
		f(n.Type)
		exprs(n.Args)
	case *MatchExpr:
		expr(n.Subject)
		for _, a := range n.Arms {
			f(a)
		}
	case *MatchArm:
		exprs(n.Patterns)
		f(n.Body)
	case *GoExpr:
		f(n.Call)
	case *MacroExpr:
		exprs(n.Args)
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
		exprs(n.Elems)
	case *FuncType:
		if n.Self != nil {
			f(n.Self)
		}
		for _, p := range n.Params {
			f(p)
		}
		expr(n.Result)
	case *Param:
		f(n.Type)
		ident(n.Name)
	case *StructType:
		for _, x := range n.Fields {
			f(x)
		}
	case *UnionType:
		for _, x := range n.Fields {
			f(x)
		}
	case *Field:
		f(n.Type)
		f(n.Name)
		expr(n.Default)
	case *SumType:
		exprs(n.Types)
	case *InterfaceType:
		for _, m := range n.Methods {
			f(m)
		}
	case *IfaceMethod:
		f(n.Name)
		idents(n.TypeParams)
		f(n.Type)
	case *EnumType:
		expr(n.Base)
		for _, x := range n.Items {
			f(x)
		}
	case *EnumItem:
		f(n.Name)
		expr(n.Value)
	case *ExprStmt:
		f(n.X)
	case *AssignStmt:
		f(n.Lhs)
		f(n.Rhs)
	case *BlockStmt:
		for _, s := range n.List {
			f(s)
		}
	case *IfStmt:
		f(n.Cond)
		f(n.Body)
		if n.Else != nil {
			f(n.Else)
		}
	case *ForStmt:
		f(n.Cond)
		f(n.Body)
	case *ForCStmt:
		f(n.Init)
		expr(n.Cond)
		f(n.Post)
		f(n.Body)
	case *ForInStmt:
		f(n.Key)
		ident(n.Value)
		f(n.X)
		f(n.Body)
	case *ForRangeStmt:
		f(n.Key)
		f(n.Low)
		f(n.High)
		f(n.Body)
	case *ReturnStmt:
		expr(n.Result)
	case *ThrowStmt:
		f(n.X)
	case *TryStmt:
		f(n.Body)
		ident(n.Err)
		f(n.Handler)
	case *DeferStmt:
		f(n.Body)
	case *SelectStmt:
		for _, a := range n.Arms {
			f(a)
		}
	case *SelectArm:
		f(n.Call)
		ident(n.Var)
		f(n.Body)
	case *ModDecl:
		f(n.Name)
	case *ImportDecl:
		if n.Path != nil {
			f(n.Path)
		}
		idents(n.Module)
		for _, x := range n.Items {
			f(x)
		}
		ident(n.Alias)
	case *ImportItem:
		f(n.Name)
		ident(n.Alias)
	case *VarDecl:
		expr(n.Type)
		ident(n.Name)
		if n.Bind != nil {
			f(n.Bind)
		}
		f(n.Value)
	case *ConstDecl:
		f(n.Name)
		f(n.Value)
	case *TypeDecl:
		labels(n.Labels)
		f(n.Name)
		idents(n.TypeParams)
		exprs(n.Impls)
		f(n.Type)
	case *FuncDecl:
		labels(n.Labels)
		if n.Recv != nil {
			f(n.Recv)
		}
		f(n.Name)
		idents(n.TypeParams)
		f(n.Type)
		block(n.Body)
	case *Receiver:
		f(n.Type)
		idents(n.TypeParams)
	case *Label:
		expr(n.Arg)
		for _, w := range n.Where {
			f(w)
		}
	case *WhereItem:
		f(n.Param)
		exprs(n.Constraints)
	case *TestDecl:
		f(n.Name)
		f(n.Body)
	}
}
