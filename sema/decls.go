package sema

import (
	"go/constant"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// typeDecl resolves type Name<Params>: Impls = Type.
func (c *checker) typeDecl(tn *TypeName, d *ast.TypeDecl) {
	n, _ := tn.typ.(*Named)
	if n == nil {
		n = NewNamed(tn, nil)
		tn.typ = n
	}
	for i, p := range d.TypeParams {
		n.TypeParams = append(n.TypeParams, c.newTypeParam(p, i))
	}
	c.withTypeParams(n.TypeParams, func() {
		var impls []Type
		for _, e := range d.Impls {
			impls = append(impls, c.typ(e))
		}
		var under Type
		switch t := d.Type.(type) {
		case *ast.InterfaceType:
			it := c.interfaceType(t, n)
			for i, p := range impls {
				if _, ok := p.Underlying().(*Interface); ok {
					if pn, ok := p.(*Named); ok {
						it.Embedded = append(it.Embedded, pn)
					}
				} else if !isInvalid(p) {
					c.errorf(c.last(d.Impls[i]), "interface '%s' impl target '%s' is not interface", qualifiedObj(tn), shortType(p))
				}
			}
			c.checkDuplicateMethods(it, d)
			under = it
		case *ast.EnumType:
			under = c.enumType(t, n)
		default:
			under = c.typ(d.Type)
			for i, p := range impls {
				if _, ok := p.Underlying().(*Interface); !ok && !isInvalid(p) {
					c.errorf(c.last(d.Impls[i]), "type '%s' impl target '%s' is not interface", qualifiedObj(tn), shortType(p))
				}
			}
			n.Impls = impls
		}
		if rn, ok := under.(*Named); ok && rn.underlying == nil && rn.Orig == nil {
			c.errorf(d.Name.Pos(), "recycle use type '%s'", qualifiedObj(tn))
			under = Typ[Invalid]
		}
		n.SetUnderlying(under)
	})
	if containsByValue(n, n.underlying, 0) {
		c.errorf(d.Name.Pos(), "recycle use type '%s'", qualifiedObj(tn))
		n.underlying = Typ[Invalid]
	}
	// Instances created while the declaration was in progress.
	for _, inst := range tn.Instances {
		resolveInstance(inst)
	}
}

// containsByValue reports whether t stores a value of n inline (a struct
// that contains itself), which has no finite size.
func containsByValue(n *Named, t Type, depth int) bool {
	if depth > 32 || t == nil {
		return false
	}
	switch t := t.(type) {
	case *Named:
		if t == n {
			return true
		}
		if t.Orig != nil || t.underlying == nil {
			return false
		}
		return containsByValue(n, t.underlying, depth+1)
	case *Struct:
		for _, f := range t.Fields {
			if containsByValue(n, f.typ, depth+1) {
				return true
			}
		}
	case *Array:
		return containsByValue(n, t.Elem, depth+1)
	case *Tuple:
		for _, e := range t.Elems {
			if containsByValue(n, e, depth+1) {
				return true
			}
		}
	}
	return false
}

func (c *checker) checkDuplicateMethods(it *Interface, d *ast.TypeDecl) {
	seen := map[string]*Func{}
	for _, m := range it.AllMethods() {
		seen[m.name] = m
	}
	for _, x := range d.Impls {
		e := c.info.TypeOf(x)
		ei, _ := nonNil(e).Underlying().(*Interface)
		if ei == nil {
			continue
		}
		for _, m := range ei.AllMethods() {
			if old := seen[m.name]; old != nil && old != m && !Identical(old.typ, m.typ) {
				c.errorf(c.last(x), "duplicate method '%s'", m.name)
			}
			seen[m.name] = m
		}
	}
}

func (c *checker) newTypeParam(id *ast.Ident, index int) *TypeParam {
	tn := &TypeName{object: object{name: id.Name, pos: id.Pos(), pkg: c.pkg}}
	tp := &TypeParam{Obj: tn, Index: index}
	tn.typ = tp
	c.def(id, tn)
	return tp
}

// withTypeParams runs f in a scope that declares the type parameters.
func (c *checker) withTypeParams(tps []*TypeParam, f func()) {
	if len(tps) == 0 {
		f()
		return
	}
	c.scope = NewScope(c.scope, nil)
	for _, tp := range tps {
		c.scope.Insert(tp.Obj)
	}
	f()
	c.scope = c.scope.parent
}

// constDecl evaluates const Name = Value: it must fold to a literal.
func (c *checker) constDecl(k *Const, d *ast.ConstDecl) {
	k.typ = Typ[Invalid]
	cycles := c.cycles
	v, ok := c.foldConst(d.Value)
	if !ok {
		if c.cycles == cycles {
			c.errorf(d.Value.Pos(), "const cannot be initialized")
		}
		return
	}
	k.setValue(v)
	k.typ = untypedOf(v)
	c.recordFolded(d.Value, Default(k.typ))
}

// untypedOf returns the type of an untyped constant value.
func untypedOf(v value) Type {
	switch v.kind() {
	case constant.Int:
		return Typ[UntypedInt]
	case constant.Float:
		return Typ[UntypedFloat]
	case constant.String:
		return Typ[String]
	case constant.Bool:
		return Typ[Bool]
	}
	return Typ[Invalid]
}

// funcDecl resolves a function's signature.
func (c *checker) funcDecl(f *Func, d *ast.FuncDecl) {
	var tps []*TypeParam
	for i, p := range d.TypeParams {
		tps = append(tps, c.newTypeParam(p, i))
	}
	c.withTypeParams(tps, func() {
		c.whereLabels(d, tps)
		f.typ = c.signature(d.Type, nil, tps)
	})
}

// whereLabels attaches #where constraints to type parameters.
func (c *checker) whereLabels(d *ast.FuncDecl, tps []*TypeParam) {
	for _, l := range d.Labels {
		for _, w := range l.Where {
			var tp *TypeParam
			for _, p := range tps {
				if p.Obj.name == w.Param.Name {
					tp = p
				}
			}
			if tp == nil {
				c.errorf(w.Param.Pos(), "generic param '%s' not found", w.Param.Name)
				continue
			}
			c.use(w.Param, tp.Obj)
			for _, ce := range w.Constraints {
				ct := c.typ(ce)
				if _, ok := ct.Underlying().(*Interface); !ok && !isInvalid(ct) {
					// Reported at each call, as the reference does.
					c.badConstraint[tp] = true
					continue
				}
				tp.Constraints = append(tp.Constraints, ct)
			}
		}
	}
}

// resolveMethods resolves the receivers and signatures of pkg's methods
// and attaches them to their types.
func (c *checker) resolveMethods(pkg *Package) {
	for _, m := range c.methods[pkg] {
		saved := c.save()
		c.pkg, c.scope, c.fn = m.pkg, m.scope, nil
		c.methodDecl(m)
		c.restore(saved)
	}
}

func (c *checker) methodDecl(m *methodDecl) {
	d, f := m.decl, m.obj
	recvID := d.Recv.Type
	var tps []*TypeParam
	for i, p := range d.Recv.TypeParams {
		tps = append(tps, c.newTypeParam(p, i))
	}
	for i, p := range d.TypeParams {
		tps = append(tps, c.newTypeParam(p, len(d.Recv.TypeParams)+i))
	}
	f.typ = &Signature{Result: Typ[Void]}
	c.withTypeParams(tps, func() {
		recv, key := c.receiverType(recvID, tps[:len(d.Recv.TypeParams)], d.Fn)
		if recv == nil {
			return
		}
		f.RecvType = recv
		c.whereLabels(d, tps)
		sig := c.signature(d.Type, recv, tps)
		f.typ = sig
		if n, ok := recv.(*Named); ok {
			if n.Orig != nil {
				n = n.Orig
			}
			if sig.RecvMode == RecvValue && isHeapNamed(n) {
				c.errorf(d.Fn, "heap-allocated type '%s' requires `&self` receiver; use `fn T.method(&self)`", longType(n))
			}
			if n.Method(f.name) != nil {
				c.errorf(d.Fn, "ident '%s.%s' redeclared", qualifiedObj(n.Obj), f.name)
				return
			}
			n.Methods = append(n.Methods, f)
			return
		}
		c.builtinMethods[key] = append(c.builtinMethods[key], f)
	})
}

// isHeapNamed reports whether a named type stands for a pointer.
func isHeapNamed(n *Named) bool {
	_, ok := n.underlying.(*Pointer)
	return ok
}

// receiverType resolves the T of fn T.m. Built-in receivers return the
// built-in type and its key for builtinMethods. Errors are reported at
// fn, the method's fn keyword, as the reference does.
func (c *checker) receiverType(id *ast.Ident, tps []*TypeParam, fn lex.Pos) (Type, string) {
	switch id.Name {
	case "void", "null", "var":
		c.errorf(id.Pos(), "type '%s' cannot impl fn", id.Name)
		return nil, ""
	case "vec", "map", "set", "chan":
		args := make([]Type, len(tps))
		for i, tp := range tps {
			args[i] = tp
		}
		var t Type
		switch {
		case id.Name == "vec" && len(args) == 1:
			t = &Vec{Elem: args[0]}
		case id.Name == "set" && len(args) == 1:
			t = &Set{Elem: args[0]}
		case id.Name == "chan" && len(args) == 1:
			t = &Chan{Elem: args[0]}
		case id.Name == "map" && len(args) == 2:
			t = &Map{Key: args[0], Elem: args[1]}
		default:
			c.errorf(fn, "impl type '%s' must specify generics params", id.Name)
			return nil, ""
		}
		return t, id.Name
	}
	obj := c.lookup(id.Name)
	tn, ok := obj.(*TypeName)
	if !ok {
		c.errorf(fn, "type '%s' undeclared", id.Name)
		return nil, ""
	}
	c.use(id, tn)
	c.objDecl(tn)
	switch t := tn.typ.(type) {
	case *Basic:
		return t, builtinKey(t)
	case *Named:
		if len(t.TypeParams) != len(tps) {
			if len(tps) == 0 {
				c.errorf(fn, "impl type '%s' must specify generics params", qualifiedObj(tn))
			} else {
				c.errorf(fn, "typedef '%s' params mismatch", qualifiedObj(tn))
			}
			return nil, ""
		}
		if len(tps) == 0 {
			return t, ""
		}
		args := make([]Type, len(tps))
		for i, tp := range tps {
			args[i] = tp
		}
		return instantiate(t, args), ""
	}
	c.errorf(fn, "type '%s' cannot impl fn", id.Name)
	return nil, ""
}

// builtinKey names the method table of a built-in type: the basic kind's
// canonical name, or vec/map/set/chan.
func builtinKey(t Type) string {
	switch t := t.(type) {
	case *Basic:
		return Typ[t.Kind].Name
	case *Vec:
		return "vec"
	case *Map:
		return "map"
	case *Set:
		return "set"
	case *Chan:
		return "chan"
	}
	return ""
}

// checkImpls verifies that every named type implements the interfaces
// its declaration lists (types.md §8).
func (c *checker) checkImpls(pkg *Package) {
	for _, tn := range pkg.Types {
		n, ok := tn.typ.(*Named)
		if !ok || tn.Decl == nil {
			continue
		}
		for i, it := range n.Impls {
			iface, ok := it.Underlying().(*Interface)
			if !ok || iface.Marker != "" {
				continue
			}
			// The reference reports a missing method where it was:
			// at the previous method found, or the interface's name.
			pos := c.last(tn.Decl.Impls[i])
			for _, m := range iface.AllMethods() {
				if impl := c.checkImplMethod(n, it, m, pos); impl != nil && impl.Decl != nil {
					pos = impl.Decl.Fn
				}
			}
		}
	}
}

// checkImplMethod checks that n has the method m of iface and returns
// n's method.
func (c *checker) checkImplMethod(n *Named, iface Type, m *Func, pos lex.Pos) *Func {
	impl := n.Method(m.name)
	ifaceName := shortType(iface)
	if in, ok := iface.(*Named); ok && in.Orig != nil {
		ifaceName = qualifiedObj(in.Orig.Obj) // without its type arguments
	}
	if impl == nil {
		c.errorf(pos, "type '%s' not impl fn '%s' for interface '%s'", qualifiedObj(n.Obj), m.name, ifaceName)
		return nil
	}
	want, _ := m.typ.(*Signature)
	got := impl.Signature()
	if k := len(n.TypeParams); k > 0 && len(got.TypeParams) >= k {
		// fn bag<T>.put(*self, T v) has type parameters of its own for
		// the receiver's: they stand for the type's, which the
		// interface (container<T>) is instantiated with.
		args := make([]Type, k)
		for i, tp := range n.TypeParams {
			args[i] = tp
		}
		got = substSignature(got, got.TypeParams[:k], args, 0)
	}
	if want == nil || !sameMethodSig(got, want) {
		at := impl.pos
		if impl.Decl != nil {
			at = impl.Decl.Fn
		}
		c.errorf(at, "the fn '%s' of type '%s' mismatch interface '%s'", m.name, qualifiedObj(n.Obj), ifaceName)
	}
	return impl
}

// sameMethodSig compares a method with an interface method, ignoring the
// receiver (its form is free).
func sameMethodSig(got, want *Signature) bool {
	if got.RecvMode == RecvNone || len(got.Params) != len(want.Params) || got.Errable != want.Errable || got.Variadic != want.Variadic {
		return false
	}
	if n := len(want.TypeParams); n > 0 {
		// A generic method: its own type parameters (after the
		// receiver's) stand for the interface method's.
		if len(got.TypeParams) < n {
			return false
		}
		args := make([]Type, n)
		for i, tp := range got.TypeParams[len(got.TypeParams)-n:] {
			args[i] = tp
		}
		want = substSignature(want, want.TypeParams, args, 0)
	}
	for i := range got.Params {
		if !Identical(got.Params[i].typ, want.Params[i].typ) {
			return false
		}
	}
	return Identical(got.Result, want.Result)
}

// checkGlobals resolves the type of every global and checks its
// initialiser (semantics.md §3.1).
func (c *checker) checkGlobals(pkg *Package) {
	c.errs.globals = true
	defer func() { c.errs.globals = false }()
	done := map[*ast.VarDecl]bool{}
	for _, v := range pkg.Globals {
		c.objDecl(v)
		d, _ := c.decls[v].decl.(*ast.VarDecl)
		if d == nil || done[d] {
			continue
		}
		done[d] = true
		init := &Initializer{Rhs: d.Value}
		if d.Bind != nil {
			for _, id := range bindIdents(d.Bind) {
				if gv, ok := c.info.Defs[id].(*Var); ok {
					init.Lhs = append(init.Lhs, gv)
				}
			}
		} else {
			init.Lhs = []*Var{v}
		}
		c.info.InitOrder = append(c.info.InitOrder, init)
	}
}

// globalDecl types a global from its declared type or initialiser.
func (c *checker) globalDecl(v *Var, d *ast.VarDecl) {
	v.typ = Typ[Invalid]
	if d.Value == nil {
		return
	}
	if d.Bind != nil {
		x := c.expr(d.Value, nil)
		c.bindTuple(d.Bind, x.typ, c.last(d.Value), func(id *ast.Ident, t Type) {
			if gv, ok := c.info.Defs[id].(*Var); ok {
				gv.typ = t
			}
		})
		c.globalInit(d.Value)
		return
	}
	if d.Type != nil {
		t := c.typ(d.Type)
		v.typ = t
		if !isInvalid(t) && IsVoid(t) {
			c.expr(d.Value, nil)
			c.errorf(c.last(d.Value), "cannot assign to void")
		} else {
			c.checkValue(d.Value, t)
		}
	} else {
		x := c.expr(d.Value, nil)
		v.typ = c.inferredType(d.Value, x)
	}
	c.globalInit(d.Value)
}

// checkBodies checks the bodies of pkg's functions and methods in
// declaration order.
func (c *checker) checkBodies(pkg *Package) {
	c.locals = 0
	for _, f := range append(pkg.Funcs[:len(pkg.Funcs):len(pkg.Funcs)], c.tests[pkg]...) {
		if f.Decl == nil || f.Decl.Body == nil {
			continue
		}
		saved := c.save()
		c.pkg, c.fn = pkg, nil
		if info := c.decls[f]; info != nil {
			c.scope = info.scope
		} else {
			c.scope = c.methodScope(f)
		}
		c.funcBody(f, f.Decl.Type, f.Decl.Body)
		c.restore(saved)
	}
}

func (c *checker) methodScope(f *Func) *Scope {
	if s := c.methodScopes[f]; s != nil {
		return s
	}
	return c.pkg.Scope
}

// checkMain checks the entry module's fn main (semantics.md §1).
func (c *checker) checkMain(pkg *Package) {
	// The reference checks main at the end of the module's analysis:
	// its errors point at the last node of the last function.
	pos := lex.NoPos
	for _, file := range pkg.Files {
		if file == nil {
			continue
		}
		pos = file.FileEnd
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && fd.Type != nil {
				pos = c.funcEnd(fd.Type, fd.Body)
			}
		}
	}
	f, ok := pkg.Scope.Lookup("main").(*Func)
	if !ok {
		c.errorf(pos, "fn 'main' is undeclared in module %s", pkg.Name)
		return
	}
	c.info.MainFunc = f
	sig := f.Signature()
	if len(sig.Params) > 0 || !IsVoid(sig.Result) {
		c.errorf(pos, "fn main must have no arguments and no return values, example: fn main() {...")
	}
}

// funcEnd is the last node the reference's analyser enters in a
// function: the last node of its body; for an empty body, the type of
// its last parameter, else its result type, else the body's {.
func (c *checker) funcEnd(ft *ast.FuncType, body *ast.BlockStmt) lex.Pos {
	switch {
	case len(body.List) > 0:
		last := body.List[len(body.List)-1]
		if d, ok := last.(*ast.VarDecl); ok && d.Value != nil {
			return c.initEnd(d.Value)
		}
		return c.lastNode(last)
	case len(ft.Params) > 0 && ft.Params[len(ft.Params)-1].Type != nil:
		return ft.Params[len(ft.Params)-1].Type.Pos()
	case ft.Result != nil:
		return ft.Result.Pos()
	}
	return body.Lbrace
}

// checkDefaults types the field defaults of pkg's struct types.
func (c *checker) checkDefaults(pkg *Package) {
	for _, tn := range pkg.Types {
		d := c.decls[tn]
		if d == nil {
			continue
		}
		if st, ok := tn.typ.Underlying().(*Struct); ok {
			saved := c.save()
			c.pkg, c.scope, c.fn = pkg, d.scope, nil
			c.checkFieldDefaults(st)
			c.restore(saved)
		}
	}
}
