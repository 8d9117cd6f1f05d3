package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lower"
)

var intOps = map[lir.Op]amd64.Op{
	lir.OpAdd: amd64.ADD, lir.OpSub: amd64.SUB, lir.OpMul: amd64.IMUL,
	lir.OpAnd: amd64.AND, lir.OpOr: amd64.OR, lir.OpXor: amd64.XOR,
	lir.OpShl: amd64.SHL, lir.OpLShr: amd64.SHR, lir.OpAShr: amd64.SAR,
	lir.OpRotr: amd64.ROR,
}

var floatOps = map[lir.Op][2]amd64.Op{ // [f32, f64]
	lir.OpFAdd: {amd64.ADDSS, amd64.ADDSD}, lir.OpFSub: {amd64.SUBSS, amd64.SUBSD},
	lir.OpFMul: {amd64.MULSS, amd64.MULSD}, lir.OpFDiv: {amd64.DIVSS, amd64.DIVSD},
}

func floatOp(ops [2]amd64.Op, t lir.Type) amd64.Op {
	if t == lir.F32 {
		return ops[0]
	}
	return ops[1]
}

// Binary emits a binary operation (lower.BlockEmitter).
func (e *emitter) Binary(in *lir.Binary) {
	switch in.Opcode {
	case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
		e.divide(in)
	case lir.OpShl, lir.OpLShr, lir.OpAShr, lir.OpRotr:
		e.shift(in)
	case lir.OpFAdd, lir.OpFSub, lir.OpFMul, lir.OpFDiv:
		e.twoAddress(floatOp(floatOps[in.Opcode], in.Dst.Type), in, ScratchFP)
	default:
		if !e.leaForm(in) {
			e.twoAddress(intOps[in.Opcode], in, ScratchGP)
		}
	}
}

// leaForm emits add and sub into a register other than the first operand
// as one lea, and multiplication by a constant as a three-operand imul.
func (e *emitter) leaForm(in *lir.Binary) bool {
	x, y, t := in.X, in.Y, lower.Wide(in.Dst.Type)
	if x.Kind != lir.PhysOperand || isPhys(x, int(in.Dst.Index)) && in.Opcode != lir.OpMul {
		return false
	}
	dst := e.reg(in.Dst, t)
	imm, fits := int64(0), false
	if y.Kind == lir.IntOperand {
		imm, fits = immediate(y, t)
	}
	switch {
	case in.Opcode == lir.OpAdd && y.Kind == lir.PhysOperand:
		e.inst(amd64.LEA, asmReg(int(in.Dst.Index), lir.I64), amd64.PtrIndex(0, e.reg(x, lir.I64), e.reg(y, lir.I64), 1, 0))
	case in.Opcode == lir.OpAdd && fits:
		e.inst(amd64.LEA, asmReg(int(in.Dst.Index), lir.I64), amd64.Ptr(0, e.reg(x, lir.I64), imm))
	case in.Opcode == lir.OpSub && fits && imm != -1<<31:
		e.inst(amd64.LEA, asmReg(int(in.Dst.Index), lir.I64), amd64.Ptr(0, e.reg(x, lir.I64), -imm))
	case in.Opcode == lir.OpMul && fits:
		e.inst(amd64.IMUL, dst, e.reg(x, t), amd64.Int(imm))
	default:
		return false
	}
	return true
}

// twoAddress emits dst = x op y with the two-address instruction "op
// dst, y": dst is set to x first, unless dst is y, in which case a
// commutative op swaps its operands and any other goes through the
// scratch register.
func (e *emitter) twoAddress(op amd64.Op, in *lir.Binary, scratch int) {
	t := lower.Wide(in.Dst.Type)
	d := int(in.Dst.Index)
	dst := e.reg(in.Dst, t)
	x, y := in.X, in.Y
	if isPhys(y, d) && !isPhys(x, d) {
		if in.Opcode.IsCommutative() {
			x, y = y, x
		} else {
			e.Move(scratch, y, t)
			y = lir.Phys(scratch, t)
		}
	}
	e.Move(d, x, t)
	src := e.source(y, t, scratch)
	if op == amd64.IMUL {
		if imm, ok := src.(amd64.Imm); ok {
			e.inst(op, dst, dst, imm)
			return
		}
	}
	e.inst(op, dst, src)
}

// shift emits a shift or rotation by a constant, or by cl. Right shifts
// and rotations of i8 and i16 work on the narrow register so that the
// bits shifted in are right.
func (e *emitter) shift(in *lir.Binary) {
	t := in.Dst.Type
	if in.Opcode == lir.OpShl || t.Size() >= 4 {
		t = lower.Wide(t)
	}
	op := intOps[in.Opcode]
	d := int(in.Dst.Index)
	bits := uint64(in.Dst.Type.Size() * 8)
	if in.Y.Kind == lir.IntOperand {
		e.Move(d, in.X, t)
		if c := uint64(in.Y.Imm) % bits; c != 0 {
			e.inst(op, e.reg(in.Dst, t), amd64.Int(int64(c)))
		}
		return
	}
	if !isPhys(in.Y, RCX) {
		e.Fail("%s: shift count not in rcx", e.F.FormatInstr(in))
		return
	}
	if d == RCX {
		e.Move(ScratchGP, in.X, t)
		e.inst(op, r11(t), amd64.CL)
		e.inst(amd64.MOV, asmReg(RCX, lower.Wide(t)), r11(lower.Wide(t)))
		return
	}
	e.Move(d, in.X, t)
	e.inst(op, e.reg(in.Dst, t), amd64.CL)
}

// divide emits division and remainder: the dividend is in rax (lowering
// put it there), the quotient lands in rax and the remainder in rdx.
// i8 and i16 divide in 32 bits after extending both operands; i32 and
// i64 signed division by a register that may be -1 goes around idiv,
// which would fault on the most negative dividend, to give the wrapped
// result LIR defines.
func (e *emitter) divide(in *lir.Binary) {
	t := in.Dst.Type
	signed := in.Opcode == lir.OpSDiv || in.Opcode == lir.OpSRem
	rem := in.Opcode == lir.OpSRem || in.Opcode == lir.OpURem
	want := RAX
	if rem {
		want = RDX
	}
	if !isPhys(in.X, RAX) || !isPhys(in.Dst, want) {
		e.Fail("%s: division operands not in rax and rdx", e.F.FormatInstr(in))
		return
	}
	w := lower.Wide(t)
	if in.Y.Kind == lir.IntOperand && signed {
		if v, _ := immediate(in.Y, t); v == -1 {
			e.divideByMinusOne(rem, w)
			return
		}
	}
	divisor := ScratchGP
	if in.Y.Kind == lir.PhysOperand && !isPhys(in.Y, RDX) && !isPhys(in.Y, RAX) {
		divisor = int(in.Y.Index)
	} else {
		e.Move(ScratchGP, in.Y, t)
	}
	if t.Size() < 4 {
		ext := amd64.MOVZX
		if signed {
			ext = amd64.MOVSX
		}
		e.inst(ext, amd64.EAX, asmReg(RAX, t))
		e.inst(ext, r11(lir.I32), asmReg(divisor, t))
		divisor = ScratchGP
	}
	var done string
	if signed && t.Size() >= 4 && in.Y.Kind != lir.IntOperand {
		div, around := e.NewLabel(), e.NewLabel()
		done = around
		e.inst(amd64.CMP, asmReg(divisor, w), amd64.Int(-1))
		e.inst(amd64.JNE, amd64.Label(div))
		e.divideByMinusOne(rem, w)
		e.inst(amd64.JMP, amd64.Label(done))
		e.Out.Label(div)
	}
	switch {
	case !signed:
		e.inst(amd64.XOR, amd64.EDX, amd64.EDX)
	case w == lir.I64:
		e.inst(amd64.CQO)
	default:
		e.inst(amd64.CDQ)
	}
	op := amd64.DIV
	if signed {
		op = amd64.IDIV
	}
	e.inst(op, asmReg(divisor, w))
	if done != "" {
		e.Out.Label(done)
	}
}

// divideByMinusOne sets the quotient (-x) or remainder (0) of a signed
// division by -1.
func (e *emitter) divideByMinusOne(rem bool, w lir.Type) {
	if rem {
		e.inst(amd64.XOR, amd64.EDX, amd64.EDX)
		return
	}
	e.inst(amd64.NEG, asmReg(RAX, w))
}

// Unary emits a negation or a complement (lower.BlockEmitter).
func (e *emitter) Unary(in *lir.Unary) {
	t := in.Dst.Type
	d := int(in.Dst.Index)
	switch in.Opcode {
	case lir.OpNeg, lir.OpNot:
		e.Move(d, in.X, t)
		op := amd64.NEG
		if in.Opcode == lir.OpNot {
			op = amd64.NOT
		}
		e.inst(op, e.reg(in.Dst, lower.Wide(t)))
	case lir.OpFNeg:
		e.Move(d, in.X, t)
		sign := lir.Int(lir.I64, -1<<63)
		if t == lir.F32 {
			sign = lir.Int(lir.I64, 1<<31)
		}
		e.moveInt(ScratchGP, sign, lir.I64)
		e.inst(amd64.MOVQ, x15, r11(lir.I64))
		e.inst(amd64.XORPS, e.reg(in.Dst, t), x15)
	}
}
