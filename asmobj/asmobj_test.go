package asmobj

import (
	"debug/elf"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/link/object"
)

// TestConvert checks sections, symbols and both kinds of relocation
// target survive the conversion and an ELF round trip through
// object.Write and object.Read.
func TestConvert(t *testing.T) {
	for _, tc := range []struct {
		arch asm.Arch
		src  string
	}{
		{amd64.Arch{}, ".intel_syntax noprefix\n.text\n.globl f\nf: call g\njmp .Ll\n.Ll: lea rax, [rip + d]\nret\n.data\nd: .quad f\n"},
		{arm64.Arch{}, ".text\n.globl f\nf: bl g\nadrp x0, d\nadd x0, x0, :lo12:d\nret\n.data\nd: .quad f\n"},
	} {
		obj, err := asm.Assemble(tc.arch, "x.s", []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Convert("x.o", obj)
		if err != nil {
			t.Fatal(err)
		}
		data, err := f.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		back, err := object.Read("x.o", data)
		if err != nil {
			t.Fatal(err)
		}
		if s := back.Symbol("f"); s == nil || s.Bind != elf.STB_GLOBAL || s.Section == nil || s.Section.Name != ".text" {
			t.Errorf("%v: f is not a global .text symbol: %+v", f.Machine, s)
		}
		if g := back.Symbol("g"); g == nil || g.Defined() {
			t.Errorf("%v: g is not an undefined symbol: %+v", f.Machine, g)
		}
		relocs := 0
		for _, sec := range back.Sections {
			relocs += len(sec.Relocs)
		}
		if relocs == 0 {
			t.Errorf("%v: no relocations survived", f.Machine)
		}
	}
}

// TestConvertErrors checks that an object whose symbols or relocations
// name unknown sections or symbols is rejected with the object's name.
func TestConvertErrors(t *testing.T) {
	for _, o := range []*asm.Object{
		{Symbols: []asm.Symbol{{Name: "s", Section: ".nope"}}},
		{Sections: []*asm.Section{{Name: ".text", Reloc: []asm.Reloc{{Symbol: "missing"}}}}},
		{Sections: []*asm.Section{{Name: ".text", Reloc: []asm.Reloc{{Symbol: ".nope", SectionSym: true}}}}},
	} {
		_, err := Convert("bad.o", o)
		if err == nil || !strings.HasPrefix(err.Error(), "bad.o: ") {
			t.Errorf("Convert(%+v) = %v, want an error naming bad.o", o, err)
		}
	}
}
