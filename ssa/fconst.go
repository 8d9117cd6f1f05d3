package ssa

import "github.com/naturekit/naturekit/lir"

// FConst gives the float constants that arithmetic and compares inside
// loops read a register each, so that LICM (which runs after it) can
// take them out of the loop. Lowering loads every float constant
// operand from its read-only global (lower.ConstGlobals) right before
// the instruction that reads it — after the SSA passes, so inside the
// loop, once per use and iteration (mandelbrot's inner loop loaded 4.0
// and 2.0 on every iteration). FConst replaces each float constant
// operand of a binary instruction or compare in a loop by a register set
// by "copy C" at the top of the header of the outermost loop around it
// (after its phis; one register per constant and loop nest), which
// dominates every block of the nest; lowering turns the copy into the
// load, and LICM moves the copy to the preheader. A loop LICM cannot
// hoist from (entered from several blocks) keeps the copy in its
// header: one load per iteration instead of one per use.
// Outside loops nothing changes. The constants' registers stay live
// across the loop, which the register allocator pays for where
// registers are short (a spilled one is reloaded from its stack slot
// instead of the global).
func FConst(f *lir.Func) error {
	dom, headers, err := loopsOf(f, "fconst")
	if err != nil || len(headers) == 0 {
		return err
	}
	// The outermost loop of each block: headers come innermost first.
	loop := make([]lir.BlockID, len(f.Blocks))
	for b := range loop {
		loop[b] = -1
	}
	inLoop := make([]bool, len(f.Blocks))
	for _, h := range headers {
		for _, b := range naturalLoop(f, dom, h, inLoop) {
			loop[b] = h
			inLoop[b] = false
		}
	}
	type key struct {
		h   lir.BlockID
		t   lir.Type
		imm int64
	}
	regs := map[key]lir.Operand{}
	added := map[lir.BlockID][]lir.InstrID{}
	var rands []*lir.Operand
	for b := range f.Blocks {
		h := loop[b]
		if h < 0 {
			continue
		}
		for _, id := range f.Blocks[b].Instrs {
			switch f.Instrs[id].(type) {
			case *lir.Binary, *lir.Compare:
			default:
				continue
			}
			rands = f.Instrs[id].Operands(rands[:0])
			for _, o := range rands {
				if o.Kind != lir.FloatOperand {
					continue
				}
				k := key{h, o.Type, o.Imm}
				r, ok := regs[k]
				if !ok {
					r = f.Reg(f.NewValue(o.Type))
					regs[k] = r
					added[h] = append(added[h], f.NewInstr(&lir.Unary{Opcode: lir.OpCopy, Dst: r, X: *o}))
				}
				*o = r
			}
		}
	}
	for _, h := range headers {
		ids := added[h]
		if len(ids) == 0 {
			continue
		}
		old := f.Blocks[h].Instrs
		n := 0
		for n < len(old) {
			if _, ok := f.Instrs[old[n]].(*lir.Phi); !ok {
				break
			}
			n++
		}
		code := make([]lir.InstrID, 0, len(old)+len(ids))
		code = append(code, old[:n]...)
		code = append(code, ids...)
		f.Blocks[h].Instrs = append(code, old[n:]...)
	}
	return nil
}

// loopsOf checks that f is in SSA form for pass and returns its
// dominator tree and its loop headers, innermost first.
func loopsOf(f *lir.Func, pass string) (*lir.DomTree, []lir.BlockID, error) {
	if err := needSSA(f, pass); err != nil {
		return nil, nil, err
	}
	dom := lir.Dominators(f)
	return dom, loopHeaders(f, dom), nil
}
