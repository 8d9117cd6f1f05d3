package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// Faults: what the hardware reports instead of a check in the code. An
// integer division by zero (SIGFPE), a nil dereference (SIGSEGV near
// address 0) and a stack overflow (SIGSEGV next to the stack pointer,
// in the guard gap below the stack) become runtime errors in the panic
// format, "panic: 'integer divide by zero' at case/main.n:3:18", exit
// status 1 (spec/README.md's decisions). Compiled code pays nothing for
// them: no checks, only the position table (pctab.go) that maps the
// faulting instruction back to its source position.
//
// Program start calls InitFaults with the address of Fault once the
// runtime is initialised. The handler runs on an alternate signal stack
// of its own, so a stack overflow can still be reported. A stack is
// described by its bounds (faultState.stackLo/stackHi): the main
// thread's come from StackTop and RLIMIT_STACK. A coroutine's stack
// (rt/sched) has a guard page below it, so its overflow faults next to
// the stack pointer, which is what isStackOverflow looks for first;
// once coroutines run Nature code the handler should take the running
// coroutine's bounds from the interrupted stack pointer
// (rt/sched's G.StackBounds) for faultLine's walk.

// faultState is what the fault handler needs.
type faultState struct {
	table    *pcTab  // the position table; nil if the program has none
	stackLo  uintptr // the lowest address the current stack may use (0: unknown)
	stackHi  uintptr // the current stack's top (0: unknown)
	altStack unsafe.Pointer
}

const (
	// altStackSize is the signal stack: the handler formats one line.
	altStackSize = 64 << 10
	// stackSlack is how far from the stack pointer a faulting access
	// counts as a stack overflow: a push, a call or a frame's store.
	stackSlack = 64 << 10
	// guardGap is the unmapped gap the kernel keeps below a growing
	// stack (stack_guard_gap, 256 pages), and more than any guard a
	// coroutine stack will have.
	guardGap = 1 << 20
	// nilLimit: no mapping is ever placed below it (the kernel's
	// vm.mmap_min_addr), so a fault there is a nil pointer plus a
	// field's offset.
	nilLimit = 64 << 10
)

// InitFaults installs handler, the address of Fault, for the faults
// above. Program start (rt/start) calls it after Init; without it (or if
// the system refuses) faults kill the process as before.
func InitFaults(handler uintptr) { process().initFaults(handler) }

// Fault is the signal handler: handler(sig, info, ctx) as the kernel
// calls it, on the alternate stack. It prints the runtime error and
// exits with status 1.
func Fault(sig int64, info, ctx unsafe.Pointer) { proc.fault(sig, info, ctx) }

// initFaults finds the position table and the main stack's bounds, sets
// up the alternate signal stack and installs the handler.
func (r *Runtime) initFaults(handler uintptr) {
	r.faults.table = (*pcTab)(sys.PCTable())
	r.faults.stackHi = sys.StackTop()
	if lim := sys.StackLimit(); lim != 0 && lim < r.faults.stackHi {
		r.faults.stackLo = r.faults.stackHi - lim
	}
	if handler == 0 || r.faults.altStack != nil {
		return
	}
	p, errno := sys.Mmap(altStackSize)
	if errno != 0 {
		return
	}
	if sys.Sigaltstack(p, altStackSize) != 0 {
		sys.Munmap(p, altStackSize)
		return
	}
	r.faults.altStack = p
	sys.Sigaction(sys.SIGSEGV, handler)
	sys.Sigaction(sys.SIGBUS, handler)
	sys.Sigaction(sys.SIGFPE, handler)
	if sys.DivideTrap != sys.SIGFPE {
		sys.Sigaction(sys.DivideTrap, handler) // arm64's brk (SIGTRAP)
	}
}

// fault reports the fault that signal sig describes and exits.
func (r *Runtime) fault(sig int64, info, ctx unsafe.Pointer) {
	code := *(*int32)(unsafe.Add(info, sys.SiginfoCode))
	addr := *(*uintptr)(unsafe.Add(info, sys.SiginfoAddr))
	pc := *(*uintptr)(unsafe.Add(ctx, sys.UcontextPC))
	sp := *(*uintptr)(unsafe.Add(ctx, sys.UcontextSP))
	fp := *(*uintptr)(unsafe.Add(ctx, sys.UcontextFP))
	lr := uintptr(0)
	if sys.ReturnInLR {
		lr = *(*uintptr)(unsafe.Add(ctx, sys.UcontextLR))
	}
	r.coFaultBounds(sp) // a coroutine's stack (co.go)
	r.panicStart()
	r.writeConst(faultMessage(sig, code, addr, sp, r.faults.stackLo))
	_, l := r.faultLine(pc, sp, fp, lr)
	r.panicEndLine(l)
}

// faultMessage names the fault: the texts of spec/README.md's
// decisions.
func faultMessage(sig int64, code int32, addr, sp, stackLo uintptr) string {
	switch {
	case sig == sys.SIGFPE && code == sys.FPE_INTOVF:
		return "integer overflow"
	case sig == sys.SIGFPE || sig == sys.DivideTrap:
		return "integer divide by zero"
	case isStackOverflow(addr, sp, stackLo):
		return "stack overflow"
	case addr < nilLimit:
		return "nil pointer dereference"
	}
	return "invalid memory address"
}

// isStackOverflow reports whether a fault at addr, with the stack
// pointer at sp, is the stack running out: the access was right next to
// the stack pointer (a push, a call, a store into a new frame), or in the
// guard below a stack whose lowest address is lo.
func isStackOverflow(addr, sp, lo uintptr) bool {
	if addr < sp+stackSlack && addr+stackSlack > sp {
		return true
	}
	return lo != 0 && addr < lo+sys.PageSize && addr+guardGap > lo
}

// faultLine returns the source position a fault at pc is reported at,
// with its function: the faulting instruction's own when it is traced
// (a division, a memory access through a pointer, a call that pushed
// its return address onto a full stack); otherwise the innermost call
// from compiled Nature code on the stack, for a fault in the runtime or
// in a function's prologue. The return address of the innermost call
// comes first (a function without a frame, or one whose prologue had
// not saved its frame pointer yet): the interrupted link register lr
// where calls leave it there (sys.ReturnInLR, arm64), else the word on
// top of the stack (lr 0; on arm64 sp may already point below the
// stack, into its guard, when a prologue's store faults); then the
// chain of frame pointers.
func (r *Runtime) faultLine(pc, sp, fp, lr uintptr) (*pcFunc, *pcLine) {
	t := r.faults.table
	if t == nil {
		return nil, nil
	}
	if f, l := t.at(pc); l != nil {
		return f, l
	}
	hi := r.faults.stackHi
	if lr != 0 {
		if f, l := t.callSite(lr); l != nil {
			return f, l
		}
	} else if hi != 0 && sp >= r.faults.stackLo && sp < hi && sp&7 == 0 {
		if f, l := t.callSite(loadWord(sp)); l != nil {
			return f, l
		}
	}
	w := newFrameWalker(fp, sp, hi)
	for w.next() {
		if f, l := t.callSite(w.pc); l != nil {
			return f, l
		}
	}
	return nil, nil
}
