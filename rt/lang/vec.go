package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/sys"
)

// A vec made by the runtime is one heap object: the header followed by
// the element buffer (Data points just past the header). Headers made
// later for the same buffer (a push with spare capacity, a slice) are
// separate header-only objects pointing into it. For pointer elements the
// object is allocated as an array of pointer words, header included: the
// header's Data points into the object itself and its Len, Cap and Elem
// are small integers no heap address equals, so tracing them is harmless
// and one allocation suffices.
//
// elem arguments give the element size and abi.VecElemPtr (see Vec.Elem);
// operations take one because their vec may be nil.

// VecLen returns v's length; nil is empty.
func VecLen(v *Vec) int64 {
	if v == nil {
		return 0
	}
	return v.Len
}

// VecCap returns v's capacity; nil is empty.
func VecCap(v *Vec) int64 {
	if v == nil {
		return 0
	}
	return v.Cap
}

// elemSize returns the element size an elem argument encodes, aborting on
// anything the ABI does not allow.
func elemSize(elem int64) int64 {
	size := elem &^ abi.VecElemPtr
	switch {
	case elem&abi.VecElemPtr != 0 && size != 8:
		sys.Abort("lang: pointer vec elements must be 8 bytes")
	case size != 1 && size != 2 && size != 4 && size != 8:
		sys.Abort("lang: bad vec element size")
	}
	return size
}

// newVec allocates a vec of n zeroed elements with capacity c > 0.
func (r *Runtime) newVec(elem, n, c int64) *Vec {
	size := elemSize(elem)
	if c < n {
		sys.Abort("lang: bad vec capacity")
	}
	if c > maxObject/8 {
		r.outOfMemory()
	}
	var p unsafe.Pointer
	if elem&abi.VecElemPtr != 0 {
		p = r.alloc(&r.types.words, uintptr(abi.VecSize/8+c))
	} else {
		p = r.alloc(&r.types.bytes, uintptr(abi.VecSize+c*size))
	}
	v := (*Vec)(p)
	v.Data = unsafe.Add(p, abi.VecSize) // into the object itself: no barrier needed
	v.Len, v.Cap, v.Elem = n, c, elem
	return v
}

// newHeader allocates a header for data, a buffer the caller keeps
// reachable.
func (r *Runtime) newHeader(data unsafe.Pointer, n, c, elem int64) *Vec {
	v := (*Vec)(r.alloc(&r.types.vecHdr, 1))
	r.heap.WriteBarrier(&v.Data, data)
	v.Len, v.Cap, v.Elem = n, c, elem
	return v
}

// storeElem stores the bits x as element i of a buffer.
func (r *Runtime) storeElem(data unsafe.Pointer, i, elem int64, x uint64) {
	p := unsafe.Add(data, i*(elem&^abi.VecElemPtr))
	switch {
	case elem&abi.VecElemPtr != 0:
		r.heap.WriteBarrier((*unsafe.Pointer)(p), ptrOf(x))
	case elem == 1:
		*(*uint8)(p) = uint8(x)
	case elem == 2:
		*(*uint16)(p) = uint16(x)
	case elem == 4:
		*(*uint32)(p) = uint32(x)
	default:
		*(*uint64)(p) = x
	}
}

// copyElems copies n elements from src to dst; the ranges may overlap.
func (r *Runtime) copyElems(dst, src unsafe.Pointer, n, elem int64) {
	if elem&abi.VecElemPtr != 0 {
		r.copyPtrs(dst, src, n)
	} else if n > 0 {
		sys.Memmove(dst, src, uintptr(n*elem))
	}
}

// copyPtrs copies n pointer words from src to dst; the ranges may
// overlap. While the collector is marking, each store goes through the
// write barrier.
func (r *Runtime) copyPtrs(dst, src unsafe.Pointer, n int64) {
	if n <= 0 {
		return
	}
	if !r.heap.Marking() {
		sys.Memmove(dst, src, uintptr(n*8))
		return
	}
	if uintptr(dst) <= uintptr(src) {
		for i := int64(0); i < n; i++ {
			r.heap.WriteBarrier((*unsafe.Pointer)(unsafe.Add(dst, i*8)), *(*unsafe.Pointer)(unsafe.Add(src, i*8)))
		}
		return
	}
	for i := n - 1; i >= 0; i-- {
		r.heap.WriteBarrier((*unsafe.Pointer)(unsafe.Add(dst, i*8)), *(*unsafe.Pointer)(unsafe.Add(src, i*8)))
	}
}

// elemAddr returns the address of element i of v.
func elemAddr(v *Vec, i int64) unsafe.Pointer {
	return unsafe.Add(v.Data, i*(v.Elem&^abi.VecElemPtr))
}

// VecMake returns a new vec of n zeroed elements and capacity c (at least
// n): the compiler fills literals through VecIndex.
func (r *Runtime) VecMake(elem, n, c int64) *Vec {
	if n < 0 {
		sys.Abort("lang: negative vec length")
	}
	if c < n {
		c = n
	}
	if c == 0 {
		return nil
	}
	return r.newVec(elem, n, c)
}

// VecNew is vec<T>.new(value, n): n copies of value, capacity n, or 8
// when n is 0.
func (r *Runtime) VecNew(elem int64, value uint64, n int64, pos *String) *Vec {
	if n < 0 {
		r.panicText("len must be greater than 0", pos)
		return nil
	}
	c := n
	if c == 0 {
		c = 8
	}
	if r.vecTooLarge(elem, c) {
		r.panicText(outOfMemory, pos)
		return nil
	}
	if elem&abi.VecElemPtr != 0 {
		r.keep1(ptrOf(value))
	}
	v := r.newVec(elem, n, c)
	r.unkeep()
	if value != 0 {
		for i := int64(0); i < n; i++ {
			r.storeElem(v.Data, i, elem, value)
		}
	}
	return v
}

// VecCapOf is vec<T>.cap_of(c): empty, capacity c.
func (r *Runtime) VecCapOf(elem, c int64, pos *String) *Vec {
	if c < 0 {
		r.panicText("cap must be greater than 0", pos)
		return nil
	}
	if c == 0 {
		return nil
	}
	if r.vecTooLarge(elem, c) {
		r.panicText(outOfMemory, pos)
		return nil
	}
	return r.newVec(elem, 0, c)
}

// outOfMemory is the reference's text for an allocation the heap cannot
// satisfy ("runtime: out of memory: page allocation failed", on stderr
// before it aborts); here it is a runtime error at the position of the
// call that asked for it (spec/README.md's decisions).
const outOfMemory = "out of memory: page allocation failed"

// vecTooLarge reports whether a vec of capacity c can never be
// allocated: its buffer would be larger than the whole heap.
func (r *Runtime) vecTooLarge(elem, c int64) bool {
	size := elemSize(elem)
	limit := int64(r.heap.Mem.Capacity())
	return c > maxObject/8 || c*size+abi.VecSize > limit
}

// VecIndex returns the address of v[i], panicking when i is out of
// range.
func (r *Runtime) VecIndex(v *Vec, i int64, pos *String) unsafe.Pointer {
	n := VecLen(v)
	if uint64(i) >= uint64(n) {
		r.panicIndex(i, n, pos)
		return nil
	}
	return elemAddr(v, i)
}

// VecPush returns v with x (the element's bits) appended. With spare
// capacity the element goes into the shared buffer and only a new header
// is made; otherwise the capacity doubles (0 becomes 8).
func (r *Runtime) VecPush(v *Vec, elem int64, x uint64) *Vec {
	n, c := VecLen(v), VecCap(v)
	var px unsafe.Pointer
	if elem&abi.VecElemPtr != 0 {
		px = ptrOf(x)
	}
	r.keep2(unsafe.Pointer(v), px)
	var w *Vec
	if n < c {
		w = r.newHeader(v.Data, n+1, c, elem)
	} else {
		c *= 2
		if c == 0 {
			c = 8
		}
		w = r.newVec(elem, n+1, c)
		if n > 0 {
			r.copyElems(w.Data, v.Data, n, elem)
		}
	}
	r.unkeep()
	r.storeElem(w.Data, n, elem, x)
	return w
}

// VecAppend is v.append(w): v with w's elements appended, in v's buffer
// when they fit, else in a new one of capacity len(v)+len(w)+1.
func (r *Runtime) VecAppend(v *Vec, elem int64, w *Vec) *Vec {
	n, m, c := VecLen(v), VecLen(w), VecCap(v)
	if m == 0 {
		return v
	}
	r.keep2(unsafe.Pointer(v), unsafe.Pointer(w))
	var u *Vec
	if n+m <= c {
		u = r.newHeader(v.Data, n+m, c, elem)
	} else {
		u = r.newVec(elem, n+m, n+m+1)
		if n > 0 {
			r.copyElems(u.Data, v.Data, n, elem)
		}
	}
	r.unkeep()
	r.copyElems(elemAddr(u, n), w.Data, m, elem)
	return u
}

// VecConcat is v.concat(w): a new vec holding both, capacity the total
// length. v is unchanged.
func (r *Runtime) VecConcat(v *Vec, elem int64, w *Vec) *Vec {
	n, m := VecLen(v), VecLen(w)
	if n+m == 0 {
		return nil
	}
	r.keep2(unsafe.Pointer(v), unsafe.Pointer(w))
	u := r.newVec(elem, n+m, n+m)
	r.unkeep()
	if n > 0 {
		r.copyElems(u.Data, v.Data, n, elem)
	}
	if m > 0 {
		r.copyElems(elemAddr(u, n), w.Data, m, elem)
	}
	return u
}

// VecSlice is v[lo..hi] and v.slice(lo, hi): a view of the same buffer
// with capacity hi-lo, so a push on it reallocates.
func (r *Runtime) VecSlice(v *Vec, elem, lo, hi int64, pos *String) *Vec {
	n := VecLen(v)
	r.checkSlice(lo, hi, n, pos)
	if lo == hi {
		return nil
	}
	if lo == 0 && hi == n && n == v.Cap {
		return v
	}
	r.keep1(unsafe.Pointer(v))
	u := r.newHeader(elemAddr(v, lo), hi-lo, hi-lo, elem)
	r.unkeep()
	return u
}

// VecCopy is dst.copy(src): copies min(len(dst), len(src)) elements from
// the front and returns that count.
func (r *Runtime) VecCopy(dst, src *Vec) int64 {
	n := VecLen(dst)
	if m := VecLen(src); m < n {
		n = m
	}
	if n > 0 {
		r.copyElems(dst.Data, src.Data, n, dst.Elem)
	}
	return n
}
