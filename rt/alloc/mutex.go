package alloc

import "github.com/naturekit/naturekit/rt/sys"

// mutex is a futex-based lock (Drepper, "Futexes are tricky", mutex 2).
// key is 0 when unlocked, 1 when locked, 2 when locked and a waiter may be
// sleeping. The zero value is unlocked.
type mutex struct {
	key uint32
}

const mutexSpin = 64

func (m *mutex) lock() {
	if sys.Cas32(&m.key, 0, 1) {
		return
	}
	// Locks here are held for short critical sections: spin briefly before
	// sleeping.
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
