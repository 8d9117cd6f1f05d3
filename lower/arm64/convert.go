package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// convert emits a type conversion. Integer registers may hold garbage
// above the width of their type, so every conversion that reads an i8,
// i16 or i32 as a wider number extends it explicitly.
func (e *emitter) convert(in *lir.Convert) {
	from, to := in.X.Type, in.Dst.Type
	d := int(in.Dst.Index)
	x := lower.ConvertSource(in, X16, V31, e.move)
	switch in.Opcode {
	case lir.OpSExt, lir.OpZExt:
		e.widen(in.Opcode == lir.OpSExt, d, x, from, to)
	case lir.OpTrunc:
		e.move(d, x, to)
	case lir.OpBitcast:
		if x.Kind != lir.PhysOperand || isFP(int(x.Index)) == isFP(d) {
			e.move(d, lir.Operand{Kind: x.Kind, Type: to, Index: x.Index, Imm: x.Imm}, to)
			return
		}
		e.inst(arm64.FMOV, asmReg(d, to), asmReg(int(x.Index), from))
	case lir.OpFExt, lir.OpFTrunc:
		e.inst(arm64.FCVT, e.reg(in.Dst, to), e.reg(x, from))
	case lir.OpSIToF, lir.OpUIToF:
		e.intToFloat(in.Opcode == lir.OpSIToF, in.Dst, x)
	case lir.OpFToSI:
		e.floatToInt(d, x)
	case lir.OpFToUI:
		e.floatToUint(d, x)
	}
}

// widen extends integer x of type from into register d.
func (e *emitter) widen(signed bool, d int, x lir.Operand, from, to lir.Type) {
	src := e.reg(x, lower.Wide(from))
	switch {
	case from.Size() >= to.Size() || from.Size() == 8:
		e.move(d, x, to)
	case from.Size() == 4 && signed:
		e.inst(arm64.SXTW, asmReg(d, lir.I64), src)
	case from.Size() == 4:
		e.inst(arm64.MOV, asmReg(d, lir.I32), src) // writing a w register clears the upper half
	case signed:
		op := arm64.SXTB
		if from.Size() == 2 {
			op = arm64.SXTH
		}
		e.inst(op, asmReg(d, lower.Wide(to)), src)
	default:
		e.extend(false, asmReg(d, lir.I32), src, from)
	}
}

// intToFloat converts integer x to float register dst with scvtf or
// ucvtf (exactly rounded for every width), extending i8 and i16 first.
func (e *emitter) intToFloat(signed bool, dst, x lir.Operand) {
	from, to := x.Type, dst.Type
	op := arm64.UCVTF
	if signed {
		op = arm64.SCVTF
	}
	src := e.reg(x, lower.Wide(from))
	if from.Size() < 4 {
		e.extend(signed, arm64.W(X16), src, from)
		src = arm64.W(X16)
	}
	e.inst(op, e.reg(dst, to), src)
}

// floatToInt converts float x to a 64-bit integer in register d as
// amd64's cvttsd2si does (the interpreter, in Go, agrees with amd64,
// and so do the programs' outputs on both targets): fcvtzs saturates,
// so a NaN (0) and a value too large (the most positive number, which
// no float converts to exactly) become the most negative number, the
// "integer indefinite" of amd64.
func (e *emitter) floatToInt(d int, x lir.Operand) {
	dst := asmReg(d, lir.I64)
	src := e.reg(x, x.Type)
	e.inst(arm64.FCVTZS, dst, src)
	e.indefinite(dst)
	e.inst(arm64.FCMP, src, src)
	e.inst(arm64.CSEL, dst, arm64.X(X17), dst, arm64.VS)
}

// indefinite sets x17 to the most negative number and replaces dst by it
// if dst is the most positive one.
func (e *emitter) indefinite(dst arm64.Reg) {
	e.inst(arm64.MOV, arm64.X(X17), arm64.Imm{Val: -1 << 63})
	e.inst(arm64.CMN, dst, arm64.Imm{Val: 1}) // overflows for the most positive number
	e.inst(arm64.CSEL, dst, arm64.X(X17), dst, arm64.VS)
}

// floatToUint converts float x to an unsigned 64-bit integer in register
// d as Go does on amd64: values below 2^63 (and NaN) as floatToInt;
// others convert x-2^63 and set the top bit, and those of 2^64 and up
// give the most negative number.
func (e *emitter) floatToUint(d int, x lir.Operand) {
	from := x.Type
	dst := asmReg(d, lir.I64)
	src := e.reg(x, from)
	scratch := asmReg(V31, from)
	big, done := e.NewLabel(), e.NewLabel()
	e.moveFloat(V31, lir.Float(from, 1<<63), from)
	e.inst(arm64.FCMP, src, scratch)
	e.inst(arm64.BCOND, arm64.GE, arm64.Label(big))
	e.floatToInt(d, x)
	e.inst(arm64.B, arm64.Label(done))
	e.Out.Label(big)
	e.inst(arm64.FSUB, scratch, src, scratch)
	e.inst(arm64.FCVTZS, dst, scratch)
	e.indefinite(dst)
	e.inst(arm64.ORR, dst, dst, arm64.Imm{Val: -1 << 63})
	e.Out.Label(done)
}

// load emits a load; ldrb and ldrh zero-extend i8 and i16.
func (e *emitter) load(in *lir.Load) {
	t := in.Dst.Type
	m := e.mem(t.Size(), in.Addr, in.Off)
	op := arm64.LDR
	switch t {
	case lir.I8:
		op = arm64.LDRB
	case lir.I16:
		op = arm64.LDRH
	}
	e.inst(op, e.reg(in.Dst, lower.Wide(t)), m)
}

// store emits a store of a register, of zero (from xzr) or of a
// constant set in x16; float constants are stored as their bits.
func (e *emitter) store(in *lir.Store) {
	t := in.Val.Type
	val := in.Val
	var src arm64.Reg
	switch {
	case val.Kind == lir.PhysOperand:
		src = e.reg(val, lower.Wide(t))
	case val.Kind == lir.IntOperand && immediate(val, t) == 0 || val.Kind == lir.FloatOperand && lower.FloatBits(val) == 0:
		src = arm64.WZR
		if t.Size() == 8 {
			src = arm64.XZR
		}
	default:
		if val.Kind == lir.FloatOperand {
			it := lir.I32
			if t == lir.F64 {
				it = lir.I64
			}
			val = lir.Int(it, int64(lower.FloatBits(val)))
			t = it
		}
		e.move(X16, val, t)
		src = asmReg(X16, lower.Wide(t))
	}
	op := arm64.STR
	switch t.Size() {
	case 1:
		op = arm64.STRB
	case 2:
		op = arm64.STRH
	}
	e.inst(op, src, e.mem(t.Size(), in.Addr, in.Off))
}
