package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// An lvalue is an assignable location with its address parts evaluated
// once, so that x op= y and v.push(x) read and write the same place.
type lvalue struct {
	kind lvKind
	t    sema.Type // the type stored
	node ast.Node
	v    *sema.Var   // lvVar
	base lir.Operand // lvMem: object or element address
	off  int64
	key  lir.Operand // lvMap: the map is base, the key's bits key
	pos  lir.Operand // lvMap: position for a missing key
}

type lvKind uint8

const (
	lvDiscard lvKind = iota // no location: stores are dropped
	lvVar                   // a local or global variable
	lvMem                   // memory at base+off in a heap object
	lvMap                   // a map entry
	lvValue                 // a value with no location (a call result): stores are dropped
)

// lvalue evaluates the location e denotes.
func (fb *funcBuilder) lvalue(e ast.Expr) *lvalue {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return fb.lvalue(e.X)
	case *ast.Ident:
		if v, ok := fb.m.info.ObjectOf(e).(*sema.Var); ok {
			return &lvalue{kind: lvVar, t: fb.varType(v), node: e, v: v}
		}
	case *ast.SelectorExpr:
		sel := fb.m.info.Selections[e]
		if sel == nil {
			break
		}
		switch sel.Kind {
		case sema.FieldSel:
			obj, l, i := fb.field(e, sel)
			return &lvalue{kind: lvMem, t: fields(structOf(fb.typeOf(e.X)))[i], node: e, base: obj, off: l.offs[i]}
		case sema.ModuleSel:
			if v, ok := sel.Obj.(*sema.Var); ok {
				return &lvalue{kind: lvVar, t: v.Type(), node: e, v: v}
			}
		}
	case *ast.IndexExpr:
		return fb.indexLvalue(e)
	case *ast.UnaryExpr:
		if elem := pointerElem(fb.typeOf(e.X)); elem != nil && !isAggregate(elem) {
			return &lvalue{kind: lvMem, t: elem, node: e, base: fb.value(e.X)}
		}
	}
	if !isLocation(e) {
		return &lvalue{kind: lvValue, t: fb.typeOf(e), node: e, base: fb.value(e)}
	}
	fb.unsupported(e, "assigning to this expression")
	return nil
}

// structOf returns the struct or tuple type t is or points at.
func structOf(t sema.Type) sema.Type {
	if elem := pointerElem(t); elem != nil {
		return elem
	}
	return t
}

// load reads the location.
func (fb *funcBuilder) load(lv *lvalue) lir.Operand {
	switch lv.kind {
	case lvVar:
		return fb.loadVar(lv.node, lv.v)
	case lvMem:
		return fb.b.Load(lirType(lv.t), lv.base, lv.off)
	case lvMap:
		if ctx := fb.catching(); ctx != nil {
			// A missing key is an error a catch here intercepts (errors.go).
			if ix, ok := lv.node.(*ast.IndexExpr); ok {
				if mt, ok := fb.typeOf(ix.X).Underlying().(*sema.Map); ok {
					fb.checkKey(lv.node, ctx, lv.base, lv.key, valueKind(mt.Key))
				}
			}
		}
		return fb.fromBits(fb.rtcall(lir.I64, "MapGet", lv.base, lv.key, lv.pos), lv.t)
	case lvValue:
		return lv.base
	}
	fb.unsupported(lv.node, "reading _")
	return lir.Operand{}
}

// loadOrZero reads map entry lv, or the zero value of its type when the
// key is missing: m[k] op= v on a new key starts from zero, as in the
// reference. Only numbers and strings have compound operators, and
// their zero value is zero bits.
func (fb *funcBuilder) loadOrZero(lv *lvalue) lir.Operand {
	return fb.fromBits(fb.rtcall(lir.I64, "MapGetOr", lv.base, lv.key, lir.Int(lir.I64, 0)), lv.t)
}

// store writes val to the location.
func (fb *funcBuilder) store(lv *lvalue, val lir.Operand) {
	switch lv.kind {
	case lvVar:
		fb.storeVar(lv.node, lv.v, val)
	case lvMem:
		fb.storeMem(lv.base, lv.off, val, isPointer(lv.t))
	case lvMap:
		fb.rtcall(lir.Void, "MapSet", lv.base, lv.key, fb.toBits(val, lv.t))
	}
}

// indexLvalue evaluates x[i] as a location.
func (fb *funcBuilder) indexLvalue(e *ast.IndexExpr) *lvalue {
	t := fb.typeOf(e.X)
	if a := arrayOf(structOf(t)); a != nil {
		// A pointer to an array is the array's object (p[i] derefs).
		return fb.arrayElem(e, fb.value(e.X), a)
	}
	switch u := t.Underlying().(type) {
	case *sema.Vec:
		// Checked and addressed inline (access.go); an index out of
		// range is an error a catch here intercepts (errors.go).
		v := fb.value(e.X)
		i := fb.index64(e.Index)
		n, _ := fb.knownLen(e.X)
		addr := fb.vecElemAddr(e, v, i, n, fb.knownData(e.X), int64(lirType(u.Elem).Size()), fb.m.refEnd(e.Index))
		return &lvalue{kind: lvMem, t: u.Elem, node: e, base: addr}
	case *sema.Map:
		m := fb.value(e.X)
		k := fb.toBits(fb.valueAs(e.Index, u.Key), u.Key)
		return &lvalue{kind: lvMap, t: u.Elem, node: e, base: m, key: k, pos: fb.pos(fb.m.refEnd(e.Index))}
	case *sema.Tuple:
		i, ok := fb.constIndex(e.Index)
		if !ok || i < 0 || i >= len(u.Elems) {
			break
		}
		l := aggregateLayout(t)
		return &lvalue{kind: lvMem, t: u.Elems[i], node: e, base: fb.value(e.X), off: l.offs[i]}
	}
	fb.unsupported(e, "indexing "+t.String())
	return nil
}

// index64 returns an index expression as an i64.
func (fb *funcBuilder) index64(e ast.Expr) lir.Operand {
	t := fb.valueType(e)
	return fb.resize(fb.value(e), lir.I64, isSigned(t))
}

// constIndex returns the value of a constant integer index.
func (fb *funcBuilder) constIndex(e ast.Expr) (int, bool) {
	tv, ok := fb.m.info.Types.Lookup(e)
	if !ok || tv.Value == nil {
		return 0, false
	}
	return int(constInt(tv.Value, sema.Typ[sema.I64])), true
}

// index lowers x[i] as a value.
func (fb *funcBuilder) index(e *ast.IndexExpr) lir.Operand {
	if sema.IsString(fb.typeOf(e.X)) {
		s := fb.value(e.X)
		i := fb.index64(e.Index)
		n, _ := fb.knownLen(e.X)
		return fb.stringByte(e, s, i, n, fb.m.refEnd(e.Index)) // access.go
	}
	return fb.load(fb.indexLvalue(e))
}

// addrOf lowers &x: the address of a variable's cell, a field or an
// element. A struct's address is its object. A value that is not a
// location (&(n as i32), &(a + b)) is stored in a fresh cell.
func (fb *funcBuilder) addrOf(e ast.Expr) lir.Operand {
	t := fb.typeOf(e)
	if isAggregate(t) {
		return fb.value(e)
	}
	if tv, ok := fb.m.info.Types.Lookup(e); ok && tv.Mode != sema.Variable {
		return fb.newCell(t, fb.value(e))
	}
	lv := fb.lvalue(e)
	switch lv.kind {
	case lvVar:
		if v := fb.vars[lv.v]; v != nil && v.cell {
			return fb.f.Reg(v.reg)
		}
		if lv.v.Kind == sema.GlobalVar {
			return fb.b.Symbol(fb.m.globalSym(lv.v))
		}
	case lvMem:
		if lv.off == 0 {
			return lv.base
		}
		return fb.b.Addr(lv.base, lir.Int(lir.I64, 0), 1, lv.off)
	}
	fb.unsupported(e, "taking this address")
	return lir.Operand{}
}

// newCell allocates a heap cell of type t holding val.
func (fb *funcBuilder) newCell(t sema.Type, val lir.Operand) lir.Operand {
	cell := fb.alloc(newLayout([]lir.Type{lirType(t)}, []bool{isPointer(t)}), abi.TypeKindPointer)
	fb.storeMem(cell, 0, val, isPointer(t))
	return cell
}
