package gofront

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Bounds-check and shift-check elimination from facts go/ssa makes
// easy to read: an index or a shift count is known to be below a bound
// when
//
//   - it is a constant below the bound;
//   - it is an unsigned integer too narrow to reach the bound (a uint8
//     index into an array of 256 or more);
//   - it is x & c or, unsigned, x % c, with c at most the bound, or,
//     unsigned, x / c or x >> c with x known below bound×c or bound<<c;
//   - it is an unsigned value widened by a conversion, and the value is
//     known below the bound;
//   - the block being translated can only be reached through the true
//     edge of "v < K" or "v <= K-1" (or the false edge of "v >= K",
//     "v > K-1"), v unsigned, with K a constant at most the bound, or
//     K = len(s) for the same slice or string s being indexed; v may
//     be signed when it is known non-negative (nonNegative: an
//     induction variable starting at 0, or at -1 and read after its
//     increment, as go/ssa's range loops are).
//
// The last is how loops over a prefix of an array or slice, and the
// guards the runtime writes before indexing, lose their checks.

// below reports whether v, an integer, is in [0, k) at the current
// block.
func (x *fnc) below(v ssa.Value, k uint64) bool {
	return x.belowAt(v, k, nil, x.blk, 0)
}

// indexInRange reports whether idx is a valid index of seq at the
// current block (see below).
func (x *fnc) indexInRange(seq, idx ssa.Value) bool {
	switch t := seq.Type().Underlying().(type) {
	case *types.Array:
		return x.below(idx, uint64(t.Len()))
	case *types.Pointer:
		if a, ok := t.Elem().Underlying().(*types.Array); ok {
			return x.below(idx, uint64(a.Len()))
		}
		return false
	}
	return x.belowAt(idx, 0, seq, x.blk, 0)
}

// belowAt reports whether v is in [0, k) (or, with seq non-nil, in
// [0, len(seq))) in block b. depth bounds the recursion through
// conversions.
func (x *fnc) belowAt(v ssa.Value, k uint64, seq ssa.Value, b *ssa.BasicBlock, depth int) bool {
	if depth > 4 {
		return false
	}
	if seq == nil {
		switch v := v.(type) {
		case *ssa.Const:
			if v.Value == nil || v.Value.Kind() != constant.Int {
				return false
			}
			n, exact := constant.Uint64Val(v.Value)
			return exact && constant.Sign(v.Value) >= 0 && n < k
		case *ssa.BinOp:
			switch {
			case v.Op == token.AND:
				return constBelowEq(v.Y, k-1) || constBelowEq(v.X, k-1)
			case v.Op == token.REM && isUnsigned(v.Type()):
				return constBelowEq(v.Y, k)
			case (v.Op == token.QUO || v.Op == token.SHR) && isUnsigned(v.Type()):
				// x / c < k when x < k*c; x >> c < k when x < k<<c.
				c, ok := v.Y.(*ssa.Const)
				if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
					return false
				}
				n, exact := constant.Uint64Val(c.Value)
				if !exact || n == 0 || k > 1<<32 {
					return false
				}
				if v.Op == token.SHR {
					if n >= 32 {
						return false
					}
					n = 1 << n
				}
				if n > 1<<31 {
					return false
				}
				return x.belowAt(v.X, k*n, nil, b, depth+1)
			}
		case *ssa.Convert:
			// An unsigned value keeps its value (or shrinks) when
			// converted to an unsigned type or widened; to a signed
			// type of its own size, while it is below 2^(width-1).
			from, to := x.c.layout.size(v.X.Type()), x.c.layout.size(v.Type())
			keeps := isUnsigned(v.Type()) || to > from || to == from && k <= 1<<(8*to-1)
			if isUnsigned(v.X.Type()) && isInteger(v.Type()) && keeps && x.belowAt(v.X, k, nil, b, depth+1) {
				return true
			}
		}
		if isUnsigned(v.Type()) {
			if w := 8 * x.c.layout.size(v.Type()); w < 64 && uint64(1)<<w <= k {
				return true
			}
		}
	}
	if !isUnsigned(v.Type()) && !nonNegative(v) {
		return false
	}
	// Walk up the dominator tree looking for a guarding condition.
	for c := b; c != nil; c = c.Idom() {
		d := c.Idom()
		if d == nil || len(c.Preds) != 1 || c.Preds[0] != d || len(d.Succs) != 2 || d.Succs[0] == d.Succs[1] {
			continue
		}
		cond, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		bin, ok := cond.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		op := bin.Op
		if c == d.Succs[1] {
			op, _ = flip(op)
		}
		if x.guards(op, bin.X, bin.Y, v, k, seq) {
			return true
		}
	}
	return false
}

// guards reports whether "l op r" holding implies v < k (or v <
// len(seq)).
func (x *fnc) guards(op token.Token, l, r, v ssa.Value, k uint64, seq ssa.Value) bool {
	// Put v on the left.
	if r == v {
		l, r = r, l
		_, op = flip(op)
	}
	if l != v {
		return false
	}
	switch op {
	case token.LSS:
		if seq != nil {
			return isLenOf(r, seq)
		}
		return constBelowEq(r, k)
	case token.LEQ:
		return seq == nil && k > 0 && constBelowEq(r, k-1)
	}
	return false
}

// isLenOf reports whether r is len(seq).
func isLenOf(r, seq ssa.Value) bool {
	call, ok := r.(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	return ok && b.Name() == "len" && len(call.Call.Args) == 1 && call.Call.Args[0] == seq
}

// constBelowEq reports whether v is a non-negative integer constant at
// most k.
func constBelowEq(v ssa.Value, k uint64) bool {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int || constant.Sign(c.Value) < 0 {
		return false
	}
	n, exact := constant.Uint64Val(c.Value)
	return exact && n <= k
}

// flip gives, for an order comparison "a op b", the comparison that
// holds when it does not (negated) and the comparison "b swapped a"
// equal to it. For other operators negated is token.ILLEGAL and swapped
// is op.
func flip(op token.Token) (negated, swapped token.Token) {
	for _, f := range [...]struct{ op, negated, swapped token.Token }{
		{token.LSS, token.GEQ, token.GTR},
		{token.LEQ, token.GTR, token.GEQ},
		{token.GTR, token.LEQ, token.LSS},
		{token.GEQ, token.LSS, token.LEQ},
	} {
		if f.op == op {
			return f.negated, f.swapped
		}
	}
	return token.ILLEGAL, op
}

func isUnsigned(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsUnsigned != 0
}

// nonNegative reports whether the integer v is at least 0: a
// non-negative constant, a value of unsigned type, x + c with c >= 0
// and x non-negative, or a phi whose edges are non-negative or v's own
// increments by a non-negative constant (an induction variable; this
// assumes it does not wrap around, which would take 2^63 steps).
func nonNegative(v ssa.Value) bool {
	lb, ok := lowerBound(v, nil, 0)
	return ok && lb >= 0
}

// lowerBound returns a lower bound of v (see nonNegative); phi is the
// phi being analysed, whose increments do not lower the bound.
func lowerBound(v ssa.Value, phi *ssa.Phi, depth int) (int64, bool) {
	if depth > 6 {
		return 0, false
	}
	if isUnsigned(v.Type()) {
		return 0, true
	}
	switch v := v.(type) {
	case *ssa.Const:
		if v.Value == nil || v.Value.Kind() != constant.Int {
			return 0, false
		}
		n, exact := constant.Int64Val(v.Value)
		return n, exact
	case *ssa.BinOp:
		if v.Op != token.ADD {
			return 0, false
		}
		x, c := v.X, v.Y
		if _, ok := x.(*ssa.Const); ok {
			x, c = c, x
		}
		k, ok := c.(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.Int || constant.Sign(k.Value) < 0 {
			return 0, false
		}
		n, exact := constant.Int64Val(k.Value)
		if !exact || n > 1<<32 {
			return 0, false
		}
		lb, ok := lowerBound(x, phi, depth+1)
		if !ok || lb > 1<<60 {
			return lb, ok
		}
		return lb + n, true
	case *ssa.Phi:
		if v == phi {
			return 1 << 62, true // the increment of the induction variable itself
		}
		if phi != nil {
			return 0, false // nested phis: give up
		}
		lb := int64(1 << 62)
		for _, e := range v.Edges {
			n, ok := lowerBound(e, v, depth+1)
			if !ok {
				return 0, false
			}
			lb = min(lb, n)
		}
		return lb, lb < 1<<62
	case *ssa.Convert:
		// Widening an unsigned value keeps it non-negative.
		if isUnsigned(v.X.Type()) && isInteger(v.Type()) && sizeOfBasic(v.Type()) > sizeOfBasic(v.X.Type()) {
			return 0, true
		}
	}
	return 0, false
}

// sizeOfBasic is the size in bytes of an integer type (gc amd64), 0 for
// other types.
func sizeOfBasic(t types.Type) int64 {
	b, ok := t.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return 0
	}
	switch b.Kind() {
	case types.Int8, types.Uint8:
		return 1
	case types.Int16, types.Uint16:
		return 2
	case types.Int32, types.Uint32:
		return 4
	}
	return 8
}
