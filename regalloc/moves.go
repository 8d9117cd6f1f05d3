package regalloc

import (
	"slices"

	"github.com/naturekit/naturekit/lir"
)

// A loc is where a value is at some point: a register, a spill slot, or,
// as the source of a move only, an operand that occupies no location (a
// constant, or a parameter on entry to the function).
type loc struct {
	kind locKind
	n    int32 // register number or slot ID
}

type locKind uint8

const (
	inReg locKind = iota
	inSlot
	fromOperand
)

// A move copies a value of type typ from src (or operand op) to dst.
// The moves of one program point form a parallel move: all sources are
// read before any destination is written.
type move struct {
	dst, src loc
	op       lir.Operand
	typ      lir.Type
}

// where returns the location of an interval part.
func where(it *interval) loc {
	if it.reg >= 0 {
		return loc{inReg, int32(it.reg)}
	}
	return loc{inSlot, int32(it.root.slot)}
}

// sequentialize emits a parallel move as a sequence of copies, loads and
// stores. A move is emitted once no other pending move reads its
// destination. When none is ready the pending moves form cycles; one
// location of a cycle is saved in a temporary (the class's scratch
// register, or a temporary slot if the cycle moves between slots, since
// those moves need the scratch register themselves), which breaks it.
func (a *allocator) sequentialize(moves []move, emit func(lir.Instr)) {
	pending := slices.DeleteFunc(slices.Clone(moves), func(m move) bool { return m.dst == m.src })
	for len(pending) > 0 {
		progress := false
		for i := 0; i < len(pending); {
			if readsLoc(pending, pending[i].dst) {
				i++
				continue
			}
			a.emitMove(pending[i], emit)
			pending = slices.Delete(pending, i, i+1)
			progress = true
		}
		if !progress {
			a.breakCycle(pending, emit)
		}
	}
}

// readsLoc reports whether a pending move reads l.
func readsLoc(pending []move, l loc) bool {
	for _, m := range pending {
		if m.src == l {
			return true
		}
	}
	return false
}

// breakCycle saves the destination of pending[0] in a temporary and
// makes the moves reading it read the temporary instead.
func (a *allocator) breakCycle(pending []move, emit func(lir.Instr)) {
	d := pending[0].dst
	var reader *move
	for i := range pending {
		if pending[i].src == d {
			reader = &pending[i]
		}
	}
	c := ClassOf(reader.typ)
	temp := loc{inReg, int32(a.t.Scratch[c])}
	if cycleTouchesMemory(pending, d) {
		temp = loc{inSlot, int32(a.cycleSlot(c))}
	}
	a.emitMove(move{dst: temp, src: d, typ: reader.typ}, emit)
	for i := range pending {
		if pending[i].src == d {
			pending[i].src = temp
		}
	}
}

// cycleTouchesMemory reports whether the cycle through location start
// has a move between two slots.
func cycleTouchesMemory(pending []move, start loc) bool {
	l := start
	for range pending {
		var m *move
		for i := range pending {
			if pending[i].dst == l {
				m = &pending[i]
			}
		}
		if m == nil {
			return false
		}
		if m.src.kind == inSlot && m.dst.kind == inSlot {
			return true
		}
		if l = m.src; l == start {
			return false
		}
	}
	return false
}

// cycleSlot returns the temporary slot of class c, creating it.
func (a *allocator) cycleSlot(c Class) lir.SlotID {
	if a.tempSlot[c] < 0 {
		a.tempSlot[c] = a.f.NewSlot(8, 8)
		a.res.SpillSlots = append(a.res.SpillSlots, a.tempSlot[c])
	}
	return a.tempSlot[c]
}

// emitMove emits one move. Memory-to-memory moves, and constants going
// to memory, pass through the scratch register.
func (a *allocator) emitMove(m move, emit func(lir.Instr)) {
	src := a.operandOf(m.src, m.op, m.typ)
	switch {
	case m.dst.kind == inReg:
		dst := lir.Phys(int(m.dst.n), m.typ)
		if m.src.kind == inSlot {
			emit(&lir.Load{Dst: dst, Addr: src})
		} else {
			emit(&lir.Unary{Opcode: lir.OpCopy, Dst: dst, X: src})
		}
	case m.src.kind == inReg:
		emit(&lir.Store{Val: src, Addr: lir.SlotAddr(lir.SlotID(m.dst.n))})
	default:
		scratch := lir.Phys(a.t.Scratch[ClassOf(m.typ)], m.typ)
		if m.src.kind == inSlot {
			emit(&lir.Load{Dst: scratch, Addr: src})
		} else {
			emit(&lir.Unary{Opcode: lir.OpCopy, Dst: scratch, X: src})
		}
		emit(&lir.Store{Val: scratch, Addr: lir.SlotAddr(lir.SlotID(m.dst.n))})
	}
}

// operandOf returns the operand that reads location l: a register, the
// address of a slot, or the operand itself.
func (a *allocator) operandOf(l loc, op lir.Operand, t lir.Type) lir.Operand {
	switch l.kind {
	case inReg:
		return lir.Phys(int(l.n), t)
	case inSlot:
		return lir.SlotAddr(lir.SlotID(l.n))
	}
	return op
}
