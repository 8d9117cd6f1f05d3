package sys

import (
	"os"
	"testing"
	"time"
	"unsafe"

	"github.com/naturekit/naturekit/rt/internal/aborttest"
)

func TestMmapMadvise(t *testing.T) {
	const size = 4 * PageSize
	p, errno := Mmap(size)
	if errno != 0 {
		t.Fatalf("Mmap: errno %d", errno)
	}
	defer Munmap(p, size)
	b := unsafe.Slice((*byte)(p), size)
	for i := range b {
		if b[i] != 0 {
			t.Fatalf("fresh mapping not zero at %d", i)
		}
		b[i] = 0xa5
	}
	if errno := MadviseDontneed(p, size); errno != 0 {
		t.Fatalf("MadviseDontneed: errno %d", errno)
	}
	for i := range b {
		if b[i] != 0 {
			t.Fatalf("byte %d = %#x after MADV_DONTNEED, want 0", i, b[i])
		}
	}
}

func TestReserveCommit(t *testing.T) {
	const size = 1 << 30
	p, errno := Reserve(size)
	if errno != 0 {
		t.Fatalf("Reserve: errno %d", errno)
	}
	defer Munmap(p, size)
	q := unsafe.Add(p, size/2)
	if errno := Commit(q, PageSize); errno != 0 {
		t.Fatalf("Commit: errno %d", errno)
	}
	*(*uint64)(q) = 42
	if *(*uint64)(q) != 42 {
		t.Fatal("committed page does not hold a write")
	}
}

func TestMemmoveMemclr(t *testing.T) {
	b := []byte("0123456789")
	Memmove(unsafe.Pointer(&b[2]), unsafe.Pointer(&b[0]), 5)
	if string(b) != "0101234789" {
		t.Fatalf("overlapping Memmove: %q", b)
	}
	Memclr(unsafe.Pointer(&b[1]), 3)
	if string(b) != "0\x00\x00\x00234789" {
		t.Fatalf("Memclr: %q", b)
	}
}

func TestWrite(t *testing.T) {
	msg := []byte("")
	if n, errno := Write(1, unsafe.Pointer(&msg), 0); n != 0 || errno != 0 {
		t.Fatalf("empty Write = %d, %d", n, errno)
	}
}

func TestAtomics(t *testing.T) {
	var u32 uint32
	var u64 uint64
	var up uintptr
	if Add32(&u32, 3) != 3 || !Cas32(&u32, 3, 5) || Cas32(&u32, 3, 6) || Swap32(&u32, 7) != 5 || Load32(&u32) != 7 {
		t.Error("uint32 atomics")
	}
	Store64(&u64, 1<<40)
	if Add64(&u64, 1) != 1<<40+1 || !Cas64(&u64, 1<<40+1, 2) || Swap64(&u64, 9) != 2 || Load64(&u64) != 9 {
		t.Error("uint64 atomics")
	}
	Storeuintptr(&up, 4)
	if Adduintptr(&up, ^uintptr(0)) != 3 || !Casuintptr(&up, 3, 8) || Swapuintptr(&up, 1) != 8 || Loaduintptr(&up) != 1 {
		t.Error("uintptr atomics")
	}
}

func TestClock(t *testing.T) {
	t0 := Nanotime()
	Nanosleep(2e6)
	if d := Nanotime() - t0; d < 2e6 {
		t.Fatalf("slept %d ns, want >= 2ms", d)
	}
}

func TestConcurrentFutex(t *testing.T) {
	var key uint32
	done := make(chan struct{})
	go func() {
		for Load32(&key) == 0 {
			FutexWait(&key, 0, -1)
		}
		close(done)
	}()
	Nanosleep(1e6)
	Store32(&key, 1)
	// The waiter may not be asleep yet; wake until it has left.
	for woken := false; !woken; {
		FutexWake(&key, 1)
		select {
		case <-done:
			woken = true
		case <-time.After(time.Millisecond):
		}
	}
	if e := FutexWait(&key, 0, 1000); e != EAGAIN {
		t.Fatalf("FutexWait on changed value = %d, want EAGAIN", e)
	}
	if e := FutexWait(&key, 1, 1e6); e != ETIMEDOUT {
		t.Fatalf("FutexWait timeout = %d, want ETIMEDOUT", e)
	}
}

func TestAbort(t *testing.T) {
	aborttest.Expect(t, "boom", func() { Abort("boom") })
}

func TestArgs(t *testing.T) {
	if Argc() != len(os.Args) {
		t.Fatalf("Argc = %d, want %d", Argc(), len(os.Args))
	}
	argv := unsafe.Slice((**byte)(Argv()), Argc()+1)
	for i, a := range os.Args {
		if got := unsafe.String(argv[i], len(a)); got != a || *(*byte)(unsafe.Add(unsafe.Pointer(argv[i]), len(a))) != 0 {
			t.Errorf("argv[%d] = %q, want %q", i, got, a)
		}
	}
	if argv[Argc()] != nil {
		t.Error("argv is not nil-terminated")
	}
	n := 0
	for e := Envp(); *(*unsafe.Pointer)(e) != nil; e = unsafe.Add(e, 8) {
		n++
	}
	if n != len(os.Environ()) {
		t.Errorf("envp has %d entries, want %d", n, len(os.Environ()))
	}
}

func TestMachine(t *testing.T) {
	var regs Registers
	regs[0] = 1
	SpillRegisters(&regs)
	if regs != (Registers{}) {
		t.Error("host SpillRegisters does not clear")
	}
	if StackTop() != 0 || DataStart() != 0 || DataEnd() != 0 {
		t.Error("host stack and data bounds are not 0")
	}
	if GetSP() == 0 {
		t.Error("GetSP = 0")
	}
}
