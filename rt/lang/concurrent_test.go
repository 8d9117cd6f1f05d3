package lang

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/naturekit/naturekit/rt/gc"
)

// TestConcurrentRuntimes runs two runtimes in parallel goroutines, one in
// torture mode: they share no state (run it with -race).
func TestConcurrentRuntimes(t *testing.T) {
	rts := []*testRT{newRT(t, gc.Config{Torture: true}), newRT(t, gc.Config{MinTrigger: 1 << 16})}
	const steps = 150
	got := make([]string, len(rts))
	want := make([]string, len(rts))
	var wg sync.WaitGroup
	for n, r := range rts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorkload(r)
			var model strings.Builder
			for i := 0; i < steps; i++ {
				w.step(i)
				last := (*String)(ptrOf(elems((*Vec)(w.ptr(rootList)))[len(w.list)-1]))
				r.PrintInt(int64(i))
				r.PrintByte(' ')
				r.PrintFloat(float64(i) / 7)
				r.PrintByte(' ')
				r.PrintString(last)
				r.PrintByte('\n')
				r.PrintEnd()
				fmt.Fprintf(&model, "%d %f %s\n", i, float64(i)/7, w.list[len(w.list)-1])
			}
			got[n], want[n] = r.output(), model.String()
		}()
	}
	wg.Wait()
	for n := range rts {
		if got[n] != want[n] {
			t.Errorf("runtime %d printed\n%s\nwant\n%s", n, got[n], want[n])
		}
	}
}
