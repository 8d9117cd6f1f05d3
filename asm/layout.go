package asm

import (
	"debug/elf"
	"encoding/binary"
	"fmt"
	"sort"
	"strings"
)

// maxPasses bounds branch relaxation. Instructions only ever grow (see
// Inst.Encode), so in practice layout converges in a few passes; hitting
// the bound means an Arch broke that rule.
const maxPasses = 100

// Assemble lays out the collected statements — iterating until every
// instruction's size is stable, which relaxes branches as GNU as does:
// start short, grow what does not fit — and returns the object. The error,
// if any, is an ErrorList.
func (b *Builder) Assemble() (*Object, error) {
	errs, converged := b.layout()
	var obj *Object
	if converged {
		var emitErrs ErrorList
		obj, emitErrs = b.emit()
		errs = append(errs, emitErrs...)
	}
	all := append(append(ErrorList(nil), b.errs...), errs...)
	if len(all) == 0 {
		return obj, nil
	}
	sort.SliceStable(all, func(i, j int) bool {
		return all[i].Pos.File == all[j].Pos.File && all[i].Pos.Line < all[j].Pos.Line
	})
	if len(all) > maxErrors {
		all = all[:maxErrors]
	}
	return nil, all
}

// layout runs layout passes until no instruction changes size and
// returns the errors of the instructions that cannot be encoded.
func (b *Builder) layout() (errs ErrorList, converged bool) {
	for pass := 0; pass < maxPasses; pass++ {
		if !b.layoutPass(pass) && pass > 0 {
			return b.encodeErrors(), true
		}
	}
	msg := fmt.Sprintf("branch relaxation did not converge after %d passes", maxPasses)
	return ErrorList{{Pos: b.changing(), Msg: msg}}, false
}

// changing returns the position of an instruction that changed size in
// the last layout pass, to point at when layout does not converge.
func (b *Builder) changing() Pos {
	for _, sec := range b.sections {
		for i := range sec.stmts.len() {
			if st := sec.stmts.at(i); st.kind == stmtInst && st.grown {
				return b.posOf(st)
			}
		}
	}
	return Pos{}
}

// layoutPass assigns offsets to every statement, encoding instructions
// whose encoding may have changed, and reports whether any instruction
// changed size.
func (b *Builder) layoutPass(pass int) (changed bool) {
	b.pass = pass
	for _, sec := range b.sections {
		var pc uint64
		for i := range sec.stmts.len() {
			st := sec.stmts.at(i)
			b.stretch = int64(pc) - int64(st.off)
			st.off = pc
			switch st.kind {
			case stmtLabel:
				st.sym.value, st.sym.placed, st.sym.pass = pc, true, pass
			case stmtInst:
				if pass == 0 || st.dependent {
					n := st.dataLen
					b.encode(st, sec, pc)
					if pass > 0 && st.dataLen != n {
						changed = true
						st.grown = st.grown || st.dataLen > n
					}
				}
				pc += uint64(st.dataLen)
			case stmtData, stmtFill:
				pc += uint64(st.aux.size)
			case stmtBytes:
				pc += uint64(st.dataLen)
			case stmtAlign:
				pc += alignPad(pc, st.aux)
			}
		}
		sec.Size = pc
	}
	return changed
}

// encode encodes one instruction at pc, keeping the bytes, relocations
// and error of this pass in st.
func (b *Builder) encode(st *stmt, sec *section, pc uint64) {
	// One Context serves every encoding: passed to an interface method, a
	// fresh one would be a heap allocation per instruction and pass.
	ctx := &b.ctx
	*ctx = Context{PC: pc, Grown: st.grown, b: b, section: sec}
	start := len(b.arena)
	code, err := st.inst.Encode(b.arena, ctx)
	st.dependent = ctx.looked
	if ctx.relocs != nil || err != nil || st.aux != nil {
		if st.aux == nil {
			st.aux = new(stmtAux)
		}
		st.aux.relocs, st.aux.err = ctx.relocs, err
	}
	if err != nil {
		// Keep the size of the last successful encoding (zeros): were the
		// instruction to shrink, a branch over it could come into range,
		// the next pass would grow it back, and layout would oscillate
		// instead of reporting the error.
		b.setBytes(st, make([]byte, st.dataLen))
		return
	}
	// Every encoding is appended to the arena; re-encoding in a later
	// pass leaves the old bytes unused.
	b.arena = code
	st.dataOff, st.dataLen = uint32(start), uint32(len(code)-start)
}

func (b *Builder) encodeErrors() ErrorList {
	var errs ErrorList
	for _, sec := range b.sections {
		for i := range sec.stmts.len() {
			st := sec.stmts.at(i)
			if st.kind == stmtInst && st.aux != nil && st.aux.err != nil && len(errs) < maxErrors {
				errs = append(errs, &Error{Pos: b.posOf(st), Msg: st.aux.err.Error()})
			}
		}
	}
	return errs
}

func alignPad(pc uint64, a *stmtAux) uint64 {
	pad := (a.align - pc%a.align) % a.align
	if a.max != 0 && pad > a.max {
		return 0
	}
	return pad
}

// lookup describes a symbol to an instruction being encoded at pc in sec.
func (b *Builder) lookup(name string, sec *section, pc uint64) SymbolRef {
	if name == "." {
		return SymbolRef{Defined: true, SameSection: true, Local: true, Value: pc}
	}
	s := b.syms[name]
	if s == nil || s.section == nil {
		return SymbolRef{}
	}
	ref := SymbolRef{Defined: true, SameSection: s.section == sec, Local: s.bind == elf.STB_LOCAL,
		Weak: s.bind == elf.STB_WEAK, Value: s.value}
	switch {
	case !s.placed:
		// A forward reference in the first pass: assume the optimistic
		// distance zero, so that branches start short.
		ref.Value = pc
	case ref.SameSection && s.pass != b.pass:
		// A forward reference in a later pass: the symbol's value from
		// the previous pass, moved by what the section has grown so far
		// in this one (GNU as's "stretch"). Without it a forward branch
		// after many grown ones would look far backward and grow too.
		ref.Value = uint64(int64(s.value) + b.stretch)
	}
	return ref
}

// emit builds the object from a converged layout.
func (b *Builder) emit() (*Object, ErrorList) {
	obj := &Object{Machine: b.arch.Machine()}
	var errs ErrorList
	for _, sec := range b.sections {
		out, err := b.emitSection(sec)
		errs = append(errs, err...)
		obj.Sections = append(obj.Sections, out)
	}
	obj.Symbols = b.symbols()
	return obj, errs
}

func (b *Builder) emitSection(sec *section) (*Section, ErrorList) {
	out := sec.Section
	nobits := out.Type == elf.SHT_NOBITS
	var data []byte
	if !nobits {
		data = make([]byte, 0, sec.Size)
	}
	var errs ErrorList
	fail := func(st *stmt, format string, args ...any) {
		errs = append(errs, &Error{Pos: b.posOf(st), Msg: fmt.Sprintf(format, args...)})
	}
	for i := range sec.stmts.len() {
		st := sec.stmts.at(i)
		if nobits && !st.zeroFill() {
			fail(st, "section %s holds no data (type nobits): only .zero, .skip and alignment are allowed", out.Name)
			continue
		}
		switch st.kind {
		case stmtInst:
			data = append(data, b.bytesOf(st)...)
			if st.aux == nil {
				break
			}
			for _, r := range st.aux.relocs {
				if r.Symbol == "." {
					// The instruction's own address: its section plus its offset.
					r.Symbol, r.SectionSym, r.Addend = sec.Name, true, r.Addend+int64(st.off)
				} else {
					r = b.relocTarget(r)
				}
				r.Offset += st.off
				out.Reloc = append(out.Reloc, r)
			}
		case stmtData:
			v, r, err := b.evalData(st, sec)
			if err != nil {
				fail(st, "%v", err)
			} else if r != nil {
				out.Reloc = append(out.Reloc, *r)
			}
			if err == nil && !fits(v, st.aux.size) {
				fail(st, "value %d out of range for a %d-byte field", v, st.aux.size)
			}
			data = appendLE(data, uint64(v), st.aux.size)
		case stmtBytes:
			data = append(data, b.bytesOf(st)...)
		case stmtFill:
			if !nobits {
				data = appendFill(data, st.aux.size, st.aux.fill)
			}
		case stmtAlign:
			n := int(alignPad(st.off, st.aux))
			switch {
			case nobits:
			case st.aux.code:
				data = b.arch.CodeFill(data, n)
			default:
				data = appendFill(data, n, st.aux.fill)
			}
		case stmtSize:
			v, err := b.evalConst(st.aux.expr, sec, st.off)
			if err != nil {
				fail(st, ".size %s: %v", st.sym.name, err)
			}
			st.sym.size = uint64(v)
		}
	}
	out.Data = data
	return &out, errs
}

// zeroFill reports whether a statement produces no data, as a nobits
// section requires.
func (st *stmt) zeroFill() bool {
	switch st.kind {
	case stmtLabel, stmtAlign, stmtSize:
		return true
	case stmtFill:
		return st.aux.fill == 0
	}
	return false
}

// fits reports whether v fits in size bytes as a signed or unsigned value.
func fits(v int64, size int) bool {
	if size == 8 {
		return true
	}
	bits := uint(size * 8)
	return v >= -(1<<(bits-1)) && v < 1<<bits
}

func appendLE(dst []byte, v uint64, size int) []byte {
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], v)
	return append(dst, buf[:size]...)
}

func appendFill(dst []byte, n int, v byte) []byte {
	for ; n > 0; n-- {
		dst = append(dst, v)
	}
	return dst
}

// relocTarget rewrites a relocation against a defined local symbol into
// one against its section symbol, as GNU as does, and notes other
// referenced symbols for the symbol table.
func (b *Builder) relocTarget(r Reloc) Reloc {
	s := b.symbol(r.Symbol)
	if s.section != nil && s.bind == elf.STB_LOCAL {
		r.Symbol, r.SectionSym = s.section.Name, true
		r.Addend += int64(s.value)
		return r
	}
	s.used = true
	return r
}

// evalData evaluates a data directive's expression at its location: a
// constant, or a value plus a relocation.
func (b *Builder) evalData(st *stmt, sec *section) (int64, *Reloc, error) {
	e := st.aux.expr
	v := e.Add
	if e.Minus != "" {
		minus, err := b.definedAt(e.Minus, sec, st.off)
		if err != nil {
			return 0, nil, err
		}
		if e.Sym != "" {
			if plus, _ := b.definedAt(e.Sym, sec, st.off); plus.section == minus.section && plus.section != nil {
				return v + int64(plus.value) - int64(minus.value), nil, nil
			}
		}
		if minus.section != sec {
			return 0, nil, fmt.Errorf("cannot subtract %s: it is not defined in section %s", e.Minus, sec.Name)
		}
		// sym - minus = (sym - .) + (. - minus): a PC-relative relocation.
		return b.dataReloc(st, sec, e.Sym, v+int64(st.off)-int64(minus.value), true)
	}
	if e.Sym == "" {
		return v, nil, nil
	}
	return b.dataReloc(st, sec, e.Sym, v, false)
}

func (b *Builder) dataReloc(st *stmt, sec *section, sym string, addend int64, pcrel bool) (int64, *Reloc, error) {
	size := st.aux.size
	typ, ok := b.arch.DataReloc(size, pcrel)
	if !ok {
		kind := "absolute"
		if pcrel {
			kind = "PC-relative"
		}
		return 0, nil, fmt.Errorf("no %s relocation of %d bytes on %s", kind, size, b.arch.Name())
	}
	r := Reloc{Offset: st.off, Type: typ, Symbol: sym, Addend: addend}
	if sym == "." {
		r.Symbol, r.SectionSym, r.Addend = sec.Name, true, addend+int64(st.off)
	} else {
		r = b.relocTarget(r)
	}
	return 0, &r, nil
}

// definedAt returns a symbol that must be defined; "." is the location
// off of sec.
func (b *Builder) definedAt(name string, sec *section, off uint64) (symbol, error) {
	if name == "." {
		return symbol{name: ".", section: sec, value: off}, nil
	}
	s := b.syms[name]
	if s == nil || s.section == nil {
		return symbol{}, fmt.Errorf("symbol %s is not defined", name)
	}
	return *s, nil
}

// evalConst evaluates an expression that must be constant at layout time.
func (b *Builder) evalConst(e Expr, sec *section, off uint64) (int64, error) {
	v := e.Add
	if e.Sym == "" {
		return v, nil
	}
	plus, err := b.definedAt(e.Sym, sec, off)
	if err != nil {
		return 0, err
	}
	if e.Minus == "" {
		return 0, fmt.Errorf("%v is not a constant", e)
	}
	minus, err := b.definedAt(e.Minus, sec, off)
	if err != nil {
		return 0, err
	}
	if plus.section != minus.section {
		return 0, fmt.Errorf("%s and %s are in different sections", e.Sym, e.Minus)
	}
	return v + int64(plus.value) - int64(minus.value), nil
}

// symbols returns the object's symbol table: every defined symbol except
// assembler-local ".L" labels, and every undefined symbol that is
// referenced or declared global or weak.
func (b *Builder) symbols() []Symbol {
	var out []Symbol
	for _, s := range b.order {
		if s.section == nil {
			if !s.used && !(s.bindSet && s.bind != elf.STB_LOCAL) {
				continue
			}
			bind := s.bind
			if bind == elf.STB_LOCAL {
				bind = elf.STB_GLOBAL
			}
			out = append(out, Symbol{Name: s.name, Bind: bind, Type: s.typ})
			continue
		}
		if s.bind == elf.STB_LOCAL && !s.bindSet && strings.HasPrefix(s.name, ".L") {
			continue
		}
		out = append(out, Symbol{Name: s.name, Section: s.section.Name, Value: s.value, Size: s.size, Bind: s.bind, Type: s.typ})
	}
	return out
}

// EncodeInst encodes one instruction on its own at section offset pc of
// an otherwise empty .text section: every symbol it names is undefined,
// so symbolic references become relocations.
func EncodeInst(a Arch, inst Inst, pc uint64) ([]byte, []Reloc, error) {
	b := NewBuilder(a)
	ctx := Context{PC: pc, b: b, section: b.cur}
	code, err := inst.Encode(nil, &ctx)
	if err != nil {
		return nil, nil, err
	}
	return code, ctx.relocs, nil
}
