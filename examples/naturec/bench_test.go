package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// genProgram writes a deterministic tier-1 program of about lines lines:
// functions with integer and float arithmetic, branches, loops, strings
// and vecs, each called from main. It is the compile-speed benchmark's
// input (docs/bench-naturec.md).
func genProgram(lines int) string {
	var b strings.Builder
	n := 0
	for i := 0; n < lines-40; i++ {
		fmt.Fprintf(&b, `fn work%[1]d(int a, int b):int {
    int s = a * %[2]d + b
    float x = a as float * 1.5
    string name = 'work%[1]d'
    [int] v = [a, b, %[2]d]
    for int i = 0; i < b; i += 1 {
        if i %% 3 == 0 {
            s += i * a
        } else if i %% 3 == 1 {
            s -= b
        } else {
            s = s ^ (i << 2)
        }
        v.push(s)
    }
    for x2 in v {
        s += x2 %% 7
    }
    if x > 10.0 && name.len() > 1 {
        s += 1
    }
    name = name + '!'
    return s + v.len() + name.len()
}

`, i, i%97+1)
		n += 25
	}
	funcs := n / 25
	b.WriteString("fn main() {\n    int total = 0\n")
	for i := 0; i < funcs; i++ {
		fmt.Fprintf(&b, "    total += work%d(%d, %d)\n", i, i%13, i%7)
	}
	b.WriteString("    println(total)\n}\n")
	return b.String()
}

// BenchmarkBuild measures naturec build end to end (parse, sema, linear,
// back end, link) of a generated 20,000-line program, with the runtime
// object already cached, at -O0 and with the default optimisation. The
// metric lines/s is what docs/bench-naturec.md reports.
func BenchmarkBuild(b *testing.B) {
	src := genProgram(20000)
	path := writeFile(b, b.TempDir(), "main.n", src)
	lines := strings.Count(src, "\n")
	for _, level := range optLevels {
		b.Run(level.name, func(b *testing.B) {
			opts := compileOptions{target: "linux_amd64", noOptimize: level.noOptimize}
			if _, err := buildExecutable(path, opts); err != nil { // warms the runtime cache
				b.Fatal(err)
			}
			b.ResetTimer()
			for b.Loop() {
				if _, err := buildExecutable(path, opts); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}

// optLevels are the optimisation levels the tests build at: -O0 and the
// default.
var optLevels = []struct {
	name       string
	flags      []string // naturec's flags for the level
	noOptimize bool     // compileOptions for it
}{
	{"O0", []string{"-O0"}, true},
	{"default", nil, false},
}

// genExpected computes what genProgram(lines) prints, by running the
// same functions in Go.
func genExpected(lines int) string {
	work := func(k, a, b int64) int64 {
		s := a*(k%97+1) + b
		x := float64(a) * 1.5
		name := fmt.Sprintf("work%d", k)
		v := []int64{a, b, k%97 + 1}
		for i := int64(0); i < b; i++ {
			switch i % 3 {
			case 0:
				s += i * a
			case 1:
				s -= b
			default:
				s = s ^ (i << 2)
			}
			v = append(v, s)
		}
		for _, x2 := range v {
			s += x2 % 7
		}
		if x > 10.0 && len(name) > 1 {
			s++
		}
		name += "!"
		return s + int64(len(v)) + int64(len(name))
	}
	funcs := 0
	for n := 0; n < lines-40; n += 25 {
		funcs++
	}
	var total int64
	for i := 0; i < funcs; i++ {
		total += work(int64(i), int64(i%13), int64(i%7))
	}
	return fmt.Sprintf("%d\n", total)
}

// TestGeneratedProgram builds the benchmark's program (smaller) with and
// without optimisation and checks both print what the same code computes
// in Go.
func TestGeneratedProgram(t *testing.T) {
	const lines = 2000
	dir := t.TempDir()
	path := writeFile(t, dir, "main.n", genProgram(lines))
	want := genExpected(lines)
	for _, level := range optLevels {
		exe, err := buildExecutable(path, compileOptions{target: "linux_amd64", noOptimize: level.noOptimize})
		if err != nil {
			t.Fatal(err)
		}
		bin := filepath.Join(dir, "prog")
		if err := os.WriteFile(bin, exe, 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin).Output()
		if err != nil || string(out) != want {
			t.Errorf("%s: output %q (%v), want %q", level.name, out, err, want)
		}
	}
}
