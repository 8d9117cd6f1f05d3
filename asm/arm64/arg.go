package arm64

import (
	"math"

	"github.com/naturekit/naturekit/asm"
)

// An arg is an operand as an Inst stores it: a tagged union of the
// Operand types. Storing operands unboxed lets Parse build an instruction
// in one allocation (an Operand interface holding an Imm or a Mem would
// cost one more each), keeps that allocation small and almost free of
// pointers for the garbage collector, and lets the encoder test operand
// kinds without type assertions. Conversion to and from Operand is
// lossless.
type arg struct {
	kind      argKind
	mode      AddrMode // argMem
	reg       Reg      // argReg; argRegShift, argRegExtend: the register; argMem: the base
	index     Reg      // argMem
	ext       uint8    // argRegShift: a Shift; argRegExtend, argMem: an Extend
	amount    uint8    // argRegShift, argRegExtend, argMem
	hasAmount bool     // argMem
	mod       RelocMod // argSym; argMem: Sym.Mod
	lsl       uint8    // argImm, argSym; argMem: Sym.LSL
	expr      uint32   // argSym; argMem: Sym.Expr, as an Inst.expression index
	val       int64    // argImm: Val; argFImm: the float64 bits; argMem: Off; argCond, argBarrier, argSysReg: the value; argOther: index into instMore.other
}

type argKind uint8

const (
	argNil argKind = iota // a nil Operand
	argReg
	argImm
	argFImm
	argRegShift
	argRegExtend
	argMem
	argSym
	argCond
	argBarrier
	argSysReg
	argOther // an Operand of another dynamic type (a pointer to one of the above), kept as is
)

func regArg(r Reg) arg { return arg{kind: argReg, reg: r} }

func immArg(v int64) arg { return arg{kind: argImm, val: v} }

// instMore holds what does not fit in an Inst's fixed fields; only
// unusual instructions have it.
type instMore struct {
	args  []arg      // all the operands, when there are more than len(Inst.args)
	exprs []asm.Expr // expressions 2, 3, ... (see Inst.expression)
	other []Operand  // operands of kind argOther
}

func (in *Inst) extra() *instMore {
	if in.more == nil {
		in.more = new(instMore)
	}
	return in.more
}

// argList returns the operands.
func (in *Inst) argList() []arg {
	if in.more != nil && in.more.args != nil {
		return in.more.args
	}
	return in.args[:in.nargs]
}

// addArg appends an operand.
func (in *Inst) addArg(a arg) {
	if (in.more == nil || in.more.args == nil) && int(in.nargs) < len(in.args) {
		in.args[in.nargs] = a
		in.nargs++
		return
	}
	m := in.extra()
	if m.args == nil {
		m.args = append(make([]arg, 0, 2*len(in.args)), in.args[:in.nargs]...)
	}
	m.args = append(m.args, a)
}

// addExpr stores e and returns its index for arg.expr: 0 for the zero
// Expr, 1 for Inst.expr, which holds the first (usually the only) one.
func (in *Inst) addExpr(e asm.Expr) uint32 {
	switch {
	case e == asm.Expr{}:
		return 0
	case in.expr == asm.Expr{}:
		in.expr = e
		return 1
	}
	m := in.extra()
	m.exprs = append(m.exprs, e)
	return uint32(len(m.exprs) + 1)
}

// expression returns the expression of index i (see addExpr).
func (in *Inst) expression(i uint32) asm.Expr {
	switch i {
	case 0:
		return asm.Expr{}
	case 1:
		return in.expr
	}
	return in.more.exprs[i-2]
}

// symArg returns the arg of Sym s.
func (in *Inst) symArg(s Sym) arg {
	return arg{kind: argSym, mod: s.Mod, lsl: s.LSL, expr: in.addExpr(s.Expr)}
}

// addOperand appends operand o.
func (in *Inst) addOperand(o Operand) {
	var a arg
	switch v := o.(type) {
	case nil:
		a = arg{kind: argNil}
	case Reg:
		a = regArg(v)
	case Imm:
		a = arg{kind: argImm, val: v.Val, lsl: v.LSL}
	case FImm:
		a = arg{kind: argFImm, val: int64(math.Float64bits(float64(v)))}
	case RegShift:
		a = arg{kind: argRegShift, reg: v.Reg, ext: uint8(v.Shift), amount: v.Amount}
	case RegExtend:
		a = arg{kind: argRegExtend, reg: v.Reg, ext: uint8(v.Ext), amount: v.Amount}
	case Mem:
		a = arg{kind: argMem, reg: v.Base, mode: v.Mode, val: v.Off, index: v.Index, ext: uint8(v.Ext),
			amount: v.Amount, hasAmount: v.HasAmount, mod: v.Sym.Mod, lsl: v.Sym.LSL, expr: in.addExpr(v.Sym.Expr)}
	case Sym:
		a = in.symArg(v)
	case Cond:
		a = arg{kind: argCond, val: int64(v)}
	case Barrier:
		a = arg{kind: argBarrier, val: int64(v)}
	case SysReg:
		a = arg{kind: argSysReg, val: int64(v)}
	default:
		m := in.extra()
		a = arg{kind: argOther, val: int64(len(m.other))}
		m.other = append(m.other, o)
	}
	in.addArg(a)
}

// operand returns a as an Operand.
func (in *Inst) operand(a arg) Operand {
	switch a.kind {
	case argReg:
		return a.reg
	case argImm:
		return a.imm()
	case argFImm:
		return FImm(math.Float64frombits(uint64(a.val)))
	case argRegShift:
		return RegShift{Reg: a.reg, Shift: Shift(a.ext), Amount: a.amount}
	case argRegExtend:
		return RegExtend{Reg: a.reg, Ext: Extend(a.ext), Amount: a.amount}
	case argMem:
		return in.mem(a)
	case argSym:
		return in.sym(a)
	case argCond:
		return Cond(a.val)
	case argBarrier:
		return Barrier(a.val)
	case argSysReg:
		return SysReg(a.val)
	case argOther:
		return in.more.other[a.val]
	}
	return nil
}

// The accessors below return an operand as its Operand type; the result
// is meaningful only for an arg of the matching kind.

func (a arg) imm() Imm { return Imm{Val: a.val, LSL: a.lsl} }

func (in *Inst) sym(a arg) Sym {
	return Sym{Mod: a.mod, Expr: in.expression(a.expr), LSL: a.lsl}
}

func (in *Inst) mem(a arg) Mem {
	return Mem{Base: a.reg, Mode: a.mode, Off: a.val, Index: a.index, Ext: Extend(a.ext), Amount: a.amount,
		HasAmount: a.hasAmount, Sym: in.sym(a)}
}
