package object_test

import (
	"debug/elf"
	"fmt"

	"github.com/naturekit/naturekit/link/object"
)

// Example builds a small object by hand — a function that loads a global
// through a relocation — writes it as ELF and reads it back.
func Example() {
	data := &object.Section{Name: ".data", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Align: 4, Data: []byte{42, 0, 0, 0}, Size: 4}
	text := &object.Section{Name: ".text", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, Align: 16,
		Data: []byte{0x8b, 0x05, 0, 0, 0, 0, 0xc3}, Size: 7} // mov answer(%rip), %eax; ret
	answer := &object.Symbol{Name: "answer", Section: data, Bind: elf.STB_GLOBAL, Type: elf.STT_OBJECT, Size: 4}
	get := &object.Symbol{Name: "get", Section: text, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC, Size: 7}
	text.Relocs = []object.Reloc{{Offset: 2, Type: uint32(elf.R_X86_64_PC32), Symbol: answer, Addend: -4}}
	f := &object.File{Name: "get.o", Machine: elf.EM_X86_64, Sections: []*object.Section{text, data}, Symbols: []*object.Symbol{get, answer}}

	b, err := f.Marshal()
	if err != nil {
		fmt.Println(err)
		return
	}
	g, err := object.Read("get.o", b)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range g.Sections {
		fmt.Println(s.Name, s.Size, len(s.Relocs))
	}
	r := g.Section(".text").Relocs[0]
	fmt.Println(elf.R_X86_64(r.Type), r.Symbol.Name, r.Addend)
	// Output:
	// .text 7 1
	// .data 4 0
	// R_X86_64_PC32 answer -4
}
