package lower

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/lir"
)

// An ABI is the part of a calling convention that lowering needs, for
// arguments and results that each fit one register or one 8-byte stack
// word (every LIR type does): the argument registers of each class in
// order and the result registers, as register numbers of the target.
type ABI struct {
	IntArgs, FloatArgs     []int
	IntResult, FloatResult int
}

// An ArgLoc is where a calling convention puts one argument: a register,
// or an 8-byte stack word at Stack bytes above the stack pointer at the
// call.
type ArgLoc struct {
	Reg   int // register number, or -1 for a stack argument
	Stack int64
}

// Classify assigns argument locations in order: integers and pointers
// to the integer argument registers, floats to the float ones, the rest
// to consecutive 8-byte stack words (System V AMD64 and AAPCS64 on
// Linux agree on this for one-word arguments).
func (a *ABI) Classify(types []lir.Type) []ArgLoc {
	locs := make([]ArgLoc, len(types))
	var ints, floats int
	var stack int64
	for i, t := range types {
		switch {
		case t.IsFloat() && floats < len(a.FloatArgs):
			locs[i] = ArgLoc{Reg: a.FloatArgs[floats]}
			floats++
		case !t.IsFloat() && ints < len(a.IntArgs):
			locs[i] = ArgLoc{Reg: a.IntArgs[ints]}
			ints++
		default:
			locs[i] = ArgLoc{Reg: -1, Stack: stack}
			stack += 8
		}
	}
	return locs
}

// ResultReg returns the register a value of type t is returned in.
func (a *ABI) ResultReg(t lir.Type) int {
	if t.IsFloat() {
		return a.FloatResult
	}
	return a.IntResult
}

// Stack arguments are addressed in lowered LIR through pseudo-symbols,
// which emission turns into frame addresses: "@nk.inarg.N" is the
// incoming stack argument N bytes above the first and "@nk.outarg.N"
// the outgoing one N bytes above the stack pointer. Symbols keep the
// register allocator out of it: to the allocator they are constants,
// while physical operands for the stack and frame pointers would be
// registers it must track.
const (
	inArgPrefix  = "nk.inarg."
	outArgPrefix = "nk.outarg."
)

// ArgSymbol reports whether symbol name is an argument pseudo-symbol:
// incoming or outgoing, and its offset in the argument area.
func ArgSymbol(name string) (incoming bool, off int64, ok bool) {
	var prefix string
	switch {
	case strings.HasPrefix(name, inArgPrefix):
		prefix, incoming = inArgPrefix, true
	case strings.HasPrefix(name, outArgPrefix):
		prefix = outArgPrefix
	default:
		return false, 0, false
	}
	off, err := strconv.ParseInt(name[len(prefix):], 10, 64)
	if err != nil {
		return false, 0, false
	}
	return incoming, off, true
}

func argSym(prefix string, off int64) string { return fmt.Sprintf("%s%d", prefix, off) }

// Rules are what a target adds to the shared lowering (Lowerer.Run).
type Rules struct {
	ABI ABI
	// Legal replaces a constant operand that the target's instructions
	// cannot take by a register holding it (appending the instructions
	// that set it with Lowerer.Emit).
	Legal func(l *Lowerer, o *lir.Operand)
	// Binary lowers a binary instruction, appending it or what replaces
	// it.
	Binary func(l *Lowerer, in *lir.Binary)
}

// A Lowerer holds the state of lowering one function.
type Lowerer struct {
	F     *lir.Func
	rules *Rules
	out   []lir.InstrID // the block being rebuilt
	pos   lir.Pos       // source position of the instruction being lowered
}

// Lower rewrites f, a function in SSA form, into LIR that the target
// can execute once registers are allocated. Every constraint of the
// calling convention becomes a physical-register operand, so that the
// allocator sees the real live ranges:
//
//   - parameters are copied from their argument registers at the top of
//     the entry block, or loaded from the caller's frame
//     ("%9:i64 = load [@nk.inarg.0]", see ArgSymbol);
//   - call arguments are copied into argument registers just before the
//     call, and stack arguments stored at the bottom of the frame
//     ("store.i64 %3, [@nk.outarg.8]"); the call then lists only
//     its register arguments, and its result arrives in its result
//     register and is copied out;
//   - a returned value is copied into the result register;
//   - float constants are loaded from read-only globals (ConstGlobals);
//     other operands go through rules.Legal, binary instructions
//     through rules.Binary;
//   - a compare whose result a branch tests is placed right before the
//     branch, with a result used by nothing else, so that emission can
//     turn the pair into a compare and a conditional branch.
func Lower(f *lir.Func, rules *Rules) error {
	if err := lir.CheckForm(f, lir.SSA, "lower"); err != nil {
		return err
	}
	l := &Lowerer{F: f, rules: rules}
	for b := range f.Blocks {
		l.block(lir.BlockID(b))
	}
	l.params()
	l.phiConstants()
	l.fuseCompares()
	return nil
}

// Emit appends a new instruction to the block being rebuilt.
// It inherits the source position of the instruction being lowered.
func (l *Lowerer) Emit(in lir.Instr) {
	id := l.F.NewInstr(in)
	l.F.SetInstrPos(id, l.pos)
	l.out = append(l.out, id)
}

// Temp returns a fresh virtual register of type t.
func (l *Lowerer) Temp(t lir.Type) lir.Operand { return l.F.Reg(l.F.NewValue(t)) }

// block rebuilds the instruction list of block b.
func (l *Lowerer) block(b lir.BlockID) {
	l.out = nil
	for _, id := range l.F.Blocks[b].Instrs {
		l.pos = l.F.InstrPos(id)
		l.instr(id)
	}
	l.pos = lir.Pos{}
	l.F.Blocks[b].Instrs = l.out
}

func (l *Lowerer) instr(id lir.InstrID) {
	switch in := l.F.Instrs[id].(type) {
	case *lir.Binary:
		l.rules.Binary(l, in)
		return
	case *lir.Unary:
		if in.Opcode == lir.OpCopy && in.X.Kind == lir.FloatOperand {
			l.Emit(&lir.Load{Dst: in.Dst, Addr: l.ConstAddr(in.X)})
			return
		}
		if in.Opcode != lir.OpCopy {
			l.Legal(&in.X)
		}
	case *lir.Compare:
		l.Legal(&in.X)
		l.Legal(&in.Y)
	case *lir.Convert:
		l.Legal(&in.X)
	case *lir.Store:
		l.Legal(&in.Val)
	case *lir.Call:
		l.call(in)
		return
	case *lir.Return:
		if in.Val.Kind != lir.NoOperand {
			r := lir.Phys(l.rules.ABI.ResultReg(in.Val.Type), in.Val.Type)
			l.MoveTo(r, in.Val)
			in.Val = r
		}
	}
	l.out = append(l.out, id)
}

// Legal applies the target's rules.Legal to o.
func (l *Lowerer) Legal(o *lir.Operand) { l.rules.Legal(l, o) }

// LoadConst replaces float constant o by a register loaded from its
// global.
func (l *Lowerer) LoadConst(o *lir.Operand) {
	t := l.Temp(o.Type)
	l.Emit(&lir.Load{Dst: t, Addr: l.ConstAddr(*o)})
	*o = t
}

// MoveTo sets register dst to o, loading float constants from memory.
func (l *Lowerer) MoveTo(dst, o lir.Operand) {
	if o.Kind == lir.FloatOperand {
		l.Emit(&lir.Load{Dst: dst, Addr: l.ConstAddr(o)})
		return
	}
	l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: o})
}

// ConstAddr returns the address of the read-only global holding float
// constant o.
func (l *Lowerer) ConstAddr(o lir.Operand) lir.Operand {
	return lir.SymAddr(l.F.Sym(ConstName(o)))
}

// call copies the arguments into their registers and stack words and
// the result out of its register.
func (l *Lowerer) call(in *lir.Call) {
	types := make([]lir.Type, len(in.Args))
	for i, a := range in.Args {
		types[i] = a.Type
	}
	locs := l.rules.ABI.Classify(types)
	for i, a := range in.Args {
		if locs[i].Reg < 0 {
			l.Legal(&a)
			l.Emit(&lir.Store{Val: a, Addr: lir.SymAddr(l.F.Sym(argSym(outArgPrefix, locs[i].Stack)))})
		}
	}
	var regArgs []lir.Operand
	for i, a := range in.Args {
		if locs[i].Reg >= 0 {
			r := lir.Phys(locs[i].Reg, a.Type)
			l.MoveTo(r, a)
			regArgs = append(regArgs, r)
		}
	}
	in.Args = regArgs
	if in.Dst.Kind == lir.NoOperand {
		l.Emit(in)
		return
	}
	dst := in.Dst
	in.Dst = lir.Phys(l.rules.ABI.ResultReg(dst.Type), dst.Type)
	l.Emit(in)
	l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: in.Dst})
}

// params puts a definition of each parameter at the top of the entry
// block, from its argument register or stack word, and makes the code
// use it. The parameters themselves stay in Func.Params, unused, so the
// function keeps its signature.
func (l *Lowerer) params() {
	f := l.F
	types := make([]lir.Type, len(f.Params))
	for i, p := range f.Params {
		types[i] = f.Values[p].Type
	}
	locs := l.rules.ABI.Classify(types)
	l.out = nil
	sub := make(map[lir.Value]lir.Operand, len(f.Params))
	for i, p := range f.Params {
		t := types[i]
		v := l.Temp(t)
		sub[p] = v
		if locs[i].Reg >= 0 {
			l.Emit(&lir.Unary{Opcode: lir.OpCopy, Dst: v, X: lir.Phys(locs[i].Reg, t)})
		} else {
			l.Emit(&lir.Load{Dst: v, Addr: lir.SymAddr(f.Sym(argSym(inArgPrefix, locs[i].Stack)))})
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
func (l *Lowerer) phiConstants() {
	f := l.F
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
				t := l.Temp(e.Val.Type)
				l.Emit(&lir.Load{Dst: t, Addr: l.ConstAddr(e.Val)})
				l.insertBeforeTerminator(e.Pred, l.out)
				phi.Edges[k].Val = t
			}
		}
	}
}

// insertBeforeTerminator adds ids to the end of block b, ahead of its
// terminator.
func (l *Lowerer) insertBeforeTerminator(b lir.BlockID, ids []lir.InstrID) {
	ins := l.F.Blocks[b].Instrs
	n := len(ins) - 1
	out := make([]lir.InstrID, 0, len(ins)+len(ids))
	out = append(out, ins[:n]...)
	out = append(out, ids...)
	l.F.Blocks[b].Instrs = append(out, ins[n])
}

// fuseCompares places, before every branch on the result of a compare of
// the same block, a compare whose result only the branch reads: the
// compare itself if the branch is its only reader, else a copy. A branch
// on a copy of a compare's result gets a copy of the compare too:
// register allocation may give the copy the compare's register, and the
// emitter must not fuse that compare, whose result is read elsewhere.
func (l *Lowerer) fuseCompares() {
	f := l.F
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
				dup.Dst = l.Temp(c.Dst.Type)
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

// Wide returns the type an integer operation of type t is done in: 32
// bits for i8, i16 and i32 (the low bits of a 32-bit add, sub, mul or
// logic operation are those of the narrow one), 64 bits otherwise; a
// float type is its own. Both targets keep narrow integers in full
// registers with undefined upper bits.
func Wide(t lir.Type) lir.Type {
	if t.IsFloat() {
		return t
	}
	if t.Size() <= 4 {
		return lir.I32
	}
	return lir.I64
}

// ConvertSource returns the operand a conversion reads in a register:
// its own, or the scratch register gp or fp (as the source type is an
// integer or a float) set to it by move. Bitcasts and truncations,
// which are moves, take any operand as it is.
func ConvertSource(in *lir.Convert, gp, fp int, move func(n int, o lir.Operand, t lir.Type)) lir.Operand {
	x := in.X
	if x.Kind == lir.PhysOperand || in.Opcode == lir.OpBitcast || in.Opcode == lir.OpTrunc {
		return x
	}
	scratch := gp
	if x.Type.IsFloat() {
		scratch = fp
	}
	move(scratch, x, x.Type)
	return lir.Phys(scratch, x.Type)
}
