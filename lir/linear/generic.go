package linear

import (
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Generics are lowered by instantiation, as the reference compiles them:
// one body per generic function (or method of a generic type) and
// distinct list of type arguments, made the first time a call needs it
// and shared module-wide. sema checks a generic body once, with
// *sema.TypeParam types; an instance lowers that same body with a
// substitution (typeSubst) applied wherever this package reads a type
// sema recorded — typeOf, valueType, variable and parameter types, call
// signatures, conversions, loops — so after substitution every operator,
// method call, layout and copy is the concrete type's.
//
// Names: main.identity<int>, main.stack<int>.push,
// main.wrap<int>.map<string>, main.vec<int>.sum for a method declared on
// vec<T>; closures inside an instance are numbered under its name
// (main.compose<int,int,int>.lambda.0). Types of the entry module are
// written without their module (main.announce<dog>), those of imported
// modules with it.

// typeSubst maps the type parameters of a generic function to the type
// arguments of one instance. A nil *typeSubst is the identity.
type typeSubst struct {
	params []*sema.TypeParam
	args   []sema.Type
	cache  map[sema.Type]sema.Type
}

// apply returns t instantiated.
func (s *typeSubst) apply(t sema.Type) sema.Type {
	if s == nil || t == nil {
		return t
	}
	if r, ok := s.cache[t]; ok {
		return r
	}
	r := sema.Subst(t, s.params, s.args)
	s.cache[t] = r
	return r
}

// subst returns type t, which sema recorded, as the type of this
// instance.
func (fb *funcBuilder) subst(t sema.Type) sema.Type { return fb.sub.apply(t) }

// varType returns the type of variable v in this instance.
func (fb *funcBuilder) varType(v *sema.Var) sema.Type { return fb.sub.apply(v.Type()) }

// isGeneric reports whether fn has type parameters of its own or of its
// receiver type: it is lowered per instance only.
func isGeneric(fn *sema.Func) bool {
	return len(fn.Signature().TypeParams) > 0
}

// An instance is one lowered copy of a generic function.
type instance struct {
	fn   *sema.Func
	args []sema.Type // for every parameter of fn.Signature().TypeParams
	sym  string
}

// maxInstances and maxTypeDepth bound the instances of one program: a
// generic function that calls itself with an ever longer type (f<T>
// calling f<[T]>) would otherwise instantiate forever.
const (
	maxInstances = 10000
	maxTypeDepth = 32
)

// typeDepth returns how deeply t nests other types, up to limit+1.
func typeDepth(t sema.Type, limit int) int {
	if limit < 0 {
		return 1
	}
	d := 0
	for _, e := range sema.TypeParts(t) {
		d = max(d, typeDepth(e, limit-1))
	}
	return d + 1
}

// instanceSym returns the symbol of fn instantiated with args, queueing
// the instance's body the first time.
func (m *moduleBuilder) instanceSym(n ast.Node, fn *sema.Func, args []sema.Type) string {
	if m.insts == nil {
		m.insts = map[*sema.Func][]*instance{}
		m.instSyms = map[string]bool{}
	}
	for _, in := range m.insts[fn] {
		if identicalList(in.args, args) {
			return in.sym
		}
	}
	tooDeep := len(m.instSyms) >= maxInstances
	for _, a := range args {
		tooDeep = tooDeep || typeDepth(a, maxTypeDepth) > maxTypeDepth
	}
	if tooDeep {
		// The error fails the Build; the symbol is never linked.
		m.errorAt(n.Pos(), "instantiating "+fn.FullName()+" without end (type arguments nested more than 32 deep, or 10000 instances) is not supported")
		return "main.instance.limit"
	}
	sym := instanceName(fn, args, m.info.Main)
	if m.instSyms[sym] {
		// Two distinct types print alike (local types of the same name).
		base := sym
		for i := 2; m.instSyms[sym]; i++ {
			sym = base + "." + strconv.Itoa(i)
		}
	}
	m.instSyms[sym] = true
	in := &instance{fn: fn, args: args, sym: sym}
	m.insts[fn] = append(m.insts[fn], in)
	m.queue = append(m.queue, func() { m.buildInstance(in) })
	return sym
}

func identicalList(a, b []sema.Type) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sema.Identical(a[i], b[i]) {
			return false
		}
	}
	return true
}

// buildInstance lowers the body of a generic function for one list of
// type arguments.
func (m *moduleBuilder) buildInstance(in *instance) {
	fn := in.fn
	if fn.Decl == nil || fn.Decl.Body == nil {
		m.errorAt(fn.Pos(), "a generic function without a body ("+fn.FullName()+") is not supported")
		return
	}
	sig := fn.Signature()
	sub := &typeSubst{params: sig.TypeParams, args: in.args, cache: map[sema.Type]sema.Type{}}
	fb := m.newFuncBuilderSub(fn, in.sym, sig, false, sub)
	fb.run(func() {
		fb.bindParams(0)
		fb.body(fn.Decl.Body)
	})
}

// recvTypeParams returns how many of a method's type parameters belong
// to its receiver type (fn box<T>.map<U>: one; fn map<K,V>.keys: two).
func recvTypeParams(fn *sema.Func) int {
	switch t := fn.RecvType.(type) {
	case *sema.Named:
		return len(t.TypeArgs)
	case *sema.Vec, *sema.Set, *sema.Chan:
		return 1
	case *sema.Map:
		return 2
	}
	return 0
}

// instanceName spells the symbol of an instance.
func instanceName(fn *sema.Func, args []sema.Type, main *sema.Package) string {
	list := func(b *strings.Builder, ts []sema.Type) {
		b.WriteByte('<')
		for i, t := range ts {
			if i > 0 {
				b.WriteByte(',')
			}
			symType(b, t, main, 0)
		}
		b.WriteByte('>')
	}
	var b strings.Builder
	if p := fn.Pkg(); p != nil && p.Name != "" {
		b.WriteString(p.Name + ".")
	} else {
		b.WriteString("main.")
	}
	k := 0
	if fn.RecvType != nil {
		k = min(recvTypeParams(fn), len(args))
		switch t := fn.RecvType.(type) {
		case *sema.Named:
			b.WriteString(t.Obj.Name())
		case *sema.Vec:
			b.WriteString("vec")
		case *sema.Set:
			b.WriteString("set")
		case *sema.Chan:
			b.WriteString("chan")
		case *sema.Map:
			b.WriteString("map")
		default:
			symType(&b, t, main, 0)
		}
		if k > 0 {
			list(&b, args[:k])
		}
		b.WriteString(".")
	}
	b.WriteString(fn.Name())
	if len(args) > k {
		list(&b, args[k:])
	}
	return b.String()
}

// symType writes t for a symbol name. The spelling is Nature's generic
// one — vec<int>, map<string,int>, tup<int,bool>, arr<int,3>,
// fn(int,int)bool — so a name needs no ':', '[', ';' or blank, which the
// assembler's operand syntax would have to tell apart inside quotes; the
// 64-bit kinds are int, uint and float whichever spelling the program
// used. Named types of other modules than main are qualified.
func symType(b *strings.Builder, t sema.Type, main *sema.Package, depth int) {
	if depth > 16 {
		b.WriteString("etc")
		return
	}
	w := func(t sema.Type) { symType(b, t, main, depth+1) }
	list := func(open string, ts []sema.Type, close string) {
		b.WriteString(open)
		for i, t := range ts {
			if i > 0 {
				b.WriteByte(',')
			}
			w(t)
		}
		b.WriteString(close)
	}
	switch t := t.(type) {
	case *sema.Basic:
		switch t.Kind {
		case sema.I64:
			b.WriteString("int")
		case sema.U64:
			b.WriteString("uint")
		case sema.F64:
			b.WriteString("float")
		default:
			b.WriteString(sema.Typ[t.Kind].Name)
		}
	case *sema.Vec:
		list("vec<", []sema.Type{t.Elem}, ">")
	case *sema.Array:
		list("arr<", []sema.Type{t.Elem}, ","+strconv.FormatInt(t.Len, 10)+">")
	case *sema.Map:
		list("map<", []sema.Type{t.Key, t.Elem}, ">")
	case *sema.Set:
		list("set<", []sema.Type{t.Elem}, ">")
	case *sema.Tuple:
		list("tup<", t.Elems, ">")
	case *sema.Chan:
		list("chan<", []sema.Type{t.Elem}, ">")
	case *sema.Future:
		list("future<", []sema.Type{t.Result}, ">")
	case *sema.Pointer:
		list(t.Kind.String()+"<", []sema.Type{t.Elem}, ">")
	case *sema.Union:
		if len(t.Terms) == 2 && t.Nullable() {
			for _, e := range t.Terms {
				if b, ok := e.(*sema.Basic); !ok || b.Kind != sema.Null {
					w(e)
				}
			}
			b.WriteByte('?')
			return
		}
		for i, e := range t.Terms {
			if i > 0 {
				b.WriteByte('|')
			}
			w(e)
		}
	case *sema.Signature:
		ps := make([]sema.Type, len(t.Params))
		for i, p := range t.Params {
			ps[i] = p.Type()
		}
		list("fn(", ps, ")")
		if t.Result != nil && !sema.IsVoid(t.Result) {
			w(t.Result)
		}
		if t.Errable {
			b.WriteByte('!')
		}
	case *sema.Named:
		if p := t.Obj.Pkg(); p != nil && p != main && p.Name != "" {
			b.WriteString(p.Name + ".")
		}
		b.WriteString(t.Obj.Name())
		if len(t.TypeArgs) > 0 {
			list("<", t.TypeArgs, ">")
		}
	case *sema.Struct:
		ts := make([]sema.Type, len(t.Fields))
		for i, f := range t.Fields {
			ts[i] = f.Type()
		}
		list("struct<", ts, ">")
	case *sema.TypeParam:
		b.WriteString(t.Obj.Name())
	default:
		b.WriteString(mangle(sema.TypeString(t, nil)))
	}
}

// calleeSym returns the symbol a call of c.Func (a function, method or
// static method) calls: the function's own, or the instance the call's
// type arguments select.
func (fb *funcBuilder) calleeSym(e *ast.CallExpr, c *sema.Call) string {
	fn := c.Func
	if !isGeneric(fn) {
		return fb.m.funcSym(fn)
	}
	var args []sema.Type
	if recvTypeParams(fn) > 0 {
		var rt sema.Type
		switch c.Kind {
		case sema.CallMethod:
			rt = fb.typeOf(c.Recv)
		case sema.CallStatic:
			rt = fb.subst(c.RecvType)
		}
		if p := pointerElem(rt); p != nil {
			rt = p
		}
		args = recvTypeArgs(rt)
		if len(args) != recvTypeParams(fn) {
			fb.unsupported(e, "calling "+fn.FullName()+" on this receiver")
		}
	}
	for _, a := range c.TypeArgs {
		args = append(args, fb.subst(a))
	}
	if len(args) != len(fn.Signature().TypeParams) {
		fb.unsupported(e, "calling "+fn.FullName()+" with these type arguments")
	}
	return fb.m.instanceSym(e, fn, args)
}

// recvTypeArgs returns the type arguments of a method's receiver type: an
// instance of a generic named type, or a built-in generic type.
func recvTypeArgs(t sema.Type) []sema.Type {
	switch t := t.(type) {
	case *sema.Named:
		if len(t.TypeArgs) > 0 {
			return t.TypeArgs
		}
		return recvTypeArgs(t.Underlying())
	case *sema.Vec, *sema.Set, *sema.Chan, *sema.Map:
		return sema.TypeParts(t)
	}
	return nil
}

// typeParamCall lowers a call of a constraint's method on a value whose
// type is a type parameter (#where T: named, then thing.name()): in an
// instance the type is concrete, so the call goes to that type's method
// directly. ok is false when the receiver is an interface value, which
// dispatches dynamically.
func (fb *funcBuilder) typeParamCall(e *ast.CallExpr, c *sema.Call) (lir.Operand, bool) {
	if fb.sub == nil || c.Recv == nil || c.Func == nil {
		return lir.Operand{}, false
	}
	rt := fb.typeOf(c.Recv)
	base := rt
	if p := pointerElem(rt); p != nil {
		base = p
	}
	if _, ok := base.Underlying().(*sema.Interface); ok {
		return lir.Operand{}, false
	}
	n, _ := base.(*sema.Named)
	var m *sema.Func
	if n != nil {
		m = n.Method(c.Func.Name())
	}
	if m == nil {
		fb.unsupported(e, "calling "+c.Func.Name()+" on "+base.String())
	}
	msig := m.Signature()
	if k := recvTypeParams(m); k > 0 {
		if len(n.TypeArgs) != k || len(msig.TypeParams) != k {
			fb.unsupported(e, "calling the generic method "+m.FullName()+" through a constraint")
		}
		msig, _ = sema.Subst(msig, msig.TypeParams, n.TypeArgs).(*sema.Signature)
	}
	var recv lir.Operand
	t := base
	ptr := pointerElem(rt) != nil
	switch msig.RecvMode {
	case sema.RecvValue:
		recv = fb.value(c.Recv)
		if ptr && !isAggregate(t) {
			recv = fb.b.Load(lirType(t), recv, 0)
		}
		if isAggregate(t) {
			recv = fb.copyValue(recv, t) // self is a copy the method may change
		}
	default: // *self and &self
		switch {
		case ptr, isAggregate(t):
			recv = fb.value(c.Recv) // a struct is its object
		case isLocation(c.Recv):
			recv = fb.addrOf(c.Recv)
		default:
			// A scalar without a location: a fresh cell holding it.
			recv = fb.alloc(newLayout([]lir.Type{lirType(t)}, []bool{isPointer(t)}), abi.TypeKindPointer)
			fb.storeMem(recv, 0, fb.value(c.Recv), isPointer(t))
		}
	}
	sym := fb.m.funcSym(m)
	if isGeneric(m) {
		sym = fb.m.instanceSym(e, m, n.TypeArgs)
	}
	args := append([]lir.Operand{recv}, fb.args(e, c)...)
	return fb.b.Call(lir.OpCall, lirType(fb.subst(c.Sig.Result)), fb.b.Symbol(sym), args...), true
}

// fieldDefault evaluates the declared default of field f of struct type
// t. The default of a generic struct's field is typed with the
// declaration's own type parameters ([T] seen = [] in hist<T>), so in
// hist<int> it is evaluated with those mapped to the instance's
// arguments, whatever function builds the struct.
func (fb *funcBuilder) fieldDefault(t sema.Type, f *sema.Var) lir.Operand {
	n, ok := t.(*sema.Named)
	if !ok || n.Orig == nil || len(n.TypeArgs) == 0 || len(n.Orig.TypeParams) != len(n.TypeArgs) {
		return fb.rvalueAs(f.Default, f.Type())
	}
	saved := fb.sub
	defer func() { fb.sub = saved }()
	fb.sub = &typeSubst{params: n.Orig.TypeParams, args: n.TypeArgs, cache: map[sema.Type]sema.Type{}}
	return fb.rvalueAs(f.Default, f.Type())
}
