package regalloc_test

import (
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// The mock machine has few registers, so that small programs already
// force splitting and spilling:
//
//	$0 r0  GP  caller-saved, argument 1 and result
//	$1 r1  GP  caller-saved, argument 2; sdiv and srem destroy it
//	$2 r2  GP  callee-saved
//	$3 rs  GP  scratch
//	$4 f0  FP  caller-saved, float argument and result
//	$5 f1  FP  callee-saved
//	$6 fs  FP  scratch
const (
	r0, r1, r2, rs = 0, 1, 2, 3
	f0, f1, fs     = 4, 5, 6
)

func mockTarget() *regalloc.Target {
	return &regalloc.Target{
		Name: "mock",
		Regs: []regalloc.Reg{
			{Name: "r0", Class: regalloc.GP},
			{Name: "r1", Class: regalloc.GP},
			{Name: "r2", Class: regalloc.GP, CalleeSaved: true},
			{Name: "rs", Class: regalloc.GP},
			{Name: "f0", Class: regalloc.FP},
			{Name: "f1", Class: regalloc.FP, CalleeSaved: true},
			{Name: "fs", Class: regalloc.FP},
		},
		Allocatable: [regalloc.NumClasses][]int{{r0, r1, r2}, {f0, f1}},
		CallerSaved: []int{r0, r1, rs, f0, fs},
		Scratch:     [regalloc.NumClasses]int{rs, fs},
		Clobbers: func(in lir.Instr, dst []int) []int {
			if b, ok := in.(*lir.Binary); ok && (b.Opcode == lir.OpSDiv || b.Opcode == lir.OpSRem) {
				dst = append(dst, r1)
			}
			return dst
		},
	}
}

// lowerMock does what lowering does for the mock target, on SSA form:
// call arguments go to $0, $1 (floats $4) and results come from $0
// ($4), through copies; a returned value goes through $0.
func lowerMock(f *lir.Func) {
	for b := range f.Blocks {
		var out []lir.InstrID
		emit := func(in lir.Instr) { out = append(out, f.NewInstr(in)) }
		for _, id := range f.Blocks[b].Instrs {
			switch in := f.Instrs[id].(type) {
			case *lir.Call:
				ints, floats := []int{r0, r1}, []int{f0}
				for k, arg := range in.Args {
					var r int
					if arg.Type.IsFloat() {
						r, floats = floats[0], floats[1:]
					} else {
						r, ints = ints[0], ints[1:]
					}
					emit(&lir.Unary{Opcode: lir.OpCopy, Dst: lir.Phys(r, arg.Type), X: arg})
					in.Args[k] = lir.Phys(r, arg.Type)
				}
				dst := in.Dst
				if dst.Kind == lir.RegOperand {
					r := r0
					if dst.Type.IsFloat() {
						r = f0
					}
					in.Dst = lir.Phys(r, dst.Type)
					out = append(out, id)
					emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: in.Dst})
					continue
				}
			case *lir.Return:
				if in.Val.Kind == lir.RegOperand && in.Val.Type.IsInt() {
					emit(&lir.Unary{Opcode: lir.OpCopy, Dst: lir.Phys(r0, in.Val.Type), X: in.Val})
					in.Val = lir.Phys(r0, in.Val.Type)
				}
			}
			out = append(out, id)
		}
		f.Blocks[b].Instrs = out
	}
}
