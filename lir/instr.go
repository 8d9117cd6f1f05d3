package lir

// An Op is an opcode. Opcodes are grouped into families that share a
// payload type: every Binary has two operands, every Compare has two
// operands and a boolean result, and so on. Op reports the opcode; the
// concrete type of an Instr tells which fields it has.
type Op uint8

const (
	OpInvalid Op = iota

	// Binary: integer arithmetic, then float arithmetic.
	OpAdd
	OpSub
	OpMul
	OpSDiv
	OpUDiv
	OpSRem
	OpURem
	OpAnd
	OpOr
	OpXor
	OpShl
	OpLShr
	OpAShr
	OpRotr // rotate right by y mod the width
	OpFAdd
	OpFSub
	OpFMul
	OpFDiv

	// Unary.
	OpCopy
	OpNeg
	OpNot
	OpFNeg

	// Compare: the result is 1 or 0.
	OpEq
	OpNe
	OpSLt
	OpSLe
	OpSGt
	OpSGe
	OpULt
	OpULe
	OpUGt
	OpUGe
	OpFEq
	OpFNe
	OpFLt
	OpFLe
	OpFGt
	OpFGe

	// Convert.
	OpSExt
	OpZExt
	OpTrunc
	OpFExt
	OpFTrunc
	OpSIToF
	OpUIToF
	OpFToSI
	OpFToUI
	OpBitcast

	OpLoad
	OpStore
	OpStoreWB // a Store with Barrier set
	OpAddr

	// Call.
	OpCall    // direct call of a symbol
	OpCallInd // indirect call through a register
	OpRTCall  // call of a runtime entry point

	OpPhi
	OpSafepoint
	OpLabel

	// Terminators.
	OpJump
	OpBranch
	OpReturn
	OpUnreachable

	numOps
)

var opNames = [numOps]string{
	OpAdd: "add", OpSub: "sub", OpMul: "mul", OpSDiv: "sdiv", OpUDiv: "udiv",
	OpSRem: "srem", OpURem: "urem", OpAnd: "and", OpOr: "or", OpXor: "xor",
	OpShl: "shl", OpLShr: "lshr", OpAShr: "ashr", OpRotr: "rotr",
	OpFAdd: "fadd", OpFSub: "fsub", OpFMul: "fmul", OpFDiv: "fdiv",
	OpCopy: "copy", OpNeg: "neg", OpNot: "not", OpFNeg: "fneg",
	OpEq: "eq", OpNe: "ne", OpSLt: "slt", OpSLe: "sle", OpSGt: "sgt", OpSGe: "sge",
	OpULt: "ult", OpULe: "ule", OpUGt: "ugt", OpUGe: "uge",
	OpFEq: "feq", OpFNe: "fne", OpFLt: "flt", OpFLe: "fle", OpFGt: "fgt", OpFGe: "fge",
	OpSExt: "sext", OpZExt: "zext", OpTrunc: "trunc", OpFExt: "fext", OpFTrunc: "ftrunc",
	OpSIToF: "sitof", OpUIToF: "uitof", OpFToSI: "ftosi", OpFToUI: "ftoui", OpBitcast: "bitcast",
	OpLoad: "load", OpStore: "store", OpStoreWB: "storewb", OpAddr: "addr",
	OpCall: "call", OpCallInd: "callind", OpRTCall: "rtcall",
	OpPhi: "phi", OpSafepoint: "safepoint", OpLabel: "label",
	OpJump: "jmp", OpBranch: "br", OpReturn: "ret", OpUnreachable: "unreachable",
}

// storeOp is the op of a store, OpStoreWB with the write barrier.
func storeOp(barrier bool) Op {
	if barrier {
		return OpStoreWB
	}
	return OpStore
}

func (op Op) String() string {
	if op < numOps && opNames[op] != "" {
		return opNames[op]
	}
	return "op?"
}

// IsBinary, IsUnary, IsCompare and IsConvert report the family of op.
func (op Op) IsBinary() bool  { return op >= OpAdd && op <= OpFDiv }
func (op Op) IsUnary() bool   { return op >= OpCopy && op <= OpFNeg }
func (op Op) IsCompare() bool { return op >= OpEq && op <= OpFGe }
func (op Op) IsConvert() bool { return op >= OpSExt && op <= OpBitcast }

// IsFloatOp reports whether a Binary, Unary or Compare op works on floats.
func (op Op) IsFloatOp() bool {
	return op >= OpFAdd && op <= OpFDiv || op == OpFNeg || op >= OpFEq && op <= OpFGe
}

// IsCommutative reports whether x op y == y op x.
func (op Op) IsCommutative() bool {
	switch op {
	case OpAdd, OpMul, OpAnd, OpOr, OpXor, OpEq, OpNe, OpFAdd, OpFMul, OpFEq, OpFNe:
		return true
	}
	return false
}

func opByName(s string) (Op, bool) {
	for i, n := range opNames {
		if n == s && n != "" {
			return Op(i), true
		}
	}
	return OpInvalid, false
}

// An Instr is one instruction. The concrete types below are the payloads;
// a type switch on them is the usual way to inspect an instruction, and
// Dest and Operands give passes uniform access to registers.
type Instr interface {
	Op() Op
	// Dest returns the operand the instruction writes, or nil.
	Dest() *Operand
	// Operands appends pointers to the operands the instruction reads, so
	// a pass can rewrite them in place.
	Operands(rands []*Operand) []*Operand
}

// Binary is Dst = X op Y for integer (Ptr included) or float operands of
// the destination's type.
type Binary struct {
	Opcode Op
	Dst    Operand
	X, Y   Operand
}

// Unary is Dst = op X: copy, neg, not (bitwise) or fneg.
type Unary struct {
	Opcode Op
	Dst    Operand
	X      Operand
}

// Compare is Dst = X cond Y, with Dst an integer register set to 1 or 0.
// X and Y have the same type, printed after the opcode (slt.i64).
type Compare struct {
	Opcode Op
	Dst    Operand
	X, Y   Operand
}

// Convert changes the type of X to the type of Dst.
type Convert struct {
	Opcode Op
	Dst    Operand
	X      Operand
}

// Load reads Dst.Type.Size() bytes at Addr+Off.
type Load struct {
	Dst  Operand
	Addr Operand
	Off  int64
}

// Store writes Val (Val.Type.Size() bytes) at Addr+Off. With Barrier
// (text form storewb.ptr, op OpStoreWB) it is a pointer store into a
// collected object or a global through the collector's write barrier:
// the back end's lowering of a call of the runtime's WriteBarrier
// (lower.Options.Barriers), made after the SSA passes, which the
// register allocator sees as a store and emission as a test of the
// collector's marking flag, the store, and a call of the runtime out of
// line while it is set (docs/runtime-abi.md, "The write barrier").
type Store struct {
	Val     Operand
	Addr    Operand
	Off     int64
	Barrier bool
}

// Addr computes Dst = Base + Index*Scale + Off, the address arithmetic
// most machines do in one instruction.
type Addr struct {
	Dst   Operand
	Base  Operand
	Index Operand
	Scale int64
	Off   int64
}

// Call calls Callee with Args under the platform C ABI. Opcode is OpCall
// (Callee is a SymOperand), OpCallInd (Callee is a ptr register) or
// OpRTCall (Callee is the runtime entry point's SymOperand). Dst is
// NoOperand for a call without result.
type Call struct {
	Opcode Op
	Dst    Operand
	Callee Operand
	Args   []Operand
}

// Phi selects, on entry to its block, the operand of the edge the block
// was entered by. Phis come first in a block.
type Phi struct {
	Dst   Operand
	Edges []PhiEdge
}

// PhiEdge is the value a Phi takes when its block is entered from Pred.
type PhiEdge struct {
	Pred BlockID
	Val  Operand
}

// Safepoint marks a place where the runtime may stop the function for the
// collector (function entries and loop back-edges).
type Safepoint struct{}

// Label starts the block Block in linear form. It never appears in a block.
type Label struct{ Block BlockID }

// Jump transfers control to Target.
type Jump struct{ Target BlockID }

// Branch goes to Then if Cond is non-zero, else to Else.
type Branch struct {
	Cond       Operand
	Then, Else BlockID
}

// Return leaves the function with Val (NoOperand for a void function).
type Return struct{ Val Operand }

// Unreachable traps. cfg places it where control would fall off the end
// of a function; the interpreter reports an error if it runs.
type Unreachable struct{}

func (i *Binary) Op() Op          { return i.Opcode }
func (i *Unary) Op() Op           { return i.Opcode }
func (i *Compare) Op() Op         { return i.Opcode }
func (i *Convert) Op() Op         { return i.Opcode }
func (*Load) Op() Op              { return OpLoad }
func (i *Store) Op() Op           { return storeOp(i.Barrier) }
func (*Addr) Op() Op              { return OpAddr }
func (i *Call) Op() Op            { return i.Opcode }
func (*Phi) Op() Op               { return OpPhi }
func (*Safepoint) Op() Op         { return OpSafepoint }
func (*Label) Op() Op             { return OpLabel }
func (*Jump) Op() Op              { return OpJump }
func (*Branch) Op() Op            { return OpBranch }
func (*Return) Op() Op            { return OpReturn }
func (*Unreachable) Op() Op       { return OpUnreachable }
func (i *Binary) Dest() *Operand  { return &i.Dst }
func (i *Unary) Dest() *Operand   { return &i.Dst }
func (i *Compare) Dest() *Operand { return &i.Dst }
func (i *Convert) Dest() *Operand { return &i.Dst }
func (i *Load) Dest() *Operand    { return &i.Dst }
func (*Store) Dest() *Operand     { return nil }
func (i *Addr) Dest() *Operand    { return &i.Dst }
func (i *Call) Dest() *Operand {
	if i.Dst.Kind == NoOperand {
		return nil
	}
	return &i.Dst
}
func (i *Phi) Dest() *Operand       { return &i.Dst }
func (*Safepoint) Dest() *Operand   { return nil }
func (*Label) Dest() *Operand       { return nil }
func (*Jump) Dest() *Operand        { return nil }
func (*Branch) Dest() *Operand      { return nil }
func (*Return) Dest() *Operand      { return nil }
func (*Unreachable) Dest() *Operand { return nil }

func (i *Binary) Operands(r []*Operand) []*Operand  { return append(r, &i.X, &i.Y) }
func (i *Unary) Operands(r []*Operand) []*Operand   { return append(r, &i.X) }
func (i *Compare) Operands(r []*Operand) []*Operand { return append(r, &i.X, &i.Y) }
func (i *Convert) Operands(r []*Operand) []*Operand { return append(r, &i.X) }
func (i *Load) Operands(r []*Operand) []*Operand    { return append(r, &i.Addr) }
func (i *Store) Operands(r []*Operand) []*Operand   { return append(r, &i.Val, &i.Addr) }
func (i *Addr) Operands(r []*Operand) []*Operand    { return append(r, &i.Base, &i.Index) }
func (i *Call) Operands(r []*Operand) []*Operand {
	r = append(r, &i.Callee)
	for k := range i.Args {
		r = append(r, &i.Args[k])
	}
	return r
}
func (i *Phi) Operands(r []*Operand) []*Operand {
	for k := range i.Edges {
		r = append(r, &i.Edges[k].Val)
	}
	return r
}
func (*Safepoint) Operands(r []*Operand) []*Operand { return r }
func (*Label) Operands(r []*Operand) []*Operand     { return r }
func (*Jump) Operands(r []*Operand) []*Operand      { return r }
func (i *Branch) Operands(r []*Operand) []*Operand  { return append(r, &i.Cond) }
func (i *Return) Operands(r []*Operand) []*Operand {
	if i.Val.Kind == NoOperand {
		return r
	}
	return append(r, &i.Val)
}
func (*Unreachable) Operands(r []*Operand) []*Operand { return r }

// IsTerminator reports whether in ends a block.
func IsTerminator(in Instr) bool {
	switch in.(type) {
	case *Jump, *Branch, *Return, *Unreachable:
		return true
	}
	return false
}

// Successors appends the blocks a terminator may transfer control to,
// without duplicates.
func Successors(in Instr, succs []BlockID) []BlockID {
	switch in := in.(type) {
	case *Jump:
		return append(succs, in.Target)
	case *Branch:
		succs = append(succs, in.Then)
		if in.Else != in.Then {
			succs = append(succs, in.Else)
		}
	}
	return succs
}

// HasSideEffects reports whether in does anything besides computing its
// destination, so that dead code elimination must keep it. Division may
// trap, so it counts as a side effect unless its divisor is a non-zero
// constant; so does a load through a register, which may be a nil
// pointer (a fault the runtime reports: a program must fail the same way
// whether or not the loaded value is used, at every optimisation level).
// Loads from stack slots and symbols cannot fault.
func HasSideEffects(in Instr) bool {
	switch in := in.(type) {
	case *Binary:
		switch in.Opcode {
		case OpSDiv, OpUDiv, OpSRem, OpURem:
			return in.Y.Kind != IntOperand || in.Y.Imm == 0
		}
		return false
	case *Load:
		return in.Addr.Kind == RegOperand || in.Addr.Kind == PhysOperand
	case *Unary, *Compare, *Convert, *Addr, *Phi:
		return false
	}
	return true
}

// ReplaceTarget rewrites the successors of terminator in that are old to new.
func ReplaceTarget(in Instr, old, new BlockID) {
	switch in := in.(type) {
	case *Jump:
		if in.Target == old {
			in.Target = new
		}
	case *Branch:
		if in.Then == old {
			in.Then = new
		}
		if in.Else == old {
			in.Else = new
		}
	}
}
