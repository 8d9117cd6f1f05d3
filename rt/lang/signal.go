package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Signals for os.signal (std/os/signal.n): the runtime installs its
// handler for each signal a program asks for; the handler only records
// the signal in a pending set, and std's forwarding coroutine takes the
// set (SignalTake) and sends each number to the channels that asked.
// The handler may run on any thread, at any instruction: it touches one
// word, atomically.

// sigState is the signals with the runtime's handler and those
// delivered and not taken yet, one bit per signal number.
type sigState struct {
	installed uint64
	pending   uint64
}

// signalCatchable reports whether os.signal may take sig: not SIGKILL
// and SIGSTOP, which cannot be caught, nor the faults the runtime
// reports itself (SIGSEGV, SIGBUS, SIGFPE, and on arm64 SIGTRAP:
// sys.DivideTrap).
func signalCatchable(sig int64) bool {
	return sig > 0 && sig < 64 && sig != 9 && sig != 19 &&
		sig != sys.SIGSEGV && sig != sys.SIGBUS && sig != sys.SIGFPE && sig != sys.DivideTrap
}

// SignalNotify installs the runtime's handler for sig, once; it reports
// whether sig can be caught (os.signal.notify).
func SignalNotify(sig int64) bool { return process().signalNotify(sig) }

func (r *Runtime) signalNotify(sig int64) bool {
	if !signalCatchable(sig) {
		return false
	}
	bit := uint64(1) << uint64(sig)
	if r.sig.installed&bit != 0 {
		return true
	}
	h := signalHandlerAddr()
	if h == 0 || sys.Sigaction(int(sig), h) != 0 {
		return false
	}
	r.sig.installed |= bit
	return true
}

// SignalReset gives sig its default action back (os.signal.stop, when
// no channel wants sig any more).
func SignalReset(sig int64) { process().signalReset(sig) }

func (r *Runtime) signalReset(sig int64) {
	bit := uint64(1) << uint64(sig&63)
	if !signalCatchable(sig) || r.sig.installed&bit == 0 {
		return
	}
	sys.Sigaction(int(sig), 0)
	r.sig.installed &^= bit
}

// SignalTake returns the signals delivered since the last call, one bit
// per number, and clears them.
func SignalTake() uint64 { return sys.Swap64(&proc.sig.pending, 0) }

// SignalHandler is the handler: handler(sig, info, ctx) as the kernel
// calls it. It adds sig to the pending set.
func SignalHandler(sig int64, info, ctx unsafe.Pointer) {
	if sig <= 0 || sig >= 64 {
		return
	}
	p := &proc.sig.pending
	for {
		old := sys.Load64(p)
		if sys.Cas64(p, old, old|uint64(1)<<uint64(sig)) {
			return
		}
	}
}
