package asm

import (
	"debug/elf"
	"fmt"
	"io"
)

// An Object is the result of assembling: the contents of every section,
// the symbol table and the relocations, in the vocabulary of ELF but not
// yet serialised. The link module writes it as an ELF relocatable file
// (see examples/nkas) or links it directly.
type Object struct {
	Machine  elf.Machine
	Sections []*Section
	Symbols  []Symbol // in definition order; locals and globals mixed
}

// A Section is one output section.
type Section struct {
	Name  string
	Type  elf.SectionType // SHT_PROGBITS, SHT_NOBITS, ...
	Flags elf.SectionFlag // SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, ...
	Align uint64          // largest alignment requested, at least 1
	Data  []byte          // contents; nil for SHT_NOBITS
	Size  uint64          // len(Data), or the size of a SHT_NOBITS section
	Reloc []Reloc         // relocations against this section's contents
}

// A Symbol is an entry of the object's symbol table.
type Symbol struct {
	Name    string
	Section string // defining section's name; "" if undefined
	Value   uint64 // offset within Section
	Size    uint64
	Bind    elf.SymBind // STB_LOCAL, STB_GLOBAL or STB_WEAK
	Type    elf.SymType // STT_NOTYPE, STT_FUNC, STT_OBJECT, ...
}

// A Reloc is a relocation: patch the bytes at Offset of its section with
// the value of Symbol+Addend, computed as Type (an elf.R_X86_64 or
// elf.R_AARCH64 value) says. Symbol is a symbol name, or a section name
// for relocations that GNU as would express against a section symbol
// (references to local symbols of another section); SectionSym tells
// which.
type Reloc struct {
	Offset     uint64
	Type       uint32
	Symbol     string
	SectionSym bool
	Addend     int64
}

// Section returns the section with the given name, or nil.
func (o *Object) Section(name string) *Section {
	for _, s := range o.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Dump writes a readable listing of the object: each section with its
// contents in hex, its relocations, then the symbol table. Tests use it
// as a golden form; nkas -dump prints it.
func (o *Object) Dump(w io.Writer) {
	for _, s := range o.Sections {
		fmt.Fprintf(w, "section %s type=%v flags=%v align=%d size=%d\n", s.Name, s.Type, s.Flags, s.Align, s.Size)
		for off := 0; off < len(s.Data); off += 16 {
			end := min(off+16, len(s.Data))
			fmt.Fprintf(w, "\t%04x  % x\n", off, s.Data[off:end])
		}
		for _, r := range s.Reloc {
			sym := r.Symbol
			if r.SectionSym {
				sym = "section " + sym
			}
			fmt.Fprintf(w, "\treloc %#x %s %s%+d\n", r.Offset, relocName(o.Machine, r.Type), sym, r.Addend)
		}
	}
	for _, s := range o.Symbols {
		where := "undefined"
		if s.Section != "" {
			where = fmt.Sprintf("%s+%#x", s.Section, s.Value)
		}
		fmt.Fprintf(w, "symbol %s %s %v %v size=%d\n", s.Name, where, s.Bind, s.Type, s.Size)
	}
}

// relocName names a relocation type of the machine.
func relocName(m elf.Machine, t uint32) string {
	switch m {
	case elf.EM_X86_64:
		return elf.R_X86_64(t).String()
	case elf.EM_AARCH64:
		return elf.R_AARCH64(t).String()
	}
	return fmt.Sprintf("R_%d", t)
}
