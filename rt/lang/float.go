package lang

import "unsafe"

// Floats print as C's printf("%f") in musl: fixed notation, exactly six
// decimals, correctly rounded from the exact binary value (ties to even,
// as printf does in the default rounding mode), no exponent ever; inf,
// -inf, and nan or -nan by the sign bit (x86's default NaN, from 0.0/0.0,
// has it set).
//
// A finite double is m·2^e with m < 2^53. When e >= 0 the value is an
// integer of up to 309 digits and the decimals are zero: it is expanded
// exactly in base 10^9 (decimal). When e < 0 the integer part is m>>-e,
// which fits in 64 bits, and the six decimals are the fraction times 10^6
// rounded — the fraction has at most 53 significant bits, so the product
// fits in 128 bits and the rounding decision is exact.

// decimal is a non-negative integer in base 10^9, least significant limb
// first: enough limbs for 2^1024.
type decimal struct {
	limb [36]uint32
	n    int
}

const (
	limbBase   = 1000000000
	limbDigits = 9
	fracScale  = 1000000 // six decimals
)

// float64bits returns the IEEE bits of f. It is the one place the
// runtime reinterprets a float; a compiler may treat it as an intrinsic.
func float64bits(f float64) uint64 { return *(*uint64)(unsafe.Pointer(&f)) }

// writeFloat appends the %f form of the double with the given bits.
func (r *Runtime) writeFloat(bits uint64) {
	neg := bits>>63 != 0
	exp := int(bits>>52) & 0x7ff
	mant := bits & (1<<52 - 1)
	if exp == 0x7ff {
		if neg {
			r.writeByte('-')
		}
		if mant == 0 {
			r.writeConst("inf")
		} else {
			r.writeConst("nan")
		}
		return
	}
	if neg {
		r.writeByte('-')
	}
	e := -1074
	if exp != 0 {
		mant |= 1 << 52
		e = exp - 1075
	}
	if e >= 0 {
		r.writeBigInt(mant, e)
		r.writeConst(".000000")
		return
	}
	ip, frac := fixed6(mant, uint(-e))
	r.writeUint(ip)
	r.writeByte('.')
	r.writeUintWidth(frac, 6)
}

// fixed6 splits m·2^-k (m < 2^53, k >= 1) into its integer part and its
// fraction in millionths, rounded to nearest with ties to even; a
// fraction that rounds up to a whole carries into the integer part.
func fixed6(m uint64, k uint) (ip, frac uint64) {
	f := m
	if k < 53 {
		ip = m >> k
		f = m & (1<<k - 1)
	}
	// The fraction is f/2^k < 1, so f·10^6 < 2^73. Beyond 2^-73 it is
	// below half a millionth and rounds to zero.
	if k > 73 {
		return ip, 0
	}
	hi, lo := mul64(f, fracScale)
	var q, remHi, remLo, halfHi, halfLo uint64
	if k >= 64 {
		s := k - 64
		q = hi >> s
		remHi, remLo = hi&(1<<s-1), lo
		if s == 0 {
			halfLo = 1 << 63
		} else {
			halfHi = 1 << (s - 1)
		}
	} else {
		q = lo>>k | hi<<(64-k)
		remLo = lo & (1<<k - 1)
		halfLo = 1 << (k - 1)
	}
	if remHi > halfHi || remHi == halfHi && (remLo > halfLo || remLo == halfLo && q&1 != 0) {
		q++
	}
	if q == fracScale {
		return ip + 1, 0
	}
	return ip, q
}

// mul64 returns the 128-bit product a·b as high and low halves.
func mul64(a, b uint64) (hi, lo uint64) {
	const mask32 = 1<<32 - 1
	a0, a1 := a&mask32, a>>32
	b0, b1 := b&mask32, b>>32
	w0 := a0 * b0
	t := a1*b0 + w0>>32
	w1 := t&mask32 + a0*b1
	hi = a1*b1 + t>>32 + w1>>32
	lo = a * b
	return hi, lo
}

// writeBigInt appends m·2^e in decimal (e >= 0).
func (r *Runtime) writeBigInt(m uint64, e int) {
	if e <= 11 { // m < 2^53, so the value fits in 64 bits
		r.writeUint(m << uint(e))
		return
	}
	d := &r.dec
	d.set(m)
	for e > 0 {
		s := e
		if s > 29 { // limb·2^29 + carry stays below 2^64
			s = 29
		}
		d.shiftLeft(uint(s))
		e -= s
	}
	r.writeUint(uint64(d.limb[d.n-1]))
	for i := d.n - 2; i >= 0; i-- {
		r.writeUintWidth(uint64(d.limb[i]), limbDigits)
	}
}

// set makes d equal to v.
func (d *decimal) set(v uint64) {
	d.n = 0
	for {
		d.limb[d.n] = uint32(v % limbBase)
		d.n++
		v /= limbBase
		if v == 0 {
			return
		}
	}
}

// shiftLeft multiplies d by 2^s (s <= 29).
func (d *decimal) shiftLeft(s uint) {
	var carry uint64
	for i := 0; i < d.n; i++ {
		t := uint64(d.limb[i])<<s + carry
		d.limb[i] = uint32(t % limbBase)
		carry = t / limbBase
	}
	for carry != 0 {
		d.limb[d.n] = uint32(carry % limbBase)
		d.n++
		carry /= limbBase
	}
}
