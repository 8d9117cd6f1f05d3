package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// Where the reference's panics in its builtin methods say they are: in
// its std/builtin sources, whatever the call (builtins.md §5: the
// method converts the error to a panic there). naturekit's methods are
// runtime calls, which report these places so that a program prints
// what it prints with the reference.
const (
	refVecSlicePos   = "std/builtin/vec.n:116:15"   // v.slice(a, b) with bad bounds
	refVecNewPos     = "std/builtin/vec.n:13:15"    // vec<T>.new(v, n) with n < 0
	refVecCapOfPos   = "std/builtin/vec.n:53:15"    // vec<T>.cap_of(n) with n < 0
	refStringCharPos = "std/builtin/string.n:10:20" // ''.char()
)

// builtinPos is the position operand of a runtime call that reports
// the reference's place pos for its panic.
func (fb *funcBuilder) builtinPos(pos string) lir.Operand {
	return fb.b.Symbol(fb.m.str(pos))
}

// checkNonNegative panics with msg at the reference's place pos when
// the i64 n is negative; a constant n is checked here.
func (fb *funcBuilder) checkNonNegative(n lir.Operand, msg, pos string) {
	if n.Kind == lir.IntOperand && n.Imm >= 0 {
		return
	}
	ok, fail := fb.newLabel("lenok"), fb.newLabel("badlen")
	fb.branch(fb.b.Compare(lir.OpSLt, n, lir.Int(lir.I64, 0)), fail, ok)
	fb.label(fail)
	fb.rtcall(lir.Void, "Panic", fb.strConst(msg), fb.builtinPos(pos))
	fb.b.Unreachable()
	fb.label(ok)
}

// builtinMethod lowers a call of a method of vec, map, set or string.
func (fb *funcBuilder) builtinMethod(e *ast.CallExpr, c *sema.Call) lir.Operand {
	i64 := func(n int64) lir.Operand { return lir.Int(lir.I64, n) }
	switch c.Method {
	case sema.VecNew, sema.VecCapOf:
		vt, ok := fb.typeOf(e).Underlying().(*sema.Vec)
		if !ok || len(e.Args) == 0 {
			break
		}
		elem := i64(elemArg(vt.Elem))
		// The call's position is for running out of memory; a negative
		// length panics at the reference's place.
		pos := fb.pos(e.Args[len(e.Args)-1].End())
		if c.Method == sema.VecCapOf {
			n := fb.hold(fb.index64(e.Args[0]))
			fb.checkNonNegative(n, "cap must be greater than 0", refVecCapOfPos)
			return fb.rtcall(lir.Ptr, "VecCapOf", elem, n, pos)
		}
		x := fb.hold(fb.toBits(fb.rvalueAs(e.Args[0], vt.Elem), vt.Elem))
		n := fb.hold(fb.index64(e.Args[1]))
		fb.checkNonNegative(n, "len must be greater than 0", refVecNewPos)
		return fb.rtcall(lir.Ptr, "VecNew", elem, x, n, pos)
	case sema.VecPush, sema.VecAppend:
		lv, et := fb.recvLvalue(c)
		var x lir.Operand
		name := "VecAppend"
		if c.Method == sema.VecPush {
			x, name = fb.toBits(fb.rvalueAs(e.Args[0], et), et), "VecPush"
		} else {
			x = fb.value(e.Args[0])
		}
		fb.store(lv, fb.rtcall(lir.Ptr, name, fb.load(lv), i64(elemArg(et)), x))
		return lir.Operand{}
	case sema.VecConcat:
		v, et := fb.recvValue(c)
		return fb.rtcall(lir.Ptr, "VecConcat", v, i64(elemArg(et)), fb.value(e.Args[0]))
	case sema.VecSlice:
		v, et := fb.recvValue(c)
		lo, hi := fb.index64(e.Args[0]), fb.index64(e.Args[1])
		return fb.rtcall(lir.Ptr, "VecSlice", v, i64(elemArg(et)), lo, hi, fb.builtinPos(refVecSlicePos))
	case sema.VecCopy:
		v, _ := fb.recvValue(c)
		return fb.rtcall(lir.I64, "VecCopy", v, fb.value(e.Args[0]))
	case sema.VecLen, sema.VecCap:
		v, _ := fb.recvValue(c)
		if c.Method == sema.VecCap {
			return fb.vecCap(v)
		}
		if n, ok := fb.knownLen(c.Recv); ok {
			return n
		}
		return fb.vecLen(v) // access.go
	case sema.VecSwap:
		v, et := fb.recvValue(c)
		fb.swap(v, et, e.Args[0], e.Args[1])
		return lir.Operand{}
	case sema.MapNew:
		if mt, ok := fb.typeOf(e).Underlying().(*sema.Map); ok {
			return fb.newMap(mt)
		}
	case sema.SetNew:
		if st, ok := fb.typeOf(e).Underlying().(*sema.Set); ok {
			return fb.rtcall(lir.Ptr, "SetNew", i64(valueKind(st.Elem)))
		}
	case sema.MapLen:
		m, _ := fb.recvValue(c)
		return fb.rtcall(lir.I64, "MapLen", m)
	case sema.MapContains, sema.MapDel, sema.SetAdd, sema.SetContains, sema.SetDel:
		m, kt := fb.recvValue(c)
		k := fb.toBits(fb.rvalueAs(e.Args[0], kt), kt)
		switch c.Method {
		case sema.MapContains:
			return fb.rtcall(lir.I8, "MapContains", m, k)
		case sema.SetContains:
			return fb.rtcall(lir.I8, "SetContains", m, k)
		}
		name := map[sema.BuiltinMethod]string{sema.MapDel: "MapDel", sema.SetAdd: "SetAdd", sema.SetDel: "SetDel"}[c.Method]
		fb.rtcall(lir.Void, name, m, k)
		return lir.Operand{}
	case sema.StringLen:
		s, _ := fb.recvValue(c)
		if n, ok := fb.knownLen(c.Recv); ok {
			return n
		}
		return fb.stringLen(s)
	case sema.StringChar:
		s, _ := fb.recvValue(c)
		return fb.rtcall(lir.I8, "StringIndex", s, i64(0), fb.builtinPos(refStringCharPos))
	case sema.VecRef, sema.StringRef:
		v, _ := fb.recvValue(c)
		return fb.dataRef(v, c.Method == sema.StringRef)
	}
	if r, ok := fb.coMethod(e, c); ok { // chan and future: coroutine.go
		return r
	}
	fb.unsupported(e, "method "+c.Method.String())
	return lir.Operand{}
}

// recvType returns the type of a built-in method's receiver, through a
// pointer, and the element (vec, set) or key (map) type.
func (fb *funcBuilder) recvType(c *sema.Call) (t, elem sema.Type) {
	t = fb.typeOf(c.Recv)
	if p := pointerElem(t); p != nil {
		t = p
	}
	switch u := t.Underlying().(type) {
	case *sema.Vec, *sema.Set:
		elem = sema.TypeParts(u)[0]
	case *sema.Map:
		elem = u.Key
	}
	return t, elem
}

// recvValue evaluates a built-in method's receiver.
func (fb *funcBuilder) recvValue(c *sema.Call) (lir.Operand, sema.Type) {
	t, elem := fb.recvType(c)
	v := fb.value(c.Recv)
	if pointerElem(fb.typeOf(c.Recv)) != nil {
		v = fb.b.Load(lirType(t), v, 0)
	}
	return v, elem
}

// recvLvalue evaluates the location of a vec method's receiver, which
// push and append write the new header to.
func (fb *funcBuilder) recvLvalue(c *sema.Call) (*lvalue, sema.Type) {
	t, elem := fb.recvType(c)
	if pointerElem(fb.typeOf(c.Recv)) != nil {
		return &lvalue{kind: lvMem, t: t, node: c.Recv, base: fb.value(c.Recv)}, elem
	}
	return fb.lvalue(c.Recv), elem
}

// swap lowers v.swap(i, j).
func (fb *funcBuilder) swap(v lir.Operand, et sema.Type, i, j ast.Expr) {
	a := fb.rtcall(lir.Ptr, "VecIndex", v, fb.index64(i), fb.pos(i.End()))
	b := fb.rtcall(lir.Ptr, "VecIndex", v, fb.index64(j), fb.pos(j.End()))
	lt := lirType(et)
	x, y := fb.b.Load(lt, a, 0), fb.b.Load(lt, b, 0)
	fb.storeMem(a, 0, y, isPointer(et))
	fb.storeMem(b, 0, x, isPointer(et))
}

// dataRef lowers v.ref() and s.ref(), the anyptr C code reads: the Data
// word of the vec or string header (the element buffer, the bytes). An
// empty vec (nil) gives 0; an empty string gives a pointer to a NUL
// byte, so that it is a C string.
func (fb *funcBuilder) dataRef(v lir.Operand, str bool) lir.Operand {
	r := fb.temp(lir.I64)
	empty, full, done := fb.newLabel("ref.empty"), fb.newLabel("ref.data"), fb.newLabel("ref.done")
	fb.branch(fb.b.Compare(lir.OpEq, v, lir.Int(lir.Ptr, 0)), empty, full)
	fb.label(empty)
	if str {
		fb.b.Assign(r, fb.b.Load(lir.I64, fb.b.Symbol(fb.m.str("\x00")), 0))
	} else {
		fb.b.Assign(r, lir.Int(lir.I64, 0))
	}
	fb.jump(done)
	fb.label(full)
	fb.b.Assign(r, fb.b.Load(lir.I64, v, 0))
	fb.label(done)
	return fb.f.Reg(r)
}
