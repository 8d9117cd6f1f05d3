package amd64

import (
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// An Operand is one operand of an instruction: a Reg, an Imm, a Mem or a
// Rel.
type Operand interface {
	// String returns the operand in Intel syntax.
	String() string
	isOperand()
}

// An Imm is an immediate operand. A constant immediate prints as a
// number; one that refers to a symbol is an address and prints as
// "offset sym+add" (in Intel syntax a bare symbol is a memory operand).
type Imm struct {
	Expr asm.Expr
}

// Int returns the constant immediate v.
func Int(v int64) Imm { return Imm{asm.Const(v)} }

// Offset returns the immediate address sym+add ("offset sym+add").
func Offset(sym string, add int64) Imm { return Imm{asm.SymOff(sym, add)} }

// A Mem is a memory operand:
//
//	Size ptr Seg:[Base + Index*Scale + Disp]
//
// Size is the access width in bytes (1 byte, 2 word, 4 dword, 8 qword,
// 16 xmmword) or 0 when the other operands imply it. Base may be NoReg, a
// 64-bit register or RIP (then Index must be NoReg and Disp is relative
// to the end of the instruction, so [rip+foo] addresses foo). Index is
// NoReg or a 64-bit register other than RSP, and Scale is 1, 2, 4 or 8
// (0 is read as 1; the parser sets 1 whenever there is an index). Base
// and Index may instead both be 32-bit registers, for 32-bit addressing.
// Seg is NoReg, FS or GS. Disp may refer to a symbol.
type Mem struct {
	Size  int
	Seg   Reg
	Base  Reg
	Index Reg
	Scale uint8
	Disp  asm.Expr
}

// Ptr returns the memory operand Size ptr [base+disp].
func Ptr(size int, base Reg, disp int64) Mem {
	return Mem{Size: size, Base: base, Disp: asm.Const(disp)}
}

// PtrIndex returns the memory operand Size ptr [base+index*scale+disp].
func PtrIndex(size int, base, index Reg, scale uint8, disp int64) Mem {
	return Mem{Size: size, Base: base, Index: index, Scale: scale, Disp: asm.Const(disp)}
}

// RIPRel returns the RIP-relative memory operand Size ptr [rip+sym+add].
func RIPRel(size int, sym string, add int64) Mem {
	return Mem{Size: size, Base: RIP, Disp: asm.SymOff(sym, add)}
}

// A Rel is the target of a jmp, jcc or call: a label or symbol plus an
// offset, encoded relative to the end of the instruction.
type Rel struct {
	Target asm.Expr
}

// Label returns the branch target sym.
func Label(sym string) Rel { return Rel{asm.SymOff(sym, 0)} }

func (Reg) isOperand() {}
func (Imm) isOperand() {}
func (Mem) isOperand() {}
func (Rel) isOperand() {}

// String returns the immediate in Intel syntax.
func (i Imm) String() string {
	if i.Expr.IsConst() {
		return strconv.FormatInt(i.Expr.Add, 10)
	}
	return "offset " + i.Expr.String()
}

// String returns the branch target.
func (r Rel) String() string { return r.Target.String() }

var sizeNames = map[int]string{1: "byte", 2: "word", 4: "dword", 8: "qword", 16: "xmmword"}

// String returns the memory operand in Intel syntax, with "ptr" when the
// size is set.
func (m Mem) String() string {
	var b strings.Builder
	if n, ok := sizeNames[m.Size]; ok {
		b.WriteString(n)
		b.WriteString(" ptr ")
	}
	if m.Seg != NoReg {
		b.WriteString(m.Seg.String())
		b.WriteString(":")
	}
	b.WriteString("[")
	plus := false
	if m.Base != NoReg {
		b.WriteString(m.Base.String())
		plus = true
	}
	if m.Index != NoReg {
		if plus {
			b.WriteString("+")
		}
		b.WriteString(m.Index.String())
		b.WriteString("*")
		b.WriteString(strconv.Itoa(int(m.scale())))
		plus = true
	}
	d := m.Disp
	switch {
	case !plus:
		b.WriteString(d.String())
	case d.Sym != "":
		b.WriteString("+")
		b.WriteString(d.String())
	case d.Minus != "":
		// A difference with no added symbol cannot occur (ParseExpr
		// rejects it), but print something readable anyway.
		b.WriteString("+(")
		b.WriteString(d.String())
		b.WriteString(")")
	case d.Add > 0:
		b.WriteString("+")
		b.WriteString(strconv.FormatInt(d.Add, 10))
	case d.Add < 0:
		b.WriteString(strconv.FormatInt(d.Add, 10))
	}
	b.WriteString("]")
	return b.String()
}

func (m Mem) scale() uint8 {
	if m.Scale == 0 {
		return 1
	}
	return m.Scale
}

// An arg is an operand as an Inst stores it: the Operand types unboxed,
// in one struct. Storing operands inline lets the parser build an
// instruction without allocating (an Operand interface holding a Mem or
// an Imm costs an allocation each), and lets the encoder test operand
// kinds without type switches. Conversion to and from Operand is
// lossless.
type arg struct {
	kind  argKind
	reg   Reg      // argReg: the register; argMem: Base
	seg   Reg      // argMem
	index Reg      // argMem
	scale uint8    // argMem
	size  int      // argMem
	expr  asm.Expr // argImm: Expr; argMem: Disp; argRel: Target
}

type argKind uint8

const (
	argNil argKind = iota // a nil Operand, which does not encode
	argReg
	argImm
	argMem
	argRel
)

// toArg converts an operand to its stored form. ok is false for operands
// of another dynamic type (pointers to the operand types).
func toArg(o Operand) (a arg, ok bool) {
	switch o := o.(type) {
	case nil:
		return arg{}, true
	case Reg:
		return arg{kind: argReg, reg: o}, true
	case Imm:
		return arg{kind: argImm, expr: o.Expr}, true
	case Mem:
		return memArg(o), true
	case Rel:
		return arg{kind: argRel, expr: o.Target}, true
	}
	return arg{}, false
}

func memArg(m Mem) arg {
	return arg{kind: argMem, reg: m.Base, seg: m.Seg, index: m.Index, scale: m.Scale, size: m.Size, expr: m.Disp}
}

// operand returns a as an Operand.
func (a *arg) operand() Operand {
	switch a.kind {
	case argReg:
		return a.reg
	case argImm:
		return a.imm()
	case argMem:
		return a.mem()
	case argRel:
		return Rel{a.expr}
	}
	return nil
}

func (a *arg) imm() Imm { return Imm{a.expr} }

func (a *arg) mem() Mem {
	return Mem{Size: a.size, Seg: a.seg, Base: a.reg, Index: a.index, Scale: a.scale, Disp: a.expr}
}

// String returns the operand in Intel syntax, as its Operand prints.
func (a *arg) String() string {
	switch a.kind {
	case argReg:
		return a.reg.String()
	case argImm:
		return a.imm().String()
	case argMem:
		return a.mem().String()
	case argRel:
		return Rel{a.expr}.String()
	}
	return "<nil>"
}
