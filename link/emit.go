package link

import (
	"debug/elf"
	"strings"

	"github.com/naturekit/naturekit/link/object"
)

// emit builds the executable image: ELF header, program headers, the
// loaded sections, then (not loaded) .symtab, .strtab, .shstrtab and the
// section header table.
func (l *linker) emit() ([]byte, error) {
	last := l.segs[len(l.segs)-1]
	img := make([]byte, last.off+last.filesz)
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
	img = l.sectionTable(img)
	l.fileHeader(img)
	return img, nil
}

func (l *linker) fileHeader(img []byte) {
	copy(img, elf.ELFMAG)
	img[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	img[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	img[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	img[elf.EI_OSABI] = byte(elf.ELFOSABI_NONE)
	le.PutUint16(img[16:], uint16(elf.ET_EXEC))
	le.PutUint16(img[18:], uint16(l.arch.machine))
	le.PutUint32(img[20:], uint32(elf.EV_CURRENT))
	le.PutUint64(img[24:], l.entryAddr())
	le.PutUint64(img[32:], ehdrSize)
	le.PutUint16(img[52:], ehdrSize)
	le.PutUint16(img[54:], phdrSize)
	le.PutUint16(img[56:], uint16(l.numPhdrs()))
}

func (l *linker) entryAddr() uint64 { return l.globals[l.cfg.Entry].addr }

func (l *linker) programHeaders(img []byte) {
	n := l.numPhdrs()
	p := img[ehdrSize:]
	put := func(typ elf.ProgType, flags elf.ProgFlag, off, addr, filesz, memsz, align uint64) {
		le.PutUint32(p[0:], uint32(typ))
		le.PutUint32(p[4:], uint32(flags))
		le.PutUint64(p[8:], off)
		le.PutUint64(p[16:], addr)
		le.PutUint64(p[24:], addr)
		le.PutUint64(p[32:], filesz)
		le.PutUint64(p[40:], memsz)
		le.PutUint64(p[48:], align)
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
// headers to img, and points the ELF header at them.
func (l *linker) sectionTable(img []byte) []byte {
	shstr := newStrtab()
	type shdr struct {
		name                         uint32
		typ                          elf.SectionType
		flags                        elf.SectionFlag
		addr, off, size, align, ents uint64
		link, info                   uint32
	}
	hdrs := []shdr{{}}
	for _, o := range l.outs {
		if o.size == 0 {
			continue
		}
		o.shndx = len(hdrs)
		hdrs = append(hdrs, shdr{name: shstr.add(o.name), typ: o.typ, flags: o.flags, addr: o.addr, off: o.offset, size: o.size, align: o.align})
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
		shdr{name: shstr.add(".symtab"), typ: elf.SHT_SYMTAB, off: symOff, size: uint64(len(syms)), align: 8, ents: 24,
			link: uint32(symIdx + 1), info: uint32(firstGlobal)},
		shdr{name: shstr.add(".strtab"), typ: elf.SHT_STRTAB, off: strOff, size: uint64(len(strs.buf)), align: 1})
	shstrIdx := len(hdrs)
	shstrName := shstr.add(".shstrtab")
	hdrs = append(hdrs, shdr{name: shstrName, typ: elf.SHT_STRTAB, off: uint64(len(img)), size: uint64(len(shstr.buf)), align: 1})
	img = append(img, shstr.buf...)
	img = pad(img, 8)
	le.PutUint64(img[40:], uint64(len(img)))
	le.PutUint16(img[58:], 64)
	le.PutUint16(img[60:], uint16(len(hdrs)))
	le.PutUint16(img[62:], uint16(shstrIdx))
	for _, h := range hdrs {
		var b [64]byte
		le.PutUint32(b[0:], h.name)
		le.PutUint32(b[4:], uint32(h.typ))
		le.PutUint64(b[8:], uint64(h.flags))
		le.PutUint64(b[16:], h.addr)
		le.PutUint64(b[24:], h.off)
		le.PutUint64(b[32:], h.size)
		le.PutUint32(b[40:], h.link)
		le.PutUint32(b[44:], h.info)
		le.PutUint64(b[48:], h.align)
		le.PutUint64(b[56:], h.ents)
		img = append(img, b[:]...)
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
