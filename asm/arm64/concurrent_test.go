package arm64

import (
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// TestConcurrent assembles different programs from many goroutines at
// once (run it with -race) and checks each result against a sequential
// assembly of the same program.
func TestConcurrent(t *testing.T) {
	var srcs [][]byte
	for i := range 8 {
		srcs = append(srcs, []byte(strings.Join(acceptedLines(randomProgram(uint64(100+i), 20)), "\n")+"\n"))
	}
	asmtest.Concurrent(t, srcs, func(src []byte) ([]byte, error) {
		obj, err := asm.Assemble(Arch{}, "in.s", src)
		if err != nil {
			return nil, err
		}
		return obj.Section(".text").Data, nil
	})
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
