package object

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"sort"
)

// A FormatError reports a malformed object file: the file name, the file
// offset of the offending structure and what is wrong with it.
type FormatError struct {
	File string
	Off  uint64
	Msg  string
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("%s: malformed ELF object at offset %#x: %s", e.File, e.Off, e.Msg)
}

const (
	ehdrSize = 64
	shdrSize = 64
	symSize  = 24
	relaSize = 24
	maxAlign = 1 << 24
)

var le = binary.LittleEndian

// shdr is a raw section header.
type shdr struct {
	off                            uint64 // file offset of the header itself
	name                           uint32
	typ                            elf.SectionType
	flags                          elf.SectionFlag
	offset, size, addralign, entsz uint64
	link, info                     uint32
}

// reader holds the state of one Read call.
type reader struct {
	name  string
	data  []byte
	shdrs []shdr
	secs  []*Section // by section index; nil for sections that are not kept
	syms  []*Symbol  // by symbol index; syms[0] is nil
}

func (r *reader) errf(off uint64, format string, args ...any) error {
	return &FormatError{File: r.name, Off: off, Msg: fmt.Sprintf(format, args...)}
}

// Read decodes the ELF64 relocatable object in data. name is used in error
// messages and stored in File.Name. The Data of the returned sections
// aliases data.
func Read(name string, data []byte) (*File, error) {
	r := &reader{name: name, data: data}
	f, err := r.header()
	if err != nil {
		return nil, err
	}
	if err := r.sectionHeaders(f); err != nil {
		return nil, err
	}
	if err := r.sections(f); err != nil {
		return nil, err
	}
	if err := r.symbols(f); err != nil {
		return nil, err
	}
	if err := r.relocations(); err != nil {
		return nil, err
	}
	return f, nil
}

// inBounds reports whether [off, off+size) lies within the input.
func (r *reader) inBounds(off, size uint64) bool {
	n := uint64(len(r.data))
	return off <= n && size <= n-off
}

func (r *reader) header() (*File, error) {
	d := r.data
	if len(d) < ehdrSize {
		return nil, r.errf(0, "file too short for an ELF header (%d bytes)", len(d))
	}
	if string(d[:4]) != elf.ELFMAG {
		return nil, r.errf(0, "not an ELF file (bad magic)")
	}
	if elf.Class(d[elf.EI_CLASS]) != elf.ELFCLASS64 {
		return nil, r.errf(elf.EI_CLASS, "not ELF64 (class %v)", elf.Class(d[elf.EI_CLASS]))
	}
	if elf.Data(d[elf.EI_DATA]) != elf.ELFDATA2LSB {
		return nil, r.errf(elf.EI_DATA, "not little-endian (%v)", elf.Data(d[elf.EI_DATA]))
	}
	if t := elf.Type(le.Uint16(d[16:])); t != elf.ET_REL {
		return nil, r.errf(16, "not a relocatable object (type %v)", t)
	}
	return &File{Name: r.name, Machine: elf.Machine(le.Uint16(d[18:])), Flags: le.Uint32(d[48:])}, nil
}

func (r *reader) sectionHeaders(f *File) error {
	d := r.data
	shoff := le.Uint64(d[40:])
	shentsize := le.Uint16(d[58:])
	shnum := uint64(le.Uint16(d[60:]))
	shstrndx := uint64(le.Uint16(d[62:]))
	if shoff == 0 {
		if shnum != 0 {
			return r.errf(60, "%d section headers at offset 0", shnum)
		}
		return nil
	}
	if shentsize != shdrSize {
		return r.errf(58, "section header size %d, want %d", shentsize, shdrSize)
	}
	if !r.inBounds(shoff, shdrSize) {
		return r.errf(40, "section header table offset %#x past end of file", shoff)
	}
	if shnum == 0 { // extended numbering: the count is in section 0's sh_size
		shnum = le.Uint64(d[shoff+32:])
	}
	if shstrndx == uint64(elf.SHN_XINDEX) {
		shstrndx = uint64(le.Uint32(d[shoff+40:]))
	}
	if shnum > uint64(len(d))/shdrSize || !r.inBounds(shoff, shnum*shdrSize) {
		return r.errf(40, "section header table (%d entries at %#x) past end of file", shnum, shoff)
	}
	r.shdrs = make([]shdr, shnum)
	for i := range r.shdrs {
		off := shoff + uint64(i)*shdrSize
		b := d[off : off+shdrSize]
		r.shdrs[i] = shdr{
			off:       off,
			name:      le.Uint32(b[0:]),
			typ:       elf.SectionType(le.Uint32(b[4:])),
			flags:     elf.SectionFlag(le.Uint64(b[8:])),
			offset:    le.Uint64(b[24:]),
			size:      le.Uint64(b[32:]),
			link:      le.Uint32(b[40:]),
			info:      le.Uint32(b[44:]),
			addralign: le.Uint64(b[48:]),
			entsz:     le.Uint64(b[56:]),
		}
	}
	if err := r.checkSectionBounds(); err != nil {
		return err
	}
	if shnum == 0 {
		return nil
	}
	if shstrndx == 0 || shstrndx >= shnum || r.shdrs[shstrndx].typ != elf.SHT_STRTAB {
		return r.errf(62, "bad section name table index %d", shstrndx)
	}
	return nil
}

// checkSectionBounds checks that the contents of every section lie within
// the file, that no two overlap and that alignments are powers of two.
func (r *reader) checkSectionBounds() error {
	type span struct{ lo, hi, hdr uint64 }
	var spans []span
	for i, h := range r.shdrs {
		if i == 0 {
			continue
		}
		if h.addralign > maxAlign || h.addralign&(h.addralign-1) != 0 {
			return r.errf(h.off+48, "section %d: bad alignment %#x", i, h.addralign)
		}
		if h.typ == elf.SHT_NOBITS || h.typ == elf.SHT_NULL || h.size == 0 {
			continue
		}
		if !r.inBounds(h.offset, h.size) {
			return r.errf(h.off+24, "section %d: contents [%#x, +%#x) past end of file", i, h.offset, h.size)
		}
		spans = append(spans, span{h.offset, h.offset + h.size, h.off})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	for i := 1; i < len(spans); i++ {
		if spans[i].lo < spans[i-1].hi {
			return r.errf(spans[i].hdr+24, "section contents at %#x overlap another section", spans[i].lo)
		}
	}
	return nil
}

// str returns the NUL-terminated string at index idx of the string table
// section tab; at is the offset reported on error.
func (r *reader) str(tab int, idx uint32, at uint64) (string, error) {
	h := r.shdrs[tab]
	if h.typ != elf.SHT_STRTAB {
		return "", r.errf(at, "string table %d has type %v", tab, h.typ)
	}
	if uint64(idx) >= h.size {
		return "", r.errf(at, "string index %d out of range (table size %d)", idx, h.size)
	}
	b := r.data[h.offset+uint64(idx) : h.offset+h.size]
	for i, c := range b {
		if c == 0 {
			return string(b[:i]), nil
		}
	}
	return "", r.errf(at, "string at index %d not NUL-terminated", idx)
}

func (r *reader) sections(f *File) error {
	r.secs = make([]*Section, len(r.shdrs))
	shstrndx := 0
	if len(r.shdrs) > 0 {
		shstrndx = int(le.Uint16(r.data[62:]))
		if shstrndx == int(elf.SHN_XINDEX) {
			shstrndx = int(r.shdrs[0].link)
		}
	}
	for i, h := range r.shdrs {
		if i == 0 {
			continue
		}
		switch h.typ {
		case elf.SHT_NULL, elf.SHT_SYMTAB, elf.SHT_STRTAB, elf.SHT_RELA, elf.SHT_GROUP, elf.SHT_SYMTAB_SHNDX:
			continue
		case elf.SHT_REL:
			return r.errf(h.off+4, "section %d: SHT_REL relocations are not supported (only RELA)", i)
		}
		name, err := r.str(shstrndx, h.name, h.off)
		if err != nil {
			return err
		}
		s := &Section{Name: name, Type: h.typ, Flags: h.flags, Align: h.addralign, Entsize: h.entsz, Size: h.size}
		if h.typ != elf.SHT_NOBITS && h.size > 0 {
			s.Data = r.data[h.offset : h.offset+h.size : h.offset+h.size]
		}
		r.secs[i] = s
		f.Sections = append(f.Sections, s)
	}
	return nil
}

func (r *reader) symbols(f *File) error {
	symtab := -1
	for i, h := range r.shdrs {
		if h.typ != elf.SHT_SYMTAB {
			continue
		}
		if symtab >= 0 {
			return r.errf(h.off, "more than one symbol table")
		}
		symtab = i
	}
	if symtab < 0 {
		return nil
	}
	h := r.shdrs[symtab]
	if h.entsz != symSize || h.size%symSize != 0 {
		return r.errf(h.off+56, "symbol table entry size %d, size %d", h.entsz, h.size)
	}
	if uint64(h.link) >= uint64(len(r.shdrs)) {
		return r.errf(h.off+40, "symbol table string table index %d out of range", h.link)
	}
	n := h.size / symSize
	r.syms = make([]*Symbol, n)
	for i := uint64(1); i < n; i++ {
		off := h.offset + i*symSize
		s, err := r.symbol(int(h.link), off)
		if err != nil {
			return err
		}
		r.syms[i] = s
		f.Symbols = append(f.Symbols, s)
	}
	return nil
}

func (r *reader) symbol(strtab int, off uint64) (*Symbol, error) {
	b := r.data[off : off+symSize]
	name, err := r.str(strtab, le.Uint32(b[0:]), off)
	if err != nil {
		return nil, err
	}
	info := b[4]
	s := &Symbol{
		Name:  name,
		Bind:  elf.ST_BIND(info),
		Type:  elf.ST_TYPE(info),
		Other: b[5],
		Value: le.Uint64(b[8:]),
		Size:  le.Uint64(b[16:]),
	}
	shndx := elf.SectionIndex(le.Uint16(b[6:]))
	switch {
	case shndx == elf.SHN_UNDEF, shndx == elf.SHN_ABS, shndx == elf.SHN_COMMON:
		s.Shndx = shndx
	case shndx == elf.SHN_XINDEX:
		return nil, r.errf(off+6, "symbol %q: extended section indices are not supported", name)
	case int(shndx) >= len(r.shdrs) || r.secs[shndx] == nil:
		return nil, r.errf(off+6, "symbol %q: bad section index %d", name, shndx)
	default:
		s.Section = r.secs[shndx]
	}
	if s.Type == elf.STT_SECTION && s.Section != nil && s.Name == "" {
		s.Name = s.Section.Name
	}
	if s.Common() && (s.Value&(s.Value-1) != 0 || s.Value > maxAlign) {
		return nil, r.errf(off+8, "common symbol %q: bad alignment %#x", name, s.Value)
	}
	return s, nil
}

func (r *reader) relocations() error {
	for i, h := range r.shdrs {
		if h.typ != elf.SHT_RELA {
			continue
		}
		if h.entsz != relaSize || h.size%relaSize != 0 {
			return r.errf(h.off+56, "relocation section %d: entry size %d, size %d", i, h.entsz, h.size)
		}
		if uint64(h.info) >= uint64(len(r.shdrs)) || r.secs[h.info] == nil {
			return r.errf(h.off+44, "relocation section %d: bad target section %d", i, h.info)
		}
		target := r.secs[h.info]
		n := h.size / relaSize
		if n > 0 && (len(r.syms) == 0 || uint64(h.link) >= uint64(len(r.shdrs)) || r.shdrs[h.link].typ != elf.SHT_SYMTAB) {
			return r.errf(h.off+40, "relocation section %d: bad symbol table index %d", i, h.link)
		}
		target.Relocs = make([]Reloc, 0, n)
		for j := uint64(0); j < n; j++ {
			rel, err := r.reloc(target, h.offset+j*relaSize)
			if err != nil {
				return err
			}
			target.Relocs = append(target.Relocs, rel)
		}
	}
	return nil
}

func (r *reader) reloc(target *Section, off uint64) (Reloc, error) {
	b := r.data[off : off+relaSize]
	info := le.Uint64(b[8:])
	rel := Reloc{Offset: le.Uint64(b[0:]), Type: uint32(info), Addend: int64(le.Uint64(b[16:]))}
	sym := info >> 32
	if sym >= uint64(len(r.syms)) && sym != 0 {
		return rel, r.errf(off+8, "relocation against symbol index %d out of range (%d symbols)", sym, len(r.syms))
	}
	if sym != 0 {
		rel.Symbol = r.syms[sym]
	}
	if rel.Offset > target.Size {
		return rel, r.errf(off, "relocation offset %#x past end of section %s (size %#x)", rel.Offset, target.Name, target.Size)
	}
	return rel, nil
}
