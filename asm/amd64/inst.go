package amd64

import (
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// An Op is an instruction mnemonic (see ops.go for the list).
type Op uint16

// String returns the canonical lower-case mnemonic.
func (op Op) String() string {
	if op < numOps && opNames[op] != "" {
		return opNames[op]
	}
	return "bad"
}

// A Prefix is an instruction prefix written as a separate word in front
// of the mnemonic. Operand-size, REX and mandatory SSE prefixes are not
// Prefixes: the encoder derives them from the operands.
type Prefix uint8

// Prefixes.
const (
	NoPrefix Prefix = iota
	Lock            // lock: atomic read-modify-write (f0)
	Rep             // rep / repe / repz (f3)
	Repne           // repne / repnz (f2)
)

var prefixNames = [...]string{Lock: "lock", Rep: "rep", Repne: "repne"}

// maxArgs is the most operands an amd64 instruction has.
const maxArgs = 3

// An Inst is one amd64 instruction with typed operands, in Intel operand
// order (destination first). *Inst implements asm.Inst. New builds one
// from operands, ParseInst from text:
//
//	add qword ptr [rax+8], 1
//	New(ADD, Ptr(8, RAX, 8), Int(1))
//
// The same Op may have several encodings (add rax, 1 uses the
// sign-extended 8-bit immediate form 83 /0 ib); Encode picks the one GNU
// as picks. Args returns the operands. Two instructions are the same if
// *a == *b. An asm.Builder keeps the *Inst it is given: do not change the
// instruction afterwards.
type Inst struct {
	Prefix Prefix
	Op     Op

	// The operands are stored unboxed and inline (see arg), so that an
	// Inst is a single allocation. Unused slots are zero, which keeps ==
	// meaningful.
	nargs uint8
	args  [maxArgs]arg
}

// New returns the instruction op args..., without a prefix (set
// Inst.Prefix for one). It panics if there are more than three operands
// or an operand is not a Reg, Imm, Mem or Rel; a nil operand is kept, and
// Encode rejects it.
func New(op Op, args ...Operand) *Inst {
	if len(args) > maxArgs {
		panic(fmt.Sprintf("amd64.New: %d operands (an instruction has at most %d)", len(args), maxArgs))
	}
	in := &Inst{Op: op, nargs: uint8(len(args))}
	for i, o := range args {
		a, ok := toArg(o)
		if !ok {
			panic(fmt.Sprintf("amd64.New: operand of type %T", o))
		}
		in.args[i] = a
	}
	return in
}

var _ asm.Inst = (*Inst)(nil)

// Args returns the operands in Intel order. The slice is new: changing it
// does not change the instruction.
func (in *Inst) Args() []Operand {
	out := make([]Operand, in.nargs)
	for i := range out {
		out[i] = in.args[i].operand()
	}
	return out
}

// String returns the instruction in the Intel syntax that GNU as accepts
// under ".intel_syntax noprefix"; ParseInst reads it back.
func (in *Inst) String() string {
	var b strings.Builder
	if in.Prefix != NoPrefix && int(in.Prefix) < len(prefixNames) {
		b.WriteString(prefixNames[in.Prefix])
		b.WriteByte(' ')
	}
	b.WriteString(in.Op.String())
	for i := range in.nargs {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		b.WriteString(in.args[i].String())
	}
	return b.String()
}
