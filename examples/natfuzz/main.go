// Command natfuzz generates random Nature programs (examples/internal/natgen)
// and runs them differentially: each is built with naturec at -O0 and at
// the default optimisation, and, with -oracle, with the reference
// compiler, and, with -interp, run in the LIR interpreter (naturec run
// --interp: the front end's LIR before any optimisation, where the
// interpreter's host runtime can run it — not coroutines); the outputs
// and exit statuses must agree. Each mismatch is written to -out with
// its program, reduced with -reduce.
//
// Usage:
//
//	go run ./examples/natfuzz [-seed N] [-n COUNT] [-interp] [-oracle PATH] [-reduce] [-out DIR] [-j WORKERS]
//	go run ./examples/natfuzz -print -seed N        # one program's text
//	go run ./examples/natfuzz -coverage -n 10000    # constructs per 10,000 programs
//	go run ./examples/natfuzz -reduce-file prog.n [-oracle PATH]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/naturekit/naturekit/examples/internal/natgen"
)

func main() {
	seed := flag.Int64("seed", 1, "first seed")
	n := flag.Int("n", 100, "number of programs")
	interp := flag.Bool("interp", false, "also run each program in the LIR interpreter (naturec run --interp) where its host runtime can")
	oracle := flag.String("oracle", "", "also build with this reference compiler (e.g. ../shared/oracle/nature); restricts the generator to what it runs correctly")
	naturec := flag.String("naturec", "", "the naturec binary (default: go build it)")
	reduce := flag.Bool("reduce", false, "reduce each mismatching program")
	out := flag.String("out", "", "directory for mismatching programs (default: print them)")
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "programs run at once")
	features := flag.String("features", "", "comma-separated construct groups (default all: "+strings.Join(natgen.Features(), ",")+")")
	funcs := flag.Int("funcs", 4, "generated functions per program")
	printProg := flag.Bool("print", false, "print the program of -seed and exit")
	reduceFile := flag.String("reduce-file", "", "reduce this program while its builds still differ the same way, print the result and exit")
	coverage := flag.Bool("coverage", false, "print how often each construct occurs in -n programs and exit")
	flag.Parse()

	cfg := natgen.Config{Oracle: *oracle != "", Funcs: *funcs}
	if *features != "" {
		cfg.Features = strings.Split(*features, ",")
	}
	if *printProg {
		fmt.Print(natgen.Generate(*seed, cfg).Text)
		return
	}
	if *coverage {
		printCoverage(*seed, *n, cfg)
		return
	}
	bin := *naturec
	if bin == "" {
		var err error
		if bin, err = buildNaturec(); err != nil {
			fail(err)
		}
	}
	comps := natgen.Compilers(bin, *oracle, *interp)
	if *reduceFile != "" {
		reduceOne(*reduceFile, comps)
		return
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			fail(err)
		}
	}
	start := time.Now()
	var mu sync.Mutex
	mismatches, known := 0, 0
	var interpreted interpCounts
	natgen.Campaign(*seed, *n, *workers, cfg, comps, func(r natgen.Result) {
		if r.Err != nil {
			fail(r.Err)
		}
		interpreted.add(comps, r)
		if r.Diff == "" {
			return
		}
		if strings.HasPrefix(r.Diff, natgen.Known) && !*reduce {
			mu.Lock()
			known++
			fmt.Printf("seed %d: %s\n", r.Program.Seed, firstLine(r.Diff))
			mu.Unlock()
			return
		}
		text := r.Program.Text
		if *reduce {
			text = natgen.ReduceMismatch(text, comps, r.Against, r.Diff, os.TempDir())
		}
		mu.Lock()
		defer mu.Unlock()
		mismatches++
		report := fmt.Sprintf("seed %d: %s\n", r.Program.Seed, r.Diff)
		if *out == "" {
			fmt.Print(report, text, "\n")
			return
		}
		fmt.Print(report)
		base := filepath.Join(*out, fmt.Sprintf("seed%d", r.Program.Seed))
		if err := os.WriteFile(base+".n", []byte(text), 0o644); err != nil {
			fail(err)
		}
		if err := os.WriteFile(base+".diff", []byte(report), 0o644); err != nil {
			fail(err)
		}
	})
	fmt.Printf("%d programs from seed %d, %d mismatches, %d known differences, %v\n", *n, *seed, mismatches, known, time.Since(start).Round(time.Second))
	if *interp {
		interpreted.print()
	}
	if mismatches > 0 {
		os.Exit(1)
	}
}

// interpCounts counts the programs the interpreter ran to the end and
// why it could not run the others.
type interpCounts struct {
	ran     int
	reasons map[string]int
}

func (c *interpCounts) add(comps []natgen.Compiler, r natgen.Result) {
	for i, comp := range comps {
		if comp.Name != natgen.InterpreterName || i >= len(r.Outcomes) {
			continue
		}
		why := r.Outcomes[i].Unsupported
		if why == "" {
			c.ran++
			return
		}
		if c.reasons == nil {
			c.reasons = map[string]int{}
		}
		c.reasons[why]++
	}
}

func (c *interpCounts) print() {
	fmt.Printf("interpreted to the end: %d\n", c.ran)
	keys := make([]string, 0, len(c.reasons))
	for k := range c.reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return c.reasons[keys[i]] > c.reasons[keys[j]] })
	for _, k := range keys {
		fmt.Printf("  not interpreted (%d): %s\n", c.reasons[k], k)
	}
}

// reduceOne reduces a program file that shows a difference.
func reduceOne(path string, comps []natgen.Compiler) {
	src, err := os.ReadFile(path)
	if err != nil {
		fail(err)
	}
	_, diff, against, err := natgen.Differential(string(src), comps, os.TempDir())
	if err != nil {
		fail(err)
	}
	if diff == "" {
		fail(fmt.Errorf("%s: the builds agree", path))
	}
	fmt.Printf("%s: %s\n", path, diff)
	fmt.Print(natgen.ReduceMismatch(string(src), comps, against, diff, os.TempDir()))
}

func printCoverage(seed int64, n int, cfg natgen.Config) {
	total := map[string]int{}
	programs := map[string]int{}
	for i := 0; i < n; i++ {
		p := natgen.Generate(seed+int64(i), cfg)
		for k, c := range p.Counts {
			total[k] += c
			programs[k]++
		}
	}
	keys := make([]string, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Printf("| construct | occurrences in %d programs | programs using it |\n| --- | ---: | ---: |\n", n)
	for _, k := range keys {
		fmt.Printf("| %s | %d | %d |\n", strings.ReplaceAll(k, "|", "\\|"), total[k], programs[k])
	}
}

// buildNaturec builds the driver from the module this command belongs to.
func buildNaturec() (string, error) {
	dir, err := os.MkdirTemp("", "natfuzz")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "naturec")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/naturekit/naturekit/examples/naturec")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build naturec: %v\n%s", err, msg)
	}
	return bin, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "natfuzz:", err)
	os.Exit(2)
}
