package ssa_test

import (
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/naturekit/naturekit/cfg"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/randprog"
	"github.com/naturekit/naturekit/ssa"
)

var scaling = flag.Bool("scaling", false, "run TestScaling (slow)")

// bigConfig shapes the generated functions of the scaling benchmarks:
// a long sequence of ifs, loops and arithmetic over 16 variables.
func bigConfig(n int) randprog.Config {
	return randprog.Config{Vars: 16, MaxDepth: 3, Stmts: 4, MinInstrs: n}
}

// stages are the steps whose cost must grow near-linearly. Each prepares
// its input from the linear function (outside the timing) and then runs.
type stage struct {
	name    string
	prepare func(f *lir.Func) // brings f to the stage's input form
	run     func(f *lir.Func) error
}

func toSSA(f *lir.Func) {
	if err := cfg.Build(f); err != nil {
		panic(err)
	}
	if err := ssa.Build(f); err != nil {
		panic(err)
	}
}

func stages() []stage {
	st := []stage{
		{"cfg", func(*lir.Func) {}, cfg.Build},
		{"ssa", func(f *lir.Func) {
			if err := cfg.Build(f); err != nil {
				panic(err)
			}
		}, ssa.Build},
		{"liveness", toSSA, func(f *lir.Func) error { ssa.ComputeLiveness(f); return nil }},
	}
	for _, name := range []string{"sccp", "copyprop", "simplify", "gvn", "dce"} {
		p, _ := ssa.PassNamed(name)
		st = append(st, stage{name, toSSA, p.Run})
	}
	st = append(st, stage{"all", toSSA, func(f *lir.Func) error { return ssa.Optimize(f, ssa.Passes(), false) }})
	return st
}

var benchSizes = []int{10_000, 100_000, 200_000}

// BenchmarkScale times each stage on generated functions of 10k, 100k and
// 200k instructions.
func BenchmarkScale(b *testing.B) {
	for _, n := range benchSizes {
		base := randprog.Generate(1, bigConfig(n)).Funcs[0]
		for _, st := range stages() {
			in := base.Clone()
			st.prepare(in)
			b.Run(fmt.Sprintf("%s/n=%dk", st.name, n/1000), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					f := in.Clone()
					runtime.GC() // collect the last iteration's garbage untimed
					b.StartTimer()
					if err := st.run(f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestScaling checks that each stage takes at most 2.3 times as long on a
// 200k-instruction function as on a 100k one.
//
// The machine may be shared, so each time is the best of several rounds,
// and the rounds alternate between the sizes so that a burst of load
// elsewhere hits all of them. Two clocks are read: wall time, and the CPU
// time of the test's thread, which another process cannot inflate. The
// collector is off while a stage runs (and run in between), so all the
// stage's work happens on that thread; the check uses the CPU time.
func TestScaling(t *testing.T) {
	if !*scaling {
		t.Skip("use -scaling")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	const rounds = 9
	for _, n := range benchSizes {
		t.Logf("n=%dk: %d linear instructions", n/1000, len(randprog.Generate(1, bigConfig(n)).Funcs[0].Linear))
	}
	t.Logf("%-9s %27s   %27s   %s", "", "wall 10k / 100k / 200k", "thread CPU 10k / 100k / 200k", "200k/100k wall, CPU")
	for _, st := range stages() {
		wall := make([]time.Duration, len(benchSizes))
		cpu := make([]time.Duration, len(benchSizes))
		for i := range benchSizes {
			wall[i], cpu[i] = 1<<62, 1<<62
		}
		for range rounds {
			for i, n := range benchSizes {
				// A fresh function each time, laid out in memory as the
				// front end (here the generator) and the earlier stages
				// leave it.
				f := randprog.Generate(1, bigConfig(n)).Funcs[0]
				st.prepare(f)
				runtime.GC()
				start, startCPU := time.Now(), threadCPU()
				if err := st.run(f); err != nil {
					t.Fatal(err)
				}
				cpu[i] = min(cpu[i], threadCPU()-startCPU)
				wall[i] = min(wall[i], time.Since(start))
			}
		}
		ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }
		wallRatio := float64(wall[2]) / float64(wall[1])
		cpuRatio := float64(cpu[2]) / float64(cpu[1])
		t.Logf("%-9s %7s %8s %8s ms   %7s %8s %8s ms   %.2f, %.2f", st.name,
			ms(wall[0]), ms(wall[1]), ms(wall[2]), ms(cpu[0]), ms(cpu[1]), ms(cpu[2]), wallRatio, cpuRatio)
		if cpuRatio > 2.3 {
			t.Errorf("%s: time(200k)/time(100k) = %.2f > 2.3", st.name, cpuRatio)
		}
	}
}

// threadCPU returns the CPU time the calling OS thread has used, from
// clock_gettime(CLOCK_THREAD_CPUTIME_ID), which counts nanoseconds
// (getrusage counts scheduler ticks).
func threadCPU() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID, Linux
	var ts syscall.Timespec
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	return time.Duration(ts.Nano())
}
