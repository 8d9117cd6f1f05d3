package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/sema"
)

// analyse finds, before any code is generated, which variables each
// closure captures and which variables must live in heap cells.
//
// A closure captures a variable by reference (spec/semantics.md §5). A
// captured variable that is never assigned after its declaration can be
// copied into the closure object, since nobody can observe the
// difference; one that is assigned — by =, op=, destructuring, a loop
// step, or a vec push that stores a new header back — lives in a cell
// shared by the function and its closures. Loop variables count as
// assigned: a loop has one variable for its whole run. Variables whose
// address is taken live in cells too.
func (m *moduleBuilder) analyse(pkgs []*sema.Package, entry []*ast.File) {
	m.cells = map[*sema.Var]bool{}
	m.free = map[*ast.FuncLit][]*sema.Var{}
	m.loopVars = map[*sema.Var]bool{}
	captured := map[*sema.Var]bool{}
	assigned := map[*sema.Var]bool{}
	seen := map[*ast.File]bool{}
	var files []*ast.File
	for _, p := range pkgs {
		files = append(files, p.Files...)
	}
	files = append(files, entry...)
	for _, f := range files {
		if seen[f] {
			continue
		}
		seen[f] = true
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				vs := m.freeVars(n)
				m.free[n] = vs
				for _, v := range vs {
					captured[v] = true
				}
			case *ast.AssignStmt:
				m.markAssigned(n.Lhs, assigned)
			case *ast.CallExpr:
				if c := m.info.Calls[n]; c != nil && rebindsReceiver(c) {
					m.markAssigned(c.Recv, assigned)
				}
			case *ast.UnaryExpr:
				if n.Op == lex.AND {
					if v := m.localVar(n.X); v != nil {
						m.cells[v] = true
					}
				}
			case *ast.ForInStmt:
				m.markLoopVar(n.Key)
				m.markLoopVar(n.Value)
			case *ast.ForRangeStmt:
				m.markLoopVar(n.Key)
			}
			return true
		})
	}
	for v := range captured {
		if assigned[v] || m.loopVars[v] || v.Assigned {
			m.cells[v] = true
		}
	}
}

// rebindsReceiver reports whether a method call stores a new value back
// into its receiver's location (vec push and append make new headers).
func rebindsReceiver(c *sema.Call) bool {
	if c.Kind == sema.CallBuiltinMethod {
		return c.Method == sema.VecPush || c.Method == sema.VecAppend
	}
	return c.Kind == sema.CallMethod && c.RecvAdjust == sema.RecvAddr && c.Recv != nil
}

func (m *moduleBuilder) markLoopVar(id *ast.Ident) {
	if id == nil {
		return
	}
	if v, ok := m.info.Defs[id].(*sema.Var); ok {
		m.loopVars[v] = true
	}
}

// markAssigned records the variable an assignment target rebinds.
func (m *moduleBuilder) markAssigned(x ast.Expr, assigned map[*sema.Var]bool) {
	switch x := x.(type) {
	case *ast.ParenExpr:
		m.markAssigned(x.X, assigned)
	case *ast.TupleExpr:
		for _, e := range x.Elts {
			m.markAssigned(e, assigned)
		}
	case *ast.Ident:
		if v := m.localVar(x); v != nil {
			assigned[v] = true
		}
	case *ast.SelectorExpr:
		// A field of a struct variable (a pointer to its object) changes
		// the object, not the variable; a vec field's push stores into
		// the field.
	}
}

// localVar returns the local variable or parameter x names, or nil.
func (m *moduleBuilder) localVar(x ast.Expr) *sema.Var {
	for {
		p, ok := x.(*ast.ParenExpr)
		if !ok {
			break
		}
		x = p.X
	}
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := m.info.ObjectOf(id).(*sema.Var)
	if !ok || v.Kind == sema.GlobalVar || v.Kind == sema.FieldVar {
		return nil
	}
	return v
}

// freeVars returns the variables of enclosing functions that lit or a
// closure nested in it uses, in order of first use.
func (m *moduleBuilder) freeVars(lit *ast.FuncLit) []*sema.Var {
	var vs []*sema.Var
	seen := map[*sema.Var]bool{}
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		v, ok := m.info.Uses[id].(*sema.Var)
		if !ok || v.Kind == sema.GlobalVar || v.Kind == sema.FieldVar || seen[v] {
			return true
		}
		if p := v.Pos(); p >= lit.Pos() && p < lit.End() {
			return true // declared inside the literal
		}
		seen[v] = true
		vs = append(vs, v)
		return true
	})
	return vs
}
