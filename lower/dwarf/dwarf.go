// Package dwarf writes DWARF 4 debugging information for code whose
// addresses are only known as symbols and labels of an assembly
// listing: a line table (.debug_line), a compile unit per source file
// with a subprogram per function (.debug_info, .debug_abbrev,
// .debug_ranges) and the call frame information debuggers and
// profilers unwind the stack with (.debug_frame).
//
// Sections returns each section as Pieces: literal bytes, labels, and
// fixed-size values of assembler expressions (a function's address, the
// distance between two labels of the code, the offset of a label of
// another debugging section), so that the assembler computes every
// address and the linker relocates them. Every length is known when
// the pieces are made: addresses never have variable-length encodings
// (DW_LNS_fixed_advance_pc, DW_CFA_advance_loc4).
//
// The package knows no instruction set: the caller gives the rows of
// the line table and the frame states, with the target's DWARF register
// numbers (lower builds them from its listing; lower/amd64 describes
// its prologues and epilogues).
package dwarf

import (
	"encoding/binary"
	"strconv"

	"github.com/naturekit/naturekit/asm"
)

// A Program is what Sections describes.
type Program struct {
	Producer string // DW_AT_producer
	CompDir  string // DW_AT_comp_dir: the directory relative file names are relative to
	Language int    // DW_AT_language
	Funcs    []Func // in code order
	// Frame describes the target's call frames; nil leaves out
	// .debug_frame.
	Frame *Frame
}

// A Func is one function's code.
type Func struct {
	Sym  string // the symbol at its first byte
	End  string // a label just after its last byte
	Name string // DW_AT_name
	// Decl is where the function is declared (DW_AT_decl_*); its File
	// is the function's compile unit. A function without one belongs to
	// the unit of its first row's file, and one without rows either is
	// only in .debug_frame.
	Decl Pos
	Rows []Row // the line table, in address order
	// EndFar: End may be 64 KiB or more after the last row.
	EndFar bool
	// Frame holds the call frame states, in address order, Frame[0] at
	// Sym (Program.Frame.Entry if empty).
	Frame []FrameRow
}

// A Pos is a source position.
type Pos struct {
	File      string
	Line, Col int
}

// A Row is one row of the line table: from Label on, the code is for
// Pos.
type Row struct {
	Label string
	Pos   Pos
	// Far: the row may be 64 KiB or more after the previous one (or the
	// function's start), so its address is relocated rather than a
	// 16-bit distance.
	Far bool
}

// A FrameRow is the frame state from Label on.
type FrameRow struct {
	Label string
	State FrameState
}

// A FrameState says where the canonical frame address (CFA: the stack
// pointer at the call) and the caller's registers are.
type FrameState struct {
	CFAReg int   // the CFA is register CFAReg ...
	CFAOff int64 // ... plus CFAOff
	Saved  []Saved
	// SP is the CFA minus the stack pointer: what a target tracks to
	// place pushes while the CFA is computed from another register. It
	// is not written.
	SP int64
}

// MoveSP records that the stack pointer, DWARF register sp, went down
// by n bytes (up for a negative n): while the CFA is computed from sp,
// its offset follows.
func (s *FrameState) MoveSP(sp int, n int64) {
	s.SP += n
	if s.CFAReg == sp {
		s.CFAOff += n
	}
}

// IsSaved reports whether s has a rule for register r.
func (s *FrameState) IsSaved(r int) bool {
	for _, x := range s.Saved {
		if x.Reg == r {
			return true
		}
	}
	return false
}

// Restore drops the rule that register r is saved at CFA+off, if s has
// it: the register holds the caller's value again.
func (s *FrameState) Restore(r int, off int64) {
	for k, x := range s.Saved {
		if x.Reg == r && x.Off == off {
			s.Saved = append(s.Saved[:k:k], s.Saved[k+1:]...)
			return
		}
	}
}

// Saved says that register Reg of the caller is saved at CFA+Off.
type Saved struct {
	Reg int
	Off int64
}

// A Frame describes a target's call frames.
type Frame struct {
	RA        int        // the return address column
	DataAlign int        // the factor of saved registers' offsets (-8)
	Entry     FrameState // at a function's first instruction
}

// A Section is one debugging section's contents.
type Section struct {
	Name   string
	Pieces []Piece
}

// A Piece is a label (Label), literal bytes (Bytes) or a Size-byte value
// (Expr).
type Piece struct {
	Label string
	Bytes []byte
	Size  int
	Expr  asm.Expr
}

// DWARF constants this package writes.
const (
	LangC = 0x02 // DW_LANG_C

	tagCompileUnit = 0x11
	tagSubprogram  = 0x2e

	atName      = 0x03
	atStmtList  = 0x10
	atLowPC     = 0x11
	atHighPC    = 0x12
	atLanguage  = 0x13
	atCompDir   = 0x1b
	atProducer  = 0x25
	atDeclCol   = 0x39
	atDeclFile  = 0x3a
	atDeclLine  = 0x3b
	atExternal  = 0x3f
	atFrameBase = 0x40
	atRanges    = 0x55

	formAddr      = 0x01
	formData2     = 0x05
	formData4     = 0x06
	formString    = 0x08
	formUdata     = 0x0f
	formSecOffset = 0x17
	formExprloc   = 0x18
	formFlagPres  = 0x19

	opCallFrameCFA = 0x9c
)

// label names a label of the debugging sections.
func label(kind string, i int) string { return ".Lnk.dwarf." + kind + strconv.Itoa(i) }

// A writer builds one section's pieces.
type writer struct {
	pieces []Piece
	size   int // bytes so far
	sealed int // pieces before this index are not appended to
}

func (w *writer) bytes(p ...byte) {
	if n := len(w.pieces); n > w.sealed && w.pieces[n-1].Bytes != nil {
		w.pieces[n-1].Bytes = append(w.pieces[n-1].Bytes, p...)
	} else {
		w.pieces = append(w.pieces, Piece{Bytes: append([]byte(nil), p...)})
	}
	w.size += len(p)
}

func (w *writer) label(name string) { w.pieces = append(w.pieces, Piece{Label: name}) }

func (w *writer) value(size int, e asm.Expr) {
	w.pieces = append(w.pieces, Piece{Size: size, Expr: e})
	w.size += size
}

func (w *writer) u8(v byte)     { w.bytes(v) }
func (w *writer) u16(v uint16)  { w.bytes(binary.LittleEndian.AppendUint16(nil, v)...) }
func (w *writer) u32(v uint32)  { w.bytes(binary.LittleEndian.AppendUint32(nil, v)...) }
func (w *writer) uleb(v uint64) { w.bytes(appendULEB(nil, v)...) }
func (w *writer) sleb(v int64)  { w.bytes(appendSLEB(nil, v)...) }
func (w *writer) str(s string)  { w.bytes(append([]byte(s), 0)...) }

// lengthAt patches the 4-byte length written as bytes at piece index i
// (the unit's start) to cover everything after it.
func (w *writer) lengthAt(i, start int) {
	binary.LittleEndian.PutUint32(w.pieces[i].Bytes, uint32(w.size-start-4))
}

// beginUnit writes a placeholder unit length and returns what lengthAt
// needs. The placeholder is its own piece.
func (w *writer) beginUnit() (int, int) {
	w.pieces = append(w.pieces, Piece{Bytes: make([]byte, 4)})
	start := w.size
	w.size += 4
	w.sealed = len(w.pieces) // the next bytes must not grow the placeholder
	return len(w.pieces) - 1, start
}

func appendULEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			c |= 0x80
		}
		b = append(b, c)
		if v == 0 {
			return b
		}
	}
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// A unit is a compile unit: a source file and its functions.
type unit struct {
	name  string
	funcs []*Func
	files []string // the line table's files; index+1 is the DWARF number
	index map[string]int
}

func (u *unit) file(name string) int {
	if i, ok := u.index[name]; ok {
		return i + 1
	}
	u.index[name] = len(u.files)
	u.files = append(u.files, name)
	return len(u.files)
}

// units groups the functions with positions by compile unit, in order
// of first appearance.
func units(p *Program) []*unit {
	var us []*unit
	byName := map[string]*unit{}
	for i := range p.Funcs {
		f := &p.Funcs[i]
		name := f.Decl.File
		if name == "" && len(f.Rows) > 0 {
			name = f.Rows[0].Pos.File
		}
		if name == "" {
			continue
		}
		u := byName[name]
		if u == nil {
			u = &unit{name: name, index: map[string]int{}}
			u.file(name)
			byName[name] = u
			us = append(us, u)
		}
		u.funcs = append(u.funcs, f)
	}
	return us
}

// Sections returns the debugging sections of p: .debug_abbrev,
// .debug_info, .debug_ranges, .debug_line and, with p.Frame,
// .debug_frame.
func Sections(p *Program) []Section {
	us := units(p)
	var out []Section
	if len(us) > 0 {
		line := lineSection(us)
		out = append(out, abbrevSection(), infoSection(p, us), rangesSection(us), line)
	}
	if p.Frame != nil {
		out = append(out, frameSection(p))
	}
	return out
}

func abbrevSection() Section {
	var w writer
	w.label(label("abbrev", 0))
	attrs := func(pairs ...uint64) {
		for _, v := range pairs {
			w.uleb(v)
		}
		w.u16(0)
	}
	w.uleb(1)
	w.uleb(tagCompileUnit)
	w.u8(1) // children
	attrs(atProducer, formString, atLanguage, formData2, atName, formString, atCompDir, formString,
		atStmtList, formSecOffset, atLowPC, formAddr, atRanges, formSecOffset)
	w.uleb(2)
	w.uleb(tagSubprogram)
	w.u8(0)
	attrs(atName, formString, atLowPC, formAddr, atHighPC, formData4, atFrameBase, formExprloc,
		atDeclFile, formUdata, atDeclLine, formUdata, atDeclCol, formUdata, atExternal, formFlagPres)
	w.u8(0)
	return Section{Name: ".debug_abbrev", Pieces: w.pieces}
}

func infoSection(p *Program, us []*unit) Section {
	var w writer
	for i, u := range us {
		at, start := w.beginUnit()
		w.u16(4)
		w.value(4, asm.SymOff(label("abbrev", 0), 0))
		w.u8(8)
		w.uleb(1)
		w.str(p.Producer)
		w.u16(uint16(p.Language))
		w.str(u.name)
		w.str(p.CompDir)
		w.value(4, asm.SymOff(label("line", i), 0))
		w.value(8, asm.Const(0))
		w.value(4, asm.SymOff(label("ranges", i), 0))
		for _, f := range u.funcs {
			w.uleb(2)
			w.str(f.Name)
			w.value(8, asm.SymOff(f.Sym, 0))
			w.value(4, asm.Expr{Sym: f.End, Minus: f.Sym})
			w.uleb(1)
			w.u8(opCallFrameCFA)
			file := 0
			if f.Decl.File != "" {
				file = u.file(f.Decl.File)
			}
			w.uleb(uint64(file))
			w.uleb(uint64(max(f.Decl.Line, 0)))
			w.uleb(uint64(max(f.Decl.Col, 0)))
		}
		w.u8(0)
		w.lengthAt(at, start)
	}
	return Section{Name: ".debug_info", Pieces: w.pieces}
}

func rangesSection(us []*unit) Section {
	var w writer
	for i, u := range us {
		w.label(label("ranges", i))
		for _, f := range u.funcs {
			w.value(8, asm.SymOff(f.Sym, 0))
			w.value(8, asm.SymOff(f.End, 0))
		}
		w.value(8, asm.Const(0))
		w.value(8, asm.Const(0))
	}
	return Section{Name: ".debug_ranges", Pieces: w.pieces}
}

// Line program opcodes.
const (
	lnsCopy          = 0x01
	lnsAdvanceLine   = 0x03
	lnsSetFile       = 0x04
	lnsSetColumn     = 0x05
	lnsFixedAdvance  = 0x09
	lneEndSequence   = 0x01
	lneSetAddress    = 0x02
	lineOpcodeBase   = 13
	lineBase         = -5
	lineRange        = 14
	lineHeaderLength = 2 + 4 // version and header_length
)

// lineSection writes one line program per unit; every function is a
// sequence of its own. The files of a unit are known only after its
// rows (and infoSection's declarations) are numbered, so the
// programs are written first and the headers put before them.
func lineSection(us []*unit) Section {
	progs := make([]writer, len(us))
	for i, u := range us {
		for _, f := range u.funcs {
			if f.Decl.File != "" {
				u.file(f.Decl.File)
			}
			for _, r := range f.Rows {
				u.file(r.Pos.File)
			}
		}
		w := &progs[i]
		for _, f := range u.funcs {
			lineProgram(w, u, f)
		}
	}
	var w writer
	for i, u := range us {
		w.label(label("line", i))
		var h writer
		h.u8(1) // minimum_instruction_length
		h.u8(1) // maximum_operations_per_instruction
		h.u8(1) // default_is_stmt
		h.u8(lineBase & 0xff)
		h.u8(lineRange)
		h.u8(lineOpcodeBase)
		h.bytes(0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1) // standard_opcode_lengths
		h.u8(0)                                     // no include_directories
		for _, name := range u.files {
			h.str(name)
			h.uleb(0) // the compilation directory
			h.uleb(0)
			h.uleb(0)
		}
		h.u8(0)
		w.u32(uint32(lineHeaderLength + h.size + progs[i].size))
		w.u16(4)
		w.u32(uint32(h.size))
		for _, part := range []*writer{&h, &progs[i]} {
			w.pieces = append(w.pieces, part.pieces...)
			w.size += part.size
			w.sealed = len(w.pieces)
		}
	}
	return Section{Name: ".debug_line", Pieces: w.pieces}
}

// lineProgram writes the sequence of one function: its declaration's
// line at its first byte (or its first row's, without a declaration),
// then its rows.
func lineProgram(w *writer, u *unit, f *Func) {
	rows := f.Rows
	switch {
	case f.Decl.File != "" && f.Decl.Line > 0:
		rows = append([]Row{{Label: f.Sym, Pos: f.Decl}}, rows...)
	case len(rows) == 0:
		return
	default:
		// Without a declaration, the first row covers the code before
		// it too: a sequence starts at its function's first byte.
		rows = append([]Row{{Label: f.Sym, Pos: rows[0].Pos}}, rows[1:]...)
	}
	file, line, col := 1, 1, 0
	setAddress := func(sym string) {
		w.bytes(0, 9, lneSetAddress)
		w.value(8, asm.SymOff(sym, 0))
	}
	setAddress(f.Sym)
	prev := f.Sym
	advance := func(to string, far bool) {
		if to == prev {
			return
		}
		if far {
			setAddress(to)
		} else {
			w.u8(lnsFixedAdvance)
			w.value(2, asm.Expr{Sym: to, Minus: prev})
		}
		prev = to
	}
	for _, r := range rows {
		advance(r.Label, r.Far)
		if n := u.file(r.Pos.File); n != file {
			w.u8(lnsSetFile)
			w.uleb(uint64(n))
			file = n
		}
		if r.Pos.Line != line {
			w.u8(lnsAdvanceLine)
			w.sleb(int64(r.Pos.Line - line))
			line = r.Pos.Line
		}
		if c := max(r.Pos.Col, 0); c != col {
			w.u8(lnsSetColumn)
			w.uleb(uint64(c))
			col = c
		}
		w.u8(lnsCopy)
	}
	advance(f.End, f.EndFar)
	w.bytes(0, 1, lneEndSequence)
}

// Call frame instructions.
const (
	cfaAdvanceLoc4     = 0x04
	cfaOffsetExtended  = 0x05
	cfaRestoreExtended = 0x06
	cfaDefCFA          = 0x0c
	cfaDefCFARegister  = 0x0d
	cfaDefCFAOffset    = 0x0e
	cfaOffset          = 0x80
	cfaRestore         = 0xc0
)

// frameSection writes a CIE with the entry state and an FDE per
// function.
func frameSection(p *Program) Section {
	fr := p.Frame
	var w writer
	cie := label("cie", 0)
	w.label(cie)
	at, start := w.beginUnit()
	w.u32(0xffffffff) // CIE_id
	w.u8(1)           // version
	w.u8(0)           // augmentation ""
	w.uleb(1)         // code_alignment_factor
	w.sleb(int64(fr.DataAlign))
	w.u8(byte(fr.RA))
	stateChange(&w, fr, FrameState{CFAReg: -1}, fr.Entry)
	pad(&w, start)
	w.lengthAt(at, start)
	for i := range p.Funcs {
		f := &p.Funcs[i]
		at, start := w.beginUnit()
		w.value(4, asm.SymOff(cie, 0))
		w.value(8, asm.SymOff(f.Sym, 0))
		w.value(8, asm.Expr{Sym: f.End, Minus: f.Sym})
		cur, prev := fr.Entry, f.Sym
		for _, r := range f.Frame {
			if sameState(cur, r.State) {
				continue
			}
			if r.Label != prev {
				w.u8(cfaAdvanceLoc4)
				w.value(4, asm.Expr{Sym: r.Label, Minus: prev})
				prev = r.Label
			}
			stateChange(&w, fr, cur, r.State)
			cur = r.State
		}
		pad(&w, start)
		w.lengthAt(at, start)
	}
	return Section{Name: ".debug_frame", Pieces: w.pieces}
}

// pad pads an entry that started at start with DW_CFA_nop to a multiple
// of the address size.
func pad(w *writer, start int) {
	for (w.size-start)%8 != 0 {
		w.u8(0)
	}
}

func sameState(a, b FrameState) bool {
	if a.CFAReg != b.CFAReg || a.CFAOff != b.CFAOff || len(a.Saved) != len(b.Saved) {
		return false
	}
	for i := range a.Saved {
		if a.Saved[i] != b.Saved[i] {
			return false
		}
	}
	return true
}

// stateChange writes the instructions that take the rules from a to b.
func stateChange(w *writer, fr *Frame, a, b FrameState) {
	switch {
	case a.CFAReg == b.CFAReg && a.CFAOff != b.CFAOff:
		w.u8(cfaDefCFAOffset)
		w.uleb(uint64(b.CFAOff))
	case a.CFAReg != b.CFAReg && a.CFAOff == b.CFAOff:
		w.u8(cfaDefCFARegister)
		w.uleb(uint64(b.CFAReg))
	case a.CFAReg != b.CFAReg:
		w.u8(cfaDefCFA)
		w.uleb(uint64(b.CFAReg))
		w.uleb(uint64(b.CFAOff))
	}
	find := func(s []Saved, reg int) (int64, bool) {
		for _, x := range s {
			if x.Reg == reg {
				return x.Off, true
			}
		}
		return 0, false
	}
	for _, x := range a.Saved {
		if _, ok := find(b.Saved, x.Reg); !ok {
			if x.Reg < 64 {
				w.u8(cfaRestore | byte(x.Reg))
			} else {
				w.u8(cfaRestoreExtended)
				w.uleb(uint64(x.Reg))
			}
		}
	}
	for _, x := range b.Saved {
		if off, ok := find(a.Saved, x.Reg); ok && off == x.Off {
			continue
		}
		factored := uint64(x.Off / int64(fr.DataAlign))
		if x.Reg < 64 {
			w.u8(cfaOffset | byte(x.Reg))
		} else {
			w.u8(cfaOffsetExtended)
			w.uleb(uint64(x.Reg))
		}
		w.uleb(factored)
	}
}
