package lir

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// The arithmetic of LIR, shared by the interpreter (lir/interp), which
// defines what programs mean, and by constant folding in the optimiser
// (package ssa), so that the two cannot disagree.
//
// Values are in the register representation: integers zero-extended to
// 64 bits, floats as their IEEE bits (an f32 in the low 32 bits).
// Division by zero is an error (a trap at run time), INT_MIN/-1 wraps to
// INT_MIN with remainder 0, shift counts are taken modulo the width,
// compares yield 1 or 0, and float to integer conversion follows Go's
// conversion on the host.

// ErrDivideByZero is returned by EvalBinary for an integer division or
// remainder by zero.
var ErrDivideByZero = errors.New("division by zero")

// FoldInstr evaluates a Binary, Unary, Compare or Convert instruction
// whose operands are all constants, with exactly the semantics the
// interpreter gives it, and returns the result as a constant operand of
// the destination's type. It reports false for other instructions, for
// non-constant operands and for an operation that would trap (division
// by zero), which must be left to run.
func FoldInstr(in Instr) (Operand, bool) {
	switch in := in.(type) {
	case *Binary:
		return Fold(in.Opcode, in.Dst.Type, in.X, in.Y)
	case *Unary:
		return Fold(in.Opcode, in.Dst.Type, in.X, Operand{})
	case *Compare:
		return Fold(in.Opcode, in.Dst.Type, in.X, in.Y)
	case *Convert:
		return Fold(in.Opcode, in.Dst.Type, in.X, Operand{})
	}
	return Operand{}, false
}

// Fold is FoldInstr for an opcode of the Binary, Unary, Compare or
// Convert family with destination type t and constant operands x and y
// (y is ignored by unary ops and conversions). It allocates nothing, for
// use in the inner loops of optimisation passes.
func Fold(op Op, t Type, x, y Operand) (Operand, bool) {
	unaryOp := op.IsUnary() || op.IsConvert()
	if !x.IsConst() || !unaryOp && !y.IsConst() {
		return Operand{}, false
	}
	var r uint64
	switch {
	case op.IsBinary():
		v, err := EvalBinary(op, t, ConstBits(x), ConstBits(y))
		if err != nil {
			return Operand{}, false
		}
		r = v
	case op.IsUnary():
		r = EvalUnary(op, t, ConstBits(x))
	case op.IsCompare():
		if EvalCompare(op, x.Type, ConstBits(x), ConstBits(y)) {
			r = 1
		}
	case op.IsConvert():
		r = EvalConvert(op, x.Type, t, ConstBits(x))
	default:
		return Operand{}, false
	}
	return ConstFromBits(t, r), true
}

// ConstBits returns the register representation of the constant o.
func ConstBits(o Operand) uint64 {
	if o.Kind == FloatOperand {
		return FloatBits(o.Type, o.FloatValue())
	}
	return Truncate(o.Type, uint64(o.Imm))
}

// ConstFromBits turns a register value of type t into a constant
// operand. Integers are written sign-extended, so an i8 holding 0xff
// prints as -1.
func ConstFromBits(t Type, x uint64) Operand {
	switch t {
	case F32:
		return Float(t, float64(math.Float32frombits(uint32(x))))
	case F64:
		return Float(t, math.Float64frombits(x))
	}
	return Int(t, SignExtend(t, x))
}

// Truncate returns x cut to the width of t (zero-extended).
func Truncate(t Type, x uint64) uint64 {
	switch t {
	case I8:
		return x & 0xff
	case I16:
		return x & 0xffff
	case I32, F32:
		return x & 0xffffffff
	}
	return x
}

// SignExtend returns x sign-extended from the width of t.
func SignExtend(t Type, x uint64) int64 {
	switch t {
	case I8:
		return int64(int8(x))
	case I16:
		return int64(int16(x))
	case I32:
		return int64(int32(x))
	}
	return int64(x)
}

// FloatBits returns the register representation of x in the float type t.
func FloatBits(t Type, x float64) uint64 {
	if t == F32 {
		return uint64(math.Float32bits(float32(x)))
	}
	return math.Float64bits(x)
}

func toFloat(t Type, x uint64) float64 {
	if t == F32 {
		return float64(math.Float32frombits(uint32(x)))
	}
	return math.Float64frombits(x)
}

func width(t Type) uint64 { return uint64(t.Size() * 8) }

// EvalBinary computes x op y in type t for a binary opcode. The only
// error at run time is ErrDivideByZero.
func EvalBinary(op Op, t Type, x, y uint64) (uint64, error) {
	switch op {
	case OpAdd:
		return x + y, nil
	case OpSub:
		return x - y, nil
	case OpMul:
		return x * y, nil
	case OpAnd:
		return x & y, nil
	case OpOr:
		return x | y, nil
	case OpXor:
		return x ^ y, nil
	case OpShl:
		return x << (y % width(t)), nil
	case OpLShr:
		return Truncate(t, x) >> (y % width(t)), nil
	case OpAShr:
		return uint64(SignExtend(t, x) >> (y % width(t))), nil
	case OpRotr:
		w := width(t)
		ux, k := Truncate(t, x), y%w
		return ux>>k | ux<<((w-k)%w), nil
	case OpSDiv, OpSRem, OpUDiv, OpURem:
		return divide(op, t, x, y)
	case OpFAdd, OpFSub, OpFMul, OpFDiv:
		return floatBinary(op, t, toFloat(t, x), toFloat(t, y)), nil
	}
	return 0, fmt.Errorf("bad binary op %s", op)
}

func divide(op Op, t Type, x, y uint64) (uint64, error) {
	if Truncate(t, y) == 0 {
		return 0, ErrDivideByZero
	}
	sx, sy := SignExtend(t, x), SignExtend(t, y)
	ux, uy := Truncate(t, x), Truncate(t, y)
	switch op {
	case OpSDiv:
		if sy == -1 {
			return uint64(-sx), nil // wraps for the most negative value
		}
		return uint64(sx / sy), nil
	case OpSRem:
		if sy == -1 {
			return 0, nil
		}
		return uint64(sx % sy), nil
	case OpUDiv:
		q, _ := bits.Div64(0, ux, uy)
		return q, nil
	}
	return ux % uy, nil
}

// floatBinary computes a op b and rounds the result to t. An f32
// operation computed in float64 and then rounded gives the f32 result
// exactly: float64 has more than twice float32's precision, so the
// double rounding is harmless for +, -, * and / (Figueroa, "When is
// double rounding innocuous?", 1995).
func floatBinary(op Op, t Type, a, b float64) uint64 {
	var r float64
	switch op {
	case OpFAdd:
		r = a + b
	case OpFSub:
		r = a - b
	case OpFMul:
		r = a * b
	case OpFDiv:
		r = a / b
	}
	return FloatBits(t, r)
}

// EvalUnary computes op x in type t for a unary opcode (copy, neg, not,
// fneg).
func EvalUnary(op Op, t Type, x uint64) uint64 {
	switch op {
	case OpNeg:
		return -x
	case OpNot:
		return ^x
	case OpFNeg:
		if t == F32 {
			return x ^ (1 << 31)
		}
		return x ^ (1 << 63)
	}
	return x
}

// EvalCompare compares x and y, of operand type t, with a compare opcode.
func EvalCompare(op Op, t Type, x, y uint64) bool {
	sx, sy := SignExtend(t, x), SignExtend(t, y)
	ux, uy := Truncate(t, x), Truncate(t, y)
	fx, fy := toFloat(t, x), toFloat(t, y)
	switch op {
	case OpEq:
		return ux == uy
	case OpNe:
		return ux != uy
	case OpSLt:
		return sx < sy
	case OpSLe:
		return sx <= sy
	case OpSGt:
		return sx > sy
	case OpSGe:
		return sx >= sy
	case OpULt:
		return ux < uy
	case OpULe:
		return ux <= uy
	case OpUGt:
		return ux > uy
	case OpUGe:
		return ux >= uy
	case OpFEq:
		return fx == fy
	case OpFNe:
		return fx != fy
	case OpFLt:
		return fx < fy
	case OpFLe:
		return fx <= fy
	case OpFGt:
		return fx > fy
	case OpFGe:
		return fx >= fy
	}
	return false
}

// EvalConvert converts x from type from to type to with a conversion
// opcode. The result is not yet truncated to the width of to.
func EvalConvert(op Op, from, to Type, x uint64) uint64 {
	switch op {
	case OpSExt:
		return uint64(SignExtend(from, x))
	case OpFExt, OpFTrunc:
		return FloatBits(to, toFloat(from, x))
	case OpSIToF:
		return FloatBits(to, float64(SignExtend(from, x)))
	case OpUIToF:
		return FloatBits(to, float64(Truncate(from, x)))
	case OpFToSI:
		return uint64(int64(toFloat(from, x)))
	case OpFToUI:
		return uint64(toFloat(from, x))
	}
	return x // zext, trunc and bitcast: truncation on write does the rest
}
