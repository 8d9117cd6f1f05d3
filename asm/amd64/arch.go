package amd64

import (
	"debug/elf"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/archkit"
)

// Arch is the amd64 asm.Arch. The zero value is ready to use and safe for
// concurrent use.
type Arch struct{}

var _ asm.Arch = Arch{}

// Name returns "amd64".
func (Arch) Name() string { return "amd64" }

// Machine returns elf.EM_X86_64.
func (Arch) Machine() elf.Machine { return elf.EM_X86_64 }

// ParseInst parses one instruction, like the package function ParseInst
// but without checking that it has an encoding: the core encodes every
// instruction anyway and reports Encode's error at the instruction's
// line, so checking here would only encode everything twice.
func (Arch) ParseInst(mnemonic, operands string) (asm.Inst, error) {
	in := new(Inst)
	return archInst(in, parseInst(in, mnemonic, operands), mnemonic, operands)
}

// archInst is what Arch.ParseInst returns for in, parsed with error err.
func archInst(in *Inst, err error, mnemonic, operands string) (asm.Inst, error) {
	if e, ok := err.(*encodingError); ok {
		return badInst{strings.TrimSpace(mnemonic + " " + operands), e.err}, nil
	}
	if err != nil {
		return nil, err
	}
	return in, nil
}

// NewInstParser returns a parser for the instructions of one assembly
// that allocates them a block at a time.
func (Arch) NewInstParser() asm.InstParser {
	return &archkit.InstParser[Inst, *Inst]{Parse: parseInst, Fail: func(err error, mnemonic, operands string) (asm.Inst, error) {
		return archInst(nil, err, mnemonic, operands)
	}}
}

// A badInst is an instruction that parses but that an Inst cannot hold,
// for Arch.ParseInst to hand to the core: Encode reports why.
type badInst struct {
	text string // as written
	err  error
}

func (i badInst) Encode(dst []byte, _ *asm.Context) ([]byte, error) { return dst, i.err }
func (i badInst) String() string                                    { return i.text }

// HashComments returns true: '#' starts a comment anywhere on a line.
func (Arch) HashComments() bool { return true }

// nops are GNU as's no-op instructions of 1 to 11 bytes, as it pads code
// for alignment in 64-bit mode.
var nops = [12]string{
	1:  "\x90",
	2:  "\x66\x90",
	3:  "\x0f\x1f\x00",
	4:  "\x0f\x1f\x40\x00",
	5:  "\x0f\x1f\x44\x00\x00",
	6:  "\x66\x0f\x1f\x44\x00\x00",
	7:  "\x0f\x1f\x80\x00\x00\x00\x00",
	8:  "\x0f\x1f\x84\x00\x00\x00\x00\x00",
	9:  "\x66\x0f\x1f\x84\x00\x00\x00\x00\x00",
	10: "\x66\x2e\x0f\x1f\x84\x00\x00\x00\x00\x00",
	11: "\x66\x66\x2e\x0f\x1f\x84\x00\x00\x00\x00\x00",
}

// CodeFill appends n bytes of padding exactly as GNU as 2.40 pads code
// for .align/.p2align: 11-byte no-ops followed by one shorter no-op, and,
// when that would take more than 7 no-ops, a jmp over the padding first.
func (Arch) CodeFill(dst []byte, n int) []byte {
	if n <= 0 {
		return dst
	}
	if n/11 > 7 {
		if d := n - 2; d <= 127 {
			dst = append(dst, 0xeb, byte(d))
			n = d
		} else {
			n -= 5
			dst = append(dst, 0xe9, byte(n), byte(n>>8), byte(n>>16), byte(n>>24))
		}
	}
	for ; n >= 11; n -= 11 {
		dst = append(dst, nops[11]...)
	}
	if n > 0 {
		dst = append(dst, nops[n]...)
	}
	return dst
}

// DataReloc returns R_X86_64_8/16/32/64 or, for pcrel,
// R_X86_64_PC8/PC16/PC32/PC64.
func (Arch) DataReloc(size int, pcrel bool) (uint32, bool) { return dataRelocs.Lookup(size, pcrel) }

var dataRelocs = archkit.DataRelocs[elf.R_X86_64]{
	Abs:   [9]elf.R_X86_64{1: elf.R_X86_64_8, 2: elf.R_X86_64_16, 4: elf.R_X86_64_32, 8: elf.R_X86_64_64},
	PCRel: [9]elf.R_X86_64{1: elf.R_X86_64_PC8, 2: elf.R_X86_64_PC16, 4: elf.R_X86_64_PC32, 8: elf.R_X86_64_PC64},
}
