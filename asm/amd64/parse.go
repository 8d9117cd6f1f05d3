package amd64

import (
	"errors"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// lookupReg returns the register named s, in any case. It decodes the
// name instead of hashing it, since it runs for every operand and term.
func lookupReg(s string) (Reg, bool) {
	n := len(s)
	if n < 2 || n > 5 {
		return NoReg, false
	}
	var b [5]byte
	for i := 0; i < n; i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	switch {
	case b[0] == 'r' && '0' <= b[1] && b[1] <= '9': // r8..r15 with b/w/d suffix
		num, i := int(b[1]-'0'), 2
		if i < n && '0' <= b[i] && b[i] <= '9' {
			num, i = num*10+int(b[i]-'0'), i+1
		}
		if num < 8 || num > 15 || b[1] == '0' {
			return NoReg, false
		}
		switch {
		case i == n:
			return RAX + Reg(num), true
		case i+1 != n:
			return NoReg, false
		case b[i] == 'd':
			return EAX + Reg(num), true
		case b[i] == 'w':
			return AX + Reg(num), true
		case b[i] == 'b':
			return AL + Reg(num), true
		}
		return NoReg, false
	case n >= 4 && b[0] == 'x' && b[1] == 'm' && b[2] == 'm':
		if n == 5 && b[3] == '0' {
			return NoReg, false
		}
		num := 0
		for _, c := range b[3:n] {
			if c < '0' || c > '9' {
				return NoReg, false
			}
			num = num*10 + int(c-'0')
		}
		if num > 15 {
			return NoReg, false
		}
		return X0 + Reg(num), true
	case n == 2:
		if i := legacy16(b[0], b[1]); i >= 0 {
			return AX + Reg(i), true
		}
		switch b[1] {
		case 'l':
			for j, c := range []byte("acdb") {
				if b[0] == c {
					return AL + Reg(j), true
				}
			}
		case 'h':
			for j, c := range []byte("acdb") {
				if b[0] == c {
					return AH + Reg(j), true
				}
			}
		case 's':
			if b[0] == 'f' {
				return FS, true
			}
			if b[0] == 'g' {
				return GS, true
			}
		}
	case n == 3:
		if b[0] == 'r' && b[1] == 'i' && b[2] == 'p' {
			return RIP, true
		}
		if i := legacy16(b[1], b[2]); i >= 0 {
			switch b[0] {
			case 'r':
				return RAX + Reg(i), true
			case 'e':
				return EAX + Reg(i), true
			}
		}
		if b[2] == 'l' {
			if i := legacy16(b[0], b[1]); i >= 4 {
				return AL + Reg(i), true // spl, bpl, sil, dil
			}
		}
	}
	return NoReg, false
}

// legacy16 returns the number of the 16-bit register named ab (ax=0 ..
// di=7), or -1.
func legacy16(a, b byte) int {
	switch string([]byte{a, b}) {
	case "ax":
		return 0
	case "cx":
		return 1
	case "dx":
		return 2
	case "bx":
		return 3
	case "sp":
		return 4
	case "bp":
		return 5
	case "si":
		return 6
	case "di":
		return 7
	}
	return -1
}

var prefixByName = map[string]Prefix{
	"lock": Lock, "rep": Rep, "repe": Rep, "repz": Rep, "repne": Repne, "repnz": Repne,
}

func lookupPrefix(s string) (Prefix, bool) {
	if len(s) < 3 || s[0] != 'l' && s[0] != 'r' {
		return NoPrefix, false
	}
	p, ok := prefixByName[s]
	return p, ok
}

// ParseInst parses one instruction in GNU as Intel syntax (as under
// ".intel_syntax noprefix"): mnemonic is the first word of the statement,
// operands the rest. A lock or rep prefix may be the mnemonic, with the
// instruction in operands. The instruction is checked: it is an error if
// it has no encoding.
func ParseInst(mnemonic, operands string) (Inst, error) {
	in, err := parseInst(mnemonic, operands)
	if err != nil {
		return Inst{}, err
	}
	if err := in.check(); err != nil {
		return Inst{}, err
	}
	return in, nil
}

// parseInst is ParseInst without the final check that the instruction
// has an encoding.
func parseInst(mnemonic, operands string) (Inst, error) {
	mnemonic = strings.ToLower(strings.TrimSpace(mnemonic))
	var in Inst
	if p, ok := lookupPrefix(mnemonic); ok {
		in.Prefix = p
		rest := strings.TrimSpace(operands)
		if rest == "" {
			return Inst{}, fmt.Errorf("%s prefix without an instruction", mnemonic)
		}
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			i = len(rest)
		}
		mnemonic, operands = strings.ToLower(rest[:i]), rest[i:]
		if _, ok := lookupPrefix(mnemonic); ok {
			return Inst{}, errors.New("more than one lock/rep prefix")
		}
	}
	op, ok := mnemonics[mnemonic]
	if !ok {
		return Inst{}, fmt.Errorf("unknown instruction %q", mnemonic)
	}
	in.Op = op
	var split [4]string
	args, ok := splitOperands(operands, split[:0])
	if !ok {
		args = asm.SplitOperands(operands)
	}
	if len(args) > 0 {
		in.Args = make([]Operand, len(args))
	}
	for i, s := range args {
		a, err := parseOperand(s, ops[op].branch)
		if err != nil {
			return Inst{}, err
		}
		in.Args[i] = a
	}
	return in, nil
}

// check reports whether in can be encoded, with every symbol undefined.
func (in Inst) check() error {
	var buf [32]byte
	_, err := in.Encode(buf[:0], nil)
	return err
}

// checkPrefix reports whether in.Prefix is allowed with in.
func (in Inst) checkPrefix() error {
	switch in.Prefix {
	case NoPrefix:
	case Lock:
		switch in.Op {
		case ADD, OR, ADC, SBB, AND, SUB, XOR, INC, DEC, NEG, NOT, XADD, CMPXCHG, CMPXCHG16B, XCHG, BTS, BTR, BTC:
		default:
			return fmt.Errorf("lock prefix is not allowed with %v", in.Op)
		}
		if len(in.Args) == 0 {
			return fmt.Errorf("lock prefix needs a memory destination")
		}
		if _, ok := in.Args[0].(Mem); !ok {
			return fmt.Errorf("lock prefix needs a memory destination")
		}
	case Rep, Repne:
		switch in.Op {
		case MOVSB, MOVSW, MOVSD, MOVSQ, STOSB, STOSW, STOSD, STOSQ, LODSB, LODSQ, CMPSB, SCASB:
		case RET:
			if in.Prefix != Rep {
				return fmt.Errorf("repne prefix is not allowed with ret")
			}
		default:
			return fmt.Errorf("%s prefix is not allowed with %v", prefixNames[in.Prefix], in.Op)
		}
		if len(in.Args) != 0 {
			return fmt.Errorf("%s prefix is not allowed with %v", prefixNames[in.Prefix], in.Op)
		}
	default:
		return fmt.Errorf("invalid prefix %d", in.Prefix)
	}
	return nil
}

// splitOperands is a fast asm.SplitOperands for the common case of no
// strings, character constants or parentheses and at most four operands;
// ok is false when it cannot decide.
func splitOperands(s string, out []string) ([]string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return out, true
	}
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'', '(', '{':
			return nil, false
		case '[':
			depth++
		case ']':
			depth--
		case ',':
			if depth == 0 {
				if len(out) == cap(out)-1 {
					return nil, false
				}
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:])), true
}

var memSizes = []struct {
	name string
	size int
}{{"byte", 1}, {"word", 2}, {"dword", 4}, {"qword", 8}, {"xmmword", 16}}

// parseOperand parses one operand. In a branch (jmp, jcc, call) a bare
// symbol is the branch target; elsewhere it is a memory reference, as in
// GNU as, unless it is a difference of symbols.
func parseOperand(s string, branch bool) (Operand, error) {
	if s == "" {
		return nil, errors.New("missing operand")
	}
	if r, ok := lookupReg(s); ok {
		if !r.IsGPR() && !r.IsXMM() {
			return nil, fmt.Errorf("register %v cannot be an operand", r)
		}
		return r, nil
	}
	switch s[0] | 0x20 { // size keywords and offset start with b, w, d, q, x, o
	case 'b', 'w', 'd', 'q', 'x':
		for _, ms := range memSizes {
			if rest, ok := cutWord(s, ms.name); ok {
				rest, ok = cutWord(rest, "ptr")
				if !ok {
					return nil, fmt.Errorf("missing ptr after %s in %q", ms.name, s)
				}
				m, err := parseMem(rest)
				m.Size = ms.size
				return m, err
			}
		}
	case 'o':
		if strings.EqualFold(s, "offset") {
			return nil, errors.New("missing expression after offset")
		}
		if rest, ok := cutWord(s, "offset"); ok {
			e, err := parseExpr(rest)
			if err != nil {
				return nil, err
			}
			return Imm{e}, nil
		}
	}
	if strings.IndexByte(s, '[') >= 0 || strings.IndexByte(s, ':') >= 0 {
		return parseMem(s)
	}
	e, err := parseExpr(s)
	if err != nil {
		return nil, err
	}
	switch {
	case branch:
		return Rel{e}, nil
	case e.IsConst(), e.Minus != "":
		// A constant, or a symbol difference (an absolute value, as
		// GNU as sees it), is an immediate.
		return Imm{e}, nil
	}
	return Mem{Disp: e}, nil
}

// cutWord removes the case-insensitive word w and following blanks from
// the front of s.
func cutWord(s, w string) (string, bool) {
	if len(s) <= len(w) || !strings.EqualFold(s[:len(w)], w) {
		return s, false
	}
	if c := s[len(w)]; c != ' ' && c != '\t' && c != '[' {
		return s, false
	}
	return strings.TrimLeft(s[len(w):], " \t"), true
}

// parseMem parses [seg:][disp][base + index*scale + disp].
func parseMem(s string) (Mem, error) {
	var m Mem
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i >= 0 {
		seg, ok := lookupReg(strings.TrimSpace(s[:i]))
		if !ok || seg != FS && seg != GS {
			return m, fmt.Errorf("bad segment in %q", s)
		}
		m.Seg = seg
		s = strings.TrimSpace(s[i+1:])
	}
	pre := "" // a displacement written before the brackets: foo[rip]
	if i := strings.IndexByte(s, '['); i >= 0 {
		if !strings.HasSuffix(s, "]") {
			return m, fmt.Errorf("missing ] in %q", s)
		}
		pre = strings.TrimSpace(s[:i])
		s = s[i+1 : len(s)-1]
		if strings.IndexByte(s, '[') >= 0 || strings.IndexByte(s, ']') >= 0 {
			return m, fmt.Errorf("bad memory operand %q", s)
		}
	}
	inner := s
	// The displacement terms are added up here while they are simple
	// (numbers and at most one added symbol); otherwise they are
	// collected again as text for asm.ParseExpr.
	var fast asm.Expr
	fastOK, hasDisp := pre == "", pre != ""
	sawScale := false
	for s != "" {
		sign, term, rest := nextTerm(s)
		s = rest
		if term == "" {
			return m, errors.New("missing term in memory operand")
		}
		reg, scaleText, isReg := splitRegTerm(term)
		if !isReg {
			hasDisp = true
			if fastOK {
				e, ok := fastExpr(term)
				switch {
				case !ok || e.Sym != "" && (sign == '-' || fast.Sym != ""):
					fastOK = false
				case sign == '-':
					fast.Add -= e.Add
				default:
					fast.Add += e.Add
					if e.Sym != "" {
						fast.Sym = e.Sym
					}
				}
			}
			continue
		}
		if sign == '-' {
			return m, fmt.Errorf("register %v cannot be subtracted", reg)
		}
		switch {
		case scaleText != "":
			if m.Index != NoReg {
				if m.Base != NoReg || sawScale {
					return m, errors.New("too many registers in memory operand")
				}
				m.Base = m.Index
			}
			e, err := parseExpr(scaleText)
			if err != nil || !e.IsConst() || e.Add != 1 && e.Add != 2 && e.Add != 4 && e.Add != 8 {
				return m, fmt.Errorf("scale %q is not 1, 2, 4 or 8", scaleText)
			}
			m.Index, m.Scale, sawScale = reg, uint8(e.Add), true
		case m.Base == NoReg && !(m.Index != NoReg && !sawScale):
			m.Base = reg
		case m.Index == NoReg:
			m.Index, m.Scale = reg, 1
		default:
			return m, errors.New("too many registers in memory operand")
		}
	}
	switch {
	case !hasDisp:
	case fastOK && !isRegName(fast.Sym):
		m.Disp = fast
	default:
		e, err := parseExpr(dispText(pre, inner))
		if err != nil {
			return m, err
		}
		m.Disp = e
	}
	if err := checkMem(m); err != nil {
		return m, err
	}
	return m, nil
}

// dispText returns the displacement terms of a memory operand as one
// expression.
func dispText(pre, inner string) string {
	var b strings.Builder
	if pre != "" {
		b.WriteString("+(" + pre + ")")
	}
	for s := inner; s != ""; {
		sign, term, rest := nextTerm(s)
		s = rest
		if _, _, isReg := splitRegTerm(term); !isReg {
			b.WriteByte(sign)
			b.WriteString(term)
		}
	}
	return b.String()
}

// nextTerm splits the first signed term off a memory operand's inside.
func nextTerm(s string) (sign byte, term, rest string) {
	s = strings.TrimLeft(s, " \t")
	sign = '+'
	if s != "" && (s[0] == '+' || s[0] == '-') {
		sign = s[0]
		s = strings.TrimLeft(s[1:], " \t")
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '+', '-':
			if depth == 0 && i > 0 && s[i-1] != '*' {
				return sign, strings.TrimSpace(s[:i]), s[i:]
			}
		}
	}
	return sign, strings.TrimSpace(s), ""
}

// splitRegTerm recognises "reg", "reg*scale" and "scale*reg".
func splitRegTerm(t string) (Reg, string, bool) {
	if r, ok := lookupReg(t); ok {
		return r, "", true
	}
	a, b, ok := strings.Cut(t, "*")
	if !ok {
		return NoReg, "", false
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if r, ok := lookupReg(a); ok {
		return r, b, true
	}
	if r, ok := lookupReg(b); ok {
		return r, a, true
	}
	return NoReg, "", false
}

// parseExpr parses an expression whose symbols are not register names
// (GNU as would read those as registers).
func parseExpr(s string) (asm.Expr, error) {
	e, ok := fastExpr(s)
	if !ok {
		var err error
		if e, err = asm.ParseExpr(s); err != nil {
			return e, err
		}
	}
	for _, sym := range []string{e.Sym, e.Minus} {
		if r, ok := lookupReg(sym); ok {
			return asm.Expr{}, fmt.Errorf("register %v in expression %q", r, s)
		}
	}
	return e, nil
}

// fastExpr parses the most common expressions without asm.ParseExpr's
// allocations: an optionally signed decimal or 0x number, a symbol, or
// a symbol plus or minus a number. Anything else reports !ok.
func fastExpr(s string) (asm.Expr, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return asm.Expr{}, false
	}
	if s[0] == '-' || s[0] == '+' || '0' <= s[0] && s[0] <= '9' {
		v, ok := fastInt(s)
		return asm.Const(v), ok
	}
	if !isSymStart(s[0]) {
		return asm.Expr{}, false
	}
	i := 1
	for i < len(s) && isSymChar(s[i]) {
		i++
	}
	e := asm.Expr{Sym: s[:i]}
	rest := strings.TrimSpace(s[i:])
	if rest == "" {
		return e, true
	}
	if rest[0] != '+' && rest[0] != '-' {
		return asm.Expr{}, false
	}
	v, ok := fastInt(rest)
	e.Add = v
	return e, ok
}

// fastInt parses [+-]digits or [+-]0xhex with no other characters.
func fastInt(s string) (int64, bool) {
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = strings.TrimLeft(s[1:], " \t")
	}
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var v int64
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		if len(s) > 17 {
			return 0, false
		}
		for _, c := range []byte(s[2:]) {
			switch {
			case '0' <= c && c <= '9':
				v = v*16 + int64(c-'0')
			case 'a' <= c && c <= 'f':
				v = v*16 + int64(c-'a'+10)
			case 'A' <= c && c <= 'F':
				v = v*16 + int64(c-'A'+10)
			default:
				return 0, false
			}
		}
	} else {
		if len(s) > 1 && s[0] == '0' {
			return 0, false // octal: leave it to asm.ParseExpr
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

func isSymStart(c byte) bool {
	return c == '_' || c == '.' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isSymChar(c byte) bool {
	return isSymStart(c) || '0' <= c && c <= '9' || c == '@'
}

func isRegName(s string) bool {
	_, ok := lookupReg(s)
	return ok
}
