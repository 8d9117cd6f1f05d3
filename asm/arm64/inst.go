package arm64

import (
	"debug/elf"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/archkit"
)

// An Inst is one AArch64 instruction: a mnemonic and its operands in GNU
// order (destination first). Every instruction encodes to 4 bytes. New
// builds one from typed operands and Parse from text:
//
//	add x0, x1, #16          New(ADD, X0, X1, Imm{Val: 16})
//	ldr x0, [sp, #8]         New(LDR, X0, Mem{Base: SP, Off: 8})
//	b.ne .L3                 New(BCOND, NE, Label(".L3"))
//	adrp x0, :got:foo        New(ADRP, X0, Sym{Mod: ModGot, Expr: asm.SymOff("foo", 0)})
//
// An Inst is immutable; Args returns its operands. Inst implements
// asm.Inst.
type Inst struct {
	Op Op

	// The operands, stored unboxed (see arg) so that Parse builds an Inst
	// in a single small allocation: the first len(args) inline (more.args
	// holds them all when there are more), and the first symbolic
	// expression in expr.
	nargs uint8
	args  [4]arg
	expr  asm.Expr
	more  *instMore
}

// New returns the instruction op with the given operands.
func New(op Op, args ...Operand) *Inst {
	in := &Inst{Op: op}
	for _, a := range args {
		in.addOperand(a)
	}
	return in
}

// Args returns the instruction's operands in GNU order. The slice is a
// copy: changing it does not change the instruction.
func (in *Inst) Args() []Operand {
	args := in.argList()
	out := make([]Operand, len(args))
	for i, a := range args {
		out[i] = in.operand(a)
	}
	return out
}

// String returns the mnemonic, as GNU as spells it.
func (op Op) String() string {
	if op < numOps && opNames[op] != "" {
		return opNames[op]
	}
	return "op?"
}

// String returns the instruction in GNU syntax; ParseInst reads it back.
func (in *Inst) String() string {
	var b strings.Builder
	all := in.argList()
	args := all
	if in.Op == BCOND && len(args) > 0 {
		b.WriteString("b.")
		b.WriteString(in.argString(args[0]))
		args = args[1:]
	} else {
		b.WriteString(in.Op.String())
	}
	for i, a := range args {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(", ")
		}
		if a.kind == argImm && in.bitsImm() {
			b.WriteString(a.imm().hexString(isX(all[0])))
			continue
		}
		b.WriteString(in.argString(a))
	}
	return b.String()
}

// argString formats an operand as its Operand's String method does.
func (in *Inst) argString(a arg) string {
	o := in.operand(a)
	if o == nil {
		return "<nil>"
	}
	return o.String()
}

// bitsImm reports whether the instruction's immediate is a bit pattern,
// best printed in hex.
func (in *Inst) bitsImm() bool {
	switch in.Op {
	case AND, ORR, EOR, ANDS, BIC, BICS, ORN, EON, TST, MOV:
		return true
	}
	return false
}

func isX(a arg) bool { return a.kind == argReg && a.reg.Is64() }

// Encode appends the 4-byte encoding of the instruction to dst. See
// asm.Inst.
func (in *Inst) Encode(dst []byte, ctx *asm.Context) ([]byte, error) {
	w, err := encode(in, ctx.PC, ctx)
	if err != nil {
		return dst, err
	}
	return append(dst, byte(w), byte(w>>8), byte(w>>16), byte(w>>24)), nil
}

// A symbolEnv is the part of *asm.Context the encoder uses.
type symbolEnv interface {
	Resolvable(name string) (uint64, bool)
	AddReloc(offset int, typ uint32, sym string, addend int64)
}

// Arch is the AArch64 architecture for the asm core. The zero value is
// ready to use and safe for concurrent use.
type Arch struct{}

var _ asm.Arch = Arch{}

// Name returns "arm64".
func (Arch) Name() string { return "arm64" }

// Machine returns elf.EM_AARCH64.
func (Arch) Machine() elf.Machine { return elf.EM_AARCH64 }

// HashComments returns false: '#' prefixes immediates.
func (Arch) HashComments() bool { return false }

// ParseInst parses one instruction in GNU syntax.
func (Arch) ParseInst(mnemonic, operands string) (asm.Inst, error) {
	in, err := Parse(mnemonic, operands)
	if err != nil {
		return nil, err
	}
	return in, nil
}

// NewInstParser returns a parser for the instructions of one assembly
// that allocates them a block at a time.
func (Arch) NewInstParser() asm.InstParser { return &archkit.InstParser[Inst, *Inst]{Parse: parseInto} }

// CodeFill appends n bytes of code padding: nop instructions, preceded by
// zero bytes when n is not a multiple of 4, as GNU as does.
func (Arch) CodeFill(dst []byte, n int) []byte {
	for ; n%4 != 0; n-- {
		dst = append(dst, 0)
	}
	for ; n > 0; n -= 4 {
		dst = append(dst, 0x1f, 0x20, 0x03, 0xd5)
	}
	return dst
}

// DataReloc returns R_AARCH64_ABS16/32/64 or, for pcrel, PREL16/32/64.
func (Arch) DataReloc(size int, pcrel bool) (uint32, bool) { return dataRelocs.Lookup(size, pcrel) }

var dataRelocs = archkit.DataRelocs[elf.R_AARCH64]{
	Abs:   [9]elf.R_AARCH64{2: elf.R_AARCH64_ABS16, 4: elf.R_AARCH64_ABS32, 8: elf.R_AARCH64_ABS64},
	PCRel: [9]elf.R_AARCH64{2: elf.R_AARCH64_PREL16, 4: elf.R_AARCH64_PREL32, 8: elf.R_AARCH64_PREL64},
}
