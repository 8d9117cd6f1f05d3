package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lir"
)

// Indexed memory operands. An addr directly followed by the load or
// store that reads it as its address, whose register nothing reads
// afterwards, is not emitted: the access takes its memory operand,
// [base+index*scale+off], instead of a lea into the register and an
// access through it (ssa.Sink puts such addrs before their access).
// "Nothing reads afterwards" is a liveness question on the allocated
// registers: the rest of the block, then the registers live out of it
// (physLiveOut).

// A fusedAddr is the memory operand of an addr left out.
type fusedAddr struct {
	reg          int // 1 + the addr's register; 0: none
	base, index  amd64.Reg
	scale        uint8
	off          int64
	liveComputed bool
	liveOut      []uint64 // per block: the registers live at its end (bit n: register n)
}

// fuseAddr reports whether the addr in is left out, its operand kept for
// the access that follows.
func (e *emitter) fuseAddr(in *lir.Addr) bool {
	fol := e.Following()
	if len(fol) == 0 || in.Dst.Kind != lir.PhysOperand {
		return false
	}
	d := int(in.Dst.Index)
	overwritten := false
	switch next := e.F.Instrs[fol[0]].(type) {
	case *lir.Load:
		if !isPhys(next.Addr, d) {
			return false
		}
		overwritten = isPhys(next.Dst, d)
	case *lir.Store:
		if !isPhys(next.Addr, d) || isPhys(next.Val, d) {
			return false
		}
	default:
		return false
	}
	fa := fusedAddr{reg: d + 1, off: in.Off, index: amd64.NoReg, scale: uint8(in.Scale)}
	switch in.Base.Kind {
	case lir.PhysOperand:
		fa.base = e.reg(in.Base, lir.I64)
	case lir.SlotOperand:
		fa.base, fa.off = amd64.RBP, fa.off+e.slotOff[in.Base.Index]
	default:
		return false
	}
	switch {
	case in.Index.Kind == lir.IntOperand:
		v, _ := immediate(in.Index, in.Index.Type)
		if !fitsInt32(v) || !fitsInt32(in.Scale) {
			return false
		}
		fa.off += v * in.Scale
	case in.Index.Kind == lir.PhysOperand && in.Index.Type.Size() == 8 &&
		(in.Scale == 1 || in.Scale == 2 || in.Scale == 4 || in.Scale == 8):
		fa.index = e.reg(in.Index, lir.I64)
	default:
		return false
	}
	if !fitsInt32(fa.off) || !overwritten && !e.deadAfter(d, fol[1:]) {
		return false
	}
	fa.liveComputed, fa.liveOut = e.fused.liveComputed, e.fused.liveOut
	e.fused = fa
	return true
}

// fusedMem returns the memory operand of a left-out addr whose register
// addr is, displaced by off.
func (e *emitter) fusedMem(size int, addr lir.Operand, off int64) (amd64.Mem, bool) {
	fa := &e.fused
	if fa.reg == 0 || !isPhys(addr, fa.reg-1) || !fitsInt32(fa.off+off) {
		return amd64.Mem{}, false
	}
	if fa.index == amd64.NoReg {
		return amd64.Ptr(size, fa.base, fa.off+off), true
	}
	return amd64.PtrIndex(size, fa.base, fa.index, fa.scale, fa.off+off), true
}

// deadAfter reports whether register r is written before it is read in
// rest, the end of the current block, or, if rest neither reads nor
// writes it, whether it is dead at the block's end.
func (e *emitter) deadAfter(r int, rest []lir.InstrID) bool {
	var rands []*lir.Operand
	for _, id := range rest {
		in := e.F.Instrs[id]
		rands = in.Operands(rands[:0])
		for _, o := range rands {
			if isPhys(*o, r) {
				return false
			}
		}
		if d := in.Dest(); d != nil && isPhys(*d, r) {
			return true
		}
	}
	if !e.fused.liveComputed {
		e.fused.liveOut, e.fused.liveComputed = physLiveOut(e.F), true
	}
	return e.fused.liveOut[e.Block]&(1<<r) == 0
}

// physLiveOut computes, per block of an allocated function, the
// registers live at its end: read on some path before being written.
// Only the operands count, so a register a call clobbers stays live
// across it: an over-approximation, which is what deadAfter needs.
func physLiveOut(f *lir.Func) []uint64 {
	n := len(f.Blocks)
	use, def := make([]uint64, n), make([]uint64, n)
	var rands []*lir.Operand
	bit := func(o lir.Operand) uint64 {
		if o.Kind != lir.PhysOperand || o.Index >= 64 {
			return 0
		}
		return 1 << o.Index
	}
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			rands = in.Operands(rands[:0])
			for _, o := range rands {
				use[b] |= bit(*o) &^ def[b]
			}
			if d := in.Dest(); d != nil {
				def[b] |= bit(*d)
			}
		}
	}
	in, out := make([]uint64, n), make([]uint64, n)
	for changed := true; changed; {
		changed = false
		for b := n - 1; b >= 0; b-- {
			var o uint64
			if ids := f.Blocks[b].Instrs; len(ids) > 0 {
				for _, s := range lir.Successors(f.Instrs[ids[len(ids)-1]], nil) {
					o |= in[s]
				}
			}
			i := use[b] | o&^def[b]
			if o != out[b] || i != in[b] {
				out[b], in[b], changed = o, i, true
			}
		}
	}
	return out
}
