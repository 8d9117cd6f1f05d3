package arm64

import "math/bits"

// encodeBitmask returns the N:immr:imms fields of a logical immediate for
// value v in a register of the given width (32 or 64), or ok=false if v is
// not a bitmask immediate: a rotated run of ones replicated across the
// register in elements of 2, 4, 8, 16, 32 or 64 bits. All-zeros and
// all-ones are never encodable.
func encodeBitmask(v uint64, width int) (n, immr, imms uint32, ok bool) {
	if width == 32 {
		v &= 0xffffffff
		v |= v << 32
	}
	if v == 0 || v == ^uint64(0) {
		return 0, 0, 0, false
	}
	// Find the smallest element size that replicates.
	size := 64
	for size > 2 {
		h := size / 2
		mask := uint64(1)<<h - 1
		if v&mask != (v>>h)&mask {
			break
		}
		size = h
	}
	var mask uint64 = ^uint64(0)
	if size < 64 {
		mask = uint64(1)<<size - 1
	}
	e := v & mask
	// e must be a rotation of a contiguous run of ones.
	ones := bits.OnesCount64(e)
	// rotate right within size so the run starts at bit 0.
	var rot int
	for rot = 0; rot < size; rot++ {
		r := rotr(e, rot, size)
		if r == uint64(1)<<ones-1 {
			break
		}
	}
	if rot == size {
		return 0, 0, 0, false
	}
	// e == rotl(run, rot) == rotr(run, size-rot); immr is the right rotation.
	immr = uint32((size - rot) % size)
	imms = uint32((^(size-1)<<1)|(ones-1)) & 0x3f
	if size == 64 {
		n = 1
	}
	return n, immr, imms, true
}

func rotr(e uint64, r, size int) uint64 {
	if r == 0 {
		return e
	}
	var mask uint64 = ^uint64(0)
	if size < 64 {
		mask = uint64(1)<<size - 1
	}
	return (e>>r | e<<(size-r)) & mask
}

// decodeBitmask is the inverse of encodeBitmask: the register value of the
// N:immr:imms fields at the given width, or ok=false for a reserved
// encoding.
func decodeBitmask(n, immr, imms uint32, width int) (uint64, bool) {
	combined := n<<6 | (^imms & 0x3f)
	if combined == 0 {
		return 0, false
	}
	l := 31 - bits.LeadingZeros32(combined)
	if l < 1 {
		return 0, false
	}
	size := 1 << l
	if size > width {
		return 0, false
	}
	s := int(imms) & (size - 1)
	r := int(immr) & (size - 1)
	if s == size-1 {
		return 0, false
	}
	e := rotr(uint64(1)<<(s+1)-1, r, size)
	v := e
	for i := size; i < width; i *= 2 {
		v |= v << i
	}
	if width == 32 {
		v &= 0xffffffff
	}
	return v, true
}

// IsLogicalImm reports whether v is a logical (bitmask) immediate for a
// register of the given width (32 or 64): what and, orr, eor, tst and
// "mov reg, #imm" as orr accept. A code generator asks it before
// choosing the immediate form.
func IsLogicalImm(v uint64, width int) bool {
	_, _, _, ok := encodeBitmask(v, width)
	return ok
}
