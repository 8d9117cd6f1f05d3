package sched

import "github.com/naturekit/naturekit/rt/sys"

// mutex is the scheduler's lock for its short critical sections,
// sys.Mutex under the lower-case names the scheduler's code uses: it
// blocks the thread, never the coroutine, so nothing that holds one may
// park.
type mutex struct {
	m sys.Mutex
}

func (m *mutex) lock()   { m.m.Lock() }
func (m *mutex) unlock() { m.m.Unlock() }

// A Lock is a thread lock for the runtime's short critical sections
// (rt/lang's output): it blocks the thread, never the coroutine, so
// nothing that holds one may park or reach a safepoint. The zero value
// is unlocked.
type Lock struct {
	m mutex
}

// Lock acquires l.
func (l *Lock) Lock() { l.m.lock() }

// TryLock acquires l if it is free.
func (l *Lock) TryLock() bool { return l.m.m.TryLock() }

// Unlock releases l.
func (l *Lock) Unlock() { l.m.unlock() }
