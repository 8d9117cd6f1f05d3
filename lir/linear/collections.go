package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Vecs, maps and sets live in the runtime (docs/runtime-abi.md): a vec is
// an immutable header, so an operation that changes its length returns a
// new header the compiler stores back into the receiver's location;
// elements are read and written directly at Data + i*size after an
// inline bounds check (access.go). Maps and sets are reference objects behind
// the Map* and Set* entry points, with keys and values passed as bits.

// vecLit lowers [a, b, ...].
func (fb *funcBuilder) vecLit(e *ast.VecLit) lir.Operand {
	t := fb.typeOf(e)
	if a := arrayOf(t); a != nil {
		return fb.arrayLit(e, a)
	}
	if _, ok := t.Underlying().(*sema.Vec); !ok {
		fb.unsupported(e, "a literal of type "+t.String())
	}
	return fb.vecOf(e, t, e.Elts)
}

// vecOf makes a vec of type t holding the values of elts.
func (fb *funcBuilder) vecOf(n ast.Node, t sema.Type, elts []ast.Expr) lir.Operand {
	vt, ok := t.Underlying().(*sema.Vec)
	if !ok {
		fb.unsupported(n, "a rest parameter of type "+t.String())
	}
	count := lir.Int(lir.I64, int64(len(elts)))
	v := fb.rtcall(lir.Ptr, "VecMake", lir.Int(lir.I64, elemArg(vt.Elem)), count, count)
	if len(elts) == 0 {
		return v
	}
	size := int64(lirType(vt.Elem).Size())
	data := fb.b.Load(lir.Ptr, v, abi.VecOffData)
	for i, e := range elts {
		x := fb.rvalueAs(e, vt.Elem)
		fb.storeMem(data, int64(i)*size, x, isPointer(vt.Elem))
	}
	return v
}

// vecRepeat lowers [v; n] of vec type: a vec of n copies of v, which is
// evaluated once (each element a copy of its own when v is a struct,
// tuple or array). A negative n fails in VecMake as vec.new's would.
func (fb *funcBuilder) vecRepeat(e *ast.RepeatLit) lir.Operand {
	t := fb.typeOf(e)
	vt, ok := t.Underlying().(*sema.Vec)
	if !ok {
		fb.unsupported(e, "a repeat literal of type "+t.String())
	}
	x := fb.hold(fb.valueAs(e.Value, vt.Elem))
	count := fb.hold(fb.index64(e.Count))
	v := fb.hold(fb.rtcall(lir.Ptr, "VecMake", lir.Int(lir.I64, elemArg(vt.Elem)), count, count))
	size := int64(lirType(vt.Elem).Size())
	zero := x.Kind == lir.IntOperand && x.Imm == 0
	if zero && !isAggregate(vt.Elem) {
		return v // VecMake's elements are zero already
	}
	fb.loopTo(0, count, func(i lir.Operand) {
		// The header is nil for n == 0: its data is read only in the loop.
		data := fb.b.Load(lir.Ptr, v, abi.VecOffData)
		el := x
		if isAggregate(vt.Elem) {
			el = fb.copyValue(x, vt.Elem)
		}
		fb.storeMem(fb.b.Addr(data, i, size, 0), 0, el, isPointer(vt.Elem))
	})
	return v
}

// braceLit lowers {k: v, ...} (a map) and {a, b, ...} (a set).
func (fb *funcBuilder) braceLit(e *ast.BraceLit) lir.Operand {
	t := fb.typeOf(e)
	switch u := t.Underlying().(type) {
	case *sema.Map:
		m := fb.newMap(u)
		for _, elt := range e.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok {
				fb.unsupported(elt, "this map element")
			}
			k := fb.toBits(fb.rvalueAs(kv.Key, u.Key), u.Key)
			v := fb.toBits(fb.rvalueAs(kv.Value, u.Elem), u.Elem)
			fb.rtcall(lir.Void, "MapSet", m, k, v)
		}
		return m
	case *sema.Set:
		s := fb.rtcall(lir.Ptr, "SetNew", lir.Int(lir.I64, valueKind(u.Elem)))
		for _, elt := range e.Elts {
			fb.rtcall(lir.Void, "SetAdd", s, fb.toBits(fb.rvalueAs(elt, u.Elem), u.Elem))
		}
		return s
	}
	fb.unsupported(e, "a literal of type "+t.String())
	return lir.Operand{}
}

func (fb *funcBuilder) newMap(u *sema.Map) lir.Operand {
	valPtr := int64(0)
	if isPointer(u.Elem) {
		valPtr = 1
	}
	return fb.rtcall(lir.Ptr, "MapNew", lir.Int(lir.I64, valueKind(u.Key)), lir.Int(lir.I8, valPtr))
}

// tupleLit lowers (a, b, ...).
func (fb *funcBuilder) tupleLit(e *ast.TupleExpr) lir.Operand {
	t := fb.typeOf(e)
	elems := fields(t)
	if len(elems) != len(e.Elts) {
		fb.unsupported(e, "a tuple of type "+t.String())
	}
	l := aggregateLayout(t)
	obj := fb.alloc(l, abi.TypeKindStruct)
	for i, x := range e.Elts {
		fb.storeMem(obj, l.offs[i], fb.rvalueAs(x, elems[i]), l.ptrs[i])
	}
	return obj
}

// structLit lowers T{f: v, ...}.
func (fb *funcBuilder) structLit(e *ast.StructLit) lir.Operand {
	t := fb.typeOf(e)
	var inits []fieldInit
	for _, kv := range e.Fields {
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			fb.unsupported(kv, "this field initialiser")
		}
		inits = append(inits, fieldInit{id.Name, kv.Value})
	}
	return fb.newStruct(e, t, inits)
}

type fieldInit struct {
	name string
	val  ast.Expr
}

// newStruct allocates a struct of type t: the given fields in written
// order, then the declared defaults of the others (evaluated each time),
// then zero values. A nested struct field without an initialiser is
// made with its own type's defaults (spec/README.md decision; the
// reference zero-fills it, types.md §5.2).
func (fb *funcBuilder) newStruct(n ast.Node, t sema.Type, inits []fieldInit) lir.Operand {
	st, ok := t.Underlying().(*sema.Struct)
	if !ok {
		fb.unsupported(n, "a struct literal of type "+t.String())
	}
	l := aggregateLayout(t)
	obj := fb.alloc(l, abi.TypeKindStruct)
	set := make([]bool, len(st.Fields))
	for _, in := range inits {
		f, i := st.Field(in.name)
		if f == nil {
			fb.unsupported(n, "field "+in.name)
		}
		fb.storeMem(obj, l.offs[i], fb.rvalueAs(in.val, f.Type()), l.ptrs[i])
		set[i] = true
	}
	for i, f := range st.Fields {
		switch {
		case set[i]:
		case f.Default != nil:
			fb.storeMem(obj, l.offs[i], fb.fieldDefault(t, f), l.ptrs[i])
		case isStruct(f.Type()):
			fb.storeMem(obj, l.offs[i], fb.newStruct(n, f.Type(), nil), l.ptrs[i])
		case needsZeroObject(f.Type()):
			fb.storeMem(obj, l.offs[i], fb.zero(n, f.Type()), l.ptrs[i])
		}
	}
	return obj
}

func isStruct(t sema.Type) bool {
	_, ok := t.Underlying().(*sema.Struct)
	return ok
}

// needsZeroObject reports whether the zero value of t is an object
// rather than all-zero bits.
func needsZeroObject(t sema.Type) bool {
	switch t.Underlying().(type) {
	case *sema.Struct, *sema.Tuple, *sema.Array, *sema.Map, *sema.Set, *sema.TaggedUnion:
		return true
	}
	return false
}

// zero returns the zero value of t: zero bits, nil for strings, vecs and
// nullables, and new empty objects for maps, sets, structs and tuples.
func (fb *funcBuilder) zero(n ast.Node, t sema.Type) lir.Operand {
	switch u := t.Underlying().(type) {
	case *sema.Map:
		return fb.newMap(u)
	case *sema.Set:
		return fb.rtcall(lir.Ptr, "SetNew", lir.Int(lir.I64, valueKind(u.Elem)))
	case *sema.Struct, *sema.Tuple:
		l := aggregateLayout(t)
		obj := fb.alloc(l, abi.TypeKindStruct)
		for i, ft := range fields(t) {
			if needsZeroObject(ft) {
				fb.storeMem(obj, l.offs[i], fb.zero(n, ft), l.ptrs[i])
			}
		}
		return obj
	case *sema.Array:
		return fb.zeroArray(n, u)
	case *sema.TaggedUnion:
		return fb.noVariant()
	}
	lt := lirType(t)
	if lt.IsFloat() {
		return lir.Float(lt, 0)
	}
	return lir.Int(lt, 0)
}

// newExpr lowers new T(...): a struct's object (ref<T> of a struct is
// the pointer to its object), or a cell holding a scalar.
func (fb *funcBuilder) newExpr(e *ast.NewExpr) lir.Operand {
	t := fb.typeOf(e)
	elem := pointerElem(t)
	if elem == nil {
		fb.unsupported(e, "new of type "+t.String())
	}
	if _, ok := elem.Underlying().(*sema.Struct); ok {
		var inits []fieldInit
		for _, a := range e.Args {
			switch a := a.(type) {
			case *ast.KeyValueExpr:
				id, ok := a.Key.(*ast.Ident)
				if !ok {
					fb.unsupported(a, "this field initialiser")
				}
				inits = append(inits, fieldInit{id.Name, a.Value})
			case *ast.Ident:
				inits = append(inits, fieldInit{a.Name, a})
			default:
				fb.unsupported(a, "this argument of new")
			}
		}
		return fb.newStruct(e, elem, inits)
	}
	if isAggregate(elem) {
		fb.unsupported(e, "new of type "+elem.String())
	}
	var v lir.Operand
	switch len(e.Args) {
	case 0:
		v = fb.zero(e, elem)
	case 1:
		v = fb.rvalueAs(e.Args[0], elem)
	default:
		fb.unsupported(e, "new with several values")
	}
	cell := fb.alloc(newLayout([]lir.Type{lirType(elem)}, []bool{isPointer(elem)}), abi.TypeKindPointer)
	fb.storeMem(cell, 0, v, isPointer(elem))
	return cell
}

// macro lowers the @ macros that have a value without runtime type
// information.
func (fb *funcBuilder) macro(e *ast.MacroExpr) lir.Operand {
	if e.Name == "default" && len(e.Args) == 1 {
		return fb.zero(e, fb.typeOf(e))
	}
	if e.Name == "async" {
		return fb.asyncMacro(e) // coroutine.go
	}
	if e.Name == "sizeof" && len(e.Args) == 1 {
		size, _ := refSize(fb.typeOf(e.Args[0]))
		return lir.Int(lir.I64, size)
	}
	if e.Name == "reflect_hash" && len(e.Args) == 1 {
		return fb.reflectHash(e, fb.typeOf(e.Args[0])) // rtype.go
	}
	fb.unsupported(e, describe(e))
	return lir.Operand{}
}

// slice lowers x[lo..hi] of a string or vec; an absent lo is 0, an
// absent hi the length.
func (fb *funcBuilder) slice(e *ast.SliceExpr) lir.Operand {
	t := fb.typeOf(e.X)
	vt, isVec := t.Underlying().(*sema.Vec)
	if !isVec && !sema.IsString(t) {
		fb.unsupported(e, "slicing "+t.String())
	}
	x := fb.value(e.X)
	lo := lir.Int(lir.I64, 0)
	// The reference reports the high bound's node, or the ']' when
	// there is none (x[lo..]).
	end := e.Rbrack + 1
	if e.Low != nil {
		lo = fb.index64(e.Low)
	}
	var hi lir.Operand
	switch {
	case e.High != nil:
		hi = fb.index64(e.High)
		end = fb.m.refEnd(e.High)
	case isVec:
		hi = fb.vecLen(x)
	default:
		hi = fb.stringLen(x)
	}
	pos := fb.pos(end)
	if ctx := fb.catching(); ctx != nil {
		// Bad bounds are an error a catch here intercepts (errors.go).
		x, lo, hi = fb.hold(x), fb.hold(lo), fb.hold(hi)
		n := fb.stringLen(x)
		if isVec {
			n = fb.vecLen(x)
		}
		fb.checkSliceBounds(e, ctx, lo, hi, n)
	}
	if isVec {
		return fb.rtcall(lir.Ptr, "VecSlice", x, lir.Int(lir.I64, elemArg(vt.Elem)), lo, hi, pos)
	}
	return fb.rtcall(lir.Ptr, "StringSlice", x, lo, hi, pos)
}

// stringLen returns the length of string s; nil is "".
func (fb *funcBuilder) stringLen(s lir.Operand) lir.Operand {
	return fb.headerLen(s, abi.StringOffLen) // access.go
}
