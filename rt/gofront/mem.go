package gofront

import (
	"go/constant"
	"go/types"
	"math"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
)

// load reads a value of type t at addr+off.
func (x *fnc) load(t types.Type, addr lir.Operand, off int64) []lir.Operand {
	addr, off = x.fold(addr, off)
	sh, lt := shapeOf(t)
	switch sh {
	case shapeScalar:
		return []lir.Operand{x.b.Load(lt, addr, off)}
	case shapeString:
		return []lir.Operand{x.b.Load(lir.Ptr, addr, off), x.b.Load(lir.I64, addr, off+8)}
	case shapeSlice:
		return []lir.Operand{x.b.Load(lir.Ptr, addr, off), x.b.Load(lir.I64, addr, off+8), x.b.Load(lir.I64, addr, off+16)}
	case shapeMem:
		s := x.slot(t)
		x.copyMem(s, 0, addr, off, x.c.layout.size(t))
		return []lir.Operand{s}
	}
	x.errorf(0, "values of type %s are not allowed in the runtime (%s)", x.typ(t), forbiddenOr(t))
	return x.dummy(t)
}

// store writes value v of type t at addr+off.
func (x *fnc) store(t types.Type, v []lir.Operand, addr lir.Operand, off int64) {
	addr, off = x.fold(addr, off)
	sh, _ := shapeOf(t)
	switch sh {
	case shapeScalar, shapeString, shapeSlice:
		for i, o := range v {
			x.b.Store(o, addr, off+8*int64(i))
		}
	case shapeMem:
		x.copyMem(addr, off, v[0], 0, x.c.layout.size(t))
	default:
		x.errorf(0, "values of type %s are not allowed in the runtime (%s)", x.typ(t), forbiddenOr(t))
	}
}

func forbiddenOr(t types.Type) string {
	if bad := forbidden(t); bad != "" {
		return bad
	}
	return "unsupported type"
}

// unrollBytes is the largest copy or clear done without a loop.
const unrollBytes = 128

// copyMem copies size bytes from src+soff to dst+doff. The ranges do not
// overlap: every struct value has its own slot.
func (x *fnc) copyMem(dst lir.Operand, doff int64, src lir.Operand, soff int64, size int64) {
	x.memLoop(size, func(off int64, t lir.Type, idx lir.Operand) {
		var v lir.Operand
		if idx.Kind == lir.NoOperand {
			v = x.b.Load(t, src, soff+off)
			x.b.Store(v, dst, doff+off)
			return
		}
		v = x.b.Load(t, x.b.Addr(src, idx, 1, soff+off), 0)
		x.b.Store(v, x.b.Addr(dst, idx, 1, doff+off), 0)
	})
}

// zeroMem clears size bytes at dst+off.
func (x *fnc) zeroMem(dst lir.Operand, off, size int64) {
	x.memLoop(size, func(o int64, t lir.Type, idx lir.Operand) {
		if idx.Kind == lir.NoOperand {
			x.b.Store(lir.Int(t, 0), dst, off+o)
			return
		}
		x.b.Store(lir.Int(t, 0), x.b.Addr(dst, idx, 1, off+o), 0)
	})
}

// memLoop calls do for the pieces of a size-byte block: 8-byte words,
// then a 4, 2 and 1-byte tail. Small blocks are unrolled (idx is the
// zero Operand); larger ones go through a loop over the words, with the
// byte offset of the word in register idx.
func (x *fnc) memLoop(size int64, do func(off int64, t lir.Type, idx lir.Operand)) {
	words := size / 8 * 8
	if size <= unrollBytes {
		for off := int64(0); off < words; off += 8 {
			do(off, lir.I64, lir.Operand{})
		}
	} else {
		i := x.f.NewValue(lir.I64)
		x.b.Assign(i, lir.Int(lir.I64, 0))
		loop := x.label("copy")
		x.b.Label(loop)
		do(0, lir.I64, x.f.Reg(i))
		x.b.BinaryTo(i, lir.OpAdd, x.f.Reg(i), lir.Int(lir.I64, 8))
		more := x.b.Compare(lir.OpULt, x.f.Reg(i), lir.Int(lir.I64, words))
		done := x.label("copied")
		x.b.Branch(more, loop, done)
		x.b.Label(done)
	}
	off := words
	for _, t := range []lir.Type{lir.I32, lir.I16, lir.I8} {
		if size-off >= int64(t.Size()) {
			do(off, t, lir.Operand{})
			off += int64(t.Size())
		}
	}
}

// constant returns the operands of a constant.
func (x *fnc) constant(c *ssa.Const) []lir.Operand {
	t := c.Type()
	sh, lt := shapeOf(t)
	switch sh {
	case shapeScalar:
		return []lir.Operand{scalarConst(c.Value, lt)}
	case shapeString:
		if c.Value == nil {
			return []lir.Operand{lir.Int(lir.Ptr, 0), lir.Int(lir.I64, 0)}
		}
		return x.stringConst(constant.StringVal(c.Value))
	case shapeSlice:
		return []lir.Operand{lir.Int(lir.Ptr, 0), lir.Int(lir.I64, 0), lir.Int(lir.I64, 0)}
	case shapeMem:
		s := x.slot(t)
		x.zeroMem(s, 0, x.c.layout.size(t))
		return []lir.Operand{s}
	}
	x.errorf(0, "values of type %s are not allowed in the runtime (%s)", x.typ(t), forbiddenOr(t))
	return x.dummy(t)
}

// scalarConst converts a constant (nil for the zero value) to an
// operand of type t.
func scalarConst(v constant.Value, t lir.Type) lir.Operand {
	if v == nil {
		return zero(t)
	}
	switch v.Kind() {
	case constant.Bool:
		if constant.BoolVal(v) {
			return lir.Int(t, 1)
		}
		return lir.Int(t, 0)
	case constant.Float:
		if t.IsFloat() {
			f, _ := constant.Float64Val(v)
			return lir.Float(t, f)
		}
	case constant.Int:
		if t.IsFloat() {
			f, _ := constant.Float64Val(constant.ToFloat(v))
			return lir.Float(t, f)
		}
	}
	if t.IsFloat() {
		return lir.Float(t, math.NaN())
	}
	return lir.Int(t, signExtend(intBits(v), t))
}

// signExtend keeps the low bits of b that fit t, sign-extended, which is
// how LIR writes narrow constants.
func signExtend(b uint64, t lir.Type) int64 {
	switch t.Size() {
	case 1:
		return int64(int8(b))
	case 2:
		return int64(int16(b))
	case 4:
		return int64(int32(b))
	}
	return int64(b)
}

// stringConst returns the pointer and length of a string constant.
func (x *fnc) stringConst(s string) []lir.Operand {
	if s == "" {
		return []lir.Operand{lir.Int(lir.Ptr, 0), lir.Int(lir.I64, 0)}
	}
	return []lir.Operand{x.b.Symbol(x.c.stringGlobal(x.pkg, s)), lir.Int(lir.I64, int64(len(s)))}
}
