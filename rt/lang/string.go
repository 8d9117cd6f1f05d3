package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// Strings are immutable, so operations return an operand itself whenever
// the result equals it, and nil for every empty result.

// StringLen returns s's length in bytes; nil is "".
func StringLen(s *String) int64 {
	if s == nil {
		return 0
	}
	return s.Len
}

// StringCompare compares a and b bytewise: -1, 0 or 1. The shorter of
// two strings with a common prefix is the smaller.
func StringCompare(a, b *String) int64 {
	na, nb := StringLen(a), StringLen(b)
	n := na
	if nb < n {
		n = nb
	}
	if n > 0 && a.Data != b.Data {
		for i := int64(0); i < n; i++ {
			x, y := byteAt(a.Data, i), byteAt(b.Data, i)
			if x != y {
				if x < y {
					return -1
				}
				return 1
			}
		}
	}
	switch {
	case na < nb:
		return -1
	case na > nb:
		return 1
	}
	return 0
}

// stringEqual reports whether a and b hold the same bytes.
func stringEqual(a, b *String) bool {
	return StringLen(a) == StringLen(b) && StringCompare(a, b) == 0
}

func byteAt(p unsafe.Pointer, i int64) uint8 { return *(*uint8)(unsafe.Add(p, i)) }

// newString allocates a string of n bytes (n > 0) as one pointer-free
// object: the header, the bytes, and a NUL after them so the bytes can
// double as a C string. The caller fills the bytes.
func (r *Runtime) newString(n int64) *String {
	if n > maxObject {
		r.outOfMemory()
	}
	s := (*String)(r.alloc(&r.types.bytes, uintptr(abi.StringSize+n+1)))
	s.Data = unsafe.Add(unsafe.Pointer(s), abi.StringSize)
	s.Len = n
	return s
}

// StringConcat returns a + b.
func (r *Runtime) StringConcat(a, b *String) *String {
	na, nb := StringLen(a), StringLen(b)
	if nb == 0 {
		return a
	}
	if na == 0 {
		return b
	}
	r.keep2(unsafe.Pointer(a), unsafe.Pointer(b))
	s := r.newString(na + nb)
	r.unkeep()
	sys.Memmove(s.Data, a.Data, uintptr(na))
	sys.Memmove(unsafe.Add(s.Data, na), b.Data, uintptr(nb))
	return s
}

// StringIndex returns s[i], panicking when i is out of range.
func (r *Runtime) StringIndex(s *String, i int64, pos *String) uint8 {
	n := StringLen(s)
	if uint64(i) >= uint64(n) {
		r.panicIndex(i, n, pos)
		return 0
	}
	return byteAt(s.Data, i)
}

// StringSlice returns s[lo..hi], which shares s's bytes.
func (r *Runtime) StringSlice(s *String, lo, hi int64, pos *String) *String {
	n := StringLen(s)
	r.checkSlice(lo, hi, n, pos)
	if lo == hi {
		return nil
	}
	if lo == 0 && hi == n {
		return s
	}
	r.keep1(unsafe.Pointer(s))
	t := (*String)(r.alloc(&r.types.strHdr, 1))
	r.unkeep()
	r.heap.WriteBarrier(&t.Data, unsafe.Add(s.Data, lo))
	t.Len = hi - lo
	return t
}

// StringToBytes returns s as [u8]: a copy of its bytes in a new vec.
func (r *Runtime) StringToBytes(s *String) *Vec {
	n := StringLen(s)
	if n == 0 {
		return nil
	}
	r.keep1(unsafe.Pointer(s))
	v := r.newVec(1, n, n)
	r.unkeep()
	sys.Memmove(v.Data, s.Data, uintptr(n))
	return v
}

// StringFromBytes returns the bytes of a [u8] as a new string.
func (r *Runtime) StringFromBytes(v *Vec) *String {
	n := VecLen(v)
	if n == 0 {
		return nil
	}
	r.keep1(unsafe.Pointer(v))
	s := r.newString(n)
	r.unkeep()
	sys.Memmove(s.Data, v.Data, uintptr(n))
	return s
}
