package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Errors (docs/runtime-abi.md, "Errors"; spec/semantics.md §7). An
// errable function (fn f():T!) takes one more parameter, last: the
// address of an error slot, two words in a caller's frame,
//
//	0  the error being raised: an interface value of throwable, nil while there is none
//	8  its trace: a vec of the addresses of read-only frame records {name, pos}
//
// The slot is nil-error whenever an errable function is called. To
// raise, a function stores the error (throw: and a one-frame trace) in
// its slot, runs its defers and returns; its caller, which passed the
// slot, loads the error word after the call and, when it is set, either
// adds its own frame to the trace and does the same (the error
// propagates), or clears it and runs the handler of the catch it is in.
// An errable call outside any catch passes the function's own slot on,
// so an error thrown ten calls deep is stored once, in the slot of the
// catch that handles it. Functions that call no errable function pay
// nothing; an errable call pays one more argument, a load and a branch.
//
// fn main is errable without a parameter: its slot is a stack slot of
// its own, and an error leaving it is reported by rt.lang.ErrUncaught
// with its trace. Thunks and adapters pass the slot through and leave
// the check to their caller, so they never appear in a backtrace.
//
// A catch (x catch e {...} or try {...} catch e {...}) uses the
// function's catch slot, a stack slot made on first use and cleared at
// the function's entry. Inside a catch, run-time errors the reference
// lets a catch intercept (spec/builtins.md §4.2: index out of range, bad
// slice bounds, missing map key, failed type assertion) are checked
// inline and raised as errors of dynamic type ptr<errort> (is_panic
// set), which is not ref<errort>, as in the reference; outside a catch
// they panic as before. A throw inside a try block is caught by it
// (spec/README.md's decision; the reference lets it escape).

// flowState is what a function builder keeps about errors and defers.
type flowState struct {
	// errp is the error slot errable calls outside a catch pass and
	// throw fills: the function's last parameter, or main's slot. No
	// operand (NoOperand) when the function cannot raise.
	errp lir.Operand
	main bool // an error leaving the function is uncaught: fn main

	slot    lir.Operand // the catch slot, made on first use
	hasSlot bool

	catches []*catchCtx   // the catches the code being lowered is in
	blocks  []*blockScope // the blocks it is in, outermost first (defer.go)
	// floor: the blocks below it belong to code whose defers are
	// running; they do not run again.
	floor int
}

// catchCtx is one catch expression's left operand or try block.
type catchCtx struct {
	handler lir.BlockID
	err     lir.Value // the error, on entry to the handler
	depth   int       // len(blocks) at the catch: raising leaves the blocks above
	used    bool      // something raises to the handler
}

// universe returns the predeclared object name (throwable, errort).
func (m *moduleBuilder) universe(name string) sema.Object {
	s := m.info.Main.Scope
	for s != nil && s.Parent() != nil {
		s = s.Parent()
	}
	if s == nil {
		return nil
	}
	return s.Lookup(name)
}

// universeType returns the predeclared type name, or nil.
func (m *moduleBuilder) universeType(name string) sema.Type {
	if tn, ok := m.universe(name).(*sema.TypeName); ok {
		return tn.Type()
	}
	return nil
}

// isErrortMsg reports whether fn is errort.msg, the predeclared method
// without a body that the module defines (errortMsgSym).
func (m *moduleBuilder) isErrortMsg(fn *sema.Func) bool {
	if fn == nil || fn.Decl != nil || fn.Lit != nil || fn.Name() != "msg" || fn.RecvType == nil {
		return false
	}
	et := m.universeType("errort")
	return et != nil && sema.Identical(fn.RecvType, et)
}

// errortMsgSym returns the function of errort.msg: the message field.
func (m *moduleBuilder) errortMsgSym() string {
	const sym = "builtin.errort.msg"
	if m.errt.builtins[sym] {
		return sym
	}
	m.markBuiltin(sym)
	m.queue = append(m.queue, func() {
		fb := m.helper(sym, lir.Ptr, lir.Ptr)
		fb.run(func() {
			l := aggregateLayout(m.universeType("errort"))
			fb.b.Return(fb.b.Load(lir.Ptr, fb.b.Param(0), l.offs[0]))
			fb.dead = true
		})
	})
	return sym
}

// rterrorSym returns the function making a run-time error from its
// message: a new errort {msg, is_panic: true} as an interface value of
// throwable whose dynamic type is ptr<errort>.
func (m *moduleBuilder) rterrorSym(n ast.Node) string {
	const sym = "builtin.rterror"
	if m.errt.builtins[sym] {
		return sym
	}
	et, tt := m.universeType("errort"), m.universeType("throwable")
	if et == nil || tt == nil {
		return ""
	}
	tab := m.itabFor(n, &sema.Pointer{Kind: sema.Ptr, Elem: et}, tt)
	if tab == nil {
		return ""
	}
	m.markBuiltin(sym)
	m.queue = append(m.queue, func() {
		fb := m.helper(sym, lir.Ptr, lir.Ptr)
		fb.run(func() {
			obj := fb.newErrort(fb.b.Param(0), true)
			fb.b.Return(fb.rtcall(lir.Ptr, "IfaceBox", fb.b.Symbol(tab.sym), fb.toBits(obj, et)))
			fb.dead = true
		})
	})
	return sym
}

// errTables are the module's error data: frame records and the
// generated functions made so far.
type errTables struct {
	frames   map[string]string // name, pos -> frame record
	builtins map[string]bool
}

func (m *moduleBuilder) markBuiltin(sym string) {
	if m.errt.builtins == nil {
		m.errt.builtins = map[string]bool{}
	}
	m.errt.builtins[sym] = true
}

// helper starts a generated function.
func (m *moduleBuilder) helper(sym string, result lir.Type, params ...lir.Type) *funcBuilder {
	f := lir.NewFunc(sym, result, params...)
	return &funcBuilder{m: m, f: f, b: lir.NewBuilder(f), vars: map[*sema.Var]*variable{}}
}

// newErrort allocates an errort holding message msg.
func (fb *funcBuilder) newErrort(msg lir.Operand, isPanic bool) lir.Operand {
	et := fb.m.universeType("errort")
	l := aggregateLayout(et)
	obj := fb.hold(fb.alloc(l, abi.TypeKindStruct))
	fb.storeMem(obj, l.offs[0], msg, l.ptrs[0])
	if isPanic {
		fb.b.Store(lir.Int(lir.I8, 1), obj, l.offs[1])
	}
	return obj
}

// errorf lowers errorf(format, args...): a new ref<errort> whose
// message the runtime formats (Sprintf).
func (fb *funcBuilder) errorf(e *ast.CallExpr, c *sema.Call) lir.Operand {
	if fb.m.universeType("errort") == nil {
		fb.unsupported(e, "errorf")
	}
	args := fb.args(e, c)
	if len(args) != 2 {
		fb.unsupported(e, "this errorf call")
	}
	return fb.newErrort(fb.rtcall(lir.Ptr, "Sprintf", args[0], args[1]), false)
}

// frame returns the read-only frame record of a trace: function name
// and position.
func (m *moduleBuilder) frame(name, pos string) string {
	key := name + "\x00" + pos
	if sym, ok := m.errt.frames[key]; ok {
		return sym
	}
	if m.errt.frames == nil {
		m.errt.frames = map[string]string{}
	}
	sym := "main.frame." + strconv.Itoa(len(m.errt.frames))
	m.errt.frames[key] = sym
	m.global(sym, true, 8,
		lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: m.str(name)},
		lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: m.str(pos)})
	return sym
}

// pushFrame adds this function's frame at position end to the trace in
// slot.
func (fb *funcBuilder) pushFrame(slot lir.Operand, tr lir.Operand, end lex.Pos) {
	rec := fb.b.Symbol(fb.m.frame(fb.f.SourceName, fb.m.posString(end)))
	tr = fb.rtcall(lir.Ptr, "VecPush", tr, lir.Int(lir.I64, abi.ErrTraceElem), fb.b.Convert(lir.OpBitcast, lir.I64, rec))
	fb.b.Store(tr, slot, abi.ErrSlotOffTrace)
}

// catchSlot returns the function's catch slot, making it (cleared at
// the entry) on first use.
func (fb *funcBuilder) catchSlot() lir.Operand {
	if !fb.flow.hasSlot {
		fb.flow.slot = fb.entrySlot()
		fb.flow.hasSlot = true
	}
	return fb.flow.slot
}

// entrySlot makes an error slot whose error word is cleared by the
// function's first instruction.
func (fb *funcBuilder) entrySlot() lir.Operand {
	slot := fb.b.Slot(abi.ErrSlotSize, 8)
	f := fb.f
	id := f.NewInstr(&lir.Store{Val: lir.Int(lir.Ptr, 0), Addr: slot, Off: abi.ErrSlotOffErr})
	f.Linear = append([]lir.InstrID{id}, f.Linear...)
	return slot
}

// beginMain marks main: it is errable without a parameter (its slot is
// made on first use), and an error leaving it is uncaught.
func (fb *funcBuilder) beginMain() {
	fb.flow.main = true
}

// ownSlot returns the function's own error slot: its parameter, or
// main's stack slot; NoOperand when it has none (it cannot raise).
func (fb *funcBuilder) ownSlot() lir.Operand {
	if fb.flow.main && fb.flow.errp.Kind == lir.NoOperand {
		fb.flow.errp = fb.entrySlot()
	}
	return fb.flow.errp
}

// errTarget returns the slot an errable call made here passes: the
// catch slot inside a catch, else the function's own.
func (fb *funcBuilder) errTarget(n ast.Node) lir.Operand {
	if len(fb.flow.catches) > 0 {
		return fb.catchSlot()
	}
	slot := fb.ownSlot()
	if slot.Kind == lir.NoOperand {
		fb.unsupported(n, "calling an errable function here")
	}
	return slot
}

// catchTop returns the innermost catch the code being lowered is in, or
// nil.
func (fb *funcBuilder) catchTop() *catchCtx {
	if n := len(fb.flow.catches); n > 0 {
		return fb.flow.catches[n-1]
	}
	return nil
}

// isUserCall reports whether a call of kind k goes to Nature code, which
// takes the error slot when it is errable.
func isUserCall(k sema.CallKind) bool {
	switch k {
	case sema.CallFunc, sema.CallStatic, sema.CallMethod, sema.CallInterface, sema.CallClosure:
		return true
	}
	return false
}

// errableCall lowers a call of an errable function and checks its
// error slot afterwards.
func (fb *funcBuilder) errableCall(e *ast.CallExpr, c *sema.Call) lir.Operand {
	if !isUserCall(c.Kind) {
		// An errable built-in method (chan.send, ...) raises its error
		// itself, with raiseIfMsg.
		return fb.callKind(e, c)
	}
	r := fb.callKind(e, c)
	fb.checkErr(e)
	return r
}

// checkErr follows an errable call: when the callee raised, the error
// goes to the innermost catch or propagates out of the function.
func (fb *funcBuilder) checkErr(e *ast.CallExpr) {
	if fb.fn == nil {
		return // a thunk or an adapter: its caller checks the same slot
	}
	slot := fb.errTarget(e)
	err := fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffErr)
	fail, ok := fb.newLabel("raised"), fb.newLabel("noerr")
	fb.branch(fb.b.Compare(lir.OpNe, err, lir.Int(lir.Ptr, 0)), fail, ok)
	fb.label(fail)
	if ctx := fb.catchTop(); ctx != nil {
		fb.b.Store(lir.Int(lir.Ptr, 0), slot, abi.ErrSlotOffErr)
		fb.raise(ctx, err)
	} else {
		tr := fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffTrace)
		fb.pushFrame(slot, tr, fb.m.refEnd(e))
		fb.leave()
	}
	fb.label(ok)
}

// raise hands error err (a throwable) to catch ctx: the blocks inside
// the catch end (their defers run), then its handler runs.
func (fb *funcBuilder) raise(ctx *catchCtx, err lir.Operand) {
	ctx.used = true
	err = fb.hold(err)
	fb.runDefers(ctx.depth)
	if fb.dead {
		return
	}
	fb.b.Assign(ctx.err, err)
	fb.jump(ctx.handler)
}

// raiseRuntime raises the run-time error of message msg (a String) to
// ctx.
func (fb *funcBuilder) raiseRuntime(n ast.Node, ctx *catchCtx, msg lir.Operand) {
	sym := fb.m.rterrorSym(n)
	if sym == "" {
		fb.unsupported(n, "catching a run-time error")
	}
	fb.raise(ctx, fb.b.Call(lir.OpCall, lir.Ptr, fb.b.Symbol(sym), msg))
}

// leave ends the function with the error in its slot: its defers run
// (an error one of them raises replaces it), then it returns, or in main
// the error is reported as uncaught.
func (fb *funcBuilder) leave() {
	slot := fb.flow.errp
	if fb.pendingDefers(fb.flow.floor) {
		err := fb.hold(fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffErr))
		tr := fb.hold(fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffTrace))
		fb.b.Store(lir.Int(lir.Ptr, 0), slot, abi.ErrSlotOffErr)
		fb.runDefers(fb.flow.floor)
		if fb.dead {
			return
		}
		fb.b.Store(err, slot, abi.ErrSlotOffErr)
		fb.b.Store(tr, slot, abi.ErrSlotOffTrace)
	}
	if !fb.flow.main {
		fb.b.Return(zeroOperand(fb.f.Result))
		fb.dead = true
		return
	}
	err := fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffErr)
	tr := fb.b.Load(lir.Ptr, slot, abi.ErrSlotOffTrace)
	fb.rtcall(lir.Void, "ErrUncaught", fb.errMsg(err), tr)
	fb.b.Unreachable()
	fb.dead = true
}

// zeroOperand returns the zero of LIR type t (no operand for void).
func zeroOperand(t lir.Type) lir.Operand {
	switch t {
	case lir.Void:
		return lir.Operand{}
	case lir.F32, lir.F64:
		return lir.Float(t, 0)
	}
	return lir.Int(t, 0)
}

// errMsg calls msg() on err, a throwable: method 0 of its table.
func (fb *funcBuilder) errMsg(err lir.Operand) lir.Operand {
	tab := fb.b.Load(lir.Ptr, err, abi.IfaceOffItab)
	code := fb.b.Load(lir.Ptr, tab, abi.ItabOffFn)
	data := fb.b.Load(lir.Ptr, err, abi.IfaceOffValue)
	return fb.b.Call(lir.OpCallInd, lir.Ptr, code, data)
}

// throwStmt lowers throw x: x (a throwable) is raised with a trace of
// one frame, this function at x.
func (fb *funcBuilder) throwStmt(s *ast.ThrowStmt) {
	fb.throwValue(s, fb.value(s.X), fb.m.refEnd(s.X))
}

// throwValue raises err (a throwable) at position end of node n: to the
// innermost catch, or out of the function with a trace of one frame.
func (fb *funcBuilder) throwValue(n ast.Node, err lir.Operand, end lex.Pos) {
	err = fb.hold(err)
	if ctx := fb.catchTop(); ctx != nil {
		fb.raise(ctx, err)
		return
	}
	slot := fb.ownSlot()
	if slot.Kind == lir.NoOperand {
		fb.unsupported(n, "raising an error here")
	}
	fb.b.Store(err, slot, abi.ErrSlotOffErr)
	fb.pushFrame(slot, lir.Int(lir.Ptr, 0), end)
	fb.leave()
}

// raiseIfMsg is how an errable built-in method raises its error (the
// runtime entry point returns the message, nil when all went well): a
// ref<errort> with message msg thrown at call e.
func (fb *funcBuilder) raiseIfMsg(e ast.Expr, msg lir.Operand) {
	et, tt := fb.m.universeType("errort"), fb.m.universeType("throwable")
	ref := &sema.Pointer{Kind: sema.Ref, Elem: et}
	msg = fb.hold(msg)
	ok, fail := fb.newLabel("noerr"), fb.newLabel("raised")
	fb.branch(fb.b.Compare(lir.OpEq, msg, lir.Int(lir.Ptr, 0)), ok, fail)
	fb.label(fail)
	fb.throwValue(e, fb.toIface(e, fb.newErrort(msg, false), ref, tt), fb.m.refEnd(e))
	fb.label(ok)
}

// beginCatch starts the left operand of a catch or a try block.
func (fb *funcBuilder) beginCatch() *catchCtx {
	ctx := &catchCtx{handler: fb.newLabel("catch"), err: fb.temp(lir.Ptr), depth: len(fb.flow.blocks)}
	fb.flow.catches = append(fb.flow.catches, ctx)
	return ctx
}

// endCatch ends what beginCatch started.
func (fb *funcBuilder) endCatch() {
	fb.flow.catches = fb.flow.catches[:len(fb.flow.catches)-1]
}

// catchVar declares the error variable of a catch (n is the CatchExpr or
// TryStmt) in the handler.
func (fb *funcBuilder) catchVar(n ast.Node, ctx *catchCtx) {
	if v, ok := fb.m.info.Implicits[n].(*sema.Var); ok && v != nil {
		fb.declare(v, fb.f.Reg(ctx.err))
	}
}

// catchExpr lowers x catch e { body }: x's value, or when an error is
// raised in x, the body's, which is its last expression statement (the
// zero value when it has none). A catch used as a statement (stmt) has
// no value.
func (fb *funcBuilder) catchExpr(e *ast.CatchExpr, stmt bool) lir.Operand {
	t := fb.typeOf(e)
	hasValue := !stmt && lirType(t) != lir.Void
	var r lir.Value
	if hasValue {
		r = fb.temp(lirType(t))
	}
	done := fb.newLabel("endcatch")
	ctx := fb.beginCatch()
	var x lir.Operand
	if hasValue {
		x = fb.valueAs(e.X, t)
	} else {
		fb.expr(e.X)
	}
	fb.endCatch()
	if !fb.dead {
		if hasValue {
			fb.b.Assign(r, x)
		}
		fb.jump(done)
	}
	if ctx.used {
		fb.label(ctx.handler)
		fb.openBlock()
		fb.catchVar(e, ctx)
		if !fb.blockValue(e.Body.List, t, hasValue, r) && hasValue && !fb.dead {
			fb.b.Assign(r, fb.zero(e, t))
		}
		fb.closeBlock()
		if !fb.dead {
			fb.jump(done)
		}
	}
	fb.label(done)
	if !hasValue {
		return lir.Operand{}
	}
	return fb.f.Reg(r)
}

// tryStmt lowers try { body } catch e { handler }: an error raised by an
// errable call, a throw or a catchable run-time error in the body ends
// the body and runs the handler.
func (fb *funcBuilder) tryStmt(s *ast.TryStmt) {
	done := fb.newLabel("endtry")
	ctx := fb.beginCatch()
	fb.block(s.Body.List)
	fb.endCatch()
	if !fb.dead {
		fb.jump(done)
	}
	if ctx.used {
		fb.label(ctx.handler)
		fb.openBlock()
		fb.catchVar(s, ctx)
		fb.stmts(s.Handler.List)
		fb.closeBlock()
		if !fb.dead {
			fb.jump(done)
		}
	}
	fb.label(done)
}

// catching returns the catch a catchable run-time error raised here
// goes to, or nil when it panics.
func (fb *funcBuilder) catching() *catchCtx { return fb.catchTop() }

// checkIndex checks 0 <= i < n (i64s) inside catch ctx, raising the
// index error when it fails.
func (fb *funcBuilder) checkIndex(n ast.Node, ctx *catchCtx, i, length lir.Operand) {
	ok, fail := fb.newLabel("inbounds"), fb.newLabel("outofbounds")
	fb.branch(fb.b.Compare(lir.OpULt, i, length), ok, fail)
	fb.label(fail)
	fb.raiseRuntime(n, ctx, fb.rtcall(lir.Ptr, "ErrIndexMsg", i, length))
	fb.label(ok)
}

// checkSlice checks the bounds of a slice [lo:hi] of something of
// length n inside catch ctx.
func (fb *funcBuilder) checkSliceBounds(n ast.Node, ctx *catchCtx, lo, hi, length lir.Operand) {
	msg := fb.hold(fb.rtcall(lir.Ptr, "ErrSliceMsg", lo, hi, length))
	ok, fail := fb.newLabel("sliceok"), fb.newLabel("badslice")
	fb.branch(fb.b.Compare(lir.OpEq, msg, lir.Int(lir.Ptr, 0)), ok, fail)
	fb.label(fail)
	fb.raiseRuntime(n, ctx, msg)
	fb.label(ok)
}

// checkKey checks that map m holds key k (bits, of value kind kind)
// inside catch ctx.
func (fb *funcBuilder) checkKey(n ast.Node, ctx *catchCtx, m, k lir.Operand, kind int64) {
	has := fb.rtcall(lir.I8, "MapContains", m, k)
	ok, fail := fb.newLabel("haskey"), fb.newLabel("nokey")
	fb.branch(has, ok, fail)
	fb.label(fail)
	fb.raiseRuntime(n, ctx, fb.rtcall(lir.Ptr, "ErrKeyMsg", lir.Int(lir.I64, kind), k))
	fb.label(ok)
}
