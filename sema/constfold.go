package sema

import (
	"errors"
	"go/constant"
	"go/token"
	"math"
	"math/big"
	"strconv"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Constant folding happens before type checking (types.md §12): a binary
// operation on two literal operands, unary - and ~ on a number and ! on a
// bool become one untyped literal; constant names stand for their
// literal. Comparisons and && / || are not folded. Integer arithmetic
// wraps at 64 bits; if either operand is a float the result is a float,
// computed in float64 at every step as the reference computes it in
// double: 0.1 + 0.2 != 0.3, -0.0 keeps its sign, 1e308 * 10.0 is +Inf.

// A value is a folded constant. Integers, strings and bools are exact
// go/constant values; a float is a float64, which go/constant cannot
// always hold (-0.0, ±Inf, NaN).
type value struct {
	c     constant.Value // an Int, String or Bool value; nil for a float
	f     float64        // a float's value
	float bool
}

func exactValue(c constant.Value) value { return value{c: c} }

// negNaN is the NaN an x86 processor produces for inf - inf and the
// like (the sign bit set), which the reference prints as -nan.
var negNaN = math.Float64frombits(0xfff8000000000000)

func floatValue(f float64) value {
	if math.IsNaN(f) {
		f = negNaN
	}
	return value{f: f, float: true}
}

// kind returns Int, Float, String or Bool (Unknown for no value).
func (v value) kind() constant.Kind {
	switch {
	case v.float:
		return constant.Float
	case v.c == nil:
		return constant.Unknown
	}
	return v.c.Kind()
}

func (v value) isNumber() bool {
	k := v.kind()
	return k == constant.Int || k == constant.Float
}

// toFloat returns a number as a float64: an integer rounds to the
// nearest float64.
func (v value) toFloat() float64 {
	if v.float {
		return v.f
	}
	f, _ := constant.Float64Val(constant.ToFloat(v.c))
	return f
}

// String formats the value for messages and dumps; a float in the
// shortest form that reads back as the same float64.
func (v value) String() string {
	if v.float {
		return formatFloat(v.f)
	}
	return v.c.ExactString()
}

// exported returns the value as Info records it: TypeAndValue.Value and,
// for a float or a constant of float type t, TypeAndValue.Float.
func (v value) exported(t Type) (constant.Value, float64) {
	if v.float {
		return constant.MakeFloat64(v.f), v.f // unknown for ±Inf and NaN, 0 for -0.0
	}
	if t != nil && IsFloat(t) && v.isNumber() {
		return v.c, v.toFloat()
	}
	return v.c, 0
}

// formatFloat prints f in the shortest form that reads back as f.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// foldConst folds e to an untyped constant value, or reports false.
func (c *checker) foldConst(e ast.Expr) (value, bool) {
	if e == nil {
		return value{}, false
	}
	switch e.(type) {
	case *ast.BasicLit, *ast.ParenExpr, *ast.Ident, *ast.SelectorExpr, *ast.UnaryExpr, *ast.BinaryExpr:
	default:
		// Nothing else folds (fold): no need to remember it, unless
		// entering it would be the depth error.
		if c.depth < maxDepth {
			return value{}, false
		}
	}
	if m, ok := c.folds.Lookup(e); ok {
		return m.v, m.ok
	}
	if !c.enter(e) {
		return value{}, false
	}
	defer c.leave()
	v, ok := c.fold(e)
	if !ok {
		c.folds.setZero(e)
		return value{}, false
	}
	// Only expressions that cannot change meaning are memoised: names
	// resolve differently in different scopes.
	if _, isIdent := e.(*ast.Ident); !isIdent {
		c.folds.set(e, fold{v, true})
	}
	return v, true
}

// A fold is what foldConst learnt about an expression: its value, or
// (ok false) that it does not fold.
type fold struct {
	v  value
	ok bool
}

// isFolded reports whether e folded to a constant.
func (c *checker) isFolded(e ast.Expr) bool { return c.folds.At(e).ok }

func (c *checker) fold(e ast.Expr) (value, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		return literalValue(e)
	case *ast.ParenExpr:
		return c.foldConst(e.X)
	case *ast.Ident:
		k, ok := c.lookup(e.Name).(*Const)
		if !ok || !isUntypedConst(k) && !c.isPendingConst(k) {
			return value{}, false
		}
		c.constUses = append(c.constUses, constUse{e.Pos(), k})
		c.objDecl(k)
		c.constUses = c.constUses[:len(c.constUses)-1]
		if k.Val == nil || !isUntypedConst(k) {
			return value{}, false
		}
		c.use(e, k)
		return k.value(), true
	case *ast.SelectorExpr:
		// alias.NAME: a pub constant of an imported module.
		id, ok := e.X.(*ast.Ident)
		if !ok {
			return value{}, false
		}
		pn, ok := c.lookup(id.Name).(*PkgName)
		if !ok || pn.Imported == nil {
			return value{}, false
		}
		k, ok := pn.Imported.Scope.Lookup(e.Sel.Name).(*Const)
		if !ok || !k.Exported() || !isUntypedConst(k) && !c.isPendingConst(k) {
			return value{}, false
		}
		c.constUses = append(c.constUses, constUse{e.Sel.Pos(), k})
		c.objDecl(k)
		c.constUses = c.constUses[:len(c.constUses)-1]
		if k.Val == nil || !isUntypedConst(k) {
			return value{}, false
		}
		c.use(id, pn)
		c.use(e.Sel, k)
		return k.value(), true
	case *ast.UnaryExpr:
		x, ok := c.foldConst(e.X)
		if !ok {
			return value{}, false
		}
		switch {
		case e.Op == lex.SUB && x.float:
			return floatValue(-x.f), true
		case e.Op == lex.SUB && x.kind() == constant.Int:
			return exactValue(wrap64(constant.UnaryOp(token.SUB, x.c, 0))), true
		case e.Op == lex.TILDE && x.kind() == constant.Int:
			return exactValue(wrap64(constant.UnaryOp(token.XOR, toInt64(x.c), 0))), true
		case e.Op == lex.NOT && x.kind() == constant.Bool:
			return exactValue(constant.UnaryOp(token.NOT, x.c, 0)), true
		}
	case *ast.BinaryExpr:
		if !foldableOp(e.Op) {
			return value{}, false
		}
		x, ok := c.foldConst(e.X)
		if !ok {
			return value{}, false
		}
		y, ok := c.foldConst(e.Y)
		if !ok {
			return value{}, false
		}
		return foldBinary(e.Op, x, y)
	}
	return value{}, false
}

// isPendingConst reports whether k is a top-level constant that is not
// resolved yet (its type is unknown until objDecl runs).
func (c *checker) isPendingConst(k *Const) bool {
	d := c.decls[k]
	return d != nil && d.state != 2
}

func isUntypedConst(k *Const) bool {
	if k.typ == nil {
		return false
	}
	b, ok := k.typ.(*Basic)
	return ok && (b.Kind == UntypedInt || b.Kind == UntypedFloat || b.Kind == String || b.Kind == Bool) && b == Typ[b.Kind]
}

func foldableOp(op lex.Token) bool {
	switch op {
	case lex.ADD, lex.SUB, lex.MUL, lex.QUO, lex.REM, lex.AND, lex.OR, lex.XOR, lex.SHL, lex.SHR:
		return true
	}
	return false
}

// literalValue decodes a literal; false for null and malformed literals.
// A float literal is rounded to the nearest float64 (as strtod does).
func literalValue(e *ast.BasicLit) (value, bool) {
	switch e.Kind {
	case lex.INT:
		n, err := lex.IntValue(e.Value)
		if err != nil {
			return value{}, false
		}
		return exactValue(constant.MakeUint64(n)), true
	case lex.FLOAT:
		// strconv rounds a decimal literal to the nearest float64 as the
		// exact rational would be rounded, without building it (±Inf
		// beyond the range, as below).
		if f, err := strconv.ParseFloat(e.Value, 64); err == nil || errors.Is(err, strconv.ErrRange) {
			return floatValue(f), true
		}
		v := constant.MakeFromLiteral(e.Value, token.FLOAT, 0)
		if v.Kind() == constant.Unknown {
			return value{}, false
		}
		f, _ := constant.Float64Val(v) // ±Inf beyond the float64 range
		return floatValue(f), true
	case lex.STRING:
		s, err := lex.Unquote(e.Value)
		if err != nil {
			return value{}, false
		}
		return exactValue(constant.MakeString(s)), true
	case lex.TRUE:
		return exactValue(constant.MakeBool(true)), true
	case lex.FALSE:
		return exactValue(constant.MakeBool(false)), true
	}
	return value{}, false
}

func foldBinary(op lex.Token, xv, yv value) (value, bool) {
	if xv.kind() == constant.String || yv.kind() == constant.String {
		if op == lex.ADD && xv.kind() == constant.String && yv.kind() == constant.String {
			return exactValue(constant.BinaryOp(xv.c, token.ADD, yv.c)), true
		}
		return value{}, false
	}
	if !xv.isNumber() || !yv.isNumber() {
		return value{}, false
	}
	if xv.float || yv.float {
		x, y := xv.toFloat(), yv.toFloat()
		switch op {
		case lex.ADD:
			return floatValue(x + y), true
		case lex.SUB:
			return floatValue(x - y), true
		case lex.MUL:
			return floatValue(x * y), true
		case lex.QUO:
			// Division by zero is not folded (a const initialised
			// with 1.0 / 0.0 cannot be initialized, as in the
			// reference); it gives ±Inf or NaN at run time.
			if y == 0 {
				return value{}, false
			}
			return floatValue(x / y), true
		case lex.REM:
			// C's fmod, as the reference folds 7 % 2.5 (to 2.0).
			if y == 0 {
				return value{}, false
			}
			return floatValue(math.Mod(x, y)), true
		}
		return value{}, false
	}
	v := foldInt(op, toInt64(xv.c), toInt64(yv.c))
	return exactValue(v), v != nil
}

// foldInt folds an integer operation with 64-bit wrap-around; nil when
// it does not fold.
func foldInt(op lex.Token, x, y constant.Value) constant.Value {
	switch op {
	case lex.ADD:
		return wrap64(constant.BinaryOp(x, token.ADD, y))
	case lex.SUB:
		return wrap64(constant.BinaryOp(x, token.SUB, y))
	case lex.MUL:
		return wrap64(constant.BinaryOp(x, token.MUL, y))
	case lex.QUO, lex.REM:
		// Division by a literal zero is not folded: it traps at run time.
		if constant.Sign(y) == 0 {
			return nil
		}
		if op == lex.REM {
			return wrap64(constant.BinaryOp(x, token.REM, y))
		}
		// go/constant spells truncating integer division QUO_ASSIGN.
		return wrap64(constant.BinaryOp(x, token.QUO_ASSIGN, y))
	case lex.AND:
		return constant.BinaryOp(x, token.AND, y)
	case lex.OR:
		return constant.BinaryOp(x, token.OR, y)
	case lex.XOR:
		return constant.BinaryOp(x, token.XOR, y)
	case lex.SHL, lex.SHR:
		s, ok := constant.Uint64Val(y)
		if !ok || constant.Sign(y) < 0 {
			return nil
		}
		if s >= 64 {
			if op == lex.SHR && constant.Sign(x) < 0 {
				return constant.MakeInt64(-1)
			}
			return constant.MakeInt64(0)
		}
		if op == lex.SHL {
			return wrap64(constant.Shift(x, token.SHL, uint(s)))
		}
		return constant.Shift(x, token.SHR, uint(s))
	}
	return nil
}

var (
	minInt64  = big.NewInt(math.MinInt64)
	maxUint64 = new(big.Int).SetUint64(math.MaxUint64)
	two64     = new(big.Int).Lsh(big.NewInt(1), 64)
	two63     = new(big.Int).Lsh(big.NewInt(1), 63)
)

// toInt64 reinterprets a literal above the int64 range (up to 2^64-1) as
// the int64 with the same bits, which is what the reference's 64-bit
// literals do when they enter arithmetic.
func toInt64(v constant.Value) constant.Value {
	if _, small := constant.Val(v).(int64); small {
		return v
	}
	b := bigOf(v)
	if b == nil {
		return v
	}
	if b.Cmp(two63) >= 0 && b.Cmp(maxUint64) <= 0 {
		return constant.Make(new(big.Int).Sub(b, two64))
	}
	return v
}

// wrap64 wraps an integer result to two's-complement int64.
func wrap64(v constant.Value) constant.Value {
	if v.Kind() != constant.Int {
		return v
	}
	if _, small := constant.Val(v).(int64); small {
		return v
	}
	b := bigOf(v)
	if b == nil {
		return v
	}
	if b.Cmp(minInt64) >= 0 && b.Cmp(two63) < 0 {
		return v
	}
	m := new(big.Int).Mod(b, two64)
	if m.Cmp(two63) >= 0 {
		m.Sub(m, two64)
	}
	return constant.Make(m)
}

func bigOf(v constant.Value) *big.Int {
	switch x := constant.Val(v).(type) {
	case int64:
		return big.NewInt(x)
	case *big.Int:
		return x
	}
	return nil
}

// wrapInt wraps an integer constant to the width and signedness of t
// (enum auto values wrap silently, types.md §9).
func wrapInt(v constant.Value, t Type) constant.Value {
	bits := IntBits(t)
	if x, small := constant.Val(v).(int64); small && bits > 0 && bits <= 64 {
		// The common case without big.Int: shift the bits out and
		// back, with sign extension for signed types.
		sh := uint(64 - bits)
		if IsUnsigned(t) {
			return constant.MakeUint64(uint64(x) << sh >> sh)
		}
		return constant.MakeInt64(x << sh >> sh)
	}
	b := bigOf(v)
	if b == nil || bits == 0 {
		return v
	}
	mod := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	m := new(big.Int).Mod(b, mod)
	if !IsUnsigned(t) && m.Cmp(new(big.Int).Rsh(mod, 1)) >= 0 {
		m.Sub(m, mod)
	}
	return constant.Make(m)
}

// fitsInt reports whether the integer constant v is representable in the
// integer type t.
func fitsInt(v constant.Value, t Type) bool {
	bits := IntBits(t)
	if bits == 0 {
		return false
	}
	if x, small := constant.Val(v).(int64); small && bits <= 64 {
		if IsUnsigned(t) || basicKind(t) == Anyptr {
			// The reference range-checks no 64-bit unsigned literal: a
			// negative one keeps its two's complement bits
			// (u64 mask = -1), as an int64 does.
			return bits == 64 || x >= 0 && uint64(x) < 1<<bits
		}
		return bits == 64 || -1<<(bits-1) <= x && x < 1<<(bits-1)
	}
	b := bigOf(v)
	if b == nil {
		return false
	}
	var lo, hi *big.Int
	if IsUnsigned(t) || basicKind(t) == Anyptr {
		lo = big.NewInt(0)
		if bits == 64 {
			lo = big.NewInt(math.MinInt64)
		}
		hi = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(bits)), big.NewInt(1))
	} else {
		lo = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), uint(bits-1)))
		hi = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(bits-1)), big.NewInt(1))
	}
	return b.Cmp(lo) >= 0 && b.Cmp(hi) <= 0
}

// recordFolded records the type t for a folded constant expression and
// its parts, each with its own value.
func (c *checker) recordFolded(e ast.Expr, t Type) {
	if _, leaf := e.(*ast.BasicLit); leaf {
		// Most constants are one literal: no walk.
		c.recordFoldedNode(e, t)
		return
	}
	ast.Inspect(e, func(n ast.Node) bool {
		x, ok := n.(ast.Expr)
		return !ok || c.recordFoldedNode(x, t)
	})
}

// recordFoldedNode records x, a part of a folded expression of type t,
// with its value, and reports whether it folded.
func (c *checker) recordFoldedNode(x ast.Expr, t Type) bool {
	v, ok := c.foldConst(x)
	if !ok {
		return false
	}
	tt := t
	switch v.kind() {
	case constant.String:
		if !IsString(t) {
			tt = Typ[String]
		}
	case constant.Bool:
		if !IsBool(t) {
			tt = Typ[Bool]
		}
	}
	c.record(x, constantTV(tt, v))
	return true
}

// constantTV is the record of a constant expression of type t with
// value v.
func constantTV(t Type, v value) TypeAndValue {
	tv := TypeAndValue{Mode: Constant, Type: t}
	tv.Value, tv.Float = v.exported(t)
	return tv
}
