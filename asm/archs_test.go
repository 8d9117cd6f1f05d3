package asm_test

import (
	"reflect"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
)

// These tests check what both architectures share through the core.

// TestAlignTooLargeArchs checks the fuzz findings ".p2align 32" and
// ".align 32" with the real architectures: an error naming the line,
// where they once made Assemble allocate gigabytes.
func TestAlignTooLargeArchs(t *testing.T) {
	for _, tt := range []struct {
		arch     asm.Arch
		src, err string
	}{
		{arm64.Arch{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{arm64.Arch{}, "nop\n.align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{amd64.Arch{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{amd64.Arch{}, "nop\n.align 0x100000000\n", "in.s:2: alignment 4294967296 too large: at most 2^24"},
	} {
		_, err := asm.Assemble(tt.arch, "in.s", []byte(tt.src))
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s %q: error %v, want %q", tt.arch.Name(), tt.src, err, tt.err)
		}
	}
}

// TestInstParserArchs checks that the block-allocating instruction
// parsers of Assemble give what Arch.ParseInst gives, also after an
// instruction that fails.
func TestInstParserArchs(t *testing.T) {
	type line struct{ mnemonic, operands string }
	for _, tt := range []struct {
		arch  asm.InstParserArch
		lines []line
	}{
		{amd64.Arch{}, []line{{"mov", "eax, 1"}, {"bogus", "eax"}, {"mov", "rax, qword ptr [rbx+8*rcx+16]"},
			{"add", "eax, ebx, ecx"}, {"jmp", "foo"}, {"lea", "rax, [rip+bar+4]"}}},
		{arm64.Arch{}, []line{{"add", "x0, x1, #1"}, {"bogus", "x0"}, {"ldr", "x0, [x1, #8]"},
			{"add", "x0, x1, x2, x3"}, {"b", "foo"}, {"adrp", "x0, bar+4"}}},
	} {
		p := tt.arch.NewInstParser()
		for _, l := range tt.lines {
			got, gotErr := p.ParseInst(l.mnemonic, l.operands)
			want, wantErr := tt.arch.ParseInst(l.mnemonic, l.operands)
			if !reflect.DeepEqual(got, want) || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("%s: %s %s: got %v, %v; want %v, %v", tt.arch.Name(), l.mnemonic, l.operands, got, gotErr, want, wantErr)
			}
		}
	}
}
