package sched

// A Mutex is the coroutine mutex of `import co.mutex`: lock blocks the
// coroutine, not the thread, while another holds it. Waiters queue in
// FIFO order and unlock hands the mutex to the first of them directly.
// The zero value is unlocked; its memory is the Nature struct mutex_t
// (rt/lang), which the collector does not trace.
type Mutex struct {
	lock    mutex
	locked  uint32
	waiters gQueue
}

// Lock acquires m for the coroutine cur, parking it while another holds
// m.
func (m *Mutex) Lock(cur *G) {
	m.lock.lock()
	if m.locked == 0 {
		m.locked = 1
		m.lock.unlock()
		return
	}
	m.waiters.push(cur)
	cur.s.park(cur, &m.lock)
	// Woken by Unlock, which handed m over: it stays locked.
}

// TryLock acquires m if it is free.
func (m *Mutex) TryLock() bool {
	m.lock.lock()
	ok := m.locked == 0
	if ok {
		m.locked = 1
	}
	m.lock.unlock()
	return ok
}

// Unlock releases m, handing it to the first waiter if there is one. It
// reports false if m was not locked.
func (m *Mutex) Unlock(cur *G) bool {
	m.lock.lock()
	if m.locked == 0 {
		m.lock.unlock()
		return false
	}
	g := m.waiters.pop()
	if g == nil {
		m.locked = 0
	}
	m.lock.unlock()
	if g != nil {
		cur.s.Ready(cur, g)
	}
	return true
}
