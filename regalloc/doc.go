// Package regalloc is naturekit's register allocator: linear scan on SSA
// form, after Wimmer and Franz ("Linear Scan Register Allocation on SSA
// Form", CGO 2010). It knows no architecture: a Target describes the
// registers.
//
//	res, err := regalloc.Allocate(f, target)
//
// Allocate takes a function in SSA form with critical edges split (see
// packages ssa and cfg) whose machine constraints were expressed by
// lowering as physical-register operands, and rewrites it in place into
// allocated form: every virtual register replaced by a physical register
// or a spill slot access, phis removed by moves on the incoming edges.
//
// The allocated form is ordinary LIR in which every register operand is
// physical ($N, the Target's numbering); a value that lives in memory is
// stored with "store.T $r, [ssK]" and reloaded with "$r:T = load.T
// [ssK]" into spill slots the allocator creates with Func.NewSlot; moves
// are "copy" instructions between physical registers, sequentialised
// from parallel moves (cycles broken through the Target's scratch
// register). lir's text format prints and parses it, and the lir
// interpreter runs it, which is how the tests check the allocator.
//
// Parameters stay virtual registers in the function's signature: the
// top of the entry block copies each parameter that is used from its
// virtual register (%N, set by the caller in the interpreter) to its
// location, and those copies are the only reads of virtual registers
// left. Lowering that takes parameters from ABI registers instead
// copies them out of the physical registers itself and leaves the
// virtual parameters unused. The allocated function is in lir.CFG form
// and passes lir.Verify.
//
// # The algorithm
//
// Allocate runs the steps of Wimmer and Franz, with the splitting and
// spilling of Wimmer and Mössenböck ("Optimized Interval Splitting in a
// Linear Scan Register Allocator", VEE 2005):
//
//  1. Block order (order.go): reverse postorder, successors visited
//     last to first so that loop bodies stay together; loop depths from
//     the natural loops of the back edges.
//  2. Numbering (number.go): every instruction gets an even position,
//     every block one more position at its start, where its phis define
//     their results; odd positions between instructions take the moves
//     splitting adds.
//  3. Liveness (live.go): the values live into each block, found by
//     walking backwards from each use to the definition.
//  4. Intervals (build.go): one backward pass over the blocks gives each
//     value its ranges and use positions, and each physical register a
//     fixed interval covering its operands and every call that destroys
//     it (Target.CallerSaved at each call, Target.Clobbers). Copies and
//     phis give register hints.
//  5. The walk (walk.go, split.go): intervals in order of start meet
//     the active and inactive sets. tryAllocateFreeReg gives a register
//     free for the whole interval (the hint if possible), or for a first
//     part, splitting the rest off; allocateBlockedReg spills the
//     interval until its first use, or takes the register whose next use
//     is farthest and splits and spills its holders. Split positions
//     prefer block boundaries of smaller loop depth; every spilled value
//     gets one slot, shared by all its parts. A value live across a call
//     intersects the fixed intervals of the caller-saved registers, so it
//     ends in a callee-saved register or in memory. If it is also live
//     on a path to a return without a call (exits.go), it takes a
//     caller-saved register there and moves to the callee-saved one on
//     the calling path, so that a shrink-wrapping back end need not
//     save anything on the quick path. Before the walk, a pre-pass
//     (loopcalls.go) sends loop invariants home to memory for a loop
//     where more values are live across a call than there are
//     callee-saved registers: the least used ones live in their spill
//     slot through the loop and are loaded just before each use.
//  6. Resolution (resolve.go): on every edge, moves for the values whose
//     location differs at its two ends and for the phis of its target;
//     critical edges are split, so each edge has one place for them.
//  7. Rewriting (rewrite.go, moves.go): operands become physical
//     registers, moves are inserted as copies, loads and stores, each
//     parallel move sequentialised with cycles broken through
//     Target.Scratch (or a temporary slot for a cycle between slots),
//     and phis disappear.
//
// Result.Intervals prints the intervals, their parts and locations, for
// golden tests and debugging.
package regalloc
