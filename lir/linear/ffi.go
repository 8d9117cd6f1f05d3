package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// C calls (docs/linear.md, "C calls"). A function declared without a
// body after #linkid SYMBOL is called with the System V AMD64
// convention. When every parameter and the result are scalars, that is
// an ordinary call: LIR calls use the C ABI with one register per
// value; integers narrower than 32 bits are extended to 32 first, as C
// callers do. A struct, tuple or fixed array passed or returned by
// value is laid out as C lays it out (cShape: nested structs and arrays
// inline, each scalar at its natural alignment; a Nature object keeps
// nested aggregates behind pointers) and classified as the ABI says:
// larger than 16 bytes it is MEMORY (copied to the stack; returned
// through a hidden pointer in rdi), else each eightbyte is INTEGER when
// it holds an integer or pointer and SSE when it holds only floats, and
// goes in the next register of its class — unless the registers left
// cannot take the whole struct, which then goes on the stack. Such a
// call fills a frame (rt/abi's FFIOff* layout) on the stack and calls
// the trampoline nk.ffi.call(fn, frame) that the driver links with
// C-linked programs.

// cLeaf is one scalar of a value in C layout.
type cLeaf struct {
	off, size int64
	float     bool
}

// cShape returns the C size, alignment and scalars of a value of type t.
func cShape(t sema.Type) (size, align int64, leaves []cLeaf) {
	switch u := t.Underlying().(type) {
	case *sema.Struct, *sema.Tuple:
		var off int64
		align = 1
		for _, ft := range fields(t) {
			s, a, ls := cShape(ft)
			off = roundUp(off, a)
			for _, l := range ls {
				l.off += off
				leaves = append(leaves, l)
			}
			off += s
			align = max(align, a)
		}
		return roundUp(off, align), align, leaves
	case *sema.Array:
		s, a, ls := cShape(u.Elem)
		for i := int64(0); i < u.Len; i++ {
			for _, l := range ls {
				l.off += i * s
				leaves = append(leaves, l)
			}
		}
		return s * u.Len, a, leaves
	}
	n := int64(lirType(t).Size())
	return n, max(n, 1), []cLeaf{{0, n, lirType(t).IsFloat()}}
}

// eightbyte classes.
const (
	clsInt = iota
	clsSSE
)

// classify returns the class of each eightbyte of a value of at most 16
// bytes: INTEGER if any scalar in it is not a float.
func classify(size int64, leaves []cLeaf) []int {
	cls := make([]int, (size+7)/8)
	for i := range cls {
		cls[i] = clsSSE
	}
	for _, l := range leaves {
		if !l.float {
			cls[l.off/8] = clsInt
		}
	}
	return cls
}

// isCCall reports whether fn is a C function: bound with #linkid to a
// symbol outside naturekit's runtime.
func isCCall(fn *sema.Func) bool {
	return fn != nil && fn.LinkName != "" && !(len(fn.LinkName) > 3 && fn.LinkName[:3] == "rt.")
}

// needsFrame reports whether a C call of sig passes or returns an
// aggregate by value.
func needsFrame(params []sema.Type, result sema.Type) bool {
	if isAggregate(result) {
		return true
	}
	for _, t := range params {
		if isAggregate(t) {
			return true
		}
	}
	return false
}

// cArgs adapts the arguments of a scalar C call: integers narrower than
// 32 bits are extended to 32, by their signedness.
func (fb *funcBuilder) cArgs(args []lir.Operand, params []sema.Type) []lir.Operand {
	for i, a := range args {
		if i < len(params) && (a.Type == lir.I8 || a.Type == lir.I16) {
			args[i] = fb.resize(a, lir.I32, isSigned(params[i]))
		}
	}
	return args
}

// cArgPlan says where one argument goes: the frame offsets of its
// words (one for a scalar, one per eightbyte for an aggregate).
type cArgPlan struct {
	t     sema.Type
	size  int64
	words []int64
}

// cCall lowers a call of C function sym whose signature has aggregates
// by value, through the frame and nk.ffi.call.
func (fb *funcBuilder) cCall(args []lir.Operand, params []sema.Type, result sema.Type, sym string) lir.Operand {
	ints, sses, stack := 0, 0, int64(0)
	stackWord := func() int64 {
		off := abi.FFIOffStack + 8*stack
		stack++
		return off
	}
	var retSize int64
	var retLeaves []cLeaf
	retMem := false
	if isAggregate(result) {
		retSize, _, retLeaves = cShape(result)
		retMem = retSize > 16
		if retMem {
			ints++ // rdi: where the callee writes the result
		}
	}
	plans := make([]cArgPlan, len(args))
	for i, t := range params {
		p := cArgPlan{t: t}
		if !isAggregate(t) {
			switch {
			case lirType(t).IsFloat() && sses < abi.FFINumSSERegs:
				p.words = []int64{abi.FFIOffSSERegs + 8*int64(sses)}
				sses++
			case !lirType(t).IsFloat() && ints < abi.FFINumIntRegs:
				p.words = []int64{abi.FFIOffIntRegs + 8*int64(ints)}
				ints++
			default:
				p.words = []int64{stackWord()}
			}
			plans[i] = p
			continue
		}
		size, _, leaves := cShape(t)
		p.size = size
		n := (size + 7) / 8
		if size <= 16 {
			cls := classify(size, leaves)
			needI, needS := 0, 0
			for _, c := range cls {
				if c == clsInt {
					needI++
				} else {
					needS++
				}
			}
			if ints+needI <= abi.FFINumIntRegs && sses+needS <= abi.FFINumSSERegs {
				for _, c := range cls {
					if c == clsInt {
						p.words = append(p.words, abi.FFIOffIntRegs+8*int64(ints))
						ints++
					} else {
						p.words = append(p.words, abi.FFIOffSSERegs+8*int64(sses))
						sses++
					}
				}
				plans[i] = p
				continue
			}
		}
		for k := int64(0); k < n; k++ {
			p.words = append(p.words, stackWord())
		}
		plans[i] = p
	}

	frame := fb.b.Slot(roundUp(abi.FFIOffStack+8*stack, 16), 16)
	for i, p := range plans {
		if i >= len(args) {
			break
		}
		v := args[i]
		if !isAggregate(p.t) {
			if v.Type == lir.I8 || v.Type == lir.I16 || v.Type == lir.I32 {
				v = fb.resize(v, lir.I64, isSigned(p.t))
			}
			fb.b.Store(v, frame, p.words[0])
			continue
		}
		img := fb.b.Slot(max(roundUp(p.size, 8), 8), 16)
		fb.cStore(v, p.t, img, 0)
		for k, off := range p.words {
			fb.b.Store(fb.b.Load(lir.I64, img, int64(8*k)), frame, off)
		}
	}
	fb.b.Store(lir.Int(lir.I64, stack), frame, abi.FFIOffNStack)
	var res lir.Operand
	if isAggregate(result) {
		res = fb.b.Slot(max(roundUp(retSize, 8), 16), 16)
		if retMem {
			fb.b.Store(res, frame, abi.FFIOffIntRegs)
		}
	}
	fb.m.externs[sym] = true
	fb.m.externs["nk.ffi.call"] = true
	fb.b.Call(lir.OpCall, lir.Void, fb.b.Symbol("nk.ffi.call"), fb.b.Symbol(sym), frame)
	switch {
	case isAggregate(result) && retMem:
		return fb.cLoad(result, res, 0)
	case isAggregate(result):
		intSrc := []int64{abi.FFIOffRAX, abi.FFIOffRDX}
		sseSrc := []int64{abi.FFIOffXMM0, abi.FFIOffXMM1}
		for k, c := range classify(retSize, retLeaves) {
			var src int64
			if c == clsInt {
				src, intSrc = intSrc[0], intSrc[1:]
			} else {
				src, sseSrc = sseSrc[0], sseSrc[1:]
			}
			fb.b.Store(fb.b.Load(lir.I64, frame, src), res, int64(8*k))
		}
		return fb.cLoad(result, res, 0)
	case sema.IsVoid(result):
		return lir.Operand{}
	case lirType(result).IsFloat():
		return fb.b.Load(lirType(result), frame, abi.FFIOffXMM0)
	}
	return fb.b.Load(lirType(result), frame, abi.FFIOffRAX)
}

// cStore writes Nature value v of type t into C memory at img+base, in
// C layout.
func (fb *funcBuilder) cStore(v lir.Operand, t sema.Type, img lir.Operand, base int64) {
	switch u := t.Underlying().(type) {
	case *sema.Struct, *sema.Tuple:
		l := aggregateLayout(t)
		var off int64
		for i, ft := range fields(t) {
			s, a, _ := cShape(ft)
			off = roundUp(off, a)
			fb.cStore(fb.b.Load(l.ts[i], v, l.offs[i]), ft, img, base+off)
			off += s
		}
		return
	case *sema.Array:
		s, _, _ := cShape(u.Elem)
		size := arrayElemSize(u)
		for i := int64(0); i < u.Len; i++ {
			fb.cStore(fb.b.Load(lirType(u.Elem), v, i*size), u.Elem, img, base+i*s)
		}
		return
	}
	fb.b.Store(v, img, base)
}

// cLoad reads a value of type t from C memory at img+base: a new object
// for an aggregate.
func (fb *funcBuilder) cLoad(t sema.Type, img lir.Operand, base int64) lir.Operand {
	switch u := t.Underlying().(type) {
	case *sema.Struct, *sema.Tuple:
		l := aggregateLayout(t)
		obj := fb.hold(fb.alloc(l, abi.TypeKindStruct))
		var off int64
		for i, ft := range fields(t) {
			s, a, _ := cShape(ft)
			off = roundUp(off, a)
			fb.storeMem(obj, l.offs[i], fb.cLoad(ft, img, base+off), l.ptrs[i])
			off += s
		}
		return obj
	case *sema.Array:
		obj := fb.hold(fb.newArray(u))
		s, _, _ := cShape(u.Elem)
		size := arrayElemSize(u)
		for i := int64(0); i < u.Len; i++ {
			fb.storeMem(obj, i*size, fb.cLoad(u.Elem, img, base+i*s), isPointer(u.Elem))
		}
		return obj
	}
	return fb.b.Load(lirType(t), img, base)
}

// cCallArgs evaluates the arguments of a call of C function c.Func and
// returns them with the parameter types.
func (fb *funcBuilder) cCallExpr(e *ast.CallExpr, c *sema.Call) lir.Operand {
	args := fb.args(e, c)
	params := make([]sema.Type, len(c.Sig.Params))
	for i, p := range c.Sig.Params {
		params[i] = fb.subst(p.Type())
	}
	result := fb.subst(c.Sig.Result)
	if needsFrame(params, result) {
		return fb.cCall(args, params, result, fb.calleeSym(e, c))
	}
	return fb.b.Call(lir.OpCall, lirType(result), fb.b.Symbol(fb.calleeSym(e, c)), fb.cArgs(args, params)...)
}
