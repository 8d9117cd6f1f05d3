package sema

import (
	"go/constant"
	"sort"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// operand is the result of checking an expression.
type operand struct {
	mode Mode
	typ  Type
	val  value // when mode is Constant
}

// typeAndValue is what Info records for x.
func (x operand) typeAndValue() TypeAndValue {
	if x.mode == Constant {
		return constantTV(x.typ, x.val)
	}
	return TypeAndValue{Mode: x.mode, Type: x.typ}
}

var invalidOp = operand{mode: NoValue, typ: Typ[Invalid]}

func valueOf(t Type) operand {
	if t == nil {
		return invalidOp
	}
	if IsVoid(t) {
		return operand{mode: NoValue, typ: t}
	}
	return operand{mode: Value, typ: t}
}

// expr checks e, which must produce a value, with the expected type want
// (nil when the context gives none). It records e's type and returns it.
func (c *checker) expr(e ast.Expr, want Type) operand {
	x := c.exprVoid(e, want)
	if x.mode == NoValue && IsVoid(x.typ) && want != nil && !isInvalid(want) && !IsVoid(want) {
		c.errorf(c.last(e), "type inconsistency, expect=%s, actual=void", longType(want))
		return invalidOp
	}
	return x
}

// exprVoid is expr for contexts where a void call is allowed
// (expression statements).
func (c *checker) exprVoid(e ast.Expr, want Type) operand {
	if e == nil {
		return invalidOp
	}
	if !c.enter(e) {
		return invalidOp
	}
	defer c.leave()
	if v, ok := c.foldConst(e); ok {
		return c.constant(e, v, want)
	}
	x := c.exprInternal(e, want)
	if x.typ == nil {
		x = invalidOp
	}
	c.record(e, x.typeAndValue())
	return x
}

// constant gives an untyped constant its type from the context
// (types.md §12).
func (c *checker) constant(e ast.Expr, v value, want Type) operand {
	t := c.constType(e, v, want)
	if v.kind() == constant.Int && !IsUnsigned(t) && !IsFloat(t) {
		// An integer literal above the int64 range has the bits of
		// an int64; as a float it keeps its value.
		v = exactValue(toInt64(v.c))
	}
	c.recordFolded(e, t)
	x := operand{mode: Constant, typ: t, val: v}
	c.record(e, x.typeAndValue())
	return x
}

func (c *checker) constType(e ast.Expr, v value, want Type) Type {
	if tp, isParam := want.(*TypeParam); isParam {
		// In a generic body a number literal converts to a numeric T.
		if v.isNumber() && hasMarker(tp, "numeric") {
			return want
		}
		want = nil
	}
	switch v.kind() {
	case constant.Int:
		switch {
		case want != nil && (IsInteger(want) || basicKind(want) == Anyptr):
			if !fitsInt(v.c, want) {
				c.errorf(c.anchor(e), "literal '%s' out of range for type '%s'", v, shortType(want))
			}
			return want
		case want != nil && IsFloat(want):
			return want
		}
		return Typ[I64] // spelled i64 in messages, as the reference does
	case constant.Float:
		if want != nil && IsFloat(want) {
			return want
		}
		return Typ[F64]
	case constant.String:
		if want != nil && IsString(want) {
			return want
		}
		return Typ[String]
	case constant.Bool:
		if want != nil && IsBool(want) {
			return want
		}
		return Typ[Bool]
	}
	return Typ[Invalid]
}

func (c *checker) exprInternal(e ast.Expr, want Type) operand {
	switch e := e.(type) {
	case *ast.BadExpr:
		return invalidOp
	case *ast.Ident:
		return c.ident(e, want)
	case *ast.BasicLit:
		if e.Kind == lex.NULL {
			return operand{mode: Value, typ: Typ[Null]}
		}
		c.errorf(e.Pos(), "invalid literal %s", e.Value)
		return invalidOp
	case *ast.ParenExpr:
		x := c.exprVoid(e.X, want)
		if x.mode == Variable {
			x.mode = Value
		}
		return x
	case *ast.TupleExpr:
		return c.tupleLit(e, want)
	case *ast.VecLit:
		return c.vecLit(e, want)
	case *ast.RepeatLit:
		return c.repeatLit(e, want)
	case *ast.BraceLit:
		return c.braceLit(e, want)
	case *ast.StructLit:
		return c.structLit(e)
	case *ast.KeyValueExpr:
		c.errorf(e.Pos(), "unexpected key: value")
		return invalidOp
	case *ast.SelectorExpr:
		return c.selector(e, want)
	case *ast.IndexExpr:
		return c.index(e)
	case *ast.SliceExpr:
		return c.slice(e)
	case *ast.InstExpr:
		return c.instExpr(e)
	case *ast.CallExpr:
		return c.call(e, want)
	case *ast.UnaryExpr:
		return c.unary(e, want)
	case *ast.BinaryExpr:
		return c.binary(e, want)
	case *ast.AsExpr:
		return c.conversion(e)
	case *ast.IsExpr:
		return c.isExpr(e)
	case *ast.TernaryExpr:
		return c.ternary(e, want)
	case *ast.CatchExpr:
		return c.catchExpr(e, want)
	case *ast.FuncLit:
		return c.funcLit(e)
	case *ast.NewExpr:
		return c.newExpr(e)
	case *ast.MatchExpr:
		return c.match(e, want, false)
	case *ast.GoExpr:
		return c.goExpr(e.Call)
	case *ast.MacroExpr:
		return c.macro(e, want)
	case *ast.BindPattern:
		c.errorf(e.Pos(), "var tuple destr must var/tuple_destr")
		return invalidOp
	}
	// Type expressions used as values.
	c.errorf(e.Pos(), "type cannot be used as a value")
	return invalidOp
}

// ident resolves a name used as an expression.
func (c *checker) ident(e *ast.Ident, want Type) operand {
	obj := c.lookup(e.Name)
	if obj == nil {
		if t, ok := c.keywordType(e); ok {
			return operand{mode: TypeExpr, typ: t}
		}
		c.errorf(e.Pos(), "identifier '%s' undeclared ", e.Name)
		return invalidOp
	}
	c.use(e, obj)
	switch obj := obj.(type) {
	case *Var:
		c.useVar(obj, e.Pos())
		if obj.typ == nil {
			c.objDecl(obj)
		}
		if obj.Kind == GlobalVar && c.fn == nil {
			c.objDecl(obj)
		}
		return operand{mode: Variable, typ: nonNil(obj.typ)}
	case *Const:
		c.objDecl(obj)
		if obj.Val == nil {
			return invalidOp
		}
		return operand{mode: Constant, typ: nonNil(obj.typ), val: obj.value()}
	case *Func:
		c.objDecl(obj)
		sig := obj.Signature()
		if len(sig.TypeParams) > 0 {
			c.errorf(e.Pos(), "generics fn `%s` cannot be passed as ident", obj.name)
			return invalidOp
		}
		return operand{mode: Value, typ: sig}
	case *TypeName:
		c.objDecl(obj)
		return operand{mode: TypeExpr, typ: nonNil(obj.typ)}
	case *Builtin:
		return operand{mode: BuiltinFn, typ: obj.typ}
	case *PkgName:
		return operand{mode: PkgExpr, typ: Typ[Invalid]}
	case *badImport:
		c.errorf(e.Pos(), "%s", obj.Msg)
	}
	return invalidOp
}

// keywordType handles vec, map, set, ... used bare in an expression.
func (c *checker) keywordType(e *ast.Ident) (Type, bool) {
	switch e.Name {
	case "vec", "map", "set", "chan", "tup", "ptr", "ref":
		return Typ[Invalid], true
	}
	return nil, false
}

func nonNil(t Type) Type {
	if t == nil {
		return Typ[Invalid]
	}
	return t
}

// useVar records that the current function uses v at pos; a local of
// an enclosing function becomes a capture of every closure in between
// (semantics.md §5).
func (c *checker) useVar(v *Var, pos lex.Pos) {
	if c.fn == nil || v.Func == nil || v.Func == c.fn.obj {
		return
	}
	v.Captured = true
	for f := c.fn; f != nil && f.obj != v.Func; f = f.outer {
		if first, ok := f.captured[v]; !ok || pos < first {
			if !ok {
				f.obj.Captures = append(f.obj.Captures, v)
			}
			if f.captured == nil {
				f.captured = map[*Var]lex.Pos{}
			}
			f.captured[v] = pos
		}
	}
}

// sortCaptures puts the captures of the closure being checked in order
// of first use in the source (the checker does not visit every
// expression in source order: for a in lo..hi checks hi first).
func (c *checker) sortCaptures() {
	f := c.fn
	sort.SliceStable(f.obj.Captures, func(i, j int) bool {
		return f.captured[f.obj.Captures[i]] < f.captured[f.obj.Captures[j]]
	})
}

func (c *checker) unary(e *ast.UnaryExpr, want Type) operand {
	switch e.Op {
	case lex.SUB, lex.TILDE:
		x := c.expr(e.X, want)
		if isInvalid(x.typ) {
			return invalidOp
		}
		if tp, ok := x.typ.(*TypeParam); ok {
			c.needConstraint(c.last(e.X), tp, e.Op.String(), "numeric")
			return valueOf(x.typ)
		}
		switch {
		case e.Op == lex.SUB && !IsNumeric(x.typ):
			c.errorf(c.last(e.X), "neg(-) must use in number\uff0cactual '%s'", longType(x.typ))
			return invalidOp
		case e.Op == lex.TILDE && !IsInteger(x.typ):
			c.errorf(c.last(e.X), "unary operator '~' only integer operand")
			return invalidOp
		}
		return valueOf(x.typ)
	case lex.NOT:
		x := c.expr(e.X, Typ[Bool])
		if isInvalid(x.typ) {
			return invalidOp
		}
		if tp, ok := x.typ.(*TypeParam); ok {
			c.errorf(c.last(e.X), "generic param '%s' cannot be used as bool value", tp.Obj.name)
			return valueOf(Typ[Bool])
		}
		if !IsBool(x.typ) {
			c.errorf(c.last(e.X), "type inconsistency, expect=bool, actual=%s", longType(x.typ))
		}
		return valueOf(x.typ)
	case lex.AND:
		var elemWant Type
		if want != nil {
			if p, ok := want.Underlying().(*Pointer); ok {
				elemWant = p.Elem
			}
		}
		x := c.expr(e.X, elemWant)
		if isInvalid(x.typ) {
			return invalidOp
		}
		if x.mode != Variable && !c.addressableValue(e.X, x.mode) {
			c.errorf(c.last(e.X), "cannot load address of an literal or call")
			return invalidOp
		}
		if v := c.rootVar(e.X); v != nil {
			v.AddrTaken = true
		}
		return valueOf(&Pointer{Kind: Ptr, Elem: x.typ})
	case lex.MUL:
		x := c.expr(e.X, nil)
		if isInvalid(x.typ) {
			return invalidOp
		}
		p, ok := x.typ.Underlying().(*Pointer)
		if !ok {
			c.errorf(c.last(e.X), "cannot dereference non-pointer type '%s'", longType(x.typ))
			return invalidOp
		}
		return operand{mode: Variable, typ: p.Elem}
	}
	c.errorf(e.Pos(), "unknown unary operator '%s'", e.Op)
	return invalidOp
}

// addressableValue reports whether &e of a value that is not a variable
// is allowed, as the reference allows it: anything but a literal (a
// constant expression it folds: 5, -5, C + 1, 'a' + 'b') or a call. The
// value is stored in a fresh temporary whose address & takes (linear.md,
// "Addresses").
func (c *checker) addressableValue(e ast.Expr, mode Mode) bool {
	if mode != Value && mode != Constant {
		return false
	}
	switch ast.Unparen(e).(type) {
	case *ast.CallExpr, *ast.BasicLit:
		return false
	}
	_, folded := c.foldConst(e)
	return !folded
}

// rootVar returns the variable an addressable expression is rooted in
// (x in x.f[i]), if any.
func (c *checker) rootVar(e ast.Expr) *Var {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			v, _ := c.info.Uses.At(x).(*Var)
			return v
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			if sel := c.info.Selections[x]; sel != nil && sel.Indirect {
				return nil
			}
			e = x.X
		case *ast.IndexExpr:
			t := c.info.TypeOf(x.X)
			if t == nil {
				return nil
			}
			switch t.Underlying().(type) {
			case *Array, *Tuple:
				e = x.X
			default:
				return nil
			}
		default:
			return nil
		}
	}
}

// binary checks X op Y. The expected type flows to the left operand of
// arithmetic operators only, and the left operand's type flows to the
// right operand (types.md §12).
func (c *checker) binary(e *ast.BinaryExpr, want Type) operand {
	switch e.Op {
	case lex.LAND, lex.LOR:
		x := c.expr(e.X, Typ[Bool])
		y := c.expr(e.Y, Typ[Bool])
		if isInvalid(x.typ) || isInvalid(y.typ) {
			return valueOf(Typ[Bool])
		}
		if !IsBool(x.typ) || !IsBool(y.typ) {
			c.errorf(c.last(e), "binary operator '%s' only bool operand", e.Op)
		}
		return valueOf(Typ[Bool])
	case lex.EQL, lex.NEQ, lex.LSS, lex.LEQ, lex.GTR, lex.GEQ:
		return c.comparison(e)
	}
	var xwant Type
	if want != nil && !isUnionLike(want) {
		xwant = want
	}
	var x, y operand
	if xwant == nil && c.isNumberLiteral(e.X) && !c.isNumberLiteral(e.Y) {
		// A literal on the left takes the right operand's type
		// (spec/README.md decision; the reference types it int). Two
		// literals that did not fold (1 << 2.0) are typed as the
		// reference types them: the left one by itself.
		y = c.expr(e.Y, nil)
		x = c.expr(e.X, literalWant(y.typ))
	} else {
		x = c.expr(e.X, xwant)
		if xwant != nil && !isInvalid(x.typ) && !isInvalid(xwant) && !c.assignable(x.typ, xwant) {
			// The expected type is checked on the left operand, which
			// is where the reference reports a mismatch (int x = s + s).
			c.errorf(c.last(e.X), "type inconsistency, expect=%s, actual=%s", longType(xwant), longType(x.typ))
			c.expr(e.Y, x.typ)
			return invalidOp
		}
		y = c.expr(e.Y, x.typ)
	}
	if isInvalid(x.typ) || isInvalid(y.typ) {
		return invalidOp
	}
	if tp, ok := x.typ.(*TypeParam); ok {
		need := "numeric"
		if e.Op == lex.ADD {
			need = "addable"
		}
		c.needConstraint(c.last(e), tp, e.Op.String(), need)
		if !Identical(x.typ, y.typ) {
			c.errorf(c.last(e.Y), "type inconsistency, expect=%s, actual=%s", longType(x.typ), longType(y.typ))
		}
		return valueOf(x.typ)
	}
	if !Identical(x.typ, y.typ) {
		if isUnionLike(x.typ) && c.assignable(y.typ, x.typ) {
			// y was accepted as an x but the operands still differ.
			c.errorf(c.last(e), "binary type inconsistency, left is '%s', right is '%s'", shortType(x.typ), shortType(y.typ))
			return invalidOp
		}
		c.errorf(c.last(e.Y), "type inconsistency, expect=%s, actual=%s", longType(x.typ), longType(y.typ))
		return invalidOp
	}
	if isUnionLike(x.typ) {
		c.errorf(c.last(e), "binary operator '%s' only support number operand, actual '%s %s %s'", e.Op, shortType(x.typ), e.Op, shortType(y.typ))
		return invalidOp
	}
	switch {
	case basicKind(x.typ) == Anyptr:
		// An anyptr is a machine word: the reference does arithmetic on
		// it as on a u64 (pointer offsets, a + 5 as anyptr).
		return valueOf(x.typ)
	}
	switch e.Op {
	case lex.ADD:
		if !IsNumeric(x.typ) && !IsString(x.typ) {
			c.errorf(c.last(e), "binary operator '+' only support number operand, actual '%s + %s'", shortType(x.typ), shortType(y.typ))
			return invalidOp
		}
	case lex.SUB, lex.MUL, lex.QUO:
		if !IsNumeric(x.typ) {
			c.errorf(c.last(e), "binary operator '%s' only support number operand, actual '%s %s %s'", e.Op, shortType(x.typ), e.Op, shortType(y.typ))
			return invalidOp
		}
	default: // % & | ^ << >>
		if !IsInteger(x.typ) {
			c.errorf(c.last(e), "binary operator '%s' only integer operand", e.Op)
			return invalidOp
		}
	}
	return valueOf(x.typ)
}

// isUnionLike reports whether values of t are boxed (unions, nullables,
// any, interfaces): arithmetic does not work on them.
func isUnionLike(t Type) bool {
	switch u := t.Underlying().(type) {
	case *Union, *Interface:
		return true
	case *Basic:
		return u.Kind == Any
	}
	return false
}

// isNumberLiteral reports whether e is a number constant made of
// literals and untyped constants, whose type comes from its context.
func (c *checker) isNumberLiteral(e ast.Expr) bool {
	v, ok := c.foldConst(e)
	return ok && v.isNumber()
}

// literalWant is the type a number literal on the left of a binary
// operator takes from the right operand's type t: t itself when a number
// can have it, else nil (the literal's default type).
func literalWant(t Type) Type {
	if _, ok := t.(*TypeParam); ok || IsNumeric(t) && !isUntyped(t) {
		return t
	}
	return nil
}

func (c *checker) comparison(e *ast.BinaryExpr) operand {
	var x, y operand
	if c.isNumberLiteral(e.X) && !c.isNumberLiteral(e.Y) {
		// As in binary: the literal takes the other operand's type.
		y = c.expr(e.Y, nil)
		x = c.expr(e.X, literalWant(y.typ))
	} else {
		x = c.expr(e.X, nil)
		var ywant Type = x.typ
		if isInvalid(x.typ) {
			ywant = nil
		}
		y = c.expr(e.Y, ywant)
	}
	res := valueOf(Typ[Bool])
	if isInvalid(x.typ) || isInvalid(y.typ) {
		return res
	}
	if tp, ok := x.typ.(*TypeParam); ok {
		need := "comparable"
		if e.Op == lex.EQL || e.Op == lex.NEQ {
			need = "equatable"
		}
		c.needConstraint(c.last(e), tp, e.Op.String(), need)
		return res
	}
	if Identical(x.typ, y.typ) {
		switch x.typ.Underlying().(type) {
		case *Union:
			c.errorf(c.last(e), "binary type inconsistency, left is '%s', right is '%s'", shortType(x.typ), shortType(y.typ))
		case *TaggedUnion, *Array:
			// The reference's compiler crashes on these (spec/README.md:
			// a compile error naming the type instead).
			c.errorf(c.last(e), "binary operator '%s' cannot compare type '%s'", e.Op, longType(x.typ))
		}
		return res
	}
	// Pointers compare with null; anyptr compares with integers and null.
	if basicKind(y.typ) == Null {
		switch x.typ.Underlying().(type) {
		case *Pointer, *Signature, *Chan:
			return res
		}
		if basicKind(x.typ) == Anyptr {
			return res
		}
	}
	if basicKind(x.typ) == Anyptr && IsInteger(y.typ) {
		return res
	}
	if isUnionLike(x.typ) || basicKind(y.typ) == Null {
		c.errorf(c.last(e), "binary type inconsistency, left is '%s', right is '%s'", shortType(x.typ), shortType(y.typ))
		return res
	}
	c.errorf(c.last(e.Y), "type inconsistency, expect=%s, actual=%s", longType(x.typ), longType(y.typ))
	return res
}

// needConstraint checks that a type parameter's constraints unlock an
// operator (types.md §6.3).
func (c *checker) needConstraint(pos lex.Pos, tp *TypeParam, op, need string) {
	if hasMarker(tp, need) {
		return
	}
	c.errorf(pos, "generic param '%s' cannot use operator '%s' without '%s' constraint", tp.Obj.name, op, need)
}

func hasMarker(tp *TypeParam, need string) bool {
	for _, ct := range tp.Constraints {
		it, ok := ct.Underlying().(*Interface)
		if !ok {
			continue
		}
		switch it.Marker {
		case need:
			return true
		case "numeric":
			// numeric implies the other three; comparable and addable
			// do not unlock == (types.md §6.3, as the reference).
			if need == "addable" || need == "comparable" || need == "equatable" {
				return true
			}
		}
	}
	return false
}

func (c *checker) ternary(e *ast.TernaryExpr, want Type) operand {
	cond := c.expr(e.Cond, Typ[Bool])
	if !isInvalid(cond.typ) && !IsBool(cond.typ) {
		switch cond.typ.Underlying().(type) {
		case *Pointer, *Union:
		default:
			c.errorf(c.last(e.Cond), "ternary condition must be bool or nullable/pointer type, got '%s'", longType(cond.typ))
		}
	}
	x := c.expr(e.Then, want)
	t := x.typ
	if want != nil && !isInvalid(want) {
		c.assignOperand(e.Then, x, want)
		t = want
	}
	y := c.expr(e.Else, t)
	c.assignOperand(e.Else, y, t)
	return valueOf(t)
}

func (c *checker) isExpr(e *ast.IsExpr) operand {
	if e.X == nil {
		c.errorf(e.Pos(), "is type must be specified in the match expression")
		return invalidOp
	}
	x := c.expr(e.X, nil)
	t := c.isTarget(e, x.typ, c.last(e.X))
	c.bindIs(e, t, c.last(e.X))
	return valueOf(Typ[Bool])
}

// isTarget checks the type of an is test against the subject type and
// returns the type a binding gets; pos is the anchor of its errors (the
// subject, or the node checked before a match pattern).
func (c *checker) isTarget(e *ast.IsExpr, subject Type, pos lex.Pos) Type {
	if isInvalid(subject) {
		c.typOrVariant(e.Type, nil, nil, pos)
		return Typ[Invalid]
	}
	if tu, ok := subject.Underlying().(*TaggedUnion); ok {
		v := c.typOrVariant(e.Type, tu, subject, pos)
		if v == nil {
			return Typ[Invalid]
		}
		return v.Payload
	}
	t := c.typ(e.Type)
	switch u := subject.Underlying().(type) {
	case *Union:
		if !isInvalid(t) && !containsType(u.Terms, t) {
			c.errorf(pos, "type '%s' not contains in union type", longType(t))
		}
		return t
	case *Interface:
		return t
	case *Basic:
		if u.Kind == Any {
			return t
		}
	}
	c.errorf(pos, "%s cannot use 'is' operator", longType(subject))
	return t
}

// typOrVariant resolves the pattern of is Type.tag against a tagged
// union.
func (c *checker) typOrVariant(e ast.Expr, tu *TaggedUnion, subject Type, pos lex.Pos) *Variant {
	sel, ok := e.(*ast.SelectorExpr)
	if tu == nil || !ok {
		if tu != nil {
			c.errorf(pos, "tagged union match is not match")
		}
		c.typ(e)
		return nil
	}
	if c.bareGeneric(sel.X, subject) == nil {
		c.typ(sel.X)
	}
	v := tu.Variant(sel.Sel.Name)
	if v == nil {
		c.errorf(pos, "enum '%s' has no variant '%s'", shortType(subject), sel.Sel.Name)
		return nil
	}
	c.info.Selections[sel] = &Selection{Kind: VariantSel, Variant: v}
	return v
}

// bindIs declares the binding of x is T name in the pending condition
// bindings, or destructures a tuple payload.
func (c *checker) bindIs(e *ast.IsExpr, t Type, pos lex.Pos) {
	c.isCount++
	switch b := e.Bind.(type) {
	case *ast.Ident:
		c.binds = append(c.binds, condBind{b, c.newLocal(b, t)})
	case *ast.BindPattern:
		c.bindTuple(b, t, pos, func(id *ast.Ident, et Type) {
			c.binds = append(c.binds, condBind{id, c.newLocal(id, et)})
		})
	}
}

func (c *checker) catchExpr(e *ast.CatchExpr, want Type) operand {
	if c.fn != nil {
		c.fn.catching++
	}
	x := c.exprVoid(e.X, want)
	if c.fn != nil {
		c.fn.catching--
	}
	c.openScope(e)
	c.errVar(e, e.Err)
	list := e.Body.List
	// The body's last expression is the value even where the value is
	// dropped (f(x) catch e { println(e.msg()) } with an int f is an
	// error), as the reference checks it.
	if !IsVoid(x.typ) && len(list) > 0 {
		if last, ok := list[len(list)-1].(*ast.ExprStmt); ok {
			c.stmtList(list[:len(list)-1])
			y := c.expr(last.X, x.typ)
			c.assignOperand(last.X, y, x.typ)
			c.closeScope()
			c.record(e, TypeAndValue{Mode: Value, Type: x.typ})
			return valueOf(x.typ)
		}
	}
	c.stmtList(list)
	c.closeScope()
	if x.mode == Variable {
		x.mode = Value
	}
	c.record(e, TypeAndValue{Mode: x.mode, Type: x.typ})
	return x
}

// funcLit checks a closure literal with its enclosing function (its
// captures are found while its body is checked).
func (c *checker) funcLit(e *ast.FuncLit) operand {
	sig := c.signature(e.Type, nil, nil)
	// Closures are numbered lambda_<n> by a per-module counter shared
	// with local names (parameters, variables, constants), as the
	// reference names them in messages.
	f := &Func{object: object{name: "lambda_" + itoa(c.locals), typ: sig, pos: e.Pos(), pkg: c.pkg}, Lit: e}
	c.locals++
	if c.fn != nil {
		f.Outer = c.fn.obj
	}
	c.info.FuncLits[e] = f
	c.info.Implicits[e] = f
	saved, savedAfter := c.save(), c.errs.after
	// The reference type-checks a closure's body after the whole
	// enclosing function: its type errors sort after the function's.
	for o := c.fn; o != nil; o = o.outer {
		if o.obj.Decl != nil && o.obj.Decl.Body != nil {
			c.errs.after = o.obj.Decl.Body.Rbrace
		}
	}
	c.errs.depth++
	c.funcBody(f, e.Type, e.Body)
	c.errs.depth--
	c.restore(saved)
	c.errs.after = savedAfter
	return valueOf(sig)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

func (c *checker) newExpr(e *ast.NewExpr) operand {
	t := c.typ(e.Type)
	if isInvalid(t) {
		for _, a := range e.Args {
			c.expr(a, nil)
		}
		return invalidOp
	}
	ref := &Pointer{Kind: Ref, Elem: t}
	if st, ok := t.Underlying().(*Struct); ok {
		var fields []*ast.KeyValueExpr
		for _, a := range e.Args {
			switch a := a.(type) {
			case *ast.KeyValueExpr:
				fields = append(fields, a)
			case *ast.Ident:
				fields = append(fields, &ast.KeyValueExpr{Key: a, Value: a})
			default:
				c.errorf(a.Pos(), "new struct argument must be name = value")
				c.expr(a, nil)
			}
		}
		c.structFields(st, fields, e.Pos())
		return valueOf(ref)
	}
	switch t.Underlying().(type) {
	case *Pointer, *Signature, *Chan:
		c.errorf(e.Pos(), "'new' operator can only be used with scalar types")
		return invalidOp
	}
	if len(e.Args) > 1 {
		c.errorf(e.Pos(), "too many args")
	}
	if len(e.Args) == 1 {
		c.checkValue(e.Args[0], t)
	}
	return valueOf(ref)
}

func (c *checker) goExpr(call ast.Expr) operand {
	if c.fn != nil {
		// An error of the coroutine is delivered by await.
		c.fn.catching++
		defer func() { c.fn.catching-- }()
	}
	x := c.exprVoid(call, nil)
	if _, ok := call.(*ast.CallExpr); !ok {
		c.errorf(call.Pos(), "go expr must be call")
	}
	r := x.typ
	if isInvalid(r) {
		return invalidOp
	}
	return valueOf(&Pointer{Kind: Ref, Elem: &Future{Result: r}})
}

func (c *checker) macro(e *ast.MacroExpr, want Type) operand {
	switch e.Name {
	case "sizeof", "reflect_hash":
		if len(e.Args) != 1 {
			c.errorf(e.Pos(), "macro '%s' needs one type argument", e.Name)
			return valueOf(Int)
		}
		c.typ(e.Args[0])
		return valueOf(Int)
	case "default":
		if len(e.Args) != 1 {
			c.errorf(e.Pos(), "macro '%s' needs one type argument", e.Name)
			return invalidOp
		}
		return valueOf(c.typ(e.Args[0]))
	case "async":
		if len(e.Args) < 1 {
			c.errorf(e.Pos(), "@async first arg must be call")
			return invalidOp
		}
		for _, a := range e.Args[1:] {
			c.expr(a, Int)
		}
		return c.goExpr(e.Args[0])
	}
	c.errorf(e.Pos(), "macro '%s' not defined", e.Name)
	return invalidOp
}
