package alloc

// Bit helpers, written out because the runtime imports nothing but unsafe
// and rt packages.

const deBruijn64 = 0x03f79d71b4ca8b09

var deBruijnIdx64 = [64]uint8{
	0, 1, 56, 2, 57, 49, 28, 3, 61, 58, 42, 50, 38, 29, 17, 4,
	62, 47, 59, 36, 45, 43, 51, 22, 53, 39, 33, 30, 24, 18, 12, 5,
	63, 55, 48, 27, 60, 41, 37, 16, 46, 35, 44, 21, 52, 32, 23, 11,
	54, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
}

// ctz64 returns the number of trailing zero bits in x; x must not be 0.
func ctz64(x uint64) uintptr {
	return uintptr(deBruijnIdx64[(x&-x)*deBruijn64>>58&63]) // &63: no bounds check
}

// Ctz64 is ctz64 for the collector's scan of the pointer bitmap.
//
//naturekit:inline
func Ctz64(x uint64) uintptr { return ctz64(x) }

// popcount64 returns the number of set bits in x.
func popcount64(x uint64) uintptr {
	x = x - (x>>1)&0x5555555555555555
	x = x&0x3333333333333333 + (x>>2)&0x3333333333333333
	x = (x + x>>4) & 0x0f0f0f0f0f0f0f0f
	return uintptr(x * 0x0101010101010101 >> 56)
}
