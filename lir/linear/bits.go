package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
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

// box makes an Any holding x of type t: its kind and its bits, with an
// f32 widened to f64 (docs/runtime-abi.md, "Any"). null is the nil box.
func (fb *funcBuilder) box(x lir.Operand, t sema.Type) lir.Operand {
	kind := valueKind(t)
	if kind == kindNull {
		return lir.Int(lir.Ptr, 0)
	}
	if x.Type == lir.F32 {
		x = fb.b.Convert(lir.OpFExt, lir.F64, x)
	}
	return fb.rtcall(lir.Ptr, "AnyBox", lir.Int(lir.I64, kind), fb.toBits(x, t))
}

// implicit applies an implicit conversion (types.md §11.1) of x from
// type from to type to. Only boxing does work; ref to ptr, null to a
// pointer and named to underlying keep the representation.
func (fb *funcBuilder) implicit(n ast.Node, x lir.Operand, from, to sema.Type) lir.Operand {
	if sema.Identical(from, to) {
		return x
	}
	if _, ok := to.Underlying().(*sema.Interface); ok {
		fb.unsupported(n, "converting to an interface")
	}
	if !isBoxed(to) || isBoxed(from) {
		return x
	}
	return fb.box(x, from)
}
