package linear

import (
	"go/constant"
	"go/token"
	"math"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/sema"
)

// Globals are module-level data, one 8-byte-aligned word each. A global
// whose initialiser is a scalar constant starts with that value in the
// data; every other initialiser ([] and {} containers, struct and tuple
// literals) runs at the start of main.main, in sema's InitOrder.

// globalSym returns the symbol of global variable v.
func (m *moduleBuilder) globalSym(v *sema.Var) string {
	pkg := "main"
	if p := v.Pkg(); p != nil && p.Name != "" {
		pkg = p.Name
	}
	return mangle(pkg + "." + v.Name())
}

// globals declares the data of every global variable.
func (m *moduleBuilder) globals(pkgs []*sema.Package) {
	m.staticInit = map[*sema.Initializer]bool{}
	static := map[*sema.Var]lir.DataItem{}
	for _, in := range m.info.InitOrder {
		if len(in.Lhs) != 1 || in.Lhs[0] == nil {
			continue
		}
		if item, ok := m.staticItem(in.Lhs[0].Type(), in.Rhs); ok {
			static[in.Lhs[0]] = item
			m.staticInit[in] = true
		}
	}
	for _, p := range pkgs {
		for _, v := range p.Globals {
			item, ok := static[v]
			if !ok {
				item = lir.DataItem{Kind: lir.DataZero, Int: 8}
			}
			m.global(m.globalSym(v), false, 8, item)
		}
	}
}

// staticItem returns the initial data of a global of type t initialised
// with rhs, if rhs is a scalar constant.
func (m *moduleBuilder) staticItem(t sema.Type, rhs ast.Expr) (lir.DataItem, bool) {
	tv, ok := m.info.Types.Lookup(rhs)
	if !ok || tv.Value == nil || m.info.Implicit[rhs] != nil && isBoxed(m.info.Implicit[rhs]) {
		return lir.DataItem{}, false
	}
	lt := lirType(t)
	switch {
	case sema.IsString(t):
		if constant.StringVal(tv.Value) != "" {
			return lir.DataItem{}, false
		}
		return lir.DataItem{Kind: lir.DataZero, Int: 8}, true
	case lt.IsFloat():
		return lir.DataItem{Kind: lir.DataFloat, Type: lt, Float: tv.Float}, true
	case lt.IsInt() && lt != lir.Ptr:
		return lir.DataItem{Kind: lir.DataInt, Type: lt, Int: constInt(tv.Value, t)}, true
	}
	return lir.DataItem{}, false
}

// initGlobals runs the global initialisers that are not static data.
func (fb *funcBuilder) initGlobals() {
	for _, in := range fb.m.info.InitOrder {
		if fb.m.staticInit[in] {
			continue
		}
		if len(in.Lhs) == 1 {
			fb.storeVar(in.Rhs, in.Lhs[0], fb.rvalue(in.Rhs))
			continue
		}
		tup := fb.value(in.Rhs)
		l := aggregateLayout(fb.typeOf(in.Rhs))
		for i, v := range in.Lhs {
			if v != nil {
				fb.storeVar(in.Rhs, v, fb.b.Load(l.ts[i], tup, l.offs[i]))
			}
		}
	}
}

// constInt returns the bits of an integer (or bool) constant as a value
// of type t: sign-extended from t's width for signed types, zero-extended
// for the others.
func constInt(v constant.Value, t sema.Type) int64 {
	var x int64
	switch v.Kind() {
	case constant.Bool:
		if constant.BoolVal(v) {
			x = 1
		}
	case constant.Float:
		f, _ := constant.Float64Val(v)
		x = int64(f)
	case constant.Int:
		if n, ok := constant.Int64Val(v); ok {
			x = n
		} else {
			low := constant.BinaryOp(v, token.AND, constant.MakeUint64(math.MaxUint64))
			u, _ := constant.Uint64Val(low)
			x = int64(u)
		}
	}
	return truncInt(x, lirType(t), isSigned(t))
}

// constant returns the operand for a constant expression. A float
// constant is the float64 sema folded as the reference does (in float64
// at every step, -0.0 kept), rounded to f32 for an f32.
func (fb *funcBuilder) constant(tv sema.TypeAndValue) lir.Operand {
	lt := lirType(tv.Type)
	switch {
	case tv.Value.Kind() == constant.String:
		return fb.strConst(constant.StringVal(tv.Value))
	case lt.IsFloat():
		f := tv.Float
		if tv.Value.Kind() == constant.Int {
			// A number literal of a type parameter's type that is a
			// float in this instance (T acc = 0): sema folds it as an
			// integer.
			f, _ = constant.Float64Val(tv.Value)
		}
		return lir.Float(lt, f)
	}
	return lir.Int(lt, constInt(tv.Value, tv.Type))
}
