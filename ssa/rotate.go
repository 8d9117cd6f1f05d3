package ssa

import "github.com/naturekit/naturekit/lir"

// Rotate recognises rotations by a constant written with shifts, as in
// crypto code (sha256's x >> 7 | x << 25), and rewrites them as one
// rotr, which both back ends emit as one instruction (ror):
//
//	or x>>k, x<<(w-k)   →  rotr x, k      (x>>k: lshr; w: the width)
//
// in integers of any width, with either operand order, and with xor or
// add in place of or: for 0 < k < w the two shifts have no bit in
// common, so the three agree. The counts are taken modulo w, as the
// shifts take them. The shifts stay for whoever else reads them; DCE
// removes them when the rotation was their only reader.
func Rotate(f *lir.Func) error {
	if err := needSSA(f, "rotate"); err != nil {
		return err
	}
	def := make([]*lir.Binary, len(f.Values))
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if in, ok := f.Instrs[id].(*lir.Binary); ok && in.Dst.Kind == lir.RegOperand {
				def[in.Dst.Index] = in
			}
		}
	}
	shift := func(o lir.Operand) *lir.Binary {
		if o.Kind != lir.RegOperand {
			return nil
		}
		in := def[o.Index]
		if in == nil || in.Y.Kind != lir.IntOperand || in.X.Kind != lir.RegOperand ||
			in.Opcode != lir.OpLShr && in.Opcode != lir.OpShl {
			return nil
		}
		return in
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			in, ok := f.Instrs[id].(*lir.Binary)
			if !ok || !in.Dst.Type.IsInt() || in.Dst.Kind != lir.RegOperand ||
				in.Opcode != lir.OpOr && in.Opcode != lir.OpXor && in.Opcode != lir.OpAdd {
				continue
			}
			r, l := shift(in.X), shift(in.Y)
			if r == nil || l == nil || r.Opcode == l.Opcode || r.X != l.X {
				continue
			}
			if r.Opcode == lir.OpShl {
				r, l = l, r
			}
			w := uint64(in.Dst.Type.Size() * 8)
			k := uint64(r.Y.Imm) % w
			if k == 0 || k+uint64(l.Y.Imm)%w != w {
				continue
			}
			in.Opcode, in.X, in.Y = lir.OpRotr, r.X, lir.Int(in.Dst.Type, int64(k))
		}
	}
	return nil
}
