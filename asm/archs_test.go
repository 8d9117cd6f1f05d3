package asm_test

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/asm/internal/toyarch"
)

// TestAlignLimits checks the alignment directives at the limit and past
// it, in code, data and .bss, for both readings of .align, with the toy
// and the real architectures: past 2^24 they fail with the line's
// position and without allocating the padding (the fuzz findings
// ".p2align 32" and ".align 32" once made Assemble allocate gigabytes).
func TestAlignLimits(t *testing.T) {
	tests := []struct {
		arch asm.Arch
		src  string
		err  string // "" if it assembles
	}{
		{toyarch.Arch{}, ".bss\n.zero 1\n.p2align 24\n", ""},
		{toyarch.Arch{}, ".bss\n.zero 1\n.align 24\n", ""},
		{toyarch.Arch{}, ".bss\n.zero 1\n.balign 0x1000000\n", ""},
		{toyarch.Arch{}, "nop\n.p2align 25\n", "in.s:2: alignment 2^25 out of range 2^0..2^24"},
		{toyarch.Arch{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{toyarch.Arch{}, ".data\n.byte 1\n.align 32\n", "in.s:3: alignment 2^32 out of range 2^0..2^24"},
		{toyarch.Arch{}, ".bss\n.p2align 63\n", "in.s:2: alignment 2^63 out of range 2^0..2^24"},
		{toyarch.Arch{}, ".data\n.p2align -1\n", "in.s:2: alignment 2^-1 out of range 2^0..2^24"},
		{toyarch.AMD64{}, ".bss\n.zero 1\n.align 0x1000000\n", ""},
		{toyarch.AMD64{}, "nop\n.align 0x2000000\n", "in.s:2: alignment 33554432 too large: at most 2^24"},
		{toyarch.AMD64{}, "nop\n.align 32\n", ""},
		{toyarch.AMD64{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{toyarch.AMD64{}, ".data\n.balign 0x100000000\n", "in.s:2: alignment 4294967296 too large: at most 2^24"},
		{toyarch.AMD64{}, ".data\n.align 3\n", "in.s:2: alignment 3 is not a power of two"},
		{toyarch.AMD64{}, ".data\n.balign -8\n", "in.s:2: alignment -8 is not a power of two"},
		// The fuzz findings, with the real architectures.
		{arm64.Arch{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{arm64.Arch{}, "nop\n.align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{amd64.Arch{}, "nop\n.p2align 32\n", "in.s:2: alignment 2^32 out of range 2^0..2^24"},
		{amd64.Arch{}, "nop\n.align 0x100000000\n", "in.s:2: alignment 4294967296 too large: at most 2^24"},
	}
	for _, tt := range tests {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := asm.Assemble(tt.arch, "in.s", []byte(tt.src))
		runtime.ReadMemStats(&after)
		name := tt.arch.Name() + " " + strings.ReplaceAll(tt.src, "\n", "; ")
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%s: error %v, want %q", name, err, tt.err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("%s: allocated %d bytes", name, n)
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
