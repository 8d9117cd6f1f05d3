package interp

import (
	"errors"
	"fmt"

	"github.com/naturekit/naturekit/lir"
)

type frame struct {
	m     *Machine
	f     *lir.Func
	regs  []uint64
	phys  []uint64
	slots []uint64 // address of each stack slot
	args  []uint64 // scratch for calls
}

func (m *Machine) callFunc(f *lir.Func, args []uint64) (uint64, error) {
	if len(args) != len(f.Params) {
		return 0, fmt.Errorf("@%s: called with %d arguments, want %d", f.Name, len(args), len(f.Params))
	}
	if m.depth >= m.MaxDepth {
		return 0, fmt.Errorf("@%s: call depth limit %d exceeded", f.Name, m.MaxDepth)
	}
	m.depth++
	sp := len(m.stack)
	defer func() {
		m.depth--
		m.stack = m.stack[:sp]
	}()
	fr := &frame{m: m, f: f, regs: make([]uint64, len(f.Values)), slots: make([]uint64, len(f.Slots))}
	for i, s := range f.Slots {
		n := int64(len(m.stack))
		align := max(s.Align, 1)
		n = (n + align - 1) &^ (align - 1)
		if s.Size < 0 || n+s.Size > maxMemory {
			return 0, fmt.Errorf("@%s: stack overflow allocating ss%d (%d bytes)", f.Name, i, s.Size)
		}
		m.stack = grow(m.stack, n+s.Size)
		clear(m.stack[n : n+s.Size])
		fr.slots[i] = stackBase + uint64(n)
	}
	for i, p := range f.Params {
		fr.regs[p] = lir.Truncate(f.Values[p].Type, args[i])
	}
	if f.Form == lir.Linear {
		return fr.runLinear()
	}
	return fr.runBlocks()
}

func (fr *frame) step() error {
	fr.m.steps++
	if fr.m.MaxSteps > 0 && fr.m.steps > fr.m.MaxSteps {
		return fmt.Errorf("@%s: step limit %d exceeded", fr.f.Name, fr.m.MaxSteps)
	}
	return nil
}

func (fr *frame) runLinear() (uint64, error) {
	f := fr.f
	pos, ok := fr.m.labels[f]
	if !ok {
		pos = make([]int, len(f.Blocks))
		for i, id := range f.Linear {
			if l, ok := f.Instrs[id].(*lir.Label); ok {
				pos[l.Block] = i
			}
		}
		fr.m.labels[f] = pos
	}
	for pc := 0; pc < len(f.Linear); {
		if err := fr.step(); err != nil {
			return 0, err
		}
		in := f.Instrs[f.Linear[pc]]
		pc++
		switch in := in.(type) {
		case *lir.Label:
		case *lir.Jump:
			pc = pos[in.Target]
		case *lir.Branch:
			if fr.operand(in.Cond) != 0 {
				pc = pos[in.Then]
			} else {
				pc = pos[in.Else]
			}
		case *lir.Return:
			return fr.result(in), nil
		default:
			if err := fr.exec(in); err != nil {
				return 0, err
			}
		}
	}
	if f.Result != lir.Void {
		return 0, fmt.Errorf("%w: @%s: control falls off the end", ErrTrap, f.Name)
	}
	return 0, nil
}

func (fr *frame) result(in *lir.Return) uint64 {
	if in.Val.Kind == lir.NoOperand {
		return 0
	}
	return fr.operand(in.Val)
}

func (fr *frame) runBlocks() (uint64, error) {
	f := fr.f
	b, pred := lir.BlockID(0), lir.BlockID(-1)
	var phiVals []uint64
	for {
		ids := f.Blocks[b].Instrs
		i := 0
		// Phis read their operands before any of them is written.
		phiVals = phiVals[:0]
		for ; i < len(ids); i++ {
			phi, ok := f.Instrs[ids[i]].(*lir.Phi)
			if !ok {
				break
			}
			v, err := fr.phiValue(phi, pred)
			if err != nil {
				return 0, err
			}
			phiVals = append(phiVals, v)
		}
		for k, v := range phiVals {
			fr.write(f.Instrs[ids[k]].(*lir.Phi).Dst, v)
		}
		next := lir.BlockID(-1)
		for ; i < len(ids) && next < 0; i++ {
			if err := fr.step(); err != nil {
				return 0, err
			}
			switch in := f.Instrs[ids[i]].(type) {
			case *lir.Jump:
				next = in.Target
			case *lir.Branch:
				if fr.operand(in.Cond) != 0 {
					next = in.Then
				} else {
					next = in.Else
				}
			case *lir.Return:
				return fr.result(in), nil
			default:
				if err := fr.exec(in); err != nil {
					return 0, err
				}
			}
		}
		if next < 0 {
			return 0, fmt.Errorf("%w: @%s: block %s has no terminator", ErrTrap, f.Name, f.BlockName(b))
		}
		b, pred = next, b
	}
}

func (fr *frame) phiValue(phi *lir.Phi, pred lir.BlockID) (uint64, error) {
	for _, e := range phi.Edges {
		if e.Pred == pred {
			return fr.operand(e.Val), nil
		}
	}
	return 0, fmt.Errorf("@%s: phi %s has no edge from %s", fr.f.Name, fr.f.FormatInstr(phi), fr.f.BlockName(pred))
}

func (fr *frame) operand(o lir.Operand) uint64 {
	switch o.Kind {
	case lir.RegOperand:
		return fr.regs[o.Index]
	case lir.IntOperand, lir.FloatOperand:
		return lir.ConstBits(o)
	case lir.PhysOperand:
		if int(o.Index) < len(fr.phys) {
			return lir.Truncate(o.Type, fr.phys[o.Index])
		}
	case lir.SlotOperand:
		return fr.slots[o.Index]
	case lir.SymOperand:
		return fr.m.syms[fr.f.Syms[o.Index]]
	}
	return 0
}

func (fr *frame) write(dst lir.Operand, x uint64) {
	x = lir.Truncate(dst.Type, x)
	switch dst.Kind {
	case lir.RegOperand:
		fr.regs[dst.Index] = x
	case lir.PhysOperand:
		for int(dst.Index) >= len(fr.phys) {
			fr.phys = append(fr.phys, 0)
		}
		fr.phys[dst.Index] = x
	}
}

func (fr *frame) exec(in lir.Instr) error {
	switch in := in.(type) {
	case *lir.Binary:
		x, err := lir.EvalBinary(in.Opcode, in.Dst.Type, fr.operand(in.X), fr.operand(in.Y))
		if err != nil {
			if errors.Is(err, lir.ErrDivideByZero) {
				err = fmt.Errorf("%w: %w", ErrTrap, err)
			}
			return fmt.Errorf("@%s: %s: %w", fr.f.Name, fr.f.FormatInstr(in), err)
		}
		fr.write(in.Dst, x)
	case *lir.Unary:
		fr.write(in.Dst, lir.EvalUnary(in.Opcode, in.Dst.Type, fr.operand(in.X)))
	case *lir.Compare:
		if lir.EvalCompare(in.Opcode, in.X.Type, fr.operand(in.X), fr.operand(in.Y)) {
			fr.write(in.Dst, 1)
		} else {
			fr.write(in.Dst, 0)
		}
	case *lir.Convert:
		fr.write(in.Dst, lir.EvalConvert(in.Opcode, in.X.Type, in.Dst.Type, fr.operand(in.X)))
	case *lir.Load:
		x, err := fr.m.Load(fr.operand(in.Addr)+uint64(in.Off), in.Dst.Type.Size())
		if err != nil {
			return fmt.Errorf("@%s: %s: %w", fr.f.Name, fr.f.FormatInstr(in), err)
		}
		fr.write(in.Dst, x)
	case *lir.Store:
		if err := fr.m.Store(fr.operand(in.Addr)+uint64(in.Off), in.Val.Type.Size(), fr.operand(in.Val)); err != nil {
			return fmt.Errorf("@%s: %s: %w", fr.f.Name, fr.f.FormatInstr(in), err)
		}
	case *lir.Addr:
		idx := uint64(lir.SignExtend(in.Index.Type, fr.operand(in.Index)))
		fr.write(in.Dst, fr.operand(in.Base)+idx*uint64(in.Scale)+uint64(in.Off))
	case *lir.Call:
		return fr.call(in)
	case *lir.Safepoint:
	case *lir.Phi:
		return fmt.Errorf("@%s: phi outside a block top", fr.f.Name)
	case *lir.Unreachable:
		return fmt.Errorf("%w: @%s: unreachable executed", ErrTrap, fr.f.Name)
	default:
		return fmt.Errorf("@%s: cannot execute %s", fr.f.Name, in.Op())
	}
	return nil
}

func (fr *frame) call(in *lir.Call) error {
	args := make([]uint64, len(in.Args))
	for i, a := range in.Args {
		args[i] = fr.operand(a)
	}
	var r uint64
	var err error
	if in.Opcode == lir.OpCallInd {
		r, err = fr.m.callAddr(fr.operand(in.Callee), args)
	} else {
		r, err = fr.m.callSym(fr.f.Syms[in.Callee.Index], args)
	}
	if err != nil {
		return err
	}
	if in.Dst.Kind != lir.NoOperand {
		fr.write(in.Dst, r)
	}
	return nil
}

// grow extends b with zeros to length n.
func grow(b []byte, n int64) []byte {
	if int64(len(b)) >= n {
		return b
	}
	return append(b, make([]byte, n-int64(len(b)))...)
}
