package gofront

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
)

// instr translates one SSA instruction.
func (x *fnc) instr(in ssa.Instruction) {
	switch in := in.(type) {
	case *ssa.DebugRef:
	case *ssa.Phi:
		// Assigned on the incoming edges (see edge).
	case *ssa.Alloc:
		x.alloc(in)
	case *ssa.BinOp:
		x.vals[in] = x.binop(in)
	case *ssa.UnOp:
		x.vals[in] = x.unop(in)
	case *ssa.Convert:
		x.vals[in] = x.convert(in)
	case *ssa.ChangeType:
		x.vals[in] = x.value(in.X)
	case *ssa.SliceToArrayPointer:
		x.vals[in] = x.sliceToArrayPointer(in)
	case *ssa.FieldAddr:
		st := in.X.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Struct)
		x.vals[in] = []lir.Operand{x.offset(x.scalar(in.X), x.c.layout.fieldOffset(st, in.Field))}
	case *ssa.Field:
		st := in.X.Type().Underlying().(*types.Struct)
		x.vals[in] = x.load(in.Type(), x.scalar(in.X), x.c.layout.fieldOffset(st, in.Field))
	case *ssa.IndexAddr:
		x.vals[in] = []lir.Operand{x.indexAddr(in.X, in.Index)}
	case *ssa.Index:
		x.vals[in] = x.load(in.Type(), x.indexAddr(in.X, in.Index), 0)
	case *ssa.Lookup:
		if isString(in.X.Type()) {
			x.vals[in] = x.load(in.Type(), x.indexAddr(in.X, in.Index), 0)
			return
		}
		x.errorf(in.Pos(), "maps are not allowed in the runtime (map index)")
		x.vals[in] = x.dummy(in.Type())
	case *ssa.Slice:
		x.vals[in] = x.slice(in)
	case *ssa.Extract:
		x.vals[in] = x.extract(in)
	case *ssa.Call:
		x.vals[in] = x.call(in.Common(), in.Type(), in.Pos())
	case *ssa.Store:
		x.storeInstr(in)
	case *ssa.If:
		x.ifInstr(in)
	case *ssa.Jump:
		x.edge(in.Block(), in.Block().Succs[0], 0)
		x.b.Jump(x.labels[in.Block().Succs[0]])
	case *ssa.Return:
		x.ret(in)
	case *ssa.Panic:
		x.errorf(in.Pos(), "panic is not allowed in the runtime (call sys.Abort)")
		x.b.Unreachable()
	default:
		x.reject(in)
	}
}

// reject reports an instruction that needs the Go runtime.
func (x *fnc) reject(in ssa.Instruction) {
	pos := in.Pos()
	switch in := in.(type) {
	case *ssa.Go:
		x.errorf(pos, "go statement is not allowed in the runtime (no goroutines)")
	case *ssa.Defer:
		x.errorf(pos, "defer is not allowed in the runtime (no panics or deferred calls)")
	case *ssa.RunDefers:
		// Reported at the defer statement.
	case *ssa.Select:
		x.errorf(pos, "select is not allowed in the runtime (channels)")
	case *ssa.Send:
		x.errorf(pos, "channel send is not allowed in the runtime (channels)")
	case *ssa.MakeChan:
		x.errorf(pos, "channels are not allowed in the runtime (make(%s))", x.typ(in.Type()))
	case *ssa.MakeMap:
		x.errorf(pos, "maps are not allowed in the runtime (%s)", x.typ(in.Type()))
	case *ssa.MapUpdate:
		x.errorf(pos, "maps are not allowed in the runtime (map assignment)")
	case *ssa.MakeSlice:
		x.errorf(pos, "heap allocation is not allowed in the runtime (make(%s) with a variable length)", x.typ(in.Type()))
	case *ssa.MakeInterface:
		if onlyPanics(in) {
			break // reported at the panic
		}
		x.errorf(pos, "interfaces are not allowed in the runtime (conversion of %s to %s)", x.typ(in.X.Type()), x.typ(in.Type()))
	case *ssa.ChangeInterface, *ssa.TypeAssert:
		x.errorf(pos, "interfaces are not allowed in the runtime (type assertion)")
	case *ssa.MakeClosure:
		x.errorf(pos, "closures are not allowed in the runtime (function literal)")
	case *ssa.Range:
		// Reported at Next, which has the position.
	case *ssa.Next:
		if in.IsString {
			x.errorf(pos, "range over a string is not allowed in the runtime (it decodes UTF-8; index the bytes)")
		} else {
			x.errorf(pos, "maps are not allowed in the runtime (range over a map)")
		}
	case *ssa.MultiConvert:
		x.errorf(pos, "generic conversion is not allowed in the runtime (generics)")
	default:
		x.errorf(pos, "%T is not allowed in the runtime (unsupported instruction)", in)
	}
	if v, ok := in.(ssa.Value); ok {
		x.vals[v] = x.dummy(v.Type())
	}
}

// alloc gives a local variable (or a new(T), composite literal or
// constant-length make that does not escape) a zeroed stack slot.
func (x *fnc) alloc(a *ssa.Alloc) {
	t := a.Type().Underlying().(*types.Pointer).Elem()
	if x.escapes[a] {
		what := a.Comment + " escapes"
		switch a.Comment {
		case "new":
			what = "new(" + x.typ(t) + ") escapes"
		case "complit":
			what = "&" + x.typ(t) + "{...} escapes"
		case "slicelit":
			what = "slice literal escapes"
		case "makeslice":
			what = "make([]T, n) escapes"
		case "varargs":
			what = "variadic arguments escape"
		}
		x.errorf(a.Pos(), "heap allocation is not allowed in the runtime (%s)", what)
	}
	s, ok := x.vals[a]
	if !ok {
		s = []lir.Operand{x.slot(t)}
		x.vals[a] = s
	}
	x.zeroMem(s[0], 0, x.c.layout.size(t))
}

// typ writes t for messages: names of the function's own package
// unqualified, others with their package name.
func (x *fnc) typ(t types.Type) string { return typeString(x.fn.Pkg.Pkg, t) }

// typeString writes t as seen from package pkg.
func typeString(pkg *types.Package, t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	})
}

// onlyPanics reports whether v is used only by panic instructions.
func onlyPanics(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.Panic); !ok {
			return false
		}
	}
	return true
}

// offset returns p+off.
func (x *fnc) offset(p lir.Operand, off int64) lir.Operand {
	if off == 0 {
		return p
	}
	p, off = x.fold(p, off)
	a := x.b.Addr(p, lir.Int(lir.I64, 0), 1, off)
	x.addrs[lir.Value(a.Index)] = baseOff{p, off}
	return a
}

// baseOff is an address computed by offset: base + off.
type baseOff struct {
	base lir.Operand
	off  int64
}

// fold returns the base and offset a load or store at p+off can use
// directly when p was computed by offset (field addresses), so that
// the back end sees one memory operand instead of an address
// computation and a load. The base is an SSA value's register (or a
// slot or symbol), so it still holds the same value wherever the
// address is used.
func (x *fnc) fold(p lir.Operand, off int64) (lir.Operand, int64) {
	if p.Kind == lir.RegOperand {
		if a, ok := x.addrs[lir.Value(p.Index)]; ok {
			return a.base, a.off + off
		}
	}
	return p, off
}

// toI64 widens an integer operand of Go type t to i64.
func (x *fnc) toI64(o lir.Operand, t types.Type) lir.Operand {
	if o.Type == lir.I64 {
		return o
	}
	if o.Kind == lir.IntOperand {
		if isSigned(t) {
			return lir.Int(lir.I64, o.Imm)
		}
		return lir.Int(lir.I64, int64(uint64(o.Imm)&(1<<(8*o.Type.Size())-1)))
	}
	if o.Type == lir.Ptr {
		return x.b.Convert(lir.OpBitcast, lir.I64, o)
	}
	if isSigned(t) {
		return x.b.Convert(lir.OpSExt, lir.I64, o)
	}
	return x.b.Convert(lir.OpZExt, lir.I64, o)
}

// seqInfo returns the data pointer, length and element type of an
// indexable value: a slice, a string, an array value or a pointer to an
// array.
func (x *fnc) seqInfo(v ssa.Value) (base, length lir.Operand, elem types.Type) {
	ops := x.value(v)
	switch t := v.Type().Underlying().(type) {
	case *types.Slice:
		return ops[0], ops[1], t.Elem()
	case *types.Basic:
		return ops[0], ops[1], types.Typ[types.Byte]
	case *types.Array:
		return ops[0], lir.Int(lir.I64, t.Len()), t.Elem()
	case *types.Pointer:
		a := t.Elem().Underlying().(*types.Array)
		return ops[0], lir.Int(lir.I64, a.Len()), a.Elem()
	}
	x.errorf(0, "indexing %s is not allowed in the runtime (unsupported)", x.typ(v.Type()))
	return lir.Int(lir.Ptr, 0), lir.Int(lir.I64, 0), types.Typ[types.Byte]
}

// indexAddr returns the address of element idx of seq, checking the
// index against the length.
func (x *fnc) indexAddr(seq, idx ssa.Value) lir.Operand {
	base, length, elem := x.seqInfo(seq)
	i := x.toI64(x.scalar(idx), idx.Type())
	if !(i.Kind == lir.IntOperand && length.Kind == lir.IntOperand && uint64(i.Imm) < uint64(length.Imm)) && !x.indexInRange(seq, idx) {
		x.check(x.b.Compare(lir.OpULt, i, length), "index out of range")
	}
	return x.b.Addr(base, i, x.c.layout.size(elem), 0)
}

// slice translates s[lo:hi:max] of a slice, string or array pointer.
func (x *fnc) slice(s *ssa.Slice) []lir.Operand {
	base, length, elem := x.seqInfo(s.X)
	capacity := length
	if _, ok := s.X.Type().Underlying().(*types.Slice); ok {
		capacity = x.value(s.X)[2]
	}
	bound := func(v ssa.Value, def lir.Operand) lir.Operand {
		if v == nil {
			return def
		}
		return x.toI64(x.scalar(v), v.Type())
	}
	lo := bound(s.Low, lir.Int(lir.I64, 0))
	hi := bound(s.High, length)
	mx := bound(s.Max, capacity)
	if s.High != nil && s.Max == nil {
		x.check(x.b.Compare(lir.OpULe, hi, capacity), "slice bounds out of range")
	}
	if s.Max != nil {
		x.check(x.b.Compare(lir.OpULe, mx, capacity), "slice bounds out of range")
		x.check(x.b.Compare(lir.OpULe, hi, mx), "slice bounds out of range")
	}
	if s.Low != nil {
		x.check(x.b.Compare(lir.OpULe, lo, hi), "slice bounds out of range")
	}
	p := base
	if s.Low != nil {
		p = x.b.Addr(base, lo, x.c.layout.size(elem), 0)
	}
	n := x.b.Binary(lir.OpSub, hi, lo)
	if isString(s.Type()) {
		return []lir.Operand{p, n}
	}
	return []lir.Operand{p, n, x.b.Binary(lir.OpSub, mx, lo)}
}

func (x *fnc) sliceToArrayPointer(in *ssa.SliceToArrayPointer) []lir.Operand {
	ops := x.value(in.X)
	n := in.Type().Underlying().(*types.Pointer).Elem().Underlying().(*types.Array).Len()
	x.check(x.b.Compare(lir.OpULe, lir.Int(lir.I64, n), ops[1]), "slice to array pointer conversion out of range")
	return []lir.Operand{ops[0]}
}

// extract picks component Index of a tuple.
func (x *fnc) extract(e *ssa.Extract) []lir.Operand {
	ops := x.value(e.Tuple)
	tu := e.Tuple.Type().(*types.Tuple)
	k := 0
	for i := 0; i < e.Index; i++ {
		k += len(regTypes(tu.At(i).Type()))
	}
	return ops[k : k+len(regTypes(e.Type()))]
}

func (x *fnc) storeInstr(s *ssa.Store) {
	t := s.Val.Type()
	addr := x.scalar(s.Addr)
	if _, ok := s.Val.(*ssa.Const); ok {
		if sh, _ := shapeOf(t); sh == shapeMem {
			x.zeroMem(addr, 0, x.c.layout.size(t)) // a zero struct or array
			return
		}
	}
	x.store(t, x.value(s.Val), addr, 0)
}

func (x *fnc) ifInstr(in *ssa.If) {
	bb := in.Block()
	cond := x.scalar(in.Cond)
	then, els := x.labels[bb.Succs[0]], x.labels[bb.Succs[1]]
	var pending []func()
	for i, succ := range bb.Succs {
		if !hasPhis(succ) {
			continue
		}
		e := x.label("edge")
		if i == 0 {
			then = e
		} else {
			els = e
		}
		i, succ := i, succ
		pending = append(pending, func() {
			x.b.Label(e)
			x.edge(bb, succ, i)
			x.b.Jump(x.labels[succ])
		})
	}
	x.b.Branch(cond, then, els)
	for _, p := range pending {
		p()
	}
}

func hasPhis(bb *ssa.BasicBlock) bool {
	if len(bb.Instrs) == 0 {
		return false
	}
	_, ok := bb.Instrs[0].(*ssa.Phi)
	return ok
}

// edge assigns the phis of succ their values for the edge from pred,
// which is pred's successor number k. A phi that reads another phi of
// the same block is read before any is written.
func (x *fnc) edge(pred, succ *ssa.BasicBlock, k int) {
	idx := predIndex(pred, succ, k)
	if idx < 0 {
		return
	}
	type move struct {
		phi *ssa.Phi
		src []lir.Operand
	}
	var moves []move
	for _, in := range succ.Instrs {
		phi, ok := in.(*ssa.Phi)
		if !ok {
			break
		}
		src := phi.Edges[idx]
		ops := x.value(src)
		if p, ok := src.(*ssa.Phi); ok && p.Block() == succ && p != phi {
			snap := x.fresh(p.Type())
			x.assign(p.Type(), snap, ops)
			ops = snap
		}
		moves = append(moves, move{phi, ops})
	}
	for _, m := range moves {
		x.assign(m.phi.Type(), x.vals[m.phi], m.src)
	}
}

// predIndex finds the index of the edge pred->succ (pred's successor k)
// in succ's predecessors.
func predIndex(pred, succ *ssa.BasicBlock, k int) int {
	// When pred reaches succ by both of its edges, pred appears twice.
	nth := 0
	for i := 0; i < k; i++ {
		if pred.Succs[i] == succ {
			nth++
		}
	}
	for i, p := range succ.Preds {
		if p == pred {
			if nth == 0 {
				return i
			}
			nth--
		}
	}
	return -1
}

// assign copies value src into the registers (or slot) dst.
func (x *fnc) assign(t types.Type, dst, src []lir.Operand) {
	if sh, _ := shapeOf(t); sh == shapeMem {
		if dst[0] != src[0] {
			x.copyMem(dst[0], 0, src[0], 0, x.c.layout.size(t))
		}
		return
	}
	for i := range dst {
		x.b.Assign(dst[i].Value(), src[i])
	}
}

func (x *fnc) ret(r *ssa.Return) {
	res := x.fn.Signature.Results()
	if x.sret.Kind != lir.NoOperand {
		offs, _, _ := x.c.layout.tupleOffsets(res)
		for i, v := range r.Results {
			x.store(res.At(i).Type(), x.value(v), x.sret, offs[i])
		}
		x.b.Return(lir.Operand{})
		return
	}
	if len(r.Results) == 0 {
		x.b.Return(lir.Operand{})
		return
	}
	x.b.Return(x.scalar(r.Results[0]))
}
