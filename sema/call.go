package sema

import (
	"reflect"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// call checks a call expression and records what it calls in Info.Calls.
func (c *checker) call(e *ast.CallExpr, want Type) operand {
	switch fun := ast.Unparen(e.Fun).(type) {
	case *ast.Ident:
		obj := c.lookup(fun.Name)
		switch obj := obj.(type) {
		case nil:
			c.errorf(fun.Pos(), "identifier '%s' undeclared ", fun.Name)
			c.skipArgs(e)
			return invalidOp
		case *Builtin:
			c.use(fun, obj)
			c.record(fun, TypeAndValue{Mode: BuiltinFn, Type: obj.typ})
			call := &Call{Kind: CallBuiltin, Builtin: obj.ID}
			return c.finishCall(e, call, obj.typ.(*Signature), nil, want)
		case *Func:
			c.use(fun, obj)
			c.objDecl(obj)
			c.record(fun, TypeAndValue{Mode: Value, Type: obj.Signature()})
			return c.finishCall(e, &Call{Kind: CallFunc, Func: obj}, obj.Signature(), nil, want)
		}
	case *ast.SelectorExpr:
		return c.selectorCall(e, fun, want)
	case *ast.InstExpr:
		if sel, ok := fun.X.(*ast.SelectorExpr); ok && !c.isModuleSel(sel) {
			// x.m<T>(...): a generic method with explicit type arguments.
			x := c.expr(sel.X, nil)
			if isInvalid(x.typ) {
				c.skipArgs(e)
				return invalidOp
			}
			targs := make([]Type, len(fun.Args))
			for i, a := range fun.Args {
				targs[i] = c.typ(a)
			}
			return c.methodCall(e, sel, x, targs, want)
		}
		f, targs := c.genericCallee(fun)
		if f == nil {
			c.skipArgs(e)
			return invalidOp
		}
		return c.finishCall(e, &Call{Kind: CallFunc, Func: f}, f.Signature(), targs, want)
	}
	x := c.expr(e.Fun, nil)
	return c.valueCall(e, x, want)
}

// valueCall calls a value of function type (a closure).
func (c *checker) valueCall(e *ast.CallExpr, x operand, want Type) operand {
	if isInvalid(x.typ) {
		c.skipArgs(e)
		return invalidOp
	}
	sig, ok := x.typ.Underlying().(*Signature)
	if !ok || x.mode == TypeExpr {
		c.errorf(c.last(e.Fun), "cannot call non-fn")
		c.skipArgs(e)
		return invalidOp
	}
	return c.finishCall(e, &Call{Kind: CallClosure}, sig, nil, want)
}

func (c *checker) skipArgs(e *ast.CallExpr) {
	for _, a := range e.Args {
		c.exprVoid(a, nil)
	}
}

// selectorCall checks x.m(...): a module function, a static method or
// variant constructor on a type, a fn-typed field, or a method.
func (c *checker) selectorCall(e *ast.CallExpr, sel *ast.SelectorExpr, want Type) operand {
	if obj, ok := c.moduleMember(sel); ok {
		switch obj := obj.(type) {
		case nil:
			c.skipArgs(e)
			return invalidOp
		case *Func:
			c.objDecl(obj)
			c.record(sel, TypeAndValue{Mode: Value, Type: obj.Signature()})
			return c.finishCall(e, &Call{Kind: CallFunc, Func: obj}, obj.Signature(), nil, want)
		}
		x := c.objectOperand(sel.Sel, obj)
		c.record(sel, TypeAndValue{Mode: x.mode, Type: x.typ})
		return c.valueCall(e, x, want)
	}
	if n := c.bareGenericType(sel.X, want); n != nil {
		if _, ok := n.Underlying().(*TaggedUnion); ok {
			c.errorf(e.Lparen, "typedef '%s' need param", qualifiedObj(n.Obj))
		} else {
			c.errorf(e.Lparen, "type '%s' expects %d type argument(s), but got 0", qualifiedObj(n.Obj), len(n.TypeParams))
		}
		c.skipArgs(e)
		return invalidOp
	}
	if t, ok := c.typeOperandWant(sel.X, want); ok {
		return c.staticCall(e, sel, t, want)
	}
	if c.undeclaredX(sel) {
		c.skipArgs(e)
		return invalidOp
	}
	x := c.expr(sel.X, nil)
	if isInvalid(x.typ) {
		c.skipArgs(e)
		return invalidOp
	}
	if f, ok := c.field(sel, x); ok {
		c.record(sel, TypeAndValue{Mode: f.mode, Type: f.typ})
		return c.valueCall(e, f, want)
	}
	return c.methodCall(e, sel, x, nil, want)
}

// bareGenericType returns the generic type x names without type
// arguments in x.m(...) when the expected type does not give them.
func (c *checker) bareGenericType(x ast.Expr, want Type) *Named {
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	tn, ok := c.lookup(id.Name).(*TypeName)
	if !ok || c.inTypeDeclOf(tn) {
		return nil
	}
	c.objDecl(tn)
	n, ok := tn.typ.(*Named)
	if !ok || len(n.TypeParams) == 0 || c.bareGeneric(x, want) != nil {
		return nil
	}
	return n
}

// staticCall checks T.m(...): a static method, a built-in constructor
// (vec<T>.new, map<K,V>.new, ...) or a tagged-union variant.
func (c *checker) staticCall(e *ast.CallExpr, sel *ast.SelectorExpr, t Type, want Type) operand {
	name := sel.Sel.Name
	if isInvalid(t) {
		c.skipArgs(e)
		return invalidOp
	}
	if n, ok := t.(*Named); ok {
		if m := n.Method(name); m != nil {
			sig := methodSig(m, n)
			c.recvConstraints(e.Lparen, m, n)
			c.info.Selections[sel] = &Selection{Kind: StaticSel, Obj: m, Recv: t}
			c.use(sel.Sel, m)
			if sig.RecvMode != RecvNone {
				c.errorf(c.anchor(sel), "method '%s' requires a receiver; use a value instead of a type", name)
				c.skipArgs(e)
				return invalidOp
			}
			return c.finishCall(e, &Call{Kind: CallStatic, Func: m, RecvType: t}, sig, nil, want)
		}
	}
	if tu, ok := t.Underlying().(*TaggedUnion); ok {
		v := tu.Variant(name)
		if v == nil {
			c.errorf(e.Lparen, "enum '%s' has no variant '%s'", shortType(t), name)
			c.skipArgs(e)
			return invalidOp
		}
		c.info.Selections[sel] = &Selection{Kind: VariantSel, Variant: v, Recv: t}
		sig := &Signature{Result: t}
		tup, isTuple := v.Payload.Underlying().(*Tuple)
		n := len(e.Args)
		switch {
		case isTuple && n == len(tup.Elems) && n > 1:
			sig.Params = params(tup.Elems...) // one argument per element
		case n == 1 && !IsVoid(v.Payload):
			sig.Params = params(v.Payload)
		case n == 0 && IsVoid(v.Payload):
			// shape.dot() is shape.dot: the reference accepts it (its
			// "uses parentheses but passes no arguments" is unreachable,
			// diagnostics.md A44).
		case n > 0:
			// The reference makes one payload value of the arguments
			// (a tuple of several) and checks it against the payload.
			c.variantArgs(e, v.Payload)
			return valueOf(t)
		default:
			sig.Params = params(v.Payload)
		}
		return c.finishCall(e, &Call{Kind: CallVariant, Variant: v}, sig, nil, want)
	}
	if m, sig := staticBuiltin(t, name, e); m != NoMethod {
		c.info.Selections[sel] = &Selection{Kind: StaticSel, Recv: t}
		return c.finishCall(e, &Call{Kind: CallBuiltinMethod, Method: m}, sig, nil, want)
	}
	if _, isEnum := t.Underlying().(*Enum); isEnum {
		c.errorf(c.anchor(sel), "enum '%s' has no member '%s'", shortType(t), name)
	} else {
		c.errorf(e.Lparen, "type '%s' not impl '%s' fn", longType(t), name)
	}
	c.skipArgs(e)
	return invalidOp
}

// variantArgs reports the arguments of T.tag(...) that do not make its
// payload p: one argument of the wrong type, or several (a tuple) where
// p is not a tuple of as many elements.
func (c *checker) variantArgs(e *ast.CallExpr, p Type) {
	last := c.last(e.Args[len(e.Args)-1])
	if len(e.Args) == 1 {
		x := c.expr(e.Args[0], nil)
		if !isInvalid(x.typ) {
			c.errorf(last, "type inconsistency, expect=%s, actual=%s", longType(p), longType(x.typ))
		}
		return
	}
	c.skipArgs(e)
	if _, isUnion := p.Underlying().(*Union); isUnion {
		c.errorf(last, "union type not contains 'tup<...>'")
		return
	}
	// A tuple literal checked against a type takes its name (the
	// reference's quirk, diagnostics.md §2.1 rule 6).
	actual := "tup<...>"
	if p == Int || p == Uint || p == Float {
		actual = p.String() + "(tup<...>)"
	}
	c.errorf(last, "type inconsistency, expect=%s, actual=%s", longType(p), actual)
}

// staticBuiltin returns the built-in constructor T.name.
func staticBuiltin(t Type, name string, e *ast.CallExpr) (BuiltinMethod, *Signature) {
	switch u := t.Underlying().(type) {
	case *Vec:
		switch name {
		case "new":
			return VecNew, &Signature{Params: params(u.Elem, Int), Result: t}
		case "cap_of":
			return VecCapOf, &Signature{Params: params(Int), Result: t}
		}
	case *Map:
		if name == "new" {
			return MapNew, &Signature{Result: t}
		}
	case *Set:
		if name == "new" {
			return SetNew, &Signature{Result: t}
		}
	case *Chan:
		if name == "new" {
			if len(e.Args) == 0 {
				return ChanNew, &Signature{Result: t}
			}
			return ChanNew, &Signature{Params: params(Int), Result: t}
		}
	}
	return NoMethod, nil
}

// methodSig returns m's signature with the type parameters of a generic
// receiver replaced by the instance's type arguments.
func methodSig(m *Func, recv *Named) *Signature {
	sig := m.Signature()
	if recv == nil || len(recv.TypeArgs) == 0 || len(sig.TypeParams) < len(recv.TypeArgs) {
		return sig
	}
	return substSignature(sig, sig.TypeParams[:len(recv.TypeArgs)], recv.TypeArgs, 0)
}

// methodCall checks x.m(...) on a value.
func (c *checker) methodCall(e *ast.CallExpr, sel *ast.SelectorExpr, x operand, explicit []Type, want Type) operand {
	name := sel.Sel.Name
	t := x.typ
	base, ptr := t, (*Pointer)(nil)
	if p, ok := t.Underlying().(*Pointer); ok {
		base, ptr = p.Elem, p
	}
	if isInvalid(base) {
		c.skipArgs(e)
		return invalidOp
	}
	// User methods of a named type.
	if n, ok := base.(*Named); ok {
		if m := n.Method(name); m != nil {
			c.recvConstraints(c.last(sel.X), m, n)
			return c.userMethodCall(e, sel, x, m, methodSig(m, n), ptr, explicit, want)
		}
	}
	// Interfaces and type parameters dispatch dynamically.
	if m := c.interfaceMethod(base, name); m != nil {
		if len(explicit) > 0 && len(m.Signature().TypeParams) == 0 {
			c.noTypeParams(e, name, len(explicit))
			c.skipArgs(e)
			return invalidOp
		}
		c.use(sel.Sel, m)
		c.info.Selections[sel] = &Selection{Kind: MethodSel, Obj: m, Recv: t, Indirect: ptr != nil}
		call := &Call{Kind: CallInterface, Func: m, Recv: sel.X}
		if m == c.univ.errorMsg {
			call.Method = ErrorMsg
		}
		if ptr != nil {
			call.RecvAdjust = RecvDeref
		} else if _, isParam := base.(*TypeParam); isParam {
			// An instance calls the type argument's own method, which
			// may take *self: the receiver needs an address.
			if v := c.rootVar(sel.X); v != nil {
				v.AddrTaken = true
			}
		}
		return c.finishCall(e, call, m.Signature(), nil, want)
	}
	if tp, ok := base.(*TypeParam); ok {
		c.errorf(e.Lparen, "generic param '%s' has no constraint declaring fn '%s'", tp.Obj.name, name)
		c.skipArgs(e)
		return invalidOp
	}
	if _, ok := base.Underlying().(*Interface); ok {
		c.errorf(c.anchor(sel.X), "interface '%s' not declare '%s' fn", shortType(base), name)
		c.skipArgs(e)
		return invalidOp
	}
	// Built-in methods of the underlying type.
	if m, sig := builtinMethod(base, name); m != NoMethod {
		if m == FutureAwait && IsVoid(sig.Result) {
			// await is declared #where T: nonvoid (await_void is the
			// void form).
			c.errorf(c.last(sel.X), "type 'void' denied by 'nonvoid' interface")
			c.skipArgs(e)
			return invalidOp
		}
		c.info.Selections[sel] = &Selection{Kind: MethodSel, Recv: t, Indirect: ptr != nil}
		call := &Call{Kind: CallBuiltinMethod, Method: m, Recv: sel.X}
		if ptr != nil {
			call.RecvAdjust = RecvDeref
		} else if m == VecPush || m == VecAppend {
			// Vec headers are immutable: push and append make a new
			// one and store it back into the receiver.
			c.markAssigned(sel.X)
		}
		return c.finishCall(e, call, sig, nil, want)
	}
	// User methods declared on built-in types.
	if m, sig := c.builtinTypeMethod(base, name); m != nil {
		return c.userMethodCall(e, sel, x, m, sig, ptr, explicit, want)
	}
	_, named := base.(*Named)
	switch base.Underlying().(type) {
	case *Union, *Tuple, *Signature, *Array:
		if named {
			c.errorf(c.anchor(sel.X), "type '%s' not impl '%s' fn", longType(base), name)
			break
		}
		// Types without methods (the reference looks for a field).
		c.errorf(c.anchor(sel.X), "no field named '%s' found in type '%s'", name, longType(t))
	default:
		c.errorf(c.anchor(sel.X), "type '%s' not impl '%s' fn", longType(base), name)
	}
	c.skipArgs(e)
	return invalidOp
}

// userMethodCall adapts the receiver to the method's receiver form
// (semantics.md §6.2) and checks the call.
func (c *checker) userMethodCall(e *ast.CallExpr, sel *ast.SelectorExpr, x operand, m *Func, sig *Signature, ptr *Pointer, explicit []Type, want Type) operand {
	c.use(sel.Sel, m)
	c.info.Selections[sel] = &Selection{Kind: MethodSel, Obj: m, Recv: x.typ, Indirect: ptr != nil}
	call := &Call{Kind: CallMethod, Func: m, Recv: sel.X}
	switch sig.RecvMode {
	case RecvNone:
		c.errorf(sel.Sel.Pos(), "static method '%s' must be called on its type", m.name)
	case RecvValue:
		if ptr != nil {
			call.RecvAdjust = RecvDeref
		}
	case RecvPtr:
		if ptr == nil {
			call.RecvAdjust = RecvAddr
			if v := c.rootVar(sel.X); v != nil {
				v.AddrTaken = true
			}
		}
	case RecvRef:
		if ptr == nil || ptr.Kind != Ref {
			want := "ref<" + longType(m.RecvType) + ">"
			if n, ok := m.RecvType.(*Named); ok && len(n.TypeArgs) > 0 {
				want = "ref<" + longType(namedOf(x.typ)) + ">"
			}
			c.errorf(c.anchor(sel), "type mismatch: method requires `%s` receiver, got `%s`", want, longType(x.typ))
		}
	}
	if len(explicit) > 0 && m.Decl != nil && len(m.Decl.TypeParams) == 0 {
		c.noTypeParams(e, m.name, len(explicit))
		explicit = nil
	}
	if len(explicit) > len(sig.TypeParams) {
		c.errorf(e.Lparen, "too many generics args")
		explicit = explicit[:len(sig.TypeParams)]
	}
	return c.finishCall(e, call, sig, explicit, want)
}

// noTypeParams reports type arguments given to a method that has no
// type parameters, at the < as the reference does.
func (c *checker) noTypeParams(e *ast.CallExpr, method string, n int) {
	pos := e.Lparen
	if inst, ok := ast.Unparen(e.Fun).(*ast.InstExpr); ok {
		pos = inst.Lt
	}
	c.errorf(pos, "method '%s' has no generic parameters, but %d generic args provided", method, n)
}

// interfaceMethod finds name among the methods of an interface type or
// of a type parameter's constraints.
func (c *checker) interfaceMethod(t Type, name string) *Func {
	var ifaces []Type
	if tp, ok := t.(*TypeParam); ok {
		ifaces = tp.Constraints
	} else if _, ok := t.Underlying().(*Interface); ok {
		ifaces = []Type{t}
	}
	for _, it := range ifaces {
		iface, _ := it.Underlying().(*Interface)
		if iface == nil {
			continue
		}
		ms := iface.AllMethods()
		if i := indexByName(ms, name); i >= 0 {
			return ms[i]
		}
	}
	return nil
}

// builtinTypeMethod finds a user method declared on the built-in type
// underlying t (fn string.x, fn vec<T>.y); a named type whose underlying
// type is built-in gets those methods too (semantics.md §6.4).
func (c *checker) builtinTypeMethod(t Type, name string) (*Func, *Signature) {
	u := t.Underlying()
	for _, m := range c.builtinMethods[builtinKey(u)] {
		if m.name != name {
			continue
		}
		sig := m.Signature()
		// The receiver's type arguments: a vec's, set's or chan's
		// element, a map's key and element; a string has none.
		args := TypeParts(u)
		if len(args) > 0 && len(sig.TypeParams) >= len(args) {
			sig = substSignature(sig, sig.TypeParams[:len(args)], args, 0)
		}
		return m, sig
	}
	return nil, nil
}

// hasMethod reports whether values of t have a method called name.
func (c *checker) hasMethod(t Type, name string) bool {
	if p, ok := t.Underlying().(*Pointer); ok {
		t = p.Elem
	}
	if n, ok := t.(*Named); ok && n.Method(name) != nil {
		return true
	}
	if m, _ := builtinMethod(t, name); m != NoMethod {
		return true
	}
	m, _ := c.builtinTypeMethod(t, name)
	return m != nil || c.interfaceMethod(t, name) != nil
}

// builtinMethod returns the built-in method name of t's underlying type
// and its signature (builtins.md §6–§10).
func builtinMethod(t Type, name string) (BuiltinMethod, *Signature) {
	sig := func(res Type, ps ...Type) *Signature {
		return &Signature{Params: params(ps...), Result: res}
	}
	errSig := func(res Type, ps ...Type) *Signature { // an errable method
		return &Signature{Params: params(ps...), Result: res, Errable: true}
	}
	void := Typ[Void]
	switch u := t.Underlying().(type) {
	case *Vec:
		switch name {
		case "push":
			return VecPush, sig(void, u.Elem)
		case "append":
			return VecAppend, sig(void, t)
		case "concat":
			return VecConcat, sig(t, t)
		case "slice":
			return VecSlice, sig(t, Int, Int)
		case "copy":
			return VecCopy, sig(Int, t)
		case "len":
			return VecLen, sig(Int)
		case "cap":
			return VecCap, sig(Int)
		case "ref":
			return VecRef, sig(Typ[Anyptr])
		// sort and search are Nature methods of the prelude
		// (std/strings/sort.n), as in the reference's builtin package.
		case "swap":
			return VecSwap, sig(void, Int, Int)
		case "deinit":
			return VecDeinit, sig(void)
		}
	case *Map:
		switch name {
		case "len":
			return MapLen, sig(Int)
		case "contains":
			return MapContains, sig(Typ[Bool], u.Key)
		case "del":
			return MapDel, sig(void, u.Key)
		}
	case *Set:
		switch name {
		case "add":
			return SetAdd, sig(void, u.Elem)
		case "contains":
			return SetContains, sig(Typ[Bool], u.Elem)
		case "del":
			return SetDel, sig(void, u.Elem)
		}
	case *Basic:
		if u.Kind == String {
			switch name {
			case "len":
				return StringLen, sig(Int)
			case "char":
				return StringChar, sig(Typ[U8])
			case "ref":
				return StringRef, sig(Typ[Anyptr])
			}
		}
	case *Chan:
		switch name {
		case "send":
			return ChanSend, errSig(void, u.Elem)
		case "recv":
			return ChanRecv, errSig(u.Elem)
		case "close":
			return ChanClose, errSig(void)
		case "is_closed":
			return ChanIsClosed, sig(Typ[Bool])
		case "is_successful":
			return ChanIsSuccessful, sig(Typ[Bool])
		case "try_send":
			return ChanTrySend, errSig(Typ[Bool], u.Elem)
		case "try_recv":
			return ChanTryRecv, errSig(&Tuple{Elems: []Type{u.Elem, Typ[Bool]}})
		case "on_recv":
			return ChanOnRecv, sig(u.Elem)
		case "on_send":
			return ChanOnSend, sig(void, u.Elem)
		}
	case *Future:
		switch name {
		case "await":
			return FutureAwait, errSig(u.Result)
		case "await_void":
			return FutureAwaitVoid, errSig(void)
		}
	}
	return NoMethod, nil
}

// finishCall binds the arguments of e to sig (inferring type arguments
// of a generic callee), checks errable calls and records the call.
func (c *checker) finishCall(e *ast.CallExpr, call *Call, sig *Signature, explicit []Type, want Type) operand {
	call.Rest = -1
	sig = c.bindArgs(e, call, sig, explicit, want)
	call.Sig = sig
	call.Errable = sig.Errable
	c.info.Calls[e] = call
	if sig.Errable && c.fn != nil && !c.fn.errable && c.fn.catching == 0 {
		callee := "lambda"
		if call.Func != nil && call.Func.Lit == nil {
			callee = call.Func.name
		} else if call.Kind == CallBuiltinMethod {
			// The reference names the method alone: `send`, `await`.
			callee = call.Method.String()
			if i := strings.LastIndexByte(callee, '.'); i >= 0 {
				callee = callee[i+1:]
			}
		}
		cur := c.fn.obj.name
		if c.fn.obj.Lit != nil {
			cur = "lambda"
		}
		// The reference checks the arguments first: its position is the
		// last node they entered (diagnostics.md §1.4.4).
		c.errorf(c.last(e), "calling an errable! fn `%s` requires the current `fn %s` errable! as well or be caught.", callee, cur)
	}
	return valueOf(sig.Result)
}

// bindArgs checks the arguments against the parameters: count, rest
// parameter and spread (semantics.md §4.1), and type arguments of
// generic callees (§11). It returns the instantiated signature.
func (c *checker) bindArgs(e *ast.CallExpr, call *Call, sig *Signature, explicit []Type, want Type) *Signature {
	tparams := sig.TypeParams
	targs := make([]Type, len(tparams))
	copy(targs, explicit)
	generic := len(tparams) > 0
	paramType := func(t Type) Type {
		if !generic {
			return t
		}
		return substBound(t, tparams, targs)
	}
	nfixed := len(sig.Params)
	if sig.Variadic {
		nfixed--
	}
	args := e.Args
	spread := e.Ellipsis.IsValid() && len(args) > 0
	// The counts are checked before the arguments, at the callee; a
	// generic callee checks its arguments first (to infer), so too many
	// arguments to it are reported at the last one.
	callee := c.last(e.Fun)
	if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && call.Kind != CallInterface {
		callee = c.anchor(sel) // x.m(...): the . (an interface's: x)
	}
	switch {
	case spread && !sig.Variadic:
		c.errorf(callee, "not enough args")
		c.skipArgs(e)
		return sig
	case spread && len(args)-1 > nfixed:
		c.errorf(callee, "spread operator '...' requires a function with rest parameters")
		c.skipArgs(e)
		return sig
	case len(args) < nfixed || spread && len(args)-1 < nfixed:
		if generic && !spread && c.inferMissing(e, sig, targs) {
			return &Signature{Result: Typ[Invalid], Params: sig.Params}
		}
		c.errorf(callee, "not enough args")
		if !generic || spread {
			c.skipArgs(e)
		}
		return sig
	case !sig.Variadic && len(args) > len(sig.Params):
		if generic {
			c.skipArgs(e)
			c.errorf(c.last(e), "too many arguments")
		} else {
			c.errorf(callee, "too many args")
			c.skipArgs(e)
		}
		return sig
	}
	if sig.Variadic && !spread {
		call.Rest = nfixed
	}
	call.Spread = spread
	shapeErr := false
	for i, a := range args {
		var pt Type
		switch {
		case i < nfixed:
			pt = sig.Params[i].typ
		case spread:
			pt = sig.Params[nfixed].typ
		default:
			pt = sig.Params[nfixed].typ
			if v, ok := paramType(pt).Underlying().(*Vec); ok {
				pt = v.Elem
			} else if v, ok := pt.Underlying().(*Vec); ok {
				pt = v.Elem
			}
		}
		if !c.argument(a, pt, tparams, targs) {
			shapeErr = true
		}
	}
	if !generic {
		return sig
	}
	if shapeErr {
		return &Signature{Result: Typ[Invalid], Params: sig.Params}
	}
	if want != nil && mentions(sig.Result, tparams, targs) {
		unify(sig.Result, want, tparams, targs, 0)
	}
	for i, t := range targs {
		if t == nil {
			c.errorf(e.Lparen, "cannot infer generics param '%s'", tparams[i].Obj.name)
			return &Signature{Result: Typ[Invalid], Params: sig.Params}
		}
	}
	c.checkConstraints(e, tparams, targs)
	call.TypeArgs = targs
	if id := calleeIdent(e.Fun); id != nil {
		inst := substSignature(sig, tparams, targs, 0)
		c.info.Instances[id] = Instance{TypeArgs: targs, Type: inst}
		if _, plain := ast.Unparen(e.Fun).(*ast.Ident); plain {
			c.record(e.Fun, TypeAndValue{Mode: Value, Type: inst})
		}
	}
	return substSignature(sig, tparams, targs, 0)
}

// inferMissing infers a generic callee's type parameters from the
// arguments of a call that has too few, as the reference does before it
// counts them, and reports the first it cannot infer at the end of the
// last argument (the ( without any). It checks the arguments.
func (c *checker) inferMissing(e *ast.CallExpr, sig *Signature, targs []Type) bool {
	for i, a := range e.Args {
		x := c.exprVoid(a, nil)
		if !isInvalid(x.typ) {
			unify(sig.Params[i].typ, x.typ, sig.TypeParams, targs, 0)
		}
	}
	for i, t := range targs {
		if t == nil {
			at := e.Lparen
			if n := len(e.Args); n > 0 {
				at = c.last(e.Args[n-1])
			}
			c.errorf(at, "cannot infer generics param '%s'", sig.TypeParams[i].Obj.name)
			return true
		}
	}
	return false
}

// argument checks one argument against the parameter type pt, first
// inferring the type parameters pt mentions from the argument's type.
// It reports false when the argument's type cannot be matched with pt
// to infer them (reported here).
func (c *checker) argument(a ast.Expr, pt Type, tparams []*TypeParam, targs []Type) bool {
	if len(tparams) == 0 {
		c.checValueArg(a, pt)
		return true
	}
	if !mentions(pt, tparams, targs) {
		c.checValueArg(a, substBound(pt, tparams, targs))
		return true
	}
	x := c.expr(a, nil)
	if isInvalid(x.typ) {
		return true
	}
	if !unify(pt, x.typ, tparams, targs, 0) {
		c.errorf(c.last(a), "cannot generics type from %s to %s", longType(x.typ), genericParamString(pt))
		return false
	}
	if basicKind(x.typ) == Null {
		// null given for a bare T binds T to null, as the reference
		// infers kind_of(null) (unify leaves null alone, so that a T?
		// parameter does not take it).
		for i, tp := range tparams {
			if tp == pt && targs[i] == nil {
				targs[i] = Typ[Null]
			}
		}
	}
	c.assignOperand(a, x, substBound(pt, tparams, targs))
	return true
}

func (c *checker) checValueArg(a ast.Expr, pt Type) {
	x := c.expr(a, pt)
	c.assignOperand(a, x, pt)
}

func calleeIdent(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.InstExpr:
		return calleeIdent(x.X)
	case *ast.SelectorExpr:
		return x.Sel
	}
	return nil
}

// substBound substitutes the type parameters whose arguments are known.
func substBound(t Type, tparams []*TypeParam, targs []Type) Type {
	var ps []*TypeParam
	var as []Type
	for i, a := range targs {
		if a != nil {
			ps = append(ps, tparams[i])
			as = append(as, a)
		}
	}
	return substitute(t, ps, as, 0)
}

// mentions reports whether t refers to a type parameter that is not
// bound yet.
func mentions(t Type, tparams []*TypeParam, targs []Type) bool {
	found := false
	walkType(t, 0, func(x Type) {
		if tp, ok := x.(*TypeParam); ok {
			for i, p := range tparams {
				if p == tp && targs[i] == nil {
					found = true
				}
			}
		}
	})
	return found
}

// walkType calls f for t and the types it is built from.
func walkType(t Type, depth int, f func(Type)) {
	if t == nil || depth > 32 {
		return
	}
	f(t)
	for _, x := range TypeParts(t) {
		walkType(x, depth+1, f)
	}
}

// unify binds type parameters in p so that p matches the argument type
// a: the first argument mentioning T fixes it (semantics.md §11). It
// reports whether a is built like p wherever p is a constructor (vec,
// array, set, chan, pointer, map, tuple, fn): the same one with as many
// parts; the reference's inference fails otherwise (cannot generics
// type from a to p). A named or nullable parameter and a basic type
// are left to the assignment check.
func unify(p, a Type, tparams []*TypeParam, targs []Type, depth int) bool {
	if depth > 32 || p == nil || a == nil {
		return true
	}
	switch p := p.(type) {
	case *TypeParam:
		for i, tp := range tparams {
			if tp == p && targs[i] == nil && !isInvalid(a) && basicKind(a) != Null {
				targs[i] = a
			}
		}
	case *Named:
		an, ok := a.(*Named)
		if !ok || an.Orig == nil || an.Orig != p.Orig {
			// box<T> given something else than a box<...>.
			return p.Orig == nil
		}
		for i := range p.TypeArgs {
			if i < len(an.TypeArgs) {
				unify(p.TypeArgs[i], an.TypeArgs[i], tparams, targs, depth+1)
			}
		}
	case *Union:
		// T? matched by a T or a T?: bind T to the non-null part.
		if au, ok := a.Underlying().(*Union); ok && len(au.Terms) == len(p.Terms) {
			for i := range p.Terms {
				unify(p.Terms[i], au.Terms[i], tparams, targs, depth+1)
			}
			return true
		}
		if p.Nullable() && len(p.Terms) == 2 {
			for _, term := range p.Terms {
				if basicKind(term) != Null {
					unify(term, a, tparams, targs, depth+1)
				}
			}
		}
	case *Basic:
	default:
		// The same constructor with as many parts: unify them part by
		// part.
		au := a.Underlying()
		if reflect.TypeOf(au) != reflect.TypeOf(p) {
			return false
		}
		pp, ap := TypeParts(p), TypeParts(au)
		if len(pp) != len(ap) {
			return false
		}
		for i := range pp {
			if !unify(pp[i], ap[i], tparams, targs, depth+1) {
				return false
			}
		}
	}
	return true
}

// genericParamString spells a parameter type that mentions type
// parameters as the reference's inference message does: its element
// types as they were written where it has resolved them, a type
// parameter in a map's value as ident, the insides of tuples and
// function parameters as "...".
func genericParamString(t Type) string {
	switch t := t.(type) {
	case *TypeParam:
		return t.Obj.name
	case *Vec:
		return "[" + genericElemString(t.Elem) + "]"
	case *Array:
		return "[" + genericElemString(t.Elem) + ";" + itoa(int(t.Len)) + "]"
	case *Set:
		return "set<" + genericElemString(t.Elem) + ">"
	case *Chan:
		return "chan<" + genericElemString(t.Elem) + ">"
	case *Pointer:
		return t.Kind.String() + "<" + genericElemString(t.Elem) + ">"
	case *Map:
		v := genericParamString(t.Elem)
		if _, ok := t.Elem.(*TypeParam); ok {
			v = "ident"
		} else if b, ok := t.Elem.(*Basic); ok {
			v = Typ[b.Kind].Name // int is i64 there
		}
		return "map<" + genericParamString(t.Key) + "," + v + ">"
	case *Tuple:
		return "tup<...>"
	case *Signature:
		return "fn(...):" + genericParamString(t.Result)
	case *Union:
		return "union"
	}
	if t == nil {
		return "void"
	}
	return longType(t)
}

// genericElemString spells the element type of a vec, array, set, chan
// or pointer in genericParamString: a vec inside one is vec(...).
func genericElemString(t Type) string {
	if _, ok := t.(*Vec); ok {
		return "vec(...)"
	}
	return genericParamString(t)
}

// checkConstraints checks type arguments against #where constraints
// (types.md §6.3; the marker table is enforced).
func (c *checker) checkConstraints(e *ast.CallExpr, tparams []*TypeParam, targs []Type) {
	c.checkConstraintsAt(c.last(e), tparams, targs)
}

// recvConstraints checks the type arguments of a generic receiver
// against the #where constraints a method of the generic type puts on
// its receiver's parameters (#where T: comparable before fn
// range<T>.of(...)), reporting at pos: where the reference does, the (
// of a static call T<args>.m(...), the end of the receiver of x.m(...).
func (c *checker) recvConstraints(pos lex.Pos, m *Func, recv *Named) {
	tps := m.Signature().TypeParams
	if recv == nil || len(recv.TypeArgs) == 0 || len(tps) < len(recv.TypeArgs) {
		return
	}
	c.checkConstraintsAt(pos, tps[:len(recv.TypeArgs)], recv.TypeArgs)
}

func (c *checker) checkConstraintsAt(pos lex.Pos, tparams []*TypeParam, targs []Type) {
	for i, tp := range tparams {
		a := targs[i]
		if c.badConstraint[tp] {
			c.errorf(pos, "generic constraints only support interface '&' constraints")
		}
		for _, ct := range tp.Constraints {
			it, _ := ct.Underlying().(*Interface)
			if it == nil {
				continue
			}
			if it.Marker != "" {
				switch {
				case satisfiesMarker(a, it.Marker):
				case it.Marker == "nonvoid":
					c.errorf(pos, "type '%s' denied by '%s' interface", shortType(a), it.Marker)
				default:
					// The reference's wording for comparable, equatable
					// and addable; it lets anything through numeric,
					// which naturekit enforces too (spec/README.md).
					c.errorf(pos, "type '%s' not impl '%s' interface", shortType(a), it.Marker)
				}
				continue
			}
			if !c.implements(a, ct) {
				c.errorf(pos, "type '%s' not impl '%s' interface", shortType(a), shortType(ct))
			}
		}
	}
}

func satisfiesMarker(t Type, marker string) bool {
	if tp, ok := t.(*TypeParam); ok {
		// A type parameter of the enclosing generic function passes on
		// what its own constraints promise.
		return marker == "nonvoid" || hasMarker(tp, marker)
	}
	switch marker {
	case "numeric":
		return IsNumeric(t)
	case "addable", "comparable":
		return IsNumeric(t) || IsString(t)
	case "equatable":
		return IsNumeric(t) || IsString(t) || IsBool(t) || basicKind(t) == Anyptr
	case "nonvoid":
		return !IsVoid(t)
	}
	return true
}

// isModuleSel reports whether sel is alias.name of an import.
func (c *checker) isModuleSel(sel *ast.SelectorExpr) bool {
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	_, ok = c.lookup(id.Name).(*PkgName)
	return ok
}
