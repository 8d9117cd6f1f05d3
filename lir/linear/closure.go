package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// A fn value is a pointer to a closure object (docs/runtime-abi.md):
//
//	0   code address of the function
//	8…  the captured variables (sema.Func.Captures, in order of first
//	    use), each a value (a variable never assigned after its
//	    declaration) or the address of the heap cell the variable lives
//	    in (inCell)
//
// The function takes the closure object as a hidden first parameter and
// loads the captures into registers on entry, so captured variables are
// used like its own locals from then on. A closure without captures is a
// read-only object; so is a named function used as a value, whose code
// is a thunk that drops the hidden parameter (call.go).

// inCell reports whether local v lives in a heap cell. A closure
// captures a variable by reference (spec/semantics.md §5): one that is
// assigned after its declaration (sema.Var.Assigned) is shared by the
// function and its closures through a cell; one that is not can be
// copied into the closure object, since nobody can tell the difference.
// A scalar whose address is taken lives in a cell too, which is its
// address; a struct or tuple variable points at its object already.
func inCell(v *sema.Var) bool {
	return v.Captured && v.Assigned || v.AddrTaken && !isAggregate(v.Type())
}

// closureLayout is the layout of the closure object capturing free, whose
// types sub instantiates.
func (m *moduleBuilder) closureLayout(free []*sema.Var, sub *typeSubst) *layout {
	ts := []lir.Type{lir.Ptr}
	ptrs := []bool{false} // code, not heap
	for _, v := range free {
		if inCell(v) {
			ts, ptrs = append(ts, lir.Ptr), append(ptrs, true)
		} else {
			t := sub.apply(v.Type())
			ts, ptrs = append(ts, lirType(t)), append(ptrs, isPointer(t))
		}
	}
	return newLayout(ts, ptrs)
}

// closure lowers a function literal: it queues the closure's function
// and builds its closure object.
func (fb *funcBuilder) closure(lit *ast.FuncLit) lir.Operand {
	m := fb.m
	fn := m.info.FuncLits[lit]
	if fn == nil {
		fb.unsupported(lit, "this function literal")
	}
	n := m.lambdas[fb.f.Name]
	m.lambdas[fb.f.Name] = n + 1
	sym := fb.f.Name + ".lambda." + strconv.Itoa(n)
	free := fn.Captures
	sub := fb.sub
	m.queue = append(m.queue, func() { m.buildClosure(fn, lit, sym, free, sub) })
	if len(free) == 0 {
		obj := sym + ".closure"
		items := []lir.DataItem{{Kind: lir.DataSym, Type: lir.Ptr, Sym: sym}}
		if cfn := m.cCallable(fn.Signature(), sym, obj); cfn != "" {
			items = append(items, lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: cfn})
		}
		m.global(obj, true, 8, items...)
		return fb.b.Symbol(obj)
	}
	l := m.closureLayout(free, fb.sub)
	obj := fb.alloc(l, abi.TypeKindFunc)
	fb.b.Store(fb.b.Symbol(sym), obj, abi.ClosureOffFn)
	for i, v := range free {
		lv := fb.vars[v]
		if lv == nil {
			fb.unsupported(lit, "capturing "+v.Name()+" here")
		}
		fb.storeMem(obj, l.offs[i+1], fb.f.Reg(lv.reg), l.ptrs[i+1])
	}
	return obj
}

// buildClosure lowers the function of a closure literal; sub
// instantiates its types when it is inside a generic instance.
func (m *moduleBuilder) buildClosure(fn *sema.Func, lit *ast.FuncLit, sym string, free []*sema.Var, sub *typeSubst) {
	sig := fn.Signature()
	fb := m.newFuncBuilderSub(fn, sym, sig, true, sub)
	fb.run(func() {
		env := fb.b.Param(0)
		l := m.closureLayout(free, sub)
		for i, v := range free {
			reg := fb.temp(l.ts[i+1])
			fb.b.Emit(&lir.Load{Dst: fb.f.Reg(reg), Addr: env, Off: l.offs[i+1]})
			fb.vars[v] = &variable{reg: reg, cell: inCell(v), t: fb.varType(v)}
		}
		fb.bindParams(1)
		fb.body(lit.Body)
	})
}

// cCallable returns, in a program that binds C, the symbol of a function
// C can call for the capture-free closure literal whose code is sym and
// whose closure object is obj: an adapter that passes obj as the hidden
// parameter. It is the second word of the closure object
// (abi.ClosureOffCFn), which libc.to_cfn reads. Errable functions have
// none (C cannot receive their errors), nor do programs without C.
func (m *moduleBuilder) cCallable(sig *sema.Signature, sym, obj string) string {
	if !m.bindsC() || sig.Errable {
		return ""
	}
	cfn := sym + ".cfn"
	m.queue = append(m.queue, func() {
		tb := m.newFuncBuilder(nil, cfn, sig, false)
		tb.run(func() {
			args := []lir.Operand{tb.b.Symbol(obj)}
			for i := range tb.f.Params {
				args = append(args, tb.b.Param(i))
			}
			tb.b.Return(tb.b.Call(lir.OpCall, tb.f.Result, tb.b.Symbol(sym), args...))
			tb.dead = true
		})
	})
	return cfn
}

// bindsC reports whether the program declares a C function (#linkid to
// a symbol outside the runtime), once.
func (m *moduleBuilder) bindsC() bool {
	if m.cState == 0 {
		m.cState = 1
		for _, p := range m.info.Packages {
			for _, obj := range p.Scope.Objects() {
				if fn, ok := obj.(*sema.Func); ok && isCCall(fn) {
					m.cState = 2
					return true
				}
			}
		}
	}
	return m.cState == 2
}
