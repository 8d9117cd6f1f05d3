package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Calls use the platform C ABI with one register per Nature value: a
// method takes its receiver first, a closure its closure object first
// (see closure.go). Arguments are evaluated left to right and copied as
// values (structs and tuples are duplicated); the arguments of a rest
// parameter are packed into a new vec.

// call lowers a call expression.
func (fb *funcBuilder) call(e *ast.CallExpr) lir.Operand {
	c := fb.m.info.Calls[e]
	if c == nil {
		fb.unsupported(e, "this call")
	}
	if c.Errable {
		return fb.errableCall(e, c) // errors.go
	}
	return fb.callKind(e, c)
}

// callKind lowers call e as its kind says.
func (fb *funcBuilder) callKind(e *ast.CallExpr, c *sema.Call) lir.Operand {
	if c.Kind == sema.CallInterface {
		// A constraint's method on a type parameter: concrete in an
		// instance (generic.go).
		if r, ok := fb.typeParamCall(e, c); ok {
			return r
		}
	}
	switch c.Kind {
	case sema.CallBuiltin:
		return fb.builtin(e, c)
	case sema.CallBuiltinMethod:
		return fb.builtinMethod(e, c)
	case sema.CallVariant:
		return fb.variantCall(e, c)
	case sema.CallFunc, sema.CallStatic:
		if isCCall(c.Func) {
			return fb.cCallExpr(e, c) // ffi.go
		}
		args := fb.args(e, c)
		return fb.b.Call(lir.OpCall, lirType(fb.subst(c.Sig.Result)), fb.b.Symbol(fb.calleeSym(e, c)), args...)
	case sema.CallMethod:
		recv := fb.receiver(e, c)
		args := append([]lir.Operand{recv}, fb.args(e, c)...)
		return fb.b.Call(lir.OpCall, lirType(fb.subst(c.Sig.Result)), fb.b.Symbol(fb.calleeSym(e, c)), args...)
	case sema.CallInterface:
		return fb.ifaceCall(e, c) // a dynamic call (iface.go)
	case sema.CallClosure:
		clo := fb.value(e.Fun)
		args := append([]lir.Operand{clo}, fb.args(e, c)...)
		code := fb.b.Load(lir.Ptr, clo, abi.ClosureOffFn)
		return fb.b.Call(lir.OpCallInd, lirType(fb.subst(c.Sig.Result)), code, args...)
	}
	fb.unsupported(e, "a "+c.Kind.String()+" call")
	return lir.Operand{}
}

// args evaluates the arguments of a call to signature c.Sig.
func (fb *funcBuilder) args(e *ast.CallExpr, c *sema.Call) []lir.Operand {
	params := c.Sig.Params
	fixed := len(e.Args)
	packed := c.Sig.Variadic && !c.Spread
	if packed {
		fixed = min(max(c.Rest, 0), len(e.Args))
		if c.Rest < 0 {
			fixed = len(params) - 1
		}
	}
	var out []lir.Operand
	for i, a := range e.Args[:fixed] {
		var want sema.Type
		if i < len(params) {
			want = fb.subst(params[i].Type())
		}
		out = append(out, fb.rvalueAs(a, want))
	}
	if packed {
		rest := fb.subst(params[len(params)-1].Type())
		out = append(out, fb.vecOf(e, rest, e.Args[fixed:]))
	}
	if c.Errable && isUserCall(c.Kind) {
		out = append(out, fb.errTarget(e)) // the error slot (errors.go)
	}
	return out
}

// receiver evaluates the receiver of a method call, adapted to the
// method's receiver form (spec/semantics.md §6.2).
func (fb *funcBuilder) receiver(e *ast.CallExpr, c *sema.Call) lir.Operand {
	sig := c.Func.Signature()
	if c.Sig != nil && c.Sig.Recv != nil {
		sig = c.Sig // a generic receiver's type arguments substituted
	}
	x := c.Recv
	if x == nil {
		fb.unsupported(e, "a method call without receiver")
	}
	switch sig.RecvMode {
	case sema.RecvValue:
		t := fb.subst(sig.Recv.Type())
		v := fb.value(x)
		if c.RecvAdjust == sema.RecvDeref && !isAggregate(t) {
			v = fb.b.Load(lirType(t), v, 0)
		}
		if isAggregate(t) {
			v = fb.copyValue(v, t) // self is a copy the method may change
		}
		return v
	case sema.RecvPtr:
		if c.RecvAdjust == sema.RecvAddr {
			return fb.addrOf(x)
		}
	}
	return fb.value(x)
}

// fnValue returns a named function as a fn value: a read-only closure
// object whose code is a thunk that drops the closure argument.
func (fb *funcBuilder) fnValue(n ast.Node, fn *sema.Func) lir.Operand {
	m := fb.m
	if sym, ok := m.fnvals[fn]; ok {
		return fb.b.Symbol(sym)
	}
	if fn.Decl == nil || fn.Decl.Body == nil && fn.LinkName == "" {
		fb.unsupported(n, "this function as a value")
	}
	target := m.funcSym(fn)
	if fn == m.info.MainFunc {
		target = "main.main"
	}
	sym, thunk := target+".fnval", target+".thunk"
	m.fnvals[fn] = sym
	sig := fn.Signature()
	items := []lir.DataItem{{Kind: lir.DataSym, Type: lir.Ptr, Sym: thunk}}
	if m.bindsC() && !sig.Errable {
		// C calls the function itself (libc.to_cfn, closure.go).
		items = append(items, lir.DataItem{Kind: lir.DataSym, Type: lir.Ptr, Sym: target})
	}
	m.global(sym, true, 8, items...)
	m.queue = append(m.queue, func() {
		tb := m.newFuncBuilder(nil, thunk, sig, true)
		tb.run(func() {
			args := make([]lir.Operand, 0, len(tb.f.Params)-1)
			for i := 1; i < len(tb.f.Params); i++ {
				args = append(args, tb.b.Param(i))
			}
			r := tb.b.Call(lir.OpCall, tb.f.Result, tb.b.Symbol(target), args...)
			tb.b.Return(r)
			tb.dead = true
		})
	})
	return fb.b.Symbol(sym)
}
