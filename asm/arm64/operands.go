package arm64

import (
	"math"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm"
)

// An Operand is one operand of an instruction. The concrete types are
// Reg, Imm, FImm, RegShift, RegExtend, Mem, Sym, Cond, Barrier and
// SysReg.
type Operand interface {
	String() string
	isOperand()
}

func (Reg) isOperand()       {}
func (Imm) isOperand()       {}
func (FImm) isOperand()      {}
func (RegShift) isOperand()  {}
func (RegExtend) isOperand() {}
func (Mem) isOperand()       {}
func (Sym) isOperand()       {}
func (Cond) isOperand()      {}
func (Barrier) isOperand()   {}
func (SysReg) isOperand()    {}

// An Imm is an integer immediate "#Val", optionally shifted left by LSL
// bits as in "#1, lsl #12" (add/sub) or "#1, lsl #16" (movz/movn/movk).
type Imm struct {
	Val int64
	LSL uint8
}

func (i Imm) String() string {
	s := "#" + formatInt(i.Val)
	if i.LSL != 0 {
		s += ", lsl #" + strconv.Itoa(int(i.LSL))
	}
	return s
}

// hexString formats i with its value in hex, as a 64-bit pattern if
// negative and wide (a negative value for a 32-bit register stays
// decimal: GNU as rejects its 64-bit pattern there).
func (i Imm) hexString(wide bool) string {
	if i.LSL != 0 || (i.Val < 0 && !wide) || (i.Val >= 0 && i.Val < 10) {
		return i.String()
	}
	return "#0x" + strconv.FormatUint(uint64(i.Val), 16)
}

func formatInt(v int64) string {
	if v > 0xffff {
		return "0x" + strconv.FormatUint(uint64(v), 16)
	}
	return strconv.FormatInt(v, 10)
}

// An FImm is a floating-point immediate, as in "fmov d0, #1.5" or
// "fcmp d0, #0.0".
type FImm float64

func (f FImm) String() string {
	s := strconv.FormatFloat(float64(f), 'f', -1, 64)
	if !strings.ContainsAny(s, ".") {
		s += ".0"
	}
	if math.Signbit(float64(f)) && f == 0 {
		s = "-0.0"
	}
	return "#" + s
}

// A Shift is a shift operator of a shifted-register operand.
type Shift uint8

// Shift operators, in their encoding order.
const (
	ShiftLSL Shift = iota
	ShiftLSR
	ShiftASR
	ShiftROR
)

var shiftNames = [...]string{"lsl", "lsr", "asr", "ror"}

func (s Shift) String() string { return enumString(shiftNames[:], int(s), "shift") }

// enumString returns names[v], or kind(v) for a value without a name.
func enumString(names []string, v int, kind string) string {
	if v < len(names) {
		return names[v]
	}
	return kind + "(" + strconv.Itoa(v) + ")"
}

// A RegShift is a shifted register operand "x2, lsl #3", used by the
// shifted-register forms of add/sub and the logical instructions.
type RegShift struct {
	Reg    Reg
	Shift  Shift
	Amount uint8
}

func (r RegShift) String() string {
	return r.Reg.String() + ", " + r.Shift.String() + " #" + strconv.Itoa(int(r.Amount))
}

// An Extend is an extension operator of an extended-register operand or of
// a register-offset memory operand. ExtLSL stands for the "lsl" spelling,
// which the extended-register forms accept in place of uxtw/uxtx.
type Extend uint8

// Extension operators. The first eight are in encoding order.
const (
	ExtUXTB Extend = iota
	ExtUXTH
	ExtUXTW
	ExtUXTX
	ExtSXTB
	ExtSXTH
	ExtSXTW
	ExtSXTX
	ExtLSL
	ExtNone // no extension written: "[x0, x1]"
)

var extendNames = [...]string{"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx", "lsl", ""}

func (e Extend) String() string { return enumString(extendNames[:], int(e), "extend") }

// A RegExtend is an extended register operand "w2, sxtw #2" of the
// extended-register forms of add/sub/adds/subs/cmp/cmn. Amount is 0-4.
type RegExtend struct {
	Reg    Reg
	Ext    Extend
	Amount uint8
}

func (r RegExtend) String() string {
	s := r.Reg.String() + ", " + r.Ext.String()
	if r.Amount != 0 || r.Ext == ExtLSL {
		s += " #" + strconv.Itoa(int(r.Amount))
	}
	return s
}

// An AddrMode is the addressing mode of a memory operand.
type AddrMode uint8

// Addressing modes.
const (
	ModeOffset AddrMode = iota // [base], [base, #off], [base, :lo12:sym]
	ModePre                    // [base, #off]!
	ModePost                   // [base], #off
	ModeIndex                  // [base, index{, ext {#amount}}]
)

// A Mem is a memory operand.
//
//	[x0]                 Mem{Base: X0}
//	[x0, #8]             Mem{Base: X0, Off: 8}
//	[x0, #8]!            Mem{Base: X0, Mode: ModePre, Off: 8}
//	[x0], #8             Mem{Base: X0, Mode: ModePost, Off: 8}
//	[x0, x1]             Mem{Base: X0, Mode: ModeIndex, Index: X1, Ext: ExtNone}
//	[x0, x1, lsl #3]     Mem{Base: X0, Mode: ModeIndex, Index: X1, Ext: ExtLSL, Amount: 3, HasAmount: true}
//	[x0, w1, sxtw]       Mem{Base: X0, Mode: ModeIndex, Index: W1, Ext: ExtSXTW}
//	[x0, :lo12:sym]      Mem{Base: X0, Sym: Sym{Mod: ModLo12, Expr: asm.SymOff("sym", 0)}}
//
// HasAmount distinguishes "[x0, w1, sxtw #0]" from "[x0, w1, sxtw]": the
// two encode differently for byte accesses.
type Mem struct {
	Base      Reg
	Mode      AddrMode
	Off       int64
	Index     Reg
	Ext       Extend
	Amount    uint8
	HasAmount bool
	Sym       Sym // symbolic offset (ModeOffset only); Sym.Mod != ModNone if present
}

func (m Mem) String() string {
	var b strings.Builder
	b.WriteString("[")
	b.WriteString(m.Base.String())
	switch m.Mode {
	case ModeOffset:
		if m.Sym.Mod != ModNone {
			b.WriteString(", ")
			b.WriteString(m.Sym.String())
		} else if m.Off != 0 {
			b.WriteString(", #")
			b.WriteString(strconv.FormatInt(m.Off, 10))
		}
		b.WriteString("]")
	case ModePre:
		b.WriteString(", #")
		b.WriteString(strconv.FormatInt(m.Off, 10))
		b.WriteString("]!")
	case ModePost:
		b.WriteString("], #")
		b.WriteString(strconv.FormatInt(m.Off, 10))
	case ModeIndex:
		b.WriteString(", ")
		b.WriteString(m.Index.String())
		if m.Ext != ExtNone {
			b.WriteString(", ")
			b.WriteString(m.Ext.String())
			if m.HasAmount {
				b.WriteString(" #")
				b.WriteString(strconv.Itoa(int(m.Amount)))
			}
		}
		b.WriteString("]")
	}
	return b.String()
}

// A RelocMod is a relocation modifier written before a symbol, as in
// ":lo12:sym".
type RelocMod uint8

// Relocation modifiers.
const (
	ModNone        RelocMod = iota // plain symbol: branch target, adr, adrp page, ldr literal
	ModLo12                        // :lo12:
	ModGot                         // :got:
	ModGotLo12                     // :got_lo12:
	ModTprelHi12                   // :tprel_hi12:
	ModTprelLo12                   // :tprel_lo12:
	ModTprelLo12NC                 // :tprel_lo12_nc:
	ModPGHi21                      // :pg_hi21:
)

var modNames = [...]string{"", "lo12", "got", "got_lo12", "tprel_hi12", "tprel_lo12", "tprel_lo12_nc", "pg_hi21"}

func (m RelocMod) String() string {
	if int(m) < len(modNames) {
		return ":" + modNames[m] + ":"
	}
	return ":mod" + strconv.Itoa(int(m)) + ":"
}

// A Sym is a symbolic operand: a label or symbol expression (sym, sym+8),
// possibly with a relocation modifier. LSL is a shift written after it,
// as in "add x0, x0, :tprel_hi12:v, lsl #12" (add only).
type Sym struct {
	Mod  RelocMod
	Expr asm.Expr
	LSL  uint8
}

// Label returns the operand naming symbol name with no modifier.
func Label(name string) Sym { return Sym{Expr: asm.SymOff(name, 0)} }

// String returns the operand in GNU syntax. An expression without a
// modifier that the parser would read as something else (a register, a
// shift or extension, a condition, a barrier option or a system
// register, as "asr" in "adc #0, (asr)" or "lsl0+100", which reads as
// "lsl #0+100") is put in parentheses, which GNU as and Parse read as
// the expression.
func (s Sym) String() string {
	str := s.Expr.String()
	switch {
	case s.Mod != ModNone:
		str = s.Mod.String() + str
	case reservedWord(str):
		str = "(" + str + ")"
	}
	if s.LSL != 0 {
		str += ", lsl #" + strconv.Itoa(int(s.LSL))
	}
	return str
}

// A Cond is a condition code.
type Cond uint8

// Condition codes. HS and LO are the GNU aliases of CS and CC.
const (
	EQ Cond = iota
	NE
	CS
	CC
	MI
	PL
	VS
	VC
	HI
	LS
	GE
	LT
	GT
	LE
	AL
	NV
	HS = CS
	LO = CC
)

var condNames = [...]string{"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"}

func (c Cond) String() string { return enumString(condNames[:], int(c), "cond") }

// Invert returns the opposite condition.
func (c Cond) Invert() Cond { return c ^ 1 }

func parseCond(s string) (Cond, bool) {
	switch s {
	case "hs":
		return HS, true
	case "lo":
		return LO, true
	}
	for i, n := range condNames {
		if n == s {
			return Cond(i), true
		}
	}
	return 0, false
}

// A Barrier is the option of dmb/dsb/isb; its value is the CRm field.
type Barrier uint8

// Barrier options: CRm is the shareability domain times 4 plus the
// access types (1 loads, 2 stores, 3 both).
const (
	OSHLD Barrier = 1 + iota
	OSHST
	OSH
	_
	NSHLD
	NSHST
	NSH
	_
	ISHLD
	ISHST
	ISH
	_
	LD
	ST
	SY
)

// barrierNames are the names of the barrier options, indexed by value
// ("" for the unnamed ones).
var barrierNames = [16]string{OSHLD: "oshld", OSHST: "oshst", OSH: "osh", NSHLD: "nshld", NSHST: "nshst", NSH: "nsh",
	ISHLD: "ishld", ISHST: "ishst", ISH: "ish", LD: "ld", ST: "st", SY: "sy"}

// named reports whether b is one of the named options.
func (b Barrier) named() bool { return int(b) < len(barrierNames) && barrierNames[b] != "" }

func (b Barrier) String() string {
	if b.named() {
		return barrierNames[b]
	}
	return "#" + strconv.Itoa(int(b))
}

// parseBarrier returns the barrier option named s (lower-case).
func parseBarrier(s string) (Barrier, bool) {
	for b, n := range barrierNames {
		if n != "" && n == s {
			return Barrier(b), true
		}
	}
	return 0, false
}

// A SysReg is a system register for mrs/msr: op0:op1:CRn:CRm:op2 packed as
// in the instruction's bits 20-5 (op0 in bits 15-14).
type SysReg uint16

// System registers with names.
const (
	NZCV        SysReg = 3<<14 | 3<<11 | 4<<7 | 2<<3 | 0
	FPCR        SysReg = 3<<14 | 3<<11 | 4<<7 | 4<<3 | 0
	FPSR        SysReg = 3<<14 | 3<<11 | 4<<7 | 4<<3 | 1
	TPIDR_EL0   SysReg = 3<<14 | 3<<11 | 13<<7 | 0<<3 | 2
	TPIDRRO_EL0 SysReg = 3<<14 | 3<<11 | 13<<7 | 0<<3 | 3
	CNTVCT_EL0  SysReg = 3<<14 | 3<<11 | 14<<7 | 0<<3 | 2
	CNTFRQ_EL0  SysReg = 3<<14 | 3<<11 | 14<<7 | 0<<3 | 0
)

// namedSysRegs are the system registers with names.
var namedSysRegs = [...]struct {
	reg  SysReg
	name string
}{{NZCV, "nzcv"}, {FPCR, "fpcr"}, {FPSR, "fpsr"}, {TPIDR_EL0, "tpidr_el0"},
	{TPIDRRO_EL0, "tpidrro_el0"}, {CNTVCT_EL0, "cntvct_el0"}, {CNTFRQ_EL0, "cntfrq_el0"}}

func (s SysReg) String() string {
	for _, r := range namedSysRegs {
		if r.reg == s {
			return r.name
		}
	}
	return "s" + strconv.Itoa(int(s>>14)) + "_" + strconv.Itoa(int(s>>11&7)) + "_c" + strconv.Itoa(int(s>>7&15)) +
		"_c" + strconv.Itoa(int(s>>3&15)) + "_" + strconv.Itoa(int(s&7))
}
