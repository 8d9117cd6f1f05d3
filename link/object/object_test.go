package object_test

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// handBuilt returns an amd64 object that writes "hi\n" and exits with the
// status stored in .data, using relocations against a local symbol, a
// global symbol in another section, a function in another section and a
// section symbol.
func handBuilt() *object.File {
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

// dump is a canonical text form of a File, for comparisons.
func dump(f *object.File) string {
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

// sortLocalsFirst returns f's symbols in the order the writer emits them.
func sortLocalsFirst(f *object.File) {
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

func TestWriteReadBack(t *testing.T) {
	f := handBuilt()
	b, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// debug/elf must agree with what we meant to write.
	ef, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("debug/elf: %v", err)
	}
	if ef.Type != elf.ET_REL || ef.Machine != elf.EM_X86_64 {
		t.Errorf("type %v machine %v", ef.Type, ef.Machine)
	}
	symtab := ef.Section(".symtab")
	firstGlobal := 0
	syms, _ := ef.Symbols()
	for i, s := range syms {
		if elf.ST_BIND(s.Info) != elf.STB_LOCAL {
			firstGlobal = i + 1
			break
		}
	}
	if int(symtab.Info) != firstGlobal {
		t.Errorf(".symtab sh_info = %d, first global is %d", symtab.Info, firstGlobal)
	}
	rela := ef.Section(".rela.text")
	if rela == nil || rela.Flags&elf.SHF_INFO_LINK == 0 || ef.Sections[rela.Info].Name != ".text" {
		t.Errorf(".rela.text missing or badly linked: %+v", rela)
	}
	g, err := object.Read("hand.o", b)
	if err != nil {
		t.Fatal(err)
	}
	sortLocalsFirst(f)
	if d := cmp.Diff(dump(f), dump(g)); d != "" {
		t.Errorf("read back differs (-written +read):\n%s", d)
	}
}

// TestWriteLinkGNU links the hand-built object with GNU ld and runs it.
func TestWriteLinkGNU(t *testing.T) {
	b, err := handBuilt().Marshal()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	obj, exe := filepath.Join(dir, "hand.o"), filepath.Join(dir, "hand")
	linktest.WriteFile(t, obj, b, 0o644)
	linktest.AMD64.LinkGNU(t, exe, obj)
	if out, code := linktest.AMD64.Run(t, exe); out != "hi\n" || code != 5 {
		t.Errorf("got %q exit %d, want \"hi\\n\" exit 5", out, code)
	}
}

// TestRoundTripGCC reads objects made by gcc, writes them again, checks
// that the result reads back the same and links and runs with GNU ld.
func TestRoundTripGCC(t *testing.T) {
	for _, tg := range linktest.Both {
		t.Run(tg.Name, func(t *testing.T) {
			dir := t.TempDir()
			flags := append([]string{"-g"}, linktest.FreestandingFlags...)
			var objs []string
			for _, in := range tg.Compile(t, flags, dir, "../testdata/free/main.c", "../testdata/free/lib.c") {
				f, err := object.Read(in, linktest.ReadFile(t, in))
				if err != nil {
					t.Fatal(err)
				}
				b, err := f.Marshal()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := elf.NewFile(bytes.NewReader(b)); err != nil {
					t.Fatalf("debug/elf cannot read the rewritten %s: %v", in, err)
				}
				g, err := object.Read("rewritten", b)
				if err != nil {
					t.Fatal(err)
				}
				sortLocalsFirst(f)
				if d := cmp.Diff(dump(f), dump(g)); d != "" {
					t.Errorf("%s: round trip differs (-read +rewritten):\n%s", in, d)
				}
				out := strings.TrimSuffix(in, ".o") + ".rewritten.o"
				linktest.WriteFile(t, out, b, 0o644)
				objs = append(objs, out)
			}
			exe := filepath.Join(dir, "a.out")
			tg.LinkGNU(t, exe, objs...)
			if out, code := tg.Run(t, exe); code != 7 || !strings.HasPrefix(out, "hello from lib\n") {
				t.Errorf("run: exit %d, stdout %q", code, out)
			}
		})
	}
}
