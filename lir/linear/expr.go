package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// Expressions come in three flavours:
//
//	expr    the value of e in e's own type
//	value   the value after the implicit conversion sema recorded for e
//	        (boxing into any or a union, null into T?)
//	rvalue  a value that is about to be stored somewhere new: a struct
//	        or tuple read from a location is copied, which is what gives
//	        them value semantics

// typeOf returns the type sema recorded for e (instantiated in a generic
// instance).
func (fb *funcBuilder) typeOf(e ast.Expr) sema.Type {
	if tv, ok := fb.m.info.Types.Lookup(e); ok && tv.Type != nil {
		return fb.subst(tv.Type)
	}
	if t := fb.m.info.TypeOf(e); t != nil {
		return fb.subst(t)
	}
	fb.unsupported(e, "an expression without a recorded type")
	return nil
}

// valueType returns the type of e after its implicit conversion.
func (fb *funcBuilder) valueType(e ast.Expr) sema.Type {
	if t := fb.m.info.Implicit[e]; t != nil {
		return fb.subst(t)
	}
	return fb.typeOf(e)
}

// value returns e converted as sema recorded.
func (fb *funcBuilder) value(e ast.Expr) lir.Operand {
	v := fb.expr(e)
	if to := fb.m.info.Implicit[e]; to != nil {
		v = fb.implicit(e, v, fb.typeOf(e), fb.subst(to))
	}
	return v
}

// valueAs returns e as a value of type want: boxing that sema left
// implicit is done here too.
func (fb *funcBuilder) valueAs(e ast.Expr, want sema.Type) lir.Operand {
	v := fb.value(e)
	if want != nil {
		v = fb.implicit(e, v, fb.valueType(e), want)
	}
	return v
}

// rvalue returns e as a value of type want (nil: e's own) to be stored in
// a new place.
func (fb *funcBuilder) rvalue(e ast.Expr) lir.Operand { return fb.rvalueAs(e, nil) }

func (fb *funcBuilder) rvalueAs(e ast.Expr, want sema.Type) lir.Operand {
	v := fb.valueAs(e, want)
	// Boxing into want (any, a union, an interface) copied already.
	if t := fb.valueType(e); isAggregate(t) && isLocation(e) && (want == nil || isAggregate(want)) {
		v = fb.copyValue(v, t)
	}
	return v
}

// isLocation reports whether e reads a variable, field, element or
// pointer target rather than making a fresh value.
func isLocation(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return isLocation(e.X)
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr:
		return true
	case *ast.UnaryExpr:
		return e.Op == lex.MUL
	}
	return false
}

// expr lowers e. Its instructions carry e's source position (srcpos.go).
func (fb *funcBuilder) expr(e ast.Expr) lir.Operand {
	defer fb.leavePos(fb.enterPos(e))
	// Constants, named ones and enum members included, are recorded
	// with their values.
	if tv, ok := fb.m.info.Types.Lookup(e); ok && tv.Mode == sema.Constant && tv.Value != nil {
		tv.Type = fb.subst(tv.Type) // T acc = 0 in a generic body
		return fb.constant(tv)
	}
	switch e := e.(type) {
	case *ast.ParenExpr:
		return fb.expr(e.X)
	case *ast.BasicLit:
		if e.Kind == lex.NULL {
			return lir.Int(lir.Ptr, 0)
		}
	case *ast.Ident:
		return fb.ident(e)
	case *ast.BinaryExpr:
		return fb.binary(e)
	case *ast.UnaryExpr:
		return fb.unary(e)
	case *ast.CallExpr:
		return fb.call(e)
	case *ast.IndexExpr:
		return fb.index(e)
	case *ast.SliceExpr:
		return fb.slice(e)
	case *ast.SelectorExpr:
		return fb.selector(e)
	case *ast.AsExpr:
		return fb.as(e)
	case *ast.TernaryExpr:
		return fb.ternary(e)
	case *ast.VecLit:
		return fb.vecLit(e)
	case *ast.RepeatLit:
		return fb.repeatLit(e)
	case *ast.BraceLit:
		return fb.braceLit(e)
	case *ast.TupleExpr:
		return fb.tupleLit(e)
	case *ast.StructLit:
		return fb.structLit(e)
	case *ast.NewExpr:
		return fb.newExpr(e)
	case *ast.FuncLit:
		return fb.closure(e)
	case *ast.MacroExpr:
		return fb.macro(e)
	case *ast.MatchExpr:
		return fb.match(e)
	case *ast.CatchExpr:
		return fb.catchExpr(e, false) // errors.go
	case *ast.GoExpr:
		return fb.goExpr(e) // coroutine.go
	case *ast.IsExpr:
		if e.X != nil {
			return fb.isExpr(e)
		}
	}
	fb.unsupported(e, describe(e))
	return lir.Operand{}
}

// describe names the construct e, which value does not lower, for an
// error message.
func describe(e ast.Node) string {
	switch e := e.(type) {
	case *ast.IsExpr:
		return "is"
	case *ast.MacroExpr:
		return "@" + e.Name
	case *ast.InstExpr:
		return "a generic instance"
	}
	return "this expression"
}

// ident lowers a name used as a value.
func (fb *funcBuilder) ident(e *ast.Ident) lir.Operand {
	switch obj := fb.m.info.ObjectOf(e).(type) {
	case *sema.Var:
		return fb.loadVar(e, obj)
	case *sema.Func:
		return fb.fnValue(e, obj)
	}
	fb.unsupported(e, "the name "+e.Name+" as a value")
	return lir.Operand{}
}

// binary lowers x op y.
func (fb *funcBuilder) binary(e *ast.BinaryExpr) lir.Operand {
	switch e.Op {
	case lex.LAND, lex.LOR:
		return fb.logical(e)
	case lex.EQL, lex.NEQ, lex.LSS, lex.LEQ, lex.GTR, lex.GEQ:
		t := fb.valueType(e.X)
		if isBoxed(t) || isAggregate(t) {
			fb.unsupported(e, "comparing values of type "+t.String())
		}
		x := fb.value(e.X)
		y := fb.valueAs(e.Y, t)
		return fb.compare(e.Op, x, y, t)
	}
	t := fb.typeOf(e)
	x := fb.value(e.X)
	y := fb.value(e.Y)
	return fb.arith(e, e.Op, x, y, t)
}

// arith computes x op y for operands of type t with the spec's
// wrap-around integer semantics.
func (fb *funcBuilder) arith(n ast.Node, op lex.Token, x, y lir.Operand, t sema.Type) lir.Operand {
	lt := lirType(t)
	switch {
	case sema.IsString(t):
		if op != lex.ADD {
			break
		}
		return fb.rtcall(lir.Ptr, "StringConcat", x, y)
	case lt.IsFloat():
		fop := binaryOp(op, true)
		if fop == lir.OpInvalid {
			break
		}
		return fb.b.Binary(fop, x, y)
	case lt.IsInt():
		signed := isSigned(t)
		switch op {
		case lex.QUO, lex.REM:
			return fb.divide(op, x, y, signed)
		case lex.SHL, lex.SHR:
			return fb.shift(op, x, y, lt, signed)
		}
		iop := binaryOp(op, false)
		if iop == lir.OpInvalid {
			fb.unsupported(n, "operator "+op.String())
		}
		return fb.b.Binary(iop, withType(x, lt), withType(y, lt))
	}
	fb.unsupported(n, "operator "+op.String()+" on "+t.String())
	return lir.Operand{}
}

// shift computes x << y or x >> y for integer operands of type lt.
// 32- and 64-bit operands take the count modulo their width, as LIR's
// shifts do. Narrower ones shift as the reference compiler's do: in a
// 32-bit register (zero- or sign-extended), the count modulo 32, the
// result truncated — so a u8 29 << 9 is 0 and an i8 -100 >> 9 is -1,
// where a count modulo 8 would give 58 and -50.
func (fb *funcBuilder) shift(op lex.Token, x, y lir.Operand, lt lir.Type, signed bool) lir.Operand {
	sop := lir.OpShl
	switch {
	case op == lex.SHR && signed:
		sop = lir.OpAShr
	case op == lex.SHR:
		sop = lir.OpLShr
	}
	if lt.Size() >= lir.I32.Size() {
		return fb.b.Binary(sop, x, fb.resize(y, lt, false))
	}
	wide := fb.b.Binary(sop, fb.resize(x, lir.I32, signed), fb.resize(y, lir.I32, false))
	return fb.resize(wide, lt, signed)
}

// binaryOp returns the LIR instruction of an arithmetic operator on
// floats or integers that is one instruction (+ - * on both, / on
// floats, & | ^ on integers), or OpInvalid.
func binaryOp(op lex.Token, float bool) lir.Op {
	for _, o := range [...]struct {
		tok        lex.Token
		int, float lir.Op
	}{
		{lex.ADD, lir.OpAdd, lir.OpFAdd},
		{lex.SUB, lir.OpSub, lir.OpFSub},
		{lex.MUL, lir.OpMul, lir.OpFMul},
		{lex.QUO, lir.OpInvalid, lir.OpFDiv},
		{lex.AND, lir.OpAnd, lir.OpInvalid},
		{lex.OR, lir.OpOr, lir.OpInvalid},
		{lex.XOR, lir.OpXor, lir.OpInvalid},
	} {
		if o.tok == op && float {
			return o.float
		}
		if o.tok == op {
			return o.int
		}
	}
	return lir.OpInvalid
}

// divide lowers / and %. Narrow integers are divided as 64-bit values and
// truncated, so i8 -128 / -1 wraps to -128 as the spec says instead of
// trapping; a zero divisor still traps (SIGFPE) like the reference.
func (fb *funcBuilder) divide(op lex.Token, x, y lir.Operand, signed bool) lir.Operand {
	t := x.Type
	var dop lir.Op
	switch {
	case op == lex.QUO && signed:
		dop = lir.OpSDiv
	case op == lex.QUO:
		dop = lir.OpUDiv
	case signed:
		dop = lir.OpSRem
	default:
		dop = lir.OpURem
	}
	if t == lir.I64 || t == lir.Ptr {
		return fb.b.Binary(dop, x, y)
	}
	wx, wy := fb.resize(x, lir.I64, signed), fb.resize(y, lir.I64, signed)
	return fb.resize(fb.b.Binary(dop, wx, wy), t, signed)
}

// resize converts integer x to integer type t: truncation, or sign or
// zero extension.
func (fb *funcBuilder) resize(x lir.Operand, t lir.Type, signed bool) lir.Operand {
	switch {
	case x.Type.Size() == t.Size():
		if x.Type != t {
			return fb.b.Convert(lir.OpBitcast, t, x)
		}
		return x
	case x.Kind == lir.IntOperand:
		return lir.Int(t, truncInt(truncInt(x.Imm, x.Type, signed), t, signed))
	case x.Type.Size() > t.Size():
		return fb.b.Convert(lir.OpTrunc, t, x)
	case signed:
		return fb.b.Convert(lir.OpSExt, t, x)
	}
	return fb.b.Convert(lir.OpZExt, t, x)
}

// truncInt returns the constant n as a value of integer type t.
func truncInt(n int64, t lir.Type, signed bool) int64 {
	if signed {
		return lir.SignExtend(t, uint64(n))
	}
	return int64(lir.Truncate(t, uint64(n)))
}

// compare lowers a comparison of x and y, both of type t.
func (fb *funcBuilder) compare(op lex.Token, x, y lir.Operand, t sema.Type) lir.Operand {
	if sema.IsString(t) {
		if op == lex.EQL || op == lex.NEQ {
			x = fb.stringEqualCmp(x, y) // access.go
		} else {
			x = fb.rtcall(lir.I64, "StringCompare", x, y)
		}
		y = lir.Int(lir.I64, 0)
		t = sema.Typ[sema.I64]
	}
	var cop lir.Op
	if lirType(t).IsFloat() {
		cop = map[lex.Token]lir.Op{lex.EQL: lir.OpFEq, lex.NEQ: lir.OpFNe, lex.LSS: lir.OpFLt,
			lex.LEQ: lir.OpFLe, lex.GTR: lir.OpFGt, lex.GEQ: lir.OpFGe}[op]
	} else if isSigned(t) {
		cop = map[lex.Token]lir.Op{lex.EQL: lir.OpEq, lex.NEQ: lir.OpNe, lex.LSS: lir.OpSLt,
			lex.LEQ: lir.OpSLe, lex.GTR: lir.OpSGt, lex.GEQ: lir.OpSGe}[op]
	} else {
		cop = map[lex.Token]lir.Op{lex.EQL: lir.OpEq, lex.NEQ: lir.OpNe, lex.LSS: lir.OpULt,
			lex.LEQ: lir.OpULe, lex.GTR: lir.OpUGt, lex.GEQ: lir.OpUGe}[op]
	}
	if x.Kind != lir.RegOperand && y.Kind == lir.RegOperand {
		x = withType(x, y.Type)
	}
	return fb.b.Compare(cop, x, withType(y, x.Type))
}

// logical lowers && and || with short-circuit evaluation.
func (fb *funcBuilder) logical(e *ast.BinaryExpr) lir.Operand {
	r := fb.temp(lir.I8)
	fb.b.Assign(r, fb.value(e.X))
	rhs, done := fb.newLabel("rhs"), fb.newLabel("done")
	if e.Op == lex.LAND {
		fb.branch(fb.f.Reg(r), rhs, done)
	} else {
		fb.branch(fb.f.Reg(r), done, rhs)
	}
	fb.label(rhs)
	fb.b.Assign(r, fb.value(e.Y))
	fb.label(done)
	return fb.f.Reg(r)
}

// unary lowers -x, !x, ~x, *p and &x.
func (fb *funcBuilder) unary(e *ast.UnaryExpr) lir.Operand {
	switch e.Op {
	case lex.SUB:
		x := fb.value(e.X)
		if x.Type.IsFloat() {
			return fb.b.Unary(lir.OpFNeg, x)
		}
		return fb.b.Unary(lir.OpNeg, x)
	case lex.NOT:
		return fb.b.Binary(lir.OpXor, fb.value(e.X), lir.Int(lir.I8, 1))
	case lex.TILDE:
		return fb.b.Unary(lir.OpNot, fb.value(e.X))
	case lex.MUL:
		p := fb.value(e.X)
		elem := pointerElem(fb.typeOf(e.X))
		if elem == nil || isAggregate(elem) {
			return p // a pointer to a struct is the struct's object
		}
		return fb.b.Load(lirType(elem), p, 0)
	case lex.AND:
		return fb.addrOf(e.X)
	}
	fb.unsupported(e, "operator "+e.Op.String())
	return lir.Operand{}
}

// pointerElem returns T of ptr<T> or ref<T>, or nil.
func pointerElem(t sema.Type) sema.Type {
	if p, ok := t.Underlying().(*sema.Pointer); ok {
		return p.Elem
	}
	return nil
}

// ternary lowers c ? a : b, evaluating only the chosen branch.
func (fb *funcBuilder) ternary(e *ast.TernaryExpr) lir.Operand {
	t := fb.typeOf(e)
	r := fb.temp(lirType(t))
	then, els, done := fb.newLabel("then"), fb.newLabel("else"), fb.newLabel("done")
	fb.branch(fb.value(e.Cond), then, els)
	fb.label(then)
	fb.b.Assign(r, fb.rvalueAs(e.Then, t))
	fb.jump(done)
	fb.label(els)
	fb.b.Assign(r, fb.rvalueAs(e.Else, t))
	fb.label(done)
	return fb.f.Reg(r)
}

// selector lowers x.name used as a value.
func (fb *funcBuilder) selector(e *ast.SelectorExpr) lir.Operand {
	sel := fb.m.info.Selections[e]
	if sel == nil {
		fb.unsupported(e, "this selector")
	}
	switch sel.Kind {
	case sema.FieldSel:
		obj, l, i := fb.field(e, sel)
		return fb.b.Load(l.ts[i], obj, l.offs[i])
	case sema.VariantSel:
		return fb.variantSelector(e, sel)
	case sema.ModuleSel:
		switch obj := sel.Obj.(type) {
		case *sema.Var:
			return fb.loadVar(e, obj)
		case *sema.Func:
			return fb.fnValue(e, obj)
		}
	}
	fb.unsupported(e, "a "+sel.Kind.String()+" selector as a value")
	return lir.Operand{}
}

// field returns the object a field selection reads from, its layout and
// the field's index.
func (fb *funcBuilder) field(e *ast.SelectorExpr, sel *sema.Selection) (lir.Operand, *layout, int) {
	v, ok := sel.Obj.(*sema.Var)
	if !ok {
		fb.unsupported(e, "this field")
	}
	t := fb.typeOf(e.X)
	if elem := pointerElem(t); elem != nil {
		t = elem // ref<T> and ptr<T> of a struct point at its object
	}
	if !isAggregate(t) {
		fb.unsupported(e, "a field of "+t.String())
	}
	return fb.value(e.X), aggregateLayout(t), v.Index
}

// as lowers an explicit conversion x as T.
func (fb *funcBuilder) as(e *ast.AsExpr) lir.Operand {
	conv := fb.m.info.Conversions[e]
	if conv == nil {
		fb.unsupported(e, "this conversion")
	}
	x := fb.value(e.X)
	from, to := fb.subst(conv.From), fb.subst(conv.To)
	switch conv.Kind {
	case sema.ConvNumeric:
		if !sema.IsNumeric(from) || !sema.IsNumeric(to) {
			// x as T of an unconstrained type parameter, in an instance
			// whose types are not both numbers (sema.Conversion).
			fb.m.errorAt(e.X.Pos(), "cannot casting to '"+to.String()+"' in the instance with "+from.String())
			panic(bailout{})
		}
		return fb.numeric(x, from, to)
	case sema.ConvStringBytes:
		return fb.rtcall(lir.Ptr, "StringToBytes", x)
	case sema.ConvBytesString:
		return fb.rtcall(lir.Ptr, "StringFromBytes", x)
	case sema.ConvNamed, sema.ConvEnum:
		return x
	case sema.ConvToAnyptr:
		return fb.toBits(x, from)
	case sema.ConvFromAnyptr:
		return fb.fromBits(x, to)
	case sema.ConvAssert:
		return fb.assert(e, x, from, to)
	}
	fb.unsupported(e, "conversion "+conv.Kind.String())
	return lir.Operand{}
}

// numeric converts between number types (spec/builtins.md §11):
// integers truncate or extend by the source's signedness, floats convert
// to integers through i64, truncating toward zero.
func (fb *funcBuilder) numeric(x lir.Operand, from, to sema.Type) lir.Operand {
	fl, tl := lirType(from), lirType(to)
	switch {
	case fl.IsInt() && tl.IsInt():
		return fb.resize(x, tl, isSigned(from))
	case fl.IsFloat() && tl.IsFloat():
		return fb.b.FloatResize(tl, x)
	case fl.IsInt():
		// The reference zero-extends i8 and i16 before converting:
		// (-5 as i8) as f64 is 251 (conformance t1_012).
		if sema.IsUnsigned(from) || fl.Size() < 4 {
			return fb.b.Convert(lir.OpUIToF, tl, fb.resize(x, lir.I64, false))
		}
		return fb.b.Convert(lir.OpSIToF, tl, fb.resize(x, lir.I64, true))
	}
	i := fb.b.Convert(lir.OpFToSI, lir.I64, x)
	return fb.resize(i, tl, true)
}
