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
	X0  Reg = Reg(ClassX)<<5 | 0
	X1  Reg = Reg(ClassX)<<5 | 1
	X2  Reg = Reg(ClassX)<<5 | 2
	X3  Reg = Reg(ClassX)<<5 | 3
	X4  Reg = Reg(ClassX)<<5 | 4
	X5  Reg = Reg(ClassX)<<5 | 5
	X6  Reg = Reg(ClassX)<<5 | 6
	X7  Reg = Reg(ClassX)<<5 | 7
	X8  Reg = Reg(ClassX)<<5 | 8
	X9  Reg = Reg(ClassX)<<5 | 9
	X10 Reg = Reg(ClassX)<<5 | 10
	X11 Reg = Reg(ClassX)<<5 | 11
	X12 Reg = Reg(ClassX)<<5 | 12
	X13 Reg = Reg(ClassX)<<5 | 13
	X14 Reg = Reg(ClassX)<<5 | 14
	X15 Reg = Reg(ClassX)<<5 | 15
	X16 Reg = Reg(ClassX)<<5 | 16
	X17 Reg = Reg(ClassX)<<5 | 17
	X18 Reg = Reg(ClassX)<<5 | 18
	X19 Reg = Reg(ClassX)<<5 | 19
	X20 Reg = Reg(ClassX)<<5 | 20
	X21 Reg = Reg(ClassX)<<5 | 21
	X22 Reg = Reg(ClassX)<<5 | 22
	X23 Reg = Reg(ClassX)<<5 | 23
	X24 Reg = Reg(ClassX)<<5 | 24
	X25 Reg = Reg(ClassX)<<5 | 25
	X26 Reg = Reg(ClassX)<<5 | 26
	X27 Reg = Reg(ClassX)<<5 | 27
	X28 Reg = Reg(ClassX)<<5 | 28
	X29 Reg = Reg(ClassX)<<5 | 29
	X30 Reg = Reg(ClassX)<<5 | 30
)

// W-class registers.
const (
	W0  Reg = Reg(ClassW)<<5 | 0
	W1  Reg = Reg(ClassW)<<5 | 1
	W2  Reg = Reg(ClassW)<<5 | 2
	W3  Reg = Reg(ClassW)<<5 | 3
	W4  Reg = Reg(ClassW)<<5 | 4
	W5  Reg = Reg(ClassW)<<5 | 5
	W6  Reg = Reg(ClassW)<<5 | 6
	W7  Reg = Reg(ClassW)<<5 | 7
	W8  Reg = Reg(ClassW)<<5 | 8
	W9  Reg = Reg(ClassW)<<5 | 9
	W10 Reg = Reg(ClassW)<<5 | 10
	W11 Reg = Reg(ClassW)<<5 | 11
	W12 Reg = Reg(ClassW)<<5 | 12
	W13 Reg = Reg(ClassW)<<5 | 13
	W14 Reg = Reg(ClassW)<<5 | 14
	W15 Reg = Reg(ClassW)<<5 | 15
	W16 Reg = Reg(ClassW)<<5 | 16
	W17 Reg = Reg(ClassW)<<5 | 17
	W18 Reg = Reg(ClassW)<<5 | 18
	W19 Reg = Reg(ClassW)<<5 | 19
	W20 Reg = Reg(ClassW)<<5 | 20
	W21 Reg = Reg(ClassW)<<5 | 21
	W22 Reg = Reg(ClassW)<<5 | 22
	W23 Reg = Reg(ClassW)<<5 | 23
	W24 Reg = Reg(ClassW)<<5 | 24
	W25 Reg = Reg(ClassW)<<5 | 25
	W26 Reg = Reg(ClassW)<<5 | 26
	W27 Reg = Reg(ClassW)<<5 | 27
	W28 Reg = Reg(ClassW)<<5 | 28
	W29 Reg = Reg(ClassW)<<5 | 29
	W30 Reg = Reg(ClassW)<<5 | 30
)

// S-class registers.
const (
	S0  Reg = Reg(ClassS)<<5 | 0
	S1  Reg = Reg(ClassS)<<5 | 1
	S2  Reg = Reg(ClassS)<<5 | 2
	S3  Reg = Reg(ClassS)<<5 | 3
	S4  Reg = Reg(ClassS)<<5 | 4
	S5  Reg = Reg(ClassS)<<5 | 5
	S6  Reg = Reg(ClassS)<<5 | 6
	S7  Reg = Reg(ClassS)<<5 | 7
	S8  Reg = Reg(ClassS)<<5 | 8
	S9  Reg = Reg(ClassS)<<5 | 9
	S10 Reg = Reg(ClassS)<<5 | 10
	S11 Reg = Reg(ClassS)<<5 | 11
	S12 Reg = Reg(ClassS)<<5 | 12
	S13 Reg = Reg(ClassS)<<5 | 13
	S14 Reg = Reg(ClassS)<<5 | 14
	S15 Reg = Reg(ClassS)<<5 | 15
	S16 Reg = Reg(ClassS)<<5 | 16
	S17 Reg = Reg(ClassS)<<5 | 17
	S18 Reg = Reg(ClassS)<<5 | 18
	S19 Reg = Reg(ClassS)<<5 | 19
	S20 Reg = Reg(ClassS)<<5 | 20
	S21 Reg = Reg(ClassS)<<5 | 21
	S22 Reg = Reg(ClassS)<<5 | 22
	S23 Reg = Reg(ClassS)<<5 | 23
	S24 Reg = Reg(ClassS)<<5 | 24
	S25 Reg = Reg(ClassS)<<5 | 25
	S26 Reg = Reg(ClassS)<<5 | 26
	S27 Reg = Reg(ClassS)<<5 | 27
	S28 Reg = Reg(ClassS)<<5 | 28
	S29 Reg = Reg(ClassS)<<5 | 29
	S30 Reg = Reg(ClassS)<<5 | 30
	S31 Reg = Reg(ClassS)<<5 | 31
)

// D-class registers.
const (
	D0  Reg = Reg(ClassD)<<5 | 0
	D1  Reg = Reg(ClassD)<<5 | 1
	D2  Reg = Reg(ClassD)<<5 | 2
	D3  Reg = Reg(ClassD)<<5 | 3
	D4  Reg = Reg(ClassD)<<5 | 4
	D5  Reg = Reg(ClassD)<<5 | 5
	D6  Reg = Reg(ClassD)<<5 | 6
	D7  Reg = Reg(ClassD)<<5 | 7
	D8  Reg = Reg(ClassD)<<5 | 8
	D9  Reg = Reg(ClassD)<<5 | 9
	D10 Reg = Reg(ClassD)<<5 | 10
	D11 Reg = Reg(ClassD)<<5 | 11
	D12 Reg = Reg(ClassD)<<5 | 12
	D13 Reg = Reg(ClassD)<<5 | 13
	D14 Reg = Reg(ClassD)<<5 | 14
	D15 Reg = Reg(ClassD)<<5 | 15
	D16 Reg = Reg(ClassD)<<5 | 16
	D17 Reg = Reg(ClassD)<<5 | 17
	D18 Reg = Reg(ClassD)<<5 | 18
	D19 Reg = Reg(ClassD)<<5 | 19
	D20 Reg = Reg(ClassD)<<5 | 20
	D21 Reg = Reg(ClassD)<<5 | 21
	D22 Reg = Reg(ClassD)<<5 | 22
	D23 Reg = Reg(ClassD)<<5 | 23
	D24 Reg = Reg(ClassD)<<5 | 24
	D25 Reg = Reg(ClassD)<<5 | 25
	D26 Reg = Reg(ClassD)<<5 | 26
	D27 Reg = Reg(ClassD)<<5 | 27
	D28 Reg = Reg(ClassD)<<5 | 28
	D29 Reg = Reg(ClassD)<<5 | 29
	D30 Reg = Reg(ClassD)<<5 | 30
	D31 Reg = Reg(ClassD)<<5 | 31
)

// Q-class registers.
const (
	Q0  Reg = Reg(ClassQ)<<5 | 0
	Q1  Reg = Reg(ClassQ)<<5 | 1
	Q2  Reg = Reg(ClassQ)<<5 | 2
	Q3  Reg = Reg(ClassQ)<<5 | 3
	Q4  Reg = Reg(ClassQ)<<5 | 4
	Q5  Reg = Reg(ClassQ)<<5 | 5
	Q6  Reg = Reg(ClassQ)<<5 | 6
	Q7  Reg = Reg(ClassQ)<<5 | 7
	Q8  Reg = Reg(ClassQ)<<5 | 8
	Q9  Reg = Reg(ClassQ)<<5 | 9
	Q10 Reg = Reg(ClassQ)<<5 | 10
	Q11 Reg = Reg(ClassQ)<<5 | 11
	Q12 Reg = Reg(ClassQ)<<5 | 12
	Q13 Reg = Reg(ClassQ)<<5 | 13
	Q14 Reg = Reg(ClassQ)<<5 | 14
	Q15 Reg = Reg(ClassQ)<<5 | 15
	Q16 Reg = Reg(ClassQ)<<5 | 16
	Q17 Reg = Reg(ClassQ)<<5 | 17
	Q18 Reg = Reg(ClassQ)<<5 | 18
	Q19 Reg = Reg(ClassQ)<<5 | 19
	Q20 Reg = Reg(ClassQ)<<5 | 20
	Q21 Reg = Reg(ClassQ)<<5 | 21
	Q22 Reg = Reg(ClassQ)<<5 | 22
	Q23 Reg = Reg(ClassQ)<<5 | 23
	Q24 Reg = Reg(ClassQ)<<5 | 24
	Q25 Reg = Reg(ClassQ)<<5 | 25
	Q26 Reg = Reg(ClassQ)<<5 | 26
	Q27 Reg = Reg(ClassQ)<<5 | 27
	Q28 Reg = Reg(ClassQ)<<5 | 28
	Q29 Reg = Reg(ClassQ)<<5 | 29
	Q30 Reg = Reg(ClassQ)<<5 | 30
	Q31 Reg = Reg(ClassQ)<<5 | 31
)
