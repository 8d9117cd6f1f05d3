package amd64

import (
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/dwarf"
)

// DWARF register numbers of the x86-64 psABI: rax rdx rcx rbx rsi rdi
// rbp rsp r8..r15, then the return address.
const (
	dwarfRBP = 6
	dwarfRSP = 7
	dwarfRA  = 16
)

// dwarfNum maps hardware register numbers (rax rcx rdx rbx rsp rbp rsi
// rdi r8..r15) to DWARF's.
func dwarfNum(n int) int { return [16]int{0, 2, 1, 3, 7, 6, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15}[n] }

// unwind describes the frames Emit makes to DWARF's call frame
// information (lower.Unwind): at a function's entry the return address
// is at the CFA-8 and the CFA is rsp+8; push rbp and mov rbp, rsp make
// the CFA rbp+16 with the caller's rbp at CFA-16; the callee-saved
// pushes below it save those registers; pop rbp (or leave) goes back to
// rsp+8.
func unwind() *lower.Unwind {
	return &lower.Unwind{
		Frame: dwarf.Frame{RA: dwarfRA, DataAlign: -8, Entry: dwarf.FrameState{
			CFAReg: dwarfRSP, CFAOff: 8, SP: 8, Saved: []dwarf.Saved{{Reg: dwarfRA, Off: -8}}}},
		Step: lower.StepOf(unwindStep),
	}
}

// unwindStep updates s for the effect of i on the stack and frame
// pointers (lower.Unwind.Step): the instructions of prologues and
// epilogues; no other code Emit writes moves rsp or rbp.
func unwindStep(i *amd64.Inst, s *dwarf.FrameState) {
	args := i.Args()
	switch i.Op {
	case amd64.PUSH:
		if r, ok := gpr64(args, 0); ok {
			s.MoveSP(dwarfRSP, 8)
			s.Saved = append(s.Saved, dwarf.Saved{Reg: r, Off: -s.SP})
		}
	case amd64.POP:
		if r, ok := gpr64(args, 0); ok {
			s.Restore(r, -s.SP)
			s.MoveSP(dwarfRSP, -8)
			if r == dwarfRBP && s.CFAReg == dwarfRBP {
				s.CFAReg, s.CFAOff = dwarfRSP, s.SP
			}
		}
	case amd64.MOV:
		if d, ok := gpr64(args, 0); ok && d == dwarfRBP {
			if r, ok := gpr64(args, 1); ok && r == dwarfRSP {
				s.CFAReg, s.CFAOff = dwarfRBP, s.SP
			}
		}
	case amd64.SUB, amd64.ADD:
		if d, ok := gpr64(args, 0); ok && d == dwarfRSP && len(args) == 2 {
			if imm, ok := args[1].(amd64.Imm); ok && imm.Expr.IsConst() {
				if i.Op == amd64.SUB {
					s.MoveSP(dwarfRSP, imm.Expr.Add)
				} else {
					s.MoveSP(dwarfRSP, -imm.Expr.Add)
				}
			}
		}
	case amd64.LEAVE:
		if s.CFAReg == dwarfRBP {
			s.SP = s.CFAOff
			s.Restore(dwarfRBP, -s.SP)
			s.SP -= 8
			s.CFAReg, s.CFAOff = dwarfRSP, s.SP
		}
	}
}

// gpr64 returns the DWARF number of args[n] if it is a 64-bit general
// register.
func gpr64(args []amd64.Operand, n int) (int, bool) {
	if n >= len(args) {
		return 0, false
	}
	r, ok := args[n].(amd64.Reg)
	if !ok || !r.IsGPR() || r.Size() != 8 {
		return 0, false
	}
	return dwarfNum(r.Num()), true
}
