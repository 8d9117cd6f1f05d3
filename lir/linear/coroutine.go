package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Coroutines, futures, channels and select (spec/concurrency.md;
// docs/runtime-abi.md "Coroutines" has the entry points).
//
// go f(a, b) (and @async(f(a, b), flags)) evaluates what the call needs
// — the arguments, a method's receiver, a closure or interface value —
// in the spawning coroutine, stores them in an env object (or, when
// they are one i64 or ptr word, passes that word as the env), and calls
// CoSpawn(thunk, env, flags), which returns the future. The thunk, one
// per go expression,
//
//	func @<spawner>.go.N(ptr env, ptr future) i64
//
// loads them back, makes the call and returns the result's bits (toBits)
// for the future. An errable call gets the thunk's own error slot; when
// it raises, the thunk adds the go expression's frame (the spawner's name
// at the call's '(', where the reference's backtraces put it) to the
// trace and hands the message to CoFail, which gives it to a coroutine
// blocked awaiting the future or reports it as uncaught.
//
// Channels are runtime objects; a value travels as its bits. Errable
// channel methods get the error message from their entry point (nil on
// success) and raise it at the call (raiseIfMsg). A receive's value comes
// back through an 8-byte stack slot. select lays its arms out in a stack
// slot as abi.SelCase records, in source order, evaluating each arm's
// channel and value once, and dispatches on the index Select returns.

// goKind is how a thunk makes its call.
type goKind int

const (
	goDirect    goKind = iota // call @sym(vals...)
	goClosure                 // vals[0] is a closure: callind its code(vals...)
	goInterface               // vals[0] is an interface value: its method idx
)

// goCall is what a thunk needs to make the call of a go expression.
type goCall struct {
	kind    goKind
	sym     string
	idx     int
	ts      []lir.Type
	result  sema.Type
	errable bool
	// recvCopy: vals[0] is a struct receiver the thunk copies first.
	recvCopy sema.Type
	// direct: the call needs one word (ts[0], an i64 or a ptr), which
	// is the env itself rather than the content of an env object.
	direct bool
}

// valueRecv returns the type of method call c's receiver when it is an
// aggregate passed by value (a self method), else nil.
func (fb *funcBuilder) valueRecv(c *sema.Call) sema.Type {
	if c.Func == nil || c.Recv == nil {
		return nil
	}
	sig := c.Func.Signature()
	if c.Sig != nil && c.Sig.Recv != nil {
		sig = c.Sig
	}
	if sig.RecvMode != sema.RecvValue || sig.Recv == nil {
		return nil
	}
	if t := fb.subst(sig.Recv.Type()); isAggregate(t) {
		return t
	}
	return nil
}

// spawn lowers go x (x a call) with the placement flags, returning the
// future.
func (fb *funcBuilder) spawn(n ast.Node, x ast.Expr, flags lir.Operand) lir.Operand {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok {
		fb.unsupported(n, "go of something that is not a call")
	}
	c := fb.m.info.Calls[call]
	if c == nil {
		fb.unsupported(call, "this go call")
	}
	plain := *c
	plain.Errable = false // the thunk passes its own error slot
	gc := &goCall{result: fb.subst(c.Sig.Result), errable: c.Errable && isUserCall(c.Kind)}
	var vals []lir.Operand
	switch c.Kind {
	case sema.CallFunc, sema.CallStatic:
		if isCCall(c.Func) {
			fb.unsupported(call, "go of a C function")
		}
		gc.sym = fb.calleeSym(call, c)
		vals = fb.args(call, &plain)
	case sema.CallMethod:
		gc.sym = fb.calleeSym(call, c)
		var recv lir.Operand
		if t := fb.valueRecv(c); t != nil {
			// A struct self receiver is copied when the call runs, as
			// the reference does: go v.m() sees v as it is then.
			recv, gc.recvCopy = fb.hold(fb.value(c.Recv)), t
		} else {
			recv = fb.hold(fb.receiver(call, c))
		}
		vals = append([]lir.Operand{recv}, fb.args(call, &plain)...)
	case sema.CallClosure:
		clo := fb.hold(fb.value(call.Fun))
		gc.kind = goClosure
		vals = append([]lir.Operand{clo}, fb.args(call, &plain)...)
	case sema.CallInterface:
		it := fb.typeOf(c.Recv)
		idx := -1
		if c.Func != nil {
			idx = methodIndex(it, c.Func.Name())
		}
		if !isIface(it) || idx < 0 {
			fb.unsupported(call, "this go call")
		}
		gc.kind, gc.idx = goInterface, idx
		v := fb.hold(fb.value(c.Recv))
		vals = append([]lir.Operand{v}, fb.args(call, &plain)...)
	default:
		fb.unsupported(call, "go of a "+c.Kind.String()+" call")
	}
	env := lir.Int(lir.Ptr, 0)
	if len(vals) == 1 && (vals[0].Type == lir.I64 || vals[0].Type == lir.Ptr) {
		// One word is the env itself: the coroutine's record holds it
		// where the collector scans it (conservatively), so an integer
		// costs nothing and a pointer stays reachable, without an
		// allocation per spawn.
		gc.direct = true
		gc.ts = []lir.Type{vals[0].Type}
		env = vals[0]
		if env.Type != lir.Ptr {
			env = fb.b.Convert(lir.OpBitcast, lir.Ptr, env)
		}
		env = fb.hold(env)
	} else if len(vals) > 0 {
		ptrs := make([]bool, len(vals))
		for i, v := range vals {
			vals[i] = fb.hold(v)
			gc.ts = append(gc.ts, v.Type)
			ptrs[i] = v.Type == lir.Ptr // a non-heap address is harmless to trace
		}
		l := newLayout(gc.ts, ptrs)
		obj := fb.hold(fb.alloc(l, abi.TypeKindStruct))
		for i, v := range vals {
			fb.storeMem(obj, l.offs[i], v, l.ptrs[i])
		}
		env = obj
	}
	m := fb.m
	key := fb.f.Name + ".go"
	num := m.lambdas[key]
	m.lambdas[key] = num + 1
	sym := fb.f.Name + ".go." + strconv.Itoa(num)
	frame := m.frame(fb.f.SourceName, m.posString(call.Lparen+1))
	m.queue = append(m.queue, func() { m.buildThunk(sym, gc, frame) })
	return fb.rtcall(lir.Ptr, "CoSpawn", fb.b.Symbol(sym), env, flags)
}

// buildThunk makes the function a coroutine of a go expression runs.
func (m *moduleBuilder) buildThunk(sym string, gc *goCall, frame string) {
	fb := m.helper(sym, lir.I64, lir.Ptr, lir.Ptr)
	fb.run(func() {
		b := fb.b
		env, fut := b.Param(0), b.Param(1)
		var vals []lir.Operand
		if gc.direct {
			v := env
			if gc.ts[0] != lir.Ptr {
				v = b.Convert(lir.OpBitcast, gc.ts[0], env)
			}
			vals = append(vals, v)
		} else if len(gc.ts) > 0 {
			l := newLayout(gc.ts, make([]bool, len(gc.ts)))
			for i, t := range gc.ts {
				vals = append(vals, b.Load(t, env, l.offs[i]))
			}
		}
		if gc.recvCopy != nil {
			vals[0] = fb.copyValue(vals[0], gc.recvCopy)
		}
		var slot lir.Operand
		if gc.errable {
			slot = b.Slot(abi.ErrSlotSize, 8)
			b.Store(lir.Int(lir.Ptr, 0), slot, abi.ErrSlotOffErr)
			vals = append(vals, slot)
		}
		rt := lirType(gc.result)
		var r lir.Operand
		switch gc.kind {
		case goDirect:
			r = b.Call(lir.OpCall, rt, b.Symbol(gc.sym), vals...)
		case goClosure:
			code := b.Load(lir.Ptr, vals[0], abi.ClosureOffFn)
			r = b.Call(lir.OpCallInd, rt, code, vals...)
		case goInterface:
			tab := b.Load(lir.Ptr, vals[0], abi.IfaceOffItab)
			code := b.Load(lir.Ptr, tab, abi.ItabOffFn+8*int64(gc.idx))
			data := b.Load(lir.Ptr, vals[0], abi.IfaceOffValue)
			r = b.Call(lir.OpCallInd, rt, code, append([]lir.Operand{data}, vals[1:]...)...)
		}
		if gc.errable {
			r = fb.hold(r)
			err := b.Load(lir.Ptr, slot, abi.ErrSlotOffErr)
			fail, ok := fb.newLabel("raised"), fb.newLabel("noerr")
			fb.branch(b.Compare(lir.OpNe, err, lir.Int(lir.Ptr, 0)), fail, ok)
			fb.label(fail)
			tr := b.Load(lir.Ptr, slot, abi.ErrSlotOffTrace)
			tr = fb.rtcall(lir.Ptr, "VecPush", tr, lir.Int(lir.I64, abi.ErrTraceElem), b.Convert(lir.OpBitcast, lir.I64, b.Symbol(frame)))
			tr = fb.hold(tr)
			msg := fb.errMsg(b.Load(lir.Ptr, slot, abi.ErrSlotOffErr))
			fb.rtcall(lir.Void, "CoFail", fut, msg, tr)
			b.Return(lir.Int(lir.I64, 0))
			fb.label(ok)
		}
		if rt == lir.Void {
			b.Return(lir.Int(lir.I64, 0))
		} else {
			b.Return(fb.toBits(r, gc.result))
		}
		fb.dead = true
	})
}

// goExpr lowers go call.
func (fb *funcBuilder) goExpr(e *ast.GoExpr) lir.Operand {
	return fb.spawn(e, e.Call, lir.Int(lir.I64, 0))
}

// asyncMacro lowers @async(call[, flags]).
func (fb *funcBuilder) asyncMacro(e *ast.MacroExpr) lir.Operand {
	flags := lir.Operand(lir.Int(lir.I64, 0))
	if len(e.Args) > 1 {
		flags = fb.hold(fb.valueAs(e.Args[1], sema.Int))
	}
	if len(e.Args) == 0 {
		fb.unsupported(e, "@async without a call")
	}
	return fb.spawn(e, e.Args[0], flags)
}

// chanElem returns the element type of channel type t.
func chanElem(t sema.Type) sema.Type {
	if p := pointerElem(t); p != nil {
		t = p
	}
	if ct, ok := t.Underlying().(*sema.Chan); ok {
		return ct.Elem
	}
	return nil
}

// coMethod lowers the built-in methods of chan<T> and future_t<T>.
func (fb *funcBuilder) coMethod(e *ast.CallExpr, c *sema.Call) (lir.Operand, bool) {
	i64 := func(n int64) lir.Operand { return lir.Int(lir.I64, n) }
	switch c.Method {
	case sema.ChanNew:
		et := chanElem(fb.typeOf(e))
		if et == nil {
			return lir.Operand{}, false
		}
		capacity := i64(0)
		if len(e.Args) > 0 {
			capacity = fb.index64(e.Args[0])
		}
		elemPtr := int64(0)
		if isPointer(et) {
			elemPtr = 1
		}
		return fb.rtcall(lir.Ptr, "ChanNew", lir.Int(lir.I8, elemPtr), capacity, fb.pos(e.End())), true
	case sema.FutureAwait, sema.FutureAwaitVoid:
		f := fb.hold(fb.value(c.Recv))
		bits := fb.hold(fb.rtcall(lir.I64, "FutureAwait", f))
		fb.raiseIfMsg(e, fb.rtcall(lir.Ptr, "FutureErr", f))
		t := fb.subst(c.Sig.Result)
		if c.Method == sema.FutureAwaitVoid || lirType(t) == lir.Void {
			return lir.Operand{}, true
		}
		v := fb.fromBits(bits, t)
		if isAggregate(t) {
			v = fb.copyValue(v, t) // each await gets its own value
		}
		return v, true
	}
	et := chanElem(fb.typeOf(c.Recv))
	if et == nil {
		return lir.Operand{}, false
	}
	et = fb.subst(et)
	switch c.Method {
	case sema.ChanSend:
		ch := fb.hold(fb.value(c.Recv))
		x := fb.toBits(fb.rvalueAs(e.Args[0], et), et)
		fb.raiseIfMsg(e, fb.rtcall(lir.Ptr, "ChanSend", ch, x))
		return lir.Operand{}, true
	case sema.ChanRecv:
		ch := fb.value(c.Recv)
		out := fb.b.Slot(8, 8)
		fb.raiseIfMsg(e, fb.rtcall(lir.Ptr, "ChanRecv", ch, out))
		return fb.fromBits(fb.b.Load(lir.I64, out, 0), et), true
	case sema.ChanTrySend:
		ch := fb.hold(fb.value(c.Recv))
		x := fb.toBits(fb.rvalueAs(e.Args[0], et), et)
		out := fb.b.Slot(8, 8)
		fb.raiseIfMsg(e, fb.rtcall(lir.Ptr, "ChanTrySend", ch, x, out))
		return fb.b.Load(lir.I8, out, 0), true
	case sema.ChanTryRecv:
		ch := fb.value(c.Recv)
		out := fb.b.Slot(8, 8)
		ok := fb.hold(fb.rtcall(lir.I8, "ChanTryRecv", ch, out))
		v := fb.hold(fb.received(e, fb.b.Load(lir.I64, out, 0), et))
		t := fb.subst(c.Sig.Result)
		l := aggregateLayout(t)
		if len(l.ts) != 2 {
			return lir.Operand{}, false
		}
		obj := fb.hold(fb.alloc(l, abi.TypeKindStruct))
		fb.storeMem(obj, l.offs[0], v, l.ptrs[0])
		fb.b.Store(ok, obj, l.offs[1])
		return obj, true
	case sema.ChanClose:
		ch := fb.value(c.Recv)
		fb.raiseIfMsg(e, fb.rtcall(lir.Ptr, "ChanClose", ch))
		return lir.Operand{}, true
	case sema.ChanIsClosed:
		return fb.rtcall(lir.I8, "ChanIsClosed", fb.value(c.Recv)), true
	case sema.ChanIsSuccessful:
		return fb.rtcall(lir.I8, "ChanIsSuccessful", fb.value(c.Recv)), true
	}
	return lir.Operand{}, false
}

// received returns the value of type et whose bits a receive gave:
// zero bits, from a closed channel or a try_recv that found nothing, are
// the zero value, which for some types is an object made here.
func (fb *funcBuilder) received(n ast.Node, bits lir.Operand, et sema.Type) lir.Operand {
	if !needsZeroObject(et) {
		return fb.fromBits(bits, et)
	}
	bits = fb.hold(bits)
	r := fb.temp(lirType(et))
	isZero, got, done := fb.newLabel("zerorecv"), fb.newLabel("recvd"), fb.newLabel("endrecv")
	fb.branch(fb.b.Compare(lir.OpEq, bits, lir.Int(lir.I64, 0)), isZero, got)
	fb.label(isZero)
	fb.b.Assign(r, fb.zero(n, et))
	fb.jump(done)
	fb.label(got)
	fb.b.Assign(r, fb.fromBits(bits, et))
	fb.jump(done)
	fb.label(done)
	return fb.f.Reg(r)
}

// chanIter lowers for v in ch: receive until the channel is closed and
// drained (spec/README.md's decision; the reference loops forever).
func (fb *funcBuilder) chanIter(s *ast.ForInStmt, fi *sema.ForIn) {
	et := chanElem(fi.X)
	if et == nil {
		fb.unsupported(s, "iterating over "+fi.X.String())
	}
	ch := fb.hold(fb.value(s.X))
	v := fi.Key
	if v != nil {
		fb.declare(v, fb.zero(s, fb.varType(v)))
	}
	out := fb.b.Slot(8, 8)
	head, body, done := fb.newLabel("loop"), fb.newLabel("body"), fb.newLabel("endloop")
	fb.label(head)
	fb.branch(fb.rtcall(lir.I8, "ChanNext", ch, out), body, done)
	fb.label(body)
	fb.iterVar(s, v, fb.fromBits(fb.b.Load(lir.I64, out, 0), et))
	fb.loopBody(s.Body, done, head)
	fb.backEdge(head)
	fb.label(done)
}

// selectStmt lowers select { arms }.
func (fb *funcBuilder) selectStmt(s *ast.SelectStmt) {
	type arm struct {
		a    *ast.SelectArm
		kind int64
		et   sema.Type
	}
	var arms []arm
	var dflt *ast.SelectArm
	for _, a := range s.Arms {
		if id, ok := a.Call.(*ast.Ident); ok && id.Name == "_" {
			dflt = a
			continue
		}
		call, ok := ast.Unparen(a.Call).(*ast.CallExpr)
		if !ok {
			fb.unsupported(a.Call, "this select arm")
		}
		c := fb.m.info.Calls[call]
		if c == nil || c.Kind != sema.CallBuiltinMethod || (c.Method != sema.ChanOnRecv && c.Method != sema.ChanOnSend) {
			fb.unsupported(a.Call, "this select arm")
		}
		kind := int64(abi.SelRecv)
		if c.Method == sema.ChanOnSend {
			kind = abi.SelSend
		}
		arms = append(arms, arm{a, kind, fb.subst(chanElem(fb.typeOf(c.Recv)))})
	}
	n := int64(len(arms))
	cases := lir.Operand(lir.Int(lir.Ptr, 0))
	if n > 0 {
		cases = fb.b.Slot(n*abi.SelCaseSize, 8)
	}
	// The arms' channels and values, once each, in source order.
	for i, ar := range arms {
		call := ast.Unparen(ar.a.Call).(*ast.CallExpr)
		c := fb.m.info.Calls[call]
		off := int64(i) * abi.SelCaseSize
		fb.b.Store(fb.value(c.Recv), cases, off+abi.SelCaseOffChan)
		fb.b.Store(lir.Int(lir.I64, ar.kind), cases, off+abi.SelCaseOffKind)
		var x lir.Operand = lir.Int(lir.I64, 0)
		if ar.kind == abi.SelSend && len(call.Args) > 0 {
			x = fb.toBits(fb.rvalueAs(call.Args[0], ar.et), ar.et)
		}
		fb.b.Store(x, cases, off+abi.SelCaseOffVal)
	}
	nonblocking := int64(0)
	if dflt != nil {
		nonblocking = 1
	}
	idx := fb.hold(fb.rtcall(lir.I64, "Select", cases, lir.Int(lir.I64, n), lir.Int(lir.I8, nonblocking)))
	done := fb.newLabel("endselect")
	for i, ar := range arms {
		body, next := fb.newLabel("selarm"), fb.newLabel("selnext")
		fb.branch(fb.b.Compare(lir.OpEq, idx, lir.Int(lir.I64, int64(i))), body, next)
		fb.label(body)
		fb.openBlock()
		if ar.kind == abi.SelRecv && ar.a.Var != nil {
			if v, ok := fb.m.info.Defs[ar.a.Var].(*sema.Var); ok && v != nil {
				bits := fb.b.Load(lir.I64, cases, int64(i)*abi.SelCaseSize+abi.SelCaseOffVal)
				fb.declare(v, fb.received(ar.a.Var, bits, ar.et))
			}
		}
		fb.stmts(ar.a.Body.List)
		fb.closeBlock()
		if !fb.dead {
			fb.jump(done)
		}
		fb.label(next)
	}
	if dflt != nil {
		fb.block(dflt.Body.List)
	} else if n == 0 {
		fb.b.Unreachable() // select {} blocks forever
		fb.dead = true
	}
	if !fb.dead {
		fb.jump(done)
	}
	fb.label(done)
}
