package ssa

import "github.com/naturekit/naturekit/lir"

// Sink moves an address computation (addr) that only one load or store
// uses, as its address, to just before that access, so that a back end
// can fold the two into one instruction with an indexed memory operand
// (amd64: mov [base+index*8], x instead of lea and mov). It moves the
// addr down its block, or into a block below it on a chain of blocks
// each with a single predecessor (the in-bounds side of a bounds
// check): never into a loop, so what licm hoisted stays hoisted. An
// addr computes from registers defined before it and cannot fault, so
// moving it past anything else is safe.
func Sink(f *lir.Func) error {
	if err := needSSA(f, "sink"); err != nil {
		return err
	}
	uses := make([]int32, len(f.Values))
	user := make([]lir.InstrID, len(f.Values)) // the last reader
	var rands []*lir.Operand
	block := blockOf(f)
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			rands = f.Instrs[id].Operands(rands[:0])
			for _, o := range rands {
				if o.Kind == lir.RegOperand {
					uses[o.Index]++
					user[o.Index] = id
				}
			}
		}
	}
	// before[u] lists the addrs to place just before instruction u.
	var before map[lir.InstrID][]lir.InstrID
	moved := make(map[lir.InstrID]bool)
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			a, ok := f.Instrs[id].(*lir.Addr)
			if !ok || a.Dst.Kind != lir.RegOperand || uses[a.Dst.Index] != 1 {
				continue
			}
			u := user[a.Dst.Index]
			if !isAddressOf(f.Instrs[u], a.Dst) || !below(f, lir.BlockID(b), block[u]) {
				continue
			}
			if before == nil {
				before = map[lir.InstrID][]lir.InstrID{}
			}
			before[u] = append(before[u], id)
			moved[id] = true
		}
	}
	if before == nil {
		return nil
	}
	for b := range f.Blocks {
		ids := f.Blocks[b].Instrs
		out := make([]lir.InstrID, 0, len(ids))
		for _, id := range ids {
			out = append(out, before[id]...)
			if !moved[id] {
				out = append(out, id)
			}
		}
		f.Blocks[b].Instrs = out
	}
	return nil
}

// isAddressOf reports whether in is a load or a store whose address is
// v (and, for a store, whose value is not).
func isAddressOf(in lir.Instr, v lir.Operand) bool {
	switch in := in.(type) {
	case *lir.Load:
		return in.Addr == v
	case *lir.Store:
		return in.Addr == v && in.Val != v
	}
	return false
}

// below reports whether block to is from, or below it on a chain of
// blocks each with from's chain as its only predecessor.
func below(f *lir.Func, from, to lir.BlockID) bool {
	for range f.Blocks {
		if to == from {
			return true
		}
		preds := f.Blocks[to].Preds
		if len(preds) != 1 {
			return false
		}
		to = preds[0]
	}
	return false
}
