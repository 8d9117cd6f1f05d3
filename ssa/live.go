package ssa

import (
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// UseDef holds, per block, the registers read before any write in the
// block (Uses, "upward exposed") and the registers written (Defs). Phi
// operands are not uses of the phi's block: they are read at the end of
// the predecessor they come from (see Liveness). Each list is sorted.
type UseDef struct {
	Uses, Defs [][]lir.Value
}

// ComputeUseDef computes UseDef for a function in cfg or ssa form.
func ComputeUseDef(f *lir.Func) *UseDef {
	ud := &UseDef{Uses: make([][]lir.Value, len(f.Blocks)), Defs: make([][]lir.Value, len(f.Blocks))}
	// Stamps instead of per-block sets keep this linear in the code size.
	used := make([]int32, len(f.Values))
	defd := make([]int32, len(f.Values))
	var rands []*lir.Operand
	for b := range f.Blocks {
		stamp := int32(b + 1)
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if _, ok := in.(*lir.Phi); !ok {
				rands = in.Operands(rands[:0])
				for _, o := range rands {
					if o.Kind == lir.RegOperand && defd[o.Index] != stamp && used[o.Index] != stamp {
						used[o.Index] = stamp
						ud.Uses[b] = append(ud.Uses[b], o.Value())
					}
				}
			}
			if d := in.Dest(); d != nil && d.Kind == lir.RegOperand && defd[d.Index] != stamp {
				defd[d.Index] = stamp
				ud.Defs[b] = append(ud.Defs[b], d.Value())
			}
		}
		sortValues(ud.Uses[b])
		sortValues(ud.Defs[b])
	}
	return ud
}

func sortValues(vs []lir.Value) {
	// Insertion sort is fine for the short lists of one block, and
	// avoids the reflection of sort.Slice in a hot path.
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && vs[j] < vs[j-1]; j-- {
			vs[j], vs[j-1] = vs[j-1], vs[j]
		}
	}
}

// Liveness holds the registers live on entry to (In) and on exit from
// (Out) each block, sorted. A register is live at a point if some path
// from there reads it before writing it. A phi operand is live out of the
// predecessor it comes from, and not live into the phi's block.
type Liveness struct {
	In, Out [][]lir.Value
}

// ComputeLiveness computes liveness by exploring paths backwards from
// each use, one register at a time (Appel's "path exploration"). The
// cost is proportional to the size of the result, not to
// blocks×registers as with bit-vector iteration.
func ComputeLiveness(f *lir.Func) *Liveness {
	ud := ComputeUseDef(f)
	n := len(f.Blocks)
	nv := len(f.Values)
	// Per register, in compressed rows: the blocks reading it upward
	// exposed, the blocks defining it, and the predecessors a phi reads
	// it from.
	var uses, defs, phiUses rows[lir.BlockID]
	uses.init(nv)
	defs.init(nv)
	phiUses.init(nv)
	for pass := range 2 {
		for b := range n {
			for _, v := range ud.Uses[b] {
				uses.add(pass, v, lir.BlockID(b))
			}
			for _, v := range ud.Defs[b] {
				defs.add(pass, v, lir.BlockID(b))
			}
			for _, id := range f.Blocks[b].Instrs {
				phi, ok := f.Instrs[id].(*lir.Phi)
				if !ok {
					break
				}
				for _, e := range phi.Edges {
					if e.Val.Kind == lir.RegOperand {
						phiUses.add(pass, e.Val.Value(), e.Pred)
					}
				}
			}
		}
		if pass == 0 {
			uses.alloc()
			defs.alloc()
			phiUses.alloc()
		}
	}
	w := &liveWalk{
		f:        f,
		lv:       &Liveness{In: make([][]lir.Value, n), Out: make([][]lir.Value, n)},
		defStamp: make([]int32, n),
		inStamp:  make([]int32, n),
		outStamp: make([]int32, n),
	}
	for v := range nv {
		w.v, w.stamp = lir.Value(v), int32(v+1)
		for _, b := range defs.row(v) {
			w.defStamp[b] = w.stamp
		}
		for _, b := range uses.row(v) {
			w.liveIn(b)
		}
		for _, p := range phiUses.row(v) {
			w.liveOut(p)
		}
		for len(w.work) > 0 {
			b := w.work[len(w.work)-1]
			w.work = w.work[:len(w.work)-1]
			for _, p := range f.Blocks[b].Preds {
				w.liveOut(p)
			}
		}
	}
	return w.lv
}

// liveWalk is the state of ComputeLiveness for the register v. Stamps
// (v+1) mark the blocks where v is defined, live in and live out, so the
// arrays need no clearing between registers.
type liveWalk struct {
	f                           *lir.Func
	lv                          *Liveness
	v                           lir.Value
	stamp                       int32
	defStamp, inStamp, outStamp []int32
	work                        []lir.BlockID
}

func (w *liveWalk) liveIn(b lir.BlockID) {
	if w.inStamp[b] != w.stamp {
		w.inStamp[b] = w.stamp
		w.lv.In[b] = append(w.lv.In[b], w.v)
		w.work = append(w.work, b)
	}
}

func (w *liveWalk) liveOut(b lir.BlockID) {
	if w.outStamp[b] != w.stamp {
		w.outStamp[b] = w.stamp
		w.lv.Out[b] = append(w.lv.Out[b], w.v)
		if w.defStamp[b] != w.stamp {
			w.liveIn(b)
		}
	}
}

// rows is a table of lists (of blocks, of instructions), one per
// register, stored in one array: a first pass counts, alloc sizes the
// array, a second pass fills it.
type rows[T any] struct {
	start []int32 // row v is data[start[v]:start[v+1]]
	fill  []int32
	data  []T
}

func (r *rows[T]) init(n int) { r.start = make([]int32, n+1) }

func (r *rows[T]) add(pass int, v lir.Value, x T) {
	if pass == 0 {
		r.start[v+1]++
		return
	}
	r.data[r.fill[v]] = x
	r.fill[v]++
}

func (r *rows[T]) alloc() {
	for i := 1; i < len(r.start); i++ {
		r.start[i] += r.start[i-1]
	}
	r.fill = append([]int32(nil), r.start[:len(r.start)-1]...)
	r.data = make([]T, r.start[len(r.start)-1])
}

func (r *rows[T]) row(v int) []T { return r.data[r.start[v]:r.start[v+1]] }

// FormatUseDef and FormatLiveness print the analyses one block per line.
func FormatUseDef(f *lir.Func, ud *UseDef) string {
	var sb strings.Builder
	for b := range f.Blocks {
		fmt.Fprintf(&sb, "%s: use [%s] def [%s]\n", f.BlockName(lir.BlockID(b)), valueList(ud.Uses[b]), valueList(ud.Defs[b]))
	}
	return sb.String()
}

func FormatLiveness(f *lir.Func, lv *Liveness) string {
	var sb strings.Builder
	for b := range f.Blocks {
		fmt.Fprintf(&sb, "%s: in [%s] out [%s]\n", f.BlockName(lir.BlockID(b)), valueList(lv.In[b]), valueList(lv.Out[b]))
	}
	return sb.String()
}

func valueList(vs []lir.Value) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprintf("%%%d", v)
	}
	return strings.Join(s, " ")
}
