package ast

import "github.com/naturekit/naturekit/lex"

func (p *printer) stmt(s Stmt) {
	switch s := s.(type) {
	case *BadStmt:
		p.str("BAD")
	case *ExprStmt:
		p.expr(s.X)
	case *AssignStmt:
		p.seq(s.Lhs, " "+s.Op.String()+" ", s.Rhs)
	case *BlockStmt:
		p.block(s)
	case *IfStmt:
		p.ifStmt(s)
	case *ForStmt:
		p.seq("for ", s.Cond, " ", s.Body)
	case *ForCStmt:
		p.seq("for ", s.Init, "; ", s.Cond, "; ", s.Post, " ", s.Body)
	case *ForInStmt:
		p.str("for " + s.Key.Name)
		if s.Value != nil {
			p.str(", " + s.Value.Name)
		}
		p.seq(" in ", s.X, " ", s.Body)
	case *ForRangeStmt:
		p.seq("for "+s.Key.Name+" in ", s.Low, "..", s.High, " ", s.Body)
	case *ReturnStmt:
		p.str("return")
		if s.Result != nil {
			p.str(" ")
			p.expr(s.Result)
		}
	case *BranchStmt:
		p.str(s.Tok.String())
	case *ThrowStmt:
		p.str("throw ")
		p.expr(s.X)
	case *TryStmt:
		p.seq("try ", s.Body, " catch "+s.Err.Name+" ", s.Handler)
	case *DeferStmt:
		p.str("defer ")
		p.stmt(s.Body)
	case *SelectStmt:
		p.str("select ")
		items := make([]item, len(s.Arms))
		for i, a := range s.Arms {
			items[i] = item{a, func() { p.selectArm(a) }}
		}
		p.body(s.Lbrace, items, s.Rbrace)
	case *VarDecl, *ConstDecl, *TypeDecl:
		p.decl(s.(Decl))
	}
}

func (p *printer) ifStmt(s *IfStmt) {
	p.seq("if ", s.Cond, " ", s.Body)
	if s.Else != nil {
		p.str(" else ")
		p.stmt(s.Else)
	}
}

func (p *printer) selectArm(a *SelectArm) {
	p.expr(a.Call)
	p.str(" -> ")
	if a.Var != nil {
		p.str(a.Var.Name + " ")
	}
	p.block(a.Body)
}

func (p *printer) pub(pos lex.Pos) {
	if pos.IsValid() {
		p.str("pub ")
	}
}

func (p *printer) decl(d Decl) {
	switch d := d.(type) {
	case *BadDecl:
		p.str("BAD")
	case *ModDecl:
		p.str("mod " + d.Name.Name)
	case *ImportDecl:
		p.importDecl(d)
	case *VarDecl:
		p.pub(d.Pub)
		if d.Type != nil {
			p.expr(d.Type)
			p.str(" ")
		} else {
			p.str("var ")
		}
		if d.Bind != nil {
			p.expr(d.Bind)
		} else {
			p.str(d.Name.Name)
		}
		p.str(" = ")
		p.expr(d.Value)
	case *ConstDecl:
		p.pub(d.Pub)
		p.str("const " + d.Name.Name + " = ")
		p.expr(d.Value)
	case *TypeDecl:
		p.labels(d.Labels)
		p.pub(d.Pub)
		p.str("type " + d.Name.Name)
		p.typeParams(d.TypeParams)
		if len(d.Impls) > 0 {
			p.str(":")
			p.exprs(d.Impls)
		}
		p.str(" = ")
		p.expr(d.Type)
	case *FuncDecl:
		p.labels(d.Labels)
		p.pub(d.Pub)
		p.str("fn ")
		if d.Recv != nil {
			p.str(d.Recv.Type.Name)
			p.typeParams(d.Recv.TypeParams)
			p.str(".")
		}
		p.str(d.Name.Name)
		p.typeParams(d.TypeParams)
		p.signature(d.Type)
		if d.Body != nil {
			p.str(" ")
			p.block(d.Body)
		}
	case *TestDecl:
		p.seq("test ", d.Name, " ", d.Body)
	}
}

// labels prints the label line of a declaration.
func (p *printer) labels(list []*Label) {
	if len(list) == 0 {
		return
	}
	for i, l := range list {
		if i > 0 {
			p.str(" ")
		}
		p.label(l)
	}
	p.newline()
	p.writeIndent()
}

func (p *printer) label(l *Label) {
	p.str("#" + l.Name)
	if l.Arg != nil {
		p.str(" ")
		p.expr(l.Arg)
	}
	for i, w := range l.Where {
		if i > 0 {
			p.str(",")
		}
		p.str(" " + w.Param.Name + ":")
		for j, c := range w.Constraints {
			if j > 0 {
				p.str(" & ")
			}
			p.expr(c)
		}
	}
}

func (p *printer) importDecl(d *ImportDecl) {
	p.str("import ")
	if d.Path != nil {
		p.str(d.Path.Value)
	}
	for i, id := range d.Module {
		if i > 0 {
			p.str(".")
		}
		p.str(id.Name)
	}
	if d.Lbrace.IsValid() {
		p.str(".{")
		for i, it := range d.Items {
			if i > 0 {
				p.str(", ")
			}
			p.str(it.Name.Name)
			if it.Alias != nil {
				p.str(" as " + it.Alias.Name)
			}
		}
		p.str("}")
	}
	if d.Alias != nil {
		p.str(" as " + d.Alias.Name)
	}
}
