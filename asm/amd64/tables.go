package amd64

import (
	"fmt"
	"strconv"
	"strings"
)

// This file holds the encoding tables: for every Op, the list of its
// encodings ("forms") in the order GNU as prefers them. The encoder uses
// the first form whose operand kinds match the instruction.
//
// Forms are written in a compact notation close to the Intel manual and
// compiled once, at package initialisation, into read-only tables:
//
//	"W 83 /0 : rm64, i8s"
//
// Before the colon: W (REX.W), leading 66/F2/F3 prefix bytes, opcode
// bytes in hex, /0../7 (ModRM.reg extension) or /r (ModRM.reg is a
// register operand), and +r on the last opcode byte (register number
// added to the opcode). After the colon: the operand kinds (see kind).
// An optional third field holds flags: "anysize" (a memory operand needs
// no size, e.g. push [rax]) and "sized" (a memory operand must have an
// explicit size even next to a register, e.g. movzx eax, byte ptr [rax]).

// A kind is what a form accepts at one operand position.
type kind uint8

const (
	kNone kind = iota
	kR8        // 8-bit register
	kR16
	kR32
	kR64
	kRM8 // 8-bit register or memory
	kRM16
	kRM32
	kRM64
	kM // memory of any size (lea)
	kM8
	kM16
	kM32
	kM64
	kM128
	kAL // the fixed register al
	kAX
	kEAX
	kRAX
	kCL
	kOne  // the constant 1 (shifts)
	kI8   // immediate of an 8-bit operation: -128..255
	kI8S  // immediate that fits in a sign-extended byte (after truncation to the operand size)
	kI16  // -32768..65535
	kI32  // immediate of a 32-bit operation: -2^31..2^32-1
	kI32S // sign-extended 32-bit immediate of a 64-bit operation
	kI64  // any 64-bit immediate
	kU8   // byte count (shifts, bt, int): -128..255
	kU16  // ret imm16: 0..65535
	kX    // SSE register
	kXM32 // SSE register or 32-bit memory
	kXM64
	kXM128
	kRel8
	kRel32
)

var kindNames = map[string]kind{
	"r8": kR8, "r16": kR16, "r32": kR32, "r64": kR64,
	"rm8": kRM8, "rm16": kRM16, "rm32": kRM32, "rm64": kRM64,
	"m": kM, "m8": kM8, "m16": kM16, "m32": kM32, "m64": kM64, "m128": kM128,
	"al": kAL, "ax": kAX, "eax": kEAX, "rax": kRAX, "cl": kCL, "1": kOne,
	"i8": kI8, "i8s": kI8S, "i16": kI16, "i32": kI32, "i32s": kI32S, "i64": kI64,
	"u8": kU8, "u16": kU16,
	"x": kX, "xm32": kXM32, "xm64": kXM64, "xm128": kXM128,
	"rel8": kRel8, "rel32": kRel32,
}

// An argClass is a coarse operand class: the register classes by size,
// memory by its explicit size, immediates and branch targets. match finds
// the forms that accept the classes of an instruction's operands with a
// few table lookups (see opInfo), and only those get the exact check of
// matchArg.
type argClass uint8

const (
	cNone argClass = iota // a register that cannot be an operand
	cR8
	cR16
	cR32
	cR64
	cXMM
	cMem // memory without an explicit size
	cMem8
	cMem16
	cMem32
	cMem64
	cMem128
	cMemOther // memory of a size no form accepts but "m"
	cImm
	cRel
	numClasses
)

// A classSet is a set of argClasses, bit c for class c.
type classSet uint16

// memClass returns the class of a memory operand of the given size.
func memClass(size int) argClass {
	switch size {
	case 0:
		return cMem
	case 1:
		return cMem8
	case 2:
		return cMem16
	case 4:
		return cMem32
	case 8:
		return cMem64
	case 16:
		return cMem128
	}
	return cMemOther
}

// classes returns the operand classes a kind accepts. A memory operand
// without a size may fit any memory kind; matchArg decides.
func (k kind) classes() classSet {
	var set classSet
	switch k {
	case kR8, kRM8, kAL, kCL:
		set = 1 << cR8
	case kR16, kRM16, kAX:
		set = 1 << cR16
	case kR32, kRM32, kEAX:
		set = 1 << cR32
	case kR64, kRM64, kRAX:
		set = 1 << cR64
	case kX, kXM32, kXM64, kXM128:
		set = 1 << cXMM
	case kRel8, kRel32:
		set = 1 << cRel
	}
	switch {
	case k == kM:
		for c := cMem; c <= cMemOther; c++ {
			set |= 1 << c
		}
	case k.isMemOK():
		set |= 1<<cMem | 1<<memClass(k.size())
	case k == kOne || k.isImm():
		set |= 1 << cImm
	}
	return set
}

// size returns the operand width a kind implies, or 0.
func (k kind) size() int {
	switch k {
	case kR8, kRM8, kM8, kAL, kCL:
		return 1
	case kR16, kRM16, kM16, kAX:
		return 2
	case kR32, kRM32, kM32, kEAX, kXM32:
		return 4
	case kR64, kRM64, kM64, kRAX, kXM64:
		return 8
	case kM128, kXM128:
		return 16
	}
	return 0
}

func (k kind) isImm() bool   { return kOne <= k && k <= kU16 && k != kOne }
func (k kind) isMemOK() bool { return kRM8 <= k && k <= kM128 || kXM32 <= k && k <= kXM128 }

// isRegField reports whether an operand of this kind goes in ModRM.reg
// (for /r forms) or the opcode (for +r forms).
func (k kind) isRegField() bool { return kR8 <= k && k <= kR64 || k == kX }

// A form is one encoding of an Op.
type form struct {
	kinds   [3]kind
	nargs   int8
	opsize  int8 // operand size for immediate ranges (1, 2, 4, 8), 0 if none
	rexW    bool // REX.W
	data16  bool // 66 prefix
	repPfx  byte // mandatory F2/F3 prefix, 0 if none
	op      [3]byte
	nop     int8 // number of opcode bytes
	ext     int8 // ModRM.reg extension, or -1
	reg     int8 // operand in ModRM.reg, or -1
	rm      int8 // operand in ModRM.rm, or -1
	oreg    int8 // operand added to the last opcode byte, or -1
	anySize bool // memory operand needs no explicit size
	sized   bool // memory operand must carry an explicit size
	immIdx  int8 // operand holding the immediate, or -1
	relIdx  int8 // branch operand, or -1
}

// opInfo describes one Op.
type opInfo struct {
	forms []form
	// Sets of forms, bit j for forms[j]: byCount[n] holds the forms with
	// n operands, and byClass[i][c] those whose operand i accepts class
	// c (all of them for i beyond their operands). Intersecting them
	// gives the candidate forms for an instruction's operands.
	byCount [maxArgs + 1]formSet
	byClass [maxArgs][numClasses]formSet
	// branch is set for jmp, jcc and call, whose symbolic operand is a
	// branch target (Rel) rather than a memory reference.
	branch bool
}

// A formSet is a set of an Op's forms.
type formSet uint32

// index fills in the form sets of an Op's opInfo.
func (info *opInfo) index() {
	if len(info.forms) > 32 {
		panic("too many forms for a formSet")
	}
	for j := range info.forms {
		f := &info.forms[j]
		bit := formSet(1) << j
		info.byCount[f.nargs] |= bit
		for i := range maxArgs {
			for c := range numClasses {
				if i >= int(f.nargs) || f.kinds[i].classes()&(1<<c) != 0 {
					info.byClass[i][c] |= bit
				}
			}
		}
	}
}

// ops is the read-only table indexed by Op.
var ops = buildOps()

// mnemonics holds every accepted mnemonic (aliases included) with its
// Op, in an open-addressing hash table keyed by the mnemonic's bytes
// packed into two words: a lookup for every instruction is cheaper than
// with a map, which hashes and compares strings of any length.
var mnemonics = buildMnemonics()

// mnemonicSlots is the size of the mnemonics table, a power of two about
// twice the number of mnemonics, so that probe sequences are short.
const mnemonicSlots = 512

// A mnemonicKey holds the bytes of a mnemonic of at most 16 bytes.
type mnemonicKey [2]uint64

type mnemonicTable [mnemonicSlots]struct {
	key mnemonicKey // the zero key marks an empty slot
	op  Op
}

// keyOf returns the key of s with ASCII letters lower-cased, or false if
// s cannot be a mnemonic: empty, too long, or with a NUL byte (which the
// key could not tell from the padding).
func keyOf(s string) (k mnemonicKey, ok bool) {
	if s == "" || len(s) > 8*len(k) {
		return k, false
	}
	if len(s) <= 8 {
		k[0], ok = packLower(s)
		return k, ok
	}
	if k[0], ok = packLower(s[:8]); ok {
		k[1], ok = packLower(s[8:])
	}
	return k, ok
}

// packLower packs s, at most eight bytes, into a word, the first byte
// most significant, with ASCII letters lower-cased (the keys of
// mnemonics, and of registers: see regKey). ok is false if s has a NUL
// byte. It runs once per instruction, so it shifts each byte in rather
// than placing it at a computed position.
func packLower(s string) (w uint64, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 0 {
			return 0, false
		}
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		w = w<<8 | uint64(c)
	}
	return w, true
}

func (k mnemonicKey) hash() uint64 {
	return (k[0]*0x9e3779b97f4a7c15 ^ k[1]*0xc2b2ae3d27d4eb4f) >> 55 // 9 bits
}

// lookupMnemonic returns the Op of the mnemonic s, in any case of ASCII
// letters.
func lookupMnemonic(s string) (Op, bool) { return mnemonics.lookup(s) }

func (t *mnemonicTable) lookup(s string) (Op, bool) {
	k, ok := keyOf(s)
	if !ok {
		return BAD, false
	}
	for i := k.hash(); ; i++ {
		e := &t[i%mnemonicSlots]
		if e.key == k {
			return e.op, true
		}
		if e.key == (mnemonicKey{}) {
			return BAD, false
		}
	}
}

func buildMnemonics() *mnemonicTable {
	var t mnemonicTable
	add := func(name string, op Op) {
		k, _ := keyOf(name)
		for i := k.hash(); ; i++ {
			if e := &t[i%mnemonicSlots]; e.key == (mnemonicKey{}) {
				e.key, e.op = k, op
				return
			}
		}
	}
	for op := Op(1); op < numOps; op++ {
		add(opNames[op], op)
	}
	aliases := [...]struct{ canon, alias string }{
		{"b", "c"}, {"b", "nae"}, {"ae", "nb"}, {"ae", "nc"}, {"e", "z"}, {"ne", "nz"},
		{"be", "na"}, {"a", "nbe"}, {"p", "pe"}, {"np", "po"},
		{"l", "nge"}, {"ge", "nl"}, {"le", "ng"}, {"g", "nle"},
	}
	for _, fam := range [...]string{"j", "set", "cmov"} {
		for _, a := range aliases {
			op, _ := t.lookup(fam + a.canon)
			add(fam+a.alias, op)
		}
	}
	add("sal", SHL)
	return &t
}

// parseForm compiles one form description.
func parseForm(spec string) form {
	parts := strings.Split(spec, ":")
	f := form{ext: -1, reg: -1, rm: -1, oreg: -1, immIdx: -1, relIdx: -1}
	plusR, slashR := false, false
	for _, t := range strings.Fields(parts[0]) {
		switch {
		case t == "W":
			f.rexW = true
		case t == "/r":
			slashR = true
		case len(t) == 2 && t[0] == '/':
			f.ext = int8(t[1] - '0')
		case strings.HasSuffix(t, "+r"):
			plusR = true
			t = strings.TrimSuffix(t, "+r")
			fallthrough
		default:
			b, err := strconv.ParseUint(t, 16, 8)
			if err != nil {
				panic(fmt.Sprintf("bad form %q: %v", spec, err))
			}
			if f.nop == 0 && !plusR {
				switch b {
				case 0x66:
					f.data16 = true
					continue
				case 0xf2, 0xf3:
					f.repPfx = byte(b)
					continue
				}
			}
			f.op[f.nop] = byte(b)
			f.nop++
		}
	}
	if len(parts) > 1 {
		for i, a := range strings.Split(parts[1], ",") {
			a = strings.TrimSpace(a)
			if a == "" {
				continue
			}
			k, ok := kindNames[a]
			if !ok {
				panic(fmt.Sprintf("bad form %q: kind %q", spec, a))
			}
			f.kinds[i] = k
			f.nargs++
			if s := k.size(); s != 0 && s <= 8 && f.opsize == 0 && !k.isXMMKind() {
				f.opsize = int8(s)
			}
			if k.isImm() {
				f.immIdx = int8(i)
			}
			if k == kRel8 || k == kRel32 {
				f.relIdx = int8(i)
			}
		}
	}
	if len(parts) > 2 {
		for _, fl := range strings.Fields(parts[2]) {
			switch fl {
			case "anysize":
				f.anySize = true
			case "sized":
				f.sized = true
			default:
				panic(fmt.Sprintf("bad form %q: flag %q", spec, fl))
			}
		}
	}
	// Assign operand roles.
	for i := 0; i < int(f.nargs); i++ {
		k := f.kinds[i]
		switch {
		case plusR && k.isRegField():
			f.oreg = int8(i)
		case slashR && k.isRegField() && f.reg < 0:
			f.reg = int8(i)
		case (slashR || f.ext >= 0) && (k.isMemOK() || k.isRegField()) && f.rm < 0:
			f.rm = int8(i)
		}
	}
	if slashR && (f.reg < 0 || f.rm < 0) || f.ext >= 0 && f.rm < 0 || plusR && f.oreg < 0 {
		panic(fmt.Sprintf("bad form %q: operand roles", spec))
	}
	return f
}

func (k kind) isXMMKind() bool { return k == kX || kXM32 <= k && k <= kXM128 }

// An opTable is the table ops while buildOps fills it in.
type opTable [numOps]opInfo

// def adds forms (see parseForm) to op.
func (t *opTable) def(op Op, specs ...string) {
	for _, s := range specs {
		t[op].forms = append(t[op].forms, parseForm(s))
	}
}

// packed defines an SSE instruction on a whole register: x, xm128.
func (t *opTable) packed(op Op, pfx string, b int) { t.def(op, pfx+"0f "+hexByte(b)+" /r : x, xm128") }

// hexByte formats an opcode byte for a form.
func hexByte(b int) string { return fmt.Sprintf("%02x", b) }

func buildOps() *[numOps]opInfo {
	var t opTable
	t.defInteger()
	t.defControl()
	t.defSSE()
	t.defMisc()
	for op := range t {
		t[op].index()
	}
	return (*[numOps]opInfo)(&t)
}

// defInteger defines the integer arithmetic, moves, shifts and tests.
func (t *opTable) defInteger() {
	// Integer arithmetic.
	for i, op := range []Op{ADD, OR, ADC, SBB, AND, SUB, XOR, CMP} {
		base, ext := i*8, fmt.Sprintf("/%d", i)
		t.def(op,
			hexByte(base+4)+" : al, i8",
			"80 "+ext+" : rm8, i8",
			"66 83 "+ext+" : rm16, i8s",
			"66 "+hexByte(base+5)+" : ax, i16",
			"66 81 "+ext+" : rm16, i16",
			"83 "+ext+" : rm32, i8s",
			hexByte(base+5)+" : eax, i32",
			"81 "+ext+" : rm32, i32",
			"W 83 "+ext+" : rm64, i8s",
			"W "+hexByte(base+5)+" : rax, i32s",
			"W 81 "+ext+" : rm64, i32s",
			hexByte(base)+" /r : rm8, r8",
			hexByte(base+2)+" /r : r8, rm8",
			"66 "+hexByte(base+1)+" /r : rm16, r16",
			"66 "+hexByte(base+3)+" /r : r16, rm16",
			hexByte(base+1)+" /r : rm32, r32",
			hexByte(base+3)+" /r : r32, rm32",
			"W "+hexByte(base+1)+" /r : rm64, r64",
			"W "+hexByte(base+3)+" /r : r64, rm64",
		)
	}
	t.def(MOV,
		"88 /r : rm8, r8", "8a /r : r8, rm8",
		"66 89 /r : rm16, r16", "66 8b /r : r16, rm16",
		"89 /r : rm32, r32", "8b /r : r32, rm32",
		"W 89 /r : rm64, r64", "W 8b /r : r64, rm64",
		"b0+r : r8, i8", "c6 /0 : rm8, i8",
		"66 b8+r : r16, i16", "66 c7 /0 : rm16, i16",
		"b8+r : r32, i32", "c7 /0 : rm32, i32",
		"W c7 /0 : rm64, i32s", "W b8+r : r64, i64",
	)
	t.def(MOVABS, "W b8+r : r64, i64")
	t.def(MOVZX,
		"66 0f b6 /r : r16, rm8 : sized", "0f b6 /r : r32, rm8 : sized", "W 0f b6 /r : r64, rm8 : sized",
		"0f b7 /r : r32, rm16 : sized", "W 0f b7 /r : r64, rm16 : sized",
	)
	t.def(MOVSX,
		"66 0f be /r : r16, rm8 : sized", "0f be /r : r32, rm8 : sized", "W 0f be /r : r64, rm8 : sized",
		"0f bf /r : r32, rm16 : sized", "W 0f bf /r : r64, rm16 : sized",
	)
	t.def(MOVSXD, "W 63 /r : r64, rm32")
	t.def(LEA, "66 8d /r : r16, m", "8d /r : r32, m", "W 8d /r : r64, m")
	unary := func(op Op, b8, b int, ext string) {
		t.def(op, hexByte(b8)+" "+ext+" : rm8", "66 "+hexByte(b)+" "+ext+" : rm16", hexByte(b)+" "+ext+" : rm32", "W "+hexByte(b)+" "+ext+" : rm64")
	}
	unary(INC, 0xfe, 0xff, "/0")
	unary(DEC, 0xfe, 0xff, "/1")
	unary(NOT, 0xf6, 0xf7, "/2")
	unary(NEG, 0xf6, 0xf7, "/3")
	unary(MUL, 0xf6, 0xf7, "/4")
	unary(IMUL, 0xf6, 0xf7, "/5")
	unary(DIV, 0xf6, 0xf7, "/6")
	unary(IDIV, 0xf6, 0xf7, "/7")
	t.def(IMUL,
		"66 0f af /r : r16, rm16", "0f af /r : r32, rm32", "W 0f af /r : r64, rm64",
		"66 6b /r : r16, rm16, i8s", "66 69 /r : r16, rm16, i16",
		"6b /r : r32, rm32, i8s", "69 /r : r32, rm32, i32",
		"W 6b /r : r64, rm64, i8s", "W 69 /r : r64, rm64, i32s",
	)
	t.def(CBW, "66 98")
	t.def(CWDE, "98")
	t.def(CDQE, "W 98")
	t.def(CWD, "66 99")
	t.def(CDQ, "99")
	t.def(CQO, "W 99")
	for i, op := range []Op{ROL, ROR, RCL, RCR, SHL, SHR, BAD, SAR} {
		if op == BAD {
			continue
		}
		ext := fmt.Sprintf("/%d", i)
		t.def(op,
			"d0 "+ext+" : rm8, 1", "d2 "+ext+" : rm8, cl", "c0 "+ext+" : rm8, u8",
			"66 d1 "+ext+" : rm16, 1", "66 d3 "+ext+" : rm16, cl", "66 c1 "+ext+" : rm16, u8",
			"d1 "+ext+" : rm32, 1", "d3 "+ext+" : rm32, cl", "c1 "+ext+" : rm32, u8",
			"W d1 "+ext+" : rm64, 1", "W d3 "+ext+" : rm64, cl", "W c1 "+ext+" : rm64, u8",
		)
	}
	t.def(TEST,
		"a8 : al, i8", "f6 /0 : rm8, i8",
		"66 a9 : ax, i16", "66 f7 /0 : rm16, i16",
		"a9 : eax, i32", "f7 /0 : rm32, i32",
		"W a9 : rax, i32s", "W f7 /0 : rm64, i32s",
		"84 /r : rm8, r8", "84 /r : r8, rm8",
		"66 85 /r : rm16, r16", "66 85 /r : r16, rm16",
		"85 /r : rm32, r32", "85 /r : r32, rm32",
		"W 85 /r : rm64, r64", "W 85 /r : r64, rm64",
	)
}

// defControl defines the jumps, calls, conditional moves and sets, and
// the stack instructions.
func (t *opTable) defControl() {
	for cc := 0; cc < 16; cc++ {
		t.def(JO+Op(cc), hexByte(0x70+cc)+" : rel8", "0f "+hexByte(0x80+cc)+" : rel32")
		t.def(SETO+Op(cc), "0f "+hexByte(0x90+cc)+" /0 : rm8 : anysize")
		t.def(CMOVO+Op(cc),
			"66 0f "+hexByte(0x40+cc)+" /r : r16, rm16", "0f "+hexByte(0x40+cc)+" /r : r32, rm32", "W 0f "+hexByte(0x40+cc)+" /r : r64, rm64")
		t[JO+Op(cc)].branch = true
	}
	t.def(JMP, "eb : rel8", "e9 : rel32", "ff /4 : rm64 : anysize")
	t.def(CALL, "e8 : rel32", "ff /2 : rm64 : anysize")
	t[JMP].branch, t[CALL].branch = true, true
	t.def(RET, "c3", "c2 : u16")
	t.def(PUSH,
		"50+r : r64", "66 50+r : r16", "6a : i8s", "68 : i32s",
		"ff /6 : rm64 : anysize", "66 ff /6 : rm16")
	t.def(POP, "58+r : r64", "66 58+r : r16", "8f /0 : rm64 : anysize", "66 8f /0 : rm16")
	t.def(LEAVE, "c9")
}

// defSSE defines the SSE scalar and packed instructions.
func (t *opTable) defSSE() {
	// SSE scalar and packed.
	t.def(MOVSD, "f2 0f 10 /r : x, xm64", "f2 0f 11 /r : m64, x",
		"a5") // no operands: the string instruction movs dword
	t.def(MOVSS, "f3 0f 10 /r : x, xm32", "f3 0f 11 /r : m32, x")
	scalar := func(sd, ss Op, b int) {
		t.def(sd, "f2 0f "+hexByte(b)+" /r : x, xm64")
		t.def(ss, "f3 0f "+hexByte(b)+" /r : x, xm32")
	}
	scalar(ADDSD, ADDSS, 0x58)
	scalar(MULSD, MULSS, 0x59)
	scalar(SUBSD, SUBSS, 0x5c)
	scalar(MINSD, MINSS, 0x5d)
	scalar(DIVSD, DIVSS, 0x5e)
	scalar(MAXSD, MAXSS, 0x5f)
	scalar(SQRTSD, SQRTSS, 0x51)
	scalar(CVTSD2SS, CVTSS2SD, 0x5a)
	t.def(UCOMISD, "66 0f 2e /r : x, xm64")
	t.def(UCOMISS, "0f 2e /r : x, xm32")
	t.def(COMISD, "66 0f 2f /r : x, xm64")
	t.def(COMISS, "0f 2f /r : x, xm32")
	t.def(CVTSI2SD, "f2 0f 2a /r : x, rm32 : sized", "f2 W 0f 2a /r : x, rm64 : sized")
	t.def(CVTSI2SS, "f3 0f 2a /r : x, rm32 : sized", "f3 W 0f 2a /r : x, rm64 : sized")
	t.def(CVTTSD2SI, "f2 0f 2c /r : r32, xm64", "f2 W 0f 2c /r : r64, xm64")
	t.def(CVTTSS2SI, "f3 0f 2c /r : r32, xm32", "f3 W 0f 2c /r : r64, xm32")
	t.def(CVTSD2SI, "f2 0f 2d /r : r32, xm64", "f2 W 0f 2d /r : r64, xm64")
	t.def(CVTSS2SI, "f3 0f 2d /r : r32, xm32", "f3 W 0f 2d /r : r64, xm32")
	t.def(MOVQ,
		"f3 0f 7e /r : x, xm64", "66 0f d6 /r : m64, x",
		"66 W 0f 6e /r : x, rm64", "66 W 0f 7e /r : rm64, x")
	t.def(MOVD, "66 0f 6e /r : x, rm32", "66 0f 7e /r : rm32, x")
	t.packed(XORPS, "", 0x57)
	t.packed(XORPD, "66 ", 0x57)
	t.packed(ANDPS, "", 0x54)
	t.packed(ANDPD, "66 ", 0x54)
	t.packed(ANDNPS, "", 0x55)
	t.packed(ANDNPD, "66 ", 0x55)
	t.packed(ORPS, "", 0x56)
	t.packed(ORPD, "66 ", 0x56)
	t.packed(PXOR, "66 ", 0xef)
	t.def(MOVAPS, "0f 28 /r : x, xm128", "0f 29 /r : m128, x")
	t.def(MOVUPS, "0f 10 /r : x, xm128", "0f 11 /r : m128, x")
	t.def(MOVAPD, "66 0f 28 /r : x, xm128", "66 0f 29 /r : m128, x")
	t.def(MOVUPD, "66 0f 10 /r : x, xm128", "66 0f 11 /r : m128, x")
}

// defMisc defines the atomics and everything else.
func (t *opTable) defMisc() {
	// Atomics and exchange.
	t.def(XADD, "0f c0 /r : rm8, r8", "66 0f c1 /r : rm16, r16", "0f c1 /r : rm32, r32", "W 0f c1 /r : rm64, r64")
	t.def(CMPXCHG, "0f b0 /r : rm8, r8", "66 0f b1 /r : rm16, r16", "0f b1 /r : rm32, r32", "W 0f b1 /r : rm64, r64")
	t.def(XCHG,
		"66 90+r : ax, r16", "66 90+r : r16, ax",
		"90+r : eax, r32", "90+r : r32, eax",
		"W 90+r : rax, r64", "W 90+r : r64, rax",
		"86 /r : rm8, r8", "86 /r : r8, rm8",
		"66 87 /r : rm16, r16", "66 87 /r : r16, rm16",
		"87 /r : rm32, r32", "87 /r : r32, rm32",
		"W 87 /r : rm64, r64", "W 87 /r : r64, rm64",
	)

	// Miscellaneous.
	t.def(MFENCE, "0f ae f0")
	t.def(LFENCE, "0f ae e8")
	t.def(SFENCE, "0f ae f8")
	t.def(PAUSE, "f3 90")
	t.def(SYSCALL, "0f 05")
	t.def(UD2, "0f 0b")
	t.def(INT3, "cc")
	t.def(INT, "cd : u8")
	t.def(NOP, "90", "66 0f 1f /0 : rm16", "0f 1f /0 : rm32", "W 0f 1f /0 : rm64")
	t.def(HLT, "f4")
	t.def(ENDBR64, "f3 0f 1e fa")
	t.def(CLD, "fc")
	t.def(STD, "fd")
	t.def(CLC, "f8")
	t.def(STC, "f9")
	t.def(CMC, "f5")
	t.def(MOVSB, "a4")
	t.def(MOVSW, "66 a5")
	t.def(MOVSQ, "W a5")
	t.def(STOSB, "aa")
	t.def(STOSW, "66 ab")
	t.def(STOSD, "ab")
	t.def(STOSQ, "W ab")
	t.def(LODSB, "ac")
	t.def(LODSQ, "W ad")
	t.def(CMPSB, "a6")
	t.def(SCASB, "ae")
	for i, op := range []Op{BT, BTS, BTR, BTC} {
		b := 0xa3 + 8*i
		ext := fmt.Sprintf("/%d", 4+i)
		t.def(op,
			"66 0f "+hexByte(b)+" /r : rm16, r16", "0f "+hexByte(b)+" /r : rm32, r32", "W 0f "+hexByte(b)+" /r : rm64, r64",
			"66 0f ba "+ext+" : rm16, u8", "0f ba "+ext+" : rm32, u8", "W 0f ba "+ext+" : rm64, u8")
	}
	t.def(BSWAP, "0f c8+r : r32", "W 0f c8+r : r64")
	for op, b := range map[Op]int{TZCNT: 0xbc, LZCNT: 0xbd, POPCNT: 0xb8} {
		t.def(op, "66 f3 0f "+hexByte(b)+" /r : r16, rm16", "f3 0f "+hexByte(b)+" /r : r32, rm32", "f3 W 0f "+hexByte(b)+" /r : r64, rm64")
	}
	t.def(BSF, "66 0f bc /r : r16, rm16", "0f bc /r : r32, rm32", "W 0f bc /r : r64, rm64")
	t.def(BSR, "66 0f bd /r : r16, rm16", "0f bd /r : r32, rm32", "W 0f bd /r : r64, rm64")
	t.def(MOVDQA, "66 0f 6f /r : x, xm128", "66 0f 7f /r : m128, x")
	t.def(MOVDQU, "f3 0f 6f /r : x, xm128", "f3 0f 7f /r : m128, x")
	t.def(ROUNDSD, "66 0f 3a 0b /r : x, xm64, u8")
	t.def(ROUNDSS, "66 0f 3a 0a /r : x, xm32, u8")
	t.packed(PCMPEQB, "66 ", 0x74)
	t.packed(PCMPEQD, "66 ", 0x76)
	// GNU as encodes the r64 forms without REX.W (the upper half is
	// zeroed either way).
	t.def(PMOVMSKB, "66 0f d7 /r : r32, x", "66 0f d7 /r : r64, x")
	t.def(MOVMSKPD, "66 0f 50 /r : r32, x", "66 0f 50 /r : r64, x")
	t.def(MOVMSKPS, "0f 50 /r : r32, x", "0f 50 /r : r64, x")
	t.def(PREFETCHNTA, "0f 18 /0 : m8 : anysize")
	t.def(PREFETCHT0, "0f 18 /1 : m8 : anysize")
	t.def(PREFETCHT1, "0f 18 /2 : m8 : anysize")
	t.def(PREFETCHT2, "0f 18 /3 : m8 : anysize")
	t.def(CMPXCHG16B, "W 0f c7 /1 : m128 : anysize")
	t.def(RDTSC, "0f 31")
	t.def(CPUID, "0f a2")
}
