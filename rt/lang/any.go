package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// AnyBox boxes a value of type t as an any, union or nullable: the box
// records t, so is and as compare descriptors. The value is traced by
// the collector when t's values are pointers (t.Value is abi.KindString or
// abi.KindPtr); the other kinds are plain bits.
func (r *Runtime) AnyBox(t *Type, bits uint64) *Any {
	return (*Any)(r.box(unsafe.Pointer(t), t.traced(), bits))
}

// IfaceBox makes an interface value: itab is the method table of the
// value's dynamic type for the interface, data the data word, always a
// pointer (the object of a struct, a ref's or ptr's target, or the cell
// holding any other value).
func (r *Runtime) IfaceBox(itab *Itab, data uint64) *Iface {
	return (*Iface)(r.box(unsafe.Pointer(itab), true, data))
}

// IfaceConv converts interface value v to interface iface, which v's
// dynamic type implements (an interface to one it extends): the same
// value with the dynamic type's method table for iface. The compiler
// lists that table in the type's descriptor.
func (r *Runtime) IfaceConv(v *Iface, iface *Type) *Iface {
	if v == nil || v.Itab.Iface == iface {
		return v
	}
	it := v.Itab.Type.itab(iface)
	if it == nil {
		sys.Abort("lang: no method table for an interface conversion")
	}
	return r.IfaceBox(it, v.Value)
}

// box allocates a two-word box: first (a descriptor or a method table)
// and bits, a pointer the collector traces when traced is set.
func (r *Runtime) box(first unsafe.Pointer, traced bool, bits uint64) unsafe.Pointer {
	bt := &r.types.anyBox[0]
	if traced {
		bt = &r.types.anyBox[1]
		r.keep1(ptrOf(bits))
	}
	a := (*Any)(r.alloc(bt, 1))
	r.unkeep()
	// Read-only data: no barrier. Stored as an untyped word because first
	// may be a method table, smaller than a Type.
	*(*unsafe.Pointer)(unsafe.Pointer(&a.Type)) = first
	if traced {
		r.heap.WriteBarrier((*unsafe.Pointer)(unsafe.Pointer(&a.Value)), ptrOf(bits))
	} else {
		a.Value = bits
	}
	return unsafe.Pointer(a)
}
