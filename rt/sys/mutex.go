package sys

// A Mutex is a futex lock for the runtime's short critical sections
// (Drepper, "Futexes are tricky", mutex 2): key is 0 when unlocked, 1
// when locked, 2 when locked and a waiter may be sleeping. It blocks the
// thread, never a coroutine: nothing that holds one may park. The zero
// value is unlocked. It is restricted Go over this package's atomics and
// futexes, the same on the host and natively.
type Mutex struct {
	key uint32
}

// mutexSpin is how many times Lock tries again before it sleeps: the
// critical sections are short.
const mutexSpin = 100

// Lock acquires m.
func (m *Mutex) Lock() {
	if Cas32(&m.key, 0, 1) {
		return
	}
	for i := 0; i < mutexSpin; i++ {
		if Load32(&m.key) == 0 && Cas32(&m.key, 0, 1) {
			return
		}
	}
	for Swap32(&m.key, 2) != 0 {
		FutexWait(&m.key, 2, -1)
	}
}

// TryLock acquires m if it is free.
func (m *Mutex) TryLock() bool { return Cas32(&m.key, 0, 1) }

// Unlock releases m.
func (m *Mutex) Unlock() {
	if Swap32(&m.key, 0) == 2 {
		FutexWake(&m.key, 1)
	}
}
