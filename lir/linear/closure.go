package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// A fn value is a pointer to a closure object (docs/runtime-abi.md):
//
//	0   code address of the function
//	8…  the captured variables in order of first use, each a value (a
//	    variable never assigned after capture) or the address of the
//	    heap cell the variable lives in (see analyse.go)
//
// The function takes the closure object as a hidden first parameter and
// loads the captures into registers on entry, so captured variables are
// used like its own locals from then on. A closure without captures is a
// read-only object; so is a named function used as a value, whose code
// is a thunk that drops the hidden parameter (call.go).

// closureLayout is the layout of the closure object capturing free.
func (m *moduleBuilder) closureLayout(free []*sema.Var) *layout {
	ts := []lir.Type{lir.Ptr}
	ptrs := []bool{false} // code, not heap
	for _, v := range free {
		if m.cells[v] {
			ts, ptrs = append(ts, lir.Ptr), append(ptrs, true)
		} else {
			ts, ptrs = append(ts, lirType(v.Type())), append(ptrs, isPointer(v.Type()))
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
	free := m.free[lit]
	m.queue = append(m.queue, func() { m.buildClosure(fn, lit, sym, free) })
	if len(free) == 0 {
		obj := sym + ".closure"
		m.global(obj, true, 8, lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: sym})
		return fb.b.Symbol(obj)
	}
	l := m.closureLayout(free)
	obj := fb.alloc(l, typeKindFunc)
	fb.b.Store(fb.b.Symbol(sym), obj, closureOffFn)
	for i, v := range free {
		lv := fb.vars[v]
		if lv == nil {
			fb.unsupported(lit, "capturing "+v.Name()+" here")
		}
		fb.storeMem(obj, l.offs[i+1], fb.f.Reg(lv.reg), l.ptrs[i+1])
	}
	return obj
}

// buildClosure lowers the function of a closure literal.
func (m *moduleBuilder) buildClosure(fn *sema.Func, lit *ast.FuncLit, sym string, free []*sema.Var) {
	sig := fn.Signature()
	fb := m.newFuncBuilder(fn, sym, sig, true)
	fb.run(func() {
		env := fb.b.Param(0)
		l := m.closureLayout(free)
		for i, v := range free {
			reg := fb.temp(l.ts[i+1])
			fb.b.Emit(&lir.Load{Dst: fb.f.Reg(reg), Addr: env, Off: l.offs[i+1]})
			fb.vars[v] = &variable{reg: reg, cell: m.cells[v], t: v.Type()}
		}
		fb.bindParams(1)
		fb.body(lit.Body)
	})
}
