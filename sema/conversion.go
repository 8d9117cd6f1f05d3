package sema

import (
	"go/constant"
	"math"

	"github.com/naturekit/naturekit/ast"
)

// conversion checks x as T (types.md §11.2) and records its kind.
func (c *checker) conversion(e *ast.AsExpr) operand {
	to := c.typ(e.Type)
	if v, ok := c.foldConst(e.X); ok && v.isNumber() && IsNumeric(to) {
		return c.constConversion(e, v, to)
	}
	x := c.expr(e.X, nil)
	if isInvalid(x.typ) || isInvalid(to) {
		return invalidOp
	}
	kind := c.convKind(e, x.typ, to)
	if kind == 0 {
		return invalidOp
	}
	c.info.Conversions[e] = &Conversion{Kind: kind, From: x.typ, To: to}
	return valueOf(to)
}

// constConversion converts a numeric literal at compile time. An integer
// literal is range-checked against an integer target; a float converts
// to an integer as at run time (and as the reference does): truncated
// to an int64, then wrapped to the target's width.
func (c *checker) constConversion(e *ast.AsExpr, v value, to Type) operand {
	from := c.constant(e.X, v, nil).typ
	c.info.Conversions[e] = &Conversion{Kind: ConvNumeric, From: from, To: to}
	if IsInteger(to) {
		if v.float {
			n := wrapInt(constant.MakeInt64(truncInt(v.f)), to)
			return operand{mode: Constant, typ: to, val: exactValue(n)}
		}
		if !fitsInt(v.c, to) {
			c.errorf(c.last(e.X), "literal %s out of '%s' range", v, shortType(to))
			return valueOf(to)
		}
		return operand{mode: Constant, typ: to, val: v}
	}
	f := v.toFloat()
	if basicKind(to) == F32 {
		f = float64(float32(f))
	}
	return operand{mode: Constant, typ: to, val: floatValue(f)}
}

// truncInt converts a float to an int64 as amd64's cvttsd2si does:
// toward zero, and math.MinInt64 for NaN and values outside the int64
// range.
func truncInt(f float64) int64 {
	if f != f || f >= 1<<63 || f < -(1<<63) {
		return math.MinInt64
	}
	return int64(f)
}

// convKind classifies from as to, or reports the error and returns 0.
func (c *checker) convKind(e *ast.AsExpr, from, to Type) ConvKind {
	fu, tu := from.Underlying(), to.Underlying()
	switch {
	case Identical(from, to):
		return ConvNamed
	case basicKind(from) == Any:
		if _, ok := tu.(*Union); ok {
			c.errorf(c.last(e.X), "cannot convert any type to union type")
			return 0
		}
		return ConvAssert
	}
	if fun, ok := fu.(*Union); ok {
		if _, ok := tu.(*Union); ok {
			c.errorf(c.last(e.X), "cannot convert union type to union type")
			return 0
		}
		if !containsType(fun.Terms, to) {
			c.errorf(c.last(e.X), "type '%s' not contains in union type", longType(to))
			return 0
		}
		return ConvAssert
	}
	if _, ok := fu.(*Interface); ok {
		if n := namedOf(to); n != nil && c.implements(to, from) {
			return ConvAssert
		}
		if namedOf(to) == nil {
			c.errorf(c.last(e.X), "type '%s' not impl interface '%s'", longType(to), longType(from))
		} else {
			c.errorf(c.last(e.X), "type '%s' not impl '%s' interface", shortType(from), shortType(from))
		}
		return 0
	}
	switch {
	case IsNumeric(fu) && IsNumeric(tu):
		if Identical(fu, tu) {
			return ConvNamed
		}
		return ConvNumeric
	case numericOrParam(from) && numericOrParam(to):
		// A numeric type parameter converts to and from numbers: each
		// instance converts its own number type.
		return ConvNumeric
	case IsString(fu) && isByteVec(tu):
		return ConvStringBytes
	case isByteVec(fu) && IsString(tu):
		return ConvBytesString
	case basicKind(to) == Anyptr && !IsFloat(fu) && !IsVoid(fu):
		return ConvToAnyptr
	case basicKind(from) == Anyptr && !IsFloat(tu) && !IsVoid(tu):
		return ConvFromAnyptr
	}
	if en, ok := fu.(*Enum); ok && Identical(en.Base, to) {
		return ConvEnum
	}
	_, fromNamed := from.(*Named)
	_, toNamed := to.(*Named)
	if (fromNamed || toNamed) && Identical(fu, tu) {
		if _, isEnum := tu.(*Enum); !isEnum {
			return ConvNamed
		}
	}
	c.errorf(c.last(e.X), "cannot casting to '%s'", longType(to))
	return 0
}

func isByteVec(t Type) bool {
	v, ok := t.(*Vec)
	return ok && basicKind(v.Elem) == U8
}

// numericOrParam reports whether t is a number type or a type parameter
// that may be one: constrained to numbers (#where T: numeric), or not
// constrained at all, which the reference checks per instance (the
// lowering reports an instance whose type is not a number).
func numericOrParam(t Type) bool {
	if tp, ok := t.(*TypeParam); ok {
		return len(tp.Constraints) == 0 || hasMarker(tp, "numeric")
	}
	return IsNumeric(t)
}
