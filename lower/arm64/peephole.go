package arm64

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/lower"
)

// Peephole improves the instructions of one function in place and
// returns them. It looks at a few neighbouring items at a time: besides
// lower.Peephole's rules (mov of an x register to itself, branches to
// the next label, b.cc over a b, a mov undoing the one before),
//
//	add a, b, c, lsl #k         ldr a, [b, c, lsl #k] (k the access's
//	ldr a, [a]                  log2 size, or 0): a is overwritten
func Peephole(items []lower.Item) []lower.Item { return lower.Peephole(items, peepholeTarget{}) }

// peepholeTarget is arm64's side of Peephole (lower.PeepholeTarget).
type peepholeTarget struct{}

// Move returns the registers of a mov between x registers: a 32-bit one
// also clears the upper half.
func (peepholeTarget) Move(in asm.Inst) (dst, src any, ok bool) {
	mov := in.(*arm64.Inst)
	args := mov.Args()
	if mov.Op != arm64.MOV || len(args) != 2 || !isX(args[0]) || !isX(args[1]) {
		return nil, nil, false
	}
	return args[0], args[1], true
}

func (peepholeTarget) Jump(in asm.Inst) string {
	if in.(*arm64.Inst).Op != arm64.B {
		return ""
	}
	return target(in.(*arm64.Inst))
}

func (peepholeTarget) CondJump(in asm.Inst) string {
	if in.(*arm64.Inst).Op != arm64.BCOND {
		return ""
	}
	return target(in.(*arm64.Inst))
}

func (peepholeTarget) Invert(cond, j asm.Inst) asm.Inst {
	c := cond.(*arm64.Inst).Args()[0].(arm64.Cond)
	return arm64.New(arm64.BCOND, c.Invert(), j.(*arm64.Inst).Args()[0])
}

// Rule is arm64's own rewrite of items[i].
func (peepholeTarget) Rule(out, items []lower.Item, i int) (lower.Item, bool, int) {
	it := items[i]
	if in := inst(it); in.Op == arm64.ADD && i+1 < len(items) && items[i+1].Kind == lower.ItemInst {
		if ld, ok := indexedLoad(in, inst(items[i+1])); ok {
			return lower.Item{Kind: lower.ItemInst, Inst: ld, Pos: items[i+1].Pos}, true, 1
		}
	}
	return it, true, 0
}

// inst returns the arm64 instruction of an ItemInst.
func inst(it lower.Item) *arm64.Inst { return it.Inst.(*arm64.Inst) }

func isX(o arm64.Operand) bool {
	r, ok := o.(arm64.Reg)
	return ok && r >= arm64.X0 && r <= arm64.X(30)
}

// target returns the label a branch goes to, or "".
func target(in *arm64.Inst) string {
	args := in.Args()
	if len(args) == 0 {
		return ""
	}
	if s, ok := args[len(args)-1].(arm64.Sym); ok && s.Mod == arm64.ModNone && s.Expr.Add == 0 {
		return s.Expr.Sym
	}
	return ""
}

// indexedLoad returns the load "ldr a, [b, c, lsl #k]" that does what
// "add a, b, c, lsl #k; ldr a, [a]" does, when the load's size is 2^k
// bytes or k is 0 (what the register-offset form can scale by) and the
// load overwrites the address register.
func indexedLoad(add, ld *arm64.Inst) (*arm64.Inst, bool) {
	a, l := add.Args(), ld.Args()
	if len(a) != 3 || len(l) != 2 || a[0] != l[0] {
		return nil, false
	}
	const size = 8 // ldr of an x register: a w, s or d destination cannot be the address
	ok := ld.Op == arm64.LDR
	dst, ok1 := l[0].(arm64.Reg)
	m, ok2 := l[1].(arm64.Mem)
	base, ok3 := a[1].(arm64.Reg)
	index, ok4 := a[2].(arm64.RegShift)
	if !ok || !ok1 || !ok2 || !ok3 || !ok4 || !isX(a[0]) || !isX(base) || !isX(index.Reg) ||
		m.Base != a[0] || m.Mode != arm64.ModeOffset || m.Off != 0 || m.Sym != (arm64.Sym{}) ||
		index.Shift != arm64.ShiftLSL || index.Amount != 0 && 1<<index.Amount != size {
		return nil, false
	}
	mem := arm64.Mem{Base: base, Mode: arm64.ModeIndex, Index: index.Reg, Ext: arm64.ExtNone}
	if index.Amount != 0 {
		mem.Ext, mem.Amount, mem.HasAmount = arm64.ExtLSL, index.Amount, true
	}
	return arm64.New(ld.Op, dst, mem), true
}
