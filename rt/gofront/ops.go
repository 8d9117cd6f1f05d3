package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
)

// binop translates arithmetic, shifts and comparisons.
func (x *fnc) binop(in *ssa.BinOp) []lir.Operand {
	t := in.X.Type()
	switch {
	case isString(t):
		switch in.Op {
		case token.ADD:
			x.errorf(in.Pos(), "string concatenation is not allowed in the runtime (it allocates)")
		case token.EQL, token.NEQ:
			return []lir.Operand{x.stringEqual(in.Op, x.value(in.X), x.value(in.Y))}
		default:
			x.errorf(in.Pos(), "string ordering is not allowed in the runtime (compare the bytes)")
		}
		return x.dummy(in.Type())
	case !isScalar(t):
		x.errorf(in.Pos(), "comparison of %s values is not allowed in the runtime (compare the fields)", x.typ(t))
		return x.dummy(in.Type())
	}
	a, b := x.scalar(in.X), x.scalar(in.Y)
	switch in.Op {
	case token.SHL, token.SHR:
		return []lir.Operand{x.shift(in.Op, a, b, t, x.below(in.Y, uint64(a.Type.Size()*8)))}
	case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
		return []lir.Operand{x.b.Compare(compareOp(in.Op, t), a, b)}
	case token.AND_NOT:
		return []lir.Operand{x.b.Binary(lir.OpAnd, a, x.b.Unary(lir.OpNot, b))}
	}
	op, ok := arithOp(in.Op, t)
	if !ok {
		x.errorf(in.Pos(), "operator %s on %s is not allowed in the runtime (unsupported)", in.Op, x.typ(t))
		return x.dummy(in.Type())
	}
	if r, ok := x.strengthReduce(op, a, b); ok {
		return []lir.Operand{r}
	}
	return []lir.Operand{x.b.Binary(op, a, b)}
}

// strengthReduce turns an unsigned division or remainder by a power of
// two into a shift or a mask (the runtime divides by PtrSize, 8 and 64
// on its hottest paths, and a division costs tens of cycles).
func (x *fnc) strengthReduce(op lir.Op, a, b lir.Operand) (lir.Operand, bool) {
	if (op != lir.OpUDiv && op != lir.OpURem) || b.Kind != lir.IntOperand {
		return lir.Operand{}, false
	}
	c := uint64(b.Imm)
	if w := b.Type.Size() * 8; w < 64 {
		c &= 1<<w - 1
	}
	if c == 0 || c&(c-1) != 0 {
		return lir.Operand{}, false
	}
	if op == lir.OpURem {
		return x.b.Binary(lir.OpAnd, a, lir.Int(a.Type, int64(c-1))), true
	}
	k := int64(0)
	for c > 1 {
		c >>= 1
		k++
	}
	if k == 0 {
		return a, true
	}
	return x.b.Binary(lir.OpLShr, a, lir.Int(a.Type, k)), true
}

func isScalar(t types.Type) bool {
	sh, _ := shapeOf(t)
	return sh == shapeScalar
}

// ops gives the LIR op of a Go arithmetic or comparison operator on
// signed integers, on unsigned integers (and pointers) and on floats, in
// that order; OpInvalid where the runtime has none.
var ops = map[token.Token][3]lir.Op{
	token.ADD: {lir.OpAdd, lir.OpAdd, lir.OpFAdd}, token.SUB: {lir.OpSub, lir.OpSub, lir.OpFSub},
	token.MUL: {lir.OpMul, lir.OpMul, lir.OpFMul}, token.QUO: {lir.OpSDiv, lir.OpUDiv, lir.OpFDiv},
	token.REM: {lir.OpSRem, lir.OpURem, lir.OpInvalid},
	token.AND: {lir.OpAnd, lir.OpAnd, lir.OpInvalid}, token.OR: {lir.OpOr, lir.OpOr, lir.OpInvalid},
	token.XOR: {lir.OpXor, lir.OpXor, lir.OpInvalid},
	token.EQL: {lir.OpEq, lir.OpEq, lir.OpFEq}, token.NEQ: {lir.OpNe, lir.OpNe, lir.OpFNe},
	token.LSS: {lir.OpSLt, lir.OpULt, lir.OpFLt}, token.LEQ: {lir.OpSLe, lir.OpULe, lir.OpFLe},
	token.GTR: {lir.OpSGt, lir.OpUGt, lir.OpFGt}, token.GEQ: {lir.OpSGe, lir.OpUGe, lir.OpFGe},
}

// opColumn is the column of ops for operands of type t.
func opColumn(t types.Type) int {
	switch {
	case isFloat(t):
		return 2
	case isSigned(t):
		return 0
	}
	return 1
}

func arithOp(op token.Token, t types.Type) (lir.Op, bool) {
	o := ops[op][opColumn(t)]
	return o, o != lir.OpInvalid
}

func compareOp(op token.Token, t types.Type) lir.Op { return ops[op][opColumn(t)] }

// shift translates x << y and x >> y with Go's semantics: a count at
// least the width gives 0 (or all sign bits), where LIR takes counts
// modulo the width.
func (x *fnc) shift(op token.Token, a, y lir.Operand, t types.Type, inRange bool) lir.Operand {
	w := int64(a.Type.Size() * 8)
	lop := lir.OpShl
	if op == token.SHR {
		lop = lir.OpLShr
		if isSigned(t) {
			lop = lir.OpAShr
		}
	}
	// The value a count of w or more gives.
	var big lir.Operand
	if lop == lir.OpAShr {
		big = x.b.Binary(lir.OpAShr, a, lir.Int(a.Type, w-1))
	} else {
		big = lir.Int(a.Type, 0)
	}
	if y.Kind == lir.IntOperand {
		c := uint64(y.Imm) & (1<<(8*y.Type.Size()) - 1)
		if y.Type.Size() == 8 {
			c = uint64(y.Imm)
		}
		if c >= uint64(w) {
			if lop == lir.OpAShr {
				return big
			}
			return lir.Int(a.Type, 0)
		}
		return x.b.Binary(lop, a, lir.Int(a.Type, int64(c)))
	}
	count := y
	switch {
	case y.Type.Size() > a.Type.Size():
		count = x.b.Convert(lir.OpTrunc, a.Type, y)
	case y.Type.Size() < a.Type.Size():
		count = x.b.Convert(lir.OpZExt, a.Type, y)
	}
	r := x.b.Binary(lop, a, count)
	if inRange {
		return r // the count is known to be below the width (bce.go)
	}
	// Negative signed counts panic in Go; here they count as huge.
	return x.sel(x.b.Compare(lir.OpULt, y, lir.Int(y.Type, w)), r, big)
}

// unop translates !x, -x, ^x and *p.
func (x *fnc) unop(in *ssa.UnOp) []lir.Operand {
	switch in.Op {
	case token.MUL:
		elem := in.X.Type().Underlying().(*types.Pointer).Elem()
		return x.load(elem, x.scalar(in.X), 0)
	case token.ARROW:
		x.errorf(in.Pos(), "channel receive is not allowed in the runtime (channels)")
		return x.dummy(in.Type())
	}
	a := x.scalar(in.X)
	switch in.Op {
	case token.NOT:
		return []lir.Operand{x.b.Binary(lir.OpXor, a, lir.Int(a.Type, 1))}
	case token.SUB:
		if isFloat(in.X.Type()) {
			return []lir.Operand{x.b.Unary(lir.OpFNeg, a)}
		}
		return []lir.Operand{x.b.Unary(lir.OpNeg, a)}
	case token.XOR:
		return []lir.Operand{x.b.Unary(lir.OpNot, a)}
	}
	x.errorf(in.Pos(), "operator %s is not allowed in the runtime (unsupported)", in.Op)
	return x.dummy(in.Type())
}

// convert translates conversions between numeric types, pointers,
// unsafe.Pointer and uintptr.
func (x *fnc) convert(in *ssa.Convert) []lir.Operand {
	from, to := in.X.Type(), in.Type()
	if isString(from) || isString(to) {
		x.errorf(in.Pos(), "string conversion is not allowed in the runtime (it allocates)")
		return x.dummy(to)
	}
	if !isScalar(from) || !isScalar(to) {
		x.errorf(in.Pos(), "conversion from %s to %s is not allowed in the runtime (unsupported)", x.typ(from), x.typ(to))
		return x.dummy(to)
	}
	a := x.scalar(in.X)
	_, lt := shapeOf(to)
	return []lir.Operand{x.conv(a, from, lt, to)}
}

// conv converts a from Go type from to LIR type lt (Go type to).
func (x *fnc) conv(a lir.Operand, from types.Type, lt lir.Type, to types.Type) lir.Operand {
	ft := a.Type
	switch {
	case ft.IsFloat() && lt.IsFloat():
		return x.b.FloatResize(lt, a)
	case ft.IsFloat():
		if isSigned(to) {
			return x.b.Convert(lir.OpFToSI, lt, a)
		}
		return x.b.Convert(lir.OpFToUI, lt, a)
	case lt.IsFloat():
		if isSigned(from) {
			return x.b.Convert(lir.OpSIToF, lt, a)
		}
		return x.b.Convert(lir.OpUIToF, lt, a)
	case ft == lt:
		return a
	case ft.Size() == lt.Size():
		return x.b.Convert(lir.OpBitcast, lt, a)
	case ft.Size() > lt.Size():
		return x.b.Convert(lir.OpTrunc, lt, a)
	case isSigned(from):
		return x.b.Convert(lir.OpSExt, lt, a)
	}
	return x.b.Convert(lir.OpZExt, lt, a)
}

// stringEqual compares two strings byte by byte.
func (x *fnc) stringEqual(op token.Token, a, b []lir.Operand) lir.Operand {
	r := x.f.NewValue(lir.I8)
	x.b.Assign(r, lir.Int(lir.I8, 0))
	done, loop, body, same := x.label("streq"), x.label("streq"), x.label("streq"), x.label("streq")
	x.b.Branch(x.b.Compare(lir.OpEq, a[1], b[1]), loop, done)
	x.b.Label(loop)
	i := x.f.NewValue(lir.I64)
	x.b.Assign(i, lir.Int(lir.I64, 0))
	head := x.label("streq")
	x.b.Label(head)
	x.b.Branch(x.b.Compare(lir.OpULt, x.f.Reg(i), a[1]), body, same)
	x.b.Label(body)
	ca := x.b.Load(lir.I8, x.b.Addr(a[0], x.f.Reg(i), 1, 0), 0)
	cb := x.b.Load(lir.I8, x.b.Addr(b[0], x.f.Reg(i), 1, 0), 0)
	x.b.BinaryTo(i, lir.OpAdd, x.f.Reg(i), lir.Int(lir.I64, 1))
	x.b.Branch(x.b.Compare(lir.OpEq, ca, cb), head, done)
	x.b.Label(same)
	x.b.Assign(r, lir.Int(lir.I8, 1))
	x.b.Label(done)
	if op == token.NEQ {
		return x.b.Binary(lir.OpXor, x.f.Reg(r), lir.Int(lir.I8, 1))
	}
	return x.f.Reg(r)
}
