package lir

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads a module in the text format. On bad input it returns an
// *Error naming file:line:col; it never panics.
func Parse(file, src string) (*Module, error) {
	toks, err := scan(file, src)
	if err != nil {
		return nil, err
	}
	p := &parser{file: file, toks: toks}
	return p.module()
}

// ParseFunc reads a module that must hold exactly one function and
// returns the function.
func ParseFunc(file, src string) (*Func, error) {
	m, err := Parse(file, src)
	if err != nil {
		return nil, err
	}
	if len(m.Funcs) != 1 {
		return nil, &Error{Pos: Pos{File: file}, Msg: fmt.Sprintf("want exactly one function, found %d", len(m.Funcs))}
	}
	return m.Funcs[0], nil
}

type parser struct {
	file string
	toks []token
	i    int
	err  error

	// per function
	fn      *Func
	labels  map[string]BlockID
	defined []bool    // by provisional BlockID: label seen
	order   []BlockID // provisional IDs in order of definition
	refs    []token   // label references, to report undefined labels
	uses    []useSite // register uses, checked after the function
	cur     BlockID   // current block in block form, -1 before the first label
}

type useSite struct {
	v    Value
	tok  token
	want Type // a compare's operand: the opcode's type, which types its constants
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) errorf(t token, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: Pos{File: p.file, Line: t.line, Col: t.col}, Msg: fmt.Sprintf(format, args...)}
	}
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) is(k tokKind, text string) bool {
	t := p.tok()
	return t.kind == k && (text == "" || t.text == text)
}

func (p *parser) accept(k tokKind, text string) bool {
	if p.is(k, text) {
		p.next()
		return true
	}
	return false
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tNewline:
		return "newline"
	}
	return strconv.Quote(t.text)
}

func (p *parser) expect(k tokKind, text, what string) token {
	t := p.tok()
	if !p.is(k, text) {
		p.errorf(t, "expected %s, found %s", what, describe(t))
		return t
	}
	return p.next()
}

func (p *parser) skipNewlines() {
	for p.accept(tNewline, "") {
	}
}

func (p *parser) endLine() {
	if !p.is(tEOF, "") {
		p.expect(tNewline, "", "end of line")
	}
}

func (p *parser) module() (*Module, error) {
	m := &Module{}
	for p.err == nil {
		p.skipNewlines()
		t := p.tok()
		switch {
		case t.kind == tEOF:
			return m, nil
		case t.kind == tIdent && t.text == "extern":
			p.next()
			m.Externs = append(m.Externs, p.symbol())
			p.endLine()
		case t.kind == tIdent && (t.text == "data" || t.text == "rodata"):
			if g := p.global(); g != nil {
				m.Globals = append(m.Globals, g)
			}
		case t.kind == tIdent && t.text == "func":
			if f := p.function(); f != nil {
				m.Funcs = append(m.Funcs, f)
			}
		default:
			p.errorf(t, "expected extern, data, rodata or func, found %s", describe(t))
		}
	}
	return nil, p.err
}

// symbol parses @name and returns the name.
func (p *parser) symbol() string {
	t := p.expect(tSym, "", "symbol")
	if t.kind != tSym {
		return ""
	}
	return t.text[1:]
}

func (p *parser) integer() int64 {
	t := p.expect(tInt, "", "integer")
	n, _ := strconv.ParseInt(t.text, 10, 64)
	return n
}

func (p *parser) typ() Type {
	t := p.expect(tIdent, "", "type")
	ty, ok := typeByName(t.text)
	if !ok && p.err == nil {
		p.errorf(t, "unknown type %q", t.text)
	}
	return ty
}

func (p *parser) global() *Global {
	g := &Global{ReadOnly: p.next().text == "rodata"}
	g.Name = p.symbol()
	alignTok := p.expect(tIdent, "align", "align")
	g.Align = p.integer()
	if g.Align <= 0 || g.Align&(g.Align-1) != 0 {
		p.errorf(alignTok, "alignment must be a power of two")
	}
	p.expect(tPunct, "{", "'{'")
	p.endLine()
	for p.err == nil {
		p.skipNewlines()
		if p.accept(tPunct, "}") {
			break
		}
		g.Items = append(g.Items, p.dataItem())
		p.endLine()
	}
	p.endLine()
	return g
}

func (p *parser) dataItem() DataItem {
	t := p.expect(tIdent, "", "data item")
	switch t.text {
	case "bytes":
		s := p.expect(tString, "", "string")
		b, err := strconv.Unquote(s.text)
		if err != nil {
			p.errorf(s, "malformed string")
		}
		return DataItem{Kind: DataBytes, Bytes: []byte(b)}
	case "zero":
		n := p.integer()
		if n < 0 {
			p.errorf(t, "negative size")
		}
		return DataItem{Kind: DataZero, Int: n}
	case "ptr":
		d := DataItem{Kind: DataSym, Type: Ptr}
		d.Sym = p.symbol()
		if p.is(tInt, "") && strings.HasPrefix(p.tok().text, "-") {
			d.Int = p.integer()
		} else if p.accept(tPunct, "+") {
			d.Int = p.integer()
		}
		return d
	}
	ty, ok := typeByName(t.text)
	switch {
	case ok && ty.IsFloat():
		return DataItem{Kind: DataFloat, Type: ty, Float: p.floatConst()}
	case ok && ty.IsInt() && ty != Ptr:
		return DataItem{Kind: DataInt, Type: ty, Int: p.integer()}
	}
	p.errorf(t, "unknown data item %q", t.text)
	return DataItem{}
}

func (p *parser) floatConst() float64 {
	t := p.next()
	switch {
	case t.kind == tInt || t.kind == tFloat:
		x, _ := strconv.ParseFloat(strings.Replace(t.text, "inf", "Inf", 1), 64)
		return x
	case t.kind == tIdent && t.text == "nan":
		return math.NaN()
	case t.kind == tIdent && t.text == "inf":
		return math.Inf(1)
	}
	p.errorf(t, "expected number, found %s", describe(t))
	return 0
}

func (p *parser) function() *Func {
	p.next() // func
	f := &Func{}
	p.fn = f
	p.labels = map[string]BlockID{}
	p.defined, p.order, p.refs, p.uses = nil, nil, nil, nil
	p.cur = -1
	f.Name = p.symbol()
	p.expect(tPunct, "(", "'('")
	for p.err == nil && !p.accept(tPunct, ")") {
		if len(f.Params) > 0 {
			p.expect(tPunct, ",", "','")
		}
		r := p.expect(tReg, "", "parameter register")
		p.expect(tPunct, ":", "':'")
		v := p.define(r, p.typ())
		f.Params = append(f.Params, v)
	}
	if p.accept(tIdent, "void") {
		f.Result = Void
	} else {
		f.Result = p.typ()
	}
	form := p.expect(tIdent, "", "form (linear, cfg or ssa)")
	switch form.text {
	case "linear":
		f.Form = Linear
		f.Linear = []InstrID{}
	case "cfg":
		f.Form = CFG
	case "ssa":
		f.Form = SSA
	default:
		p.errorf(form, "unknown form %q (want linear, cfg or ssa)", form.text)
	}
	if p.accept(tIdent, "pos") {
		f.Pos = p.position()
	}
	p.expect(tPunct, "{", "'{'")
	p.endLine()
	p.body()
	p.endLine()
	p.finish()
	if p.err != nil {
		return nil
	}
	return f
}

func (p *parser) position() Pos {
	t := p.expect(tString, "", "position string")
	s, err := strconv.Unquote(t.text)
	if err != nil {
		p.errorf(t, "malformed string")
		return Pos{}
	}
	pos := Pos{File: s}
	// file:line:col, where the file name may itself contain colons.
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		if j := strings.LastIndexByte(s[:i], ':'); j >= 0 {
			line, err1 := strconv.Atoi(s[j+1 : i])
			col, err2 := strconv.Atoi(s[i+1:])
			if err1 == nil && err2 == nil && line > 0 {
				pos = Pos{File: s[:j], Line: line, Col: col}
			}
		}
	}
	return pos
}

// define records a definition of register t with type ty.
func (p *parser) define(t token, ty Type) Value {
	if t.kind != tReg {
		return 0 // expect has reported the error
	}
	n, err := strconv.Atoi(t.text[1:])
	if err != nil || n > 1<<24 {
		p.errorf(t, "register number out of range")
		return 0
	}
	for len(p.fn.Values) <= n {
		p.fn.Values = append(p.fn.Values, ValueInfo{})
	}
	if old := p.fn.Values[n].Type; old != Void && old != ty {
		p.errorf(t, "%%%d redefined as %s, was %s", n, ty, old)
	}
	if ty == Void {
		p.errorf(t, "register of type void")
	}
	p.fn.Values[n].Type = ty
	return Value(n)
}

func (p *parser) body() {
	f := p.fn
	for p.err == nil {
		p.skipNewlines()
		t := p.tok()
		switch {
		case t.kind == tPunct && t.text == "}":
			p.next()
			return
		case t.kind == tEOF:
			p.errorf(t, "unexpected end of file in function body")
			return
		case t.kind == tIdent && isSlotName(t.text) && p.toks[p.i+1].text == "=":
			p.slot()
		case t.kind == tIdent && p.toks[p.i+1].kind == tPunct && p.toks[p.i+1].text == ":":
			p.next()
			p.next()
			b := p.label(t)
			if f.Form == Linear {
				f.Linear = append(f.Linear, f.NewInstr(&Label{Block: b}))
			} else {
				p.cur = b
			}
		default:
			in := p.instr()
			if in == nil {
				return
			}
			id := f.NewInstr(in)
			if f.Form == Linear {
				f.Linear = append(f.Linear, id)
			} else if p.cur < 0 {
				p.errorf(t, "instruction before the first label")
			} else {
				f.Blocks[p.cur].Instrs = append(f.Blocks[p.cur].Instrs, id)
			}
		}
		p.endLine()
	}
}

func isSlotName(s string) bool {
	if len(s) < 3 || s[:2] != "ss" {
		return false
	}
	for i := 2; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func (p *parser) slot() {
	t := p.next()
	n, err := strconv.Atoi(t.text[2:])
	if err != nil || n != len(p.fn.Slots) {
		p.errorf(t, "stack slots must be declared in order: expected ss%d", len(p.fn.Slots))
	}
	p.next() // =
	p.expect(tIdent, "slot", "slot")
	size := p.integer()
	p.expect(tIdent, "align", "align")
	align := p.integer()
	if size < 0 || align <= 0 || align&(align-1) != 0 {
		p.errorf(t, "bad slot size or alignment")
	}
	p.fn.NewSlot(size, align)
}

// blockRef returns the provisional ID of the block named by t.
func (p *parser) blockRef(t token) BlockID {
	if b, ok := p.labels[t.text]; ok {
		return b
	}
	if isSlotName(t.text) {
		p.errorf(t, "%q cannot be a label", t.text)
	}
	b := p.fn.NewBlock(t.text)
	p.labels[t.text] = b
	p.defined = append(p.defined, false)
	return b
}

func (p *parser) label(t token) BlockID {
	b := p.blockRef(t)
	if p.defined[b] {
		p.errorf(t, "label %s defined twice", t.text)
	}
	p.defined[b] = true
	p.order = append(p.order, b)
	return b
}

func (p *parser) target() BlockID {
	t := p.expect(tIdent, "", "label")
	if t.kind != tIdent {
		return 0
	}
	p.refs = append(p.refs, t)
	return p.blockRef(t)
}

// finish checks labels and registers and puts blocks in text order.
func (p *parser) finish() {
	f := p.fn
	if p.err != nil {
		return
	}
	for _, t := range p.refs {
		if !p.defined[p.labels[t.text]] {
			p.errorf(t, "undefined label %s", t.text)
		}
	}
	for _, u := range p.uses {
		switch {
		case int(u.v) >= len(f.Values) || f.Values[u.v].Type == Void:
			p.errorf(u.tok, "%s is never defined", u.tok.text)
		case u.want != Void && f.Values[u.v].Type != u.want:
			// The printer writes a compare's type from its operands:
			// a constant beside a register of another type would be
			// printed with the register's type, which does not fit it.
			p.errorf(u.tok, "%s has type %s, not the compare's %s", u.tok.text, f.Values[u.v].Type, u.want)
		}
	}
	if p.err != nil {
		return
	}
	perm := make([]BlockID, len(f.Blocks))
	for newID, old := range p.order {
		perm[old] = BlockID(newID)
	}
	f.RenumberBlocks(perm)
	var rands []*Operand
	for _, in := range f.Instrs {
		rands = in.Operands(rands[:0])
		for _, o := range rands {
			if o.Kind == RegOperand {
				o.Type = f.Values[o.Index].Type
			}
		}
	}
	if f.Form != Linear {
		if len(f.Blocks) == 0 {
			p.errorf(p.tok(), "function @%s has no blocks", f.Name)
		}
		f.ComputeEdges()
	}
}

func (p *parser) dest() Operand {
	t := p.next()
	p.expect(tPunct, ":", "':' and type")
	ty := p.typ()
	p.expect(tPunct, "=", "'='")
	if t.kind == tPhys {
		n, err := strconv.Atoi(t.text[1:])
		if err != nil {
			p.errorf(t, "register number out of range")
		}
		return Phys(n, ty)
	}
	return Reg(p.define(t, ty), ty)
}

// opcode splits "slt.i64" into the op and the type after the dot.
func (p *parser) opcode() (Op, Type, bool) {
	t := p.expect(tIdent, "", "opcode")
	name, suffix, hasSuffix := strings.Cut(t.text, ".")
	op, ok := opByName(name)
	if !ok || op == OpLabel {
		p.errorf(t, "unknown opcode %q", t.text)
		return OpInvalid, Void, false
	}
	ty := Void
	needs := op.IsCompare() || op.IsConvert() || op == OpStore || op == OpStoreWB
	if hasSuffix {
		if ty, ok = typeByName(suffix); !ok || ty == Void {
			p.errorf(t, "unknown type %q", suffix)
		}
	}
	if needs != hasSuffix {
		if needs {
			p.errorf(t, "%s needs a type suffix, as in %s.i64", name, name)
		} else {
			p.errorf(t, "%s takes no type suffix", name)
		}
	}
	return op, ty, p.err == nil
}

func (p *parser) instr() Instr {
	var dst Operand
	start := p.tok()
	if start.kind == tReg || start.kind == tPhys {
		dst = p.dest()
	}
	opTok := p.tok()
	op, suffix, ok := p.opcode()
	if !ok {
		return nil
	}
	needDst := !(op == OpStore || op == OpStoreWB || op == OpSafepoint || op >= OpJump || op >= OpCall && op <= OpRTCall)
	if needDst && dst.Kind == NoOperand {
		p.errorf(opTok, "%s needs a destination", op)
	}
	if !needDst && dst.Kind != NoOperand && !(op >= OpCall && op <= OpRTCall) {
		p.errorf(start, "%s has no destination", op)
	}
	dt := dst.Type
	switch {
	case op.IsBinary():
		x, y := p.operandPair(dt)
		return &Binary{Opcode: op, Dst: dst, X: x, Y: y}
	case op.IsUnary():
		return &Unary{Opcode: op, Dst: dst, X: p.operand(dt)}
	case op.IsCompare():
		first := len(p.uses)
		x, y := p.operandPair(suffix)
		for i := first; i < len(p.uses); i++ {
			p.uses[i].want = suffix
		}
		return &Compare{Opcode: op, Dst: dst, X: x, Y: y}
	case op.IsConvert():
		return &Convert{Opcode: op, Dst: dst, X: p.operand(suffix)}
	}
	switch op {
	case OpLoad:
		addr, off := p.mem()
		return &Load{Dst: dst, Addr: addr, Off: off}
	case OpStore, OpStoreWB:
		v := p.operand(suffix)
		p.expect(tPunct, ",", "','")
		addr, off := p.mem()
		return &Store{Val: v, Addr: addr, Off: off, Barrier: op == OpStoreWB}
	case OpAddr:
		in := &Addr{Dst: dst, Base: p.operand(Ptr)}
		p.expect(tPunct, ",", "','")
		in.Index = p.operand(I64)
		p.expect(tPunct, ",", "','")
		in.Scale = p.integer()
		p.expect(tPunct, ",", "','")
		in.Off = p.integer()
		return in
	case OpCall, OpCallInd, OpRTCall:
		return p.call(op, dst)
	case OpPhi:
		return p.phi(dst)
	case OpSafepoint:
		return &Safepoint{}
	case OpJump:
		return &Jump{Target: p.target()}
	case OpBranch:
		in := &Branch{Cond: p.operand(I64)}
		p.expect(tPunct, ",", "','")
		in.Then = p.target()
		p.expect(tPunct, ",", "','")
		in.Else = p.target()
		return in
	case OpReturn:
		if p.is(tNewline, "") || p.is(tEOF, "") || p.is(tPunct, "}") {
			return &Return{}
		}
		return &Return{Val: p.operand(p.fn.Result)}
	case OpUnreachable:
		return &Unreachable{}
	}
	p.errorf(opTok, "unexpected opcode %s", op)
	return nil
}

func (p *parser) call(op Op, dst Operand) Instr {
	in := &Call{Opcode: op, Dst: dst, Callee: p.operand(Ptr)}
	p.expect(tPunct, "(", "'('")
	for p.err == nil && !p.accept(tPunct, ")") {
		if len(in.Args) > 0 {
			p.expect(tPunct, ",", "','")
		}
		ty := p.typ()
		in.Args = append(in.Args, p.operand(ty))
	}
	return in
}

func (p *parser) phi(dst Operand) Instr {
	in := &Phi{Dst: dst}
	for p.err == nil && p.is(tPunct, "[") {
		p.next()
		pred := p.target()
		p.expect(tPunct, ":", "':'")
		in.Edges = append(in.Edges, PhiEdge{Pred: pred, Val: p.operand(dst.Type)})
		p.expect(tPunct, "]", "']'")
		if !p.accept(tPunct, ",") {
			break
		}
	}
	return in
}

// mem parses [addr], [addr+off] or [addr-off].
func (p *parser) mem() (Operand, int64) {
	p.expect(tPunct, "[", "'['")
	addr := p.operand(Ptr)
	var off int64
	if p.accept(tPunct, "+") {
		off = p.integer()
	} else if p.is(tInt, "") && strings.HasPrefix(p.tok().text, "-") {
		off = p.integer()
	}
	p.expect(tPunct, "]", "']'")
	return addr, off
}

// operandPair parses "x, y", two operands of type t.
func (p *parser) operandPair(t Type) (x, y Operand) {
	x = p.operand(t)
	p.expect(tPunct, ",", "','")
	return x, p.operand(t)
}

// operand parses an operand; ty types constants and physical registers.
func (p *parser) operand(ty Type) Operand {
	t := p.next()
	switch t.kind {
	case tReg:
		n, err := strconv.Atoi(t.text[1:])
		if err != nil || n > 1<<24 {
			p.errorf(t, "register number out of range")
		}
		p.uses = append(p.uses, useSite{v: Value(n), tok: t})
		return Reg(Value(n), Void) // typed in finish
	case tPhys:
		n, err := strconv.Atoi(t.text[1:])
		if err != nil || n > 1<<16 {
			p.errorf(t, "register number out of range")
		}
		return Phys(n, ty)
	case tSym:
		return SymAddr(p.fn.Sym(t.text[1:]))
	case tInt:
		n, _ := strconv.ParseInt(t.text, 10, 64)
		if ty.IsFloat() {
			return Float(ty, float64(n))
		}
		if ty == Void {
			p.errorf(t, "constant where no value is expected")
		}
		return Int(ty, n)
	case tFloat:
		if !ty.IsFloat() {
			p.errorf(t, "float constant of type %s", ty)
		}
		p.i--
		return Float(ty, p.floatConst())
	case tIdent:
		if isSlotName(t.text) {
			n, _ := strconv.Atoi(t.text[2:])
			if n >= len(p.fn.Slots) {
				p.errorf(t, "undeclared stack slot %s", t.text)
			}
			return SlotAddr(SlotID(n))
		}
		if t.text == "nan" || t.text == "inf" {
			if !ty.IsFloat() {
				p.errorf(t, "float constant of type %s", ty)
			}
			p.i--
			return Float(ty, p.floatConst())
		}
	}
	p.errorf(t, "expected operand, found %s", describe(t))
	return Operand{}
}
