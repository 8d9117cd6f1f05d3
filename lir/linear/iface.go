package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Interfaces (docs/runtime-abi.md, "Iface"): an interface value is a
// pointer to an immutable two-word Iface {itab, bits}. Converting a
// value of dynamic type D (T, ref<T> or ptr<T> of an implementing named
// type) to interface I boxes it with D's method table for I, which the
// compiler builds once per (D, I) (@main.itab.D.I). A call of method i
// loads the table, the code address at 16+8i and the data word and
// calls it with the data word first; adapters fit methods whose
// receiver is not that word.

// isIface reports whether values of t are interface values.
func isIface(t sema.Type) bool {
	_, ok := t.Underlying().(*sema.Interface)
	return ok
}

// ifaceMethods returns interface t's methods in method-table order.
func ifaceMethods(t sema.Type) []*sema.Func {
	if i, ok := t.Underlying().(*sema.Interface); ok {
		return i.AllMethods()
	}
	return nil
}

// methodIndex returns the position of method name in t's tables, or -1.
func methodIndex(t sema.Type, name string) int {
	for i, fn := range ifaceMethods(t) {
		if fn.Name() == name {
			return i
		}
	}
	return -1
}

// ifaceCall lowers a dynamic call x.m(args) through an interface value.
func (fb *funcBuilder) ifaceCall(e *ast.CallExpr, c *sema.Call) lir.Operand {
	if c.Recv == nil || c.Func == nil {
		fb.unsupported(e, "this interface call")
	}
	it := fb.typeOf(c.Recv)
	idx := methodIndex(it, c.Func.Name())
	if !isIface(it) || idx < 0 {
		fb.unsupported(e, "calling "+c.Func.Name()+" on "+it.String())
	}
	v := fb.temp(lir.Ptr)
	fb.b.Assign(v, fb.value(c.Recv))
	args := fb.args(e, c)
	tab := fb.b.Load(lir.Ptr, fb.f.Reg(v), abi.IfaceOffItab)
	code := fb.b.Load(lir.Ptr, tab, abi.ItabOffFn+8*int64(idx))
	data := fb.b.Load(lir.Ptr, fb.f.Reg(v), abi.IfaceOffValue)
	return fb.b.Call(lir.OpCallInd, lirType(fb.subst(c.Sig.Result)), code, append([]lir.Operand{data}, args...)...)
}

// toIface converts x, of type from, to interface type to: a concrete
// value is boxed with its method table (a struct read from a location
// is copied first: the interface holds a value of its own); an
// interface value is converted to one it extends by the runtime.
func (fb *funcBuilder) toIface(n ast.Node, x lir.Operand, from, to sema.Type) lir.Operand {
	if sema.Identical(from, to) {
		return x
	}
	if isIface(from) {
		if fb.m.rtypeOf(to) == nil {
			fb.unsupported(n, "converting to "+to.String())
		}
		return fb.rtcall(lir.Ptr, "IfaceConv", x, fb.typeDesc(n, to))
	}
	if isBoxed(from) {
		fb.unsupported(n, "converting "+from.String()+" to "+to.String())
	}
	tab := fb.m.itabFor(n, from, to)
	if tab == nil {
		fb.unsupported(n, "converting "+from.String()+" to "+to.String())
	}
	switch {
	case isAggregate(from):
		if e, ok := n.(ast.Expr); ok && isLocation(e) {
			x = fb.copyValue(x, from)
		}
	case inIfaceCell(from):
		cell := fb.alloc(newLayout([]lir.Type{lirType(from)}, []bool{isPointer(from)}), abi.TypeKindPointer)
		fb.storeMem(cell, 0, x, isPointer(from))
		x = cell
	}
	return fb.rtcall(lir.Ptr, "IfaceBox", fb.b.Symbol(tab.sym), fb.toBits(x, from))
}

// inIfaceCell reports whether an interface value holding a value of
// dynamic type d keeps it in a heap cell of its own: every d but
// structs and tuples (whose object is the interface's copy) and ref<T>
// and ptr<T> (the pointer shared). So the data word of an interface
// value is always a pointer, the receiver *self and &self methods take,
// and a *self method changes the interface's own copy, as in the
// reference.
func inIfaceCell(d sema.Type) bool {
	return !isAggregate(d) && pointerElem(d) == nil
}

// unboxFrom returns the value of type t in x, a box or an interface
// value of static type st known to hold one.
func (fb *funcBuilder) unboxFrom(x lir.Operand, st, t sema.Type) lir.Operand {
	if isIface(st) && inIfaceCell(t) {
		cell := fb.b.Load(lir.Ptr, x, abi.IfaceOffValue)
		return fb.b.Load(lirType(t), cell, 0)
	}
	return fb.unbox(x, t)
}

// implBase returns the named type whose methods a value of dynamic type d
// uses: T for T, ref<T> and ptr<T>.
func implBase(d sema.Type) (*sema.Named, bool) {
	base := d
	if p := pointerElem(d); p != nil {
		base = p
	}
	n, ok := base.(*sema.Named)
	if !ok || isIface(n) {
		return nil, false
	}
	return n, true
}

// implements reports whether values of dynamic type d convert to
// interface iface: d's named type (or the one it points to) lists iface,
// or an interface extending it, after ':'.
func implements(d, iface sema.Type) bool {
	n, ok := implBase(d)
	if !ok {
		return false
	}
	impls := n.Impls
	if n.Orig != nil && len(impls) == 0 {
		for _, im := range n.Orig.Impls {
			impls = append(impls, sema.Subst(im, n.Orig.TypeParams, n.TypeArgs))
		}
	}
	for _, im := range impls {
		if extends(im, iface, 0) {
			return true
		}
	}
	return false
}

// extends reports whether interface im is iface or extends it.
func extends(im, iface sema.Type, depth int) bool {
	if sema.Identical(im, iface) {
		return true
	}
	i, ok := im.Underlying().(*sema.Interface)
	if !ok || depth > 64 {
		return false
	}
	for _, e := range i.Embedded {
		if extends(e, iface, depth+1) {
			return true
		}
	}
	return false
}

// itabFor returns the method table of dynamic type d for interface
// iface, making it (and queueing the adapters it needs) on first use;
// nil when d does not implement iface.
func (m *moduleBuilder) itabFor(n ast.Node, d, iface sema.Type) *itab {
	dr, ir := m.rtypeOf(d), m.rtypeOf(iface)
	if dr == nil || ir == nil || !implements(d, iface) {
		return nil
	}
	tt := m.typeTab()
	key := dr.key + "\x00" + ir.key
	if it := tt.itabs[key]; it != nil {
		return it
	}
	base, _ := implBase(d)
	name := "main.itab." + sema.TypeString(d, nil) + "." + sema.TypeString(iface, nil)
	sym := name
	for i := 2; tt.symUsed[sym]; i++ {
		sym = name + "." + strconv.Itoa(i)
	}
	tt.symUsed[sym] = true
	it := &itab{t: dr, iface: ir, sym: sym}
	for _, fn := range ifaceMethods(iface) {
		code := m.methodCode(d, base, fn.Name())
		if code == "" {
			return nil
		}
		it.fns = append(it.fns, code)
	}
	tt.itabs[key] = it
	tt.itabOrd = append(tt.itabOrd, it)
	dr.itabs = append(dr.itabs, it)
	return it
}

// methodCode returns the code an interface's table for dynamic type d
// holds for method name: the method itself when it takes a pointer
// receiver (the data word is the object, the shared pointer or the
// interface's cell), else an adapter.
func (m *moduleBuilder) methodCode(d sema.Type, base *sema.Named, name string) string {
	fn := base.Method(name)
	if m.isErrortMsg(fn) {
		return m.funcSym(fn) // &self: the entry itself
	}
	if fn == nil || fn.Decl == nil {
		return ""
	}
	sig := fn.Signature()
	sym := ""
	if isGeneric(fn) {
		if len(base.TypeArgs) != len(sig.TypeParams) {
			return ""
		}
		sym = m.instanceSym(fn.Decl, fn, base.TypeArgs)
		sig, _ = sema.Subst(sig, sig.TypeParams, base.TypeArgs).(*sema.Signature)
		if sig == nil {
			return ""
		}
	} else {
		sym = m.funcSym(fn)
	}
	switch sig.RecvMode {
	case sema.RecvPtr, sema.RecvRef:
		return sym
	case sema.RecvValue:
		return m.adapter(sym, sig, base)
	}
	return ""
}

// adapter returns a function that calls self method sym of bt given
// the data word of an interface value holding a bt, ref<bt> or ptr<bt>
// (a pointer to the object or to the value): a struct or tuple is
// copied, any other value loaded.
func (m *moduleBuilder) adapter(sym string, sig *sema.Signature, bt sema.Type) string {
	name := sym + ".iface"
	tt := m.typeTab()
	if tt.adapt[name] {
		return name
	}
	tt.adapt[name] = true
	params := []lir.Type{lir.Ptr}
	for _, p := range sig.Params {
		params = append(params, lirType(p.Type()))
	}
	if sig.Errable {
		params = append(params, lir.Ptr) // the error slot, passed on
	}
	result := lirType(sig.Result)
	m.queue = append(m.queue, func() {
		f := lir.NewFunc(name, result, params...)
		fb := &funcBuilder{m: m, f: f, b: lir.NewBuilder(f), vars: map[*sema.Var]*variable{}}
		fb.run(func() {
			data := fb.b.Param(0)
			var recv lir.Operand
			if isAggregate(bt) {
				recv = fb.copyValue(data, bt)
			} else {
				recv = fb.b.Load(lirType(bt), data, 0)
			}
			args := []lir.Operand{recv}
			for i := 1; i < len(params); i++ {
				args = append(args, fb.b.Param(i))
			}
			r := fb.b.Call(lir.OpCall, result, fb.b.Symbol(sym), args...)
			fb.b.Return(r)
			fb.dead = true
		})
	})
	return name
}

// completeItabs gives every dynamic type that has a method table one
// for every other interface of the program it implements, so that an
// interface value converts to an interface it extends (IfaceConv finds
// the table in the type's descriptor). It reports whether it queued
// functions to build (adapters, generic methods).
func (m *moduleBuilder) completeItabs() bool {
	tt := m.types
	if tt == nil {
		return false
	}
	before := len(m.queue)
	var ifaces []*rtype
	for _, r := range tt.order {
		if isIface(r.t) {
			ifaces = append(ifaces, r)
		}
	}
	for i := 0; i < len(tt.order); i++ {
		r := tt.order[i]
		if len(r.itabs) == 0 {
			continue
		}
		for _, ir := range ifaces {
			if tt.itabs[r.key+"\x00"+ir.key] == nil && implements(r.t, ir.t) {
				m.itabFor(nil, r.t, ir.t)
			}
		}
	}
	return len(m.queue) > before
}

// boxBits returns the bits a box or interface value holds for x of type
// t: toBits, with an f32 widened to f64 first.
func (fb *funcBuilder) boxBits(x lir.Operand, t sema.Type) lir.Operand {
	if x.Type == lir.F32 {
		return fb.toBits(fb.b.Convert(lir.OpFExt, lir.F64, x), sema.Typ[sema.F64])
	}
	return fb.toBits(x, t)
}

// unboxBits is the inverse of boxBits.
func (fb *funcBuilder) unboxBits(bits lir.Operand, t sema.Type) lir.Operand {
	if lirType(t) == lir.F32 {
		f := fb.b.Convert(lir.OpBitcast, lir.F64, bits)
		return fb.b.Convert(lir.OpFTrunc, lir.F32, f)
	}
	return fb.fromBits(bits, t)
}
