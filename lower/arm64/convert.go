package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

// The conversions (lower.BlockEmitter; lower.Emitter's convert picks
// them). Integer registers may hold garbage above the width of their
// type, so every conversion that reads an i8, i16 or i32 as a wider
// number extends it explicitly.

// Bitcast moves bits between integer and float registers unchanged.
func (e *emitter) Bitcast(d int, x lir.Operand, from, to lir.Type) {
	e.inst(arm64.FMOV, asmReg(d, to), asmReg(int(x.Index), from))
}

// FloatResize converts between f32 and f64.
func (e *emitter) FloatResize(dst, x lir.Operand) {
	e.inst(arm64.FCVT, e.reg(dst, dst.Type), e.reg(x, x.Type))
}

// Extend widens integer x of type from, narrower than to and than 64
// bits, into register d.
func (e *emitter) Extend(signed bool, d int, x lir.Operand, from, to lir.Type) {
	src := e.reg(x, lower.Wide(from))
	switch {
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

// IntToFloat converts integer x to float register dst with scvtf or
// ucvtf (exactly rounded for every width), extending i8 and i16 first.
func (e *emitter) IntToFloat(signed bool, dst, x lir.Operand) {
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

// FloatToInt converts float x to a 64-bit integer in register d as
// amd64's cvttsd2si does (the interpreter, in Go, agrees with amd64,
// and so do the programs' outputs on both targets): fcvtzs saturates,
// so a NaN (0) and a value too large (the most positive number, which
// no float converts to exactly) become the most negative number, the
// "integer indefinite" of amd64.
func (e *emitter) FloatToInt(d int, x lir.Operand) {
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

// FloatToUint converts float x to an unsigned 64-bit integer in register
// d as Go does on amd64: values below 2^63 (and NaN) as FloatToInt;
// others convert x-2^63 and set the top bit, and those of 2^64 and up
// give the most negative number.
func (e *emitter) FloatToUint(d int, x lir.Operand) {
	from := x.Type
	dst := asmReg(d, lir.I64)
	src := e.reg(x, from)
	scratch := asmReg(V31, from)
	big, done := e.NewLabel(), e.NewLabel()
	e.moveFloat(V31, lir.Float(from, 1<<63), from)
	e.inst(arm64.FCMP, src, scratch)
	e.inst(arm64.BCOND, arm64.GE, arm64.Label(big))
	e.FloatToInt(d, x)
	e.inst(arm64.B, arm64.Label(done))
	e.Out.Label(big)
	e.inst(arm64.FSUB, scratch, src, scratch)
	e.inst(arm64.FCVTZS, dst, scratch)
	e.indefinite(dst)
	e.inst(arm64.ORR, dst, dst, arm64.Imm{Val: -1 << 63})
	e.Out.Label(done)
}

// Load emits a load (lower.BlockEmitter); ldrb and ldrh zero-extend i8
// and i16.
func (e *emitter) Load(in *lir.Load) {
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

// Store emits a store (lower.BlockEmitter) of a register, of zero (from
// xzr) or of a constant set in x16; float constants are stored as their
// bits.
func (e *emitter) Store(in *lir.Store) {
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
		e.Move(X16, val, t)
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
