package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// C calls (docs/linear.md, "C calls"). A function declared without a
// body after #linkid SYMBOL is called with the target's C convention:
// System V AMD64, described here, or AAPCS64 (Config.Target
// "linux_arm64": planAAPCS64). When every parameter and the result are
// scalars, that is an ordinary call: LIR calls use the C ABI with one
// register per value; integers narrower than 32 bits are extended to 32
// first, as C callers do. A struct, tuple or fixed array passed or returned by
// value is laid out as C lays it out (cShape: nested structs and arrays
// inline, each scalar at its natural alignment; a Nature object keeps
// nested aggregates behind pointers) and classified as the ABI says:
// larger than 16 bytes it is MEMORY (copied to the stack; returned
// through a hidden pointer in rdi), else each eightbyte is INTEGER when
// it holds an integer or pointer and SSE when it holds only floats, and
// goes in the next register of its class — unless the registers left
// cannot take the whole struct, which then goes on the stack. Such a
// call fills a frame (rt/abi's FFIOff* or FFIA64Off* layout) on the
// stack and calls the trampoline nk.ffi.call(fn, frame) that the
// driver links with C-linked programs.

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

// cMove copies size bytes (4 or 8) between offset img of a value's C
// image and offset frame of the call's frame.
type cMove struct{ img, frame, size int64 }

// cArgPlan says where one argument goes: the frame offset of a scalar,
// the moves of an aggregate's C image into the frame, or (ref >= 0) the
// frame word that takes the address of the image, an aggregate passed
// by reference to a copy (AAPCS64, above 16 bytes).
type cArgPlan struct {
	t     sema.Type
	size  int64
	words []int64 // a scalar's frame word
	moves []cMove
	ref   int64
}

// cFrame is the frame of one C call as a target's convention lays it
// out (rt/abi's FFIOff* or FFIA64Off* offsets): where each argument
// goes, how many stack words there are, and where the result comes
// from.
type cFrame struct {
	plans            []cArgPlan
	stack            int64 // stack words
	stackOff         int64 // the first stack word's offset
	nstackOff        int64 // where the number of stack words goes
	retIndirect      int64 // where the result buffer's address goes, or -1
	retMoves         []cMove
	intRes, floatRes int64 // a scalar result's offset
	retSize          int64
	intRegs, fpRegs  int64 // the argument registers' offsets
	numInt, numFP    int
	ints, fps        int // argument registers used
}

// stackWord returns the offset of the next stack word.
func (fr *cFrame) stackWord() int64 {
	off := fr.stackOff + 8*fr.stack
	fr.stack++
	return off
}

// intReg and fpReg return the offset of the next argument register of
// each class.
func (fr *cFrame) intReg() int64 {
	fr.ints++
	return fr.intRegs + 8*int64(fr.ints-1)
}

func (fr *cFrame) fpReg() int64 {
	fr.fps++
	return fr.fpRegs + 8*int64(fr.fps-1)
}

// scalar places a scalar argument, a float or not, in the next register
// of its class, or on the stack when there is none left.
func (fr *cFrame) scalar(float bool) []int64 {
	switch {
	case float && fr.fps < fr.numFP:
		return []int64{fr.fpReg()}
	case !float && fr.ints < fr.numInt:
		return []int64{fr.intReg()}
	}
	return []int64{fr.stackWord()}
}

// result plans a result of type result: for an aggregate, it records
// its size and lets the convention's aggregate place it.
func (fr *cFrame) result(result sema.Type, aggregate func(size int64, leaves []cLeaf)) {
	if isAggregate(result) {
		size, _, leaves := cShape(result)
		fr.retSize = size
		aggregate(size, leaves)
	}
}

// place plans the arguments of types params: scalars in the next
// register of their class or on the stack, aggregates as the
// convention's aggregate says (p.size is set).
func (fr *cFrame) place(params []sema.Type, aggregate func(p *cArgPlan, leaves []cLeaf)) {
	for _, t := range params {
		p := cArgPlan{t: t, ref: -1}
		if !isAggregate(t) {
			p.words = fr.scalar(lirType(t).IsFloat())
		} else {
			var leaves []cLeaf
			p.size, _, leaves = cShape(t)
			aggregate(&p, leaves)
		}
		fr.plans = append(fr.plans, p)
	}
}

// onStack returns the moves of an aggregate of size bytes copied whole
// to stack words.
func (fr *cFrame) onStack(size int64) []cMove {
	var mv []cMove
	for k := int64(0); k < (size+7)/8; k++ {
		mv = append(mv, cMove{8 * k, fr.stackWord(), 8})
	}
	return mv
}

// planSysV lays out a C call under the System V AMD64 convention (see
// the comment at the top of the file).
func planSysV(params []sema.Type, result sema.Type) *cFrame {
	fr := &cFrame{stackOff: abi.FFIOffStack, nstackOff: abi.FFIOffNStack, retIndirect: -1,
		intRes: abi.FFIOffRAX, floatRes: abi.FFIOffXMM0,
		intRegs: abi.FFIOffIntRegs, fpRegs: abi.FFIOffSSERegs, numInt: abi.FFINumIntRegs, numFP: abi.FFINumSSERegs}
	fr.result(result, func(size int64, leaves []cLeaf) {
		if size > 16 {
			fr.retIndirect = fr.intReg() // rdi: where the callee writes the result
			return
		}
		intSrc := []int64{abi.FFIOffRAX, abi.FFIOffRDX}
		sseSrc := []int64{abi.FFIOffXMM0, abi.FFIOffXMM1}
		for k, c := range classify(size, leaves) {
			var src int64
			if c == clsInt {
				src, intSrc = intSrc[0], intSrc[1:]
			} else {
				src, sseSrc = sseSrc[0], sseSrc[1:]
			}
			fr.retMoves = append(fr.retMoves, cMove{int64(8 * k), src, 8})
		}
	})
	fr.place(params, func(p *cArgPlan, leaves []cLeaf) {
		if p.size <= 16 {
			cls := classify(p.size, leaves)
			needI, needS := 0, 0
			for _, c := range cls {
				if c == clsInt {
					needI++
				} else {
					needS++
				}
			}
			if fr.ints+needI <= fr.numInt && fr.fps+needS <= fr.numFP {
				for k, c := range cls {
					var dst int64
					if c == clsInt {
						dst = fr.intReg()
					} else {
						dst = fr.fpReg()
					}
					p.moves = append(p.moves, cMove{int64(8 * k), dst, 8})
				}
				return
			}
		}
		p.moves = fr.onStack(p.size)
	})
	return fr
}

// hfa reports whether a value of size bytes with these scalars is a
// homogeneous floating-point aggregate (AAPCS64: one to four floats of
// one type) and returns the size of its members.
func hfa(size int64, leaves []cLeaf) (int64, bool) {
	if len(leaves) == 0 || len(leaves) > 4 {
		return 0, false
	}
	for _, l := range leaves {
		if !l.float || l.size != leaves[0].size {
			return 0, false
		}
	}
	return leaves[0].size, size == int64(len(leaves))*leaves[0].size
}

// planAAPCS64 lays out a C call under AAPCS64 as Linux uses it (variadic
// arguments passed as named ones, stack arguments in 8-byte words): an
// HFA goes in consecutive v registers, one member each, when enough are
// left, else whole on the stack (and no later float goes in a
// register); any other aggregate above 16 bytes is copied and passed by
// reference (an integer argument); one of at most 16 bytes goes in
// consecutive x registers, one per 8 bytes, when enough are left, else
// whole on the stack (and no later integer goes in a register). An HFA
// result comes back in v0-v3, another of at most 16 bytes in x0 and x1,
// a larger one in memory whose address the caller passes in x8.
func planAAPCS64(params []sema.Type, result sema.Type) *cFrame {
	fr := &cFrame{stackOff: abi.FFIA64OffStack, nstackOff: abi.FFIA64OffNStack, retIndirect: -1,
		intRes: abi.FFIA64OffX0, floatRes: abi.FFIA64OffD0,
		intRegs: abi.FFIA64OffIntRegs, fpRegs: abi.FFIA64OffFPRegs, numInt: abi.FFIA64NumIntRegs, numFP: abi.FFIA64NumFPRegs}
	fr.result(result, func(size int64, leaves []cLeaf) {
		if m, ok := hfa(size, leaves); ok {
			for k := range leaves {
				fr.retMoves = append(fr.retMoves, cMove{int64(k) * m, abi.FFIA64OffD0 + 8*int64(k), m})
			}
		} else if size > 16 {
			fr.retIndirect = abi.FFIA64OffX8
		} else {
			for k := int64(0); k < (size+7)/8; k++ {
				fr.retMoves = append(fr.retMoves, cMove{8 * k, abi.FFIA64OffX0 + 8*k, 8})
			}
		}
	})
	fr.place(params, func(p *cArgPlan, leaves []cLeaf) {
		if m, ok := hfa(p.size, leaves); ok {
			if fr.fps+len(leaves) <= fr.numFP {
				for k := range leaves {
					p.moves = append(p.moves, cMove{int64(k) * m, fr.fpReg(), m})
				}
			} else {
				fr.fps = fr.numFP
				p.moves = fr.onStack(p.size)
			}
			return
		}
		if p.size > 16 {
			p.ref = fr.scalar(false)[0]
			return
		}
		n := int((p.size + 7) / 8)
		if fr.ints+n <= fr.numInt {
			for k := 0; k < n; k++ {
				p.moves = append(p.moves, cMove{int64(8 * k), fr.intReg(), 8})
			}
		} else {
			fr.ints = fr.numInt
			p.moves = fr.onStack(p.size)
		}
	})
	return fr
}

// moveType is the LIR type that copies size bytes.
func moveType(size int64) lir.Type {
	if size == 4 {
		return lir.I32
	}
	return lir.I64
}

// cCall lowers a call of C function sym whose signature has aggregates
// by value, through the frame and nk.ffi.call.
func (fb *funcBuilder) cCall(args []lir.Operand, params []sema.Type, result sema.Type, sym string) lir.Operand {
	var fr *cFrame
	if fb.m.conf.Target == "linux_arm64" {
		fr = planAAPCS64(params, result)
	} else {
		fr = planSysV(params, result)
	}
	frame := fb.b.Slot(roundUp(fr.stackOff+8*fr.stack, 16), 16)
	for i, p := range fr.plans {
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
		if p.ref >= 0 {
			fb.b.Store(img, frame, p.ref)
		}
		for _, mv := range p.moves {
			fb.b.Store(fb.b.Load(moveType(mv.size), img, mv.img), frame, mv.frame)
		}
	}
	fb.b.Store(lir.Int(lir.I64, fr.stack), frame, fr.nstackOff)
	var res lir.Operand
	if isAggregate(result) {
		res = fb.b.Slot(max(roundUp(fr.retSize, 8), 16), 16)
		if fr.retIndirect >= 0 {
			fb.b.Store(res, frame, fr.retIndirect)
		}
	}
	fb.m.externs[sym] = true
	fb.m.externs["nk.ffi.call"] = true
	fb.b.Call(lir.OpCall, lir.Void, fb.b.Symbol("nk.ffi.call"), fb.b.Symbol(sym), frame)
	switch {
	case isAggregate(result):
		for _, mv := range fr.retMoves {
			fb.b.Store(fb.b.Load(moveType(mv.size), frame, mv.frame), res, mv.img)
		}
		return fb.cLoad(result, res, 0)
	case sema.IsVoid(result):
		return lir.Operand{}
	case lirType(result).IsFloat():
		return fb.b.Load(lirType(result), frame, fr.floatRes)
	}
	return fb.b.Load(lirType(result), frame, fr.intRes)
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
