package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// Vecs and strings are read in line (issue 16): their lengths, element
// addresses and bytes are loads from the headers of docs/runtime-abi.md
// (nil is the empty vec or ""), and an index is checked against the
// length inline, as fixed arrays' are (array.go): one unsigned compare,
// so negative indexes fail too, with the PanicIndex call — or, inside a
// catch, the raised error (errors.go) — on the cold path. The runtime's
// VecIndex/StringIndex/VecLen/StringLen stay for generated code of other
// producers; allocation and growth remain runtime calls.

// headerLen returns the i64 at off in the vec or string header x points
// to, or 0 when x is nil.
func (fb *funcBuilder) headerLen(x lir.Operand, off int64) lir.Operand {
	x = fb.hold(x)
	r := fb.temp(lir.I64)
	fb.b.Assign(r, lir.Int(lir.I64, 0))
	load, done := fb.newLabel("nonnil"), fb.newLabel("len")
	fb.branch(fb.b.Compare(lir.OpNe, x, lir.Int(lir.Ptr, 0)), load, done)
	fb.label(load)
	fb.b.Assign(r, fb.b.Load(lir.I64, x, off))
	fb.jump(done)
	fb.label(done)
	return fb.f.Reg(r)
}

// headerLenData returns the i64 at off in the vec header x points to
// and its data pointer, or 0 and nil when x is nil, behind one nil
// check.
func (fb *funcBuilder) headerLenData(x lir.Operand, off int64) (lir.Operand, lir.Operand) {
	x = fb.hold(x)
	r, d := fb.temp(lir.I64), fb.temp(lir.Ptr)
	fb.b.Assign(r, lir.Int(lir.I64, 0))
	fb.b.Assign(d, lir.Int(lir.Ptr, 0))
	load, done := fb.newLabel("nonnil"), fb.newLabel("len")
	fb.branch(fb.b.Compare(lir.OpNe, x, lir.Int(lir.Ptr, 0)), load, done)
	fb.label(load)
	fb.b.Assign(r, fb.b.Load(lir.I64, x, off))
	fb.b.Assign(d, fb.b.Load(lir.Ptr, x, abi.VecOffData))
	fb.jump(done)
	fb.label(done)
	return fb.f.Reg(r), fb.f.Reg(d)
}

// vecLen returns the length of vec v; nil is empty.
func (fb *funcBuilder) vecLen(v lir.Operand) lir.Operand { return fb.headerLen(v, abi.VecOffLen) }

// vecCap returns the capacity of vec v; nil is empty.
func (fb *funcBuilder) vecCap(v lir.Operand) lir.Operand { return fb.headerLen(v, abi.VecOffCap) }

// boundsCheck checks 0 <= i < length (i64s) for index expression n,
// whose index ends at end: a failed check panics with the reference's
// message at end, or raises the index error inside a catch.
func (fb *funcBuilder) boundsCheck(n ast.Node, i, length lir.Operand, end lex.Pos) {
	if ctx := fb.catching(); ctx != nil {
		fb.checkIndex(n, ctx, i, length)
		return
	}
	length = fb.hold(length)
	ok, fail := fb.newLabel("inbounds"), fb.newLabel("outofbounds")
	fb.branch(fb.b.Compare(lir.OpULt, i, length), ok, fail)
	fb.label(fail)
	fb.rtcall(lir.Void, "PanicIndex", i, length, fb.pos(end))
	fb.b.Unreachable()
	fb.label(ok)
}

// vecElemAddr returns the address of element i of vec v, whose elements
// take size bytes, after checking i against v's length (length, or
// loaded from v when that is the zero Operand) and from its data
// pointer (data, or loaded from v when that is the zero Operand).
func (fb *funcBuilder) vecElemAddr(n ast.Node, v, i, length, data lir.Operand, size int64, end lex.Pos) lir.Operand {
	v, i = fb.hold(v), fb.hold(i)
	if length.Kind != lir.RegOperand {
		length = fb.vecLen(v)
	}
	fb.boundsCheck(n, i, length, end)
	if data.Kind != lir.RegOperand {
		data = fb.b.Load(lir.Ptr, v, abi.VecOffData) // i < len: v is not nil
	}
	return fb.b.Addr(data, i, size, 0)
}

// stringByte returns byte i of string s after checking i against its
// length (length, or loaded from s when that is the zero Operand).
func (fb *funcBuilder) stringByte(n ast.Node, s, i, length lir.Operand, end lex.Pos) lir.Operand {
	s, i = fb.hold(s), fb.hold(i)
	if length.Kind != lir.RegOperand {
		length = fb.stringLen(s)
	}
	fb.boundsCheck(n, i, length, end)
	data := fb.b.Load(lir.Ptr, s, abi.StringOffData)
	return fb.b.Load(lir.I8, fb.b.Addr(data, i, 1, 0), 0)
}

// stringEqualCmp returns 0 when strings x and y are equal and another
// i64 when not, for == and !=: the same header (or both nil) is equal
// and different lengths are not, inline; only strings of equal lengths
// are compared by StringCompare.
func (fb *funcBuilder) stringEqualCmp(x, y lir.Operand) lir.Operand {
	x, y = fb.hold(x), fb.hold(y)
	r := fb.temp(lir.I64)
	fb.b.Assign(r, lir.Int(lir.I64, 0))
	lens, slow, done := fb.newLabel("strlens"), fb.newLabel("strcmp"), fb.newLabel("streq")
	fb.branch(fb.b.Compare(lir.OpEq, x, y), done, lens)
	fb.label(lens)
	nx := fb.hold(fb.stringLen(x))
	ny := fb.stringLen(y)
	fb.b.Assign(r, lir.Int(lir.I64, 1))
	fb.branch(fb.b.Compare(lir.OpNe, nx, ny), done, slow)
	fb.label(slow)
	fb.b.Assign(r, fb.rtcall(lir.I64, "StringCompare", x, y))
	fb.label(done)
	return fb.f.Reg(r)
}

// The length of a vec or string variable that never gets a new value
// (sema.Var.Assigned; headers are immutable) is loaded once, where the
// variable is declared (parameters: on entry), when the function
// indexes it or asks its len(): its bounds checks and len() calls then
// share one register, which bce can compare with a loop's bound. A vec
// variable the function indexes keeps its data pointer the same way
// (loaded with the length, nil for nil, only read after a bounds check
// passed): a header is never modified (docs/runtime-abi.md), so no
// store, call or safepoint — another coroutine running at one included
// — can change the data pointer of the header the variable holds, and
// the element accesses of a loop need no load of it per iteration.

// scanLens records the variables body indexes or takes the len() of
// that can keep their length, and loads it for such parameters.
func (fb *funcBuilder) scanLens(body *ast.BlockStmt) {
	note := func(x ast.Expr) {
		if v := fb.lenVar(x); v != nil {
			if fb.lenVars == nil {
				fb.lenVars = map[*sema.Var]bool{}
			}
			fb.lenVars[v] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // lowered by a builder of its own
		case *ast.IndexExpr:
			note(n.X)
			if v := fb.lenVar(n.X); v != nil {
				if fb.dataVars == nil {
					fb.dataVars = map[*sema.Var]bool{}
				}
				fb.dataVars[v] = true
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "len" && len(n.Args) == 0 {
				note(sel.X)
			}
		}
		return true
	})
	if fb.sig == nil {
		return
	}
	params := fb.sig.Params
	if fb.sig.Recv != nil {
		params = append([]*sema.Var{fb.sig.Recv}, params...)
	}
	for _, p := range params {
		fb.keepLen(p)
	}
}

// lenVar returns the local or parameter x names when it is a vec or
// string that is never reassigned, nor has its address taken.
func (fb *funcBuilder) lenVar(x ast.Expr) *sema.Var {
	id, ok := x.(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := fb.m.info.Uses.At(id).(*sema.Var)
	if !ok || v.Assigned || v.AddrTaken || v.Kind == sema.GlobalVar || inCell(v) {
		return nil
	}
	return v
}

// keepLen loads the length of variable v, just declared with its value
// (a parameter, or a var declaration: not an is binding, declared
// before it is assigned), when the function uses it (scanLens).
func (fb *funcBuilder) keepLen(v *sema.Var) {
	lv := fb.vars[v]
	if !fb.lenVars[v] || lv == nil || lv.cell {
		return
	}
	switch {
	case sema.IsString(lv.t):
		lv.length = fb.hold(fb.headerLen(fb.f.Reg(lv.reg), abi.StringOffLen))
	default:
		if _, ok := lv.t.Underlying().(*sema.Vec); !ok {
			break
		}
		if !fb.dataVars[v] {
			lv.length = fb.hold(fb.headerLen(fb.f.Reg(lv.reg), abi.VecOffLen))
			break
		}
		n, d := fb.headerLenData(fb.f.Reg(lv.reg), abi.VecOffLen)
		lv.length, lv.data = fb.hold(n), fb.hold(d)
	}
}

// knownData returns the data pointer register of the vec variable x
// names, if it keeps one.
func (fb *funcBuilder) knownData(x ast.Expr) lir.Operand {
	if v := fb.lenVar(x); v != nil && fb.vars[v] != nil {
		return fb.vars[v].data
	}
	return lir.Operand{}
}

// knownLen returns the length register of the variable x names, if it
// keeps one.
func (fb *funcBuilder) knownLen(x ast.Expr) (lir.Operand, bool) {
	v := fb.lenVar(x)
	if v == nil {
		return lir.Operand{}, false
	}
	lv := fb.vars[v]
	if lv == nil || lv.length.Kind != lir.RegOperand {
		return lir.Operand{}, false
	}
	return lv.length, true
}
