package lang

import "unsafe"

// AnyBox boxes a value of the given kind (see the Kind constants) as an
// any. Strings and KindPtr values are traced by the collector; the other
// kinds are plain bits.
func (r *Runtime) AnyBox(kind int64, bits uint64) *Any {
	t := &r.types.anyBox[0]
	if keyIsPtr(kind) {
		t = &r.types.anyBox[1]
		r.keep1(ptrOf(bits))
	}
	a := (*Any)(r.alloc(t, 1))
	r.unkeep()
	a.Kind = kind
	if keyIsPtr(kind) {
		r.heap.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&a.Value)), ptrOf(bits))
	} else {
		a.Value = bits
	}
	return a
}
