package linear

import (
	"fmt"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// funcBuilder lowers the body of one function, method or closure.
type funcBuilder struct {
	m   *moduleBuilder
	fn  *sema.Func // nil for generated helpers
	sig *sema.Signature
	f   *lir.Func
	b   *lir.Builder

	vars  map[*sema.Var]*variable
	loops []loop
	// sub instantiates the types sema recorded in a generic body (nil
	// outside generic instances; generic.go).
	sub *typeSubst
	// dead is set after a terminator (return, break, continue): the rest
	// of the block cannot run and is not lowered.
	dead bool
	// flow: errors, catches and defers (errors.go, defer.go).
	flow flowState
	// lenVars: the vecs and strings whose length is kept in a register
	// (access.go).
	lenVars map[*sema.Var]bool
	// dataVars: those of lenVars that are vecs the function indexes,
	// whose data pointer is kept in a register too.
	dataVars map[*sema.Var]bool
}

// variable is where a local lives: in a register, or in a heap cell
// whose address the register holds.
type variable struct {
	reg  lir.Value
	cell bool
	t    sema.Type
	// length is the length of a vec or string never reassigned, loaded
	// once (access.go); the zero Operand when not kept.
	length lir.Operand
	// data is the data pointer of a vec never reassigned, loaded with
	// length when the function indexes the vec; the zero Operand when
	// not kept.
	data lir.Operand
}

// loop holds the targets of break and continue, and the number of
// blocks around the loop (those above end when they jump: defer.go).
type loop struct {
	brk, cont lir.BlockID
	depth     int
}

// newFuncBuilder starts function sym of signature sig. A closure (env)
// takes its closure object as a hidden first parameter.
func (m *moduleBuilder) newFuncBuilder(fn *sema.Func, sym string, sig *sema.Signature, env bool) *funcBuilder {
	return m.newFuncBuilderSub(fn, sym, sig, env, nil)
}

// newFuncBuilderSub is newFuncBuilder for a body whose types are
// instantiated by sub (a generic instance or a closure inside one).
func (m *moduleBuilder) newFuncBuilderSub(fn *sema.Func, sym string, sig *sema.Signature, env bool, sub *typeSubst) *funcBuilder {
	var params []lir.Type
	if env {
		params = append(params, lir.Ptr)
	}
	if sig.Recv != nil {
		params = append(params, lirType(sub.apply(sig.Recv.Type())))
	}
	for _, p := range sig.Params {
		params = append(params, lirType(sub.apply(p.Type())))
	}
	// An errable function's last parameter is its error slot (errors.go);
	// fn main has one of its own.
	errable := sig.Errable && (fn == nil || fn != m.info.MainFunc)
	if errable {
		params = append(params, lir.Ptr)
	}
	f := lir.NewFunc(sym, lirType(sub.apply(sig.Result)), params...)
	if fn != nil {
		switch {
		case fn.Decl != nil:
			f.Pos = m.funcPos(fn.Decl.Pos())
		case fn.Lit != nil:
			f.Pos = m.funcPos(fn.Lit.Pos())
		}
		f.SourceName = sourceName(fn)
	}
	fb := &funcBuilder{m: m, fn: fn, sig: sig, f: f, b: lir.NewBuilder(f), vars: map[*sema.Var]*variable{}, sub: sub}
	if errable {
		fb.flow.errp = fb.b.Param(len(params) - 1)
	}
	return fb
}

// run lowers a body with gen and adds the function to the module. An
// unsupported construct stops the function with an error recorded; the
// function is then left out.
func (fb *funcBuilder) run(gen func()) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(bailout); !ok {
				panic(r)
			}
		}
	}()
	gen()
	if !fb.dead {
		if fb.f.Result == lir.Void {
			fb.b.Return(lir.Operand{})
		} else {
			fb.b.Unreachable()
		}
	}
	fb.m.mod.Funcs = append(fb.m.mod.Funcs, fb.f)
}

// unsupported stops lowering the function with an error at node n.
func (fb *funcBuilder) unsupported(n ast.Node, what string) {
	fb.m.errorAt(n.Pos(), what+" is not supported yet")
	panic(bailout{})
}

// bindParams gives the receiver and parameters of sig their registers,
// starting at parameter index first; parameters that live in cells
// (inCell) move there.
func (fb *funcBuilder) bindParams(first int) {
	i := first
	if r := fb.sig.Recv; r != nil {
		fb.bindParam(r, i)
		i++
	}
	for _, p := range fb.sig.Params {
		fb.bindParam(p, i)
		i++
	}
}

func (fb *funcBuilder) bindParam(v *sema.Var, i int) {
	if inCell(v) {
		fb.declare(v, fb.b.Param(i))
		return
	}
	fb.vars[v] = &variable{reg: fb.f.Params[i], t: fb.varType(v)}
}

// declare creates local v with initial value val.
func (fb *funcBuilder) declare(v *sema.Var, val lir.Operand) {
	if v == nil {
		return
	}
	t := fb.varType(v)
	if inCell(v) {
		cell := fb.alloc(newLayout([]lir.Type{lirType(t)}, []bool{isPointer(t)}), abi.TypeKindPointer)
		fb.storeMem(cell, 0, val, isPointer(t))
		reg := fb.f.NewValue(lir.Ptr)
		fb.b.Assign(reg, cell)
		fb.vars[v] = &variable{reg: reg, cell: true, t: t}
		return
	}
	reg := fb.f.NewValue(lirType(t))
	fb.b.Assign(reg, val)
	fb.vars[v] = &variable{reg: reg, t: t}
}

// loadVar reads variable v.
func (fb *funcBuilder) loadVar(n ast.Node, v *sema.Var) lir.Operand {
	if v.Kind == sema.GlobalVar {
		return fb.b.Load(lirType(v.Type()), fb.b.Symbol(fb.m.globalSym(v)), 0)
	}
	lv := fb.vars[v]
	if lv == nil {
		fb.unsupported(n, fmt.Sprintf("variable %s outside its function", v.Name()))
	}
	if lv.cell {
		return fb.b.Load(lirType(lv.t), fb.f.Reg(lv.reg), 0)
	}
	return fb.f.Reg(lv.reg)
}

// storeVar assigns val to variable v.
func (fb *funcBuilder) storeVar(n ast.Node, v *sema.Var, val lir.Operand) {
	if v.Kind == sema.GlobalVar {
		fb.storeMem(fb.b.Symbol(fb.m.globalSym(v)), 0, val, isPointer(v.Type()))
		return
	}
	lv := fb.vars[v]
	if lv == nil {
		fb.unsupported(n, fmt.Sprintf("variable %s outside its function", v.Name()))
	}
	if lv.cell {
		fb.storeMem(fb.f.Reg(lv.reg), 0, val, isPointer(lv.t))
		return
	}
	fb.b.Assign(lv.reg, val)
}

// body lowers a function body.
func (fb *funcBuilder) body(blk *ast.BlockStmt) {
	// A safepoint at entry: a recursion that makes no loop cannot keep
	// the collector or a preemption waiting (the back end leaves it out
	// of functions that make no calls).
	fb.b.Safepoint()
	fb.scanLens(blk) // access.go
	fb.block(blk.List)
}

// label places l and makes the code after it reachable again.
func (fb *funcBuilder) label(l lir.BlockID) {
	fb.b.Label(l)
	fb.dead = false
}

// jump ends the straight-line code with a jump.
func (fb *funcBuilder) jump(l lir.BlockID) {
	fb.b.Jump(l)
	fb.dead = true
}

// branch ends the straight-line code with a conditional branch.
func (fb *funcBuilder) branch(cond lir.Operand, then, els lir.BlockID) {
	fb.b.Branch(cond, then, els)
	fb.dead = true
}

// newLabel creates a label to be placed later.
func (fb *funcBuilder) newLabel(name string) lir.BlockID {
	return fb.b.NewLabel(fmt.Sprintf("%s%d", name, len(fb.f.Blocks)))
}

// rtcall calls runtime entry point name.
func (fb *funcBuilder) rtcall(result lir.Type, name string, args ...lir.Operand) lir.Operand {
	return fb.b.Call(lir.OpRTCall, result, fb.b.Symbol(fb.m.rt(name)), args...)
}

// strConst returns the value of string constant s: nil for "", else the
// address of a read-only String.
func (fb *funcBuilder) strConst(s string) lir.Operand {
	if s == "" {
		return lir.Int(lir.Ptr, 0)
	}
	return fb.b.Symbol(fb.m.str(s))
}

// pos returns the position string runtime errors raised by the node
// ending at end print.
func (fb *funcBuilder) pos(end lex.Pos) lir.Operand {
	return fb.b.Symbol(fb.m.str(fb.m.posString(end)))
}

// alloc allocates a zeroed object of layout l.
func (fb *funcBuilder) alloc(l *layout, kind int64) lir.Operand {
	return fb.rtcall(lir.Ptr, "Alloc", fb.b.Symbol(fb.m.desc(l, kind)))
}

// storeMem stores val at addr+off in a heap object. A pointer the
// collector traces (ptr) is stored by the runtime's write barrier.
func (fb *funcBuilder) storeMem(addr lir.Operand, off int64, val lir.Operand, ptr bool) {
	if !ptr {
		fb.b.Store(val, addr, off)
		return
	}
	slot := addr
	if off != 0 {
		slot = fb.b.Addr(addr, lir.Int(lir.I64, 0), 1, off)
	}
	fb.rtcall(lir.Void, "WriteBarrier", slot, val)
}

// temp returns a fresh register of type t.
func (fb *funcBuilder) temp(t lir.Type) lir.Value { return fb.f.NewValue(t) }
