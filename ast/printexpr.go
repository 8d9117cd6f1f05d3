package ast

import "github.com/naturekit/naturekit/lex"

func (p *printer) expr(x Expr) {
	switch x := x.(type) {
	case *BadExpr:
		p.str("BAD")
	case *Ident:
		p.str(x.Name)
	case *BasicLit:
		p.str(x.Value)
	case *ParenExpr:
		p.seq("(", x.X, ")")
	case *TupleExpr:
		p.list("(", x.Lparen, exprNodes(x.Elts), p.exprElem, ")", x.Rparen)
		if len(x.Elts) == 1 && p.buf[len(p.buf)-2] != ',' {
			p.buf = append(p.buf[:len(p.buf)-1], ",)"...)
		}
	case *VecLit:
		p.list("[", x.Lbrack, exprNodes(x.Elts), p.exprElem, "]", x.Rbrack)
	case *RepeatLit:
		p.seq("[", x.Value, "; ", x.Count, "]")
	case *BraceLit:
		p.list("{", x.Lbrace, exprNodes(x.Elts), p.exprElem, "}", x.Rbrace)
	case *KeyValueExpr:
		p.expr(x.Key)
		if x.SepTok == lex.ASSIGN {
			p.str(" = ")
		} else {
			p.str(": ")
		}
		p.expr(x.Value)
	case *StructLit:
		p.expr(x.Type)
		elems := make([]Node, len(x.Fields))
		for i, f := range x.Fields {
			elems[i] = f
		}
		p.list("{", x.Lbrace, elems, p.exprElem, "}", x.Rbrace)
	case *SelectorExpr:
		p.seq(x.X, ".", x.Sel.Name)
	case *IndexExpr:
		p.seq(x.X, "[", x.Index, "]")
	case *SliceExpr:
		p.expr(x.X)
		p.str("[")
		if x.Low != nil {
			p.expr(x.Low)
		}
		p.str("..")
		if x.High != nil {
			p.expr(x.High)
		}
		p.str("]")
	case *InstExpr:
		p.expr(x.X)
		p.str("<")
		p.exprs(x.Args)
		p.str(">")
	case *CallExpr:
		p.expr(x.Fun)
		p.call(x.Lparen, x.Args, x.Ellipsis, x.Rparen)
	case *UnaryExpr:
		p.str(x.Op.String())
		if u, ok := x.X.(*UnaryExpr); ok && x.Op == u.Op && (x.Op == lex.AND || x.Op == lex.SUB) {
			p.str(" ") // "& &x" is not the && operator; "- -x" is not a decrement
		}
		p.expr(x.X)
	case *BinaryExpr:
		p.seq(x.X, " "+x.Op.String()+" ", x.Y)
	case *AsExpr:
		p.seq(x.X, " as ", x.Type)
	case *IsExpr:
		if x.X != nil {
			p.expr(x.X)
			p.str(" ")
		}
		p.str("is ")
		p.expr(x.Type)
		if x.Bind != nil {
			p.str(" ")
			p.expr(x.Bind)
		}
	case *BindPattern:
		p.str("(")
		p.exprs(x.Elts)
		p.str(")")
	case *TernaryExpr:
		p.seq(x.Cond, " ? ", x.Then, " : ", x.Else)
	case *CatchExpr:
		p.seq(x.X, " catch "+x.Err.Name+" ", x.Body)
	case *FuncLit:
		p.seq(x.Type, " ", x.Body)
	case *NewExpr:
		p.str("new ")
		p.expr(x.Type)
		p.call(x.Lparen, x.Args, lex.NoPos, x.Rparen)
	case *MatchExpr:
		p.match(x)
	case *GoExpr:
		p.str("go ")
		p.expr(x.Call)
	case *MacroExpr:
		p.str("@" + x.Name)
		p.call(x.Lparen, x.Args, lex.NoPos, x.Rparen)
	default:
		p.typ(x)
	}
}

func (p *printer) exprs(list []Expr) {
	for i, x := range list {
		if i > 0 {
			p.str(", ")
		}
		p.expr(x)
	}
}

// call prints an argument list; a spread marks the last argument.
func (p *printer) call(lparen lex.Pos, args []Expr, ellipsis, rparen lex.Pos) {
	last := len(args) - 1
	p.list("(", lparen, exprNodes(args), func(n Node) {
		if ellipsis.IsValid() && n == Node(args[last]) {
			p.str("...")
		}
		p.expr(n.(Expr))
	}, ")", rparen)
}

func (p *printer) match(m *MatchExpr) {
	p.str("match ")
	if m.Subject != nil {
		p.expr(m.Subject)
		p.str(" ")
	}
	items := make([]item, len(m.Arms))
	for i, a := range m.Arms {
		items[i] = item{a, func() { p.arm(a) }}
	}
	p.body(m.Lbrace, items, m.Rbrace)
}

func (p *printer) arm(a *MatchArm) {
	for i, pat := range a.Patterns {
		if i > 0 {
			p.str(" | ")
		}
		p.expr(pat)
	}
	p.str(" -> ")
	if b, ok := a.Body.(*BlockStmt); ok {
		p.block(b)
	} else {
		p.expr(a.Body.(Expr))
	}
}

// typ prints type expressions.
func (p *printer) typ(x Expr) {
	switch x := x.(type) {
	case *NullableType:
		p.expr(x.X)
		p.str("?")
	case *VecType:
		p.seq("[", x.Elem, "]")
	case *ArrayType:
		p.seq("[", x.Elem, ";", x.Len, "]")
	case *MapType:
		p.seq("{", x.Key, ":", x.Value, "}")
	case *SetType:
		p.seq("{", x.Elem, "}")
	case *TupleType:
		p.str("(")
		p.exprs(x.Elems)
		p.str(")")
	case *FuncType:
		p.signature(x)
	case *StructType:
		p.str("struct ")
		p.fields(x.Lbrace, x.Fields, x.Rbrace)
	case *UnionType:
		p.str("union ")
		p.fields(x.Lbrace, x.Fields, x.Rbrace)
	case *SumType:
		for i, t := range x.Types {
			if i > 0 {
				p.str("|")
			}
			p.expr(t)
		}
	case *InterfaceType:
		p.str("interface ")
		items := make([]item, len(x.Methods))
		for i, m := range x.Methods {
			items[i] = item{m, func() {
				p.str("fn " + m.Name.Name)
				p.typeParams(m.TypeParams)
				p.signature(m.Type)
			}}
		}
		p.body(x.Lbrace, items, x.Rbrace)
	case *EnumType:
		p.str("enum")
		if x.Base != nil {
			p.str(":")
			p.expr(x.Base)
		}
		p.str(" ")
		elems := make([]Node, len(x.Items))
		for i, it := range x.Items {
			elems[i] = it
		}
		open, close := "{ ", " }"
		if len(elems) == 0 || p.multiline(x.Lbrace, elems[0]) {
			open, close = "{", "}"
		}
		p.list(open, x.Lbrace, elems, func(n Node) {
			it := n.(*EnumItem)
			p.str(it.Name.Name)
			if it.Value != nil {
				p.str(" = ")
				p.expr(it.Value)
			}
		}, close, x.Rbrace)
	}
}

func (p *printer) fields(lbrace lex.Pos, fields []*Field, rbrace lex.Pos) {
	items := make([]item, len(fields))
	for i, f := range fields {
		items[i] = item{f, func() { p.field(f) }}
	}
	p.body(lbrace, items, rbrace)
}

func (p *printer) field(f *Field) {
	p.expr(f.Type)
	p.str(" " + f.Name.Name)
	if f.Default != nil {
		p.str(" = ")
		p.expr(f.Default)
	}
}

// signature prints [fn](params)[:result][!].
func (p *printer) signature(f *FuncType) {
	if f.Fn.IsValid() {
		p.str("fn")
	}
	p.str("(")
	if f.Self != nil {
		if f.Self.Op != lex.ILLEGAL {
			p.str(f.Self.Op.String())
		}
		p.str("self")
		if len(f.Params) > 0 {
			p.str(", ")
		}
	}
	for i, par := range f.Params {
		if i > 0 {
			p.str(", ")
		}
		p.param(par)
	}
	p.str(")")
	if f.Result != nil {
		p.str(":")
		p.expr(f.Result)
	}
	if f.Errable.IsValid() {
		p.str("!")
	}
}

func (p *printer) param(par *Param) {
	if par.Ellipsis.IsValid() {
		p.str("...")
	}
	p.expr(par.Type)
	if par.Name != nil {
		p.str(" " + par.Name.Name)
	}
}

func (p *printer) typeParams(list []*Ident) {
	if len(list) == 0 {
		return
	}
	p.str("<")
	for i, id := range list {
		if i > 0 {
			p.str(", ")
		}
		p.str(id.Name)
	}
	p.str(">")
}
