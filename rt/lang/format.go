package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// Formatting into new strings: errorf's message (Sprintf) and the
// messages of the run-time errors a catch intercepts (errmsg.go). A
// string is formatted twice: once into a counting sink for its length,
// then into the string allocated for it, so nothing grows and nothing
// is allocated but the result.

// fmtSink receives formatted bytes: it stores them at p, or only counts
// them when p is nil.
type fmtSink struct {
	p unsafe.Pointer
	n int64
}

func (s *fmtSink) put(c uint8) {
	if s.p != nil {
		*(*uint8)(unsafe.Add(s.p, s.n)) = c
	}
	s.n++
}

func (s *fmtSink) putBytes(p unsafe.Pointer, n int64) {
	if n <= 0 {
		return
	}
	if s.p != nil {
		sys.Memmove(unsafe.Add(s.p, s.n), p, uintptr(n))
	}
	s.n += n
}

func (s *fmtSink) putString(x *String) {
	if x != nil {
		s.putBytes(x.Data, x.Len)
	}
}

func (s *fmtSink) putConst(c string) {
	for i := 0; i < len(c); i++ {
		s.put(c[i])
	}
}

func (s *fmtSink) putRepeat(c uint8, n int64) {
	for ; n > 0; n-- {
		s.put(c)
	}
}

// putDigits writes v in base 10 or 16 (upper: A-F), at least one digit.
func (s *fmtSink) putDigits(v uint64, base uint64, upper bool) {
	var d [20]uint8
	i := 20
	for {
		i--
		x := uint8(v % base)
		switch {
		case x < 10:
			d[i] = '0' + x
		case upper:
			d[i] = 'A' + x - 10
		default:
			d[i] = 'a' + x - 10
		}
		v /= base
		if v == 0 {
			break
		}
	}
	for ; i < 20; i++ {
		s.put(d[i])
	}
}

// digitCount returns how many digits putDigits writes for v.
func digitCount(v uint64, base uint64) int64 {
	n := int64(1)
	for v >= base {
		v /= base
		n++
	}
	return n
}

// putInt writes an integer of magnitude mag, negative when neg, padded
// to width: with spaces before the sign, or with zeros after it.
func (s *fmtSink) putInt(neg bool, mag uint64, base uint64, upper bool, fill uint8, width int64) {
	n := digitCount(mag, base)
	if neg {
		n++
	}
	if fill != '0' {
		s.putRepeat(' ', width-n)
	}
	if neg {
		s.put('-')
	}
	if fill == '0' {
		s.putRepeat('0', width-n)
	}
	s.putDigits(mag, base, upper)
}

// putSigned writes v in decimal.
func (s *fmtSink) putSigned(v int64) {
	if v < 0 {
		s.putInt(true, uint64(-v), 10, false, ' ', 0) // right for the most negative value too
		return
	}
	s.putDigits(uint64(v), 10, false)
}

// maxPrecision bounds a float's decimals (the reference reads the
// precision into a u8).
const maxPrecision = 255

// fracWords holds the fraction of a double: at most 1074 bits.
const fracWords = 17

// floatText is a finite double's decimal form before padding: its
// integer part (in r.dec when big), and the decimals when it has a
// fraction.
type floatText struct {
	neg    bool
	ip     uint64 // the integer part, when !big
	big    bool   // the integer part is r.dec
	digits [maxPrecision]uint8
	nd     int // decimals (0: none, the value is an integer)
}

// floatDigits splits the double of the given bits as errorf's %f and %v
// print it: the integer part, then, when the value is not an integer,
// '.' and exactly prec decimals, correctly rounded (ties to even).
// Integers print without decimals, as the reference's formatter does.
func (r *Runtime) floatDigits(bits uint64, prec int, t *floatText) {
	t.neg = bits>>63 != 0 && bits<<1 != 0 // -0.0 prints as 0
	t.big, t.nd, t.ip = false, 0, 0
	exp := int(bits>>52) & 0x7ff
	mant := bits & (1<<52 - 1)
	e := -1074
	if exp != 0 {
		mant |= 1 << 52
		e = exp - 1075
	}
	if e >= 0 {
		if e <= 11 {
			t.ip = mant << uint(e)
			return
		}
		d := &r.dec
		d.set(mant)
		for e > 0 {
			sh := e
			if sh > 29 {
				sh = 29
			}
			d.shiftLeft(uint(sh))
			e -= sh
		}
		t.big = true
		return
	}
	k := -e
	// The fraction is frac/2^k, k bits in words.
	var words [fracWords]uint64
	if k < 64 {
		t.ip = mant >> uint(k)
		words[0] = mant & (1<<uint(k) - 1)
	} else {
		words[0] = mant
	}
	if words[0] == 0 || prec <= 0 {
		return
	}
	if prec > maxPrecision {
		prec = maxPrecision
	}
	nw := (k + 63) / 64
	kb := uint(k % 64)
	for i := 0; i < prec; i++ {
		// Multiply the fraction by 10; the bits at and above k are the
		// next digit.
		var carry uint64
		for j := 0; j < nw; j++ {
			hi, lo := mul64(words[j], 10)
			lo += carry
			if lo < carry {
				hi++
			}
			words[j] = lo
			carry = hi
		}
		digit := carry
		if kb != 0 {
			top := words[nw-1]
			digit = top>>kb | carry<<(64-kb)
			words[nw-1] = top & (1<<kb - 1)
		}
		t.digits[i] = uint8(digit)
	}
	t.nd = prec
	// Round on what is left: above half up, below half down, exactly
	// half to even.
	half := uint(k - 1)
	hw, hb := half/64, half%64
	above := words[hw]>>hb&1 != 0
	rest := words[hw]&(1<<hb-1) != 0
	for j := 0; j < int(hw) && !rest; j++ {
		rest = words[j] != 0
	}
	if !above || !rest && t.digits[prec-1]&1 == 0 {
		return
	}
	i := prec - 1
	for ; i >= 0; i-- {
		if t.digits[i] < 9 {
			t.digits[i]++
			break
		}
		t.digits[i] = 0
	}
	if i < 0 {
		t.ip++ // below 2^53 here: no overflow
	}
}

// putFloat writes the double of the given bits with prec decimals (see
// floatDigits), padded to width as putInt pads; inf and nan as print
// spells them.
func (r *Runtime) putFloat(s *fmtSink, bits uint64, fill uint8, width int64, prec int) {
	if int(bits>>52)&0x7ff == 0x7ff {
		neg := bits>>63 != 0
		n := int64(3)
		if neg {
			n++
		}
		s.putRepeat(' ', width-n)
		if neg {
			s.put('-')
		}
		if bits&(1<<52-1) == 0 {
			s.putConst("inf")
		} else {
			s.putConst("nan")
		}
		return
	}
	var text floatText
	t := &text
	r.floatDigits(bits, prec, t)
	n := int64(t.nd)
	if t.nd > 0 {
		n++
	}
	if t.big {
		d := &r.dec
		n += limbDigits*int64(d.n-1) + digitCount(uint64(d.limb[d.n-1]), 10)
	} else {
		n += digitCount(t.ip, 10)
	}
	if t.neg {
		n++
	}
	if fill != '0' {
		s.putRepeat(' ', width-n)
	}
	if t.neg {
		s.put('-')
	}
	if fill == '0' {
		s.putRepeat('0', width-n)
	}
	if t.big {
		d := &r.dec
		s.putDigits(uint64(d.limb[d.n-1]), 10, false)
		for i := d.n - 2; i >= 0; i-- {
			v := uint64(d.limb[i])
			s.putRepeat('0', limbDigits-digitCount(v, 10))
			s.putDigits(v, 10, false)
		}
	} else {
		s.putDigits(t.ip, 10, false)
	}
	if t.nd > 0 {
		s.put('.')
		for i := 0; i < t.nd; i++ {
			s.put('0' + t.digits[i])
		}
	}
}

// Sprintf formats args (a vec of any boxes) by format, as errorf does
// (spec/builtins.md §4.1): %d, %s, %c, %f, %x, %X and %v, an optional
// 0 flag, a width and, for %f, a precision (default 6); %% is a percent
// sign. Like the reference: a verb without an argument left writes
// "%!" and the verb, an unknown verb "%?" and the verb (taking no
// argument), an argument of the wrong kind "%!" and the verb; %s, %c and
// %v take no width. Unlike it, floats are correctly rounded and 0 pads
// to its width as other numbers do.
func (r *Runtime) Sprintf(format *String, args *Vec) *String {
	var count fmtSink
	r.format(&count, format, args)
	if count.n == 0 {
		return nil
	}
	r.keep2(unsafe.Pointer(format), unsafe.Pointer(args))
	out := r.newString(count.n)
	r.unkeep()
	s := fmtSink{p: out.Data}
	r.format(&s, format, args)
	return out
}

// format writes format with args into s.
func (r *Runtime) format(s *fmtSink, format *String, args *Vec) {
	n := StringLen(format)
	nargs := VecLen(args)
	next := int64(0)
	for i := int64(0); i < n; {
		c := byteAt(format.Data, i)
		i++
		if c != '%' {
			s.put(c)
			continue
		}
		fill := uint8(' ')
		if i < n && byteAt(format.Data, i) == '0' {
			fill = '0'
			i++
		}
		width := int64(0)
		for i < n && isDigit(byteAt(format.Data, i)) {
			if width < 1<<20 {
				width = width*10 + int64(byteAt(format.Data, i)-'0')
			}
			i++
		}
		prec := 6
		if i < n && byteAt(format.Data, i) == '.' {
			i++
			prec = 0
			for i < n && isDigit(byteAt(format.Data, i)) {
				if prec <= maxPrecision {
					prec = prec*10 + int(byteAt(format.Data, i)-'0')
				}
				i++
			}
		}
		if i == n {
			break // a directive cut short: nothing
		}
		verb := byteAt(format.Data, i)
		i++
		switch {
		case verb == '%':
			s.put('%')
		case next == nargs:
			s.put('%')
			s.put('!')
			s.put(verb)
		case !isVerb(verb):
			s.put('%')
			s.put('?')
			s.put(verb)
		default:
			a := *(**Any)(elemAddr(args, next))
			next++
			if !r.formatArg(s, a, verb, fill, width, prec) {
				s.put('%')
				s.put('!')
				s.put(verb)
			}
		}
	}
}

func isDigit(c uint8) bool { return '0' <= c && c <= '9' }

func isVerb(c uint8) bool {
	switch c {
	case 'v', 'c', 'd', 's', 'f', 'x', 'X':
		return true
	}
	return false
}

// formatArg writes the boxed value a (nil is null) for verb; false
// when the verb does not take a value of its kind.
func (r *Runtime) formatArg(s *fmtSink, a *Any, verb, fill uint8, width int64, prec int) bool {
	nk := int64(abi.NKindNull)
	var bits uint64
	if a != nil {
		nk, bits = a.Type.NKind, a.Value
	}
	isInt := nk >= abi.NKindI8 && nk <= abi.NKindU64
	signed := isInt && nk%2 == 1 // I8 3, U8 4, ... I64 9, U64 10
	isFloat := nk == abi.NKindF32 || nk == abi.NKindF64
	switch verb {
	case 'd':
		if !isInt {
			return false
		}
		r.putInteger(s, bits, signed, 10, false, fill, width)
	case 'x', 'X':
		if !isInt {
			return false
		}
		// The value's own bits: -1 as an i8 is ff.
		if size := a.Type.Mem.Size; size < 8 {
			bits &= 1<<(8*size) - 1
		}
		s.putInt(false, bits, 16, verb == 'X', fill, width)
	case 's':
		if nk != abi.NKindString {
			return false
		}
		s.putString((*String)(ptrOf(bits)))
	case 'c':
		if nk != abi.NKindU8 {
			return false
		}
		s.put(uint8(bits))
	case 'f':
		if !isFloat {
			return false
		}
		r.putFloat(s, bits, fill, width, prec)
	case 'v':
		switch {
		case isInt:
			r.putInteger(s, bits, signed, 10, false, ' ', 0)
		case isFloat:
			r.putFloat(s, bits, ' ', 0, 6)
		case nk == abi.NKindBool:
			if bits != 0 {
				s.putConst("true")
			} else {
				s.putConst("false")
			}
		case nk == abi.NKindString:
			s.putString((*String)(ptrOf(bits)))
		case nk == abi.NKindNull:
			s.putConst("null")
		default:
			return false
		}
	}
	return true
}

// putInteger writes integer bits (sign-extended when signed) in base.
func (r *Runtime) putInteger(s *fmtSink, bits uint64, signed bool, base uint64, upper bool, fill uint8, width int64) {
	if signed && int64(bits) < 0 {
		s.putInt(true, -bits, base, upper, fill, width)
		return
	}
	s.putInt(false, bits, base, upper, fill, width)
}
