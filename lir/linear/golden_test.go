package linear

import (
	"sync"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
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
			out, _, err := run(m)
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
	var archives [][]byte
	for _, name := range []string{"t1_029_closure_counter", "t1_040_struct_defaults"} {
		cases, err := golden.Conformance(conformanceDir, name+".txtar")
		if err != nil || len(cases) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		archives = append(archives, cases[0].Files["main.n"])
	}
	want := make([]string, len(archives))
	for i, ar := range archives {
		m, err := lower(t, ar)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = m.String()
	}
	var wg sync.WaitGroup
	for i, ar := range archives {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				m, err := lower(t, ar)
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
