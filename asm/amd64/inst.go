package amd64

import (
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

// An Inst is one amd64 instruction with typed operands, in Intel operand
// order (destination first). It implements asm.Inst.
//
//	add qword ptr [rax+8], 1
//	Inst{Op: ADD, Args: []Operand{Ptr(8, RAX, 8), Int(1)}}
//
// The same Op may have several encodings (add rax, 1 uses the
// sign-extended 8-bit immediate form 83 /0 ib); Encode picks the one GNU
// as picks.
type Inst struct {
	Prefix Prefix
	Op     Op
	Args   []Operand
}

// New returns the instruction op args...
func New(op Op, args ...Operand) Inst { return Inst{Op: op, Args: args} }

var _ asm.Inst = Inst{}

// String returns the instruction in the Intel syntax that GNU as accepts
// under ".intel_syntax noprefix"; ParseInst reads it back.
func (in Inst) String() string {
	var b strings.Builder
	if in.Prefix != NoPrefix && int(in.Prefix) < len(prefixNames) {
		b.WriteString(prefixNames[in.Prefix])
		b.WriteByte(' ')
	}
	b.WriteString(in.Op.String())
	for i, a := range in.Args {
		if i == 0 {
			b.WriteByte(' ')
		} else {
			b.WriteString(", ")
		}
		if a == nil {
			b.WriteString("<nil>")
			continue
		}
		b.WriteString(a.String())
	}
	return b.String()
}
