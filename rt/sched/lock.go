package sched

import "github.com/naturekit/naturekit/rt/sys"

// mutex is a futex lock for the scheduler's short critical sections
// (Drepper, "Futexes are tricky", mutex 2): key is 0 when unlocked, 1
// when locked, 2 when locked and a waiter may be sleeping. It blocks the
// thread, never the coroutine: nothing that holds one may park. The zero
// value is unlocked.
type mutex struct {
	key uint32
}

const mutexSpin = 100

func (m *mutex) lock() {
	if sys.Cas32(&m.key, 0, 1) {
		return
	}
	for i := 0; i < mutexSpin; i++ {
		if sys.Load32(&m.key) == 0 && sys.Cas32(&m.key, 0, 1) {
			return
		}
	}
	for sys.Swap32(&m.key, 2) != 0 {
		sys.FutexWait(&m.key, 2, -1)
	}
}

func (m *mutex) unlock() {
	if sys.Swap32(&m.key, 0) == 2 {
		sys.FutexWake(&m.key, 1)
	}
}

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
func (l *Lock) TryLock() bool { return sys.Cas32(&l.m.key, 0, 1) }

// Unlock releases l.
func (l *Lock) Unlock() { l.m.unlock() }
