package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// The runtime passes vec elements, map keys and values and boxed values
// as 64-bit "bits" (docs/runtime-abi.md). toBits and fromBits convert a
// value of a Nature type to and from them: integers extend by
// signedness, floats and pointers keep their bit pattern (an f32 in the
// low 32 bits, as a vec of f32 stores it).

// toBits returns x, a value of type t, as an i64.
func (fb *funcBuilder) toBits(x lir.Operand, t sema.Type) lir.Operand {
	switch x.Type {
	case lir.I8, lir.I16, lir.I32:
		return fb.resize(x, lir.I64, isSigned(t))
	case lir.F64, lir.Ptr:
		if x.Kind == lir.IntOperand {
			return lir.Int(lir.I64, x.Imm)
		}
		return fb.b.Convert(lir.OpBitcast, lir.I64, x)
	case lir.F32:
		return fb.resize(fb.b.Convert(lir.OpBitcast, lir.I32, x), lir.I64, false)
	}
	return x
}

// fromBits returns the value of type t whose bits are x.
func (fb *funcBuilder) fromBits(x lir.Operand, t sema.Type) lir.Operand {
	switch lt := lirType(t); lt {
	case lir.I8, lir.I16, lir.I32:
		return fb.resize(x, lt, false)
	case lir.F64, lir.Ptr:
		return fb.b.Convert(lir.OpBitcast, lt, x)
	case lir.F32:
		return fb.b.Convert(lir.OpBitcast, lir.F32, fb.resize(x, lir.I32, false))
	}
	return x
}

// box makes an Any holding x of type t: its type descriptor and its
// bits, with an f32 widened to f64 (docs/runtime-abi.md, "Any"). null is
// the nil box.
func (fb *funcBuilder) box(n ast.Node, x lir.Operand, t sema.Type) lir.Operand {
	if valueKind(t) == abi.KindNull {
		return lir.Int(lir.Ptr, 0)
	}
	return fb.rtcall(lir.Ptr, "AnyBox", fb.typeDesc(n, t), fb.boxBits(x, t))
}

// implicit applies an implicit conversion (types.md §11.1) of x from
// type from to type to. Boxing into any, a union or a nullable and
// conversion to an interface do work; ref to ptr, null to a pointer and
// named to underlying keep the representation, and so does a union or
// nullable converted to any or a wider union (the box already holds the
// dynamic type).
func (fb *funcBuilder) implicit(n ast.Node, x lir.Operand, from, to sema.Type) lir.Operand {
	if sema.Identical(from, to) {
		return x
	}
	if isIface(to) {
		return fb.toIface(n, x, from, to)
	}
	if !isBoxed(to) || isBoxed(from) {
		return x
	}
	if it := ifaceTerm(to, from); it != nil {
		// Into I? or a union with interface term I that from implements.
		x, from = fb.toIface(n, x, from, it), it
	}
	if e, ok := n.(ast.Expr); ok && isAggregate(from) && isLocation(e) {
		x = fb.copyValue(x, from) // the box holds a copy of its own
	}
	return fb.box(n, x, from)
}

// ifaceTerm returns the interface term of union u that a value of type t
// converts to when t is not itself a term: an interface t implements,
// or one it extends when t is an interface; nil otherwise.
func ifaceTerm(u, t sema.Type) sema.Type {
	un, ok := u.Underlying().(*sema.Union)
	if !ok {
		return nil
	}
	for _, term := range un.Terms {
		if sema.Identical(term, t) {
			return nil
		}
	}
	for _, term := range un.Terms {
		if isIface(term) && (implements(t, term) || isIface(t) && extends(t, term, 0)) {
			return term
		}
	}
	return nil
}
