package link_test

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/object"
)

// TestDataBounds checks the symbols a conservative collector scans
// between: __data_start is the start of .data and _end the end of .bss.
func TestDataBounds(t *testing.T) {
	text := &object.Section{Name: ".text", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR, Align: 16, Data: []byte{0xf4}, Size: 1}
	data := &object.Section{Name: ".data", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Align: 8, Data: make([]byte, 24), Size: 24}
	bss := &object.Section{Name: ".bss", Type: elf.SHT_NOBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE, Align: 8, Size: 100}
	start := &object.Symbol{Name: "__data_start", Bind: elf.STB_GLOBAL}
	end := &object.Symbol{Name: "_end", Bind: elf.STB_GLOBAL}
	data.Relocs = []object.Reloc{
		{Offset: 0, Type: uint32(elf.R_X86_64_64), Symbol: start},
		{Offset: 8, Type: uint32(elf.R_X86_64_64), Symbol: end},
	}
	f := &object.File{Name: "bounds.o", Machine: elf.EM_X86_64, Sections: []*object.Section{text, data, bss}, Symbols: []*object.Symbol{
		{Name: "_start", Section: text, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC},
		start, end,
	}}
	exe, err := link.Link(link.Config{}, link.Input{Object: f})
	if err != nil {
		t.Fatal(err)
	}
	ef, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	d, b := ef.Section(".data"), ef.Section(".bss")
	contents, err := d.Data()
	if err != nil {
		t.Fatal(err)
	}
	if got := binary.LittleEndian.Uint64(contents); got != d.Addr {
		t.Errorf("__data_start = %#x, want .data at %#x", got, d.Addr)
	}
	if got := binary.LittleEndian.Uint64(contents[8:]); got != b.Addr+b.Size {
		t.Errorf("_end = %#x, want the end of .bss %#x", got, b.Addr+b.Size)
	}
}
