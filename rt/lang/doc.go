// Package lang is the Nature language support that compiled Nature code
// calls: printing (with exact C-style float formatting), panics and
// runtime errors, strings, vecs, maps, sets, any boxes, allocation and
// the write barrier.
//
// docs/runtime-abi.md is the contract with the compiler: the value
// layouts (String, Vec, Any, with offset constants in rt/abi) and the
// entry points, which are this package's exported functions (entry.go).
// Every parameter and result is a scalar (integer, float, bool or
// pointer) and there is at most one result, so compiled code calls them
// with the platform's C calling convention.
//
// # Runtimes
//
// All state — the collected heap (rt/gc), the allocation cache, the
// output buffer — lives in a Runtime, whose methods hold the logic. The
// entry points forward to one package-level Runtime, the process's,
// because compiled code passes no context. Host tests make their own
// Runtimes with a Config of their choosing (an output file, torture
// collection), and two of them can run in parallel.
//
// # Values
//
// Strings and vecs are pointers to immutable headers; nil is the empty
// string or vec. Operations that change a vec's length (push, append)
// return a new header and the compiler stores it back, so headers are
// freely shared and element buffers give Go-slice semantics. Maps and
// sets are reference objects with insertion-ordered entries. Keys,
// values, vec elements and boxed values are passed as their 64-bit bits;
// strings are compared and hashed by content.
//
// # Output and errors
//
// print output is buffered in the Runtime and written to its output file
// descriptor at the end of each print statement (PrintEnd), before a
// panic exits and at Exit. Panics and runtime errors print
// "panic: '<message>' at <position>" on standard output and exit with
// status 1, with the message texts of spec/builtins.md §3 and §5. An
// allocation the heap refuses even after a collection (NATURE_MEMLIMIT,
// the reservation, a size no heap can hold) is one too, "out of memory:
// page allocation failed" at the allocating Nature call (memlimit.go).
// Internal failures (a corrupt map, a negative size) call sys.Abort.
//
// # Collection
//
// Objects come from the Runtime's rt/gc heap. The runtime's own objects
// use descriptors it builds at Init; compiled code passes its own to
// Alloc. Pointers an operation holds while it allocates are pinned in
// the Runtime's keep slots, a registered root range, so the operations
// are safe under torture collection on the host, where the collector
// cannot see the Go stack. roots.go is the one place that registers
// roots; see it for what a native build still lacks.
//
// This package is runtime code in the restricted Go subset (see
// docs/runtime.md): it allocates only from the collected heap, and uses
// no interfaces, closures, Go maps, append, defer, goroutines, string
// concatenation, generics or panics.
package lang
