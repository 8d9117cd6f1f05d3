package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Fixed arrays [T;N] (types.md §3.3) are values, like structs: a
// variable, field or element of array type holds a pointer to an object
// of its own holding the N elements, element i at i*size where size is
// the element's register size (lirType); an element that is a struct,
// tuple or array is a pointer to its own object. Copying an array copies
// its object and, recursively, those elements (copy.go), wherever a
// struct would be copied (rvalue). A literal stores the elements it
// gives and zeroes the rest; an index is checked against N inline, and a
// failed check calls PanicIndex with the reference's message.

// arrayOf returns t's array type, or nil.
func arrayOf(t sema.Type) *sema.Array {
	a, _ := t.Underlying().(*sema.Array)
	return a
}

// arrayElemSize returns the bytes one element of a takes in its object.
func arrayElemSize(a *sema.Array) int64 { return int64(lirType(a.Elem).Size()) }

// arrayDesc returns the type descriptor of the objects of array type a:
// the elements' bytes padded to 8, every element traced when they are
// pointers.
func (m *moduleBuilder) arrayDesc(a *sema.Array) string {
	size, n := arrayElemSize(a), a.Len
	ptr := isPointer(a.Elem)
	shape := "array:" + strconv.FormatInt(n, 10) + "x" + strconv.FormatInt(size, 10)
	if ptr {
		shape += "p"
	}
	return m.descWith(shape, max(8, roundUp(size*n, 8)), func() (int64, []byte) {
		if !ptr {
			return 0, nil
		}
		mask := make([]byte, (n+7)/8)
		for i := int64(0); i < n; i++ {
			mask[i/8] |= 1 << (i % 8)
		}
		return n * 8, mask
	}, abi.TypeKindArray)
}

// newArray allocates an array object of type a with zero bits.
func (fb *funcBuilder) newArray(a *sema.Array) lir.Operand {
	return fb.rtcall(lir.Ptr, "Alloc", fb.b.Symbol(fb.m.arrayDesc(a)))
}

// elemLoc returns where element i (an i64) of an array object whose
// elements take size bytes is: a base address and an offset from it.
func (fb *funcBuilder) elemLoc(obj, i lir.Operand, size int64) (lir.Operand, int64) {
	if i.Kind == lir.IntOperand {
		return obj, i.Imm * size
	}
	return fb.b.Addr(obj, i, size, 0), 0
}

// repeat emits body(i) for every i64 i in [from, to): unrolled for a few
// iterations, else as a loop (with a safepoint on its back edge).
func (fb *funcBuilder) repeat(from, to int64, body func(i lir.Operand)) {
	if to-from <= 4 {
		for i := from; i < to; i++ {
			body(lir.Int(lir.I64, i))
		}
		return
	}
	fb.loopTo(from, lir.Int(lir.I64, to), body)
}

// loopTo emits a loop calling body(i) for every i64 i in [from, to),
// to a value computed at run time (held in a register by the caller).
func (fb *funcBuilder) loopTo(from int64, to lir.Operand, body func(i lir.Operand)) {
	i := fb.temp(lir.I64)
	fb.b.Assign(i, lir.Int(lir.I64, from))
	head, loop, done := fb.newLabel("elems"), fb.newLabel("elem"), fb.newLabel("elemsdone")
	fb.label(head)
	fb.branch(fb.b.Compare(lir.OpSLt, fb.f.Reg(i), to), loop, done)
	fb.label(loop)
	body(fb.f.Reg(i))
	fb.b.BinaryTo(i, lir.OpAdd, fb.f.Reg(i), lir.Int(lir.I64, 1))
	fb.backEdge(head)
	fb.label(done)
}

// zeroArray returns a new array of type a holding zero values.
func (fb *funcBuilder) zeroArray(n ast.Node, a *sema.Array) lir.Operand {
	obj := fb.hold(fb.newArray(a))
	fb.zeroElems(n, obj, a, 0)
	return obj
}

// zeroElems gives elements from.. of the new array obj their zero value
// where it is an object (struct, tuple, array, map, set): the other zero
// values are the zero bits the object starts with.
func (fb *funcBuilder) zeroElems(n ast.Node, obj lir.Operand, a *sema.Array, from int64) {
	if !needsZeroObject(a.Elem) {
		return
	}
	size := arrayElemSize(a)
	fb.repeat(from, a.Len, func(i lir.Operand) {
		base, off := fb.elemLoc(obj, i, size)
		fb.storeMem(base, off, fb.zero(n, a.Elem), true)
	})
}

// arrayLit lowers [a, b, ...] of array type a: the elements given, in
// order, then zero values for the rest (types.md §3.3).
func (fb *funcBuilder) arrayLit(e *ast.VecLit, a *sema.Array) lir.Operand {
	obj := fb.hold(fb.newArray(a))
	size, ptr := arrayElemSize(a), isPointer(a.Elem)
	for i, x := range e.Elts {
		fb.storeMem(obj, int64(i)*size, fb.rvalueAs(x, a.Elem), ptr)
	}
	fb.zeroElems(e, obj, a, int64(len(e.Elts)))
	return obj
}

// repeatLit lowers [v; n]: v is evaluated once and stored into the
// first n elements (each a copy of its own when v is a struct, tuple or
// array); the others, if the array is longer, are zero. Where no array
// is expected it is a vec of n copies (sema types it so).
func (fb *funcBuilder) repeatLit(e *ast.RepeatLit) lir.Operand {
	a := arrayOf(fb.typeOf(e))
	if a == nil {
		return fb.vecRepeat(e)
	}
	count, ok := fb.constIndex(e.Count)
	if !ok {
		fb.unsupported(e.Count, "an array length that is not a constant")
	}
	n := min(int64(count), a.Len)
	x := fb.hold(fb.valueAs(e.Value, a.Elem))
	obj := fb.hold(fb.newArray(a))
	size, ptr := arrayElemSize(a), isPointer(a.Elem)
	if !(x.Kind == lir.IntOperand && x.Imm == 0) { // zero bits are there already
		fb.repeat(0, n, func(i lir.Operand) {
			v := x
			if isAggregate(a.Elem) {
				v = fb.copyValue(x, a.Elem)
			}
			base, off := fb.elemLoc(obj, i, size)
			fb.storeMem(base, off, v, ptr)
		})
	}
	fb.zeroElems(e, obj, a, n)
	return obj
}

// arrayElem returns element e.Index of array object obj (of type a) as a
// location. The index is checked against the length first (as an
// unsigned number, so negative indexes fail too); a constant index
// within the length needs no check.
func (fb *funcBuilder) arrayElem(e *ast.IndexExpr, obj lir.Operand, a *sema.Array) *lvalue {
	size := arrayElemSize(a)
	if k, ok := fb.constIndex(e.Index); ok && k >= 0 && int64(k) < a.Len {
		return &lvalue{kind: lvMem, t: a.Elem, node: e, base: obj, off: int64(k) * size}
	}
	i := fb.hold(fb.index64(e.Index))
	ok, fail := fb.newLabel("inbounds"), fb.newLabel("outofbounds")
	fb.branch(fb.b.Compare(lir.OpULt, i, lir.Int(lir.I64, a.Len)), ok, fail)
	fb.label(fail)
	if ctx := fb.catching(); ctx != nil {
		// An error a catch here intercepts (errors.go).
		fb.raiseRuntime(e, ctx, fb.rtcall(lir.Ptr, "ErrIndexMsg", i, lir.Int(lir.I64, a.Len)))
	} else {
		fb.rtcall(lir.Void, "PanicIndex", i, lir.Int(lir.I64, a.Len), fb.pos(fb.m.refEnd(e.Index)))
		fb.b.Unreachable()
	}
	fb.label(ok)
	base, off := fb.elemLoc(obj, i, size)
	return &lvalue{kind: lvMem, t: a.Elem, node: e, base: base, off: off}
}

// copyArray returns a new copy of array object src of type a.
func (fb *funcBuilder) copyArray(src lir.Operand, a *sema.Array) lir.Operand {
	dst := fb.hold(fb.newArray(a))
	size := arrayElemSize(a)
	if !isAggregate(a.Elem) && !isPointer(a.Elem) {
		// Plain bits: word by word (the object is padded to 8 bytes).
		fb.repeat(0, max(1, roundUp(size*a.Len, 8)/8), func(i lir.Operand) {
			from, off := fb.elemLoc(src, i, 8)
			x := fb.b.Load(lir.I64, from, off)
			to, off := fb.elemLoc(dst, i, 8)
			fb.b.Store(x, to, off)
		})
		return dst
	}
	lt := lirType(a.Elem)
	fb.repeat(0, a.Len, func(i lir.Operand) {
		from, off := fb.elemLoc(src, i, size)
		x := fb.b.Load(lt, from, off)
		if isAggregate(a.Elem) {
			x = fb.copyValue(x, a.Elem)
		}
		to, off := fb.elemLoc(dst, i, size)
		fb.storeMem(to, off, x, isPointer(a.Elem))
	})
	return dst
}
