package sched

import "github.com/naturekit/naturekit/rt/sys"

// Safepoints, stopping the world and preemption.
//
// Compiled code polls a flag (Config.Flag) at function entries and loop
// back edges; while it is non-zero a poll calls Safepoint. The flag is a
// count of the reasons to stop: one while a stop of the world is
// requested, one per processor asked to preempt its coroutine.
//
// StopTheWorld waits until no processor but the caller's runs a
// coroutine: each one stops at its next safepoint (parking there, its
// context saved like any suspended coroutine's), a processor between
// coroutines does not start one, an idle one stays asleep. The caller
// then sees every coroutine suspended, with its registers on its stack,
// and StartTheWorld lets them go on.
//
// A monitor thread (sysmon) asks a processor to preempt a coroutine that
// has run for more than preemptAfter while other work waits, and tells
// the processors when timers are due, so that a coroutine that never
// blocks — a call-free loop included — delays neither the collector nor
// the coroutines queued behind it (spec/README.md's decisions).

// P states (P.status), for StopTheWorld and the monitor.
const (
	pIdle    uint32 = iota // its g0 runs the scheduler, or sleeps
	pRunning               // a coroutine runs on it
)

const (
	// preemptAfter is how long a coroutine may run while others wait.
	preemptAfter = 10 * 1000 * 1000
	// sysmonPeriod is how often the monitor looks.
	sysmonPeriod = 1 * 1000 * 1000
	// stwPoll is how long StopTheWorld sleeps between looks.
	stwPoll = 20 * 1000
	// stwSpin is how long StopTheWorld looks without sleeping first: a
	// processor whose thread is on a CPU reaches a safepoint within
	// microseconds, and a sleep costs tens of them at best (the
	// concurrent collector's pauses are mostly this wait).
	stwSpin = 50 * 1000
)

// stwState is the stop-the-world handshake.
type stwState struct {
	requested uint32 // a stop is wanted or in force
	epoch     uint32 // futex word: bumped when the world restarts
	localFlag uint32 // the flag when Config.Flag is nil (host tests)
}

// flag returns the word compiled code polls.
func (s *Sched) flag() *uint32 {
	if s.cfg.Flag != nil {
		return s.cfg.Flag
	}
	return &s.stw.localFlag
}

func (s *Sched) raise() { sys.Add32(s.flag(), 1) }
func (s *Sched) lower() { sys.Add32(s.flag(), ^uint32(0)) }

// StopTheWorld stops every processor but cur's (see above) and reports
// true; it reports false, stopping nothing, when another stop is in
// progress (the caller should then stop at a Safepoint and try again)
// or when some processor did not stop within timeout nanoseconds of
// the scheduler's clock (clock.go): it runs code without safepoints, a
// blocking C call.
func (s *Sched) StopTheWorld(cur *G, timeout int64) bool {
	if !sys.Cas32(&s.stw.requested, 0, 1) {
		return false
	}
	s.raise()
	deadline := int64(0)
	spin := sys.Nanotime() + stwSpin
	for !s.othersStopped(cur.p) {
		now := s.now()
		if deadline == 0 {
			deadline = now + timeout
		} else if now > deadline {
			s.StartTheWorld(cur)
			return false
		}
		if sys.Nanotime() < spin {
			continue
		}
		sys.Nanosleep(stwPoll)
	}
	return true
}

// othersStopped reports whether no processor but self runs a coroutine.
func (s *Sched) othersStopped(self *P) bool {
	for i := 0; i < s.nprocs; i++ {
		p := &s.procs[i]
		if p != self && sys.Load32(&p.status) == pRunning {
			return false
		}
	}
	return true
}

// StartTheWorld ends what StopTheWorld began.
func (s *Sched) StartTheWorld(cur *G) {
	sys.Store32(&s.stw.requested, 0)
	s.lower()
	sys.Add32(&s.stw.epoch, 1)
	sys.FutexWake(&s.stw.epoch, ^uint32(0)>>1)
}

// Stopping reports whether a stop of the world is requested.
func (s *Sched) Stopping() bool { return sys.Load32(&s.stw.requested) != 0 }

// waitWorld blocks the calling thread while the world is stopped.
func (s *Sched) waitWorld() {
	for {
		e := sys.Load32(&s.stw.epoch)
		if sys.Load32(&s.stw.requested) == 0 {
			return
		}
		sys.FutexWait(&s.stw.epoch, e, -1)
	}
}

// Safepoint is where the running coroutine g goes when compiled code
// finds the flag set: it stops while the world is stopped, and yields if
// its processor was asked to preempt it.
func (s *Sched) Safepoint(g *G) {
	if sys.Load32(&s.stw.requested) != 0 {
		p := g.p
		p.after = afterSTW
		sys.Store32(&g.status, gStopped) // its context is saved: the collector scans it
		s.switchTo(&g.ctx, p.g0.ctx)
	}
	p := g.p
	if sys.Cas32(&p.preempt, 1, 0) {
		s.lower()
		s.Yield(g)
	}
}

// sysmon is the monitor thread's loop (native only): it tells the
// processors when timers are due and asks one whose coroutine has run
// for preemptAfter to preempt it while there is other work.
func (s *Sched) sysmon() {
	for {
		sys.Nanosleep(s.realNs(sysmonPeriod))
		s.monitor(s.now())
		s.PollIO()
		s.compactStacks(sys.Nanotime()) // saves long-parked stacks (stack.go)
	}
}

// monitor is one look of the monitor at time now.
func (s *Sched) monitor(now int64) {
	{
		due := false
		if next := s.timers.nextWhen(); next != 0 && next <= now {
			due = true
			sys.Store32(&s.timersDue, 1)
			if sys.Load32(&s.nidle) != 0 {
				s.wakeIdle()
			}
		}
		for i := 0; i < s.nprocs; i++ {
			p := &s.procs[i]
			if sys.Load32(&s.nidle) != 0 && sys.Load32(&p.status) == pRunning && !p.runqEmpty() {
				// Work queued behind a running coroutine while a
				// processor sleeps (readyOn does not wake one for a
				// single coroutine).
				s.wakeIdle()
			}
			tick := sys.Load32(&p.schedtick)
			if sys.Load32(&p.status) != pRunning || tick != p.monTick {
				p.monTick, p.monWhen = tick, now
				continue
			}
			if now-p.monWhen < preemptAfter || !(due || s.workWaiting(p)) {
				continue
			}
			if sys.Cas32(&p.preempt, 0, 1) {
				s.raise()
			}
			p.monWhen = now
		}
	}
}

// workWaiting reports whether a coroutine is runnable that p's running
// one keeps waiting.
func (s *Sched) workWaiting(p *P) bool {
	if !p.runqEmpty() || sys.Load32(&s.gqLen) != 0 || p.pinned.head != nil {
		return true
	}
	return false
}
