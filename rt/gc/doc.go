// Package gc is the runtime's garbage collector: a non-moving tri-colour
// mark-sweep collector over an rt/alloc heap.
//
// # Colours
//
// Every object has one mark bit in its span (rt/alloc keeps them inline).
//
//   - white: mark bit clear. At the end of marking, white objects are
//     garbage.
//   - grey: mark bit set and the object's address on the worklist; its
//     fields have not been scanned yet.
//   - black: mark bit set and no longer on the worklist; its fields have
//     been scanned. Pointer-free objects go straight from white to black.
//
// Setting the mark bit and pushing happen together ("shading"), so an
// object is pushed at most once per cycle.
//
// # Roots and scanning
//
// Roots are address ranges registered with AddRoots: on a native build
// the data and bss sections, each coroutine stack and the saved
// registers; in tests, a root area the test maps itself. Roots are
// scanned conservatively: every aligned word whose value points anywhere
// into an allocated object — including its interior — shades that object.
// Heap objects are scanned precisely, using the pointer bitmap the
// allocator wrote from the object's type descriptor.
//
// # Worklist
//
// The grey set is a stack of fixed-size chunks in mmap'd memory (see
// work.go): pushing never allocates from the Go heap and the memory is
// reused from cycle to cycle.
//
// # Cycle
//
// Collect runs a whole cycle with the world stopped: BeginCycle (turn on
// the barrier and black allocation, shade the roots), MarkSome until the
// worklist is empty, FinishCycle (rescan the roots, drain, sweep, pace).
// A concurrent cycle (conc.go) is BeginCycle and StartConcurrent with
// the world stopped, MarkSome by one marker at a time while mutators
// run (mark bits set by compare-and-swap, the barriers' grey objects on
// a list under a lock), FinishMark with the world stopped again, and a
// lazy sweep (alloc.Heap.SweepSome) while they run.
//
// # Write barrier
//
// Compiled code stores heap pointers through WriteBarrier. While a cycle
// is marking, it shades the old value of the slot (Yuasa deletion
// barrier) and the new value (Dijkstra insertion barrier) before the
// store: Go's hybrid barrier. Until coroutine stacks are tracked, every
// mutator counts as having an unscanned (grey) stack, so the insertion
// half is always on; the end of a mark rescans the registered roots,
// which are written without barriers (stacks are scanned once, at the
// start: the deletion half covers them). Outside marking it is a plain
// store. The heap keeps Config.MarkFlag non-zero while marking, for
// compiled code to test before calling the barrier.
//
// # Pacing and torture
//
// A cycle starts on allocation when the heap's live bytes reach the
// trigger: live bytes after the previous cycle times 1+GOGC/100 (GOGC
// defaults to 100), but never below MinTrigger. It is checked when the
// cache's fast path (alloc.Cache.AllocFast) declines, which it does at
// least once per span's worth of objects. Config.Torture collects
// before every allocation (it turns the fast path off), which turns any
// missing root or barrier into a prompt, reproducible failure.
//
// This package is runtime code in the restricted Go subset (see
// docs/runtime.md); all state lives in a Heap value.
package gc
