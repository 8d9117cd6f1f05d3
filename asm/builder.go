package asm

import (
	"debug/elf"
	"fmt"
	"strings"
)

// A Builder collects the statements of one object — sections, labels,
// instructions, data, alignment and symbol attributes — and assembles
// them into an Object. It is the Go API of the assembler; the text
// parser (Assemble) drives a Builder too.
//
// A Builder starts in section .text. Statements report errors at the
// position last given to SetPos.
type Builder struct {
	arch     Arch
	pos      Pos
	sections []*section
	cur      *section
	syms     map[string]*symbol
	order    []*symbol // symbols in first-mention order
	errs     ErrorList
	arena    []byte   // the bytes of instructions and literal data
	files    []string // file names of statement positions

	// Layout state of the pass in progress.
	ctx     Context // of the instruction being encoded
	pass    int
	stretch int64 // growth of the current section so far in this pass
}

// A section under construction.
type section struct {
	Section
	stmts stmtList
}

type stmtKind uint8

const (
	stmtInst  stmtKind = iota // an instruction
	stmtLabel                 // a symbol definition at the current location
	stmtData                  // a value of size bytes: expr
	stmtBytes                 // literal bytes
	stmtFill                  // count bytes of value fill
	stmtAlign                 // pad to a multiple of align, unless more than max bytes
	stmtSize                  // the .size of sym: expr, evaluated at this location
)

// A stmt is one statement of a section, with its layout state. It is
// kept small — instructions are most of an assembly — so rarely used
// fields live in a stmtAux, and bytes live in the Builder's arena.
type stmt struct {
	kind      stmtKind
	grown     bool   // stmtInst: encoded longer than its first encoding
	dependent bool   // stmtInst: the encoding looked at symbol values
	file      uint16 // index into Builder.files
	line      int32
	dataOff   uint32 // stmtInst, stmtBytes: the bytes, in Builder.arena
	dataLen   uint32
	off       uint64 // section offset in the last layout pass
	inst      Inst
	sym       *symbol // stmtLabel, stmtSize
	aux       *stmtAux
}

// stmtAux holds the operands of data, fill, alignment and size
// statements, and what an instruction's encoding left behind besides its
// bytes.
type stmtAux struct {
	expr   Expr    // stmtData, stmtSize
	size   int     // stmtData: width; stmtFill: count
	fill   byte    // stmtFill, stmtAlign
	code   bool    // stmtAlign: pad with the architecture's no-ops
	align  uint64  // stmtAlign
	max    uint64  // stmtAlign: most bytes to skip; 0 means no limit
	relocs []Reloc // stmtInst: relocations, offsets from the instruction
	err    error   // stmtInst: why the last encoding failed
}

// A symbol as the builder tracks it.
type symbol struct {
	name    string
	defPos  Pos      // where it is defined; Line 0 if only referenced
	section *section // defining section; nil if undefined
	value   uint64
	placed  bool // value has been computed by a layout pass
	pass    int  // the layout pass that computed value
	bind    elf.SymBind
	typ     elf.SymType
	size    uint64
	bindSet bool // bind was given by .globl, .weak or .local
	used    bool // referenced by a relocation
}

// NewBuilder returns a Builder for the architecture.
func NewBuilder(arch Arch) *Builder {
	b := &Builder{arch: arch, syms: map[string]*symbol{}}
	b.Section(".text")
	return b
}

// Arch returns the architecture the builder assembles for.
func (b *Builder) Arch() Arch { return b.arch }

// SetPos sets the source position that later statements and their errors
// refer to.
func (b *Builder) SetPos(p Pos) { b.pos = p }

func (b *Builder) errorf(format string, args ...any) {
	b.errorAt(b.pos, fmt.Sprintf(format, args...))
}

func (b *Builder) errorAt(p Pos, msg string) {
	if len(b.errs) < maxErrors {
		b.errs = append(b.errs, &Error{Pos: p, Msg: msg})
	}
}

func (b *Builder) add(s stmt) {
	if n := len(b.files); n == 0 || b.files[n-1] != b.pos.File {
		b.files = append(b.files, b.pos.File)
	}
	s.file, s.line = uint16(len(b.files)-1), int32(b.pos.Line)
	b.cur.stmts.push(s)
}

// posOf returns the source position of a statement.
func (b *Builder) posOf(st *stmt) Pos {
	return Pos{File: b.files[st.file], Line: int(st.line)}
}

// bytesOf returns the bytes of an instruction or literal-data statement.
func (b *Builder) bytesOf(st *stmt) []byte {
	return b.arena[st.dataOff : st.dataOff+st.dataLen]
}

// setBytes stores p in the arena as the bytes of st.
func (b *Builder) setBytes(st *stmt, p []byte) {
	st.dataOff, st.dataLen = uint32(len(b.arena)), uint32(len(p))
	b.arena = append(b.arena, p...)
}

// Section switches to the named section, creating it on first use with
// the type and flags its name implies (.text is executable, .data
// writable, .bss writable and without contents, .rodata read-only,
// .tdata and .tbss thread-local, ...).
func (b *Builder) Section(name string) {
	typ, flags := defaultSectionKind(name)
	b.SectionKind(name, typ, flags)
}

// SectionKind switches to the named section, creating it on first use
// with the given type and flags. The type and flags of an existing
// section do not change.
func (b *Builder) SectionKind(name string, typ elf.SectionType, flags elf.SectionFlag) {
	for _, s := range b.sections {
		if s.Name == name {
			b.cur = s
			return
		}
	}
	s := &section{Section: Section{Name: name, Type: typ, Flags: flags, Align: 1}}
	b.sections = append(b.sections, s)
	b.cur = s
}

func defaultSectionKind(name string) (elf.SectionType, elf.SectionFlag) {
	has := func(prefix string) bool { return name == prefix || strings.HasPrefix(name, prefix+".") }
	switch {
	case has(".text"):
		return elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_EXECINSTR
	case has(".bss"):
		return elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE
	case has(".tbss"):
		return elf.SHT_NOBITS, elf.SHF_ALLOC | elf.SHF_WRITE | elf.SHF_TLS
	case has(".tdata"):
		return elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE | elf.SHF_TLS
	case has(".data"):
		return elf.SHT_PROGBITS, elf.SHF_ALLOC | elf.SHF_WRITE
	case has(".rodata"):
		return elf.SHT_PROGBITS, elf.SHF_ALLOC
	case has(".init_array"):
		return elf.SHT_INIT_ARRAY, elf.SHF_ALLOC | elf.SHF_WRITE
	case has(".fini_array"):
		return elf.SHT_FINI_ARRAY, elf.SHF_ALLOC | elf.SHF_WRITE
	case has(".preinit_array"):
		return elf.SHT_PREINIT_ARRAY, elf.SHF_ALLOC | elf.SHF_WRITE
	case strings.HasPrefix(name, ".note"):
		return elf.SHT_NOTE, 0
	}
	return elf.SHT_PROGBITS, 0
}

// sectionFlag returns the section flag of the letter c in the flags
// string of a .section directive.
func sectionFlag(c rune) (elf.SectionFlag, bool) {
	for _, f := range [...]struct {
		letter rune
		flag   elf.SectionFlag
	}{
		{'a', elf.SHF_ALLOC}, {'w', elf.SHF_WRITE}, {'x', elf.SHF_EXECINSTR}, {'M', elf.SHF_MERGE},
		{'S', elf.SHF_STRINGS}, {'T', elf.SHF_TLS}, {'G', elf.SHF_GROUP}, {'o', elf.SHF_LINK_ORDER},
	} {
		if f.letter == c {
			return f.flag, true
		}
	}
	return 0, false
}

// sectionType returns the section type named t in a .section directive:
// debug/elf's name of the type without "SHT_", in lower case.
func sectionType(t string) (elf.SectionType, bool) {
	for _, st := range [...]elf.SectionType{elf.SHT_PROGBITS, elf.SHT_NOBITS, elf.SHT_NOTE,
		elf.SHT_INIT_ARRAY, elf.SHT_FINI_ARRAY, elf.SHT_PREINIT_ARRAY} {
		if strings.ToLower(strings.TrimPrefix(st.String(), "SHT_")) == t {
			return st, true
		}
	}
	return 0, false
}

// symbol returns the named symbol, creating an undefined one.
func (b *Builder) symbol(name string) *symbol {
	s := b.syms[name]
	if s == nil {
		s = &symbol{name: name, bind: elf.STB_LOCAL}
		b.syms[name] = s
		b.order = append(b.order, s)
	}
	return s
}

// Label defines name at the current location of the current section.
func (b *Builder) Label(name string) {
	if !ValidSymbolName(name) || name == "." {
		b.errorf("invalid symbol name %q", name)
		return
	}
	s := b.symbol(name)
	if s.section != nil {
		b.errorf("symbol %s is already defined at %v", name, s.defPos)
		return
	}
	s.section, s.defPos = b.cur, b.pos
	b.add(stmt{kind: stmtLabel, sym: s})
}

// Global marks name as a global symbol (.globl).
func (b *Builder) Global(name string) { b.setBind(name, elf.STB_GLOBAL) }

// Weak marks name as a weak symbol (.weak).
func (b *Builder) Weak(name string) { b.setBind(name, elf.STB_WEAK) }

// Local marks name as a local symbol that appears in the symbol table
// even if its name starts with ".L" (.local).
func (b *Builder) Local(name string) { b.setBind(name, elf.STB_LOCAL) }

func (b *Builder) setBind(name string, bind elf.SymBind) {
	if !ValidSymbolName(name) || name == "." {
		b.errorf("invalid symbol name %q", name)
		return
	}
	s := b.symbol(name)
	if s.bindSet && s.bind != bind {
		b.errorf("symbol %s is already %v", name, bindName(s.bind))
		return
	}
	s.bind, s.bindSet = bind, true
}

// bindName returns the directive's word for binding b (global, weak,
// local): debug/elf's name of b without "STB_", in lower case.
func bindName(b elf.SymBind) string { return strings.ToLower(strings.TrimPrefix(b.String(), "STB_")) }

// Type sets the ELF type of a symbol (.type name, @function).
func (b *Builder) Type(name string, t elf.SymType) {
	if !ValidSymbolName(name) {
		b.errorf("invalid symbol name %q", name)
		return
	}
	b.symbol(name).typ = t
}

// Size sets the size of a symbol to the value of e evaluated at the
// current location (.size name, .-name).
func (b *Builder) Size(name string, e Expr) {
	if !ValidSymbolName(name) {
		b.errorf("invalid symbol name %q", name)
		return
	}
	b.add(stmt{kind: stmtSize, sym: b.symbol(name), aux: &stmtAux{expr: e}})
}

// Inst appends an instruction to the current section.
func (b *Builder) Inst(i Inst) {
	b.add(stmt{kind: stmtInst, inst: i})
}

// Data appends a size-byte little-endian value (size 1, 2, 4 or 8). A
// symbolic e becomes a relocation, or a constant when it is a difference
// of two symbols of one section.
func (b *Builder) Data(size int, e Expr) {
	if size != 1 && size != 2 && size != 4 && size != 8 {
		b.errorf("data size %d is not 1, 2, 4 or 8", size)
		return
	}
	b.add(stmt{kind: stmtData, aux: &stmtAux{size: size, expr: e}})
}

// Bytes appends literal bytes.
func (b *Builder) Bytes(p []byte) {
	st := stmt{kind: stmtBytes}
	b.setBytes(&st, p)
	b.add(st)
}

// Fill appends n bytes of value v (.zero, .skip, .space).
func (b *Builder) Fill(n int, v byte) {
	if n < 0 {
		b.errorf("negative fill count %d", n)
		return
	}
	b.add(stmt{kind: stmtFill, aux: &stmtAux{size: n, fill: v}})
}

// MaxAlignLog is the base-2 logarithm of the largest alignment the
// assembler accepts: 2^24 bytes (16 MiB). GNU as accepts any alignment
// up to 2^63 (it clamps larger ones to that, with a warning), but pads
// the section with as many bytes, and BFD aligns even a .bss section's
// offset in the object file: ".p2align 32" writes an object of 4 GiB or
// more, or fails for want of memory. naturekit's linker reads objects
// with alignments up to 2^24, and 16 MiB of padding stays below what a
// single .fill or .zero may add (maxFill).
const MaxAlignLog = 24

// Align pads the current section to a multiple of align bytes (a power of
// two, at most 2^MaxAlignLog), skipping no more than max bytes (0: no
// limit). Executable sections are padded with the architecture's no-ops
// unless fill is given; others with fill or zeros.
func (b *Builder) Align(align uint64, fill *byte, max uint64) {
	if align == 0 || align&(align-1) != 0 {
		b.errorf("alignment %d is not a power of two", align)
		return
	}
	if align > 1<<MaxAlignLog {
		b.errorf("alignment %d too large: at most 2^%d", align, MaxAlignLog)
		return
	}
	a := &stmtAux{align: align, max: max, code: b.cur.Flags&elf.SHF_EXECINSTR != 0}
	if fill != nil {
		a.fill, a.code = *fill, false
	}
	if max == 0 || max >= align-1 {
		b.cur.Align = maxU64(b.cur.Align, align)
	}
	b.add(stmt{kind: stmtAlign, aux: a})
}

func maxU64(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}
