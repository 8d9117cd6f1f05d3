package asm

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"strings"
)

// toyArch is a minimal architecture for testing the core without a real
// encoder. Its instructions, with x86-like encodings:
//
//	nop        90
//	jmp L      eb rel8, or e9 rel32 when it does not fit (relaxable)
//	call S     e8 rel32 (R_X86_64_PLT32 unless resolvable)
//	addr S     4 bytes, R_X86_64_32 against S
//	bad        fails to encode
type toyArch struct{}

func (toyArch) Name() string                      { return "toy" }
func (toyArch) Machine() elf.Machine              { return elf.EM_X86_64 }
func (toyArch) HashComments() bool                { return true }
func (toyArch) CodeFill(dst []byte, n int) []byte { return appendFill(dst, n, 0x90) }
func (toyArch) DataReloc(size int, pcrel bool) (uint32, bool) {
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

func (toyArch) ParseInst(mnemonic, operands string) (Inst, error) {
	ops := SplitOperands(operands)
	switch mnemonic {
	case "nop", "bad":
		if len(ops) != 0 {
			return nil, fmt.Errorf("%s takes no operands", mnemonic)
		}
	case "jmp", "call", "addr":
		if len(ops) != 1 || !IsSymbolName(ops[0]) {
			return nil, fmt.Errorf("%s needs a symbol", mnemonic)
		}
	default:
		return nil, fmt.Errorf("unknown instruction %s", mnemonic)
	}
	return toyInst{mnemonic, strings.Join(ops, "")}, nil
}

type toyInst struct{ op, sym string }

func (i toyInst) String() string { return strings.TrimSpace(i.op + " " + i.sym) }

func (i toyInst) Encode(dst []byte, ctx *Context) ([]byte, error) {
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
