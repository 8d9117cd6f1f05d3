package link

import (
	"debug/elf"
	"encoding/binary"
	"strings"

	"github.com/naturekit/naturekit/link/object"
)

// emit builds the executable image: ELF header, program headers, the
// loaded sections, then (not loaded) the debugging sections, .symtab,
// .strtab, .shstrtab and the section header table.
func (l *linker) emit() ([]byte, error) {
	img := make([]byte, l.end)
	for _, o := range l.outs {
		if o.typ == elf.SHT_NOBITS {
			continue
		}
		for _, is := range o.ins {
			copy(img[o.offset+is.off:], is.sec.Data)
		}
	}
	if err := l.applyRelocs(img); err != nil {
		return nil, err
	}
	if err := l.fillGOT(img); err != nil {
		return nil, err
	}
	l.programHeaders(img)
	h := l.fileHeader()
	img = l.sectionTable(img, &h)
	_, err := binary.Encode(img, le, h)
	return img, err
}

// fileHeader returns the ELF header, but for the section header table's
// place, which sectionTable sets.
func (l *linker) fileHeader() elf.Header64 {
	h := elf.Header64{Type: uint16(elf.ET_EXEC), Machine: uint16(l.arch.machine), Version: uint32(elf.EV_CURRENT),
		Entry: l.entryAddr(), Phoff: ehdrSize, Ehsize: ehdrSize, Phentsize: phdrSize, Phnum: uint16(l.numPhdrs())}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS], h.Ident[elf.EI_DATA] = byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB)
	h.Ident[elf.EI_VERSION], h.Ident[elf.EI_OSABI] = byte(elf.EV_CURRENT), byte(elf.ELFOSABI_NONE)
	return h
}

func (l *linker) entryAddr() uint64 { return l.globals[l.cfg.Entry].addr }

func (l *linker) programHeaders(img []byte) {
	n := l.numPhdrs()
	p := img[ehdrSize:]
	put := func(typ elf.ProgType, flags elf.ProgFlag, off, addr, filesz, memsz, align uint64) {
		ph := elf.Prog64{Type: uint32(typ), Flags: uint32(flags), Off: off, Vaddr: addr, Paddr: addr,
			Filesz: filesz, Memsz: memsz, Align: align}
		if _, err := binary.Encode(p, le, ph); err != nil {
			panic(err) // layout reserved room for every program header
		}
		p = p[phdrSize:]
	}
	size := uint64(phdrSize * n)
	put(elf.PT_PHDR, elf.PF_R, ehdrSize, l.cfg.Base+ehdrSize, size, size, 8)
	for _, s := range l.segs {
		put(elf.PT_LOAD, s.flags, s.off, s.addr, s.filesz, s.memsz, l.arch.maxPage)
	}
	if l.hasTLS() {
		t := l.outs[osTdata]
		put(elf.PT_TLS, elf.PF_R, t.offset, l.tls.addr, l.tls.filesz, l.tls.memsz, l.tls.align)
	}
	put(elf.PT_GNU_STACK, elf.PF_R|elf.PF_W, 0, 0, 0, 0, 16)
}

// strtab is an ELF string table under construction.
type strtab struct {
	buf []byte
	idx map[string]uint32
}

func newStrtab() *strtab { return &strtab{buf: []byte{0}, idx: map[string]uint32{"": 0}} }

func (t *strtab) add(s string) uint32 {
	if i, ok := t.idx[s]; ok {
		return i
	}
	i := uint32(len(t.buf))
	t.buf = append(append(t.buf, s...), 0)
	t.idx[s] = i
	return i
}

// sectionTable appends the symbol table, the string tables and the section
// headers to img, and points the ELF header h at them.
func (l *linker) sectionTable(img []byte, h *elf.Header64) []byte {
	shstr := newStrtab()
	hdrs := []elf.Section64{{}}
	for _, o := range l.outs {
		if o.size == 0 {
			continue
		}
		o.shndx = len(hdrs)
		hdrs = append(hdrs, elf.Section64{Name: shstr.add(o.name), Type: uint32(o.typ), Flags: uint64(o.flags),
			Addr: o.addr, Off: o.offset, Size: o.size, Addralign: o.align})
	}
	strs := newStrtab()
	syms, firstGlobal := l.outputSymbols(strs)
	img = pad(img, 8)
	symOff := uint64(len(img))
	img = append(img, syms...)
	strOff := uint64(len(img))
	img = append(img, strs.buf...)
	symIdx := len(hdrs)
	hdrs = append(hdrs,
		elf.Section64{Name: shstr.add(".symtab"), Type: uint32(elf.SHT_SYMTAB), Off: symOff, Size: uint64(len(syms)),
			Addralign: 8, Entsize: 24, Link: uint32(symIdx + 1), Info: uint32(firstGlobal)},
		elf.Section64{Name: shstr.add(".strtab"), Type: uint32(elf.SHT_STRTAB), Off: strOff, Size: uint64(len(strs.buf)), Addralign: 1})
	shstrIdx := len(hdrs)
	shstrName := shstr.add(".shstrtab")
	hdrs = append(hdrs, elf.Section64{Name: shstrName, Type: uint32(elf.SHT_STRTAB), Off: uint64(len(img)), Size: uint64(len(shstr.buf)), Addralign: 1})
	img = append(img, shstr.buf...)
	img = pad(img, 8)
	h.Shoff, h.Shentsize, h.Shnum, h.Shstrndx = uint64(len(img)), 64, uint16(len(hdrs)), uint16(shstrIdx)
	img, err := binary.Append(img, le, hdrs)
	if err != nil {
		panic(err) // elf.Section64 has a fixed size
	}
	return img
}

func pad(b []byte, a int) []byte {
	for len(b)%a != 0 {
		b = append(b, 0)
	}
	return b
}

// outputSymbols encodes the executable's symbol table: the named local
// function and object symbols of every object, then every defined global.
func (l *linker) outputSymbols(strs *strtab) ([]byte, int) {
	out := make([]byte, 24)
	add := func(name string, bind elf.SymBind, typ elf.SymType, shndx int, value, size uint64) {
		if shndx == 0 {
			shndx = int(elf.SHN_ABS) // defined in an empty output section
		}
		out = le.AppendUint32(out, strs.add(name))
		out = append(out, byte(bind)<<4|byte(typ), 0)
		out = le.AppendUint16(out, uint16(shndx))
		out = le.AppendUint64(out, value)
		out = le.AppendUint64(out, size)
	}
	n := 1
	for _, o := range l.objs {
		for _, s := range o.f.Symbols {
			if s.Bind != elf.STB_LOCAL || s.Section == nil || s.Name == "" || strings.HasPrefix(s.Name, ".L") ||
				(s.Type != elf.STT_FUNC && s.Type != elf.STT_OBJECT && s.Type != elf.STT_NOTYPE && s.Type != elf.STT_TLS) {
				continue
			}
			is := o.secs[s.Section]
			if is == nil {
				continue
			}
			add(s.Name, elf.STB_LOCAL, s.Type, is.out.shndx, l.symbolValue(is, s), s.Size)
			n++
		}
	}
	first := n
	for _, g := range l.order {
		switch {
		case g.linker != "":
			add(g.name, elf.STB_GLOBAL, elf.STT_NOTYPE, int(elf.SHN_ABS), g.addr, 0)
		case g.comSec != nil:
			add(g.name, elf.STB_GLOBAL, elf.STT_OBJECT, g.comSec.out.shndx, g.addr, g.common)
		case g.sym != nil && g.sym.Section != nil && g.obj.secs[g.sym.Section] != nil:
			is := g.obj.secs[g.sym.Section]
			add(g.name, g.sym.Bind, g.sym.Type, is.out.shndx, l.symbolValue(is, g.sym), g.sym.Size)
		case g.sym != nil && g.sym.Section == nil:
			add(g.name, g.sym.Bind, g.sym.Type, int(elf.SHN_ABS), g.addr, g.sym.Size)
		default:
			continue
		}
		n++
	}
	return out, first
}

// symbolValue is the st_value of a symbol in the output: its address, or
// for TLS symbols its offset in the TLS template.
func (l *linker) symbolValue(is *inSec, s *object.Symbol) uint64 {
	a := is.addr() + s.Value
	if s.Type == elf.STT_TLS {
		return a - l.tls.addr
	}
	return a
}
