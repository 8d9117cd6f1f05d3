package amd64

import (
	"errors"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/archkit"
)

// lookupReg returns the register named s, in any case. It runs for every
// operand and term, so it looks the name up in a table made for it (see
// regTable) rather than in a map.
func lookupReg(s string) (Reg, bool) {
	k, ok := regKey(s)
	if !ok {
		return NoReg, false
	}
	return lookupRegKey(k)
}

// lookupRegKey returns the register whose regKey is k. The operand
// scanner computes keys while it splits off words (see keyWord), so that
// the name is read once.
func lookupRegKey(k uint64) (Reg, bool) {
	if k == 0 {
		return NoReg, false
	}
	for i := regHash(k); ; i++ {
		e := &regTable[i%regSlots]
		if e.reg == NoReg {
			return NoReg, false
		}
		if e.key == k {
			return e.reg, true
		}
	}
}

// regKey packs a register name of 2 to 5 bytes, lower-cased, into an
// integer. It reports false for strings that cannot be register names,
// among them those with a NUL byte, which the key could not tell from
// the padding.
func regKey(s string) (uint64, bool) {
	if len(s) < 2 || len(s) > 5 {
		return 0, false
	}
	return packLower(s)
}

func regHash(k uint64) uint32 { return uint32((k * 0x9e3779b97f4a7c15) >> 56) }

// regSlots is the size of regTable, a power of two about twice the number
// of registers.
const regSlots = 256

// regTable is an open-addressing hash table of the registers by regKey of
// their names.
var regTable = func() (t [regSlots]struct {
	key uint64
	reg Reg
}) {
	for r := AL; r < numRegs; r++ {
		k, _ := regKey(regNames[r])
		i := regHash(k)
		for t[i%regSlots].reg != NoReg {
			i++
		}
		t[i%regSlots].key, t[i%regSlots].reg = k, r
	}
	return t
}()

// lookupPrefix returns the prefix named s (lower-case).
func lookupPrefix(s string) (Prefix, bool) {
	switch s {
	case "lock":
		return Lock, true
	case "rep", "repe", "repz":
		return Rep, true
	case "repne", "repnz":
		return Repne, true
	}
	return NoPrefix, false
}

// ParseInst parses one instruction in GNU as Intel syntax (as under
// ".intel_syntax noprefix"): mnemonic is the first word of the statement,
// operands the rest. A lock or rep prefix may be the mnemonic, with the
// instruction in operands. The instruction is checked: it is an error if
// it has no encoding.
func ParseInst(mnemonic, operands string) (*Inst, error) {
	in := new(Inst)
	if err := parseInst(in, mnemonic, operands); err != nil {
		return nil, err
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	return in, nil
}

// An encodingError is an error that parseInst finds but that is about
// the instruction's encoding rather than its syntax: an Inst has no room
// for it (more than three operands). ParseInst reports it like any
// other; Arch.ParseInst leaves it to Encode, as it does every encoding
// error, so that an assembly reports it at the same point.
type encodingError struct{ err error }

func (e *encodingError) Error() string { return e.err.Error() }

// parseInst is ParseInst without the final check that the instruction
// has an encoding. It parses into in, which must be zero.
func parseInst(in *Inst, mnemonic, operands string) error {
	// Most statements are an instruction without a prefix: look the
	// mnemonic up as it is, and clean it up only if that fails.
	if op, ok := lookupMnemonic(mnemonic); ok {
		return in.parseOperands(op, operands)
	}
	mnemonic = strings.ToLower(strings.TrimSpace(mnemonic))
	if p, ok := lookupPrefix(mnemonic); ok {
		in.Prefix = p
		rest := strings.TrimSpace(operands)
		if rest == "" {
			return fmt.Errorf("%s prefix without an instruction", mnemonic)
		}
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			i = len(rest)
		}
		mnemonic, operands = strings.ToLower(rest[:i]), rest[i:]
		if _, ok := lookupPrefix(mnemonic); ok {
			return errors.New("more than one lock/rep prefix")
		}
	}
	op, ok := lookupMnemonic(mnemonic)
	if !ok {
		return fmt.Errorf("unknown instruction %q", mnemonic)
	}
	return in.parseOperands(op, operands)
}

// parseOperands sets in.Op to op and parses the operand list into in.
func (in *Inst) parseOperands(op Op, operands string) error {
	in.Op = op
	branch := ops[op].branch
	if in.parseArgsFast(operands, branch) {
		return nil
	}
	in.nargs, in.args = 0, [maxArgs]arg{}
	return in.parseArgs(operands, branch)
}

// parseArgs parses the operand list into in, which has none yet. It is
// the general parser, which parseArgsFast only takes a shortcut through.
func (in *Inst) parseArgs(operands string, branch bool) error {
	var split [maxArgs + 1]string
	args, ok := splitOperands(operands, split[:0])
	if !ok {
		args = asm.SplitOperands(operands)
	}
	for i, s := range args {
		var a arg
		p := &a // for the syntax errors of operands an Inst has no room for
		if i < maxArgs {
			p = &in.args[i]
		}
		if err := parseArg(p, s, branch); err != nil {
			return err
		}
	}
	in.nargs = uint8(min(len(args), maxArgs))
	if len(args) > maxArgs {
		// Encode would check the prefix first, and it looks only at
		// the first operand.
		err := in.checkPrefix()
		if err == nil {
			err = fmt.Errorf("wrong number of operands for %v", in.Op)
		}
		return &encodingError{err}
	}
	return nil
}

// check reports whether in can be encoded, with every symbol undefined.
func (in *Inst) check() error {
	var buf [32]byte
	_, err := in.Encode(buf[:0], nil)
	return err
}

// checkPrefix reports whether in.Prefix is allowed with in.
func (in *Inst) checkPrefix() error {
	switch in.Prefix {
	case NoPrefix:
	case Lock:
		switch in.Op {
		case ADD, OR, ADC, SBB, AND, SUB, XOR, INC, DEC, NEG, NOT, XADD, CMPXCHG, CMPXCHG16B, XCHG, BTS, BTR, BTC:
		default:
			return fmt.Errorf("lock prefix is not allowed with %v", in.Op)
		}
		if in.nargs == 0 || in.args[0].kind != argMem {
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
		if in.nargs != 0 {
			return fmt.Errorf("%s prefix is not allowed with %v", prefixNames[in.Prefix], in.Op)
		}
	default:
		return fmt.Errorf("invalid prefix %d", in.Prefix)
	}
	return nil
}

// splitOperands is a fast asm.SplitOperands for the common case of no
// strings, character constants or parentheses and at most cap(out)
// operands; ok is false when it cannot decide.
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

// parseArg parses one operand into a. In a branch (jmp, jcc, call) a bare
// symbol is the branch target; elsewhere it is a memory reference, as in
// GNU as, unless it is a difference of symbols.
func parseArg(a *arg, s string, branch bool) error {
	if s == "" {
		return errors.New("missing operand")
	}
	if r, ok := lookupReg(s); ok {
		if !r.IsGPR() && !r.IsXMM() {
			return fmt.Errorf("register %v cannot be an operand", r)
		}
		*a = arg{kind: argReg, reg: r}
		return nil
	}
	// Size keywords and offset, told apart by their first letter.
	var word string
	size := 0
	switch s[0] | 0x20 {
	case 'b':
		word, size = "byte", 1
	case 'w':
		word, size = "word", 2
	case 'd':
		word, size = "dword", 4
	case 'q':
		word, size = "qword", 8
	case 'x':
		word, size = "xmmword", 16
	case 'o':
		if strings.EqualFold(s, "offset") {
			return errors.New("missing expression after offset")
		}
		if rest, ok := cutWord(s, "offset"); ok {
			e, err := parseExpr(rest)
			if err != nil {
				return err
			}
			*a = arg{kind: argImm, expr: e}
			return nil
		}
	}
	if word != "" {
		if rest, ok := cutWord(s, word); ok {
			rest, ok = cutWord(rest, "ptr")
			if !ok {
				return fmt.Errorf("missing ptr after %s in %q", word, s)
			}
			if err := parseMem(a, rest); err != nil {
				return err
			}
			a.size = size
			return nil
		}
	}
	if indexUnquoted(s, '[') >= 0 || indexUnquoted(s, ':') >= 0 {
		return parseMem(a, s)
	}
	e, err := parseExpr(s)
	if err != nil {
		return err
	}
	switch {
	case branch:
		*a = arg{kind: argRel, expr: e}
	case e.IsConst(), e.Minus != "":
		// A constant, or a symbol difference (an absolute value, as
		// GNU as sees it), is an immediate.
		*a = arg{kind: argImm, expr: e}
	default:
		*a = arg{kind: argMem, expr: e}
	}
	return nil
}

// indexUnquoted is strings.IndexByte(s, c) outside the quoted symbol
// names s may hold ("..." with '"' and '\\' escaped by a backslash):
// a symbol may be named "]" or "a:b".
func indexUnquoted(s string, c byte) int {
	if strings.IndexByte(s, '"') < 0 {
		return strings.IndexByte(s, c)
	}
	quoted := false
	for i := 0; i < len(s); i++ {
		switch {
		case quoted && s[i] == '\\':
			i++
		case s[i] == '"':
			quoted = !quoted
		case !quoted && s[i] == c:
			return i
		}
	}
	return -1
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
	return trimLeftBlanks(s[len(w):]), true
}

// trimLeftBlanks removes leading spaces and tabs (strings.TrimLeft with
// a cutset builds the set on every call).
func trimLeftBlanks(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}

// parseMem parses [seg:][disp][base + index*scale + disp] into a.
func parseMem(a *arg, s string) error {
	*a = arg{kind: argMem}
	s = strings.TrimSpace(s)
	if i := indexUnquoted(s, ':'); i >= 0 {
		seg, ok := lookupReg(strings.TrimSpace(s[:i]))
		if !ok || seg != FS && seg != GS {
			return fmt.Errorf("bad segment in %q", s)
		}
		a.seg = seg
		s = strings.TrimSpace(s[i+1:])
	}
	pre := "" // a displacement written before the brackets: foo[rip]
	if i := indexUnquoted(s, '['); i >= 0 {
		if !strings.HasSuffix(s, "]") {
			return fmt.Errorf("missing ] in %q", s)
		}
		pre = strings.TrimSpace(s[:i])
		s = s[i+1 : len(s)-1]
		if indexUnquoted(s, '[') >= 0 || indexUnquoted(s, ']') >= 0 {
			return fmt.Errorf("bad memory operand %q", s)
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
			return errors.New("missing term in memory operand")
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
			return fmt.Errorf("register %v cannot be subtracted", reg)
		}
		if err := addAddrReg(a, reg, scaleText, &sawScale); err != nil {
			return err
		}
	}
	switch {
	case !hasDisp:
	case fastOK && !isRegName(fast.Sym):
		a.expr = fast
	default:
		e, err := parseExpr(dispText(pre, inner))
		if err != nil {
			return err
		}
		a.expr = e
	}
	return checkMem(a)
}

// addAddrReg adds a register term of a memory operand to a, in the
// order written: a scaled register (scaleText is not empty) is the index,
// moving an unscaled index written before it to the base; otherwise the
// first register is the base and the next the index. sawScale records
// that a scaled register was seen.
func addAddrReg(a *arg, r Reg, scaleText string, sawScale *bool) error {
	switch {
	case scaleText != "":
		if a.index != NoReg {
			if a.reg != NoReg || *sawScale {
				return errors.New("too many registers in memory operand")
			}
			a.reg = a.index
		}
		scale, ok := parseScale(scaleText)
		if !ok {
			return fmt.Errorf("scale %q is not 1, 2, 4 or 8", scaleText)
		}
		a.index, a.scale, *sawScale = r, scale, true
	case a.reg == NoReg && !(a.index != NoReg && !*sawScale):
		a.reg = r
	case a.index == NoReg:
		a.index, a.scale = r, 1
	default:
		return errors.New("too many registers in memory operand")
	}
	return nil
}

// parseScale parses the scale of an index register: 1, 2, 4 or 8.
func parseScale(s string) (uint8, bool) {
	v := int64(-1)
	if len(s) == 1 && '0' <= s[0] && s[0] <= '9' {
		v = int64(s[0] - '0') // the usual case, without parseExpr
	} else if e, err := parseExpr(s); err == nil && e.IsConst() {
		v = e.Add
	}
	if v != 1 && v != 2 && v != 4 && v != 8 {
		return 0, false
	}
	return uint8(v), true
}

// The fast path. Most operands are a register, a number, a symbol plus or
// minus a number, or [base+index*scale+disp] with "size ptr" in front,
// all in lower case. parseArgsFast parses operand lists of those in one
// pass over the text and leaves everything else, errors included, to the
// general parser (splitOperands and parseArg), which is the reference:
// for the text the fast path accepts, both give the same operands.

// parseArgsFast parses the operand list s into in, or reports false.
func (in *Inst) parseArgsFast(s string, branch bool) bool {
	s = trimLeftBlanks(s)
	for s != "" {
		if in.nargs == maxArgs {
			return false
		}
		rest, ok := parseArgFast(&in.args[in.nargs], s, branch)
		if !ok {
			return false
		}
		in.nargs++
		// What follows an operand is its list's end or a comma and
		// another operand.
		if rest != "" {
			if rest[0] != ',' {
				return false
			}
			if rest = trimLeftBlanks(rest[1:]); rest == "" {
				return false // a missing operand
			}
		}
		s = rest
	}
	return true
}

// parseArgFast parses the operand that s (not empty) starts with into a
// and returns the text after it, without leading blanks, or reports false.
func parseArgFast(a *arg, s string, branch bool) (rest string, ok bool) {
	switch c := s[0]; {
	case c == '[':
		return parseMemFast(a, s, 0)
	case '0' <= c && c <= '9' || c == '-' || c == '+':
		n := numberLen(s)
		v, ok := archkit.Int(s[:n])
		if !ok {
			return "", false
		}
		kind := argImm
		if branch {
			kind = argRel
		}
		*a = arg{kind: kind, expr: asm.Const(v)}
		return trimLeftBlanks(s[n:]), true
	case !isSymStart(c):
		return "", false
	}
	word, after, key := keyWord(s)
	if size := memSizeWord(word); size != 0 {
		// size ptr [...]
		t := trimLeftBlanks(after)
		if len(t) == len(after) {
			return "", false
		}
		t, ok := strings.CutPrefix(t, "ptr")
		if t = trimLeftBlanks(t); !ok || t == "" || t[0] != '[' {
			return "", false
		}
		return parseMemFast(a, t, size)
	}
	if r, ok := lookupRegKey(key); ok {
		if rest := trimLeftBlanks(after); rest == "" || rest[0] == ',' {
			if !r.IsGPR() && !r.IsXMM() {
				return "", false
			}
			*a = arg{kind: argReg, reg: r}
			return rest, true
		}
	}
	kind := argMem // a symbol is a memory reference, except in a branch
	if branch {
		kind = argRel
	}
	if word == "offset" {
		s = trimLeftBlanks(after)
		if len(s) == len(after) || s == "" {
			return "", false
		}
		kind = argImm
	} else if isKeyword(word) {
		return "", false // parseArg reads "byte + 4" differently
	}
	n := exprLen(s)
	e, ok := fastExpr(s[:n])
	if !ok || isRegName(e.Sym) || kind != argImm && e.IsConst() {
		return "", false
	}
	*a = arg{kind: kind, expr: e}
	return trimLeftBlanks(s[n:]), true
}

// numberLen returns the length of the number s starts with: a sign,
// blanks, and a word.
func numberLen(s string) int {
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i = len(s) - len(trimLeftBlanks(s[1:]))
	}
	word, _ := symWord(s[i:])
	return i + len(word)
}

// exprLen returns the length of the expression fastExpr may accept that s
// starts with: a word, then perhaps blanks and a number.
func exprLen(s string) int {
	word, rest := symWord(s)
	if t := trimLeftBlanks(rest); t != "" && (t[0] == '+' || t[0] == '-') {
		return len(s) - len(t) + numberLen(t)
	}
	return len(word)
}

// memSizeWord returns the size a lower-case size keyword names, or 0.
func memSizeWord(w string) int {
	switch w {
	case "byte":
		return 1
	case "word":
		return 2
	case "dword":
		return 4
	case "qword":
		return 8
	case "xmmword":
		return 16
	}
	return 0
}

// isKeyword reports whether s is a word with a meaning at the start of an
// operand, in any case.
func isKeyword(s string) bool {
	for _, w := range [...]string{"byte", "word", "dword", "qword", "xmmword", "offset"} {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}

// symWord splits off the run of symbol characters that s starts with.
func symWord(s string) (word, rest string) {
	i := 0
	for i < len(s) && isSymChar(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// keyWord is symWord that also returns the word's regKey, or 0 if it is
// too short or too long to name a register. Packing the bytes as they are
// scanned costs less than a second pass over the word in regKey.
func keyWord(s string) (word, rest string, key uint64) {
	i := 0
	for i < len(s) {
		b := wordByte[s[i]]
		if b == 0 {
			break
		}
		key = key<<8 | uint64(b)
		i++
	}
	if i < 2 || i > 5 {
		key = 0
	}
	return s[:i], s[i:], key
}

// wordByte maps the bytes that may be in a symbol name to themselves,
// lower-cased (as regKey packs them), and all others to 0.
var wordByte = func() (t [256]byte) {
	for c := range 256 {
		if isSymChar(byte(c)) {
			t[c] = byte(c)
			if 'A' <= c && c <= 'Z' {
				t[c] += 'a' - 'A'
			}
		}
	}
	return t
}()

// parseMemFast parses the memory operand "[base+index*scale+disp]" that s
// starts with, of the given size, into a and returns the text after it,
// without leading blanks, or reports false. The terms are registers,
// register*scale or scale*register, numbers, and one added symbol.
func parseMemFast(a *arg, s string, size int) (rest string, ok bool) {
	*a = arg{kind: argMem, size: size}
	sawScale := false
	p := trimLeftBlanks(s[1:]) // after '['; memTermFast trims after each term
	for {
		sign := byte('+')
		if p != "" && (p[0] == '+' || p[0] == '-') {
			sign, p = p[0], trimLeftBlanks(p[1:])
		}
		if p, ok = memTermFast(a, p, sign, &sawScale); !ok {
			return "", false
		}
		switch {
		case p == "":
			return "", false
		case p[0] == ']':
			if checkMem(a) != nil {
				return "", false
			}
			return trimLeftBlanks(p[1:]), true
		case p[0] != '+' && p[0] != '-':
			return "", false
		}
	}
}

// memTermFast adds the term of a memory operand that s starts with,
// after its sign, to a and returns the text after it, or reports false.
func memTermFast(a *arg, s string, sign byte, sawScale *bool) (rest string, ok bool) {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		// A signed number: "+-8" is a term of -8.
		n := numberLen(s)
		v, ok := archkit.Int(s[:n])
		if !ok {
			return "", false
		}
		if sign == '-' {
			v = -v
		}
		a.expr.Add += v
		return trimLeftBlanks(s[n:]), true
	}
	w, after, key := keyWord(s)
	if w == "" {
		return "", false
	}
	s = trimLeftBlanks(after)
	reg, isReg := lookupRegKey(key)
	switch {
	case s != "" && s[0] == '*':
		w2, after, key2 := keyWord(trimLeftBlanks(s[1:]))
		s = trimLeftBlanks(after)
		scaleText := w2
		if !isReg {
			reg, isReg = lookupRegKey(key2)
			scaleText = w
		}
		if w2 == "" || !isReg || sign == '-' || addAddrReg(a, reg, scaleText, sawScale) != nil {
			return "", false
		}
	case isReg:
		if sign == '-' || addAddrReg(a, reg, "", sawScale) != nil {
			return "", false
		}
	case isSymStart(w[0]):
		if sign == '-' || a.expr.Sym != "" {
			return "", false
		}
		a.expr.Sym = w
	default:
		v, ok := archkit.Int(w)
		if !ok {
			return "", false
		}
		if sign == '-' {
			v = -v
		}
		a.expr.Add += v
	}
	return s, true
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
	s = trimLeftBlanks(s)
	sign = '+'
	if s != "" && (s[0] == '+' || s[0] == '-') {
		sign = s[0]
		s = trimLeftBlanks(s[1:])
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '"': // a quoted symbol name: skip to its closing quote
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
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
		v, ok := archkit.Int(s)
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
	v, ok := archkit.Int(rest)
	e.Add = v
	return e, ok
}

// Character classes of symbol names, a table because the scanner asks for
// every character.
const (
	symStart = 1 << iota // may start a symbol name
	symChar              // may be in a symbol name
)

var charClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == '_' || c == '.' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = symStart | symChar
		case '0' <= c && c <= '9' || c == '@':
			t[c] = symChar
		}
	}
	return t
}()

func isSymStart(c byte) bool { return charClass[c]&symStart != 0 }

func isSymChar(c byte) bool { return charClass[c]&symChar != 0 }

func isRegName(s string) bool {
	_, ok := lookupReg(s)
	return ok
}
