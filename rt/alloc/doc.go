// Package alloc is the runtime's memory allocator: Go-style size classes,
// spans of pages carved from a contiguous reservation of 64 MiB arenas,
// per-processor caches, large objects on their own spans, zeroed memory,
// per-word pointer metadata from type descriptors, and an O(1) map from
// any address to the object containing it.
//
// # Layout
//
// A Heap reserves MaxArenas*ArenaBytes of address space once (PROT_NONE,
// so it costs nothing) and commits it one 64 MiB arena at a time as the
// page heap grows. Because the reservation is contiguous, an address maps
// to its page with one subtraction and one shift. Two side tables, also
// reserved up front and committed arena by arena, are indexed the same
// way:
//
//   - the page map: one *Span per 8 KiB page, for every page below the
//     high-water mark, whether the page is in use or free. Lookup of an
//     interior pointer is therefore pagemap[(addr-base)>>PageShift] and a
//     multiplication standing for the division by the span's element
//     size (Span.divMul).
//   - the pointer bitmap: one bit per 8-byte word of the heap, set when
//     the word of an allocated object holds a pointer. It is written at
//     allocation from the object's Type (see type.go), 64 bits at a
//     time, or once for a whole span that holds one type (Span.typ), and
//     read by the collector to scan objects precisely.
//
// # Spans and size classes
//
// A span is a run of pages. A small span holds objects of one size class
// (see sizeclass.go: 67 classes from 8 bytes to 32 KiB, Go's table); a
// large span holds one object bigger than MaxSmallSize. Spans of a class
// are kept apart by "span class" = class<<1 | noscan, so pointer-free
// objects live in spans the collector never scans. Each span carries its
// allocation bits and mark bits inline (at most 1024 objects per span).
//
// Free pages live in the page heap as free spans, coalesced with their
// neighbours in the same state. Fresh pages come zero from the kernel;
// freed pages stay committed, in dirty spans, up to a limit (half the
// bytes in use, at least 8 MiB) beyond which they are returned with
// madvise(MADV_DONTNEED) and read as zero again. So a span made from
// clean pages needs no clearing; one made from dirty pages clears its
// slots at allocation, as slots reused inside a swept span are, and a
// large object on dirty pages is cleared when allocated. Scavenge, the
// delayed scavenger, gives back the dirty free pages that no allocation
// has reused for a number of its calls (rt/lang calls it after
// collections), so a heap that shrank returns its memory too.
//
// Config.MemLimit caps the bytes in use plus the free pages kept
// committed: past it, and past the reservation, Cache.Alloc returns nil
// (nothing aborts); the caller may collect, give the kept pages back
// with Scavenge(0) and try again.
//
// # Caches and locking
//
// Each processor owns a Cache holding one current span per span class;
// allocation from it takes no lock. Cache.AllocFast is the fast path
// (a size-class table, the lowest bit of a 64-bit cache of the span's
// free slots, no call once inlined); it declines whatever needs more,
// and Cache.Alloc does the rest. A Cache refills from the Heap's
// central lists (partial and full spans per class) or the page heap under
// the Heap's lock. Sweep, StartSweep, flushing caches and reading
// statistics require the world to be stopped: no Cache of the heap may
// be allocating. The sweep StartSweep begins is lazy: SweepSome sweeps
// spans while caches allocate, each under the lock, and a refill sweeps
// the spans of its class it takes (sweep.go).
//
// # Restricted Go
//
// This package is runtime code: it uses only the Go subset described in
// docs/runtime.md (no Go heap allocation, interfaces, maps, closures,
// append, defer or panics) and reaches the machine only through rt/sys.
// All of its state lives in a Heap value supplied by the caller, so any
// number of heaps can coexist in one process.
package alloc
