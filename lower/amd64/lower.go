package amd64

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// ConstPrefix starts the names of the read-only globals that hold float
// constants: Lower refers to "nk.f64.<bits in hex>" and
// "nk.f32.<bits in hex>", and ConstGlobals defines them. User symbols
// must not use the prefix.
const ConstPrefix = "nk.f"

// lowerer holds the state of lowering one function.
type lowerer struct {
	f   *lir.Func
	out []lir.InstrID // the block being rebuilt
	pos lir.Pos       // source position of the instruction being lowered
}

// Lower rewrites f, a function in SSA form, into LIR that amd64 can
// execute once registers are allocated. Every machine constraint becomes
// a physical-register operand, so that the allocator sees the real live
// ranges:
//
//   - parameters are copied from their argument registers at the top of
//     the entry block ("%5:i64 = copy $7" for rdi), or loaded from the
//     caller's frame ("%9:i64 = load [@nk.inarg.0]", see argArea);
//   - call arguments are copied into argument registers just before the
//     call, and stack arguments stored at the bottom of the frame
//     ("store.i64 %3, [@nk.outarg.8]"); the call then lists only
//     its register arguments, and its result arrives in $0 (rax) or $16
//     (xmm0) and is copied out;
//   - a returned value is copied into $0 or $16;
//   - division and remainder take the dividend in rax and leave the
//     quotient in rax, the remainder in rdx (Target's Clobbers reports
//     the other one destroyed);
//   - a shift by a variable count reads the count from rcx, masked to
//     the width first for i8 and i16 (x86 masks counts to 5 bits);
//   - float constants are loaded from read-only globals (ConstGlobals),
//     and 64-bit integer constants that do not fit a sign-extended
//     32-bit immediate are copied to a register first;
//   - a compare whose result a branch tests is placed right before the
//     branch, with a result used by nothing else, so that emission can
//     turn the pair into cmp and jcc.
func Lower(f *lir.Func) error {
	if f.Form != lir.SSA {
		return fmt.Errorf("lower: @%s is in %s form, not ssa", f.Name, f.Form)
	}
	l := &lowerer{f: f}
	for b := range f.Blocks {
		l.block(lir.BlockID(b))
	}
	l.params()
	l.phiConstants()
	l.fuseCompares()
	return nil
}

// emit appends a new instruction to the block being rebuilt.
// It inherits the source position of the instruction being lowered.
func (l *lowerer) emit(in lir.Instr) {
	id := l.f.NewInstr(in)
	l.f.SetInstrPos(id, l.pos)
	l.out = append(l.out, id)
}

// temp returns a fresh virtual register of type t.
func (l *lowerer) temp(t lir.Type) lir.Operand { return l.f.Reg(l.f.NewValue(t)) }

// block rebuilds the instruction list of block b.
func (l *lowerer) block(b lir.BlockID) {
	l.out = nil
	for _, id := range l.f.Blocks[b].Instrs {
		l.pos = l.f.InstrPos(id)
		l.instr(id)
	}
	l.pos = lir.Pos{}
	l.f.Blocks[b].Instrs = l.out
}

func (l *lowerer) instr(id lir.InstrID) {
	switch in := l.f.Instrs[id].(type) {
	case *lir.Binary:
		l.binary(in)
		return
	case *lir.Unary:
		if in.Opcode == lir.OpCopy && in.X.Kind == lir.FloatOperand {
			l.emit(&lir.Load{Dst: in.Dst, Addr: l.constAddr(in.X)})
			return
		}
		if in.Opcode != lir.OpCopy {
			l.legal(&in.X)
		}
	case *lir.Compare:
		l.legal(&in.X)
		l.legal(&in.Y)
	case *lir.Convert:
		l.legal(&in.X)
	case *lir.Store:
		l.legal(&in.Val)
	case *lir.Call:
		l.call(in)
		return
	case *lir.Return:
		if in.Val.Kind != lir.NoOperand {
			r := lir.Phys(resultReg(in.Val.Type), in.Val.Type)
			l.moveTo(r, in.Val)
			in.Val = r
		}
	}
	l.out = append(l.out, id)
}

// legal replaces a constant operand that no amd64 instruction can take
// as an immediate by a register holding it.
func (l *lowerer) legal(o *lir.Operand) {
	switch {
	case o.Kind == lir.FloatOperand:
		t := l.temp(o.Type)
		l.emit(&lir.Load{Dst: t, Addr: l.constAddr(*o)})
		*o = t
	case o.Kind == lir.IntOperand && o.Type.Size() == 8 && !fitsInt32(o.Imm):
		t := l.temp(o.Type)
		l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: t, X: *o})
		*o = t
	}
}

// moveTo sets register dst to o, loading float constants from memory.
func (l *lowerer) moveTo(dst, o lir.Operand) {
	if o.Kind == lir.FloatOperand {
		l.emit(&lir.Load{Dst: dst, Addr: l.constAddr(o)})
		return
	}
	l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: o})
}

func fitsInt32(v int64) bool { return v == int64(int32(v)) }

// constAddr returns the address of the read-only global holding float
// constant o.
func (l *lowerer) constAddr(o lir.Operand) lir.Operand {
	return lir.SymAddr(l.f.Sym(constName(o)))
}

// constName names the global holding float constant o after its bits,
// so that equal constants share one global.
func constName(o lir.Operand) string {
	if o.Type == lir.F32 {
		return fmt.Sprintf("%s32.%08x", ConstPrefix, math.Float32bits(float32(o.FloatValue())))
	}
	return fmt.Sprintf("%s64.%016x", ConstPrefix, uint64(o.Imm))
}

// binary lowers division, remainder and variable shifts to their fixed
// registers and legalises the operands of everything else.
func (l *lowerer) binary(in *lir.Binary) {
	t := in.Dst.Type
	switch in.Opcode {
	case lir.OpSDiv, lir.OpUDiv, lir.OpSRem, lir.OpURem:
		rax := lir.Phys(RAX, t)
		l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: rax, X: in.X})
		res := rax
		if in.Opcode == lir.OpSRem || in.Opcode == lir.OpURem {
			res = lir.Phys(RDX, t)
		}
		l.emit(&lir.Binary{Opcode: in.Opcode, Dst: res, X: rax, Y: in.Y})
		l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: in.Dst, X: res})
		return
	case lir.OpShl, lir.OpLShr, lir.OpAShr:
		if in.Y.Kind == lir.IntOperand {
			break
		}
		count := in.Y
		if t.Size() < 4 {
			masked := l.temp(t)
			l.emit(&lir.Binary{Opcode: lir.OpAnd, Dst: masked, X: count, Y: lir.Int(t, int64(t.Size()*8-1))})
			count = masked
		}
		rcx := lir.Phys(RCX, t)
		l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: rcx, X: count})
		in.Y = rcx
	default:
		l.legal(&in.Y)
	}
	if in.X.Kind == lir.FloatOperand {
		l.legal(&in.X)
	}
	l.emit(in)
}

// call copies the arguments into their registers and stack words and
// the result out of its register.
func (l *lowerer) call(in *lir.Call) {
	types := make([]lir.Type, len(in.Args))
	for i, a := range in.Args {
		types[i] = a.Type
	}
	locs := classify(types)
	for i, a := range in.Args {
		if locs[i].Reg < 0 {
			l.legal(&a)
			l.emit(&lir.Store{Val: a, Addr: lir.SymAddr(l.f.Sym(argSym(outArgPrefix, locs[i].Stack)))})
		}
	}
	var regArgs []lir.Operand
	for i, a := range in.Args {
		if locs[i].Reg >= 0 {
			r := lir.Phys(locs[i].Reg, a.Type)
			l.moveTo(r, a)
			regArgs = append(regArgs, r)
		}
	}
	in.Args = regArgs
	if in.Dst.Kind == lir.NoOperand {
		l.emit(in)
		return
	}
	dst := in.Dst
	in.Dst = lir.Phys(resultReg(dst.Type), dst.Type)
	l.emit(in)
	l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: in.Dst})
}

// params puts a definition of each parameter at the top of the entry
// block, from its argument register or stack word, and makes the code
// use it. The parameters themselves stay in Func.Params, unused, so the
// function keeps its signature.
func (l *lowerer) params() {
	f := l.f
	types := make([]lir.Type, len(f.Params))
	for i, p := range f.Params {
		types[i] = f.Values[p].Type
	}
	locs := classify(types)
	l.out = nil
	sub := make(map[lir.Value]lir.Operand, len(f.Params))
	for i, p := range f.Params {
		t := types[i]
		v := l.temp(t)
		sub[p] = v
		if locs[i].Reg >= 0 {
			l.emit(&lir.Unary{Opcode: lir.OpCopy, Dst: v, X: lir.Phys(locs[i].Reg, t)})
		} else {
			l.emit(&lir.Load{Dst: v, Addr: lir.SymAddr(f.Sym(argSym(inArgPrefix, locs[i].Stack)))})
		}
	}
	var rands []*lir.Operand
	for _, id := range f.Code() {
		rands = f.Instrs[id].Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == lir.RegOperand {
				if o, ok := sub[r.Value()]; ok {
					*r = o
				}
			}
		}
	}
	f.Blocks[0].Instrs = append(l.out, f.Blocks[0].Instrs...)
}

// phiConstants loads the float constants phis take at the end of the
// predecessor the value comes from.
func (l *lowerer) phiConstants() {
	f := l.f
	for b := range f.Blocks {
		for _, id := range f.Blocks[b].Instrs {
			phi, ok := f.Instrs[id].(*lir.Phi)
			if !ok {
				break
			}
			for k, e := range phi.Edges {
				if e.Val.Kind != lir.FloatOperand {
					continue
				}
				l.out = nil
				t := l.temp(e.Val.Type)
				l.emit(&lir.Load{Dst: t, Addr: l.constAddr(e.Val)})
				l.insertBeforeTerminator(e.Pred, l.out)
				phi.Edges[k].Val = t
			}
		}
	}
}

// insertBeforeTerminator adds ids to the end of block b, ahead of its
// terminator.
func (l *lowerer) insertBeforeTerminator(b lir.BlockID, ids []lir.InstrID) {
	ins := l.f.Blocks[b].Instrs
	n := len(ins) - 1
	out := make([]lir.InstrID, 0, len(ins)+len(ids))
	out = append(out, ins[:n]...)
	out = append(out, ids...)
	l.f.Blocks[b].Instrs = append(out, ins[n])
}

// fuseCompares places, before every branch on the result of a compare of
// the same block, a compare whose result only the branch reads: the
// compare itself if the branch is its only reader, else a copy. A branch
// on a copy of a compare's result gets a copy of the compare too:
// register allocation may give the copy the compare's register, and the
// emitter must not fuse that compare, whose result is read elsewhere.
func (l *lowerer) fuseCompares() {
	f := l.f
	uses := make([]int32, len(f.Values))
	var rands []*lir.Operand
	for _, id := range f.Code() {
		rands = f.Instrs[id].Operands(rands[:0])
		for _, r := range rands {
			if r.Kind == lir.RegOperand {
				uses[r.Index]++
			}
		}
	}
	for b := range f.Blocks {
		ins := f.Blocks[b].Instrs
		if len(ins) < 2 {
			continue
		}
		br, ok := f.Instrs[ins[len(ins)-1]].(*lir.Branch)
		if !ok || br.Cond.Kind != lir.RegOperand {
			continue
		}
		cond := br.Cond
		for k := len(ins) - 2; k >= 0; k-- {
			if u, ok := f.Instrs[ins[k]].(*lir.Unary); ok && u.Opcode == lir.OpCopy && u.Dst == cond && u.X.Kind == lir.RegOperand {
				cond = u.X
				continue
			}
			c, ok := f.Instrs[ins[k]].(*lir.Compare)
			if !ok || c.Dst != cond {
				continue
			}
			if cond == br.Cond && uses[br.Cond.Index] == 1 {
				moved := ins[k]
				ins = append(ins[:k], ins[k+1:]...)
				ins = append(ins[:len(ins)-1], moved, ins[len(ins)-1])
			} else {
				dup := *c
				dup.Dst = l.temp(c.Dst.Type)
				br.Cond = dup.Dst
				id := f.NewInstr(&dup)
				term := ins[len(ins)-1]
				ins = append(ins[:len(ins)-1], id, term)
			}
			f.Blocks[b].Instrs = ins
			break
		}
	}
}

// ConstGlobals returns the read-only globals holding the float constants
// that functions lowered by Lower refer to and that m does not define
// yet, in order of name.
func ConstGlobals(m *lir.Module, funcs []*lir.Func) []*lir.Global {
	have := map[string]bool{}
	for _, g := range m.Globals {
		have[g.Name] = true
	}
	var names []string
	for _, f := range funcs {
		for _, s := range f.Syms {
			if strings.HasPrefix(s, ConstPrefix) && !have[s] {
				have[s] = true
				names = append(names, s)
			}
		}
	}
	slices.Sort(names)
	var gs []*lir.Global
	for _, name := range names {
		if g := constGlobal(name); g != nil {
			gs = append(gs, g)
		}
	}
	return gs
}

// constGlobal makes the global a constant's name describes.
func constGlobal(name string) *lir.Global {
	var bits uint64
	var t lir.Type
	switch {
	case strings.HasPrefix(name, ConstPrefix+"64."):
		t = lir.I64
	case strings.HasPrefix(name, ConstPrefix+"32."):
		t = lir.I32
	default:
		return nil
	}
	if _, err := fmt.Sscanf(name[len(ConstPrefix)+3:], "%x", &bits); err != nil {
		return nil
	}
	return &lir.Global{Name: name, ReadOnly: true, Align: int64(t.Size()),
		Items: []lir.DataItem{{Kind: lir.DataInt, Type: t, Int: int64(bits)}}}
}
