package sched

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
	"golang.org/x/sys/unix"
)

// pollfd is struct pollfd.
type pollfd struct {
	fd      int32
	events  int16
	revents int16
}

func pipe(t *testing.T) (r, w int) {
	t.Helper()
	var fds [2]int
	if err := unix.Pipe2(fds[:], unix.O_CLOEXEC); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fds[0]); unix.Close(fds[1]) })
	return fds[0], fds[1]
}

// monitorIO stands in for the monitor thread: it calls PollIO every
// 100µs until stop is closed.
func monitorIO(s *Sched) (stop func()) {
	done := make(chan struct{})
	ended := make(chan struct{})
	go func() {
		defer close(ended)
		for {
			select {
			case <-done:
				return
			case <-time.After(100 * time.Microsecond):
				s.PollIO()
			}
		}
	}()
	return func() { close(done); <-ended }
}

// A coroutine parked on an empty pipe leaves its processor to the
// others: with one processor, a ticker coroutine keeps running (and is
// the one that finally writes), and the reader wakes with the data.
func TestPollPipeOneProcessor(t *testing.T) {
	s, m := newSched(t, 1)
	defer monitorIO(s)()
	r, w := pipe(t)
	var log logger
	var got atomic.Bool
	reader := spawn(s, m, func(g *G) uint64 {
		pfd := pollfd{fd: int32(r), events: sys.POLLIN}
		n := s.WaitFDs(g, unsafe.Pointer(&pfd), 1)
		buf := make([]byte, 16)
		k, err := unix.Read(r, buf)
		if err != nil {
			t.Error(err)
		}
		log.add("ready=%d revents=%#x read=%s", n, pfd.revents, buf[:k])
		got.Store(true)
		return 0
	})
	ticker := spawn(s, m, func(g *G) uint64 {
		for i := 0; !got.Load(); i++ {
			if i < 3 {
				log.add("tick%d", i)
			}
			if i == 3 {
				if _, err := unix.Write(w, []byte("hi")); err != nil {
					t.Error(err)
				}
			}
			if i > 5000 {
				t.Error("the reader never woke")
				break
			}
			s.Sleep(g, int64(time.Millisecond))
		}
		return 0
	})
	reader.Await(m)
	ticker.Await(m)
	s.Stop(m)
	log.check(t, "tick0 tick1 tick2 ready=1 revents=0x1 read=hi")
}

// A descriptor ready before the wait does not park; one among several
// wakes the coroutine once; a closed write end (POLLHUP) wakes it too.
func TestPollSeveral(t *testing.T) {
	s, m := newSched(t, 1)
	defer monitorIO(s)()
	r1, w1 := pipe(t)
	r2, w2 := pipe(t)
	unix.Write(w1, []byte("x"))
	pfd := [2]pollfd{{fd: int32(r1), events: sys.POLLIN}, {fd: -1}}
	if n := s.WaitFDs(m, unsafe.Pointer(&pfd[0]), 2); n != 1 || pfd[0].revents != sys.POLLIN {
		t.Errorf("ready pipe: %d %#x", n, pfd[0].revents)
	}
	unix.Read(r1, make([]byte, 1))
	done := spawn(s, m, func(g *G) uint64 {
		pfd := [2]pollfd{{fd: int32(r1), events: sys.POLLIN}, {fd: int32(r2), events: sys.POLLIN}}
		n := s.WaitFDs(g, unsafe.Pointer(&pfd[0]), 2)
		return uint64(n)<<32 | uint64(uint16(pfd[0].revents))<<16 | uint64(uint16(pfd[1].revents))
	})
	s.Sleep(m, int64(5*time.Millisecond))
	unix.Write(w2, []byte("y"))
	unix.Close(w1)
	v, _ := done.Await(m)
	// Both may be ready by the time the coroutine looks again.
	if n, a, b := v>>32, (v>>16)&0xffff, v&0xffff; b != sys.POLLIN || (n != 1 && n != 2) || (n == 1) != (a == 0) {
		t.Errorf("got n=%d revents %#x %#x", n, a, b)
	}
	hup := spawn(s, m, func(g *G) uint64 {
		pfd := pollfd{fd: int32(r1), events: sys.POLLIN}
		s.WaitFDs(g, unsafe.Pointer(&pfd), 1)
		return uint64(uint16(pfd.revents))
	})
	if v, _ := hup.Await(m); v&sys.POLLHUP == 0 {
		t.Errorf("closed pipe: revents %#x", v)
	}
	s.Stop(m)
	if n := atomic.LoadUint32(&s.poll.nwait); n != 0 {
		t.Errorf("%d waiters left", n)
	}
}

// Many coroutines on four processors park on their own pipes and on
// one shared pipe (which only one can register at a time: the others
// look again every millisecond); every one wakes with its data.
func TestConcurrentPollPipes(t *testing.T) {
	for _, procs := range []int{1, 4} {
		t.Run(fmt.Sprint(procs), func(t *testing.T) {
			s, m := newSched(t, procs)
			defer monitorIO(s)()
			const n = 40
			var rs, ws [n]int
			for i := range rs {
				rs[i], ws[i] = pipe(t)
			}
			sr, sw := pipe(t)
			var futs []*Future
			for i := 0; i < n; i++ {
				futs = append(futs, spawn(s, m, func(g *G) uint64 {
					fd := rs[i]
					if i%8 == 0 {
						fd = sr
					}
					pfd := pollfd{fd: int32(fd), events: sys.POLLIN}
					for {
						s.WaitFDs(g, unsafe.Pointer(&pfd), 1)
						var b [1]byte
						// The shared pipe: another coroutine may have
						// taken the byte first.
						unix.SetNonblock(fd, true)
						k, _ := unix.Read(fd, b[:])
						if k == 1 {
							return uint64(b[0])
						}
					}
				}))
			}
			s.Sleep(m, int64(2*time.Millisecond))
			for i := 0; i < n; i++ {
				if i%8 == 0 {
					unix.Write(sw, []byte{byte(i)})
				} else {
					unix.Write(ws[i], []byte{byte(i)})
				}
			}
			sum := 0
			for _, f := range futs {
				v, _ := f.Await(m)
				sum += int(v)
			}
			s.Stop(m)
			if want := n * (n - 1) / 2; sum != want {
				t.Errorf("sum %d, want %d", sum, want)
			}
		})
	}
}
