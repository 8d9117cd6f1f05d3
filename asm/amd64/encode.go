package amd64

import (
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// Encode appends the machine code of in to dst, choosing the encoding
// GNU as 2.40 chooses. ctx gives the instruction's address, resolves
// labels and collects relocations; a nil ctx encodes as if every symbol
// were undefined and records no relocations (useful to validate or to
// size an instruction).
func (in *Inst) Encode(dst []byte, ctx *asm.Context) ([]byte, error) {
	if in.Prefix != NoPrefix {
		if err := in.checkPrefix(); err != nil {
			return dst, err
		}
	}
	args := in.args[:in.nargs]
	if in.Op == IMUL && len(args) == 2 && args[1].kind == argImm {
		// The forms see imul r, imm as imul r, r, imm.
		three := [maxArgs]arg{args[0], args[0], args[1]}
		return in.encode(dst, ctx, three[:])
	}
	return in.encode(dst, ctx, args)
}

// encode encodes in with the operands args.
func (in *Inst) encode(dst []byte, ctx *asm.Context, args []arg) ([]byte, error) {
	f, err := in.match(args)
	if err != nil {
		return dst, err
	}
	e := encoder{ctx: ctx, start: len(dst)}
	if f.relIdx >= 0 {
		return e.branch(dst, in, args[f.relIdx].expr)
	}
	return e.encode(dst, in, f, args)
}

// regClasses is the argClass of every register.
var regClasses = func() (t [numRegs]argClass) {
	for r := range Reg(numRegs) {
		switch r.Size() {
		case 1:
			t[r] = cR8
		case 2:
			t[r] = cR16
		case 4:
			t[r] = cR32
		case 8:
			t[r] = cR64
		case 16:
			t[r] = cXMM
		}
	}
	return t
}()

// class returns the operand's argClass.
func (a *arg) class() argClass {
	switch a.kind {
	case argReg:
		if a.reg < numRegs {
			return regClasses[a.reg]
		}
	case argMem:
		return memClass(a.size)
	case argImm:
		return cImm
	case argRel:
		return cRel
	}
	return cNone
}

// match returns the first form of in.Op that accepts args, or an error
// explaining why none does.
func (in *Inst) match(args []arg) (*form, error) {
	if in.Op == BAD || in.Op >= numOps {
		return nil, fmt.Errorf("invalid instruction op %d", in.Op)
	}
	info := &ops[in.Op]
	cands := info.byCount[len(args)]
	hasReg := false
	for i := range args {
		a := &args[i]
		if a.kind == argNil {
			return nil, fmt.Errorf("%v: nil operand", in.Op)
		}
		c := a.class()
		cands &= info.byClass[i][c]
		hasReg = hasReg || a.kind == argReg && c != cNone
	}
	if info.byCount[len(args)] == 0 {
		return nil, fmt.Errorf("wrong number of operands for %v", in.Op)
	}
	rangeErr, sizeErr := false, false
	for ; cands != 0; cands &= cands - 1 {
		f := &info.forms[bits.TrailingZeros32(uint32(cands))]
		ok := true
		for j := range args {
			switch m := matchArg(f, f.kinds[j], &args[j], hasReg); m {
			case matchOK:
			case matchRange:
				rangeErr, ok = true, false
			case matchSize:
				sizeErr, ok = true, false
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && in.Op == XCHG && f.oreg >= 0 && len(args) == 2 && args[0] == args[1] && args[0].isReg(EAX) {
			continue // xchg eax, eax is not a nop in 64-bit mode: gas uses 87 c0
		}
		if ok {
			return f, nil
		}
	}
	switch {
	case rangeErr:
		for i := range args {
			if args[i].kind == argImm {
				return nil, fmt.Errorf("immediate %v out of range for %v", args[i].imm(), in.Op)
			}
		}
		return nil, fmt.Errorf("immediate out of range for %v", in.Op)
	case sizeErr:
		return nil, fmt.Errorf("ambiguous operand size for %v: use byte, word, dword or qword ptr", in.Op)
	}
	return nil, fmt.Errorf("invalid operands for %v", in.Op)
}

// isReg reports whether a is the register r.
func (a *arg) isReg(r Reg) bool { return a.kind == argReg && a.reg == r }

type matchResult uint8

const (
	matchNo matchResult = iota
	matchOK
	matchRange // right kind, immediate out of range
	matchSize  // right kind, memory size missing or wrong
)

func matchArg(f *form, k kind, a *arg, hasReg bool) matchResult {
	switch a.kind {
	case argReg:
		r := a.reg
		var ok bool
		switch k {
		case kR8, kRM8:
			ok = r.Size() == 1
		case kR16, kRM16:
			ok = r.Size() == 2
		case kR32, kRM32:
			ok = r.Size() == 4
		case kR64, kRM64:
			ok = r.Size() == 8
		case kAL:
			ok = r == AL
		case kAX:
			ok = r == AX
		case kEAX:
			ok = r == EAX
		case kRAX:
			ok = r == RAX
		case kCL:
			ok = r == CL
		case kX, kXM32, kXM64, kXM128:
			ok = r.IsXMM()
		}
		if ok {
			return matchOK
		}
	case argMem:
		if !k.isMemOK() {
			return matchNo
		}
		if k == kM {
			return matchOK
		}
		want := k.size()
		switch {
		case a.size == want:
			return matchOK
		case a.size == 0 && (f.anySize || hasReg && !f.sized):
			return matchOK
		case a.size == 0:
			return matchSize
		}
		return matchNo
	case argImm:
		if !k.isImm() && k != kOne {
			return matchNo
		}
		if !a.expr.IsConst() {
			switch k {
			case kI8, kI16, kI32, kI32S, kI64, kU8, kU16:
				return matchOK
			}
			return matchNo
		}
		if immFits(k, a.expr.Add, int(f.opsize)) {
			return matchOK
		}
		if k == kOne || k == kI8S {
			return matchNo // another form takes it
		}
		return matchRange
	case argRel:
		if k == kRel8 || k == kRel32 {
			return matchOK
		}
	}
	return matchNo
}

// immFits reports whether the constant v is acceptable for kind k in an
// operation of opsize bytes.
func immFits(k kind, v int64, opsize int) bool {
	switch k {
	case kOne:
		return v == 1
	case kI8, kU8:
		return -128 <= v && v <= 255
	case kI16:
		return -32768 <= v && v <= 65535
	case kI32:
		return math.MinInt32 <= v && v <= math.MaxUint32
	case kI32S:
		return math.MinInt32 <= v && v <= math.MaxInt32
	case kI64:
		return true
	case kU16:
		return 0 <= v && v <= 65535
	case kI8S:
		var t int64
		switch opsize {
		case 1:
			return -128 <= v && v <= 127
		case 2:
			if !immFits(kI16, v, 0) {
				return false
			}
			t = int64(int16(v))
		case 4:
			if !immFits(kI32, v, 0) {
				return false
			}
			t = int64(int32(v))
		default: // 8, or push (64-bit default)
			t = v
		}
		return -128 <= t && t <= 127
	}
	return false
}

func immBytes(k kind) int {
	switch k {
	case kI8, kI8S, kU8:
		return 1
	case kI16, kU16:
		return 2
	case kI32, kI32S:
		return 4
	case kI64:
		return 8
	}
	return 0
}

// An encoder holds the state of one Encode call.
type encoder struct {
	ctx   *asm.Context // nil: all symbols undefined, no relocations
	start int          // offset of the instruction in dst
}

func (e *encoder) pc() uint64 {
	if e.ctx == nil {
		return 0
	}
	return e.ctx.PC
}

// off is the offset within the instruction of the next byte of dst.
func (e *encoder) off(dst []byte) int { return len(dst) - e.start }

func (e *encoder) encode(dst []byte, in *Inst, f *form, args []arg) ([]byte, error) {
	if in.Op == XCHG && len(args) == 2 && args[0].isReg(RAX) && args[1].isReg(RAX) {
		return append(dst, 0x90), nil // what gas emits
	}
	// Registers and REX.
	var rex byte
	if f.rexW {
		rex |= 0x48
	}
	high8 := false
	for i := range args {
		if a := &args[i]; a.kind == argReg {
			if a.reg.IsHigh8() {
				high8 = true
			} else if a.reg.Size() == 1 && a.reg.needsREX() {
				rex |= 0x40
			}
		}
	}
	regField := 0
	if f.ext >= 0 {
		regField = int(f.ext)
	} else if f.reg >= 0 {
		regField = args[f.reg].reg.Num()
		if regField >= 8 {
			rex |= 0x44
		}
	}
	var mem *arg
	if f.rm >= 0 {
		switch a := &args[f.rm]; a.kind {
		case argReg:
			if a.reg.Num() >= 8 {
				rex |= 0x41
			}
		case argMem:
			if err := checkMem(a); err != nil {
				return dst, err
			}
			mem = a
			if a.reg.IsGPR() && a.reg.Num() >= 8 {
				rex |= 0x41
			}
			if a.index != NoReg && a.index.Num() >= 8 {
				rex |= 0x42
			}
		}
	}
	if f.oreg >= 0 && args[f.oreg].reg.Num() >= 8 {
		rex |= 0x41
	}
	if rex != 0 && high8 {
		return dst, fmt.Errorf("%v: cannot use ah, bh, ch or dh in an instruction that needs a REX prefix", in.Op)
	}

	// Prefixes, in GNU as's order: segment, address size, operand size,
	// rep/mandatory, lock, REX.
	if mem != nil {
		switch mem.seg {
		case FS:
			dst = append(dst, 0x64)
		case GS:
			dst = append(dst, 0x65)
		}
		if mem.addr32() {
			dst = append(dst, 0x67)
		}
	}
	if f.data16 {
		dst = append(dst, 0x66)
	}
	switch in.Prefix {
	case Rep:
		dst = append(dst, 0xf3)
	case Repne:
		dst = append(dst, 0xf2)
	}
	if f.repPfx != 0 {
		dst = append(dst, f.repPfx)
	}
	if in.Prefix == Lock {
		dst = append(dst, 0xf0)
	}
	if rex != 0 {
		dst = append(dst, rex)
	}

	// Opcode.
	dst = append(dst, f.op[:f.nop]...)
	if f.oreg >= 0 {
		dst[len(dst)-1] += byte(args[f.oreg].reg.Num() & 7)
	}

	// ModRM, SIB, displacement.
	ik := kNone
	if f.immIdx >= 0 {
		ik = f.kinds[f.immIdx]
	}
	if f.rm >= 0 {
		if mem == nil {
			dst = append(dst, 0xc0|byte(regField&7)<<3|byte(args[f.rm].reg.Num()&7))
		} else {
			var err error
			if dst, err = e.mem(dst, in.Op, int(f.opsize), regField, mem, immBytes(ik)); err != nil {
				return dst, err
			}
		}
	}

	// Immediate.
	if f.immIdx >= 0 {
		n := immBytes(ik)
		var typ elf.R_X86_64
		switch ik {
		case kI8, kU8:
			typ = elf.R_X86_64_8
		case kI16, kU16:
			typ = elf.R_X86_64_16
		case kI32:
			typ = elf.R_X86_64_32
		case kI32S:
			typ = elf.R_X86_64_32S
		case kI64:
			typ = elf.R_X86_64_64
		}
		var err error
		if dst, err = e.abs(dst, args[f.immIdx].expr, n, typ); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// checkMem validates a memory operand's addressing.
func checkMem(m *arg) error {
	// Both the parser and the encoder check every memory operand, so the
	// usual one is recognized first with a look-up per register: no
	// segment, a valid scale, a base, an index or both of one address
	// size, and an index that is not rsp or esp.
	if m.seg == NoReg && int(m.scale) < len(validScale) && validScale[m.scale] && m.index != RSP && m.index != ESP {
		b, x := addrRegSizes[m.reg], addrRegSizes[m.index]
		if b != 0 && (x == b || m.index == NoReg) || m.reg == NoReg && x != 0 {
			return nil
		}
	}
	return checkMemSlow(m)
}

// checkMemSlow is checkMem without the shortcut: it explains what is
// wrong.
func checkMemSlow(m *arg) error {
	addrSize := 0 // 8, or 4 for 32-bit addressing (0x67 prefix)
	for _, r := range [2]Reg{m.reg, m.index} {
		if r == NoReg || r == RIP {
			continue
		}
		if !r.IsGPR() || r.Size() < 4 {
			return fmt.Errorf("invalid address register %v", r)
		}
		if addrSize != 0 && r.Size() != addrSize {
			return errors.New("base and index registers of different sizes")
		}
		addrSize = r.Size()
	}
	switch {
	case m.index == RSP || m.index == ESP:
		return fmt.Errorf("%v cannot be an index register", m.index)
	case m.reg == RIP && m.index != NoReg:
		return errors.New("rip-relative addressing cannot have an index")
	case m.index == RIP:
		return errors.New("rip cannot be an index register")
	case m.scale != 0 && m.scale != 1 && m.scale != 2 && m.scale != 4 && m.scale != 8:
		return fmt.Errorf("scale %d is not 1, 2, 4 or 8", m.scale)
	case m.seg != NoReg && m.seg != FS && m.seg != GS:
		return fmt.Errorf("invalid segment register %v", m.seg)
	}
	return nil
}

// validScale tells the valid scales of an index register; 0 stands for 1.
var validScale = [9]bool{0: true, 1: true, 2: true, 4: true, 8: true}

// addrRegSizes is the address size of every register that may be a base
// or an index other than rip: 8 or 4 (the 0x67 prefix). It is 0 for the
// others, NoReg included.
var addrRegSizes = func() (t [256]uint8) {
	for r := EAX; r <= R15D; r++ {
		t[r] = 4
	}
	for r := RAX; r <= R15; r++ {
		t[r] = 8
	}
	return t
}()

// addr32 reports whether memory operand m uses 32-bit address registers.
func (m *arg) addr32() bool {
	return m.reg.Size() == 4 || m.index.Size() == 4
}

var scaleBits = [9]byte{0: 0, 1: 0, 2: 1, 4: 2, 8: 3}

// mem appends ModRM, SIB and displacement for memory operand m. tail is
// the number of immediate bytes that follow (for RIP-relative addends).
func (e *encoder) mem(dst []byte, op Op, opsize int, regField int, m *arg, tail int) ([]byte, error) {
	r := byte(regField&7) << 3
	scale := scaleBits[m.scale] // 0 (no index) is 1; checkMem checked the rest
	switch {
	case m.reg == RIP:
		dst = append(dst, 0x05|r)
		return e.rip(dst, op, m.expr, tail)
	case m.reg == NoReg:
		idx := byte(4)
		if m.index != NoReg {
			idx = byte(m.index.Num() & 7)
		}
		dst = append(dst, 0x04|r, scale<<6|idx<<3|5)
		typ := dispReloc(op, opsize)
		if m.addr32() {
			typ = elf.R_X86_64_32
		}
		return e.abs(dst, m.expr, 4, typ)
	}
	base := byte(m.reg.Num() & 7)
	d := m.expr
	var mod byte
	switch {
	case !d.IsConst():
		mod = 0x80
	case d.Add == 0 && base != 5:
		mod = 0
	case -128 <= d.Add && d.Add <= 127:
		mod = 0x40
	case math.MinInt32 <= d.Add && d.Add <= math.MaxInt32:
		mod = 0x80
	default:
		return dst, fmt.Errorf("displacement %d out of range", d.Add)
	}
	if m.index == NoReg && base != 4 {
		dst = append(dst, mod|r|base)
	} else {
		idx := byte(4)
		if m.index != NoReg {
			idx = byte(m.index.Num() & 7)
		}
		dst = append(dst, mod|r|4, scale<<6|idx<<3|base)
	}
	switch mod {
	case 0x40:
		dst = append(dst, byte(d.Add))
	case 0x80:
		typ := dispReloc(op, opsize)
		if m.addr32() {
			typ = elf.R_X86_64_32 // a 32-bit address is zero-extended
		}
		return e.abs(dst, d, 4, typ)
	}
	return dst, nil
}

// dispReloc returns the relocation for a symbolic 32-bit displacement:
// it is sign-extended to 64 bits (32S), except in a lea with a 16- or
// 32-bit destination, where GNU as uses R_X86_64_32.
func dispReloc(op Op, opsize int) elf.R_X86_64 {
	if op == LEA && opsize != 8 {
		return elf.R_X86_64_32
	}
	return elf.R_X86_64_32S
}

// symSuffix splits a GNU as relocation suffix (foo@GOTPCREL) off a symbol.
func symSuffix(sym string) (string, string) {
	if i := strings.IndexByte(sym, '@'); i > 0 {
		return sym[:i], sym[i+1:]
	}
	return sym, ""
}

func putLE(dst []byte, v int64, n int) []byte {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(v))
	return append(dst, b[:n]...)
}

// abs appends an n-byte absolute field holding x; typ is the relocation
// for a symbolic x.
func (e *encoder) abs(dst []byte, x asm.Expr, n int, typ elf.R_X86_64) ([]byte, error) {
	if x.IsConst() {
		if n == 4 && typ == elf.R_X86_64_32S && (x.Add < math.MinInt32 || x.Add > math.MaxInt32) {
			return dst, fmt.Errorf("displacement %d out of range", x.Add)
		}
		return putLE(dst, x.Add, n), nil
	}
	sym, suffix := symSuffix(x.Sym)
	switch suffix {
	case "":
	case "TPOFF":
		if n != 4 {
			return dst, fmt.Errorf("%s@TPOFF needs a 32-bit field", sym)
		}
		typ = elf.R_X86_64_TPOFF32
	default:
		return dst, fmt.Errorf("relocation @%s is not supported here", suffix)
	}
	if x.Minus != "" {
		return e.diff(dst, asm.Expr{Sym: sym, Minus: x.Minus, Add: x.Add}, n)
	}
	if e.ctx != nil {
		e.ctx.AddReloc(e.off(dst), uint32(typ), sym, x.Add)
	}
	return putLE(dst, 0, n), nil
}

// diff appends a field holding a symbol difference: a constant when both
// symbols are defined in one section, a PC-relative relocation for
// "sym - ." otherwise.
func (e *encoder) diff(dst []byte, x asm.Expr, n int) ([]byte, error) {
	if e.ctx == nil {
		return putLE(dst, 0, n), nil
	}
	if v, ok := e.ctx.Value(x); ok {
		return putLE(dst, v, n), nil
	}
	if x.Minus != "." {
		return dst, fmt.Errorf("symbol difference %v is not known at assembly time", x)
	}
	var typ elf.R_X86_64
	switch n {
	case 1:
		typ = elf.R_X86_64_PC8
	case 2:
		typ = elf.R_X86_64_PC16
	case 4:
		typ = elf.R_X86_64_PC32
	default:
		typ = elf.R_X86_64_PC64
	}
	off := e.off(dst)
	e.ctx.AddReloc(off, uint32(typ), x.Sym, x.Add+int64(off))
	return putLE(dst, 0, n), nil
}

// rip appends the 32-bit displacement of a RIP-relative operand; tail
// immediate bytes follow it.
func (e *encoder) rip(dst []byte, op Op, x asm.Expr, tail int) ([]byte, error) {
	end := int64(e.off(dst) + 4 + tail) // instruction length
	if x.IsConst() {
		if x.Add < math.MinInt32 || x.Add > math.MaxInt32 {
			return dst, fmt.Errorf("displacement %d out of range", x.Add)
		}
		return putLE(dst, x.Add, 4), nil
	}
	if x.Minus != "" {
		return dst, fmt.Errorf("rip-relative symbol difference %v is not supported", x)
	}
	sym, suffix := symSuffix(x.Sym)
	typ := elf.R_X86_64_PC32
	switch suffix {
	case "":
		if e.ctx != nil {
			if v, ok := e.resolvable(sym); ok {
				d := int64(v) + x.Add - (int64(e.ctx.PC) + end)
				if d < math.MinInt32 || d > math.MaxInt32 {
					return dst, fmt.Errorf("rip-relative displacement to %s out of range", sym)
				}
				return putLE(dst, d, 4), nil
			}
		}
	case "GOTPCREL":
		// Like GNU as, mark loads (and indirect calls and jumps)
		// through the GOT as relaxable by the linker.
		typ = elf.R_X86_64_GOTPCREL
		ins := dst[e.start : len(dst)-1] // prefixes and opcode
		opc := ins[len(ins)-1]
		rex := len(ins) >= 2 && ins[len(ins)-2]&0xf0 == 0x40
		switch {
		case op == MOV && opc == 0x8b && rex:
			typ = elf.R_X86_64_REX_GOTPCRELX
		case op == MOV && opc == 0x8b, op == CALL, op == JMP:
			typ = elf.R_X86_64_GOTPCRELX
		}
	case "GOTTPOFF":
		typ = elf.R_X86_64_GOTTPOFF
	case "PLT":
		typ = elf.R_X86_64_PLT32
	default:
		return dst, fmt.Errorf("relocation @%s is not supported here", suffix)
	}
	if e.ctx != nil {
		e.ctx.AddReloc(e.off(dst), uint32(typ), sym, x.Add-(end-int64(e.off(dst))))
	}
	return putLE(dst, 0, 4), nil
}

// resolvable reports whether a PC-relative reference to sym is resolved
// at assembly time, and its section offset.
func (e *encoder) resolvable(sym string) (uint64, bool) {
	if sym == "." {
		return e.ctx.PC, true
	}
	return e.ctx.Resolvable(sym)
}

// branch encodes jmp, jcc or call to the label or symbol t.
func (e *encoder) branch(dst []byte, in *Inst, t asm.Expr) ([]byte, error) {
	if t.Sym == "" || t.Minus != "" {
		return dst, fmt.Errorf("%v: branch target must be a symbol, optionally plus a constant", in.Op)
	}
	sym, suffix := symSuffix(t.Sym)
	if suffix != "" && suffix != "PLT" {
		return dst, fmt.Errorf("%v: relocation @%s is not supported for branches", in.Op, suffix)
	}
	// The opcodes of the rel8 form (short, none for call) and of the
	// rel32 form (long).
	var short byte
	var long []byte
	switch {
	case in.Op == JMP:
		short, long = 0xeb, []byte{0xe9}
	case in.Op == CALL:
		long = []byte{0xe8}
	default: // jcc
		cc := byte(in.Op - JO)
		short, long = 0x70+cc, []byte{0x0f, 0x80 + cc}
	}
	if in.Prefix != NoPrefix {
		return dst, fmt.Errorf("%v cannot have a %s prefix", in.Op, prefixNames[in.Prefix])
	}
	longLen := int64(len(long) + 4)
	if e.ctx != nil && suffix == "" {
		var target uint64
		resolved := false
		if sym == "." {
			target, resolved = e.ctx.PC, true
		} else {
			r := e.ctx.Lookup(sym)
			target = r.Value
			if in.Op == CALL {
				// A call is not relaxed: GNU as resolves it only for
				// local symbols.
				resolved = r.Defined && r.SameSection && r.Local
			} else {
				// jmp and jcc are relaxed, and GNU as resolves them
				// against any symbol of the same section, global
				// ones included, but not weak ones, which another
				// object may replace.
				resolved = r.Defined && r.SameSection && !r.Weak
			}
		}
		if resolved {
			dest := int64(target) + t.Add
			pc := int64(e.ctx.PC)
			if short != 0 && !e.ctx.Grown {
				if d := dest - (pc + 2); -128 <= d && d <= 127 {
					return append(dst, short, byte(d)), nil
				}
			}
			d := dest - (pc + longLen)
			if d < math.MinInt32 || d > math.MaxInt32 {
				return dst, fmt.Errorf("%v: branch target %v out of range", in.Op, t)
			}
			return putLE(append(dst, long...), d, 4), nil
		}
	}
	dst = append(dst, long...)
	if e.ctx != nil {
		// GNU as marks branches to global, weak and undefined symbols
		// with PLT32, but only when there is no addend.
		typ := elf.R_X86_64_PLT32
		if r := e.ctx.Lookup(sym); suffix == "" && (r.Defined && r.Local || t.Add != 0) {
			typ = elf.R_X86_64_PC32
		}
		e.ctx.AddReloc(e.off(dst), uint32(typ), sym, t.Add-4)
	}
	return putLE(dst, 0, 4), nil
}
