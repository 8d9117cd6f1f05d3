package suite

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
)

// The flags of the test binaries that run the suite.
var (
	filter    = flag.String("conformance.run", "", "run only the conformance cases whose name contains this")
	arm64Mode = flag.String("arm64.conformance", "all", "TestConformanceARM64's cases: all, sample (every third t1_/t2_ case and a few of the runtime's) or t12 (the t1_ and t2_ tiers)")
)

// Filter returns -conformance.run: run only the cases whose name
// contains it.
func Filter() string { return *filter }

// The expected-failures lists, relative to the repository's root:
// XfailFile for every target, XfailARM64File for linux_arm64 alone.
const (
	XfailFile      = "examples/naturec/testdata/conformance-xfail.txt"
	XfailARM64File = "examples/naturec/testdata/conformance-xfail-arm64.txt"
)

// EmulatorTimeScale is what every run under qemu gets: the scheduler's
// clock slowed down 20 times (rt/sched's clock.go), as qemu runs the
// program: a hot loop 5–7 times slower in CPU time than natively, a
// short coroutine program's cold code, translated once, a hundred times
// and more, and a loaded machine gives the emulator's threads less of
// the processors still (docs/backend-arm64.md "Time under emulation"
// has the measurements and the choice).
const EmulatorTimeScale = "NATURE_TIME_SCALE=20"

// undilated are the cases that run under emulation without
// EmulatorTimeScale, with why: their coroutines' sleeps race against
// time outside the program, which no scale slows down.
var undilated = map[string]string{
	"co_io_parks_coroutine": "main's 110 ms of co.sleep against children sleeping 0.3 and 0.5 s",
}

// arm64Sample are the cases beyond t1_ and t2_ in the sample: the
// runtime on arm64 beyond printing — coroutines on several processors
// (context switch, clone, futexes, atomics), the collector across
// coroutine stacks, faults from the signal handler (SIGTRAP from brk,
// nil pointers, stack overflows), panics and uncaught errors with
// backtraces; C calls (musl's start, its locks on several processors,
// errno).
var arm64Sample = map[string]bool{
	"t3_001_go_await": true, "t3_004_unbuffered_pingpong": true, "co_mutex_bank": true,
	"co_stack_overflow": true, "fault_div_narrow_types": true, "fault_rem_zero": true,
	"fault_nil_field_write": true, "fault_stack_overflow": true, "tR_004_uncaught_error": true,
	"tR_009_coroutine_uncaught": true, "t4_047_runtime_gc_stats": true,
	"co_libc_malloc_threads": true, "t4_041_libc_math_functions": true, "t4_044_libc_errno": true,
}

// ARM64 is TestConformanceARM64 for the cases of set (SetConformance,
// SetT3 or SetPrograms) at the optimisation level named level: each
// pair is its own test package, examples/naturec/arm64test/LEVEL/SET,
// with its own ten minutes (under qemu on a loaded machine, one level
// of the whole took more, and the default level of the shared suite
// with its t3_ tier all but ten minutes). naturec builds each case with --target linux_arm64 and the executable
// runs under qemu-aarch64-static (naturec's emulator) with
// EmulatorTimeScale and the coroutine cases' extra environments. Cases
// that fail on amd64 (XfailFile) are expected to fail here too;
// XfailARM64File lists, with a reason, those that fail only on arm64;
// those whose reason starts with "skip:" are not run. By default
// (-arm64.conformance=all) every case runs; =sample runs every third
// case of the t1_ and t2_ tiers and arm64Sample's (about a minute on a
// loaded machine), =t12 both tiers whole.
func ARM64(t *testing.T, level, set string) {
	CTool(t, "qemu-aarch64-static", "qemu-user-static")
	var levels []Level
	for _, l := range Levels() {
		if l.Name == level {
			levels = append(levels, l)
		}
	}
	if levels == nil {
		t.Fatalf("no optimisation level %q", level)
	}
	root := Root(t)
	xfailName := filepath.Join(root, XfailARM64File)
	xfail := ReadXfail(t, xfailName)
	for name, reason := range ReadXfail(t, filepath.Join(root, XfailFile)) {
		if _, ok := xfail[name]; !ok {
			xfail[name] = reason
		}
	}
	var cases []golden.Case
	n := 0
	for _, c := range LoadSet(t, set) {
		if reason := xfail[c.Name]; strings.HasPrefix(reason, "skip:") {
			t.Logf("%s not run on linux_arm64: %s", c.Name, reason)
			continue
		}
		tier12 := strings.HasPrefix(c.Name, "t1_") || strings.HasPrefix(c.Name, "t2_")
		sample := arm64Sample[c.Name]
		if !sample && tier12 {
			n++
			sample = n%3 == 1
		}
		switch *arm64Mode {
		case "all":
		case "t12":
			if !tier12 {
				continue
			}
		case "sample":
			if !sample {
				continue
			}
		default:
			t.Fatalf("-arm64.conformance=%q: want all, sample or t12", *arm64Mode)
		}
		cases = append(cases, c)
	}
	s := &Suite{
		Bin: Naturec(t), Xfail: xfail, XfailName: xfailName,
		Flags: []string{"--target", "linux_arm64"}, Envs: ExtraEnvsARM64, Levels: levels, Filter: Filter(),
		Env: []string{EmulatorTimeScale}, Undilated: undilated,
	}
	failing := s.Run(t, cases)
	t.Logf("%s on linux_arm64 at %s (-arm64.conformance=%s): %d cases, %d failing", set, level, *arm64Mode, len(cases), len(failing))
}
