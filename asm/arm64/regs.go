package arm64

import "strconv"

// A Reg is an AArch64 register operand: a register class (which fixes the
// width and the register file) and a number 0-31. Register number 31 means
// the zero register (xzr, wzr) in the X and W classes and the stack
// pointer in the XSP and WSP classes, so SP and XZR are distinct values
// even though they share an encoding.
//
// The zero Reg is NoReg.
type Reg uint16

// A RegClass is the kind of a register.
type RegClass uint8

// Register classes.
const (
	ClassNone RegClass = iota
	ClassX             // 64-bit general register x0-x30, xzr
	ClassW             // 32-bit general register w0-w30, wzr
	ClassSP            // 64-bit stack pointer sp
	ClassWSP           // 32-bit stack pointer wsp
	ClassB             // 8-bit SIMD&FP register b0-b31
	ClassH             // 16-bit SIMD&FP register h0-h31
	ClassS             // 32-bit SIMD&FP register s0-s31
	ClassD             // 64-bit SIMD&FP register d0-d31
	ClassQ             // 128-bit SIMD&FP register q0-q31
)

// NoReg is the absent register.
const NoReg Reg = 0

func mkreg(c RegClass, n int) Reg { return Reg(c)<<5 | Reg(n&31) }

// Register constructors: X(n) is xn, W(n) is wn, BReg(n) is bn, and so on. n is taken
// modulo 32; X(31) is XZR and W(31) is WZR.
func X(n int) Reg    { return mkreg(ClassX, n) }
func W(n int) Reg    { return mkreg(ClassW, n) }
func BReg(n int) Reg { return mkreg(ClassB, n) }
func H(n int) Reg    { return mkreg(ClassH, n) }
func S(n int) Reg    { return mkreg(ClassS, n) }
func D(n int) Reg    { return mkreg(ClassD, n) }
func Q(n int) Reg    { return mkreg(ClassQ, n) }

// Class returns the register's class.
func (r Reg) Class() RegClass { return RegClass(r >> 5) }

// Num returns the register's encoding number, 0-31.
func (r Reg) Num() uint32 { return uint32(r & 31) }

// IsGP reports whether r is a general-purpose register (including sp and
// the zero registers).
func (r Reg) IsGP() bool {
	c := r.Class()
	return c == ClassX || c == ClassW || c == ClassSP || c == ClassWSP
}

// Is64 reports whether r is a 64-bit general register (x, xzr or sp).
func (r Reg) Is64() bool { c := r.Class(); return c == ClassX || c == ClassSP }

// IsSP reports whether r is sp or wsp.
func (r Reg) IsSP() bool { c := r.Class(); return c == ClassSP || c == ClassWSP }

// IsZR reports whether r is xzr or wzr.
func (r Reg) IsZR() bool { c := r.Class(); return (c == ClassX || c == ClassW) && r.Num() == 31 }

// IsFP reports whether r is a SIMD&FP scalar register (b, h, s, d or q).
func (r Reg) IsFP() bool { c := r.Class(); return c >= ClassB && c <= ClassQ }

var classPrefix = [...]string{ClassX: "x", ClassW: "w", ClassB: "b", ClassH: "h", ClassS: "s", ClassD: "d", ClassQ: "q"}

// String returns the register's GNU name.
func (r Reg) String() string {
	c := r.Class()
	switch {
	case c == ClassNone || c > ClassQ:
		return "noreg(" + strconv.Itoa(int(r)) + ")"
	case c == ClassSP:
		return "sp"
	case c == ClassWSP:
		return "wsp"
	case r.IsZR():
		return classPrefix[c] + "zr"
	}
	return classPrefix[c] + strconv.Itoa(int(r.Num()))
}

// parseReg parses a register name, in either case. It accepts the GNU
// aliases fp (x29) and lr (x30), and ip0/ip1 (x16/x17).
func parseReg(s string) (Reg, bool) {
	if len(s) < 2 || len(s) > 3 {
		return 0, false
	}
	n := uint(s[1] - '0')
	if n > 9 {
		return parseNamedReg(s)
	}
	// A class letter and a number without leading zeros.
	c := classOfLetter[s[0]]
	if c == ClassNone {
		return 0, false
	}
	if len(s) == 3 {
		d := uint(s[2] - '0')
		if d > 9 || n == 0 {
			return 0, false
		}
		n = n*10 + d
	}
	max := uint(31)
	if c == ClassX || c == ClassW {
		max = 30 // 31 is spelt xzr, wzr
	}
	if n > max {
		return 0, false
	}
	return mkreg(c, int(n)), true
}

// classOfLetter is the register class of each letter that starts a
// numbered register name, in either case; ClassNone for other bytes.
var classOfLetter = func() (t [256]RegClass) {
	for _, c := range [...]RegClass{ClassX, ClassW, ClassB, ClassH, ClassS, ClassD, ClassQ} {
		p := classPrefix[c][0]
		t[p], t[p-'a'+'A'] = c, c
	}
	return t
}()

// parseNamedReg parses the register names without a number (sp, xzr,
// ...) and the aliases, in either case.
func parseNamedReg(s string) (Reg, bool) {
	var lc [3]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lc[i] = c
	}
	switch string(lc[:len(s)]) {
	case "sp":
		return SP, true
	case "wsp":
		return WSP, true
	case "xzr":
		return XZR, true
	case "wzr":
		return WZR, true
	case "fp":
		return X29, true
	case "lr":
		return X30, true
	case "ip0":
		return X16, true
	case "ip1":
		return X17, true
	}
	return 0, false
}

// Named registers.
const (
	SP  Reg = Reg(ClassSP)<<5 | 31
	WSP Reg = Reg(ClassWSP)<<5 | 31
	XZR Reg = Reg(ClassX)<<5 | 31
	WZR Reg = Reg(ClassW)<<5 | 31
)

// X-class registers.
const (
	X0 Reg = Reg(ClassX)<<5 + iota
	X1
	X2
	X3
	X4
	X5
	X6
	X7
	X8
	X9
	X10
	X11
	X12
	X13
	X14
	X15
	X16
	X17
	X18
	X19
	X20
	X21
	X22
	X23
	X24
	X25
	X26
	X27
	X28
	X29
	X30
)

// W-class registers.
const (
	W0 Reg = Reg(ClassW)<<5 + iota
	W1
	W2
	W3
	W4
	W5
	W6
	W7
	W8
	W9
	W10
	W11
	W12
	W13
	W14
	W15
	W16
	W17
	W18
	W19
	W20
	W21
	W22
	W23
	W24
	W25
	W26
	W27
	W28
	W29
	W30
)

// S-class registers.
const (
	S0 Reg = Reg(ClassS)<<5 + iota
	S1
	S2
	S3
	S4
	S5
	S6
	S7
	S8
	S9
	S10
	S11
	S12
	S13
	S14
	S15
	S16
	S17
	S18
	S19
	S20
	S21
	S22
	S23
	S24
	S25
	S26
	S27
	S28
	S29
	S30
	S31
)

// D-class registers.
const (
	D0 Reg = Reg(ClassD)<<5 + iota
	D1
	D2
	D3
	D4
	D5
	D6
	D7
	D8
	D9
	D10
	D11
	D12
	D13
	D14
	D15
	D16
	D17
	D18
	D19
	D20
	D21
	D22
	D23
	D24
	D25
	D26
	D27
	D28
	D29
	D30
	D31
)

// Q-class registers.
const (
	Q0 Reg = Reg(ClassQ)<<5 + iota
	Q1
	Q2
	Q3
	Q4
	Q5
	Q6
	Q7
	Q8
	Q9
	Q10
	Q11
	Q12
	Q13
	Q14
	Q15
	Q16
	Q17
	Q18
	Q19
	Q20
	Q21
	Q22
	Q23
	Q24
	Q25
	Q26
	Q27
	Q28
	Q29
	Q30
	Q31
)
