package asm

import "debug/elf"

// An Arch is the architecture-specific half of the assembler. The core
// (this package) owns sections, symbols, labels, directives, expressions,
// layout and branch relaxation; an Arch parses and encodes instructions.
//
// Implementations must be safe for concurrent use: an Arch value is
// typically a zero-size struct shared by every assembly in the process.
type Arch interface {
	// Name is the architecture's short name: "amd64" or "arm64".
	Name() string

	// Machine is the ELF e_machine of objects for this architecture.
	Machine() elf.Machine

	// ParseInst parses one instruction: mnemonic is the first word of the
	// statement, lower-cased; operands is the rest of the statement with
	// comments removed and surrounding space trimmed (it may be empty).
	// Errors carry no position: the core adds file and line.
	ParseInst(mnemonic, operands string) (Inst, error)

	// HashComments reports whether '#' starts a comment anywhere on a
	// line (amd64). When false, '#' starts a comment only as the first
	// non-blank character of a line (arm64, where '#' prefixes
	// immediates). "//" always starts a comment.
	HashComments() bool

	// CodeFill appends n bytes of padding for an alignment directive in an
	// executable section (GNU as pads with the architecture's no-ops).
	CodeFill(dst []byte, n int) []byte

	// DataReloc returns the relocation type for a data directive of the
	// given size in bytes (1, 2, 4 or 8) that refers to a symbol; pcrel
	// selects the PC-relative form used for "sym - .". ok is false when
	// the architecture has no such relocation.
	DataReloc(size int, pcrel bool) (typ uint32, ok bool)
}

// An InstParserArch is an Arch that parses the instructions of a text
// more cheaply with state kept from one instruction to the next, such as
// a block of instructions allocated at once instead of one allocation
// each. Assemble uses one InstParser per assembly, from one goroutine, in
// place of Arch.ParseInst, which must accept the same text and give equal
// instructions.
type InstParserArch interface {
	Arch
	NewInstParser() InstParser
}

// An InstParser parses the instructions of one assembly, like
// Arch.ParseInst. It need not be safe for concurrent use.
type InstParser interface {
	ParseInst(mnemonic, operands string) (Inst, error)
}

// An Inst is one machine instruction with typed operands, as built by an
// Arch's Go API or parsed from text.
type Inst interface {
	// String returns the instruction in the architecture's text syntax.
	// Parsing that text gives back an equal instruction.
	String() string

	// Encode appends the instruction's machine code to dst. The
	// instruction starts at section offset ctx.PC; ctx resolves symbols
	// and records relocations.
	//
	// Encode is called once per layout pass, so it must be a pure
	// function of the instruction and ctx. An instruction with a short
	// and a long form (an amd64 jmp to a label) may pick the short form
	// only while ctx.Grown is false: once an encoding has grown, the core
	// sets Grown for that instruction in every later pass, which is what
	// makes relaxation converge. An encoding may depend on ctx.PC only
	// through symbols it looks up (Lookup, Resolvable): the core
	// re-encodes only instructions that looked one up. Encode must not
	// keep ctx: the core reuses it for the next instruction.
	Encode(dst []byte, ctx *Context) ([]byte, error)
}

// A Context is what the core tells an instruction while it is encoded.
type Context struct {
	// PC is the section offset of the instruction's first byte.
	PC uint64
	// Grown reports that an earlier layout pass encoded this instruction
	// longer than its short form: use the long form.
	Grown bool

	b       *Builder
	section *section
	relocs  []Reloc // relocations of this instruction, offsets from its start
	looked  bool    // the encoding depends on symbol values
}

// A SymbolRef describes a symbol as seen from the instruction being
// encoded.
type SymbolRef struct {
	// Defined reports that the symbol is defined in this object.
	Defined bool
	// SameSection reports that it is defined in the section being
	// assembled.
	SameSection bool
	// Local reports that the symbol is neither global nor weak, so a
	// reference from its own section can be resolved at assembly time
	// without a relocation (GNU as does this only for local symbols).
	Local bool
	// Weak reports that the symbol is weak: a strong definition in
	// another object may replace it at link time, so references to it
	// are never resolved at assembly time.
	Weak bool
	// Value is the symbol's section offset (from the previous layout pass
	// for symbols defined further on). Meaningful only if Defined.
	Value uint64
}

// Lookup describes the named symbol.
func (c *Context) Lookup(name string) SymbolRef {
	c.looked = true
	return c.b.lookup(name, c.section, c.PC)
}

// Resolvable reports whether a PC-relative reference to name from this
// instruction can be resolved at assembly time, and if so the symbol's
// section offset. It is true for local symbols defined in the same
// section.
func (c *Context) Resolvable(name string) (value uint64, ok bool) {
	r := c.Lookup(name)
	if r.Defined && r.SameSection && r.Local {
		return r.Value, true
	}
	return 0, false
}

// AddReloc records a relocation of the given ELF type (an elf.R_X86_64 or
// elf.R_AARCH64 value) at offset bytes from the start of the instruction,
// against symbol sym with the given addend.
func (c *Context) AddReloc(offset int, typ uint32, sym string, addend int64) {
	c.relocs = append(c.relocs, Reloc{Offset: uint64(offset), Type: typ, Symbol: sym, Addend: addend})
}

// Value evaluates e if its value is known at assembly time: a constant,
// or a difference of two symbols defined in one section ("." is the
// instruction's address), as in "mov edx, offset msg_end - msg". For
// symbols defined further on the value is the previous layout pass's, so
// an instruction must not pick a shorter form because of it: GNU as, too,
// uses the longest immediate form for an operand that is not a plain
// number. ok is false when e needs a relocation or names an undefined
// symbol.
func (c *Context) Value(e Expr) (v int64, ok bool) {
	if e.IsConst() {
		return e.Add, true
	}
	if e.Sym == "" || e.Minus == "" {
		return 0, false
	}
	plus, minus := c.Lookup(e.Sym), c.Lookup(e.Minus)
	if !plus.Defined || !minus.Defined {
		return 0, false
	}
	if c.sectionOf(e.Sym) != c.sectionOf(e.Minus) {
		return 0, false
	}
	return e.Add + int64(plus.Value) - int64(minus.Value), true
}

// sectionOf returns the section defining name ("." is the current one).
func (c *Context) sectionOf(name string) *section {
	if name == "." {
		return c.section
	}
	if s := c.b.syms[name]; s != nil {
		return s.section
	}
	return nil
}
