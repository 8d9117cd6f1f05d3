package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
)

// conversion checks x as T (types.md §11.2) and records its kind.
func (c *checker) conversion(e *ast.AsExpr) operand {
	to := c.typ(e.Type)
	if v, ok := c.foldConst(e.X); ok && isNumberValue(v) && IsNumeric(to) {
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

// constConversion converts a numeric literal at compile time; an integer
// literal is range-checked against an integer target.
func (c *checker) constConversion(e *ast.AsExpr, v constant.Value, to Type) operand {
	from := c.constant(e.X, v, nil).typ
	c.info.Conversions[e] = &Conversion{Kind: ConvNumeric, From: from, To: to}
	if IsInteger(to) {
		if v.Kind() == constant.Float {
			v = constant.ToInt(constant.MakeFloat64(truncate(v)))
		}
		if !fitsInt(v, to) {
			c.errorf(e.AsPos, "literal %s out of '%s' range", v.ExactString(), shortType(to))
			return valueOf(to)
		}
		return operand{mode: Constant, typ: to, val: v}
	}
	f, _ := constant.Float64Val(constant.ToFloat(v))
	if basicKind(to) == F32 {
		f = float64(float32(f))
	}
	return operand{mode: Constant, typ: to, val: constant.MakeFloat64(f)}
}

func truncate(v constant.Value) float64 {
	f, _ := constant.Float64Val(v)
	if f < 0 {
		return -float64(int64(-f))
	}
	if f >= 1<<63 {
		return f
	}
	return float64(int64(f))
}

// convKind classifies from as to, or reports the error and returns 0.
func (c *checker) convKind(e *ast.AsExpr, from, to Type) ConvKind {
	fu, tu := from.Underlying(), to.Underlying()
	switch {
	case Identical(from, to):
		return ConvNamed
	case basicKind(from) == Any:
		if _, ok := tu.(*Union); ok {
			c.errorf(e.AsPos, "cannot convert any type to union type")
			return 0
		}
		return ConvAssert
	}
	if fun, ok := fu.(*Union); ok {
		if _, ok := tu.(*Union); ok {
			c.errorf(e.AsPos, "cannot convert union type to union type")
			return 0
		}
		if !containsType(fun.Terms, to) {
			c.errorf(e.AsPos, "type '%s' not contains in union type", longType(to))
			return 0
		}
		return ConvAssert
	}
	if _, ok := fu.(*Interface); ok {
		if n := namedOf(to); n != nil && c.implements(to, from) {
			return ConvAssert
		}
		if namedOf(to) == nil {
			c.errorf(e.AsPos, "type '%s' not impl interface '%s'", longType(to), longType(from))
		} else {
			c.errorf(e.AsPos, "type '%s' not impl '%s' interface", shortType(from), shortType(from))
		}
		return 0
	}
	switch {
	case IsNumeric(fu) && IsNumeric(tu):
		if Identical(fu, tu) {
			return ConvNamed
		}
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
	c.errorf(e.AsPos, "cannot casting to '%s'", longType(to))
	return 0
}

func isByteVec(t Type) bool {
	v, ok := t.(*Vec)
	return ok && basicKind(v.Elem) == U8
}
