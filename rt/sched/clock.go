package sched

import "github.com/naturekit/naturekit/rt/sys"

// The scheduler's clock. Every interval the scheduler measures — a
// coroutine's sleep (co.sleep, the poller's retry), the timers' wake
// times, the monitor's period and its preemption deadline, a stop of
// the world's timeout — is read on one clock: the monotonic clock
// (sys.Nanotime) slowed down Config.TimeScale times (NATURE_TIME_SCALE,
// rt/lang). Under an emulator that runs the program N times slower than
// a processor would, a scale of N keeps the relation between what the
// program computes and how long it sleeps: a coroutine preempted after
// 10 ms of the clock has run as much code as natively, and a 30 ms
// sleep outlasts as many 5 ms polls. The wall clock (CLOCK_REALTIME:
// time.now, libc) is never dilated, nor are the collector's pause
// statistics: dates print right, and only the scheduler's intervals
// stretch. A scale of 0 or 1 is the plain monotonic clock.

// MaxTimeScale is the largest Config.TimeScale (a larger one is this).
const MaxTimeScale = 1000

// now returns the scheduler's clock in nanoseconds.
func (s *Sched) now() int64 {
	if k := s.cfg.TimeScale; k > 1 {
		return sys.Nanotime() / k
	}
	return sys.Nanotime()
}

// realNs returns the real nanoseconds that ns nanoseconds of the
// scheduler's clock last, for the threads' timed waits (a negative ns,
// no timeout, is unchanged).
func (s *Sched) realNs(ns int64) int64 {
	k := s.cfg.TimeScale
	if k <= 1 || ns <= 0 {
		return ns
	}
	if ns > (1<<63-1)/k {
		return 1<<63 - 1
	}
	return ns * k
}
