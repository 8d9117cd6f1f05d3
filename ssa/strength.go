package ssa

import (
	"math/bits"

	"github.com/naturekit/naturekit/lir"
)

// Strength is strength reduction of i64 arithmetic by constant powers of
// two, which the machine does with shifts and masks instead of a
// multiply or a (slow, possibly trapping) divide:
//
//	mul x, 2^k   →  shl x, k
//	udiv x, 2^k  →  lshr x, k
//	urem x, 2^k  →  and x, 2^k - 1
//	sdiv x, 2^k  →  ashr (x + (lshr (ashr x, 63), 64 - k)), k
//	srem x, 2^k  →  x - and(x + (lshr (ashr x, 63), 64 - k), -2^k)
//
// (the signed forms add 2^k - 1 to a negative x so that the shift rounds
// toward zero, as the division does; for k = 1 that bias is lshr x, 63). A multiply or divide by 1 becomes
// a copy, a remainder by 1 the constant 0; in integers of any width,
// adding, subtracting, or-ing, xor-ing and shifting by 0 become copies
// (what inlining leaves behind: add 0, %x). Other types and constants
// are left alone. Run CopyProp afterwards to remove the copies.
//
// In floating point, fmul x, 2.0 becomes fadd x, x: the same exactly
// rounded 2x (infinities, NaNs and signed zeros included), with an
// addition's latency and no constant to load (mandelbrot's 2.0*zr*zi).
func Strength(f *lir.Func) error {
	if err := needSSA(f, "strength"); err != nil {
		return err
	}
	for b := range f.Blocks {
		ids := f.Blocks[b].Instrs
		var out []lir.InstrID
		changed := false
		for j, id := range ids {
			in, ok := f.Instrs[id].(*lir.Binary)
			if ok && in.Opcode == lir.OpFMul {
				doubling(in)
			}
			if !ok || !in.Dst.Type.IsInt() || in.Dst.Kind != lir.RegOperand {
				if changed {
					out = append(out, id)
				}
				continue
			}
			x, c := in.X, in.Y
			if in.Opcode.IsCommutative() && x.Kind == lir.IntOperand {
				x, c = c, x
			}
			repl := identity(in.Opcode, in.Dst, x, c)
			if repl == nil && in.Dst.Type == lir.I64 {
				repl = reduce(f, in.Opcode, in.Dst, x, c)
			}
			if repl == nil {
				if changed {
					out = append(out, id)
				}
				continue
			}
			if !changed {
				out = append([]lir.InstrID(nil), ids[:j]...)
				changed = true
			}
			pos := f.InstrPos(id)
			for _, r := range repl {
				nid := f.NewInstr(r)
				if pos.IsValid() {
					f.SetInstrPos(nid, pos)
				}
				out = append(out, nid)
			}
		}
		if changed {
			f.Blocks[b].Instrs = out
		}
	}
	return nil
}

// identity returns a copy for dst = x op c when that is x: adding,
// subtracting, or-ing, xor-ing or shifting by 0 (integers of any type;
// for floats x + 0.0 is not x when x is -0.0).
func identity(op lir.Op, dst, x, c lir.Operand) []lir.Instr {
	if c.Kind != lir.IntOperand || c.Imm != 0 || x.Kind == lir.IntOperand {
		return nil
	}
	switch op {
	case lir.OpAdd, lir.OpSub, lir.OpOr, lir.OpXor, lir.OpShl, lir.OpLShr, lir.OpAShr:
		return []lir.Instr{&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: x}}
	}
	return nil
}

// reduce returns the instructions computing dst = x op c more cheaply,
// or nil.
func reduce(f *lir.Func, op lir.Op, dst, x, c lir.Operand) []lir.Instr {
	if c.Kind != lir.IntOperand || c.Imm <= 0 || c.Imm&(c.Imm-1) != 0 || x.Kind == lir.IntOperand {
		return nil
	}
	k := int64(bits.TrailingZeros64(uint64(c.Imm)))
	i64 := func(n int64) lir.Operand { return lir.Int(lir.I64, n) }
	tmp := func() lir.Operand { return f.Reg(f.NewValue(lir.I64)) }
	bin := func(op lir.Op, d, a, b lir.Operand) lir.Instr { return &lir.Binary{Opcode: op, Dst: d, X: a, Y: b} }
	copyOf := func(a lir.Operand) []lir.Instr { return []lir.Instr{&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: a}} }
	switch op {
	case lir.OpMul:
		if k == 0 {
			return copyOf(x)
		}
		return []lir.Instr{bin(lir.OpShl, dst, x, i64(k))}
	case lir.OpUDiv:
		if k == 0 {
			return copyOf(x)
		}
		return []lir.Instr{bin(lir.OpLShr, dst, x, i64(k))}
	case lir.OpURem:
		return []lir.Instr{bin(lir.OpAnd, dst, x, i64(c.Imm-1))}
	case lir.OpSDiv, lir.OpSRem:
		if k == 0 {
			if op == lir.OpSDiv {
				return copyOf(x)
			}
			return copyOf(i64(0))
		}
		var code []lir.Instr
		if k == 1 { // the bias is the sign bit itself
			bias := tmp()
			code = append(code, bin(lir.OpLShr, bias, x, i64(63)))
		} else {
			sign, bias := tmp(), tmp()
			code = append(code,
				bin(lir.OpAShr, sign, x, i64(63)),
				bin(lir.OpLShr, bias, sign, i64(64-k)))
		}
		sum := tmp()
		code = append(code, bin(lir.OpAdd, sum, x, *code[len(code)-1].Dest()))
		if op == lir.OpSDiv {
			return append(code, bin(lir.OpAShr, dst, sum, i64(k)))
		}
		low := tmp()
		return append(code,
			bin(lir.OpAnd, low, sum, i64(-c.Imm)),
			bin(lir.OpSub, dst, x, low))
	}
	return nil
}

// doubling rewrites fmul x, 2.0 (either operand order) as fadd x, x.
func doubling(in *lir.Binary) {
	x, c := in.X, in.Y
	if x.Kind == lir.FloatOperand {
		x, c = c, x
	}
	if x.Kind == lir.RegOperand && c.Kind == lir.FloatOperand && c.FloatValue() == 2 {
		in.Opcode, in.X, in.Y = lir.OpFAdd, x, x
	}
}
