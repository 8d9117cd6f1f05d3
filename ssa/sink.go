package ssa

import "github.com/naturekit/naturekit/lir"

// Sink moves an address computation (addr) that only loads and stores
// use, as their address, to just before each access, so that a back end
// can fold the two into one instruction with an indexed memory operand
// (amd64: mov [base+index*8], x instead of lea and mov). An addr with
// one such use moves; one with several (the load and the store of a
// swap's element, which GVN made one addr) becomes a copy of itself
// before each, with a register of its own. It moves the addr down its
// block, or into a block below it on a chain of blocks each with a
// single predecessor (the in-bounds side of a bounds check): never into
// a loop, so what licm hoisted stays hoisted. An addr computes from
// registers defined before it and cannot fault, so moving or repeating
// it past anything else is safe.
func Sink(f *lir.Func) error {
	if err := needSSA(f, "sink"); err != nil {
		return err
	}
	users := map[lir.Value][]lir.InstrID{} // the readers of addrs
	var rands []*lir.Operand
	block := blockOf(f)
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			if a, ok := f.Instrs[id].(*lir.Addr); ok && a.Dst.Kind == lir.RegOperand {
				users[a.Dst.Value()] = nil
			}
		}
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			rands = f.Instrs[id].Operands(rands[:0])
			for _, o := range rands {
				if o.Kind == lir.RegOperand {
					if us, ok := users[o.Value()]; ok {
						users[o.Value()] = append(us, id)
					}
				}
			}
		}
	}
	// before[u] lists the addrs to place just before instruction u.
	var before map[lir.InstrID][]lir.InstrID
	moved := make(map[lir.InstrID]bool)
	for b := range f.Blocks {
	addrs:
		for _, id := range f.Blocks[b].Instrs {
			a, ok := f.Instrs[id].(*lir.Addr)
			if !ok || a.Dst.Kind != lir.RegOperand || len(users[a.Dst.Value()]) == 0 {
				continue
			}
			us := users[a.Dst.Value()]
			for _, u := range us {
				if !isAddressOf(f.Instrs[u], a.Dst) || !below(f, lir.BlockID(b), block[u]) {
					continue addrs
				}
			}
			if before == nil {
				before = map[lir.InstrID][]lir.InstrID{}
			}
			before[us[0]] = append(before[us[0]], id)
			moved[id] = true
			for _, u := range us[1:] {
				c := *a
				c.Dst = f.Reg(f.NewValue(a.Dst.Type))
				cid := f.NewInstr(&c)
				f.SetInstrPos(cid, f.InstrPos(id))
				switch in := f.Instrs[u].(type) {
				case *lir.Load:
					in.Addr = c.Dst
				case *lir.Store:
					in.Addr = c.Dst
				}
				before[u] = append(before[u], cid)
			}
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
