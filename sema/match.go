package sema

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// match checks a match expression or statement (semantics.md §9.3):
// patterns against the subject, arm values against the result type, and
// exhaustiveness.
func (c *checker) match(e *ast.MatchExpr, want Type, stmt bool) operand {
	var subj Type
	// prev is the anchor of the last node checked: where the reference
	// reports the errors found before it enters the next pattern (and
	// a match that is not exhaustive, after the last arm).
	prev := e.Match
	if e.Subject != nil {
		subj = c.expr(e.Subject, nil).typ
		prev = c.last(e.Subject)
	}
	cov := coverage{}
	result := want
	for i, arm := range e.Arms {
		c.openScope(arm)
		saved := c.binds
		c.binds = nil
		for _, p := range arm.Patterns {
			c.pattern(e, arm, p, i, subj, &cov, prev)
			if id, ok := p.(*ast.Ident); !ok || id.Name != "_" {
				prev = c.last(p)
			}
		}
		if len(arm.Patterns) == 1 {
			for _, b := range c.binds {
				c.declare(b.id, b.v)
			}
		}
		c.binds = saved
		result = c.armBody(arm, result, stmt)
		prev = c.lastNode(arm.Body)
		c.closeScope()
	}
	c.exhaustive(e, subj, &cov, prev)
	if stmt {
		return operand{mode: NoValue, typ: Typ[Void]}
	}
	if result == nil {
		return invalidOp
	}
	c.record(e, TypeAndValue{Mode: Value, Type: result})
	return valueOf(result)
}

// coverage collects what the arms of a match cover.
type coverage struct {
	hasDefault bool
	types      []Type
	tags       map[string]bool
	members    map[*Const]bool
}

// pattern checks one pattern of arm i; prev is the anchor of the node
// checked before it.
func (c *checker) pattern(m *ast.MatchExpr, arm *ast.MatchArm, p ast.Expr, i int, subj Type, cov *coverage, prev lex.Pos) {
	if id, ok := p.(*ast.Ident); ok && id.Name == "_" {
		if len(arm.Patterns) > 1 {
			c.errorf(prev, "default case '_' conflict in a 'match' expression")
		}
		if i != len(m.Arms)-1 {
			c.errorf(prev, "default case '_' must be the last one in a 'match' expression")
		}
		cov.hasDefault = true
		return
	}
	if is, ok := p.(*ast.IsExpr); ok && is.X == nil {
		if subj == nil {
			c.errorf(prev, "match subject type not confirm")
			return
		}
		t := c.isTarget(is, subj, prev)
		c.record(is, TypeAndValue{Mode: Value, Type: Typ[Bool]})
		if sel, ok := is.Type.(*ast.SelectorExpr); ok {
			if s := c.info.Selections[sel]; s != nil && s.Variant != nil {
				if cov.tags == nil {
					cov.tags = map[string]bool{}
				}
				cov.tags[s.Variant.Name] = true
			}
		}
		if tt := c.info.TypeOf(is.Type); tt != nil {
			cov.types = append(cov.types, tt)
		}
		c.bindIs(is, t, prev)
		return
	}
	if subj == nil {
		c.condition(p)
		return
	}
	if isInvalid(subj) {
		c.expr(p, nil)
		return
	}
	switch u := subj.Underlying().(type) {
	case *Union, *TaggedUnion:
		c.errorf(prev, "match 'union' only support 'is' assert")
		return
	case *Basic:
		if u.Kind == Any {
			c.errorf(prev, "match 'union' only support 'is' assert")
			return
		}
	}
	c.checkValue(p, subj)
	if sel, ok := p.(*ast.SelectorExpr); ok {
		if s := c.info.Selections[sel]; s != nil && s.Kind == EnumSel {
			if cov.members == nil {
				cov.members = map[*Const]bool{}
			}
			cov.members[s.Obj.(*Const)] = true
		}
	}
}

// armBody checks an arm's body and returns the match's result type
// (the expected type, or the first arm's type).
func (c *checker) armBody(arm *ast.MatchArm, result Type, stmt bool) Type {
	switch b := arm.Body.(type) {
	case ast.Expr:
		if stmt {
			c.exprVoid(b, nil)
			return result
		}
		return c.armValue(b, result)
	case *ast.BlockStmt:
		c.info.Scopes[b] = c.scope
		list := b.List
		if stmt || len(list) == 0 {
			c.stmtList(list)
			return result
		}
		last, ok := list[len(list)-1].(*ast.ExprStmt)
		if !ok {
			c.stmtList(list)
			if !terminatesList(list) {
				c.errorf(c.lastNode(list[len(list)-1]), "match missing result")
			}
			return result
		}
		c.stmtList(list[:len(list)-1])
		return c.armValue(last.X, result)
	}
	return result
}

func (c *checker) armValue(e ast.Expr, result Type) Type {
	x := c.exprVoid(e, result)
	if x.mode == NoValue && IsVoid(x.typ) {
		return result // panic(...) and other void calls yield nothing
	}
	if result == nil {
		return x.typ
	}
	c.assignOperand(e, x, result)
	return result
}

// exhaustive reports a match without '_' that does not cover its
// subject, at pos (the last node of the last arm).
func (c *checker) exhaustive(m *ast.MatchExpr, subj Type, cov *coverage, pos lex.Pos) {
	if cov.hasDefault || len(m.Arms) == 0 && subj == nil || subj != nil && isInvalid(subj) {
		return
	}
	if subj != nil && !isInvalid(subj) {
		switch u := subj.Underlying().(type) {
		case *Union:
			for _, t := range u.Terms {
				if !containsType(cov.types, t) {
					c.errorf(pos, "match expression lacks a default case '_' and union element type lacks, for example 'is %s'", shortType(t))
					return
				}
			}
			return
		case *TaggedUnion:
			for _, v := range u.Variants {
				if !cov.tags[v.Name] {
					c.errorf(pos, "match expression lacks a default case '_' and tagged union element type lacks, for example 'is %s'", v.Name)
					return
				}
			}
			return
		case *Enum:
			for _, k := range u.Members {
				if !cov.members[k] {
					c.errorf(pos, "match expression lacks a default case '_' and enum value lacks, for example '%s'", k.name)
					return
				}
			}
			return
		}
	}
	c.errorf(pos, "match expression lacks a default case '_'")
}
