package arm64

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/archkit"
)

// opTable maps mnemonics to Ops: an open-addressing hash table with
// linear probing, built once and only read. For these short keys it is
// several times cheaper than a map[string]Op.
var opTable = func() (t [opTableSize]Op) {
	for op, name := range opNames {
		if name == "" || Op(op) == BCOND {
			continue
		}
		i := opHash(name)
		for t[i%opTableSize] != OpInvalid {
			i++
		}
		t[i%opTableSize] = Op(op)
	}
	return t
}()

// opTableSize is a power of two, about three times the number of Ops.
const opTableSize = 512

func opHash(s string) uint32 {
	h := uint32(len(s))
	for i := 0; i < len(s); i++ {
		h = h*131 + uint32(s[i])
	}
	return h
}

// lookupOp returns the Op of a lower-case mnemonic (not b.cond).
func lookupOp(name string) (Op, bool) {
	for i := opHash(name); ; i++ {
		op := opTable[i%opTableSize]
		if op == OpInvalid {
			return 0, false
		}
		if opNames[op] == name {
			return op, true
		}
	}
}

// Parse parses one instruction in GNU syntax: mnemonic (lower-case, e.g.
// "ldr" or "b.eq") and its operand text ("x0, [x1, #8]").
//
// It scans the operands in place, without splitting them into strings
// first, and stores them unboxed: an instruction without symbols costs
// one allocation.
func Parse(mnemonic, operands string) (*Inst, error) {
	in := new(Inst)
	if err := parseInto(in, mnemonic, operands); err != nil {
		return nil, err
	}
	return in, nil
}

// parseInto is Parse into in, which must be zero.
func parseInto(in *Inst, mnemonic, operands string) error {
	var op Op
	var cond Cond
	if c, ok := strings.CutPrefix(mnemonic, "b."); ok {
		if cond, ok = parseCond(c); !ok {
			return fmt.Errorf("unknown instruction %q", mnemonic)
		}
		op = BCOND
	} else if op, ok = lookupOp(mnemonic); !ok {
		return fmt.Errorf("unknown instruction %q", mnemonic)
	}
	in.Op = op
	if op == BCOND {
		in.addArg(arg{kind: argCond, val: int64(cond)})
	}
	p := parser{op: op, in: in}
	rest := operands
	for i, more := 0, rest != ""; more; i++ {
		var tok string
		tok, rest, more = nextOperand(rest)
		if tok == "" {
			if i == 0 && !more {
				break // only white space: no operands
			}
			return fmt.Errorf("empty operand")
		}
		// Registers first: they are most operands, and no register name
		// is also a shift or extension word or starts like another
		// operand (see operand).
		if r, ok := parseReg(tok); ok {
			in.addArg(regArg(r))
			continue
		}
		// A shift or extension applies to the operand before it.
		if i > 0 {
			if word, amount, ok := modifierWord(tok); ok {
				args := in.argList()
				if err := applyModifier(&args[len(args)-1], word, amount); err != nil {
					return err
				}
				continue
			}
		}
		a, err := p.operand(tok, !more)
		if err != nil {
			return err
		}
		// No instruction takes an immediate after "[base]" or
		// "[base, #off]" but as a post-index offset, which must be an
		// integer after a plain "[base]" (below). ("[x0, #0]" prints
		// as "[x0]", so the two must read alike.)
		if args := in.argList(); len(args) > 0 && (a.kind == argImm || a.kind == argFImm) {
			if last := args[len(args)-1]; last.kind == argMem && last.mode == ModeOffset {
				return fmt.Errorf("bad post-index offset %q", trimSpace(tok))
			}
		}
		// "[x0], #8": post-index, when exactly one operand follows and
		// it is an integer immediate. Anything else after "[x0]" is an
		// operand of its own, as after "[x0, #0]".
		if a.kind == argMem && p.plainMem && more {
			if next, _, after := cutOperand(rest); !after {
				if off, err := parseImmText(trimSpace(next)); err == nil {
					a.mode, a.val = ModePost, off
					in.addArg(a)
					break
				}
			}
		}
		in.addArg(a)
	}
	return nil
}

// trimSpace is strings.TrimSpace with the common case inlined: operands
// rarely have more than ASCII blanks around them.
func trimSpace(s string) string {
	for len(s) > 0 && asciiSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && asciiSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && (s[0] >= 0x80 || s[len(s)-1] >= 0x80) {
		return strings.TrimSpace(s) // Unicode white space
	}
	return s
}

// asciiSpace reports whether c is ASCII white space: ' ' or one of
// '\t', '\n', '\v', '\f', '\r', which are consecutive.
func asciiSpace(c byte) bool {
	return c == ' ' || c-'\t' <= '\r'-'\t'
}

// nextOperand cuts the next operand off the operand text s, as
// cutOperand followed by trimSpace of tok would: tok is the operand
// without surrounding space, rest the text after its comma, and more
// reports whether there was one. The usual operand (a register, "#imm",
// "lsl #3") is plain ASCII without brackets: it is scanned once, and its
// ends need no Unicode-aware trimming.
func nextOperand(s string) (tok, rest string, more bool) {
	i := 0
	for i < len(s) && asciiSpace(s[i]) {
		i++
	}
	j := i
	for j < len(s) && plainOperandByte[s[j]] {
		j++
	}
	if j < len(s) && s[j] != ',' {
		// A bracket, parenthesis or non-ASCII byte: the general way.
		tok, rest, more = cutOperand(s)
		return trimSpace(tok), rest, more
	}
	if j < len(s) {
		rest, more = s[j+1:], true
	}
	for j > i && asciiSpace(s[j-1]) {
		j--
	}
	return s[i:j], rest, more
}

// plainOperandByte reports the bytes that nextOperand scans in its fast
// path: ASCII bytes other than the comma, the brackets, braces and
// parentheses that cutOperand counts and the quote it skips to.
var plainOperandByte = func() (t [256]bool) {
	for c := range 0x80 {
		t[c] = !strings.ContainsRune(",[](){}\"", rune(c))
	}
	return t
}()

// cutOperand cuts s at its first comma outside brackets, braces,
// parentheses and quoted symbol names ("main.f<int,string>"): tok is the
// text before it, rest the text after, and found reports whether there
// was one.
func cutOperand(s string) (tok, rest string, found bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		case ',':
			if depth == 0 {
				return s[:i], s[i+1:], true
			}
		}
	}
	return s, "", false
}

// A parser holds the state of parsing one instruction's operands.
type parser struct {
	op       Op
	in       *Inst // the instruction being parsed
	plainMem bool  // the last memory operand was [base] with nothing else
}

func isCondOp(op Op) bool {
	switch op {
	case CSEL, CSINC, CSINV, CSNEG, CSET, CSETM, CINC, CINV, CNEG, CCMP, CCMN, FCSEL:
		return true
	}
	return false
}

// modifierNames are the shift and extension operators, as modifierWord
// returns them.
var modifierNames = [...]string{"lsl", "lsr", "asr", "ror", "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"}

// modifierWord reports whether tok is a shift or extension like "lsl #3"
// or "sxtw", returning the operator (lower-case) and the rest.
func modifierWord(tok string) (word, rest string, ok bool) {
	if len(tok) < 3 {
		return "", "", false
	}
	switch tok[0] | 0x20 {
	case 'l', 'a', 'r', 'u', 's':
	default:
		return "", "", false
	}
	n := 0
	for n < len(tok) && (tok[n] >= 'a' && tok[n] <= 'z' || tok[n] >= 'A' && tok[n] <= 'Z') {
		n++
	}
	if n > 4 {
		return "", "", false
	}
	var lower [4]byte
	for i := range n {
		lower[i] = tok[i] | 0x20
	}
	for _, name := range modifierNames {
		if string(lower[:n]) == name {
			word = name
			break
		}
	}
	rest = trimSpace(tok[n:])
	if word == "" || rest != "" && rest[0] != '#' && !(rest[0] >= '0' && rest[0] <= '9') {
		return "", "", false
	}
	return word, rest, true
}

func parseImmText(s string) (int64, error) {
	s = trimSpace(s)
	s = strings.TrimPrefix(s, "#")
	if v, ok := archkit.Int(s); ok {
		return v, nil
	}
	e, err := asm.ParseExpr(s)
	if err != nil {
		return 0, err
	}
	if !e.IsConst() {
		return 0, fmt.Errorf("%q is not a constant", s)
	}
	return e.Add, nil
}

func parseAmount(rest string, max int64) (uint8, error) {
	v, err := parseImmText(rest)
	if err != nil {
		return 0, fmt.Errorf("bad shift amount %q", rest)
	}
	if v < 0 || v > max {
		return 0, fmt.Errorf("shift amount %d out of range 0..%d", v, max)
	}
	return uint8(v), nil
}

// applyModifier applies the shift or extension word (with its amount
// text rest) to the operand before it.
func applyModifier(prev *arg, word, rest string) error {
	switch prev.kind {
	case argReg:
		if ext := extendByName(word); ext != ExtNone {
			var amt uint8
			if rest != "" {
				var err error
				if amt, err = parseAmount(rest, 4); err != nil {
					return err
				}
			}
			*prev = arg{kind: argRegExtend, reg: prev.reg, ext: uint8(ext), amount: amt}
			return nil
		}
		if rest == "" {
			return fmt.Errorf("missing shift amount after %s", word)
		}
		amt, err := parseAmount(rest, 63)
		if err != nil {
			return err
		}
		*prev = arg{kind: argRegShift, reg: prev.reg, ext: uint8(shiftByName(word)), amount: amt}
		return nil
	case argImm, argSym:
		if word != "lsl" || prev.lsl != 0 {
			if prev.kind == argImm {
				return fmt.Errorf("only lsl may follow an immediate")
			}
			return fmt.Errorf("only lsl may follow a symbol")
		}
		amt, err := parseAmount(rest, 48)
		if err != nil {
			return err
		}
		prev.lsl = amt
		return nil
	}
	return fmt.Errorf("unexpected %s", word)
}

func shiftByName(s string) Shift {
	for i, n := range shiftNames {
		if n == s {
			return Shift(i)
		}
	}
	return ShiftLSL
}

func extendByName(s string) Extend {
	for i, n := range extendNames[:8] {
		if n == s {
			return Extend(i)
		}
	}
	return ExtNone
}

func (p *parser) operand(tok string, last bool) (arg, error) {
	p.plainMem = false
	switch tok[0] {
	case '[':
		return p.mem(tok)
	case '#':
		return p.imm(tok[1:])
	case ':':
		return p.sym(tok)
	}
	if r, ok := parseReg(tok); ok {
		return regArg(r), nil
	}
	switch {
	case isCondOp(p.op) && last:
		if c, ok := parseCond(strings.ToLower(tok)); ok {
			return arg{kind: argCond, val: int64(c)}, nil
		}
	case p.op == DMB || p.op == DSB || p.op == ISB:
		if b, ok := parseBarrier(strings.ToLower(tok)); ok {
			return arg{kind: argBarrier, val: int64(b)}, nil
		}
	case p.op == MRS || p.op == MSR:
		if s, ok := parseSysReg(strings.ToLower(tok)); ok {
			return arg{kind: argSysReg, val: int64(s)}, nil
		}
	}
	return p.imm(tok)
}

// imm parses an immediate or symbolic operand after its '#', if any.
func (p *parser) imm(s string) (arg, error) {
	s = trimSpace(s)
	if strings.HasPrefix(s, ":") {
		return p.sym(s)
	}
	if v, ok := archkit.Int(s); ok {
		return immArg(v), nil
	}
	if e, ok := quickSymOff(s); ok {
		return p.in.symArg(Sym{Expr: e}), nil
	}
	if f, ok := quickFloat(s); ok {
		return arg{kind: argFImm, val: int64(math.Float64bits(f))}, nil
	}
	e, err := asm.ParseExpr(s)
	if err == nil {
		if e.IsConst() {
			return immArg(e.Add), nil
		}
		return p.in.symArg(Sym{Expr: e}), nil
	}
	if f, ferr := strconv.ParseFloat(s, 64); ferr == nil {
		return arg{kind: argFImm, val: int64(math.Float64bits(f))}, nil
	}
	return arg{}, fmt.Errorf("bad operand %q: %v", s, err)
}

// quickSymOff parses the common symbolic operands "sym", "sym+n" and
// "sym-n" (n as archkit.Int reads it) without the general expression parser,
// giving what asm.ParseExpr would.
func quickSymOff(s string) (asm.Expr, bool) {
	i := 0
	for i < len(s) && s[i] != '+' && s[i] != '-' {
		i++
	}
	if !asm.IsSymbolName(s[:i]) {
		return asm.Expr{}, false
	}
	if i == len(s) {
		return asm.Expr{Sym: s}, true
	}
	digits := s[i+1:]
	if digits == "" || digits[0] < '0' || digits[0] > '9' {
		return asm.Expr{}, false
	}
	v, ok := archkit.Int(digits)
	if !ok {
		return asm.Expr{}, false
	}
	if s[i] == '-' {
		v = -v
	}
	return asm.Expr{Sym: s[:i], Add: v}, true
}

// quickFloat parses the usual floating-point immediates ("1.5",
// "-0.125", "2.5e3"): a number whose leading digits are followed by a
// '.'. asm.ParseExpr rejects those (its number token takes in the '.'),
// so the general path would come to strconv.ParseFloat too, after
// building an error.
func quickFloat(s string) (float64, bool) {
	t := s
	if t != "" && (t[0] == '-' || t[0] == '+') {
		t = t[1:]
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i == len(t) || t[i] != '.' {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// sym parses a symbol with a relocation modifier, ":lo12:sym".
func (p *parser) sym(s string) (arg, error) {
	end := strings.IndexByte(s[1:], ':')
	if end < 0 {
		return arg{}, fmt.Errorf("bad relocation modifier in %q", s)
	}
	name := strings.ToLower(s[1 : end+1])
	mod, ok := relocModByName(name)
	if !ok {
		return arg{}, fmt.Errorf("unknown relocation modifier :%s:", name)
	}
	text := trimSpace(s[end+2:])
	e, ok := quickSymOff(text)
	if !ok {
		var err error
		if e, err = asm.ParseExpr(text); err != nil {
			return arg{}, err
		}
	}
	return p.in.symArg(Sym{Mod: mod, Expr: e}), nil
}

// reservedWord reports whether the operand s, an expression, would not
// be read as one: it names a register, a shift or an extension (which
// apply to the operand before them, as "lsl0+100" would: lsl #100), a
// condition, a barrier option or a system register.
func reservedWord(s string) bool {
	if _, ok := parseReg(s); ok {
		return true
	}
	if _, _, ok := modifierWord(s); ok {
		return true
	}
	lower := strings.ToLower(s)
	_, cond := parseCond(lower)
	_, bar := parseBarrier(lower)
	_, sys := parseSysReg(lower)
	return cond || bar || sys
}

// relocModByName returns the modifier named name (lower-case).
func relocModByName(name string) (RelocMod, bool) {
	for i, n := range modNames {
		if i > 0 && n == name {
			return RelocMod(i), true
		}
	}
	return ModNone, false
}

func parseSysReg(s string) (SysReg, bool) {
	for _, r := range namedSysRegs {
		if r.name == s {
			return r.reg, true
		}
	}
	// s<op0>_<op1>_c<n>_c<m>_<op2>
	var op0, op1, crn, crm, op2 int
	if n, err := fmt.Sscanf(s, "s%d_%d_c%d_c%d_%d", &op0, &op1, &crn, &crm, &op2); err != nil || n != 5 {
		return 0, false
	}
	if op0 < 2 || op0 > 3 || op1 > 7 || crn > 15 || crm > 15 || op2 > 7 || op1 < 0 || crn < 0 || crm < 0 || op2 < 0 {
		return 0, false
	}
	return SysReg(op0<<14 | op1<<11 | crn<<7 | crm<<3 | op2), true
}

// mem parses "[base]", "[base, #off]", "[base, #off]!", "[base, index{,
// ext {#amount}}]" and "[base, :lo12:sym]".
func (p *parser) mem(tok string) (arg, error) {
	pre := false
	body := trimSpace(tok)
	if strings.HasSuffix(body, "!") {
		pre = true
		body = trimSpace(body[:len(body)-1])
	}
	if !strings.HasSuffix(body, "]") {
		return arg{}, fmt.Errorf("bad memory operand %q", tok)
	}
	// Up to three parts: base, offset or index, extension.
	var parts [3]string
	n := 0
	rest := trimSpace(body[1 : len(body)-1])
	for more := rest != ""; more; n++ {
		if n == len(parts) {
			return arg{}, fmt.Errorf("bad memory operand %q", tok)
		}
		parts[n], rest, more = cutOperand(rest)
	}
	if n == 0 {
		return arg{}, fmt.Errorf("bad memory operand %q", tok)
	}
	base, ok := parseReg(trimSpace(parts[0]))
	if !ok {
		return arg{}, fmt.Errorf("bad base register in %q", tok)
	}
	m := arg{kind: argMem, reg: base}
	if n == 1 {
		if pre {
			return arg{}, fmt.Errorf("writeback needs an offset in %q", tok)
		}
		p.plainMem = true
		return m, nil
	}
	second := trimSpace(parts[1])
	if second == "" {
		return arg{}, fmt.Errorf("bad memory operand %q", tok)
	}
	if idx, ok := parseReg(second); ok {
		if pre {
			return arg{}, fmt.Errorf("writeback not allowed with a register offset")
		}
		m.mode, m.index, m.ext = ModeIndex, idx, uint8(ExtNone)
		if n == 3 {
			word, rest, ok := modifierWord(trimSpace(parts[2]))
			if !ok {
				return arg{}, fmt.Errorf("bad index extension %q", parts[2])
			}
			switch word {
			case "lsl":
				m.ext = uint8(ExtLSL)
			case "uxtw", "sxtw", "sxtx":
				m.ext = uint8(extendByName(word))
			default:
				return arg{}, fmt.Errorf("extension %s not allowed in an address", word)
			}
			if rest != "" {
				amt, err := parseAmount(rest, 4)
				if err != nil {
					return arg{}, err
				}
				m.amount, m.hasAmount = amt, true
			}
		}
		return m, nil
	}
	if n == 3 {
		return arg{}, fmt.Errorf("bad memory operand %q", tok)
	}
	o, err := p.imm(strings.TrimPrefix(second, "#"))
	if err != nil {
		return arg{}, err
	}
	switch o.kind {
	case argImm:
		m.val = o.val
	case argSym:
		if o.mod == ModNone {
			return arg{}, fmt.Errorf("symbolic offset needs a relocation modifier such as :lo12:")
		}
		if pre {
			return arg{}, fmt.Errorf("writeback not allowed with a symbolic offset")
		}
		m.mod, m.lsl, m.expr = o.mod, o.lsl, o.expr
	default:
		return arg{}, fmt.Errorf("bad offset %q", second)
	}
	if pre {
		m.mode = ModePre
	}
	return m, nil
}
