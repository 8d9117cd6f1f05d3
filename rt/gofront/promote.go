package gofront

import (
	"sort"

	"github.com/naturekit/naturekit/lir"
)

// promoteSlots turns stack slots that are only ever read and written
// whole, at fixed offsets, into registers: every load or store whose
// address is the slot itself (no address of it is taken, passed or
// computed) and whose pieces do not overlap. This is what the result
// blocks of inlined calls become (the callee's stores and the caller's
// loads of several results), and what a small local struct whose
// fields are only read and written directly becomes: registers the
// back end's SSA construction then renames. Each promoted piece is set
// to zero at the function's entry, so that a read before any write
// still reads what the zeroed slot held.
func promoteSlots(f *lir.Func) {
	if f.Form != lir.Linear || len(f.Slots) == 0 {
		return
	}
	forwardSlotCopies(f)
	ok := make([]bool, len(f.Slots))
	for i := range ok {
		ok[i] = true
	}
	pieces := make([]map[int64]lir.Type, len(f.Slots))
	// access records a load or store of type t at slot s + off: a slot
	// read or written at one offset with two types stays in memory.
	access := func(s int32, off int64, t lir.Type) {
		if pieces[s] == nil {
			pieces[s] = map[int64]lir.Type{}
		}
		if have, seen := pieces[s][off]; seen && have != t {
			ok[s] = false
		}
		pieces[s][off] = t
	}
	var rands []*lir.Operand
	for _, id := range f.Linear {
		in := f.Instrs[id]
		switch in := in.(type) {
		case *lir.Load:
			if in.Addr.Kind == lir.SlotOperand {
				access(in.Addr.Index, in.Off, in.Dst.Type)
				continue
			}
		case *lir.Store:
			if in.Addr.Kind == lir.SlotOperand {
				if in.Val.Kind == lir.SlotOperand {
					ok[in.Val.Index] = false // the address of a slot is stored
				}
				access(in.Addr.Index, in.Off, in.Val.Type)
				continue
			}
		}
		// Any other mention of a slot takes its address.
		rands = in.Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == lir.SlotOperand {
				ok[r.Index] = false
			}
		}
	}
	promoted := 0
	regsOf := make([]map[int64]lir.Value, len(f.Slots))
	for s := range f.Slots {
		if !ok[s] || pieces[s] == nil {
			continue
		}
		offs := make([]int64, 0, len(pieces[s]))
		for off := range pieces[s] {
			offs = append(offs, off)
		}
		sort.Slice(offs, func(i, j int) bool { return offs[i] < offs[j] })
		overlap := false
		for i := 1; i < len(offs); i++ {
			if offs[i-1]+int64(pieces[s][offs[i-1]].Size()) > offs[i] {
				overlap = true
			}
		}
		if overlap {
			continue
		}
		regsOf[s] = map[int64]lir.Value{}
		for _, off := range offs {
			v := f.NewValue(pieces[s][off])
			regsOf[s][off] = v
			promoted++
		}
	}
	if promoted == 0 {
		return
	}
	var code []lir.InstrID
	// Zero every promoted piece first, in a deterministic order.
	for s := range f.Slots {
		if regsOf[s] == nil {
			continue
		}
		offs := make([]int64, 0, len(regsOf[s]))
		for off := range regsOf[s] {
			offs = append(offs, off)
		}
		sort.Slice(offs, func(i, j int) bool { return offs[i] < offs[j] })
		for _, off := range offs {
			v := regsOf[s][off]
			code = append(code, f.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: f.Reg(v), X: zero(f.Values[v].Type)}))
		}
	}
	for _, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Load:
			if in.Addr.Kind == lir.SlotOperand && regsOf[in.Addr.Index] != nil {
				v := regsOf[in.Addr.Index][in.Off]
				nid := f.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: in.Dst, X: f.Reg(v)})
				f.SetInstrPos(nid, f.InstrPos(id))
				code = append(code, nid)
				continue
			}
		case *lir.Store:
			if in.Addr.Kind == lir.SlotOperand && regsOf[in.Addr.Index] != nil {
				v := regsOf[in.Addr.Index][in.Off]
				nid := f.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: f.Reg(v), X: in.Val})
				f.SetInstrPos(nid, f.InstrPos(id))
				code = append(code, nid)
				continue
			}
		}
		code = append(code, id)
	}
	f.Linear = code
}

// forwardSlotCopies lets promoteSlots see the result blocks of inlined
// calls: inlining copies every argument into a register standing for
// the parameter, so a callee's stores of its results go through "%p =
// copy ssN". Where %p is set only by copies of one slot and only read
// as the address of loads and stores (or by an addr nobody reads), the
// loads and stores take the slot itself and the copies go.
func forwardSlotCopies(f *lir.Func) {
	n := len(f.Values)
	slot := make([]int32, n) // 1 + the slot v copies; 0 if none
	bad := make([]bool, n)
	reads := make([]int, n)
	for _, p := range f.Params {
		bad[p] = true
	}
	var rands []*lir.Operand
	for _, id := range f.Linear {
		rands = f.Instrs[id].Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == lir.RegOperand {
				reads[r.Index]++
			}
		}
	}
	deadAddr := func(in lir.Instr) bool {
		a, ok := in.(*lir.Addr)
		return ok && a.Dst.Kind == lir.RegOperand && reads[a.Dst.Index] == 0
	}
	for _, id := range f.Linear {
		in := f.Instrs[id]
		if d := in.Dest(); d != nil && d.Kind == lir.RegOperand {
			u, ok := in.(*lir.Unary)
			if ok && u.Opcode == lir.OpCopy && u.X.Kind == lir.SlotOperand && (slot[d.Index] == 0 || slot[d.Index] == u.X.Index+1) {
				slot[d.Index] = u.X.Index + 1
			} else {
				bad[d.Index] = true
			}
		}
		switch in := in.(type) {
		case *lir.Load:
			continue
		case *lir.Store:
			if in.Val.Kind == lir.RegOperand {
				bad[in.Val.Index] = true
			}
			continue
		}
		if deadAddr(in) {
			continue
		}
		rands = in.Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == lir.RegOperand {
				bad[r.Index] = true
			}
		}
	}
	fwd := func(o lir.Operand) bool {
		return o.Kind == lir.RegOperand && slot[o.Index] != 0 && !bad[o.Index]
	}
	code := f.Linear[:0]
	for _, id := range f.Linear {
		switch in := f.Instrs[id].(type) {
		case *lir.Load:
			if fwd(in.Addr) {
				in.Addr = lir.SlotAddr(lir.SlotID(slot[in.Addr.Index] - 1))
			}
		case *lir.Store:
			if fwd(in.Addr) {
				in.Addr = lir.SlotAddr(lir.SlotID(slot[in.Addr.Index] - 1))
			}
		case *lir.Unary:
			if fwd(in.Dst) {
				continue
			}
		case *lir.Addr:
			if deadAddr(in) && (fwd(in.Base) || fwd(in.Index)) {
				continue
			}
		}
		code = append(code, id)
	}
	f.Linear = code
}
