// Package cfg turns a function in lir's Linear form into basic blocks and
// keeps the control-flow graph in the shape the later stages need.
//
// A front end emits a flat sequence of instructions with labels and
// jumps; Build cuts it into basic blocks (a block starts at every label
// and after every terminator, and falling through a label becomes an
// explicit jmp), orders the blocks as they appeared, fills in the
// predecessor and successor lists, removes the blocks no path from the
// entry reaches, and reports a function that can run off its end without
// returning a value:
//
//	f := ... // *lir.Func in lir.Linear form
//	if err := cfg.Build(f); err != nil {
//		// main.n:3:1: missing return at end of function @f
//	}
//	cfg.SplitCriticalEdges(f) // before register allocation
//
// After Build, f is in lir.CFG form: Blocks[0] is the entry and has no
// predecessors, every block ends in exactly one terminator, and
// Block.Preds and Block.Succs match the terminators. The entry has no
// predecessors so that SSA construction never needs a phi there.
//
// For example, this linear function
//
//	func @f(%0:i64) i64 linear {
//		br %0, pos, neg
//	pos:
//		ret 1
//	neg:
//		%1:i64 = copy 2
//	}
//
// falls off its end through neg, so Build reports
// "missing return at end of function @f" at the function's position.
// Had neg ended in "ret %1" it would become three blocks: entry (made up
// by Build, since the code does not start with a label, and holding the
// br), pos and neg. The examples show the printed results.
//
// SplitCriticalEdges puts an empty block on every edge from a block with
// several successors to a block with several predecessors, so that the
// register allocator can place moves on an edge; RemoveUnreachable drops
// blocks that cannot run and the phi edges that came from them. Both
// keep phis consistent, so they work on SSA form too.
package cfg
