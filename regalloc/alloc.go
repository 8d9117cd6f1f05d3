package regalloc

import (
	"fmt"
	"slices"

	"github.com/naturekit/naturekit/lir"
)

// Result describes what Allocate did. The function itself is rewritten
// in place; Result keeps what emission and tests need besides it.
type Result struct {
	// SpillSlots lists the stack slots Allocate added to the function:
	// one per value that spends part of its life in memory, plus at most
	// one per class for breaking cycles of moves between slots.
	SpillSlots []lir.SlotID
	// CalleeSaved lists, ascending, the callee-saved registers the
	// allocated function writes; emission saves them in the prologue and
	// restores them in the epilogue.
	CalleeSaved []int

	f     *lir.Func
	t     *Target
	order []lir.BlockID
	from  []int
	to    []int
	roots []*interval // virtual intervals in order of value
	fixed []*interval // by register number; nil where never used
}

// allocator holds the state of one Allocate call. Everything lives here,
// so concurrent calls share nothing.
type allocator struct {
	f *lir.Func
	t *Target

	// Block order and numbering (order.go, number.go).
	order     []lir.BlockID // blocks in allocation order
	index     []int         // position of each block in order
	depth     []int         // loop depth of each block
	backEdges [][2]lir.BlockID
	quickExit []bool        // per block: a return is reachable from it without a call (exits.go)
	from, to  []int         // per block: position of its start and one past its end
	code      []lir.InstrID // position/2 -> instruction; -1 at block starts
	blockAt   []lir.BlockID // position/2 -> block

	// Liveness and intervals (live.go, build.go).
	liveIn [][]lir.Value // per block, values live on entry (phi results excluded)
	vint   []*interval   // per value, its interval before splitting; nil if it has none
	fixed  []*interval   // per register number, its fixed interval
	nextID int           // identifies intervals, to order ties deterministically
	alloc  [NumClasses][]int

	// The walk (walk.go).
	unhandled intervalHeap
	active    []*interval
	inactive  []*interval
	free, use []int // per register: free-until and next-use positions

	// Spilling and resolution.
	res      *Result
	tempSlot [NumClasses]lir.SlotID // -1 until a cycle through memory needs it
	rands    []*lir.Operand
}

// maxPos is later than every position.
const maxPos = int(^uint(0) >> 2)

// Allocate assigns registers to the virtual registers of f, which must
// be in SSA form with its critical edges split, and rewrites f in place
// into allocated form (see the package documentation).
func Allocate(f *lir.Func, t *Target) (*Result, error) {
	if err := lir.CheckForm(f, lir.SSA, "regalloc"); err != nil {
		return nil, err
	}
	if err := t.check(); err != nil {
		return nil, err
	}
	a := &allocator{f: f, t: t, res: &Result{f: f, t: t}}
	a.tempSlot = [NumClasses]lir.SlotID{-1, -1}
	for c := range NumClasses {
		a.alloc[c] = t.Allocatable[c]
	}
	a.normalizeBranches()
	if err := a.orderBlocks(); err != nil {
		return nil, err
	}
	a.number()
	a.computeQuickExits()
	a.computeLiveIn()
	if err := a.buildIntervals(); err != nil {
		return nil, err
	}
	for c := range NumClasses {
		if err := a.walk(Class(c)); err != nil {
			return nil, err
		}
	}
	if err := a.rewrite(); err != nil {
		return nil, err
	}
	a.finish()
	return a.res, nil
}

// check reports a Target the allocator cannot work with.
func (t *Target) check() error {
	n := len(t.Regs)
	for c := range NumClasses {
		for _, r := range t.Allocatable[c] {
			if r < 0 || r >= n || t.Regs[r].Class != Class(c) {
				return fmt.Errorf("regalloc: target %s: allocatable register %d is not in class %d", t.Name, r, c)
			}
		}
		if s := t.Scratch[c]; s < 0 || s >= n || slices.Contains(t.Allocatable[c], s) {
			return fmt.Errorf("regalloc: target %s: scratch register %d of class %d must exist and not be allocatable", t.Name, s, c)
		}
	}
	return nil
}

// normalizeBranches turns a br whose targets are the same block into a
// jmp: such a block has one successor, so edge moves go before its
// terminator, and they must not overwrite the condition it still reads.
func (a *allocator) normalizeBranches() {
	f := a.f
	for b := range f.Blocks {
		ins := f.Blocks[b].Instrs
		if len(ins) == 0 {
			continue
		}
		if br, ok := f.Instrs[ins[len(ins)-1]].(*lir.Branch); ok && br.Then == br.Else {
			ins[len(ins)-1] = f.NewInstr(&lir.Jump{Target: br.Then})
		}
	}
}

// finish fills in the Result once the code is rewritten.
func (a *allocator) finish() {
	r := a.res
	r.order, r.from, r.to = a.order, a.from, a.to
	r.fixed = a.fixed
	for _, it := range a.vint {
		if it != nil {
			r.roots = append(r.roots, it)
		}
	}
	saved := make([]bool, len(a.t.Regs))
	for _, b := range a.order {
		for _, id := range a.f.Blocks[b].Instrs {
			if d := a.f.Instrs[id].Dest(); d != nil && d.Kind == lir.PhysOperand {
				if n := int(d.Index); n < len(saved) && a.t.Regs[n].CalleeSaved {
					saved[n] = true
				}
			}
		}
	}
	for n, s := range saved {
		if s {
			r.CalleeSaved = append(r.CalleeSaved, n)
		}
	}
}
