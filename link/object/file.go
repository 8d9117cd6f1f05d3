package object

import "debug/elf"

// A File is an ELF64 relocatable object.
type File struct {
	Name     string // used in error messages; not stored in the ELF file
	Machine  elf.Machine
	Flags    uint32 // e_flags
	Sections []*Section
	Symbols  []*Symbol // without the null symbol; any order (the writer sorts locals first)
}

// A Section is a section of a relocatable object. The symbol table, the
// string tables and the relocation sections are not Sections: they are
// derived from the File's Symbols and each Section's Relocs.
type Section struct {
	Name    string
	Type    elf.SectionType // SHT_PROGBITS, SHT_NOBITS, SHT_INIT_ARRAY, ...
	Flags   elf.SectionFlag // SHF_ALLOC, SHF_WRITE, SHF_EXECINSTR, ...
	Align   uint64          // 0 or 1 means unaligned; otherwise a power of two
	Entsize uint64          // sh_entsize, for SHF_MERGE sections
	Data    []byte          // contents; nil for SHT_NOBITS (the reader's slices alias its input)
	Size    uint64          // len(Data), or the size of a SHT_NOBITS section
	Relocs  []Reloc         // relocations that patch this section
}

// A Symbol is an entry of the symbol table.
//
// A defined symbol has a non-nil Section and a Value that is an offset in
// it. A symbol with a nil Section is undefined (Shndx is SHN_UNDEF),
// absolute (SHN_ABS: Value is the address) or common (SHN_COMMON: Value is
// the alignment and Size the size).
type Symbol struct {
	Name    string
	Section *Section
	Shndx   elf.SectionIndex // SHN_UNDEF, SHN_ABS or SHN_COMMON when Section is nil; ignored otherwise
	Value   uint64
	Size    uint64
	Bind    elf.SymBind // STB_LOCAL, STB_GLOBAL or STB_WEAK
	Type    elf.SymType // STT_NOTYPE, STT_FUNC, STT_OBJECT, STT_SECTION, STT_TLS, ...
	Other   uint8       // st_other (visibility)
}

// A Reloc is a RELA relocation: the bytes at Offset of the section are
// patched with a value computed from Symbol and Addend as Type (an
// elf.R_X86_64 or elf.R_AARCH64 value) says. Symbol is nil for relocations
// against no symbol (symbol index 0).
type Reloc struct {
	Offset uint64
	Type   uint32
	Symbol *Symbol
	Addend int64
}

// Defined reports whether s is defined in a section, absolute or common.
func (s *Symbol) Defined() bool {
	return s.Section != nil || s.Shndx == elf.SHN_ABS || s.Shndx == elf.SHN_COMMON
}

// Common reports whether s is a COMMON symbol.
func (s *Symbol) Common() bool { return s.Section == nil && s.Shndx == elf.SHN_COMMON }

// Section returns the first section with the given name, or nil.
func (f *File) Section(name string) *Section {
	for _, s := range f.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Symbol returns the first non-local symbol with the given name, or else
// the first local one, or nil.
func (f *File) Symbol(name string) *Symbol {
	var local *Symbol
	for _, s := range f.Symbols {
		if s.Name != name {
			continue
		}
		if s.Bind != elf.STB_LOCAL {
			return s
		}
		if local == nil {
			local = s
		}
	}
	return local
}

// SectionSymbol returns the STT_SECTION symbol of sec, adding one to f if
// there is none. Relocations against local symbols of another section are
// usually expressed against the section symbol.
func (f *File) SectionSymbol(sec *Section) *Symbol {
	for _, s := range f.Symbols {
		if s.Type == elf.STT_SECTION && s.Section == sec {
			return s
		}
	}
	s := &Symbol{Name: sec.Name, Section: sec, Bind: elf.STB_LOCAL, Type: elf.STT_SECTION}
	f.Symbols = append(f.Symbols, s)
	return s
}
