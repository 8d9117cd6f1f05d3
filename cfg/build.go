package cfg

import (
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

// Build converts f from Linear to CFG form (see the package doc). It
// returns an error for a malformed linear sequence, or when a reachable
// path falls off the end of a function that returns a value; the error
// names f.Pos, and f is left in valid CFG form with an unreachable
// terminator on that path.
func Build(f *lir.Func) error {
	if err := lir.VerifyForm(f, lir.Linear, "cfg.Build"); err != nil {
		return err
	}
	b := builder{f: f, names: blockNames(f), cur: -1}
	b.entry = startsWithUntargetedLabel(f)
	for _, id := range f.Linear {
		b.add(id)
	}
	b.finish()
	f.Linear = nil
	f.Form = lir.CFG
	perm := make([]lir.BlockID, len(f.Blocks))
	for i := range perm {
		perm[i] = -1
	}
	for i, blk := range b.order {
		perm[blk] = lir.BlockID(i)
	}
	f.RenumberBlocks(perm)
	RemoveUnreachable(f)
	if b.fallOff >= 0 && stillThere(f, b.fallOff) {
		return fmt.Errorf("%s: missing return at end of function @%s", posOf(f), f.Name)
	}
	return nil
}

// startsWithUntargetedLabel reports whether the code starts with a label
// no jump targets, which can then serve as the entry block.
func startsWithUntargetedLabel(f *lir.Func) bool {
	if len(f.Linear) == 0 {
		return false
	}
	first, ok := f.Instrs[f.Linear[0]].(*lir.Label)
	if !ok {
		return false
	}
	var succs []lir.BlockID
	for _, id := range f.Linear {
		for _, t := range lir.Successors(f.Instrs[id], succs[:0]) {
			if t == first.Block {
				return false
			}
		}
	}
	return true
}

func posOf(f *lir.Func) string {
	if f.Pos.File == "" && !f.Pos.IsValid() {
		return "<unknown>"
	}
	return f.Pos.String()
}

type builder struct {
	f       *lir.Func
	names   map[string]bool
	order   []lir.BlockID // blocks in layout order
	cur     lir.BlockID   // block being filled, -1 after a terminator
	fallOff lir.InstrID   // the unreachable placed at the end of a value function
	entry   bool          // the entry block has been created
}

func (b *builder) add(id lir.InstrID) {
	f := b.f
	if !b.entry {
		// A fresh entry, so that the entry never has predecessors.
		b.start(b.fresh("entry"))
		b.entry = true
	}
	in := f.Instrs[id]
	if l, ok := in.(*lir.Label); ok {
		if b.cur >= 0 {
			b.emit(&lir.Jump{Target: l.Block}) // fall through
		}
		b.start(l.Block)
		return
	}
	if b.cur < 0 {
		b.start(b.fresh("b"))
	}
	f.Blocks[b.cur].Instrs = append(f.Blocks[b.cur].Instrs, id)
	if lir.IsTerminator(in) {
		b.cur = -1
	}
}

func (b *builder) start(blk lir.BlockID) {
	b.order = append(b.order, blk)
	b.f.Blocks[blk].Instrs = b.f.Blocks[blk].Instrs[:0]
	b.cur = blk
}

func (b *builder) emit(in lir.Instr) lir.InstrID {
	id := b.f.NewInstr(in)
	b.f.Blocks[b.cur].Instrs = append(b.f.Blocks[b.cur].Instrs, id)
	return id
}

// finish terminates the last block if control can fall off the end.
func (b *builder) finish() {
	b.fallOff = -1
	if !b.entry {
		b.start(b.fresh("entry"))
	}
	if b.cur < 0 {
		return
	}
	if b.f.Result == lir.Void {
		b.emit(&lir.Return{})
		return
	}
	b.fallOff = b.emit(&lir.Unreachable{})
}

func (b *builder) fresh(prefix string) lir.BlockID {
	return b.f.NewBlock(freshName(b.names, prefix))
}

// blockNames returns the set of labels in use.
func blockNames(f *lir.Func) map[string]bool {
	names := make(map[string]bool, len(f.Blocks))
	for i := range f.Blocks {
		names[f.BlockName(lir.BlockID(i))] = true
	}
	return names
}

// freshName returns prefix, or prefix followed by a number, not in names,
// and adds it.
func freshName(names map[string]bool, prefix string) string {
	name := prefix
	for i := len(names); names[name]; i++ {
		name = fmt.Sprintf("%s%d", prefix, i)
	}
	names[name] = true
	return name
}

func stillThere(f *lir.Func, id lir.InstrID) bool {
	for b := range f.Blocks {
		ins := f.Blocks[b].Instrs
		if len(ins) > 0 && ins[len(ins)-1] == id {
			return true
		}
	}
	return false
}
