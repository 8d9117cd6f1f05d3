package arm64

import (
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lower"
	"github.com/naturekit/naturekit/lower/dwarf"
)

// DWARF register numbers of the AArch64 ABI (DWARF for the Arm 64-bit
// Architecture): x0–x30 are 0–30, sp 31, v0–v31 64–95; the return
// address column is x30's.
const (
	dwarfFP = 29
	dwarfLR = 30
	dwarfSP = 31
	dwarfV0 = 64
)

// unwind describes the frames Emit makes to DWARF's call frame
// information (lower.Unwind): at a function's entry the CFA is sp and
// the return address is in x30; stp x29, x30, [sp, #-16]! saves the
// frame record at the CFA-16; mov x29, sp makes the CFA x29+16; the
// callee-saved registers are stored below the record relative to x29;
// the epilogue loads them back, and ldp x29, x30, [sp], #16 goes back
// to sp+0.
func unwind() *lower.Unwind {
	return &lower.Unwind{
		Frame: dwarf.Frame{RA: dwarfLR, DataAlign: -8, Entry: dwarf.FrameState{CFAReg: dwarfSP}},
		Step:  lower.StepOf(unwindStep),
	}
}

// unwindStep updates s for the effect of i on the stack and frame
// pointers and the callee-saved registers (lower.Unwind.Step): the
// instructions of prologues and epilogues. Other code writes sp only
// as Emit's frames do, and loads through x29 only the incoming stack
// arguments, which no saved register's slot is.
func unwindStep(i *arm64.Inst, s *dwarf.FrameState) {
	args := i.Args()
	switch i.Op {
	case arm64.STP, arm64.STR, arm64.LDP, arm64.LDR:
		m, regs, ok := memRegs(args)
		if !ok {
			return
		}
		store := i.Op == arm64.STP || i.Op == arm64.STR
		// at is the slot of regs[0] relative to the CFA, in the three
		// addressings of prologues and epilogues: a push (sp,
		// pre-indexed), a pop (sp, post-indexed: sp moves after the
		// load) and the slots below the frame record (x29).
		var at int64
		switch {
		case store && m.Base == arm64.SP && m.Mode == arm64.ModePre:
			s.MoveSP(dwarfSP, -m.Off)
			at = -s.SP
		case !store && m.Base == arm64.SP && m.Mode == arm64.ModePost:
			at = -s.SP
		case m.Base == arm64.X(dwarfFP) && m.Mode == arm64.ModeOffset && s.CFAReg == dwarfFP:
			at = m.Off - s.CFAOff
		default:
			return
		}
		for k, r := range regs {
			switch {
			case !store:
				s.Restore(r, at+int64(8*k))
			case m.Base == arm64.SP || calleeSaved(r):
				s.Saved = append(s.Saved, dwarf.Saved{Reg: r, Off: at + int64(8*k)})
			}
		}
		if !store && m.Mode == arm64.ModePost {
			if s.CFAReg == dwarfFP && !s.IsSaved(dwarfFP) {
				s.CFAReg, s.CFAOff = dwarfSP, s.SP
			}
			s.MoveSP(dwarfSP, -m.Off)
		}
	case arm64.MOV:
		if len(args) != 2 {
			return
		}
		d, _ := args[0].(arm64.Reg)
		r, _ := args[1].(arm64.Reg)
		switch {
		case d == arm64.X(dwarfFP) && r == arm64.SP:
			s.CFAReg, s.CFAOff = dwarfFP, s.SP
		case d == arm64.SP && r == arm64.X(dwarfFP) && s.CFAReg == dwarfFP:
			s.SP = s.CFAOff
		}
	case arm64.ADD, arm64.SUB:
		if len(args) != 3 || args[0] != arm64.SP || args[1] != arm64.SP {
			return
		}
		imm, ok := args[2].(arm64.Imm)
		if !ok {
			return // a register operand: a frame too large for immediates, whose CFA is x29 by then
		}
		v := imm.Val << imm.LSL
		if i.Op == arm64.SUB {
			s.MoveSP(dwarfSP, v)
		} else {
			s.MoveSP(dwarfSP, -v)
		}
	}
}

// memRegs returns the memory operand of a load or store (pair) and the
// DWARF numbers of its 64-bit registers, in order.
func memRegs(args []arm64.Operand) (arm64.Mem, []int, bool) {
	if len(args) < 2 {
		return arm64.Mem{}, nil, false
	}
	m, ok := args[len(args)-1].(arm64.Mem)
	if !ok {
		return arm64.Mem{}, nil, false
	}
	var regs []int
	for _, a := range args[:len(args)-1] {
		r, ok := a.(arm64.Reg)
		if !ok {
			return arm64.Mem{}, nil, false
		}
		n, ok := dwarfReg(r)
		if !ok {
			return arm64.Mem{}, nil, false
		}
		regs = append(regs, n)
	}
	return m, regs, true
}

// dwarfReg returns the DWARF number of a 64-bit register (x0–x30, or
// d0–d31 for v0–v31).
func dwarfReg(r arm64.Reg) (int, bool) {
	switch {
	case r == arm64.SP:
		return dwarfSP, true
	case r.Class() == arm64.ClassX && r.Num() < 31:
		return int(r.Num()), true
	case r.Class() == arm64.ClassD:
		return dwarfV0 + int(r.Num()), true
	}
	return 0, false
}

// calleeSaved reports whether DWARF register n is one AAPCS64 says a
// callee saves: x19–x28, d8–d15 (x29 and x30 are the frame record).
func calleeSaved(n int) bool {
	return n >= 19 && n <= 28 || n >= dwarfV0+8 && n <= dwarfV0+15
}
