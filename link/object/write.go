package object

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"io"
)

// WriteTo writes f as an ELF64 relocatable file. The symbol table lists the
// local symbols first and its sh_info is the index of the first non-local
// one; symbols referenced by relocations but missing from f.Symbols are
// added. It implements io.WriterTo.
func (f *File) WriteTo(w io.Writer) (int64, error) {
	b, err := f.Marshal()
	if err != nil {
		return 0, err
	}
	n, err := w.Write(b)
	return int64(n), err
}

// Marshal returns f encoded as an ELF64 relocatable file.
func (f *File) Marshal() ([]byte, error) {
	wr := &writer{f: f, secIdx: map[*Section]int{}, symIdx: map[*Symbol]int{}}
	return wr.write()
}

// strtab builds an ELF string table, sharing identical strings.
type strtab struct {
	buf bytes.Buffer
	idx map[string]uint32
}

func newStrtab() *strtab {
	t := &strtab{idx: map[string]uint32{"": 0}}
	t.buf.WriteByte(0)
	return t
}

func (t *strtab) add(s string) uint32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := uint32(t.buf.Len())
	t.buf.WriteString(s)
	t.buf.WriteByte(0)
	t.idx[s] = i
	return i
}

// outSec is one section of the file being written, with its header fields.
type outSec struct {
	name        string
	typ         elf.SectionType
	flags       elf.SectionFlag
	data        []byte
	size        uint64
	link, info  uint32
	align, ents uint64
	offset      uint64
}

type writer struct {
	f      *File
	secIdx map[*Section]int
	symIdx map[*Symbol]int
	syms   []*Symbol // in table order, without the null symbol
	out    []outSec  // index 0 is the null section
}

func (w *writer) write() ([]byte, error) {
	w.out = []outSec{{}}
	for _, s := range w.f.Sections {
		if s == nil {
			return nil, fmt.Errorf("%s: nil section", w.f.Name)
		}
		if _, dup := w.secIdx[s]; dup {
			return nil, fmt.Errorf("%s: section %s listed twice", w.f.Name, s.Name)
		}
		w.secIdx[s] = len(w.out)
		w.out = append(w.out, outSec{name: s.Name, typ: s.Type, flags: s.Flags, data: s.Data, size: s.Size, align: s.Align, ents: s.Entsize})
		if s.Type != elf.SHT_NOBITS && uint64(len(s.Data)) != s.Size {
			return nil, fmt.Errorf("%s: section %s: Size %d but %d bytes of Data", w.f.Name, s.Name, s.Size, len(s.Data))
		}
	}
	if err := w.orderSymbols(); err != nil {
		return nil, err
	}
	symtab := len(w.out) + w.relaCount()
	if err := w.relaSections(symtab); err != nil {
		return nil, err
	}
	strs := newStrtab()
	symData, err := w.symtab(strs)
	if err != nil {
		return nil, err
	}
	w.out = append(w.out, outSec{name: ".symtab", typ: elf.SHT_SYMTAB, data: symData, size: uint64(len(symData)),
		link: uint32(symtab + 1), info: uint32(w.firstGlobal()), align: 8, ents: symSize})
	w.out = append(w.out, outSec{name: ".strtab", typ: elf.SHT_STRTAB, data: strs.buf.Bytes(), size: uint64(strs.buf.Len()), align: 1})
	w.out = append(w.out, outSec{name: ".shstrtab", typ: elf.SHT_STRTAB, align: 1})
	if len(w.out) >= int(elf.SHN_LORESERVE) {
		return nil, fmt.Errorf("%s: too many sections (%d)", w.f.Name, len(w.out))
	}
	return w.encode(), nil
}

func (w *writer) relaCount() int {
	n := 0
	for _, s := range w.f.Sections {
		if len(s.Relocs) > 0 {
			n++
		}
	}
	return n
}

// orderSymbols puts the local symbols first, then the others, each group in
// the order of f.Symbols followed by symbols only reachable from
// relocations.
func (w *writer) orderSymbols() error {
	all := append([]*Symbol(nil), w.f.Symbols...)
	seen := map[*Symbol]bool{}
	for _, s := range all {
		seen[s] = true
	}
	for _, sec := range w.f.Sections {
		for _, r := range sec.Relocs {
			if r.Symbol != nil && !seen[r.Symbol] {
				seen[r.Symbol] = true
				all = append(all, r.Symbol)
			}
		}
	}
	for _, local := range []bool{true, false} {
		for _, s := range all {
			if s == nil {
				return fmt.Errorf("%s: nil symbol", w.f.Name)
			}
			if (s.Bind == elf.STB_LOCAL) != local {
				continue
			}
			if _, dup := w.symIdx[s]; dup {
				continue
			}
			w.symIdx[s] = len(w.syms) + 1
			w.syms = append(w.syms, s)
		}
	}
	return nil
}

func (w *writer) firstGlobal() int {
	for i, s := range w.syms {
		if s.Bind != elf.STB_LOCAL {
			return i + 1
		}
	}
	return len(w.syms) + 1
}

func (w *writer) relaSections(symtab int) error {
	for _, s := range w.f.Sections {
		if len(s.Relocs) == 0 {
			continue
		}
		data := make([]byte, 0, len(s.Relocs)*relaSize)
		for _, r := range s.Relocs {
			if r.Offset > s.Size {
				return fmt.Errorf("%s: relocation offset %#x past end of section %s", w.f.Name, r.Offset, s.Name)
			}
			sym := 0
			if r.Symbol != nil {
				sym = w.symIdx[r.Symbol]
			}
			data = le.AppendUint64(data, r.Offset)
			data = le.AppendUint64(data, uint64(sym)<<32|uint64(r.Type))
			data = le.AppendUint64(data, uint64(r.Addend))
		}
		w.out = append(w.out, outSec{name: ".rela" + s.Name, typ: elf.SHT_RELA, flags: elf.SHF_INFO_LINK, data: data,
			size: uint64(len(data)), link: uint32(symtab), info: uint32(w.secIdx[s]), align: 8, ents: relaSize})
	}
	return nil
}

func (w *writer) symtab(strs *strtab) ([]byte, error) {
	data := make([]byte, symSize, (len(w.syms)+1)*symSize)
	for _, s := range w.syms {
		shndx := uint16(s.Shndx)
		if s.Section != nil {
			i, ok := w.secIdx[s.Section]
			if !ok {
				return nil, fmt.Errorf("%s: symbol %q: section %s is not in the file", w.f.Name, s.Name, s.Section.Name)
			}
			shndx = uint16(i)
		}
		name := s.Name
		if s.Type == elf.STT_SECTION {
			name = ""
		}
		data = le.AppendUint32(data, strs.add(name))
		data = append(data, byte(s.Bind)<<4|byte(s.Type)&0xf, s.Other)
		data = le.AppendUint16(data, shndx)
		data = le.AppendUint64(data, s.Value)
		data = le.AppendUint64(data, s.Size)
	}
	return data, nil
}

// encode lays out the file: header, section contents, section headers.
func (w *writer) encode() []byte {
	shstr := newStrtab()
	names := make([]uint32, len(w.out))
	for i := 1; i < len(w.out); i++ {
		names[i] = shstr.add(w.out[i].name)
	}
	last := &w.out[len(w.out)-1]
	last.data = shstr.buf.Bytes()
	last.size = uint64(len(last.data))

	off := uint64(ehdrSize)
	for i := 1; i < len(w.out); i++ {
		s := &w.out[i]
		if s.align > 1 {
			off = (off + s.align - 1) &^ (s.align - 1)
		}
		s.offset = off
		if s.typ != elf.SHT_NOBITS {
			off += uint64(len(s.data))
		}
	}
	shoff := (off + 7) &^ 7
	buf := make([]byte, shoff+uint64(len(w.out))*shdrSize)
	w.header(buf, shoff)
	for i := 1; i < len(w.out); i++ {
		s := &w.out[i]
		if s.typ != elf.SHT_NOBITS {
			copy(buf[s.offset:], s.data)
		}
		h := elf.Section64{Name: names[i], Type: uint32(s.typ), Flags: uint64(s.flags), Off: s.offset, Size: s.size,
			Link: s.link, Info: s.info, Addralign: s.align, Entsize: s.ents}
		if _, err := binary.Encode(buf[shoff+uint64(i)*shdrSize:], le, h); err != nil {
			panic(err) // elf.Section64 has a fixed size, and buf has room
		}
	}
	return buf
}

func (w *writer) header(buf []byte, shoff uint64) {
	h := elf.Header64{Type: uint16(elf.ET_REL), Machine: uint16(w.f.Machine), Version: uint32(elf.EV_CURRENT),
		Shoff: shoff, Flags: w.f.Flags, Ehsize: ehdrSize, Shentsize: shdrSize,
		Shnum: uint16(len(w.out)), Shstrndx: uint16(len(w.out) - 1)}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS], h.Ident[elf.EI_DATA], h.Ident[elf.EI_VERSION] = byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB), byte(elf.EV_CURRENT)
	if _, err := binary.Encode(buf, le, h); err != nil {
		panic(err) // buf has room for the header
	}
}
