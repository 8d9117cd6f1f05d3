package linear

import "github.com/naturekit/naturekit/ast"

// defer (spec/semantics.md §8): deferred code runs when its block ends —
// the function body, an if or else body, one iteration of a loop body, a
// match arm, a try block or a catch handler — in LIFO order, whether the
// block falls off its end, is left by return, break or continue, or by
// an error going to a catch outside it or out of the function. It does
// not run on a panic (the process exits).
//
// Which defer statements of a block have run when control leaves it is
// known statically: those before the point of exit in the block's own
// statement list (a defer inside an if belongs to the if's block). So
// defers cost nothing at run time: each exit path inlines the deferred
// code of the blocks it leaves, innermost first, reading the variables
// as they are then.
//
// Deferred code cannot return, break, continue or throw (sema). An
// error raised in it by an errable call goes to the catch around the
// defer statement, or out of the function, and the deferred code not
// yet run is skipped, as the reference does (a deferred call that
// throws ends the function with its error, and the defers registered
// before it do not run); if an error was already leaving the function,
// the new one replaces it.

// blockScope is one block being lowered: the defer statements met so
// far in it.
type blockScope struct {
	defers []deferred
}

// deferred is a defer statement and the number of catches around it.
type deferred struct {
	stmt    *ast.DeferStmt
	catches int
}

// openBlock starts a block.
func (fb *funcBuilder) openBlock() {
	fb.flow.blocks = append(fb.flow.blocks, &blockScope{})
}

// closeBlock ends the innermost block: its defers run when control
// reaches its end.
func (fb *funcBuilder) closeBlock() {
	n := len(fb.flow.blocks)
	if !fb.dead {
		fb.runDefers(n - 1)
	}
	fb.flow.blocks = fb.flow.blocks[:n-1]
}

// block lowers list as a block of its own.
func (fb *funcBuilder) block(list []ast.Stmt) {
	fb.openBlock()
	fb.stmts(list)
	fb.closeBlock()
}

// deferStmt registers a defer statement in the innermost block.
func (fb *funcBuilder) deferStmt(s *ast.DeferStmt) {
	n := len(fb.flow.blocks)
	if n == 0 {
		fb.unsupported(s, "defer here")
	}
	b := fb.flow.blocks[n-1]
	b.defers = append(b.defers, deferred{stmt: s, catches: len(fb.flow.catches)})
}

// pendingDefers reports whether leaving the blocks from depth to (and
// above the floor) runs any deferred code.
func (fb *funcBuilder) pendingDefers(to int) bool {
	to = max(to, fb.flow.floor)
	for i := len(fb.flow.blocks) - 1; i >= to; i-- {
		if len(fb.flow.blocks[i].defers) > 0 {
			return true
		}
	}
	return false
}

// runDefers runs the deferred code of the blocks from depth to up,
// innermost first, as control leaves them.
func (fb *funcBuilder) runDefers(to int) {
	to = max(to, fb.flow.floor)
	for i := len(fb.flow.blocks) - 1; i >= to && !fb.dead; i-- {
		ds := fb.flow.blocks[i].defers
		for j := len(ds) - 1; j >= 0 && !fb.dead; j-- {
			fb.inlineDefer(ds[j])
		}
	}
}

// inlineDefer lowers one deferred statement here. While it runs, the
// blocks it is nested in are below the floor, and only the catches
// around its defer statement can see its errors.
func (fb *funcBuilder) inlineDefer(d deferred) {
	saved := fb.flow
	fb.flow.floor = len(fb.flow.blocks)
	fb.flow.catches = fb.flow.catches[:d.catches:d.catches]
	fb.block([]ast.Stmt{d.stmt.Body})
	fb.flow.floor = saved.floor
	fb.flow.catches = saved.catches
	fb.flow.blocks = saved.blocks
}
