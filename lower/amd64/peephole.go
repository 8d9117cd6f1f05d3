package amd64

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lower"
)

// Peephole improves the instructions of one function in place and
// returns them. It looks at a few neighbouring items at a time: besides
// lower.Peephole's rules (mov of a 64-bit register to itself, jumps to
// the next label, jcc over a jmp, a mov undoing the one before),
//
//	cmp r, 0                    test r, r
//	mov r32/r64, 0              xor r32, r32, where the flags are dead
//	lea r, [m]; mov r, [r+d]    mov r, [m+d] (also movzx; labels between
//	                            that no jump targets are kept)
//
// Emission already avoids most of these; the pass cleans up what
// instruction-at-a-time translation cannot see, and can be switched off
// to look at the unimproved code.
func Peephole(items []Item) []Item { return lower.Peephole(items, peepholeTarget{}) }

// peepholeTarget is amd64's side of Peephole (lower.PeepholeTarget).
type peepholeTarget struct{}

// Move returns the registers of a mov between 64-bit registers: a
// 32-bit one also clears the upper half.
func (peepholeTarget) Move(in asm.Inst) (dst, src any, ok bool) {
	mov := in.(*amd64.Inst)
	args := mov.Args()
	if mov.Op != amd64.MOV || len(args) != 2 || !is64(args[0]) || !is64(args[1]) {
		return nil, nil, false
	}
	return args[0], args[1], true
}

func (peepholeTarget) Jump(in asm.Inst) string {
	if in.(*amd64.Inst).Op != amd64.JMP {
		return ""
	}
	return target(in.(*amd64.Inst))
}

func (peepholeTarget) CondJump(in asm.Inst) string {
	if !isJcc(in.(*amd64.Inst).Op) {
		return ""
	}
	return target(in.(*amd64.Inst))
}

func (peepholeTarget) Invert(cond, j asm.Inst) asm.Inst {
	return amd64.New(negated(cond.(*amd64.Inst).Op), j.(*amd64.Inst).Args()[0])
}

// Rule is amd64's own rewrite of items[i].
func (peepholeTarget) Rule(out, items []Item, i int) (Item, bool, int) {
	it := items[i]
	in := inst(it)
	args := in.Args()
	switch {
	case in.Op == amd64.CMP && len(args) == 2 && isZero(args[1]):
		if r, ok := args[0].(amd64.Reg); ok {
			it.Inst = amd64.New(amd64.TEST, r, r)
		}
	case in.Op == amd64.MOV && len(args) == 2 && isZero(args[1]) && flagsDead(items, i+1):
		if r, ok := args[0].(amd64.Reg); ok && (r.Size() == 4 || r.Size() == 8) {
			r32 := amd64.EAX + amd64.Reg(r.Num())
			it.Inst = amd64.New(amd64.XOR, r32, r32)
		}
	case in.Op == amd64.LEA:
		if j, load := foldedLoad(items, i); load != nil {
			// The lea is dropped and the load, not yet visited,
			// takes its address.
			items[j].Inst = load
			return it, false, 0
		}
	}
	return it, true, 0
}

// foldedLoad looks at "lea r, [m]" at items[i] followed, after labels no
// jump goes to, by a load "mov r', [r+d]" (or movzx) whose destination
// r' is r at some width: r is then dead after the load, and the load
// can address [m+d] itself. It returns the load's index and the load
// with the folded address, or nil.
func foldedLoad(items []Item, i int) (int, *amd64.Inst) {
	args := inst(items[i]).Args()
	r, ok := args[0].(amd64.Reg)
	m, ok2 := args[1].(amd64.Mem)
	if !ok || !ok2 || r.Size() != 8 || m.Disp.Minus != "" {
		return 0, nil
	}
	j := i + 1
	for j < len(items) && items[j].Kind == lower.ItemLabel {
		j++
	}
	if j >= len(items) || items[j].Kind != lower.ItemInst {
		return 0, nil
	}
	load := inst(items[j])
	if load.Op != amd64.MOV && load.Op != amd64.MOVZX {
		return 0, nil
	}
	la := load.Args()
	dst, ok := la[0].(amd64.Reg)
	src, ok2 := la[1].(amd64.Mem)
	if !ok || !ok2 || !dst.IsGPR() || dst.IsHigh8() || dst.Num() != r.Num() ||
		src.Base != r || src.Index != amd64.NoReg || src.Seg != amd64.NoReg || !src.Disp.IsConst() {
		return 0, nil
	}
	disp := m.Disp
	disp.Add += src.Disp.Add
	if !fitsInt32(disp.Add) {
		return 0, nil
	}
	for k := i + 1; k < j; k++ {
		if jumpedTo(items, items[k].Name) {
			return 0, nil
		}
	}
	m.Size, m.Disp = src.Size, disp
	return j, amd64.New(load.Op, dst, m)
}

// jumpedTo reports whether some instruction of items jumps to label.
func jumpedTo(items []Item, label string) bool {
	for _, it := range items {
		if it.Kind == lower.ItemInst && target(inst(it)) == label {
			return true
		}
	}
	return false
}

// inst returns the amd64 instruction of a lower.ItemInst.
func inst(it Item) *amd64.Inst { return it.Inst.(*amd64.Inst) }

func is64(o amd64.Operand) bool {
	r, ok := o.(amd64.Reg)
	return ok && r.Size() == 8
}

func isJcc(op amd64.Op) bool { return op >= amd64.JO && op <= amd64.JG }

// target returns the label a jump goes to, or "".
func target(in *amd64.Inst) string {
	args := in.Args()
	if len(args) != 1 {
		return ""
	}
	if r, ok := args[0].(amd64.Rel); ok && r.Target.Add == 0 {
		return r.Target.Sym
	}
	return ""
}

func isZero(o amd64.Operand) bool {
	imm, ok := o.(amd64.Imm)
	return ok && imm.Expr.IsConst() && imm.Expr.Add == 0
}

// flagsDead reports whether the flags are written before anything reads
// them, looking forward from items[i]. Code emission never keeps flags
// live across a label, jump, call or return.
func flagsDead(items []Item, i int) bool {
	for ; i < len(items); i++ {
		if items[i].Kind != lower.ItemInst {
			return true
		}
		switch op := inst(items[i]).Op; {
		case op >= amd64.JO && op <= amd64.JG, op >= amd64.SETO && op <= amd64.SETG,
			op >= amd64.CMOVO && op <= amd64.CMOVG, op == amd64.ADC, op == amd64.SBB:
			return false
		case op == amd64.CMP, op == amd64.TEST, op == amd64.ADD, op == amd64.SUB, op == amd64.AND,
			op == amd64.OR, op == amd64.XOR, op == amd64.UCOMISD, op == amd64.UCOMISS,
			op == amd64.JMP, op == amd64.CALL, op == amd64.RET:
			return true
		case op == amd64.MOV, op == amd64.MOVABS, op == amd64.MOVZX, op == amd64.MOVSX, op == amd64.MOVSXD,
			op == amd64.LEA, op == amd64.MOVSD, op == amd64.MOVSS, op == amd64.MOVAPS, op == amd64.MOVQ,
			op == amd64.MOVD, op == amd64.PUSH, op == amd64.POP:
			continue
		default:
			return false
		}
	}
	return true
}
