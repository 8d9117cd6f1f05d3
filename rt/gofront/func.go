package gofront

import (
	"fmt"
	"go/token"
	"go/types"
	"sort"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
)

// fnc translates one function from go/ssa to LIR in linear form.
//
// Every SSA value gets registers once (see regTypes): a scalar one, a
// string two, a slice three, a struct or array value one ptr register
// that points at a private copy in a stack slot. Because SSA values are
// never modified, a copy is made only where a value is created (a load,
// a phi, a call result); passing or reading a struct value passes the
// pointer. Phis become registers assigned on every incoming edge,
// through an edge block of their own when the predecessor branches.
type fnc struct {
	c   *compiler
	fn  *ssa.Function
	pkg string // package symbol, for naming string constants
	f   *lir.Func
	b   *lir.Builder

	vals    map[ssa.Value][]lir.Operand
	labels  map[*ssa.BasicBlock]lir.BlockID
	sret    lir.Operand // the result block, if the signature has one
	escapes map[*ssa.Alloc]bool
	aborts  map[string]lir.BlockID // message -> block calling sys.Abort
	addrs   map[lir.Value]baseOff  // registers computed by offset
	nlabels int
	pos     token.Pos       // position of the instruction being translated
	blk     *ssa.BasicBlock // block being translated
}

// function compiles fn if it has a body.
func (c *compiler) function(fn *ssa.Function) {
	if isGeneric(fn) || fn.Blocks == nil {
		return // generics are reported by checkDecls; bodiless ones are externs
	}
	if !c.checkSignature(fn) {
		return
	}
	x := &fnc{
		c: c, fn: fn,
		pkg:     PackageSymbol(fn.Pkg.Pkg.Path()),
		vals:    map[ssa.Value][]lir.Operand{},
		labels:  map[*ssa.BasicBlock]lir.BlockID{},
		escapes: escapingAllocs(fn),
		aborts:  map[string]lir.BlockID{},
		addrs:   map[lir.Value]baseOff{},
	}
	x.compile()
	c.mod.Funcs = append(c.mod.Funcs, x.f)
	if always, ok := inlineDirective(fn); ok {
		c.inlining[x.f.Name] = always
	}
}

// checkSignature reports parameters and results of forbidden types.
func (c *compiler) checkSignature(fn *ssa.Function) bool {
	ok := true
	check := func(v *types.Var, what string) {
		if bad := forbidden(v.Type()); bad != "" {
			c.errorf(fn.Pos(), "%s of type %s is not allowed in the runtime (%s)", what, typeString(fn.Pkg.Pkg, v.Type()), bad)
			ok = false
		}
	}
	sig := fn.Signature
	if sig.Recv() != nil {
		check(sig.Recv(), "receiver")
	}
	for i := 0; i < sig.Params().Len(); i++ {
		check(sig.Params().At(i), "parameter "+sig.Params().At(i).Name())
	}
	for i := 0; i < sig.Results().Len(); i++ {
		check(sig.Results().At(i), "result")
	}
	if sig.Variadic() {
		c.errorf(fn.Pos(), "variadic function is not allowed in the runtime (the arguments would be a slice literal)")
		ok = false
	}
	return ok
}

func (x *fnc) compile() {
	fn := x.fn
	ls := lowerSignature(fn.Signature)
	x.f = lir.NewFunc(funcSymbol(fn), ls.result, ls.params...)
	if p := x.c.fset.Position(fn.Pos()); p.IsValid() {
		x.f.Pos = lir.Pos{File: p.Filename, Line: p.Line, Col: p.Column}
	}
	x.b = lir.NewBuilder(x.f)
	k := 0
	if ls.sret {
		x.sret = x.b.Param(0)
		k = 1
	}
	for _, p := range fn.Params {
		n := len(regTypes(p.Type()))
		ops := make([]lir.Operand, n)
		for i := range ops {
			ops[i] = x.b.Param(k + i)
		}
		x.vals[p] = ops
		k += n
	}
	for _, bb := range fn.Blocks {
		x.labels[bb] = x.b.NewLabel(fmt.Sprintf("%s.%d", bb.Comment, bb.Index))
		for _, in := range bb.Instrs {
			if phi, ok := in.(*ssa.Phi); ok {
				x.vals[phi] = x.fresh(phi.Type())
			}
		}
	}
	for _, bb := range fn.DomPreorder() {
		x.b.Label(x.labels[bb])
		x.blk = bb
		for _, in := range bb.Instrs {
			x.pos = in.Pos()
			x.instr(in)
		}
	}
	x.emitAborts()
}

// errorf reports a problem at the current instruction (or, without a
// position, at the function).
func (x *fnc) errorf(pos token.Pos, format string, args ...any) {
	if !pos.IsValid() {
		pos = x.pos
	}
	if !pos.IsValid() {
		pos = x.fn.Pos()
	}
	x.c.errorf(pos, format, args...)
}

// label creates a helper label.
func (x *fnc) label(prefix string) lir.BlockID {
	x.nlabels++
	return x.b.NewLabel(fmt.Sprintf("%s.x%d", prefix, x.nlabels))
}

// fresh returns new registers (or, for a struct or array, a new slot)
// for a value of type t.
func (x *fnc) fresh(t types.Type) []lir.Operand {
	if sh, _ := shapeOf(t); sh == shapeMem {
		return []lir.Operand{x.slot(t)}
	}
	rt := regTypes(t)
	ops := make([]lir.Operand, len(rt))
	for i, r := range rt {
		ops[i] = x.f.Reg(x.f.NewValue(r))
	}
	return ops
}

// slot returns the address of a new stack slot for a value of type t.
func (x *fnc) slot(t types.Type) lir.Operand {
	return x.b.Slot(max(x.c.layout.size(t), 1), max(x.c.layout.align(t), 1))
}

// dummy returns placeholder operands for a value that could not be
// translated, so that translation continues and finds more errors.
func (x *fnc) dummy(t types.Type) []lir.Operand {
	rt := regTypes(t)
	if rt == nil {
		rt = []lir.Type{lir.I64}
	}
	ops := make([]lir.Operand, len(rt))
	for i, r := range rt {
		ops[i] = zero(r)
	}
	return ops
}

func zero(t lir.Type) lir.Operand {
	if t.IsFloat() {
		return lir.Float(t, 0)
	}
	return lir.Int(t, 0)
}

// value returns the registers or constants holding v.
func (x *fnc) value(v ssa.Value) []lir.Operand {
	if ops, ok := x.vals[v]; ok {
		return ops
	}
	switch v := v.(type) {
	case *ssa.Const:
		return x.constant(v)
	case *ssa.Global:
		return []lir.Operand{x.b.Symbol(globalSymbol(v))}
	case *ssa.Function:
		if v.Parent() != nil {
			x.errorf(v.Pos(), "closures are not allowed in the runtime (function literal)")
		} else {
			x.errorf(token.NoPos, "function values are not allowed in the runtime (%s is not called)", v.Name())
		}
		return x.dummy(v.Type())
	case *ssa.Builtin:
		x.errorf(token.NoPos, "function values are not allowed in the runtime (builtin %s is not called)", v.Name())
		return x.dummy(v.Type())
	case *ssa.FreeVar:
		x.errorf(v.Pos(), "closures are not allowed in the runtime (captured variable %s)", v.Name())
		return x.dummy(v.Type())
	}
	x.errorf(v.Pos(), "internal error: value %s used before its definition", v.Name())
	return x.dummy(v.Type())
}

// scalar returns the single register or constant of a scalar value.
func (x *fnc) scalar(v ssa.Value) lir.Operand { return x.value(v)[0] }

// emitAborts places the blocks that failed checks jump to.
func (x *fnc) emitAborts() {
	msgs := make([]string, 0, len(x.aborts))
	for m := range x.aborts {
		msgs = append(msgs, m)
	}
	sort.Strings(msgs)
	for _, m := range msgs {
		x.b.Label(x.aborts[m])
		x.callAbort(m)
	}
}

// callAbort calls sys.Abort(msg), which does not return.
func (x *fnc) callAbort(msg string) {
	s := x.stringConst(msg)
	x.c.externs[abortSymbol] = true
	x.b.Call(lir.OpCall, lir.Void, x.b.Symbol(abortSymbol), s[0], s[1])
	x.b.Unreachable()
}

// abortSymbol is the runtime's fatal error entry point, sys.Abort.
const abortSymbol = "rt.sys.Abort"

// check continues if ok is non-zero and otherwise aborts with msg.
func (x *fnc) check(ok lir.Operand, msg string) {
	fail, ok2 := x.aborts[msg]
	if !ok2 {
		fail = x.label("abort")
		x.aborts[msg] = fail
	}
	next := x.label("ok")
	x.b.Branch(ok, next, fail)
	x.b.Label(next)
}

// sel returns cond ? a : b.
func (x *fnc) sel(cond, a, b lir.Operand) lir.Operand {
	r := x.f.NewValue(a.Type)
	x.b.Assign(r, b)
	then, done := x.label("sel"), x.label("sel")
	x.b.Branch(cond, then, done)
	x.b.Label(then)
	x.b.Assign(r, a)
	x.b.Label(done)
	return x.f.Reg(r)
}
