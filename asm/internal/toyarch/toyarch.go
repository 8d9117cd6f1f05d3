// Package toyarch is a minimal asm.Arch for testing the assembler's core
// without a real encoder: the core's own tests and its golden tests
// (asm/internal/goldentest) use it. Its instructions, with x86-like
// encodings:
//
//	nop        90
//	jmp L      eb rel8, or e9 rel32 when it does not fit (relaxable)
//	call S     e8 rel32 (R_X86_64_PLT32 unless resolvable)
//	addr S     4 bytes, R_X86_64_32 against S
//	bad        fails to encode
package toyarch

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// Arch is the toy architecture, named "toy": .align counts powers of two.
type Arch struct{}

// AMD64 is Arch under the name "amd64", for which .align counts bytes
// rather than powers of two.
type AMD64 struct{ Arch }

func (AMD64) Name() string { return "amd64" }

func (Arch) Name() string         { return "toy" }
func (Arch) Machine() elf.Machine { return elf.EM_X86_64 }
func (Arch) HashComments() bool   { return true }
func (Arch) CodeFill(dst []byte, n int) []byte {
	return append(dst, bytes.Repeat([]byte{0x90}, n)...)
}

func (Arch) DataReloc(size int, pcrel bool) (uint32, bool) {
	switch {
	case size == 8 && !pcrel:
		return uint32(elf.R_X86_64_64), true
	case size == 4 && !pcrel:
		return uint32(elf.R_X86_64_32), true
	case size == 4 && pcrel:
		return uint32(elf.R_X86_64_PC32), true
	}
	return 0, false
}

func (Arch) ParseInst(mnemonic, operands string) (asm.Inst, error) {
	ops := asm.SplitOperands(operands)
	switch mnemonic {
	case "nop", "bad":
		if len(ops) != 0 {
			return nil, fmt.Errorf("%s takes no operands", mnemonic)
		}
	case "jmp", "call", "addr":
		if len(ops) != 1 || !asm.IsSymbolName(ops[0]) {
			return nil, fmt.Errorf("%s needs a symbol", mnemonic)
		}
	default:
		return nil, fmt.Errorf("unknown instruction %s", mnemonic)
	}
	return inst{mnemonic, strings.Join(ops, "")}, nil
}

type inst struct{ op, sym string }

func (i inst) String() string { return strings.TrimSpace(i.op + " " + i.sym) }

func (i inst) Encode(dst []byte, ctx *asm.Context) ([]byte, error) {
	switch i.op {
	case "nop":
		return append(dst, 0x90), nil
	case "bad":
		return nil, fmt.Errorf("cannot encode bad")
	case "addr":
		ctx.AddReloc(0, uint32(elf.R_X86_64_32), i.sym, 0)
		return append(dst, 0, 0, 0, 0), nil
	}
	target, ok := ctx.Resolvable(i.sym)
	if i.op == "jmp" && ok && !ctx.Grown {
		if d := int64(target) - int64(ctx.PC+2); d >= -128 && d < 128 {
			return append(dst, 0xeb, byte(d)), nil
		}
	}
	op := byte(0xe9)
	if i.op == "call" {
		op = 0xe8
	}
	dst = append(dst, op)
	var rel int64
	if ok {
		rel = int64(target) - int64(ctx.PC+5)
	} else {
		ctx.AddReloc(1, uint32(elf.R_X86_64_PLT32), i.sym, -4)
	}
	return binary.LittleEndian.AppendUint32(dst, uint32(rel)), nil
}

// AssembleDump assembles src with Arch and returns the object's dump
// (asm.Object.Dump), or "error:" and the errors: the core's golden form.
func AssembleDump(name string, src []byte) string {
	obj, err := asm.Assemble(Arch{}, name, src)
	if err != nil {
		return "error:\n" + err.Error() + "\n"
	}
	var b strings.Builder
	obj.Dump(&b)
	return b.String()
}
