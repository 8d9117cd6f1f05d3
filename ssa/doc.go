// Package ssa converts LIR functions to static single assignment form and
// optimises them.
//
// # Analyses
//
// The analyses work on a function in block form (lir.CFG or lir.SSA),
// such as cfg.Build produces:
//
//	dom := lir.Dominators(f)        // Cooper–Harvey–Kennedy; dom.Idom, dom.Children
//	df := ssa.Frontiers(f, dom)     // dominance frontier of each block
//	ud := ssa.ComputeUseDef(f)      // per block: registers read before written, and written
//	lv := ssa.ComputeLiveness(f)    // per block: live-in and live-out registers
//
// Each has a Format function giving the text the golden tests show, one
// block per line:
//
//	loop: idom entry children [body done]      (lir.DomTree.Format)
//	body: [loop]                                (FormatFrontiers)
//	body: in [%0 %1 %2] out [%0 %1 %2]          (FormatLiveness)
//
// # Construction
//
// Build converts a function from cfg form to SSA form along the classic
// route the Nature compiler documents: dominators, dominance frontiers,
// phi insertion at the iterated frontier of each register's definitions
// (semi-pruned: only registers live across a block boundary get phis),
// and renaming in a walk of the dominator tree. The Nature compiler's
// first example,
//
//	int foo = 1
//	foo = foo + 2
//	if (true) { int car = 4; foo = 2 } else { int car = 5; foo = 3 }
//	println(foo)
//
// becomes (foo is %0 in the linear code; see testdata/nature_example1.txtar)
//
//	entry:
//		%0:i64 = copy 1
//		%4:i64 = add %0, 2
//		%3:i8 = copy 1
//		br %3, if_then, if_else
//	if_then:
//		%1:i64 = copy 4
//		%5:i64 = copy 2
//		jmp if_end
//	if_else:
//		%2:i64 = copy 5
//		%6:i64 = copy 3
//		jmp if_end
//	if_end:
//		%7:i64 = phi [if_then: %5], [if_else: %6]
//		call @println(i64 %7)
//		ret
//
// # Optimisation
//
// Each pass is a function from *lir.Func in SSA form to an error, is
// independent of the others, and leaves a function lir.Verify accepts:
//
//	SCCP              sparse conditional constant propagation (Wegman–Zadeck)
//	CopyProp          removes copies and trivial phis
//	SimplifyBranches  folds branches on constants, prunes and merges blocks
//	GVN               dominator-based global value numbering (CSE)
//	BCE               folds branches the dominating branches decide:
//	                  repeated and induction-variable bounds checks
//	Strength          multiply, divide and remainder by powers of two as
//	                  shifts and masks
//	LoadElim          redundant load elimination, store-to-load forwarding
//	LICM              loop-invariant code motion into preheaders
//	DCE               mark-and-sweep dead code elimination
//
// Inline is a module pass (Pass.Module): it copies small leaf functions
// into their callers, in linear form, before the function passes run.
//
// Passes returns them as a list in the default order; a driver switches
// passes off by filtering the list, and Optimize runs a list, optionally
// verifying after each pass. On the example above the full list leaves
//
//	entry:
//		call @println(i64 2)
//		ret
//
// Construction and every pass take time near-linear in the size of the
// function (the scaling test and benchmark are in scale_test.go, results
// in docs/middle.md). The tests check each pass against golden files and
// run thousands of random programs through the interpreter before and
// after every step.
package ssa
