package arm64

import (
	"debug/elf"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// An Inst is one AArch64 instruction: a mnemonic and its operands in GNU
// order (destination first). Every instruction encodes to 4 bytes.
//
//	add x0, x1, #16          Inst{Op: ADD, Args: []Operand{X0, X1, Imm{Val: 16}}}
//	ldr x0, [sp, #8]         Inst{Op: LDR, Args: []Operand{X0, Mem{Base: SP, Off: 8}}}
//	b.ne .L3                 Inst{Op: BCOND, Args: []Operand{NE, Label(".L3")}}
//	adrp x0, :got:foo        Inst{Op: ADRP, Args: []Operand{X0, Sym{Mod: ModGot, Expr: asm.SymOff("foo", 0)}}}
//
// Inst implements asm.Inst.
type Inst struct {
	Op   Op
	Args []Operand
}

// New returns the instruction op with the given operands.
func New(op Op, args ...Operand) *Inst { return &Inst{Op: op, Args: args} }

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
	args := in.Args
	if in.Op == BCOND && len(args) > 0 {
		b.WriteString("b.")
		b.WriteString(args[0].String())
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
		if a == nil {
			b.WriteString("<nil>")
			continue
		}
		if im, ok := a.(Imm); ok && in.bitsImm() {
			b.WriteString(im.hexString(len(in.Args) > 0 && isX(in.Args[0])))
			continue
		}
		b.WriteString(a.String())
	}
	return b.String()
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

func isX(a Operand) bool {
	r, ok := a.(Reg)
	return ok && r.Is64()
}

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
func (Arch) DataReloc(size int, pcrel bool) (uint32, bool) {
	var r elf.R_AARCH64
	switch {
	case size == 2 && !pcrel:
		r = elf.R_AARCH64_ABS16
	case size == 4 && !pcrel:
		r = elf.R_AARCH64_ABS32
	case size == 8 && !pcrel:
		r = elf.R_AARCH64_ABS64
	case size == 2:
		r = elf.R_AARCH64_PREL16
	case size == 4:
		r = elf.R_AARCH64_PREL32
	case size == 8:
		r = elf.R_AARCH64_PREL64
	default:
		return 0, false
	}
	return uint32(r), true
}
