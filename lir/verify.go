package lir

import (
	"errors"
	"fmt"
	"slices"
)

// Verify checks that f is well formed for its Form: operand types agree
// with each opcode, every register read has a definition, block
// references are valid, every block ends in exactly one terminator with
// Preds and Succs matching, phis sit at block tops with one edge per
// predecessor, and, in SSA form, each register has one definition that
// dominates all its uses. It reports every problem it finds, joined.
func Verify(f *Func) error {
	v := &verifier{f: f}
	v.run()
	return errors.Join(v.errs...)
}

// CheckForm returns an error unless f is in form want. op, the pass or
// function that needs that form, starts the message ("ssa.Build: @f is
// in linear form, not cfg").
func CheckForm(f *Func, want Form, op string) error {
	if f.Form != want {
		return fmt.Errorf("%s: @%s is in %s form, not %s", op, f.Name, f.Form, want)
	}
	return nil
}

// VerifyForm is CheckForm, then Verify: the checks of a conversion from
// one form to the next (cfg.Build, ssa.Build), whose input comes from
// outside the middle end.
func VerifyForm(f *Func, want Form, op string) error {
	if err := CheckForm(f, want, op); err != nil {
		return err
	}
	return Verify(f)
}

type verifier struct {
	f    *Func
	errs []error
	// The place errors are reported at: a block (-1 for none) and an
	// instruction (nil for none), formatted only when there is an error.
	atBlock BlockID
	atInstr Instr
	defs    []int32 // number of definitions per register
	defAt   []site  // SSA: where each register is defined
	rands   []*Operand
	tooMany bool
}

type site struct {
	block BlockID
	index int // position in the block; -1 for parameters
}

func (v *verifier) errorf(format string, args ...any) {
	if len(v.errs) >= 20 {
		if !v.tooMany {
			v.errs = append(v.errs, errors.New("too many errors"))
			v.tooMany = true
		}
		return
	}
	msg := fmt.Sprintf(format, args...)
	if v.atInstr != nil {
		msg = v.f.FormatInstr(v.atInstr) + ": " + msg
	}
	if v.atBlock >= 0 {
		msg = v.f.BlockName(v.atBlock) + ": " + msg
	}
	v.errs = append(v.errs, fmt.Errorf("@%s: %s", v.f.Name, msg))
}

// at sets the place later errors are reported at.
func (v *verifier) at(b BlockID, in Instr) { v.atBlock, v.atInstr = b, in }

func (v *verifier) run() {
	f := v.f
	v.at(-1, nil)
	v.defs = make([]int32, len(f.Values))
	for _, p := range f.Params {
		if int(p) >= len(f.Values) {
			v.errorf("parameter %%%d out of range", p)
			return
		}
		v.defs[p]++
	}
	if f.Form == Linear {
		v.linear()
	} else {
		v.blocks()
	}
	if len(v.errs) > 0 {
		return
	}
	v.at(-1, nil)
	v.uses()
	if f.Form == SSA && len(v.errs) == 0 {
		v.dominance()
	}
}

func (v *verifier) linear() {
	f := v.f
	placed := make([]bool, len(f.Blocks))
	for _, id := range f.Linear {
		in := f.Instrs[id]
		v.at(-1, in)
		if l, ok := in.(*Label); ok {
			if !v.validBlock(l.Block) {
				continue
			}
			if placed[l.Block] {
				v.errorf("label placed twice")
			}
			placed[l.Block] = true
			continue
		}
		if _, ok := in.(*Phi); ok {
			v.errorf("phi in linear form")
		}
		v.instr(in)
	}
	for _, id := range f.Linear {
		for _, t := range Successors(f.Instrs[id], nil) {
			if v.validBlock(t) && !placed[t] {
				v.errorf("jump to %s, which is never placed", f.BlockName(t))
			}
		}
	}
}

func (v *verifier) validBlock(b BlockID) bool {
	if b < 0 || int(b) >= len(v.f.Blocks) {
		v.errorf("block b%d out of range", b)
		return false
	}
	return true
}

func (v *verifier) blocks() {
	f := v.f
	if len(f.Blocks) == 0 {
		v.errorf("no blocks")
		return
	}
	if f.Linear != nil {
		v.errorf("linear sequence in %s form", f.Form)
	}
	for b := range f.Blocks {
		blk := &f.Blocks[b]
		v.at(BlockID(b), nil)
		if len(blk.Instrs) == 0 {
			v.errorf("empty block")
			continue
		}
		inPhis := true
		for i, id := range blk.Instrs {
			if int(id) < 0 || int(id) >= len(f.Instrs) {
				v.errorf("instruction %d out of range", id)
				return
			}
			in := f.Instrs[id]
			v.at(BlockID(b), in)
			last := i == len(blk.Instrs)-1
			switch in := in.(type) {
			case *Label:
				v.errorf("label inside a block")
			case *Phi:
				if !inPhis {
					v.errorf("phi after a non-phi instruction")
				}
				v.phiEdges(BlockID(b), in)
			default:
				inPhis = false
			}
			if IsTerminator(in) != last {
				if last {
					v.errorf("block does not end in a terminator")
				} else {
					v.errorf("terminator in the middle of a block")
				}
			}
			for _, s := range Successors(in, nil) {
				v.validBlock(s)
			}
			v.instr(in)
		}
	}
	if len(v.errs) == 0 {
		v.edges()
	}
}

// edges checks Preds and Succs against the terminators.
func (v *verifier) edges() {
	f := v.f
	want := &Func{Blocks: make([]Block, len(f.Blocks)), Instrs: f.Instrs}
	for b := range f.Blocks {
		want.Blocks[b].Instrs = f.Blocks[b].Instrs
	}
	want.ComputeEdges()
	for b := range f.Blocks {
		v.at(BlockID(b), nil)
		if !sameIDs(want.Blocks[b].Preds, f.Blocks[b].Preds) {
			v.errorf("Preds %v, terminators say %v (call ComputeEdges)", f.Blocks[b].Preds, want.Blocks[b].Preds)
		}
		if !sameIDs(want.Blocks[b].Succs, f.Blocks[b].Succs) {
			v.errorf("Succs %v, terminators say %v (call ComputeEdges)", f.Blocks[b].Succs, want.Blocks[b].Succs)
		}
	}
}

// sameIDs reports whether a and b, lists without duplicates, hold the
// same blocks in any order.
func sameIDs(a, b []BlockID) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) > 16 {
		set := make(map[BlockID]bool, len(a))
		for _, x := range a {
			set[x] = true
		}
		for _, x := range b {
			if !set[x] {
				return false
			}
		}
		return true
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			return false
		}
	}
	return true
}

func (v *verifier) phiEdges(b BlockID, phi *Phi) {
	preds := v.f.Blocks[b].Preds
	if len(phi.Edges) != len(preds) {
		v.errorf("phi has %d edges, block has %d predecessors", len(phi.Edges), len(preds))
		return
	}
	for _, e := range phi.Edges {
		found := false
		for _, p := range preds {
			found = found || p == e.Pred
		}
		if !found {
			v.errorf("phi edge from %s, which is not a predecessor", v.f.BlockName(e.Pred))
		}
	}
}

// instr checks the types of one instruction and counts its definition.
func (v *verifier) instr(in Instr) {
	f := v.f
	if d := in.Dest(); d != nil {
		switch d.Kind {
		case RegOperand:
			if v.checkReg(*d) {
				v.defs[d.Index]++
			}
		case PhysOperand:
		default:
			v.errorf("destination must be a register")
		}
		if d.Type == Void {
			v.errorf("destination of type void")
		}
	}
	v.rands = in.Operands(v.rands[:0])
	for _, o := range v.rands {
		switch o.Kind {
		case RegOperand:
			v.checkReg(*o)
		case SlotOperand:
			if int(o.Index) >= len(f.Slots) || o.Index < 0 {
				v.errorf("stack slot ss%d out of range", o.Index)
			}
		case SymOperand:
			if int(o.Index) >= len(f.Syms) || o.Index < 0 {
				v.errorf("symbol %d out of range", o.Index)
			}
		case NoOperand:
			v.errorf("missing operand")
		}
	}
	v.types(in)
}

func (v *verifier) checkReg(o Operand) bool {
	if o.Index < 0 || int(o.Index) >= len(v.f.Values) {
		v.errorf("register %%%d out of range", o.Index)
		return false
	}
	if t := v.f.Values[o.Index].Type; t != o.Type {
		v.errorf("%%%d used as %s, declared %s", o.Index, o.Type, t)
	}
	return true
}

func (v *verifier) types(in Instr) {
	switch in := in.(type) {
	case *Binary:
		v.binary(in)
	case *Unary:
		v.sameType(in.Dst, in.X)
		switch in.Opcode {
		case OpNeg, OpNot:
			v.wantInt(in.Dst)
		case OpFNeg:
			v.wantFloat(in.Dst)
		}
	case *Compare:
		v.sameType(in.X, in.Y)
		v.wantInt(in.Dst)
		if in.Opcode.IsFloatOp() {
			v.wantFloat(in.X)
		} else {
			v.wantInt(in.X)
		}
	case *Convert:
		v.convert(in)
	case *Load:
		v.wantType(in.Addr, Ptr)
	case *Store:
		v.wantType(in.Addr, Ptr)
		if in.Val.Type == Void {
			v.errorf("store of void")
		}
		if in.Barrier && in.Val.Type != Ptr {
			v.errorf("storewb of %s, not ptr", in.Val.Type)
		}
	case *Addr:
		v.wantType(in.Dst, Ptr)
		v.wantType(in.Base, Ptr)
		v.wantInt(in.Index)
	case *Call:
		if in.Opcode == OpCallInd {
			v.wantType(in.Callee, Ptr)
		} else if in.Callee.Kind != SymOperand {
			v.errorf("%s needs a symbol", in.Opcode)
		}
		for _, a := range in.Args {
			if a.Type == Void {
				v.errorf("argument of type void")
			}
		}
	case *Phi:
		for _, e := range in.Edges {
			v.sameType(in.Dst, e.Val)
		}
	case *Branch:
		v.wantInt(in.Cond)
	case *Return:
		if in.Val.Kind == NoOperand {
			if v.f.Result != Void {
				v.errorf("ret without a value in a function returning %s", v.f.Result)
			}
		} else {
			v.wantType(in.Val, v.f.Result)
		}
	}
}

func (v *verifier) binary(in *Binary) {
	isPtrArith := (in.Opcode == OpAdd || in.Opcode == OpSub) && in.Dst.Type == Ptr
	switch {
	case isPtrArith:
		v.wantInt(in.X)
		v.wantInt(in.Y)
		return
	case in.Opcode.IsFloatOp():
		v.wantFloat(in.Dst)
	default:
		v.wantInt(in.Dst)
	}
	v.sameType(in.Dst, in.X)
	v.sameType(in.Dst, in.Y)
}

func (v *verifier) convert(in *Convert) {
	from, to := in.X.Type, in.Dst.Type
	ok := false
	switch in.Opcode {
	case OpSExt, OpZExt:
		ok = from.IsInt() && to.IsInt() && from.Size() < to.Size()
	case OpTrunc:
		ok = from.IsInt() && to.IsInt() && from.Size() > to.Size()
	case OpFExt:
		ok = from == F32 && to == F64
	case OpFTrunc:
		ok = from == F64 && to == F32
	case OpSIToF, OpUIToF:
		ok = from.IsInt() && to.IsFloat()
	case OpFToSI, OpFToUI:
		ok = from.IsFloat() && to.IsInt()
	case OpBitcast:
		ok = from.Size() == to.Size() && from != Void
	}
	if !ok {
		v.errorf("cannot %s %s to %s", in.Opcode, from, to)
	}
}

func (v *verifier) sameType(a, b Operand) {
	if a.Type != b.Type {
		v.errorf("type mismatch: %s and %s", a.Type, b.Type)
	}
}

func (v *verifier) wantType(o Operand, t Type) {
	if o.Type != t {
		v.errorf("operand %s has type %s, want %s", v.f.FormatOperand(o), o.Type, t)
	}
}

func (v *verifier) wantInt(o Operand) {
	if !o.Type.IsInt() {
		v.errorf("operand %s has type %s, want an integer", v.f.FormatOperand(o), o.Type)
	}
}

func (v *verifier) wantFloat(o Operand) {
	if !o.Type.IsFloat() {
		v.errorf("operand %s has type %s, want a float", v.f.FormatOperand(o), o.Type)
	}
}

// uses checks that every register read has a definition, and in SSA form
// exactly one.
func (v *verifier) uses() {
	f := v.f
	for _, id := range f.Code() {
		in := f.Instrs[id]
		v.rands = in.Operands(v.rands[:0])
		for _, o := range v.rands {
			if o.Kind == RegOperand && v.defs[o.Index] == 0 {
				v.at(-1, in)
				v.errorf("%%%d is never defined", o.Index)
			}
		}
	}
	if f.Form == SSA {
		v.at(-1, nil)
		for r, n := range v.defs {
			if n > 1 {
				v.errorf("%%%d defined %d times in SSA form", r, n)
			}
		}
	}
}

// dominance checks that each definition dominates its uses. Blocks
// unreachable from the entry are not checked.
func (v *verifier) dominance() {
	f := v.f
	dom := Dominators(f)
	v.defAt = make([]site, len(f.Values))
	for _, p := range f.Params {
		v.defAt[p] = site{0, -1}
	}
	for b := range f.Blocks {
		for i, id := range f.Blocks[b].Instrs {
			if d := f.Instrs[id].Dest(); d != nil && d.Kind == RegOperand {
				v.defAt[d.Index] = site{BlockID(b), i}
			}
		}
	}
	for b := range f.Blocks {
		if !dom.Reachable(BlockID(b)) {
			continue
		}
		for i, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if phi, ok := in.(*Phi); ok {
				for _, e := range phi.Edges {
					// The value must be available at the end of the predecessor.
					if e.Val.Kind == RegOperand && dom.Reachable(e.Pred) && !v.dominates(dom, v.defAt[e.Val.Index], site{e.Pred, len(f.Blocks[e.Pred].Instrs)}) {
						v.at(BlockID(b), in)
						v.errorf("%%%d does not dominate the end of %s", e.Val.Index, f.BlockName(e.Pred))
					}
				}
				continue
			}
			v.rands = in.Operands(v.rands[:0])
			for _, o := range v.rands {
				if o.Kind == RegOperand && !v.dominates(dom, v.defAt[o.Index], site{BlockID(b), i}) {
					v.at(BlockID(b), in)
					v.errorf("definition of %%%d does not dominate this use", o.Index)
				}
			}
		}
	}
}

func (v *verifier) dominates(dom *DomTree, def, use site) bool {
	if def.block == use.block {
		return def.index < use.index
	}
	return dom.Dominates(def.block, use.block)
}
