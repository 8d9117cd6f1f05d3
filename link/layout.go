package link

import (
	"debug/elf"
	"sort"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/link/object"
)

// Output sections, in address order. Each input section goes to exactly
// one of them, or is discarded.
const (
	osInit = iota
	osText
	osFini
	osRodata
	osTdata
	osTbss
	osPreinit
	osInitArray
	osFiniArray
	osData
	osGot
	osBss
	numOut
)

// outDefs names the output sections and gives their header fields.
func outDefs() [numOut]outSection {
	ax := elf.SHF_ALLOC | elf.SHF_EXECINSTR
	wa := elf.SHF_ALLOC | elf.SHF_WRITE
	return [numOut]outSection{
		{name: ".init", typ: elf.SHT_PROGBITS, flags: ax, seg: segText},
		{name: ".text", typ: elf.SHT_PROGBITS, flags: ax, seg: segText},
		{name: ".fini", typ: elf.SHT_PROGBITS, flags: ax, seg: segText},
		{name: ".rodata", typ: elf.SHT_PROGBITS, flags: elf.SHF_ALLOC, seg: segRodata},
		{name: ".tdata", typ: elf.SHT_PROGBITS, flags: wa | elf.SHF_TLS, seg: segData},
		{name: ".tbss", typ: elf.SHT_NOBITS, flags: wa | elf.SHF_TLS, seg: segData},
		{name: ".preinit_array", typ: elf.SHT_PREINIT_ARRAY, flags: wa, seg: segData},
		{name: ".init_array", typ: elf.SHT_INIT_ARRAY, flags: wa, seg: segData},
		{name: ".fini_array", typ: elf.SHT_FINI_ARRAY, flags: wa, seg: segData},
		{name: ".data", typ: elf.SHT_PROGBITS, flags: wa, seg: segData},
		{name: ".got", typ: elf.SHT_PROGBITS, flags: wa, seg: segData},
		{name: ".bss", typ: elf.SHT_NOBITS, flags: wa, seg: segData},
	}
}

// Segments (PT_LOAD), in address order.
const (
	segText   = iota // R+X: ELF header, program headers, .init, .text, .fini
	segRodata        // R
	segData          // R+W: TLS template, arrays, .data, .got, .bss
	numSeg

	segNone = -1 // not loaded: the debugging sections (.debug_*)
)

// An outSection is a section of the output.
type outSection struct {
	name   string
	typ    elf.SectionType
	flags  elf.SectionFlag
	seg    int
	align  uint64
	ins    []*inSec
	size   uint64
	addr   uint64
	offset uint64
	shndx  int // index in the output section header table; 0 if empty
}

// An inSec is an input section placed in an output section.
type inSec struct {
	obj *objFile
	sec *object.Section
	out *outSection
	off uint64 // offset in out
}

func (is *inSec) addr() uint64 { return is.out.addr + is.off }

// A segment is a PT_LOAD segment.
type segment struct {
	flags         elf.ProgFlag
	addr, off     uint64
	filesz, memsz uint64
	first, last   int // range of output sections [first, last]
}

// tlsInfo describes the PT_TLS segment.
type tlsInfo struct {
	addr, filesz, memsz, align uint64
}

// classify returns the output section of an input section, or -1 if the
// section is discarded or is debugging information (isDebug, which
// placeSections keeps unless Config.StripDebug): non-allocated sections
// (debug info, comments), notes, and .eh_frame (there is no unwinder in
// a static C or Nature program; see the package documentation).
func classify(s *object.Section) int {
	if s.Flags&elf.SHF_ALLOC == 0 || s.Type == elf.SHT_NOTE || s.Type == elf.SHT_GROUP {
		return -1
	}
	if s.Name == ".eh_frame" || s.Name == ".eh_frame_hdr" {
		return -1
	}
	switch {
	case s.Flags&elf.SHF_TLS != 0 && s.Type == elf.SHT_NOBITS:
		return osTbss
	case s.Flags&elf.SHF_TLS != 0:
		return osTdata
	case s.Type == elf.SHT_PREINIT_ARRAY || hasPrefix(s.Name, ".preinit_array"):
		return osPreinit
	case s.Type == elf.SHT_INIT_ARRAY || hasPrefix(s.Name, ".init_array"):
		return osInitArray
	case s.Type == elf.SHT_FINI_ARRAY || hasPrefix(s.Name, ".fini_array"):
		return osFiniArray
	case s.Name == ".init":
		return osInit
	case s.Name == ".fini":
		return osFini
	case s.Flags&elf.SHF_EXECINSTR != 0:
		return osText
	case s.Type == elf.SHT_NOBITS:
		return osBss
	case s.Flags&elf.SHF_WRITE != 0:
		return osData
	}
	return osRodata
}

// isDebug reports whether s is a DWARF section (.debug_line,
// .debug_info, ...): kept, not loaded, in an output section of its name.
func isDebug(s *object.Section) bool {
	return s.Flags&elf.SHF_ALLOC == 0 && s.Type == elf.SHT_PROGBITS && strings.HasPrefix(s.Name, ".debug_")
}

// debugOut returns the output section of the debugging section named
// name, making it (after the others, in order of first appearance) on
// first use. It is not loaded: its address is 0, so that a relocation
// against a symbol of a debugging section resolves to the symbol's
// offset in its output section, as DWARF's section offsets want.
func (l *linker) debugOut(name string) *outSection {
	for _, o := range l.outs[numOut:] {
		if o.name == name {
			return o
		}
	}
	o := &outSection{name: name, typ: elf.SHT_PROGBITS, seg: segNone, align: 1}
	l.outs = append(l.outs, o)
	return o
}

// hasPrefix reports whether name is prefix or prefix followed by ".".
func hasPrefix(name, prefix string) bool {
	return name == prefix || strings.HasPrefix(name, prefix+".")
}

// priority is the init priority of a .init_array.N or .fini_array.N
// section; plain sections run after all prioritised ones.
func priority(name string) int {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		if n, err := strconv.Atoi(name[i+1:]); err == nil {
			return n
		}
	}
	return 1 << 16
}

// placeSections assigns every kept input section, and the COMMON
// symbols, to an output section and an offset in it.
func (l *linker) placeSections() {
	defs := outDefs()
	l.outs = make([]*outSection, numOut)
	for i := range defs {
		d := defs[i]
		d.align = 1
		l.outs[i] = &d
	}
	for _, o := range l.objs {
		for _, s := range o.f.Sections {
			k := classify(s)
			var out *outSection
			switch {
			case k >= 0:
				out = l.outs[k]
			case isDebug(s) && !l.cfg.StripDebug:
				out = l.debugOut(s.Name)
			default:
				continue
			}
			is := &inSec{obj: o, sec: s, out: out}
			o.secs[s] = is
			out.ins = append(out.ins, is)
		}
	}
	for _, k := range []int{osPreinit, osInitArray, osFiniArray} {
		ins := l.outs[k].ins
		sort.SliceStable(ins, func(i, j int) bool { return priority(ins[i].sec.Name) < priority(ins[j].sec.Name) })
	}
	l.placeCommons()
	for _, out := range l.outs {
		for _, is := range out.ins {
			a := max(is.sec.Align, 1)
			out.align = max(out.align, a)
			is.off = alignUp(out.size, a)
			out.size = is.off + is.sec.Size
			if is.sec.Size > maxAddr || out.size > maxAddr {
				l.tooBig = true
			}
		}
	}
}

// placeCommons gives each COMMON symbol a synthetic section in .bss.
func (l *linker) placeCommons() {
	for _, g := range l.order {
		if g.sym == nil || !g.sym.Common() {
			continue
		}
		sec := &object.Section{Name: "COMMON", Type: elf.SHT_NOBITS, Flags: elf.SHF_ALLOC | elf.SHF_WRITE,
			Align: max(g.comAlign, 1), Size: g.common}
		g.comSec = &inSec{obj: g.obj, sec: sec, out: l.outs[osBss]}
		l.outs[osBss].ins = append(l.outs[osBss].ins, g.comSec)
	}
}

func alignUp(v, a uint64) uint64 {
	if a <= 1 {
		return v
	}
	return (v + a - 1) &^ (a - 1)
}

// numPhdrs counts the program headers: PT_PHDR, the PT_LOADs, PT_TLS and
// PT_GNU_STACK.
func (l *linker) numPhdrs() int {
	n := 2 + 1 // PT_PHDR, PT_GNU_STACK, the text segment
	if l.outs[osRodata].size > 0 {
		n++
	}
	if l.dataUsed() {
		n++
	}
	if l.hasTLS() {
		n++
	}
	return n
}

func (l *linker) dataUsed() bool {
	for k := osTdata; k <= osBss; k++ {
		if l.outs[k].size > 0 {
			return true
		}
	}
	return false
}

func (l *linker) hasTLS() bool { return l.outs[osTdata].size > 0 || l.outs[osTbss].size > 0 }

const (
	ehdrSize = 64
	phdrSize = 56
)

// layout assigns file offsets and addresses to the output sections and
// builds the segments.
func (l *linker) layout() {
	l.outs[osGot].size = uint64(len(l.got.entries)) * 8
	l.outs[osGot].align = 8
	page := l.arch.maxPage
	off := uint64(ehdrSize + phdrSize*l.numPhdrs())
	addr := l.cfg.Base + off
	l.segs = nil
	for seg := 0; seg < numSeg; seg++ {
		first, last := l.segRange(seg)
		if seg != segText && !l.segUsed(first, last) {
			continue
		}
		if seg != segText {
			addr = alignUp(addr, page) + off%page
		}
		sg := segment{flags: segFlags(seg), addr: addr, off: off, first: first, last: last}
		if seg == segText {
			sg.addr, sg.off = l.cfg.Base, 0
		}
		off, addr = l.placeSegment(first, last, off, addr)
		sg.memsz = addr - sg.addr
		sg.filesz = l.fileEnd(first, last, sg) - sg.off
		l.segs = append(l.segs, sg)
	}
	last := l.segs[len(l.segs)-1]
	l.end = last.off + last.filesz
	for _, o := range l.outs[numOut:] {
		o.offset = alignUp(l.end, o.align)
		l.end = o.offset + o.size
	}
}

func segFlags(seg int) elf.ProgFlag {
	switch seg {
	case segText:
		return elf.PF_R | elf.PF_X
	case segRodata:
		return elf.PF_R
	}
	return elf.PF_R | elf.PF_W
}

func (l *linker) segRange(seg int) (first, last int) {
	first = -1
	for i, o := range l.outs {
		if o.seg == seg {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

func (l *linker) segUsed(first, last int) bool {
	for i := first; i <= last; i++ {
		if l.outs[i].size > 0 {
			return true
		}
	}
	return false
}

// placeSegment assigns offsets and addresses to outs[first..last]
// starting at off/addr, and returns where the segment ends.
func (l *linker) placeSegment(first, last int, off, addr uint64) (uint64, uint64) {
	for i := first; i <= last; i++ {
		o := l.outs[i]
		switch i {
		case osTdata:
			o.align = max(o.align, l.outs[osTbss].align)
		case osTbss:
			// .tbss occupies no address space in the image: only the TLS
			// template's memory size counts it.
			o.addr = alignUp(addr, o.align)
			o.offset = off
			t := l.outs[osTdata]
			l.tls = tlsInfo{addr: t.addr, filesz: t.size, memsz: o.addr + o.size - t.addr, align: t.align}
			continue
		}
		pad := alignUp(addr, o.align) - addr
		addr += pad
		off += pad
		o.addr, o.offset = addr, off
		addr += o.size
		if o.typ != elf.SHT_NOBITS {
			off += o.size
		}
	}
	return off, addr
}

// fileEnd is the file offset where the contents of the segment end.
func (l *linker) fileEnd(first, last int, sg segment) uint64 {
	end := sg.off
	for i := first; i <= last; i++ {
		if o := l.outs[i]; o.typ != elf.SHT_NOBITS {
			end = max(end, o.offset+o.size)
		}
	}
	return end
}

// assignSymbols computes the final address of every global symbol.
func (l *linker) assignSymbols() error {
	for _, g := range l.order {
		switch {
		case g.linker != "":
			g.addr = l.linkerValue(g.linker)
		case g.sym == nil:
			g.addr = 0
		case g.comSec != nil:
			g.addr = g.comSec.addr()
		default:
			a, err := l.localAddr(g.obj, g.sym)
			if err != nil {
				return err
			}
			g.addr = a
		}
	}
	return nil
}

// localAddr is the address of a symbol defined in object o.
func (l *linker) localAddr(o *objFile, s *object.Symbol) (uint64, error) {
	if s.Section == nil {
		return s.Value, nil // SHN_ABS
	}
	is := o.secs[s.Section]
	if is == nil {
		return 0, &discardedError{obj: o.name, sym: s.Name, sec: s.Section.Name}
	}
	return is.addr() + s.Value, nil
}

func (l *linker) linkerValue(name string) uint64 {
	o := l.outs
	end := func(k int) uint64 { return o[k].addr + o[k].size }
	switch name {
	case "__executable_start", "__ehdr_start":
		return l.cfg.Base
	case "_etext", "etext", "__etext":
		return end(osFini)
	case "__preinit_array_start":
		return o[osPreinit].addr
	case "__preinit_array_end":
		return end(osPreinit)
	case "__init_array_start":
		return o[osInitArray].addr
	case "__init_array_end":
		return end(osInitArray)
	case "__fini_array_start":
		return o[osFiniArray].addr
	case "__fini_array_end":
		return end(osFiniArray)
	case "__data_start", "data_start":
		return o[osData].addr
	case "_edata", "edata":
		return end(osGot)
	case "__bss_start":
		return o[osBss].addr
	case "_end", "end":
		return end(osBss)
	case "_GLOBAL_OFFSET_TABLE_":
		return o[osGot].addr
	}
	return 0
}
