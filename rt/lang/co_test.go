package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/internal/layouttest"
	"github.com/naturekit/naturekit/rt/sched"
)

// TestCoLayout checks the layouts compiled code and std co share with
// rt/sched: select arms (abi.SelCase*) and co.mutex's mutex_t, four
// words of which the runtime's Mutex is the image.
func TestCoLayout(t *testing.T) {
	layouttest.Check(t, sched.SelCase{}, abi.SelCaseSize, abi.SelCaseOffChan, abi.SelCaseOffKind, abi.SelCaseOffVal)
	if n := unsafe.Sizeof(sched.Mutex{}); n != 32 {
		t.Errorf("sched.Mutex is %d bytes; std co/mutex.n's mutex_t is 32", n)
	}
	if sched.FutureOffResult != 0 || sched.FutureOffErr != 8 || sched.ChanOffBuf != 0 {
		t.Errorf("the traced words of Future and Chan moved: update coInit's masks")
	}
}

// TestChanUnderGC: values alive only in a channel's ring survive torture
// collection, and the error messages of a closed channel.
func TestChanUnderGC(t *testing.T) {
	tr := newRT(t, gc.Config{Torture: true})
	c := tr.ChanNew(true, 8, nil)
	tr.roots[0] = uintptr(unsafe.Pointer(c))
	for i := 0; i < 8; i++ {
		s := tr.str("value" + string(rune('a'+i)))
		tr.roots[1] = uintptr(unsafe.Pointer(s))
		if msg := tr.ChanSend(c, bitsOf(unsafe.Pointer(s))); msg != nil {
			t.Fatalf("send: %q", goString(msg))
		}
		tr.roots[1] = 0
		tr.str("garbage") // a cycle per allocation
	}
	if msg := tr.ChanClose(c); msg != nil {
		t.Fatal("close failed")
	}
	for i := 0; i < 8; i++ {
		var v uint64
		if msg := tr.ChanRecv(c, &v); msg != nil {
			t.Fatalf("recv %d: %q", i, goString(msg))
		}
		if got, want := goString((*String)(ptrOf(v))), "value"+string(rune('a'+i)); got != want {
			t.Errorf("recv %d: %q, want %q", i, got, want)
		}
	}
	var v uint64
	if msg := tr.ChanRecv(c, &v); goString(msg) != "recv on closed channel" {
		t.Errorf("recv of a drained closed channel: %q", goString(msg))
	}
	if msg := tr.ChanSend(c, 1); goString(msg) != "send on closed channel" {
		t.Errorf("send on a closed channel: %q", goString(msg))
	}
	if msg := tr.ChanClose(c); goString(msg) != "chan already closed" {
		t.Errorf("second close: %q", goString(msg))
	}
	var ok uint64
	if msg := tr.ChanTrySend(c, 1, &ok); goString(msg) != "send on closed channel" || ok != 0 {
		t.Errorf("try_send on a closed channel: %q %d", goString(msg), ok)
	}
	if tr.ChanTryRecv(c, &v) || v != 0 {
		t.Error("try_recv of a closed channel")
	}
}
