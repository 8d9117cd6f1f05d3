package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
)

// Errors (docs/runtime-abi.md, "Errors"). Compiled code raises, passes
// on and catches errors itself, through the error slot an errable
// function is given: the runtime only formats the messages of the
// run-time errors a catch intercepts (index out of range, bad slice
// bounds, missing map key: the compiler checks the condition and asks
// for the text only when it fails), and reports an error that escapes
// main with its backtrace.

// ErrFrame is one frame of an error's trace: a read-only record the
// compiler emits per call or throw site.
type ErrFrame struct {
	Name *String // the function, as backtraces print it (main.load)
	Pos  *String // path:line:col
}

// Error message kinds of errMsg.
const (
	msgIndex = iota // index out of range [a] with length b
	msgSlice        // the slice errors of checkSlice
	msgKey          // key 'k' not found in map
)

// ErrIndexMsg returns the message of an index i outside [0, n).
func (r *Runtime) ErrIndexMsg(i, n int64) *String { return r.errMsg(msgIndex, i, n, 0, 0) }

// ErrSliceMsg returns the message of the slice [lo:hi] of something of
// length n, or nil when the bounds are good (checkSlice's rules).
func (r *Runtime) ErrSliceMsg(lo, hi, n int64) *String {
	if lo < 0 || lo > n || hi < 0 || hi > n || lo > hi {
		return r.errMsg(msgSlice, lo, hi, n, 0)
	}
	return nil
}

// ErrKeyMsg returns the message of a missing map key of the given value
// kind: a string by content, a number in decimal.
func (r *Runtime) ErrKeyMsg(kind int64, key uint64) *String {
	if kind == abi.KindString {
		r.keep1(ptrOf(key))
	}
	s := r.errMsg(msgKey, kind, 0, 0, key)
	r.unkeep()
	return s
}

// errMsg makes the message of the given kind as a new string.
func (r *Runtime) errMsg(kind int, a, b, c int64, key uint64) *String {
	var count fmtSink
	r.writeMsg(&count, kind, a, b, c, key)
	s := r.newString(count.n)
	out := fmtSink{p: s.Data}
	r.writeMsg(&out, kind, a, b, c, key)
	return s
}

func (r *Runtime) writeMsg(s *fmtSink, kind int, a, b, c int64, key uint64) {
	switch kind {
	case msgIndex:
		s.putConst("index out of range [")
		s.putSigned(a)
		s.putConst("] with length ")
		s.putSigned(b)
	case msgSlice:
		if a < 0 || a > c || b < 0 || b > c {
			s.putConst("slice [")
			s.putSigned(a)
			s.put(':')
			s.putSigned(b)
			s.putConst("] out of vec with length ")
			s.putSigned(c)
			return
		}
		s.putConst("invalid index values, must be low ")
		s.putSigned(a)
		s.putConst(" <= high ")
		s.putSigned(b)
	case msgKey:
		s.putConst("key '")
		r.putKey(s, a, key)
		s.putConst("' not found in map")
	}
}

// putKey writes a map key as panicKey prints it.
func (r *Runtime) putKey(s *fmtSink, kind int64, key uint64) {
	switch kind {
	case abi.KindString:
		s.putString((*String)(ptrOf(key)))
	case abi.KindInt:
		s.putSigned(int64(key))
	case abi.KindUint:
		s.putDigits(key, 10, false)
	case abi.KindBool:
		if key != 0 {
			s.putConst("true")
		} else {
			s.putConst("false")
		}
	case abi.KindFloat:
		r.putFloat(s, key, ' ', 0, 6)
	default:
		s.putConst("0x")
		s.putDigits(key, 16, false)
	}
}

// ErrUncaught reports an error that escaped main and exits with status
// 1 (spec/builtins.md §4.3): the message and the position it was raised
// at, then, when it crossed more than one frame, the backtrace, frame 0
// where it was raised. trace holds the addresses of ErrFrame records.
func (r *Runtime) ErrUncaught(msg *String, trace *Vec) { r.uncaught(-1, msg, trace) }

// uncaught reports an error that escaped coroutine co (-1: main; its
// thunk's go expression is its trace's last frame) and exits.
func (r *Runtime) uncaught(co int64, msg *String, trace *Vec) {
	r.exitLock() // co.go
	if co < 0 {
		r.writeConst("coroutine 'main' uncaught error: '")
	} else {
		r.writeConst("coroutine ")
		r.writeUint(uint64(co))
		r.writeConst(" uncaught error: '")
	}
	r.PrintString(msg)
	r.writeConst("' at ")
	n := VecLen(trace)
	if n > 0 {
		r.PrintString(frameAt(trace, 0).Pos)
	}
	r.writeByte('\n')
	if n > 1 {
		r.writeConst("stack backtrace:\n")
		for i := int64(0); i < n; i++ {
			f := frameAt(trace, i)
			r.writeUint(uint64(i))
			r.writeConst(":\t")
			r.PrintString(f.Name)
			r.writeConst("\n\t\tat ")
			r.PrintString(f.Pos)
			r.writeByte('\n')
		}
	}
	r.Exit(1)
}

// frameAt returns frame i of a trace.
func frameAt(trace *Vec, i int64) *ErrFrame {
	return *(**ErrFrame)(unsafe.Pointer(elemAddr(trace, i)))
}
