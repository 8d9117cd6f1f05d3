// Package linktest holds what the tests of the link packages share
// without any external tool: reading and writing files, the seeds of the
// fuzz corpora, and a hand-built object with a canonical text form to
// compare objects by. The tests that run gcc, as, ld, ar or qemu are in
// the nested module link/internal/gnutest.
package linktest

import (
	"crypto/sha256"
	"debug/elf"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/link/object"
)

// WriteFile writes a file or ends the test.
func WriteFile(tb testing.TB, path string, data []byte, perm os.FileMode) {
	tb.Helper()
	if err := os.WriteFile(path, data, perm); err != nil {
		tb.Fatal(err)
	}
}

// ReadFile reads a file or ends the test.
func ReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// CorpusSeed decodes one file of a Go fuzz corpus holding a []byte.
func CorpusSeed(tb testing.TB, path string) []byte {
	tb.Helper()
	_, lit, _ := strings.Cut(string(ReadFile(tb, path)), "\n")
	lit = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(lit), "[]byte("), ")")
	u, err := strconv.Unquote(lit)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return []byte(u)
}

// HandBuilt returns an amd64 object that writes "hi\n" and exits with the
// status stored in .data, using relocations against a local symbol, a
// global symbol in another section, a function in another section and a
// section symbol.
func HandBuilt() *object.File {
	text := &object.Section{Name: ".text", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, Align: 16, Data: []byte{
		0x48, 0x8d, 0x35, 0, 0, 0, 0, // lea msg(%rip), %rsi
		0xb8, 1, 0, 0, 0, // mov $1, %eax
		0xbf, 1, 0, 0, 0, // mov $1, %edi
		0xba, 3, 0, 0, 0, // mov $3, %edx
		0x0f, 0x05, // syscall
		0xe8, 0, 0, 0, 0, // call get_code
		0x89, 0xc7, // mov %eax, %edi
		0xb8, 60, 0, 0, 0, // mov $60, %eax
		0x0f, 0x05, // syscall
	}}
	get := &object.Section{Name: ".text.get", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, Align: 16, Data: []byte{
		0x48, 0x8b, 0x05, 0, 0, 0, 0, // mov ptr(%rip), %rax
		0x8b, 0x00, // mov (%rax), %eax
		0xc3, // ret
	}}
	rodata := &object.Section{Name: ".rodata", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC, Align: 1, Data: []byte("hi\n")}
	data := &object.Section{Name: ".data", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Align: 8, Data: make([]byte, 16)}
	bss := &object.Section{Name: ".bss", Type: elf.SHT_NOBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Align: 8, Size: 64}
	for _, s := range []*object.Section{text, get, rodata, data} {
		s.Size = uint64(len(s.Data))
	}
	data.Data[8] = 5 // code = 5; ptr at 0 points to it
	msg := &object.Symbol{Name: "msg", Section: rodata, Bind: elf.STB_LOCAL, Type: elf.STT_OBJECT, Size: 3}
	start := &object.Symbol{Name: "_start", Section: text, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC, Size: uint64(len(text.Data))}
	getCode := &object.Symbol{Name: "get_code", Section: get, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC, Size: uint64(len(get.Data))}
	ptr := &object.Symbol{Name: "ptr", Section: data, Bind: elf.STB_GLOBAL, Type: elf.STT_OBJECT, Size: 8}
	buf := &object.Symbol{Name: "buf", Section: bss, Bind: elf.STB_WEAK, Type: elf.STT_OBJECT, Size: 64}
	f := &object.File{Name: "hand.o", Machine: elf.EM_X86_64, Sections: []*object.Section{text, get, rodata, data, bss},
		Symbols: []*object.Symbol{start, msg, getCode, ptr, buf}}
	text.Relocs = []object.Reloc{
		{Offset: 3, Type: uint32(elf.R_X86_64_PC32), Symbol: msg, Addend: -4},
		{Offset: 25, Type: uint32(elf.R_X86_64_PLT32), Symbol: getCode, Addend: -4},
	}
	get.Relocs = []object.Reloc{{Offset: 3, Type: uint32(elf.R_X86_64_PC32), Symbol: ptr, Addend: -4}}
	data.Relocs = []object.Reloc{{Offset: 0, Type: uint32(elf.R_X86_64_64), Symbol: f.SectionSymbol(data), Addend: 8}}
	return f
}

// HandBuiltELF returns HandBuilt written as an ELF object, or ends the
// test.
func HandBuiltELF(tb testing.TB) []byte {
	tb.Helper()
	b, err := HandBuilt().Marshal()
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Dump is a canonical text form of a File, for comparisons.
func Dump(f *object.File) string {
	var b strings.Builder
	fmt.Fprintf(&b, "machine %v flags %#x\n", f.Machine, f.Flags)
	for _, s := range f.Sections {
		fmt.Fprintf(&b, "section %s %v %v align %d entsize %d size %d data %x\n", s.Name, s.Type, s.Flags, s.Align, s.Entsize, s.Size, sha256.Sum256(s.Data))
		for _, r := range s.Relocs {
			fmt.Fprintf(&b, "\treloc %#x %d %s %d\n", r.Offset, r.Type, symString(r.Symbol), r.Addend)
		}
	}
	for _, s := range f.Symbols {
		fmt.Fprintf(&b, "symbol %s\n", symString(s))
	}
	return b.String()
}

func symString(s *object.Symbol) string {
	if s == nil {
		return "<nil>"
	}
	sec := s.Shndx.String()
	if s.Section != nil {
		sec = s.Section.Name
	}
	return fmt.Sprintf("%s %v %v %s+%#x size %d other %d", s.Name, s.Bind, s.Type, sec, s.Value, s.Size, s.Other)
}

// SortLocalsFirst puts f's symbols in the order the writer emits them.
func SortLocalsFirst(f *object.File) {
	var locals, others []*object.Symbol
	for _, s := range f.Symbols {
		if s.Bind == elf.STB_LOCAL {
			locals = append(locals, s)
		} else {
			others = append(others, s)
		}
	}
	f.Symbols = append(locals, others...)
}
