package ssa

import (
	"fmt"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
)

// Build converts f from cfg form to SSA form, the classic way: dominators,
// dominance frontiers, phi insertion at the iterated frontiers of each
// register's definitions, and renaming along the dominator tree.
//
// Phis are semi-pruned (Briggs et al.): only registers read in some block
// before being written there ("non-local" registers) get phis, which
// drops most dead phis without computing liveness. The remaining dead
// ones are left to DCE.
//
// Renaming keeps the first definition of each register (in dominator
// tree preorder) under its old number and gives every other definition a
// fresh register, so code that was already in SSA form does not change.
// A read that no definition reaches (the front end left a variable
// unassigned on some path) becomes the constant zero of its type, which is
// what the interpreter's zeroed registers hold.
//
// Build first removes unreachable blocks, and fails on physical registers.
func Build(f *lir.Func) error {
	if err := lir.VerifyForm(f, lir.CFG, "ssa.Build"); err != nil {
		return err
	}
	if len(f.Blocks[0].Preds) > 0 {
		return fmt.Errorf("ssa.Build: @%s: the entry block has predecessors", f.Name)
	}
	cfg.RemoveUnreachable(f)
	c := &construction{f: f, nvars: len(f.Values)}
	if err := c.collect(); err != nil {
		return err
	}
	c.dom = lir.Dominators(f)
	c.placePhis(Frontiers(f, c.dom))
	c.rename()
	f.Form = lir.SSA
	f.Compact()
	return nil
}

type construction struct {
	f     *lir.Func
	nvars int // registers before renaming
	dom   *lir.DomTree

	defBlocks [][]lir.BlockID // per register: blocks that write it
	nonLocal  []bool          // per register: read before written in some block
	phis      [][]phiVar      // per block: the phis placed there
}

type phiVar struct {
	v   lir.Value
	phi *lir.Phi
}

// collect finds, for each register, the blocks defining it and whether it
// is non-local.
func (c *construction) collect() error {
	f := c.f
	c.defBlocks = make([][]lir.BlockID, c.nvars)
	c.nonLocal = make([]bool, c.nvars)
	for _, p := range f.Params {
		c.defBlocks[p] = append(c.defBlocks[p], 0)
	}
	ud := ComputeUseDef(f)
	for b := range f.Blocks {
		for _, v := range ud.Uses[b] {
			c.nonLocal[v] = true
		}
		for _, v := range ud.Defs[b] {
			c.defBlocks[v] = append(c.defBlocks[v], lir.BlockID(b))
		}
		for _, id := range f.Blocks[b].Instrs {
			in := f.Instrs[id]
			if _, ok := in.(*lir.Phi); ok {
				return fmt.Errorf("ssa.Build: @%s: phi in cfg form", f.Name)
			}
			if d := in.Dest(); d != nil && d.Kind == lir.PhysOperand {
				return fmt.Errorf("ssa.Build: @%s: physical register in %s", f.Name, f.FormatInstr(in))
			}
		}
	}
	return nil
}

// placePhis inserts a phi for each non-local register at the iterated
// dominance frontier of its definitions.
func (c *construction) placePhis(df [][]lir.BlockID) {
	f := c.f
	c.phis = make([][]phiVar, len(f.Blocks))
	hasPhi := make([]int32, len(f.Blocks)) // stamp: register+1 with a phi here
	queued := make([]int32, len(f.Blocks))
	var work []lir.BlockID
	for v := range c.nvars {
		if !c.nonLocal[v] || len(c.defBlocks[v]) == 0 {
			continue
		}
		stamp := int32(v + 1)
		work = append(work[:0], c.defBlocks[v]...)
		for _, b := range work {
			queued[b] = stamp
		}
		for len(work) > 0 {
			b := work[len(work)-1]
			work = work[:len(work)-1]
			for _, d := range df[b] {
				if hasPhi[d] == stamp {
					continue
				}
				hasPhi[d] = stamp
				preds := f.Blocks[d].Preds
				phi := &lir.Phi{Dst: f.Reg(lir.Value(v)), Edges: make([]lir.PhiEdge, len(preds))}
				for i, p := range preds {
					phi.Edges[i].Pred = p
				}
				c.phis[d] = append(c.phis[d], phiVar{lir.Value(v), phi})
				if queued[d] != stamp {
					queued[d] = stamp
					work = append(work, d)
				}
			}
		}
	}
}

// renamer state: the current name of each original register. Instead of
// a stack of names per register, one log records the name each
// definition replaced, and leaving a block restores them in reverse.
type renamer struct {
	*construction
	current []lir.Operand // per original register; NoOperand if none reaches
	kept    []bool        // the register's own number has been used
	log     []renamed
	rands   []*lir.Operand
}

type renamed struct {
	v    lir.Value
	prev lir.Operand
}

func (c *construction) rename() {
	f := c.f
	r := &renamer{
		construction: c,
		current:      make([]lir.Operand, c.nvars),
		kept:         make([]bool, c.nvars),
	}
	for _, p := range f.Params {
		r.kept[p] = true
		r.current[p] = f.Reg(p)
	}
	type frame struct {
		b     lir.BlockID
		mark  int // len(pushed) on entry
		child int
	}
	stack := []frame{{0, 0, -1}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.child < 0 {
			top.mark = len(r.log)
			r.block(top.b)
			top.child = 0
		}
		if kids := c.dom.Children[top.b]; top.child < len(kids) {
			k := kids[top.child]
			top.child++
			stack = append(stack, frame{k, 0, -1})
			continue
		}
		for i := len(r.log) - 1; i >= top.mark; i-- {
			r.current[r.log[i].v] = r.log[i].prev
		}
		r.log = r.log[:top.mark]
		stack = stack[:len(stack)-1]
	}
	// Put the phis at the tops of their blocks.
	for b, ps := range c.phis {
		if len(ps) == 0 {
			continue
		}
		ids := make([]lir.InstrID, 0, len(ps)+len(f.Blocks[b].Instrs))
		for _, p := range ps {
			ids = append(ids, f.NewInstr(p.phi))
		}
		f.Blocks[b].Instrs = append(ids, f.Blocks[b].Instrs...)
	}
}

// block renames the definitions and uses in b and fills in the phi edges
// of b's successors.
func (r *renamer) block(b lir.BlockID) {
	f := r.f
	for _, p := range r.phis[b] {
		p.phi.Dst = r.define(p.v)
	}
	for _, id := range f.Blocks[b].Instrs {
		in := f.Instrs[id]
		r.rands = in.Operands(r.rands[:0])
		for _, o := range r.rands {
			if o.Kind == lir.RegOperand && int(o.Index) < r.nvars {
				*o = r.use(o.Value())
			}
		}
		if d := in.Dest(); d != nil && d.Kind == lir.RegOperand && int(d.Index) < r.nvars {
			*d = r.define(d.Value())
		}
	}
	for _, s := range f.Blocks[b].Succs {
		for _, p := range r.phis[s] {
			for i := range p.phi.Edges {
				if p.phi.Edges[i].Pred == b {
					p.phi.Edges[i].Val = r.use(p.v)
				}
			}
		}
	}
}

func (r *renamer) define(v lir.Value) lir.Operand {
	name := r.f.Reg(v)
	if r.kept[v] {
		name = r.f.Reg(r.f.NewValue(r.f.Values[v].Type))
	}
	r.kept[v] = true
	r.log = append(r.log, renamed{v, r.current[v]})
	r.current[v] = name
	return name
}

func (r *renamer) use(v lir.Value) lir.Operand {
	if o := r.current[v]; o.Kind != lir.NoOperand {
		return o
	}
	return zero(r.f.Values[v].Type)
}

// zero returns the constant zero of type t.
func zero(t lir.Type) lir.Operand {
	if t.IsFloat() {
		return lir.Float(t, 0)
	}
	return lir.Int(t, 0)
}
