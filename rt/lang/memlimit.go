package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// The memory limit and out of memory (docs/runtime.md, "The memory limit").
// NATURE_MEMLIMIT=<bytes> caps the heap's committed bytes (the pages of
// spans in use and the free pages kept committed: alloc.Config.MemLimit)
// below the heap's reservation, which is the cap without it. When the
// allocator refuses an object, the allocation runs a whole collection,
// gives every free page back to the kernel and tries once more
// (allocAgain); when that fails too, the program ends with a runtime
// error in the panic format at the position of the Nature code that
// allocated, found on the stack as a fault's is (outOfMemory).

// memLimitEnv is the environment variable of the limit.
const memLimitEnv = "NATURE_MEMLIMIT"

// memLimit reads NATURE_MEMLIMIT: a decimal number of bytes with an
// optional unit (B, KiB, MiB, GiB or TiB, as Go's GOMEMLIMIT), or "off".
// It returns 0 (no limit but the reservation) when the variable is unset
// or off, and aborts when it is malformed. A limit of 0 bytes is kept
// as 1: every allocation fails.
func memLimit() uintptr {
	e := envLookup(memLimitEnv)
	if e == nil || cstrIs(e, "off") {
		return 0
	}
	v, ok := parseBytes(e)
	if !ok {
		sys.Abort("lang: malformed " + memLimitEnv + " (bytes, with an optional unit B, KiB, MiB, GiB or TiB)")
	}
	return max(v, 1)
}

// parseBytes parses the NUL-terminated text at e as a number of bytes:
// decimal digits, then nothing or one of the units B, KiB, MiB, GiB and
// TiB. It reports false for anything else and for a value of 2^62 bytes
// or more.
func parseBytes(e unsafe.Pointer) (uintptr, bool) {
	const most = 1 << 62
	v := uintptr(0)
	k := 0
	for ; ; k++ {
		c := *(*uint8)(unsafe.Add(e, k))
		if c < '0' || c > '9' {
			break
		}
		v = v*10 + uintptr(c-'0')
		if v >= most {
			return 0, false
		}
	}
	if k == 0 {
		return 0, false
	}
	unit := unsafe.Add(e, k)
	shift := uint(0)
	switch {
	case cstrIs(unit, ""), cstrIs(unit, "B"):
	case cstrIs(unit, "KiB"):
		shift = 10
	case cstrIs(unit, "MiB"):
		shift = 20
	case cstrIs(unit, "GiB"):
		shift = 30
	case cstrIs(unit, "TiB"):
		shift = 40
	default:
		return 0, false
	}
	if v >= most>>shift {
		return 0, false
	}
	return v << shift, true
}

// cstrIs reports whether the NUL-terminated text at p is value.
func cstrIs(p unsafe.Pointer, value string) bool {
	for k := 0; k < len(value); k++ {
		if *(*uint8)(unsafe.Add(p, k)) != value[k] {
			return false
		}
	}
	return *(*uint8)(unsafe.Add(p, len(value))) == 0
}

// allocAgain is allocSlow once the heap has refused the object: its
// limit or reservation is reached, or the object is larger than the
// heap. A whole collection, every free page given back, one more try;
// then out of memory.
//
//naturekit:noinline
func (r *Runtime) allocAgain(t *alloc.Type, n uintptr) unsafe.Pointer {
	r.Collect()
	r.heap.Mem.Scavenge(0)
	if p := r.allocCache().Alloc(t, n); p != nil {
		return p
	}
	r.outOfMemory()
	return nil
}

// outOfMemory ends the program with the out-of-memory runtime error at
// the innermost call from Nature code on the stack: the statement that
// allocated (the runtime's frames in between are skipped), exit status
// 1. Without a position table, or outside Nature code, the message has
// no position.
//
//naturekit:noinline
func (r *Runtime) outOfMemory() {
	sp := sys.GetSP()
	r.panicStart()
	r.coFaultBounds(sp) // a coroutine's stack (co.go)
	r.writeConst(outOfMemory)
	it := r.calls(sys.GetFP(), sp)
	var l *pcLine
	if it.next() {
		l = it.Line
	}
	r.panicEndLine(l)
}
