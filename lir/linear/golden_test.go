package linear

import (
	"sync"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
	"github.com/naturekit/naturekit/lir/linear/hostrt"
)

// TestGolden reads testdata/*.txtar. Each archive's main.n section is a
// Nature program; the test lowers it and compares the module's text with
// the lir section, or the error with the error section (go test -update
// rewrites them). Every output passes lir.Verify and round-trips
// through lir.Parse, and runs in the interpreter when the archive has a
// stdout section.
func TestGolden(t *testing.T) {
	golden.Run(t, "testdata/*.txtar", func(t *testing.T, g *golden.File) {
		m, err := lower(t, g.Input("main.n"))
		if err != nil {
			g.OutputString("error", err.Error()+"\n")
			g.OutputString("lir", "")
			return
		}
		checkModule(t, m)
		g.OutputString("error", "")
		g.OutputString("lir", m.String())
		if g.Has("stdout") {
			out, _, err := hostrt.Run(m, hostrt.Limits{})
			if err != nil {
				t.Errorf("run: %v", err)
			}
			g.OutputString("stdout", out)
		}
	})
}

// TestConcurrent lowers two programs at once, many times: Build keeps
// no shared state (run with -race).
func TestConcurrent(t *testing.T) {
	lowerConcurrently(t, 20, nil, "t1_029_closure_counter", "t1_040_struct_defaults")
}

// lowerConcurrently lowers the programs srcs and the main.n of the named
// conformance cases once, then each of them rounds more times in a
// goroutine of its own, and checks every result is the first one.
func lowerConcurrently(t *testing.T, rounds int, srcs [][]byte, cases ...string) {
	t.Helper()
	for _, name := range cases {
		cs, err := golden.Conformance(conformanceDir, name+".txtar")
		if err != nil || len(cs) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		srcs = append(srcs, cs[0].Files["main.n"])
	}
	want := make([]string, len(srcs))
	for i, src := range srcs {
		m, err := lower(t, src)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = m.String()
	}
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				m, err := lower(t, src)
				if err != nil {
					t.Error(err)
					return
				}
				if m.String() != want[i] {
					t.Error("output differs between runs")
					return
				}
			}
		}()
	}
	wg.Wait()
}
