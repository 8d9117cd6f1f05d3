package lang

import "github.com/naturekit/naturekit/rt/sys"

// Panics print "panic: '<message>' at <pos>" and a newline to standard
// output after whatever output is still buffered, and exit with status 1
// (spec/builtins.md §3 and §5). pos is the source position string the
// compiler passes, "dir/main.n:LINE:COL". The message is written piece by
// piece into the output buffer, so a panic never allocates.

// Exit flushes the output and ends the process with the given status.
func (r *Runtime) Exit(code int64) {
	r.exitLock() // co.go
	r.flush()
	sys.Exit(int(code))
}

// Panic is Nature's panic(msg).
func (r *Runtime) Panic(msg, pos *String) {
	r.panicStart()
	r.PrintString(msg)
	r.panicEnd(pos)
}

// Assert is Nature's assert(cond).
func (r *Runtime) Assert(cond bool, pos *String) {
	if !cond {
		r.panicStart()
		r.writeConst("assertion failed")
		r.panicEnd(pos)
	}
}

// panicStart begins a panic line.
func (r *Runtime) panicStart() {
	r.exitLock() // co.go
	r.writeConst("panic: '")
}

// panicEnd ends a panic line with the position and exits.
func (r *Runtime) panicEnd(pos *String) {
	r.writeConst("' at ")
	r.PrintString(pos)
	r.writeByte('\n')
	r.Exit(1)
}

// panicEndLine ends a panic line with the position of l, a line of the
// position table (pctab.go), or with none if l is nil, and exits.
func (r *Runtime) panicEndLine(l *pcLine) {
	if l != nil {
		r.writeConst("' at ")
		r.printPos(r.faults.table, l)
	} else {
		r.writeByte('\'')
	}
	r.writeByte('\n')
	r.Exit(1)
}

// PanicIndex reports index i outside a fixed array of length n: the
// compiler checks array indexes inline and calls it when one fails.
func (r *Runtime) PanicIndex(i, n int64, pos *String) { r.panicIndex(i, n, pos) }

// panicIndex reports an index i outside [0, n).
func (r *Runtime) panicIndex(i, n int64, pos *String) {
	r.panicStart()
	r.writeConst("index out of range [")
	r.PrintInt(i)
	r.writeConst("] with length ")
	r.PrintInt(n)
	r.panicEnd(pos)
}

// checkSlice panics unless 0 <= lo <= hi <= n. Bounds outside the vec
// are reported before the order of the bounds.
func (r *Runtime) checkSlice(lo, hi, n int64, pos *String) {
	if lo < 0 || lo > n || hi < 0 || hi > n {
		r.panicStart()
		r.writeConst("slice [")
		r.PrintInt(lo)
		r.writeByte(':')
		r.PrintInt(hi)
		r.writeConst("] out of vec with length ")
		r.PrintInt(n)
		r.panicEnd(pos)
	}
	if lo > hi {
		r.panicStart()
		r.writeConst("invalid index values, must be low ")
		r.PrintInt(lo)
		r.writeConst(" <= high ")
		r.PrintInt(hi)
		r.panicEnd(pos)
	}
}

// panicKey reports a missing map key; strings print their content,
// numbers in decimal.
func (r *Runtime) panicKey(kind int64, key uint64, pos *String) {
	r.panicStart()
	r.writeConst("key '")
	r.printValue(kind, key)
	r.writeConst("' not found in map")
	r.panicEnd(pos)
}

// panicText panics with a fixed message.
func (r *Runtime) panicText(msg string, pos *String) {
	r.panicStart()
	r.writeConst(msg)
	r.panicEnd(pos)
}
