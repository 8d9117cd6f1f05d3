package asm

import (
	"bytes"
	"debug/elf"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Assemble assembles source text for an architecture. filename is used in
// error positions. The error, if any, is an ErrorList whose entries print
// as "file:line: message"; the assembler reports every bad line it can
// rather than stopping at the first.
//
// The syntax is GNU as's: one statement per line (or several separated by
// ';'), labels "name:", directives starting with '.', and instructions in
// the architecture's syntax. Comments start with "//", and with '#' as
// Arch.HashComments says.
func Assemble(a Arch, filename string, src []byte) (*Object, error) {
	b := NewBuilder(a)
	// Instructions average about four bytes for every ten of source:
	// reserving that much saves regrowing the arena.
	b.arena = make([]byte, 0, len(src)/3)
	p := textParser{b: b, file: filename, parseInst: a.ParseInst}
	if pa, ok := a.(InstParserArch); ok {
		p.parseInst = pa.NewInstParser().ParseInst
	}
	p.parse(string(src))
	return b.Assemble()
}

type textParser struct {
	b         *Builder
	file      string
	parseInst func(mnemonic, operands string) (Inst, error)
	stmts     []string // statements of the current line, reused

	macros     map[string]*macro // by lower-case name; nil until one is defined
	defining   *macroDef         // the .macro whose body is being read, or nil
	depth      int               // of the macro expansions in progress
	expansions int               // so far, for \@
	expanded   int               // lines assembled by expansions so far
	// expandStopped is set when expansions went too deep or too far:
	// no macro is expanded after that.
	expandStopped bool
}

func (p *textParser) parse(src string) {
	hash := p.b.arch.HashComments()
	// Only the line changes from here on: setting the whole Pos for every
	// line would store the file name again, a pointer write each time.
	p.b.SetPos(Pos{File: p.file})
	for line := 1; src != ""; line++ {
		p.b.pos.Line = line
		if p.defining != nil {
			text, rest, _ := strings.Cut(src, "\n")
			p.record(text)
			src = rest
			continue
		}
		// Most lines are one statement with no quote, comment or ';':
		// one scan finds both the end of such a line and, for the
		// others, the first byte that needs a closer look.
		if j := indexLineSpecial(src, hash); j == len(src) || src[j] == '\n' {
			if st := trimBlanks(src[:j]); st != "" && st[0] != '#' {
				p.statement(st)
			}
			src = src[min(j+1, len(src)):]
		} else {
			var text string
			if i := strings.IndexByte(src[j:], '\n'); i >= 0 {
				text, src = src[:j+i], src[j+i+1:]
			} else {
				text, src = src, ""
			}
			p.stmts = splitStatements(p.stmts[:0], text, hash)
			for _, st := range p.stmts {
				if p.defining != nil {
					p.record(st) // after a .macro on the same line
				} else {
					p.statement(st)
				}
			}
		}
		if len(p.b.errs) >= maxErrors {
			return
		}
	}
	p.endParse()
}

// indexLineSpecial returns the index in s of the first newline or byte of
// classSpecial (and '#' if hash), or len(s) if there is none. It runs over
// every byte of the source, so it tests eight bytes at a time.
func indexLineSpecial(s string, hash bool) int {
	const ones = 0x0101010101010101
	// '#' (0x23) differs from '"' (0x22) only in bit 0, and '\'' (0x27)
	// from '/' (0x2f) only in bit 3: setting that bit in every byte before
	// comparing tests for both bytes of a pair at once.
	var hashBit uint64
	if hash {
		hashBit = ones * 0x01
	}
	i := 0
	for ; len(s)-i >= 8; i += 8 {
		t := s[i : i+8]
		w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		m := zeroBytes(w^ones*'\n') | zeroBytes(w^ones*';') |
			zeroBytes((w|ones*0x08)^ones*'/') | zeroBytes((w|hashBit)^(ones*'"'|hashBit))
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	special := byte(classSpecial)
	if hash {
		special |= classHash
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '\n' || charClass[c]&special != 0 {
			return i
		}
	}
	return len(s)
}

// zeroBytes has the high bit set in each zero byte of x, and maybe in
// bytes above one (through the borrow), so its lowest set bit is in the
// first zero byte.
func zeroBytes(x uint64) uint64 {
	const ones = 0x0101010101010101
	return (x - ones) &^ x & (ones * 0x80)
}

// splitStatements removes the comment from a line, splits the rest at
// ';' outside string and character literals, and appends the statements
// to out.
func splitStatements(out []string, line string, hashComments bool) []string {
	i := 0
	for i < len(line) && isBlank(line[i]) {
		i++
	}
	if i < len(line) && line[i] == '#' {
		return out
	}
	// Most lines hold one statement and no quotes or comment: find the
	// first byte that needs a closer look before doing anything else.
	special := byte(classSpecial)
	if hashComments {
		special |= classHash
	}
	for j := i; j < len(line); j++ {
		if charClass[line[j]]&special != 0 {
			return splitSpecial(out, line, j, hashComments)
		}
	}
	return appendStatement(out, line[i:])
}

// splitSpecial is splitStatements from the first quote, comment or
// separator candidate at i on.
func splitSpecial(out []string, line string, i int, hashComments bool) []string {
	start, inString := 0, false
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '\'' && i+1 < len(line):
			// A character constant: skip its (possibly escaped) byte.
			if line[i+1] == '\\' {
				i++
			}
			i++
			if i+1 < len(line) && line[i+1] == '\'' {
				i++
			}
		case c == '/' && i+1 < len(line) && line[i+1] == '/', c == '#' && hashComments:
			return appendStatement(out, line[start:i])
		case c == ';':
			out = appendStatement(out, line[start:i])
			start = i + 1
		}
	}
	return appendStatement(out, line[start:])
}

func appendStatement(out []string, s string) []string {
	if s = trimBlanks(s); s != "" {
		out = append(out, s)
	}
	return out
}

func isBlank(c byte) bool { return charClass[c]&classBlank != 0 }

// trimBlanks is strings.TrimSpace for the ASCII blanks of source lines,
// without its Unicode handling: it runs on every line.
func trimBlanks(s string) string {
	i, j := 0, len(s)
	for i < j && isBlank(s[i]) {
		i++
	}
	for j > i && isBlank(s[j-1]) {
		j--
	}
	return s[i:j]
}

// statement handles one statement (trimmed): labels first, then a
// directive or an instruction. It runs once per source statement, so it
// scans each byte once.
func (p *textParser) statement(s string) {
	for s != "" {
		// The first word: a label if ':' follows it directly.
		// The classes of the word's bytes are or-ed together to learn
		// whether it has an upper-case letter without a branch per byte.
		i, classes := 0, byte(0)
		for i < len(s) {
			c := charClass[s[i]]
			if c&classSym == 0 {
				break
			}
			classes |= c
			i++
		}
		if i > 0 && i < len(s) && s[i] == ':' && isSymStart(s[0]) {
			p.b.Label(s[:i])
			s = trimBlanks(s[i+1:])
			continue
		}
		if s[0] == '"' {
			// "quoted name": a label with any other characters.
			if name, n, ok := unquoteSymbol(s); ok && n < len(s) && s[n] == ':' {
				p.b.Label(name)
				s = trimBlanks(s[n+1:])
				continue
			}
		}
		for i < len(s) {
			c := charClass[s[i]]
			if c&classBlank != 0 {
				break
			}
			classes |= c
			i++
		}
		word, rest := s[:i], trimBlanks(s[i:])
		if classes&classUpper != 0 {
			word = strings.ToLower(word)
		}
		if word[0] == '.' {
			p.directive(word, rest)
			return
		}
		if p.macros != nil {
			if m := p.macros[word]; m != nil {
				p.expand(word, m, rest)
				return
			}
		}
		inst, err := p.parseInst(word, rest)
		if err != nil {
			p.b.errorf("%v", err)
			return
		}
		p.b.Inst(inst)
		return
	}
}

// SplitInst splits one instruction statement, without label or comment,
// into its mnemonic, lower-cased, and its operands, trimmed: what
// Assemble hands to Arch.ParseInst. Use it to parse a single instruction
// line, as in arch.ParseInst(asm.SplitInst("MOV eax, 1")).
func SplitInst(line string) (mnemonic, operands string) {
	line = trimBlanks(line)
	i := 0
	for i < len(line) && !isBlank(line[i]) {
		i++
	}
	return strings.ToLower(line[:i]), trimBlanks(line[i:])
}

// SplitOperands splits an operand list at commas that are not inside
// brackets, braces, parentheses or string and character literals, and
// trims each operand. An empty list gives no operands.
func SplitOperands(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	var out []string
	depth, start, inString := 0, 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '(' || c == '{':
			depth++
		case c == ']' || c == ')' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// directive handles one directive. name is lower-cased and starts with '.'.
func (p *textParser) directive(name, args string) {
	b := p.b
	switch name {
	case ".text", ".data", ".bss", ".rodata":
		b.Section(name)
		if args != "" {
			b.errorf("%s takes no operands (subsections are not supported)", name)
		}
	case ".section", ".pushsection":
		p.section(args)
	case ".globl", ".global":
		p.eachSymbol(args, b.Global)
	case ".weak":
		p.eachSymbol(args, b.Weak)
	case ".local":
		p.eachSymbol(args, b.Local)
	case ".hidden", ".protected", ".internal":
		// Visibility matters only to dynamic linking, which static
		// executables do not do.
		p.eachSymbol(args, func(string) {})
	case ".type":
		p.typeDirective(args)
	case ".size":
		ops := SplitOperands(args)
		if len(ops) != 2 {
			b.errorf(".size needs a symbol and an expression")
			return
		}
		if e, ok := p.expr(ops[1]); ok {
			name, _ := symbolOperand(ops[0])
			b.Size(name, e)
		}
	case ".byte", ".1byte":
		p.data(1, args)
	case ".short", ".hword", ".2byte", ".value":
		p.data(2, args)
	case ".word":
		p.data(p.wordSize(), args)
	case ".long", ".int", ".4byte":
		p.data(4, args)
	case ".quad", ".8byte", ".xword", ".dword":
		p.data(8, args)
	case ".float", ".single":
		p.floats(4, args)
	case ".double":
		p.floats(8, args)
	case ".ascii":
		p.strings(args, false)
	case ".asciz", ".string":
		p.strings(args, true)
	case ".zero", ".skip", ".space":
		p.skip(name, args)
	case ".fill":
		p.fill(args)
	case ".align":
		p.align(args, p.alignIsPowerOfTwo())
	case ".p2align":
		p.align(args, true)
	case ".balign":
		p.align(args, false)
	case ".intel_syntax":
		if b.arch.Name() != "amd64" || (args != "" && args != "noprefix") {
			b.errorf(".intel_syntax %s is not supported: only noprefix on amd64", args)
		}
	case ".att_syntax":
		b.errorf("AT&T syntax is not supported: use .intel_syntax noprefix")
	case ".macro":
		p.defineMacro(args)
	case ".endm":
		b.errorf(".endm without .macro")
	case ".file", ".ident", ".loc", ".addrsig", ".addrsig_sym", ".arch", ".cpu", ".code64":
		// Debug and tool metadata that does not change the code.
	default:
		if strings.HasPrefix(name, ".cfi_") {
			// Unwind tables are not generated; see the package doc.
			return
		}
		b.errorf("unknown directive %s", name)
	}
}

// wordSize is the size of .word: two bytes on x86, four on ARM.
func (p *textParser) wordSize() int {
	if p.b.arch.Name() == "amd64" {
		return 2
	}
	return 4
}

// alignIsPowerOfTwo reports how GNU as reads .align's operand on the
// architecture: a byte count on x86, a power of two on ARM.
func (p *textParser) alignIsPowerOfTwo() bool { return p.b.arch.Name() != "amd64" }

func (p *textParser) expr(s string) (Expr, bool) {
	e, err := ParseExpr(s)
	if err != nil {
		p.b.errorf("%v", err)
		return Expr{}, false
	}
	return e, true
}

func (p *textParser) constant(s string) (int64, bool) {
	e, ok := p.expr(s)
	if ok && !e.IsConst() {
		p.b.errorf("%s is not a constant", s)
		return 0, false
	}
	return e.Add, ok
}

func (p *textParser) section(args string) {
	ops := SplitOperands(args)
	if len(ops) == 0 || ops[0] == "" {
		p.b.errorf(".section needs a name")
		return
	}
	name := strings.Trim(ops[0], `"`)
	typ, flags := defaultSectionKind(name)
	if len(ops) > 1 {
		f, err := strconv.Unquote(ops[1])
		if err != nil {
			p.b.errorf("section flags %s must be a quoted string", ops[1])
			return
		}
		flags = 0
		for _, c := range f {
			bit, ok := sectionFlag(c)
			if !ok {
				p.b.errorf("unknown section flag %q in %s", c, ops[1])
				return
			}
			flags |= bit
		}
	}
	if len(ops) > 2 {
		t, ok := sectionType(strings.TrimLeft(ops[2], "@%"))
		if !ok {
			p.b.errorf("unknown section type %s", ops[2])
			return
		}
		typ = t
	}
	p.b.SectionKind(name, typ, flags)
}

func (p *textParser) eachSymbol(args string, f func(string)) {
	ops := SplitOperands(args)
	if len(ops) == 0 {
		p.b.errorf("missing symbol name")
	}
	for _, name := range ops {
		name, ok := symbolOperand(name)
		if !ok {
			p.b.errorf("invalid symbol name %q", name)
			continue
		}
		f(name)
	}
}

// symbolOperand returns the symbol a directive's operand names: a plain
// name, or a quoted one ("main.box<int>.get").
func symbolOperand(s string) (string, bool) {
	if s != "" && s[0] == '"' {
		if name, n, ok := unquoteSymbol(s); ok && n == len(s) {
			return name, true
		}
		return s, false
	}
	return s, IsSymbolName(s)
}

func (p *textParser) typeDirective(args string) {
	ops := SplitOperands(args)
	if len(ops) != 2 {
		p.b.errorf(".type needs a symbol and a type")
		return
	}
	var t elf.SymType
	switch strings.TrimLeft(ops[1], "@%") {
	case "function", "STT_FUNC":
		t = elf.STT_FUNC
	case "object", "STT_OBJECT":
		t = elf.STT_OBJECT
	case "tls_object", "STT_TLS":
		t = elf.STT_TLS
	case "notype", "STT_NOTYPE":
		t = elf.STT_NOTYPE
	default:
		p.b.errorf("unknown symbol type %s", ops[1])
		return
	}
	name, _ := symbolOperand(ops[0])
	p.b.Type(name, t)
}

func (p *textParser) data(size int, args string) {
	for _, op := range SplitOperands(args) {
		if e, ok := p.expr(op); ok {
			p.b.Data(size, e)
		}
	}
}

func (p *textParser) floats(size int, args string) {
	for _, op := range SplitOperands(args) {
		f, err := strconv.ParseFloat(strings.TrimPrefix(strings.TrimPrefix(op, "0f"), "0d"), 64)
		if err != nil {
			p.b.errorf("bad floating-point number %q", op)
			continue
		}
		if size == 4 {
			p.b.Bytes(appendLE(nil, uint64(math.Float32bits(float32(f))), 4))
		} else {
			p.b.Bytes(appendLE(nil, math.Float64bits(f), 8))
		}
	}
}

func (p *textParser) strings(args string, zero bool) {
	for _, op := range SplitOperands(args) {
		s, err := unquote(op)
		if err != nil {
			p.b.errorf("%v", err)
			continue
		}
		if zero {
			s = append(s, 0)
		}
		p.b.Bytes(s)
	}
}

// unquote decodes a GNU as string literal.
func unquote(s string) ([]byte, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return nil, fmt.Errorf("expected a quoted string, found %s", s)
	}
	body := s[1 : len(s)-1]
	out := make([]byte, 0, len(body))
	for body != "" {
		c, n, err := unescapeOne(body)
		if err != nil {
			return nil, fmt.Errorf("bad string %s: %v", s, err)
		}
		out = append(out, c)
		body = body[n:]
	}
	return out, nil
}

// maxFill bounds a single fill (64 MiB), so that a typo or hostile input
// cannot make the assembler allocate without limit.
const maxFill = 64 << 20

func (p *textParser) skip(name, args string) {
	ops := SplitOperands(args)
	if len(ops) < 1 || len(ops) > 2 {
		p.b.errorf("%s needs a size and an optional fill value", name)
		return
	}
	n, ok := p.constant(ops[0])
	var v int64
	if ok && len(ops) == 2 {
		v, ok = p.constant(ops[1])
	}
	if !ok {
		return
	}
	if n < 0 || n > maxFill {
		p.b.errorf("%s size %d out of range", name, n)
		return
	}
	p.b.Fill(int(n), byte(v))
}

func (p *textParser) fill(args string) {
	ops := SplitOperands(args)
	if len(ops) < 1 || len(ops) > 3 {
		p.b.errorf(".fill needs repeat[, size[, value]]")
		return
	}
	vals := []int64{0, 1, 0}
	for i, op := range ops {
		v, ok := p.constant(op)
		if !ok {
			return
		}
		vals[i] = v
	}
	repeat, size, value := vals[0], vals[1], vals[2]
	if size > 8 {
		size = 8
	}
	if repeat < 0 || size < 0 || repeat*size > maxFill {
		p.b.errorf(".fill %d, %d out of range", repeat, size)
		return
	}
	// GNU as stores the value as a 4-byte number, zero-extended beyond.
	word := appendLE(nil, uint64(uint32(value)), 8)[:size]
	p.b.Bytes(bytes.Repeat(word, int(repeat)))
}

func (p *textParser) align(args string, pow2 bool) {
	ops := SplitOperands(args)
	if len(ops) < 1 || len(ops) > 3 {
		p.b.errorf("alignment needs 1 to 3 operands")
		return
	}
	vals := make([]int64, len(ops))
	for i, op := range ops {
		if op == "" {
			continue // ".p2align 4,,15": default fill
		}
		v, ok := p.constant(op)
		if !ok {
			return
		}
		vals[i] = v
	}
	n := vals[0]
	switch {
	case pow2 && (n < 0 || n > MaxAlignLog):
		p.b.errorf("alignment 2^%d out of range 2^0..2^%d", n, MaxAlignLog)
		return
	case pow2:
		n = 1 << n
	case n < 0:
		p.b.errorf("alignment %d is not a power of two", n)
		return
	}
	if n == 0 {
		n = 1
	}
	var fill *byte
	if len(ops) > 1 && ops[1] != "" {
		f := byte(vals[1])
		fill = &f
	}
	var max uint64
	if len(ops) > 2 && vals[2] > 0 {
		max = uint64(vals[2])
	}
	p.b.Align(uint64(n), fill, max)
}
