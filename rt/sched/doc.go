// Package sched is the coroutine scheduler of Nature programs: coroutines
// (G) multiplexed over processors (P), each processor a thread of its own,
// in the GMP style of Go's runtime and of the reference's scheduler.
//
// # Coroutines and stacks
//
// A G is a record in runtime-owned memory (pool.go). It gets a stack the
// first time it runs, so a coroutine that was spawned and not started yet
// costs only its record. Stacks (stack.go) are StackSize-aligned regions
// of one contiguous reservation, each with a guard page at its low end
// (so an overflow faults, and rt/lang reports "stack overflow") and the
// address of the owning G in its top word: the running coroutine is found
// from the stack pointer alone (Current), with no thread-local storage.
// Stacks are recycled through a free list; their pages stay committed.
// The monitor copies the used part of a long-parked coroutine's stack
// into a buffer of its size and gives the pages back; it is copied back
// to the same addresses before the coroutine runs again (stack.go).
// The main coroutine runs on the process's own stack.
//
// # Processors and the loop
//
// Each P has a scheduler context, g0, on a stack of its own. A coroutine
// that blocks, yields or ends switches to its P's g0 (ctx_*.go:
// switchTo), which finishes what the coroutine asked for once its
// context is saved (the "after" action: put it back in the run queue,
// release the lock that protects the wait queue it joined, free it) and
// picks the next runnable G: from the P's local run queue (a lock-free
// ring, Go's runq), the global queue, expired timers, or by stealing half
// of another P's queue. A P with nothing to run sleeps on a futex until
// the earliest timer or until another P hands it work.
//
// # Blocking
//
// A coroutine blocks by joining a wait queue under the lock that protects
// it and parking (Park), which releases that lock only after the switch,
// so whoever takes it off the queue can make it runnable at once (Ready).
// Timers (timer.go) are a binary heap ordered by wake time. Channels,
// select, futures and the coroutine mutex (chan.go, future.go, mutex.go)
// are built on these two operations; their objects live in the
// collected heap, which rt/lang allocates, and hold GC-visible values
// only in words rt/lang's collector scans.
//
// # Two implementations of a context switch
//
// Natively (the naturekit build tag) a context switch is six pushes, a
// stack-pointer swap and six pops (sched_amd64.asm), and processors are
// threads made with clone. On the host, where this package is tested
// with the race detector, each coroutine and each processor loop is a
// goroutine, and a switch hands a token from one goroutine to another
// (ctx_host.go): the scheduler's own logic, queues, timers, channels and
// their locks are the same code either way.
//
// Everything here is in the runtime's restricted Go subset except
// ctx_host.go (docs/runtime.md).
package sched
