package arm64

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// opByName maps mnemonics to Ops. It is built once and only read.
var opByName = func() map[string]Op {
	m := make(map[string]Op, numOps)
	for op, name := range opNames {
		if name != "" && Op(op) != BCOND {
			m[name] = Op(op)
		}
	}
	return m
}()

// Parse parses one instruction in GNU syntax: mnemonic (lower-case, e.g.
// "ldr" or "b.eq") and its operand text ("x0, [x1, #8]").
func Parse(mnemonic, operands string) (*Inst, error) {
	// One allocation for the Inst and room for its usual operands.
	alloc := new(struct {
		in  Inst
		buf [4]Operand
	})
	in := &alloc.in
	in.Args = alloc.buf[:0]
	if c, ok := strings.CutPrefix(mnemonic, "b."); ok {
		cond, ok := parseCond(c)
		if !ok {
			return nil, fmt.Errorf("unknown instruction %q", mnemonic)
		}
		in.Op = BCOND
		in.Args = append(in.Args, cond)
	} else {
		op, ok := opByName[mnemonic]
		if !ok {
			return nil, fmt.Errorf("unknown instruction %q", mnemonic)
		}
		in.Op = op
	}
	var buf [8]string
	toks := splitInto(buf[:0], operands)
	p := parser{op: in.Op}
	for i := 0; i < len(toks); i++ {
		tok := strings.TrimSpace(toks[i])
		if tok == "" {
			return nil, fmt.Errorf("empty operand")
		}
		// A shift or extension applies to the operand before it.
		if word, rest, ok := modifierWord(tok); ok && len(in.Args) > 0 && i > 0 {
			last := &in.Args[len(in.Args)-1]
			mod, err := applyModifier(*last, word, rest)
			if err != nil {
				return nil, err
			}
			*last = mod
			continue
		}
		last := i == len(toks)-1
		a, err := p.operand(tok, last)
		if err != nil {
			return nil, err
		}
		// "[x0], #8": post-index.
		if m, ok := a.(Mem); ok && p.plainMem && i+2 == len(toks) {
			next := strings.TrimSpace(toks[i+1])
			off, err := parseImmText(next)
			if err != nil {
				return nil, fmt.Errorf("bad post-index offset %q", next)
			}
			m.Mode, m.Off = ModePost, off
			in.Args = append(in.Args, m)
			break
		}
		in.Args = append(in.Args, a)
	}
	return in, nil
}

// splitOperands splits s at commas outside brackets and parentheses.
func splitOperands(s string) []string { return splitInto(nil, s) }

// splitInto is splitOperands appending to out.
func splitInto(out []string, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return out
	}
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

type parser struct {
	op       Op
	plainMem bool // the last memory operand was [base] with nothing else
}

func isCondOp(op Op) bool {
	switch op {
	case CSEL, CSINC, CSINV, CSNEG, CSET, CSETM, CINC, CINV, CNEG, CCMP, CCMN, FCSEL:
		return true
	}
	return false
}

// modifierWord reports whether tok is a shift or extension like "lsl #3"
// or "sxtw", returning the operator and the rest.
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
	word = strings.ToLower(tok[:n])
	rest = strings.TrimSpace(tok[n:])
	if rest != "" && rest[0] != '#' && !(rest[0] >= '0' && rest[0] <= '9') {
		return "", "", false
	}
	switch word {
	case "lsl", "lsr", "asr", "ror", "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx":
		return word, rest, true
	}
	return "", "", false
}

func parseImmText(s string) (int64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "#")
	if v, ok := quickInt(s); ok {
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

func applyModifier(prev Operand, word, rest string) (Operand, error) {
	ext := extendByName(word)
	switch v := prev.(type) {
	case Reg:
		if ext == ExtNone {
			if rest == "" {
				return nil, fmt.Errorf("missing shift amount after %s", word)
			}
			amt, err := parseAmount(rest, 63)
			if err != nil {
				return nil, err
			}
			return RegShift{Reg: v, Shift: shiftByName(word), Amount: amt}, nil
		}
		var amt uint8
		if rest != "" {
			var err error
			if amt, err = parseAmount(rest, 4); err != nil {
				return nil, err
			}
		}
		return RegExtend{Reg: v, Ext: ext, Amount: amt}, nil
	case Imm:
		if word != "lsl" || v.LSL != 0 {
			return nil, fmt.Errorf("only lsl may follow an immediate")
		}
		amt, err := parseAmount(rest, 48)
		if err != nil {
			return nil, err
		}
		v.LSL = amt
		return v, nil
	case Sym:
		if word != "lsl" || v.LSL != 0 {
			return nil, fmt.Errorf("only lsl may follow a symbol")
		}
		amt, err := parseAmount(rest, 48)
		if err != nil {
			return nil, err
		}
		v.LSL = amt
		return v, nil
	}
	return nil, fmt.Errorf("unexpected %s", word)
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

func (p *parser) operand(tok string, last bool) (Operand, error) {
	p.plainMem = false
	switch {
	case tok[0] == '[':
		return p.mem(tok)
	case tok[0] == '#':
		return parseImm(tok[1:])
	case tok[0] == ':':
		return parseSym(tok)
	}
	if r, ok := parseReg(tok); ok {
		return r, nil
	}
	lower := strings.ToLower(tok)
	if isCondOp(p.op) && last {
		if c, ok := parseCond(lower); ok {
			return c, nil
		}
	}
	switch p.op {
	case DMB, DSB, ISB:
		for b, n := range barrierNames {
			if n == lower {
				return b, nil
			}
		}
	case MRS, MSR:
		if s, ok := parseSysReg(lower); ok {
			return s, nil
		}
	}
	return parseImm(tok)
}

func parseImm(s string) (Operand, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, ":") {
		return parseSym(s)
	}
	if v, ok := quickInt(s); ok {
		return Imm{Val: v}, nil
	}
	if asm.IsSymbolName(s) {
		return Sym{Expr: asm.Expr{Sym: s}}, nil
	}
	e, err := asm.ParseExpr(s)
	if err == nil {
		if e.IsConst() {
			return Imm{Val: e.Add}, nil
		}
		return Sym{Expr: e}, nil
	}
	if f, ferr := strconv.ParseFloat(s, 64); ferr == nil {
		return FImm(f), nil
	}
	return nil, fmt.Errorf("bad operand %q: %v", s, err)
}

func parseSym(s string) (Operand, error) {
	end := strings.IndexByte(s[1:], ':')
	if end < 0 {
		return nil, fmt.Errorf("bad relocation modifier in %q", s)
	}
	name := strings.ToLower(s[1 : end+1])
	mod := ModNone
	for i, n := range modNames {
		if i > 0 && n == name {
			mod = RelocMod(i)
		}
	}
	if mod == ModNone {
		return nil, fmt.Errorf("unknown relocation modifier :%s:", name)
	}
	e, err := asm.ParseExpr(strings.TrimSpace(s[end+2:]))
	if err != nil {
		return nil, err
	}
	return Sym{Mod: mod, Expr: e}, nil
}

func parseSysReg(s string) (SysReg, bool) {
	for r, n := range sysregNames {
		if n == s {
			return r, true
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
func (p *parser) mem(tok string) (Operand, error) {
	var m Mem
	pre := false
	body := strings.TrimSpace(tok)
	if strings.HasSuffix(body, "!") {
		pre = true
		body = strings.TrimSpace(body[:len(body)-1])
	}
	if !strings.HasSuffix(body, "]") {
		return nil, fmt.Errorf("bad memory operand %q", tok)
	}
	parts := splitOperands(body[1 : len(body)-1])
	if len(parts) == 0 || len(parts) > 3 {
		return nil, fmt.Errorf("bad memory operand %q", tok)
	}
	base, ok := parseReg(strings.TrimSpace(parts[0]))
	if !ok {
		return nil, fmt.Errorf("bad base register in %q", tok)
	}
	m.Base = base
	if len(parts) == 1 {
		if pre {
			return nil, fmt.Errorf("writeback needs an offset in %q", tok)
		}
		p.plainMem = true
		return m, nil
	}
	second := strings.TrimSpace(parts[1])
	if second == "" {
		return nil, fmt.Errorf("bad memory operand %q", tok)
	}
	if idx, ok := parseReg(second); ok {
		if pre {
			return nil, fmt.Errorf("writeback not allowed with a register offset")
		}
		m.Mode, m.Index, m.Ext = ModeIndex, idx, ExtNone
		if len(parts) == 3 {
			word, rest, ok := modifierWord(strings.TrimSpace(parts[2]))
			if !ok {
				return nil, fmt.Errorf("bad index extension %q", parts[2])
			}
			switch word {
			case "lsl":
				m.Ext = ExtLSL
			case "uxtw", "sxtw", "sxtx":
				m.Ext = extendByName(word)
			default:
				return nil, fmt.Errorf("extension %s not allowed in an address", word)
			}
			if rest != "" {
				amt, err := parseAmount(rest, 4)
				if err != nil {
					return nil, err
				}
				m.Amount, m.HasAmount = amt, true
			}
		}
		return m, nil
	}
	if len(parts) == 3 {
		return nil, fmt.Errorf("bad memory operand %q", tok)
	}
	o, err := parseImm(strings.TrimPrefix(second, "#"))
	if err != nil {
		return nil, err
	}
	switch v := o.(type) {
	case Imm:
		m.Off = v.Val
	case Sym:
		if v.Mod == ModNone {
			return nil, fmt.Errorf("symbolic offset needs a relocation modifier such as :lo12:")
		}
		if pre {
			return nil, fmt.Errorf("writeback not allowed with a symbolic offset")
		}
		m.Sym = v
	default:
		return nil, fmt.Errorf("bad offset %q", second)
	}
	if pre {
		m.Mode = ModePre
	}
	return m, nil
}

// quickInt parses the common immediates (decimal or 0x hex, optionally
// negative) without the general expression parser.
func quickInt(s string) (int64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var v int64
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		for _, c := range []byte(s[2:]) {
			switch {
			case c >= '0' && c <= '9':
				v = v<<4 | int64(c-'0')
			case c >= 'a' && c <= 'f':
				v = v<<4 | int64(c-'a'+10)
			case c >= 'A' && c <= 'F':
				v = v<<4 | int64(c-'A'+10)
			default:
				return 0, false
			}
		}
	} else {
		if s[0] == '0' && len(s) > 1 {
			return 0, false // octal: leave to ParseExpr
		}
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int64(c-'0')
		}
	}
	if neg {
		v = -v
	}
	return v, true
}
