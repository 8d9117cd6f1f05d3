package lir

// NewFunc returns an empty function in Linear form with one parameter
// register per entry of params.
func NewFunc(name string, result Type, params ...Type) *Func {
	f := &Func{Name: name, Result: result, Form: Linear, Linear: []InstrID{}}
	for _, t := range params {
		f.Params = append(f.Params, f.NewValue(t))
	}
	return f
}

// A Builder appends instructions to a function: to the linear sequence in
// Linear form, or to the current block (see SetBlock) in block form.
// Methods that compute a value allocate a fresh register and return it as
// an operand; Assign and BinaryTo write an existing register, which is how
// a front end represents a mutable variable before SSA construction.
type Builder struct {
	Func  *Func
	Block BlockID // current block in block form
	// Pos, when valid, is recorded as the source position of every
	// instruction Emit adds (Func.InstrPos).
	Pos Pos
}

// NewBuilder returns a Builder appending to f.
func NewBuilder(f *Func) *Builder { return &Builder{Func: f} }

// Emit appends in and returns its ID.
func (b *Builder) Emit(in Instr) InstrID {
	f := b.Func
	id := f.NewInstr(in)
	if b.Pos.IsValid() {
		f.SetInstrPos(id, b.Pos)
	}
	if f.Form == Linear {
		f.Linear = append(f.Linear, id)
	} else {
		f.Blocks[b.Block].Instrs = append(f.Blocks[b.Block].Instrs, id)
	}
	return id
}

// Param returns parameter i as an operand.
func (b *Builder) Param(i int) Operand { return b.Func.Reg(b.Func.Params[i]) }

// NewLabel creates a block to be placed later with Label (linear form) or
// SetBlock (block form).
func (b *Builder) NewLabel(name string) BlockID { return b.Func.NewBlock(name) }

// Label places label l here (linear form).
func (b *Builder) Label(l BlockID) { b.Emit(&Label{Block: l}) }

// SetBlock makes b the block that Emit appends to (block form).
func (b *Builder) SetBlock(id BlockID) { b.Block = id }

func (b *Builder) fresh(t Type) Operand { return b.Func.Reg(b.Func.NewValue(t)) }

// Binary emits x op y into a new register of x's type.
func (b *Builder) Binary(op Op, x, y Operand) Operand {
	dst := b.fresh(x.Type)
	b.Emit(&Binary{Opcode: op, Dst: dst, X: x, Y: y})
	return dst
}

// BinaryTo emits dst = x op y for an existing register dst.
func (b *Builder) BinaryTo(dst Value, op Op, x, y Operand) {
	b.Emit(&Binary{Opcode: op, Dst: b.Func.Reg(dst), X: x, Y: y})
}

// Unary emits op x into a new register.
func (b *Builder) Unary(op Op, x Operand) Operand {
	dst := b.fresh(x.Type)
	b.Emit(&Unary{Opcode: op, Dst: dst, X: x})
	return dst
}

// Assign emits dst = copy x.
func (b *Builder) Assign(dst Value, x Operand) {
	b.Emit(&Unary{Opcode: OpCopy, Dst: b.Func.Reg(dst), X: x})
}

// Compare emits x op y into a new i8 register holding 1 or 0.
func (b *Builder) Compare(op Op, x, y Operand) Operand {
	dst := b.fresh(I8)
	b.Emit(&Compare{Opcode: op, Dst: dst, X: x, Y: y})
	return dst
}

// Convert emits op x into a new register of type t.
func (b *Builder) Convert(op Op, t Type, x Operand) Operand {
	dst := b.fresh(t)
	b.Emit(&Convert{Opcode: op, Dst: dst, X: x})
	return dst
}

// FloatResize converts the float x to float type t: x itself when it
// has type t, else an fext or an ftrunc.
func (b *Builder) FloatResize(t Type, x Operand) Operand {
	switch {
	case x.Type == t:
		return x
	case t.Size() > x.Type.Size():
		return b.Convert(OpFExt, t, x)
	}
	return b.Convert(OpFTrunc, t, x)
}

// Load emits a load of type t from addr+off.
func (b *Builder) Load(t Type, addr Operand, off int64) Operand {
	dst := b.fresh(t)
	b.Emit(&Load{Dst: dst, Addr: addr, Off: off})
	return dst
}

// Store emits a store of v (v.Type wide) to addr+off.
func (b *Builder) Store(v, addr Operand, off int64) { b.Emit(&Store{Val: v, Addr: addr, Off: off}) }

// Addr emits base + index*scale + off into a new ptr register.
func (b *Builder) Addr(base, index Operand, scale, off int64) Operand {
	dst := b.fresh(Ptr)
	b.Emit(&Addr{Dst: dst, Base: base, Index: index, Scale: scale, Off: off})
	return dst
}

// Slot allocates a stack slot and returns its address.
func (b *Builder) Slot(size, align int64) Operand { return SlotAddr(b.Func.NewSlot(size, align)) }

// Symbol returns the address of the symbol name.
func (b *Builder) Symbol(name string) Operand { return SymAddr(b.Func.Sym(name)) }

// Call emits a call (op is OpCall, OpCallInd or OpRTCall). For result
// Void it returns the zero Operand.
func (b *Builder) Call(op Op, result Type, callee Operand, args ...Operand) Operand {
	in := &Call{Opcode: op, Callee: callee, Args: args}
	if result != Void {
		in.Dst = b.fresh(result)
	}
	b.Emit(in)
	return in.Dst
}

// Phi emits a phi of type t (block form; phis go first in their block).
func (b *Builder) Phi(t Type, edges ...PhiEdge) Operand {
	dst := b.fresh(t)
	b.Emit(&Phi{Dst: dst, Edges: edges})
	return dst
}

// Safepoint emits a safepoint marker.
func (b *Builder) Safepoint() { b.Emit(&Safepoint{}) }

// Jump emits jmp to.
func (b *Builder) Jump(to BlockID) { b.Emit(&Jump{Target: to}) }

// Branch emits br cond, then, els.
func (b *Builder) Branch(cond Operand, then, els BlockID) {
	b.Emit(&Branch{Cond: cond, Then: then, Else: els})
}

// Return emits ret v; pass the zero Operand for a void function.
func (b *Builder) Return(v Operand) { b.Emit(&Return{Val: v}) }

// Unreachable emits a trap.
func (b *Builder) Unreachable() { b.Emit(&Unreachable{}) }
