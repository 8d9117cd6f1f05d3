package ssa

import "github.com/naturekit/naturekit/lir"

// DCE removes instructions whose results nothing needs. An instruction is
// needed if it has an effect (stores, calls, possibly-trapping divisions,
// terminators; see lir.HasSideEffects) or if a needed instruction reads
// its result. Because the needed set grows from the effects rather than
// shrinking from unused results, dead cycles of phis, such as a loop
// counter nothing reads, go too.
//
// The needed set is found in one backward sweep over the code (last block
// to first, last instruction to first). Front ends lay blocks out so that
// nearly every use comes after its definition, so the sweep sees the use
// first and decides on the spot. The values whose use the sweep meets
// after passing their definition (around a loop's back edge, or in an
// unusual layout) go on a worklist processed at the end; the result does
// not depend on the layout, only the speed does. Reading
// the code in order, rather than chasing definitions, keeps the pass
// fast on functions too large for the cache.
func DCE(f *lir.Func) error {
	if err := needSSA(f, "dce"); err != nil {
		return err
	}
	d := &deadCode{
		f:    f,
		used: make([]bool, len(f.Values)),
		live: make([]bool, len(f.Instrs)),
		def:  make([]int32, len(f.Values)),
	}
	for b := len(f.Blocks) - 1; b >= 0; b-- {
		ids := f.Blocks[b].Instrs
		for j := len(ids) - 1; j >= 0; j-- {
			d.visit(ids[j])
		}
	}
	for len(d.work) > 0 {
		id := d.work[len(d.work)-1]
		d.work = d.work[:len(d.work)-1]
		if !d.live[id] {
			d.markLive(id)
		}
	}
	for b := range f.Blocks {
		ids := f.Blocks[b].Instrs
		kept := ids[:0]
		for _, id := range ids {
			if d.live[id] {
				kept = append(kept, id)
			}
		}
		f.Blocks[b].Instrs = kept
	}
	return nil
}

type deadCode struct {
	f     *lir.Func
	used  []bool        // per register: a needed instruction reads it
	live  []bool        // per instruction: needed
	def   []int32       // per register: 1 + its defining instruction, once the sweep has passed it
	work  []lir.InstrID // definitions found needed after the sweep passed them
	rands []*lir.Operand
}

func (d *deadCode) visit(id lir.InstrID) {
	in := d.f.Instrs[id]
	dst := in.Dest()
	isReg := dst != nil && dst.Kind == lir.RegOperand
	if isReg {
		d.def[dst.Index] = int32(id) + 1
	}
	if isReg && d.used[dst.Index] || lir.HasSideEffects(in) {
		d.markLive(id)
	}
}

func (d *deadCode) markLive(id lir.InstrID) {
	d.live[id] = true
	d.rands = d.f.Instrs[id].Operands(d.rands[:0])
	for _, o := range d.rands {
		if o.Kind != lir.RegOperand || d.used[o.Index] {
			continue
		}
		d.used[o.Index] = true
		if def := d.def[o.Index]; def > 0 && !d.live[def-1] {
			d.work = append(d.work, lir.InstrID(def-1))
		}
	}
}
