package arm64

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/naturekit/naturekit/asm"
)

// TestConcurrent assembles different programs from many goroutines at
// once (run it with -race) and checks each result against a sequential
// assembly of the same program.
func TestConcurrent(t *testing.T) {
	const workers = 8
	srcs := make([][]byte, workers)
	want := make([][]byte, workers)
	for i := range srcs {
		srcs[i] = []byte(strings.Join(acceptedLines(randomProgram(uint64(100+i), 20)), "\n") + "\n")
		obj, err := asm.Assemble(Arch{}, "seq.s", srcs[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i] = obj.Section(".text").Data
	}
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			for range 4 {
				obj, err := asm.Assemble(Arch{}, "par.s", srcs[i])
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(obj.Section(".text").Data, want[i]) {
					t.Errorf("worker %d: concurrent result differs from sequential", i)
					return
				}
			}
		})
	}
	wg.Wait()
}

// acceptedLines drops the instructions of prog that this package
// rejects, keeping labels.
func acceptedLines(prog []string) []string {
	var out []string
	for _, l := range prog {
		if strings.HasSuffix(l, ":") {
			out = append(out, l)
			continue
		}
		if _, _, _, err := encodeLine(l); err == nil {
			out = append(out, l)
		}
	}
	return out
}
