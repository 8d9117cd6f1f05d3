package regalloc

import "github.com/naturekit/naturekit/lir"

// A Class is a register class. Every value lives in the class its type
// implies: floats in FP, everything else (integers, ptr) in GP.
type Class uint8

const (
	GP Class = iota // general-purpose (integer and pointer) registers
	FP              // floating-point registers
	NumClasses
)

// ClassOf returns the register class of a value of type t.
func ClassOf(t lir.Type) Class {
	if t == lir.F32 || t == lir.F64 {
		return FP
	}
	return GP
}

// A Target describes an architecture's registers to the allocator; the
// allocator knows nothing else about the machine. Registers are the
// numbers of lir's physical-register operands ($N): a Target numbers them
// 0..len(Regs)-1.
//
// Lowering (lower/<arch>) expresses every machine constraint before
// allocation in plain LIR: arguments and results of calls, parameters
// and return values are copied to and from physical-register operands;
// an instruction that needs an operand in a particular register (amd64
// division in rdx:rax, a shift count in cl) reads or writes a
// physical-register operand. The allocator treats every physical
// register operand as a fixed interval: the register is unavailable to
// other values where it is live.
type Target struct {
	Name string
	// Regs names every register, indexed by register number.
	Regs []Reg
	// Allocatable lists, per class, the registers values may be given,
	// in order of preference. Registers not listed (stack pointer, frame
	// pointer, a scratch register reserved for emission) are never
	// assigned.
	Allocatable [NumClasses][]int
	// CallerSaved lists the registers a call destroys: values live
	// across a call are kept elsewhere (callee-saved registers or spill
	// slots).
	CallerSaved []int
	// Scratch gives, per class, a register outside Allocatable that the
	// allocator may use to break cycles of parallel moves; emission may
	// use it too between instructions (it holds no value across one).
	Scratch [NumClasses]int
	// Clobbers, if not nil, appends to dst the registers instruction in
	// destroys besides its physical-register operands (for example a
	// division that writes a second register it does not name).
	Clobbers func(in lir.Instr, dst []int) []int
}

// A Reg is one register of a Target.
type Reg struct {
	Name        string
	Class       Class
	CalleeSaved bool // preserved across calls: a function that uses it saves and restores it
}
