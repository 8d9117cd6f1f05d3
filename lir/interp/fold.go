package interp

import (
	"math"

	"github.com/naturekit/naturekit/lir"
)

// Fold evaluates a Binary, Unary, Compare or Convert instruction whose
// operands are all constants, with exactly the semantics the interpreter
// gives it, and returns the result as a constant operand of the
// destination's type. It reports false for other instructions, for
// non-constant operands and for an operation that would trap (division
// by zero), which must be left to run.
func Fold(in lir.Instr) (lir.Operand, bool) {
	switch in := in.(type) {
	case *lir.Binary:
		return Eval(in.Opcode, in.Dst.Type, in.X, in.Y)
	case *lir.Unary:
		return Eval(in.Opcode, in.Dst.Type, in.X, lir.Operand{})
	case *lir.Compare:
		return Eval(in.Opcode, in.Dst.Type, in.X, in.Y)
	case *lir.Convert:
		return Eval(in.Opcode, in.Dst.Type, in.X, lir.Operand{})
	}
	return lir.Operand{}, false
}

// Eval is Fold for an opcode of the Binary, Unary, Compare or Convert
// family with destination type t and constant operands x and y (y is
// ignored by unary ops and conversions). It allocates nothing, for use in
// the inner loops of optimisation passes.
func Eval(op lir.Op, t lir.Type, x, y lir.Operand) (lir.Operand, bool) {
	unaryOp := op.IsUnary() || op.IsConvert()
	if !x.IsConst() || !unaryOp && !y.IsConst() {
		return lir.Operand{}, false
	}
	var r uint64
	switch {
	case op.IsBinary():
		v, err := arith(op, t, constBits(x), constBits(y))
		if err != nil {
			return lir.Operand{}, false
		}
		r = v
	case op.IsUnary():
		r = unary(op, t, constBits(x))
	case op.IsCompare():
		if compare(op, x.Type, constBits(x), constBits(y)) {
			r = 1
		}
	case op.IsConvert():
		r = convert(op, x.Type, t, constBits(x))
	default:
		return lir.Operand{}, false
	}
	return Const(t, r), true
}

// IsTrue reports whether the constant c, as a branch condition, is
// non-zero in its type.
func IsTrue(c lir.Operand) bool { return norm(c.Type, constBits(c)) != 0 }

// constBits returns the register representation of a constant.
func constBits(o lir.Operand) uint64 {
	if o.Kind == lir.FloatOperand {
		return floatBits(o.Type, o.FloatValue())
	}
	return norm(o.Type, uint64(o.Imm))
}

// Const turns a register value of type t into a constant operand. Integers
// are written sign-extended, so an i8 holding 0xff prints as -1.
func Const(t lir.Type, x uint64) lir.Operand {
	switch t {
	case lir.F32:
		return lir.Float(t, float64(math.Float32frombits(uint32(x))))
	case lir.F64:
		return lir.Float(t, math.Float64frombits(x))
	}
	return lir.Int(t, signed(t, x))
}
