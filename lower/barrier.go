package lower

import "github.com/naturekit/naturekit/lir"

// BarrierSlowSymbol is the runtime's routine a barriered store
// (lir.Store with Barrier) calls while the collector's marking flag is
// set, with the slot and the value on the stack: it saves every register
// it may clobber, calls WriteBarrierSymbol(slot, val), which stores,
// restores them and pops its arguments (rt/lang's barrier_<arch>.asm;
// docs/runtime-abi.md, "The write barrier").
const BarrierSlowSymbol = "nk.gc.barrier.slow"

// BarrierStores turns every call of WriteBarrierSymbol(slot, val) in f
// into a barriered store of val at slot (Options.Barriers; Backend does
// it after the SSA passes and before the target's Lower, so no pass
// sees the marking flag's test, and the register allocator sees a store
// with its operands in any registers, not a call).
func BarrierStores(f *lir.Func) {
	for _, id := range f.Code() {
		c, ok := f.Instrs[id].(*lir.Call)
		if !ok || c.Opcode == lir.OpCallInd || c.Dst.Kind != lir.NoOperand || len(c.Args) != 2 ||
			c.Callee.Kind != lir.SymOperand || f.Syms[c.Callee.Index] != WriteBarrierSymbol {
			continue
		}
		f.Instrs[id] = &lir.Store{Val: c.Args[1], Addr: c.Args[0], Barrier: true}
	}
}
