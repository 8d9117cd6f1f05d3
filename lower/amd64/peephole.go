package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lower"
)

// Peephole improves the instructions of one function in place and
// returns them. It looks at a few neighbouring items at a time:
//
//	mov r64, r64 (same)         deleted
//	jmp L; L:                   the jump deleted
//	jcc L1; jmp L2; L1:         jncc L2; L1:
//	cmp r, 0                    test r, r
//	mov r32/r64, 0              xor r32, r32, where the flags are dead
//	mov a, b; mov b, a          the second move deleted (64-bit registers)
//	lea r, [m]; mov r, [r+d]    mov r, [m+d] (also movzx; labels between
//	                            that no jump targets are kept)
//
// Emission already avoids most of these; the pass cleans up what
// instruction-at-a-time translation cannot see, and can be switched off
// to look at the unimproved code.
func Peephole(items []Item) []Item { return lower.Peephole(items, rule) }

// rule is Peephole's rewrite of items[i] (lower.Rule).
func rule(out, items []Item, i int) (Item, bool, int) {
	it := items[i]
	in := inst(it)
	args := in.Args()
	switch {
	case in.Op == amd64.MOV && len(args) == 2 && args[0] == args[1] && is64(args[0]):
		return it, false, 0 // a 32-bit mov to itself clears the upper half: kept
	case in.Op == amd64.JMP && lower.LabelAt(items, i+1) == target(in):
		return it, false, 0
	case isJcc(in.Op) && i+2 < len(items) && items[i+1].Kind == ItemInst && inst(items[i+1]).Op == amd64.JMP &&
		lower.LabelAt(items, i+2) == target(in) && target(in) != "":
		inv := amd64.New(amd64.JO+(in.Op-amd64.JO)^1, inst(items[i+1]).Args()[0]) // see cc
		return Item{Kind: ItemInst, Inst: inv, Pos: it.Pos}, true, 1
	case in.Op == amd64.CMP && len(args) == 2 && isZero(args[1]):
		if r, ok := args[0].(amd64.Reg); ok {
			it.Inst = amd64.New(amd64.TEST, r, r)
		}
	case in.Op == amd64.MOV && len(args) == 2 && isZero(args[1]) && flagsDead(items, i+1):
		if r, ok := args[0].(amd64.Reg); ok && (r.Size() == 4 || r.Size() == 8) {
			r32 := amd64.EAX + amd64.Reg(r.Num())
			it.Inst = amd64.New(amd64.XOR, r32, r32)
		}
	case in.Op == amd64.MOV && len(out) > 0 && isSwapBack(out[len(out)-1], args):
		return it, false, 0
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
	for j < len(items) && items[j].Kind == ItemLabel {
		j++
	}
	if j >= len(items) || items[j].Kind != ItemInst {
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
		if it.Kind == ItemInst && target(inst(it)) == label {
			return true
		}
	}
	return false
}

// inst returns the amd64 instruction of an ItemInst.
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

// isSwapBack reports whether "mov args" undoes the register move prev.
func isSwapBack(prev Item, args []amd64.Operand) bool {
	if prev.Kind != ItemInst || inst(prev).Op != amd64.MOV || len(args) != 2 {
		return false
	}
	p := inst(prev).Args()
	// Only 64-bit moves: a 32-bit one also clears the upper half.
	return is64(args[0]) && is64(args[1]) && p[0] == args[1] && p[1] == args[0]
}

// flagsDead reports whether the flags are written before anything reads
// them, looking forward from items[i]. Code emission never keeps flags
// live across a label, jump, call or return.
func flagsDead(items []Item, i int) bool {
	for ; i < len(items); i++ {
		if items[i].Kind != ItemInst {
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
