package natgen

import (
	"os"
	"strings"
	"sync"
	"time"
)

// Timeout bounds one run of a generated program: they do little work, so
// a program still running after it is a finding.
const Timeout = 20 * time.Second

// Compilers are the builds a campaign compares: naturec at -O0 and by
// default, then the LIR interpreter (naturec run --interp) when interp
// is set, then the reference compiler when oracle is not "".
func Compilers(naturec, oracle string, interp bool) []Compiler {
	cs := []Compiler{
		{Name: "naturec -O0", Path: naturec, Args: []string{"build", "-O0"}},
		{Name: "naturec", Path: naturec, Args: []string{"build"}},
	}
	if interp {
		cs = append(cs, Compiler{Name: InterpreterName, Path: naturec, Args: []string{"run", "--interp"}, Interp: true})
	}
	if oracle != "" {
		cs = append(cs, Compiler{Name: referenceName, Path: oracle, Args: []string{"build"}})
	}
	return cs
}

const referenceName = "reference"

// InterpreterName names the interpreter among a campaign's compilers.
const InterpreterName = "interpreter"

// Known prefixes the Diff of a mismatch that is one of the reference
// compiler's known failures (spec/README.md: inputs that crash its
// compiler, programs it kills with a signal), not a naturekit bug.
const Known = "known: "

// referenceCrashed reports whether the reference compiler crashed on the
// program (an assertion in its compiler) or the program it built died
// of a signal.
func referenceCrashed(o Outcome) bool {
	if o.BuildError != "" {
		return strings.Contains(o.BuildError, "Assert") || strings.Contains(o.BuildError, "Segmentation")
	}
	return o.Exit > 128
}

// Result is one program of a campaign and how its builds compared.
type Result struct {
	Program  *Program
	Outcomes []Outcome
	// Diff is "" when every outcome agrees and the first build
	// succeeded; else the first difference, prefixed with the compilers'
	// names, or "invalid: ..." for a program no compiler built (a
	// generator bug).
	Diff string
	// Against is the index of the compiler whose outcome differed from
	// the first one's.
	Against int
	Err     error // a harness failure
}

// Differential builds and runs src with every compiler and compares each
// outcome with the first one's.
func Differential(src string, comps []Compiler, tmp string) ([]Outcome, string, int, error) {
	outs := make([]Outcome, len(comps))
	for i, c := range comps {
		o, err := Run(c, src, tmp, Timeout)
		if err != nil {
			return nil, "", 0, err
		}
		outs[i] = o
	}
	invalid := true
	for _, o := range outs {
		invalid = invalid && o.BuildError != ""
	}
	if invalid {
		return outs, "invalid: " + firstLine(outs[0].BuildError), 0, nil
	}
	for i := 1; i < len(outs); i++ {
		if d := Compare(outs[0], outs[i]); d != "" {
			d += " (" + comps[0].Name + " / " + comps[i].Name + ")"
			if comps[i].Name == referenceName && referenceCrashed(outs[i]) {
				d = Known + "reference crash: " + d
			}
			return outs, d, i, nil
		}
	}
	return outs, "", 0, nil
}

// Campaign generates count programs from seed and runs each through
// Differential on workers goroutines, calling report (serialised) with
// each result as it completes.
func Campaign(seed int64, count, workers int, cfg Config, comps []Compiler, report func(Result)) {
	seeds := make(chan int64)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range seeds {
				p := Generate(s, cfg)
				outs, diff, against, err := Differential(p.Text, comps, os.TempDir())
				mu.Lock()
				report(Result{Program: p, Outcomes: outs, Diff: diff, Against: against, Err: err})
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < count; i++ {
		seeds <- seed + int64(i)
	}
	close(seeds)
	wg.Wait()
}

// ReduceMismatch reduces a program whose Differential run with comps
// gave diff against comps[against] to a smaller one giving a difference
// of the same Signature between the same two compilers.
func ReduceMismatch(src string, comps []Compiler, against int, diff, tmp string) string {
	want := Signature(diff)
	pair := []Compiler{comps[0], comps[against]}
	return Reduce(src, func(cand string) bool {
		_, d, _, err := Differential(cand, pair, tmp)
		return err == nil && d != "" && Signature(d) == want
	})
}
