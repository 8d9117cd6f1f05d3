package linear

import (
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// A tagged union value (types.md §7.3) is a pointer to an immutable
// object:
//
//	0   tag      i64, the variant's index in the declaration
//	8   payload  one register (lirType of the payload type); absent for
//	             a void variant
//
// A tuple payload is a tuple object. Nothing changes a tagged union's
// object after it is made, so a value is shared on assignment, argument
// passing and return (no copy is needed for value semantics); binding a
// payload with is copies a struct, tuple or array payload, since the
// binding is a variable of its own. A void variant is one read-only
// object per tag in the data, shared by all values and types.

// taggedOf returns t's tagged union type, or nil.
func taggedOf(t sema.Type) *sema.TaggedUnion {
	if t == nil {
		return nil
	}
	u, _ := t.Underlying().(*sema.TaggedUnion)
	return u
}

// Offsets in a tagged union's object.
const (
	taggedOffTag     = 0
	taggedOffPayload = 8
)

// variantLayout is the layout of the object of a variant with a payload
// of type p.
func variantLayout(p sema.Type) *layout {
	return newLayout([]lir.Type{lir.I64, lirType(p)}, []bool{false, isPointer(p)})
}

// variantPayload returns the payload type of the variant with index i of
// tagged union type t, or nil when there is no such variant.
func variantPayload(t sema.Type, i int) sema.Type {
	tu := taggedOf(t)
	if tu == nil || i < 0 || i >= len(tu.Variants) {
		return nil
	}
	return tu.Variants[i].Payload
}

// voidVariant returns the value of the void variant with index i: a
// read-only object holding only its tag.
func (fb *funcBuilder) voidVariant(i int) lir.Operand {
	m := fb.m
	if m.voidVariants == nil {
		m.voidVariants = map[int]string{}
	}
	sym, ok := m.voidVariants[i]
	if !ok {
		sym = "main.variant." + strconv.Itoa(i)
		m.voidVariants[i] = sym
		m.global(sym, true, 8, lir.DataItem{Kind: lir.DataInt, Type: lir.I64, Int: int64(i)})
	}
	return fb.b.Symbol(sym)
}

// noVariant returns the zero value of a tagged union type, which the
// reference leaves unspecified (types.md §1): an object whose tag is no
// variant's, so every is test on it is false.
func (fb *funcBuilder) noVariant() lir.Operand {
	const sym = "main.variant.none"
	m := fb.m
	if m.voidVariants == nil {
		m.voidVariants = map[int]string{}
	}
	if _, ok := m.voidVariants[-1]; !ok {
		m.voidVariants[-1] = sym
		m.global(sym, true, 8, lir.DataItem{Kind: lir.DataInt, Type: lir.I64, Int: -1})
	}
	return fb.b.Symbol(sym)
}

// variantSelector lowers T.tag used as a value: a void variant.
func (fb *funcBuilder) variantSelector(e *ast.SelectorExpr, sel *sema.Selection) lir.Operand {
	v := sel.Variant
	if v == nil {
		fb.unsupported(e, "this variant")
	}
	if p := variantPayload(fb.typeOf(e), v.Index); p != nil && !sema.IsVoid(p) {
		fb.unsupported(e, "variant "+v.Name+" without its payload")
	}
	return fb.voidVariant(v.Index)
}

// variantCall lowers T.tag(args): the arguments make the payload, one
// per element for a tuple payload.
func (fb *funcBuilder) variantCall(e *ast.CallExpr, c *sema.Call) lir.Operand {
	t := fb.typeOf(e)
	v := c.Variant
	if v == nil || taggedOf(t) == nil {
		fb.unsupported(e, "this variant")
	}
	p := variantPayload(t, v.Index)
	if p == nil || sema.IsVoid(p) {
		return fb.voidVariant(v.Index)
	}
	var x lir.Operand
	switch {
	case len(e.Args) == 1:
		x = fb.rvalueAs(e.Args[0], p)
	case len(fields(p)) == len(e.Args) && isTuple(p):
		elems := fields(p)
		l := aggregateLayout(p)
		obj := fb.hold(fb.alloc(l, abi.TypeKindStruct))
		for i, a := range e.Args {
			fb.storeMem(obj, l.offs[i], fb.rvalueAs(a, elems[i]), l.ptrs[i])
		}
		x = obj
	default:
		fb.unsupported(e, "this variant's arguments")
	}
	x = fb.hold(x)
	l := variantLayout(p)
	obj := fb.alloc(l, abi.TypeKindStruct)
	fb.b.Store(lir.Int(lir.I64, int64(v.Index)), obj, taggedOffTag)
	fb.storeMem(obj, taggedOffPayload, x, l.ptrs[1])
	return obj
}

func isTuple(t sema.Type) bool {
	_, ok := t.Underlying().(*sema.Tuple)
	return ok
}

// isVariant returns the variant an is pattern names on a subject of
// tagged union type.
func (fb *funcBuilder) isVariant(e *ast.IsExpr) *sema.Variant {
	if sel, ok := e.Type.(*ast.SelectorExpr); ok {
		if s := fb.m.info.Selections[sel]; s != nil && s.Variant != nil {
			return s.Variant
		}
	}
	fb.unsupported(e.Type, "this pattern")
	return nil
}

// isPatternTest tests whether x, a value of type st, matches the type or
// variant of an is pattern.
func (fb *funcBuilder) isPatternTest(e *ast.IsExpr, x lir.Operand, st sema.Type) lir.Operand {
	if taggedOf(st) == nil {
		return fb.isTest(e, x, st, fb.typeOf(e.Type))
	}
	tag := fb.b.Load(lir.I64, x, taggedOffTag)
	return fb.b.Compare(lir.OpEq, tag, lir.Int(lir.I64, int64(fb.isVariant(e).Index)))
}

// bindVariant assigns the payload of tagged union x (of type st) to the
// binding of is pattern e: one variable, or a tuple payload destructured.
// The variables are declared already (declareIsVar).
func (fb *funcBuilder) bindVariant(e *ast.IsExpr, x lir.Operand, st sema.Type) {
	p := variantPayload(st, fb.isVariant(e).Index)
	if p == nil || sema.IsVoid(p) {
		fb.unsupported(e.Bind, "binding a void variant")
	}
	payload := fb.b.Load(lirType(p), x, taggedOffPayload)
	fb.bindPayload(e.Bind, payload, p)
}

// bindPayload assigns x, a value of type t that belongs to something
// else, to the variables of pattern b, copying structs, tuples and
// arrays.
func (fb *funcBuilder) bindPayload(b ast.Expr, x lir.Operand, t sema.Type) {
	switch b := b.(type) {
	case *ast.Ident:
		v, ok := fb.m.info.Defs[b].(*sema.Var)
		if !ok || v == nil {
			return
		}
		if isAggregate(t) {
			x = fb.copyValue(x, t)
		}
		fb.storeVar(b, v, x)
	case *ast.BindPattern:
		elems := fields(t)
		if !isTuple(t) || len(elems) != len(b.Elts) {
			fb.unsupported(b, "this destructuring")
		}
		l := aggregateLayout(t)
		tup := fb.hold(x)
		for i, el := range b.Elts {
			fb.bindPayload(el, fb.b.Load(l.ts[i], tup, l.offs[i]), elems[i])
		}
	default:
		fb.unsupported(b, "this pattern")
	}
}

// declarePattern declares the variables of an is binding (a name or a
// tuple pattern) before the test decides whether they get the value.
// They start as zero bits, not zero values: a binding is only in scope
// where the test held, so nothing reads them before they are assigned.
func (fb *funcBuilder) declarePattern(b ast.Expr) {
	switch b := b.(type) {
	case *ast.Ident:
		if v, ok := fb.m.info.Defs[b].(*sema.Var); ok && v != nil && fb.vars[v] == nil {
			lt := lirType(fb.varType(v))
			if lt.IsFloat() {
				fb.declare(v, lir.Float(lt, 0))
			} else {
				fb.declare(v, lir.Int(lt, 0))
			}
		}
	case *ast.BindPattern:
		for _, el := range b.Elts {
			fb.declarePattern(el)
		}
	default:
		fb.unsupported(b, "this pattern")
	}
}
