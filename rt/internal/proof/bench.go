package proof

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/sys"
)

// Bench measures the allocator and the collector and prints
//
//	alloc <ns per 32-byte object>
//	mark <ns per MB of live heap>
//
// as integers (ns × 1000 for alloc), so that the host and native builds
// of the same code can be compared in one run (see bench_test.go).
func Bench(out *Buffer) { benchParts(out, 0) }

// benchParts prints Bench's allocation line unless part is 'm' and its
// mark line unless part is 'a'.
func benchParts(out *Buffer, part byte) {
	if part != 'm' {
		out.Field("alloc ", benchAlloc(4<<20))
		out.Nl()
	}
	if part != 'a' {
		out.Field("mark ", benchMark(15, 5))
		out.Nl()
	}
}

// benchAlloc allocates n small scan objects from a cache without
// collecting and returns picoseconds per object.
func benchAlloc(n uint64) uint64 {
	var h alloc.Heap
	var c alloc.Cache
	if h.Init(alloc.Config{Arenas: 8}) != 0 {
		sys.Abort("bench: heap init failed")
	}
	h.InitCache(&c)
	t0 := sys.Nanotime()
	var sink unsafe.Pointer
	for i := uint64(0); i < n; i++ {
		sink = c.Alloc(&nodeType, 1)
	}
	ns := sys.Nanotime() - t0
	if sink == nil {
		sys.Abort("bench: nil allocation")
	}
	h.Destroy()
	return uint64(ns) * 1000 / n
}

// benchMark builds a live binary tree of the given depth and returns the
// best mark time (BeginCycle through draining the worklist) of rounds
// cycles, in nanoseconds per MB of marked heap.
func benchMark(depth, rounds uint64) uint64 {
	var p Prog
	p.Init(false, -1)
	*p.root(1) = p.tree(depth, 1)
	best := int64(1) << 62
	var marked uintptr
	for r := uint64(0); r < rounds; r++ {
		t0 := sys.Nanotime()
		p.heap.BeginCycle()
		p.heap.MarkSome(0)
		ns := sys.Nanotime() - t0
		marked = p.heap.Stats().MarkedBytes
		p.heap.FinishCycle()
		if ns < best {
			best = ns
		}
	}
	p.out.Release()
	p.Destroy()
	return uint64(best) * (1 << 20) / uint64(marked)
}

// benchMain is the entry point of the benchmark executable.
func benchMain() {
	BenchMain()
}

// BenchMain runs Bench, or only its allocation or only its mark part
// when the program's first argument starts with 'a' or 'm' (so that an
// instruction count under cachegrind measures one of them; see
// docs/runtime.md), and writes the result to standard output.
func BenchMain() {
	var out Buffer
	out.Init()
	part := byte(0)
	if sys.Argc() > 1 {
		arg := *(**byte)(unsafe.Add(sys.Argv(), 8))
		part = *arg
	}
	benchParts(&out, part)
	out.Flush()
}
