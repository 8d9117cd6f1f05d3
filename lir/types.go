package lir

import (
	"fmt"
	"math"
)

// A Type is the type of a virtual register, a constant or a memory access.
// Integers carry no signedness: the operation decides (sdiv/udiv, slt/ult,
// sext/zext), as in QBE and Cranelift.
type Type uint8

const (
	Void Type = iota // no value; the result "type" of a function returning nothing
	I8
	I16
	I32
	I64
	F32
	F64
	Ptr // an address; 64 bits wide and usable in integer arithmetic
)

var typeNames = [...]string{Void: "void", I8: "i8", I16: "i16", I32: "i32", I64: "i64", F32: "f32", F64: "f64", Ptr: "ptr"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("type(%d)", uint8(t))
}

// Size reports the width of t in bytes (0 for Void).
func (t Type) Size() int {
	switch t {
	case I8:
		return 1
	case I16:
		return 2
	case I32, F32:
		return 4
	case I64, F64, Ptr:
		return 8
	}
	return 0
}

// IsInt reports whether t is an integer type. Ptr counts as an integer.
func (t Type) IsInt() bool { return t >= I8 && t <= I64 || t == Ptr }

// IsFloat reports whether t is f32 or f64.
func (t Type) IsFloat() bool { return t == F32 || t == F64 }

func typeByName(s string) (Type, bool) {
	for i, n := range typeNames {
		if n == s {
			return Type(i), true
		}
	}
	return Void, false
}

// A Value names a virtual register: an index into Func.Values. In linear
// and cfg form a register may be assigned several times (it is a variable
// of the front end); in SSA form each register is assigned exactly once.
type Value int32

// A BlockID indexes Func.Blocks. Labels of the linear form are block IDs
// too: a label starts the block it names.
type BlockID int32

// An InstrID indexes Func.Instrs.
type InstrID int32

// A SlotID indexes Func.Slots.
type SlotID int32

// A SymID indexes Func.Syms, the names of the symbols a function refers to.
type SymID int32

// ValueInfo describes a virtual register.
type ValueInfo struct {
	Type Type // Void for an unused entry of the table
}

// OperandKind tells what an Operand holds.
type OperandKind uint8

const (
	NoOperand    OperandKind = iota // absent (ret of a void function, a call without result)
	RegOperand                      // virtual register %N; Index is the Value
	PhysOperand                     // physical register $N after allocation; Index is the target's register number
	IntOperand                      // integer constant in Imm
	FloatOperand                    // float constant; Imm holds math.Float64bits of the value
	SymOperand                      // address of symbol @name; Index is the SymID
	SlotOperand                     // address of stack slot ssN; Index is the SlotID
)

// An Operand is an input or output of an instruction. It is a small value
// (16 bytes) that carries its own Type so that a pass can move it between
// instructions without looking anything up; for registers the type must
// agree with the Func.Values entry, which Verify checks.
type Operand struct {
	Kind  OperandKind
	Type  Type
	Index int32
	Imm   int64
}

// Reg returns the operand for virtual register v of type t.
func Reg(v Value, t Type) Operand { return Operand{Kind: RegOperand, Type: t, Index: int32(v)} }

// Phys returns the operand for physical register n holding a value of type t.
func Phys(n int, t Type) Operand { return Operand{Kind: PhysOperand, Type: t, Index: int32(n)} }

// Int returns an integer constant of type t.
func Int(t Type, n int64) Operand { return Operand{Kind: IntOperand, Type: t, Imm: n} }

// Float returns a float constant of type t (F32 or F64).
func Float(t Type, f float64) Operand {
	if t == F32 {
		f = float64(float32(f))
	}
	return Operand{Kind: FloatOperand, Type: t, Imm: int64(math.Float64bits(f))}
}

// SymAddr returns the address of symbol s.
func SymAddr(s SymID) Operand { return Operand{Kind: SymOperand, Type: Ptr, Index: int32(s)} }

// SlotAddr returns the address of stack slot s.
func SlotAddr(s SlotID) Operand { return Operand{Kind: SlotOperand, Type: Ptr, Index: int32(s)} }

// IsReg reports whether o is a virtual register.
func (o Operand) IsReg() bool { return o.Kind == RegOperand }

// Value returns the register of a RegOperand.
func (o Operand) Value() Value { return Value(o.Index) }

// IsConst reports whether o is an integer or float constant.
func (o Operand) IsConst() bool { return o.Kind == IntOperand || o.Kind == FloatOperand }

// FloatValue returns the value of a FloatOperand.
func (o Operand) FloatValue() float64 { return math.Float64frombits(uint64(o.Imm)) }
