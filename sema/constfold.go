package sema

import (
	"go/constant"
	"go/token"
	"math"
	"math/big"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
)

// Constant folding happens before type checking (types.md §12): a binary
// operation on two literal operands, unary - and ~ on a number and ! on a
// bool become one untyped literal; constant names stand for their
// literal. Comparisons and && / || are not folded. Integer arithmetic
// wraps at 64 bits; if either operand is a float the result is a float.

// foldConst folds e to an untyped constant value, or reports false.
func (c *checker) foldConst(e ast.Expr) (constant.Value, bool) {
	if e == nil || c.foldFail[e] {
		return nil, false
	}
	if v, ok := c.folded[e]; ok {
		return v, true
	}
	if !c.enter() {
		return nil, false
	}
	defer c.leave()
	v := c.fold(e)
	if v == nil {
		c.foldFail[e] = true
		return nil, false
	}
	// Only expressions that cannot change meaning are memoised: names
	// resolve differently in different scopes.
	if _, isIdent := e.(*ast.Ident); !isIdent {
		c.folded[e] = v
	}
	return v, true
}

func (c *checker) fold(e ast.Expr) constant.Value {
	switch e := e.(type) {
	case *ast.BasicLit:
		return literalValue(e)
	case *ast.ParenExpr:
		v, _ := c.foldConst(e.X)
		return v
	case *ast.Ident:
		k, ok := c.lookup(e.Name).(*Const)
		if !ok || !isUntypedConst(k) && !c.isPendingConst(k) {
			return nil
		}
		c.objDecl(k)
		if k.Val == nil || !isUntypedConst(k) {
			return nil
		}
		c.use(e, k)
		return k.Val
	case *ast.UnaryExpr:
		x, ok := c.foldConst(e.X)
		if !ok {
			return nil
		}
		switch {
		case e.Op == lex.SUB && isNumberValue(x):
			return wrap64(constant.UnaryOp(token.SUB, x, 0))
		case e.Op == lex.TILDE && x.Kind() == constant.Int:
			return wrap64(constant.UnaryOp(token.XOR, toInt64(x), 0))
		case e.Op == lex.NOT && x.Kind() == constant.Bool:
			return constant.UnaryOp(token.NOT, x, 0)
		}
	case *ast.BinaryExpr:
		if !foldableOp(e.Op) {
			return nil
		}
		x, ok := c.foldConst(e.X)
		if !ok {
			return nil
		}
		y, ok := c.foldConst(e.Y)
		if !ok {
			return nil
		}
		return foldBinary(e.Op, x, y)
	}
	return nil
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

func isNumberValue(v constant.Value) bool {
	return v.Kind() == constant.Int || v.Kind() == constant.Float
}

// literalValue decodes a literal; nil for null and malformed literals.
func literalValue(e *ast.BasicLit) constant.Value {
	switch e.Kind {
	case lex.INT:
		n, err := lex.IntValue(e.Value)
		if err != nil {
			return nil
		}
		return constant.MakeUint64(n)
	case lex.FLOAT:
		v := constant.MakeFromLiteral(e.Value, token.FLOAT, 0)
		if v.Kind() == constant.Unknown {
			return nil
		}
		return v
	case lex.STRING:
		s, err := lex.Unquote(e.Value)
		if err != nil {
			return nil
		}
		return constant.MakeString(s)
	case lex.TRUE:
		return constant.MakeBool(true)
	case lex.FALSE:
		return constant.MakeBool(false)
	}
	return nil
}

func foldBinary(op lex.Token, x, y constant.Value) constant.Value {
	if x.Kind() == constant.String || y.Kind() == constant.String {
		if op == lex.ADD && x.Kind() == constant.String && y.Kind() == constant.String {
			return constant.BinaryOp(x, token.ADD, y)
		}
		return nil
	}
	if !isNumberValue(x) || !isNumberValue(y) {
		return nil
	}
	if x.Kind() == constant.Float || y.Kind() == constant.Float {
		xf, yf := constant.ToFloat(x), constant.ToFloat(y)
		switch op {
		case lex.ADD:
			return constant.BinaryOp(xf, token.ADD, yf)
		case lex.SUB:
			return constant.BinaryOp(xf, token.SUB, yf)
		case lex.MUL:
			return constant.BinaryOp(xf, token.MUL, yf)
		case lex.QUO:
			if constant.Sign(yf) == 0 {
				return nil
			}
			return constant.BinaryOp(xf, token.QUO, yf)
		}
		return nil
	}
	x, y = toInt64(x), toInt64(y)
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
	b := bigOf(v)
	bits := IntBits(t)
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
	b := bigOf(v)
	if b == nil {
		return false
	}
	bits := IntBits(t)
	if bits == 0 {
		return false
	}
	var lo, hi *big.Int
	if IsUnsigned(t) || basicKind(t) == Anyptr {
		lo = big.NewInt(0)
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
	ast.Inspect(e, func(n ast.Node) bool {
		x, ok := n.(ast.Expr)
		if !ok {
			return true
		}
		v, ok := c.foldConst(x)
		if !ok {
			return false
		}
		tt := t
		switch v.Kind() {
		case constant.String:
			if !IsString(t) {
				tt = Typ[String]
			}
		case constant.Bool:
			if !IsBool(t) {
				tt = Typ[Bool]
			}
		}
		c.record(x, TypeAndValue{Mode: Constant, Type: tt, Value: v})
		return true
	})
}
