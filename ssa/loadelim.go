package ssa

import "github.com/naturekit/naturekit/lir"

// LoadElim is redundant load elimination within each extended block (a
// block and the chain of blocks each with a single predecessor below
// it, such as the in-bounds side of a bounds check): a load of
// the same type from the same address (operand and offset) as an
// earlier load, or as an earlier store of that type, with no call and
// no possibly aliasing store in between, takes the value already known
// and is deleted. A store kills what is known about every address it
// may overlap: all of them, except for addresses on the same base
// register or slot at offsets that cannot overlap, and stack slots
// other than the one stored to (a store through a register may write
// into a slot whose address was taken, so it kills everything), and,
// for a store of a non-pointer array element (addr p, i, s, o with a
// register index, p loaded from memory: v[i] = x), the location p was
// loaded from (the vec's data pointer; see elementOf). Calls
// and safepoints (where another coroutine or the collector may run)
// kill everything. Removing a load through a register that might be
// nil is safe here: the earlier access to the same address would have
// faulted first.
func LoadElim(f *lir.Func) error {
	if err := needSSA(f, "loadelim"); err != nil {
		return err
	}
	sub := newSubstitution(f)
	dead := make([]bool, len(f.Instrs))
	var known []memValue
	var rands []*lir.Operand
	// What is known at the end of each block, for its successors that
	// have no other predecessor; reverse postorder visits it first.
	out := make([][]memValue, len(f.Blocks))
	def := addrAndLoadDefs(f)
	for _, b := range lir.ReversePostorder(f) {
		known = known[:0]
		if preds := f.Blocks[b].Preds; len(preds) == 1 {
			known = append(known, out[preds[0]]...)
		}
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			rands = in.Operands(rands[:0])
			for _, o := range rands {
				*o = sub.resolve(*o)
			}
			switch in := in.(type) {
			case *lir.Load:
				if in.Dst.Kind != lir.RegOperand {
					known = known[:0]
					continue
				}
				loc := memLoc{in.Addr, in.Off, in.Dst.Type}
				if v, ok := lookupMem(known, loc); ok {
					sub.set(in.Dst.Value(), v)
					dead[id] = true
					continue
				}
				known = append(known, memValue{loc, in.Dst})
			case *lir.Store:
				loc := memLoc{in.Addr, in.Off, in.Val.Type}
				var keep *memLoc
				if in.Val.Type != lir.Ptr {
					keep = elementOf(def, in.Addr)
				}
				known = killMem(known, loc, keep)
				if in.Val.Kind == lir.RegOperand || in.Val.IsConst() {
					known = append(known, memValue{loc, in.Val})
				}
			case *lir.Call, *lir.Safepoint:
				known = known[:0]
			default:
				if d := in.Dest(); d != nil && d.Kind == lir.PhysOperand {
					known = known[:0]
				}
			}
		}
		if len(known) > 0 {
			out[b] = append([]memValue(nil), known...)
		}
	}
	removeInstrs(f, func(id lir.InstrID) bool { return dead[id] })
	sub.apply(f)
	return nil
}

type memLoc struct {
	addr lir.Operand
	off  int64
	t    lir.Type
}

type memValue struct {
	loc memLoc
	val lir.Operand
}

func lookupMem(known []memValue, loc memLoc) (lir.Operand, bool) {
	for i := len(known) - 1; i >= 0; i-- {
		if known[i].loc == loc {
			return known[i].val, true
		}
	}
	return lir.Operand{}, false
}

// killMem drops what a store to loc may overwrite. A store of an array
// element (see elementOf) keeps the pointer to the array: keep, when not
// nil.
func killMem(known []memValue, loc memLoc, keep *memLoc) []memValue {
	kept := known[:0]
	for _, k := range known {
		if disjoint(k.loc, loc) || keep != nil && k.loc == *keep {
			kept = append(kept, k)
		}
	}
	return kept
}

// addrAndLoadDefs maps each register defined by an addr or a load to its
// instruction.
func addrAndLoadDefs(f *lir.Func) []lir.Instr {
	def := make([]lir.Instr, len(f.Values))
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			switch in := f.Instrs[id].(type) {
			case *lir.Addr:
				if in.Dst.Kind == lir.RegOperand {
					def[in.Dst.Index] = in
				}
			case *lir.Load:
				if in.Dst.Kind == lir.RegOperand {
					def[in.Dst.Index] = in
				}
			}
		}
	}
	return def
}

// elementOf returns, for the address of a store of an array element —
// addr p, i, s, o with a register index i, where the pointer p was
// loaded from memory —, the location p was loaded from; nil for other
// addresses. LoadElim asks only for stores of a value that is not a
// pointer, and such a store cannot change that location, which holds a
// pointer: in code from Nature (lir/linear), memory that holds a pointer
// is written only by pointer-typed stores, and the array is an object
// of its own (a vec's or string's data, which only its header points
// to; a fixed array, which a field or a variable points to), so the
// element written is not the pointer's location either. Field stores
// through the loaded pointer (store [p+k]) get no such rule: with
// s.self == s, s.self.self = x writes the pointer itself. What could
// still break the rule is code outside Nature's types that writes
// pointers as integers into an array holding its own data pointer
// (unsafe code; the runtime's Go, which rt/gofront compiles with these
// passes too: no such case is known there).
func elementOf(def []lir.Instr, addr lir.Operand) *memLoc {
	if addr.Kind != lir.RegOperand {
		return nil
	}
	a, ok := def[addr.Index].(*lir.Addr)
	if !ok || a.Index.Kind != lir.RegOperand || a.Base.Kind != lir.RegOperand {
		return nil
	}
	ld, ok := def[a.Base.Index].(*lir.Load)
	if !ok || ld.Dst.Type != lir.Ptr {
		return nil
	}
	return &memLoc{ld.Addr, ld.Off, ld.Dst.Type}
}

// disjoint reports whether accesses at a and b certainly do not overlap.
func disjoint(a, b memLoc) bool {
	sameBase := a.addr.Kind == b.addr.Kind && a.addr.Index == b.addr.Index && a.addr.Imm == b.addr.Imm
	switch {
	case sameBase && (a.addr.Kind == lir.RegOperand || a.addr.Kind == lir.SlotOperand || a.addr.Kind == lir.SymOperand):
		return a.off+int64(a.t.Size()) <= b.off || b.off+int64(b.t.Size()) <= a.off
	case a.addr.Kind == lir.SlotOperand && b.addr.Kind == lir.SlotOperand:
		return true // different slots
	case a.addr.Kind == lir.SymOperand && b.addr.Kind == lir.SymOperand:
		return true // different globals
	case a.addr.Kind == lir.SlotOperand && b.addr.Kind == lir.SymOperand,
		a.addr.Kind == lir.SymOperand && b.addr.Kind == lir.SlotOperand:
		return true
	}
	return false
}
